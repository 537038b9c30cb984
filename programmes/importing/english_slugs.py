"""English slugs derived from English names, for pages that have none of their own.

Used by the data migration that gave every page an English slug (with the
migration's models) and by ``manage.py english_slugs`` (with the current ones),
for pages that got English names later, e.g. institutions' English names filled
after the import. A page whose English slug is still its Dutch one has no
English address of its own: giving it one leaves no old address behind, since
the Dutch slug under /en/ redirects to the new one.
"""

from collections.abc import Callable

from django.db import models

from .normalise import english_slug, programme_slug

BATCH_SIZE = 500


def english_slugs_fill(
    *,
    municipality: type[models.Model],
    institution: type[models.Model],
    study: type[models.Model],
    programme: type[models.Model],
    keep_chosen: bool,
) -> int:
    """Give each page without an English slug of its own (all pages unless
    ``keep_chosen``) one from its English name, else its Dutch slug, unique
    among the English slugs. How many slugs changed."""
    changed = _fill(municipality.objects.all(), lambda m: m.name_en, 100, keep_chosen)
    changed += _fill(institution.objects.all(), lambda i: i.name_en, 100, keep_chosen)
    changed += _fill(
        study.objects.all(),
        lambda s: s.name_en and f"{s.name_en} {s.level}",
        120,
        keep_chosen,
    )
    rows = programme.objects.select_related("study", "institution", "municipality")
    return changed + _fill(rows, _programme_english_slug, 160, keep_chosen)


def _programme_english_slug(row) -> Callable[[set[str]], str] | None:
    """The programme's English slug as the import builds it, if it has an
    English name: a function of the slugs taken."""
    if not row.name_en:
        return None
    institution = row.institution

    def build(taken: set[str]) -> str:
        return programme_slug(
            name=row.name_en,
            level=row.study.level,
            institution_name=institution.name_en or institution.name_nl,
            place=(row.municipality.name_nl or "").lower() if row.municipality else "",
            form=row.form,
            code=f"{row.study.croho_code} {row.location_code}",
            taken=taken,
            language="en",
        )

    return build


def _fill(rows: models.QuerySet, english_base, max_length: int, keep_chosen) -> int:
    """Pages that keep their slug choose first, then those without an English
    name (their Dutch slug), then the others in order of id. A slug a page
    gives up is taken by no other page in the same run: one UPDATE writes them
    all, and the unique index checks each row as it goes."""
    pages = list(rows.order_by("pk"))

    def keeps(page) -> bool:
        return keep_chosen and page.slug_en not in ("", page.slug)

    bases = {page.pk: None if keeps(page) else english_base(page) for page in pages}
    pages.sort(key=lambda page: (not keeps(page), bool(bases[page.pk])))
    taken = {page.slug_en for page in pages} - {""}
    changed = []
    for page in pages:
        if keeps(page):
            continue
        taken.discard(page.slug_en)
        base = bases[page.pk]
        if callable(base):
            slug = base(taken)
        else:
            slug = english_slug(base, page.slug, taken, max_length=max_length)
        if slug != page.slug_en:
            taken.add(page.slug_en)
            page.slug_en = slug
            changed.append(page)
    rows.model.objects.bulk_update(changed, ["slug_en"], batch_size=BATCH_SIZE)
    return len(changed)
