"""The search synonyms shipped with the code, loaded into SynonymGroup after
each migrate: groups not loaded before are added, those loaded before are left
as staff edited them (or switched them off)."""

from pathlib import Path

from django.apps import apps as installed_apps

SYNONYM_FILE = Path(__file__).resolve().parent / "data" / "search_synonyms.txt"


def synonym_file_groups(path: Path = SYNONYM_FILE) -> list[list[str]]:
    """The file's groups: one a line, terms separated by commas, # comments."""
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        terms = [term.strip() for term in line.split("#", 1)[0].split(",")]
        if terms := [term for term in terms if term]:
            groups.append(terms)
    return groups


def synonyms_load(path: Path = SYNONYM_FILE, apps=installed_apps) -> int:
    """Add the file's groups that were never loaded; the number added."""
    model = apps.get_model("programmes", "SynonymGroup")
    loaded = set(model.objects.values_list("file_key", flat=True))
    new = [
        model(terms=", ".join(terms), file_key=terms[0][:200])
        for terms in synonym_file_groups(path)
        if terms[0][:200] not in loaded
    ]
    model.objects.bulk_create(new)
    return len(new)


def synonyms_after_migrate(sender, apps=installed_apps, **kwargs):
    """Unless the database was migrated back to before the table existed."""
    try:
        apps.get_model("programmes", "SynonymGroup")
    except LookupError:
        return
    synonyms_load(apps=apps)
