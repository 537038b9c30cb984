"""The search synonyms shipped in programmes/data/search_synonyms.txt and their
loading into the admin-editable SynonymGroup."""

import pytest

from programmes.models import SynonymGroup
from programmes.synonyms import synonym_file_groups, synonyms_load

pytestmark = pytest.mark.django_db


def test_the_file_pairs_the_words_students_type_in_both_languages():
    groups = [set(terms) for terms in synonym_file_groups()]
    for pair in (
        {"rechten", "rechtsgeleerdheid", "law"},
        {"geneeskunde", "medicine"},
        {"ict", "informatica"},
        {"verpleegkunde", "nursing"},
        {"psychologie", "psychology"},
        {"bedrijfskunde", "business administration"},
    ):
        assert any(pair <= group for group in groups), pair
    keys = [terms[0] for terms in synonym_file_groups()]
    assert len(keys) == len(set(keys))


def test_loading_adds_new_groups_only_and_keeps_admin_edits(tmp_path):
    SynonymGroup.objects.all().delete()
    path = tmp_path / "synonyms.txt"
    path.write_text("# a comment\nrechten, law\n\ngeneeskunde,medicine  # note\n")
    assert synonyms_load(path) == 2
    edited = SynonymGroup.objects.get(file_key="rechten")
    edited.terms = "rechten, law, rechtsgeleerdheid"
    edited.save()
    SynonymGroup.objects.filter(file_key="geneeskunde").update(is_active=False)
    path.write_text("rechten, law\ngeneeskunde, medicine\nict, informatica\n")
    assert synonyms_load(path) == 1
    assert sorted(g.term_list()[0] for g in SynonymGroup.objects.all()) == [
        "geneeskunde",
        "ict",
        "rechten",
    ]
    assert SynonymGroup.objects.get(file_key="rechten").term_list() == [
        "rechten",
        "law",
        "rechtsgeleerdheid",
    ]
    assert not SynonymGroup.objects.get(file_key="geneeskunde").is_active


def test_migrate_loads_the_shipped_file():
    """The test database is set up by migrate's post_migrate, as a deploy is."""
    loaded = set(SynonymGroup.objects.values_list("file_key", flat=True))
    assert {terms[0] for terms in synonym_file_groups()} <= loaded
