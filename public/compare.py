"""Compare programmes side by side: the table the compare page shows and its
export writes. What the visitor chose, and how the address names it, is in
compare_selection.py.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.models import CareerMetric
from careers.selectors import study_career_figures
from figures.derived import best_marks
from figures.formatting import about_parts, printed, score
from figures.publication import Figure, count_figure
from programmes.models import FeeKind, Programme, TuitionFee
from surveys.selectors import compared_scores

from .compare_selection import MAX_COMPARED
from .labour_market import page_labour_market_contexts

# Career metrics in page order, how to print them, and which value is best.
CAREER_ROWS = [
    (CareerMetric.MONTHS_TO_JOB, "number", "lowest"),
    (CareerMetric.PERMANENT_CONTRACT, "percent", "highest"),
    (CareerMetric.JOB_IN_FIELD, "percent", "highest"),
    (CareerMetric.JOB_AT_LEVEL, "percent", "highest"),
    (CareerMetric.STARTING_SALARY, "salary", "highest"),
    (CareerMetric.WEEKLY_HOURS, "number", ""),
    (CareerMetric.SELF_EMPLOYED, "percent", ""),
    (CareerMetric.JOB_SATISFACTION, "score", "highest"),
    (CareerMetric.CAREER_PROSPECTS, "score", "highest"),
]


@dataclass(frozen=True)
class CompareCell:
    """One programme's entry in a row: a figure (judged by the publication rule)
    or a text, as the page and the export both print it."""

    figure: Figure | None = None
    text: str = ""
    kind: str = ""
    is_best: bool = False
    national: Figure | None = None

    @property
    def is_blank(self) -> bool:
        """Nothing to read: no text, or a figure that is missing or withheld."""
        if self.figure is not None:
            return not self.figure.is_shown
        return not self.text

    @property
    def value(self) -> str:
        """The value as printed; empty for a withheld figure."""
        if self.figure is None:
            return self.text
        return printed(self.figure.value, self.kind) if self.figure.is_shown else ""

    @property
    def national_value(self) -> str:
        shown = self.national is not None and self.national.is_shown
        return score(self.national.value) if shown else ""

    @property
    def is_demo(self) -> bool:
        figures = (self.figure, self.national)
        return any(f is not None and f.source and not f.source.is_real for f in figures)

    @property
    def reads_as(self) -> tuple:
        """What a visitor reads in the cell, so that two cells can be told apart."""
        figure = self.figure
        about = (figure.reason, *about_parts(figure)) if figure else ()
        return (self.value, about, self.national_value)


@dataclass(frozen=True)
class CompareRow:
    label: str
    cells: list[CompareCell]
    # Set by compare_table: every programme reads the same (printed once), and
    # so the row is left out when the visitor asks for differences only.
    is_same: bool = False
    is_hidden: bool = False

    @property
    def is_blank(self) -> bool:
        return all(cell.is_blank for cell in self.cells)

    @property
    def is_demo(self) -> bool:
        return any(cell.is_demo for cell in self.cells)


@dataclass(frozen=True)
class CompareSection:
    key: str
    title: str
    rows: list[CompareRow] = field(default_factory=list)
    is_demo: bool = False
    note: str = ""

    @property
    def is_hidden(self) -> bool:
        return all(row.is_hidden for row in self.rows)


@dataclass(frozen=True)
class CompareTable:
    """What the compare page shows and its export writes: one truth for both."""

    programmes: list[Programme]
    sections: list[CompareSection]
    only_differences: bool = False
    # The rows without a figure for any programme, left out of the table.
    left_out: list[str] = field(default_factory=list)

    @property
    def is_demo(self) -> bool:
        return any(p.is_demo for p in self.programmes) or any(
            section.is_demo for section in self.sections
        )

    @property
    def has_same_rows(self) -> bool:
        return any(row.is_same for section in self.sections for row in section.rows)

    def shown_rows(self) -> Iterator[tuple[CompareSection, CompareRow]]:
        """The rows a visitor sees, section by section, in page order."""
        for section in self.sections:
            for row in section.rows:
                if not row.is_hidden:
                    yield section, row


def _figure_row(label, figures, kind, best="", nationals=None) -> CompareRow:
    nationals = nationals or [None] * len(figures)
    marks = best_marks(figures, best, kind)
    return CompareRow(
        str(label),
        [
            CompareCell(
                figure=figure or Figure.missing(),
                kind=kind,
                is_best=mark,
                national=national,
            )
            for figure, mark, national in zip(figures, marks, nationals, strict=True)
        ],
    )


def _text_row(label, texts) -> CompareRow:
    return CompareRow(str(label), [CompareCell(text=str(text)) for text in texts])


def programmes_for_comparison(queryset) -> list[Programme]:
    """The programmes with what the table joins, in two queries."""
    return list(
        queryset.published()
        .with_place()
        .select_related("source", "summary__students_source")
        .prefetch_related(
            Prefetch(
                "fees",
                queryset=TuitionFee.objects.select_related("source").order_by(
                    "-academic_year"
                ),
            )
        )[:MAX_COMPARED]
    )


def _latest_fee(programme, kind) -> Figure:
    fee = next((f for f in programme.fees.all() if f.kind == kind), None)
    if fee is None:
        return Figure.missing()
    return count_figure(fee.amount, year=fee.academic_year_label, source=fee.source)


def _counts(summary, name) -> Figure:
    return getattr(summary, f"{name}_figure") if summary else Figure.missing()


def _facts(programmes) -> CompareSection:
    def name(obj, attribute="name"):
        return (getattr(obj, attribute, "") or "") if obj else ""

    return CompareSection(
        "facts",
        _("Facts"),
        [
            # As the column heads name it: one language throughout the page.
            _text_row(
                _("Institution"),
                [name(p.institution, "display_name") for p in programmes],
            ),
            _text_row(_("City"), [name(p.municipality) for p in programmes]),
            _text_row(_("Level"), [p.study.get_level_display() for p in programmes]),
            _text_row(_("Form"), [p.get_form_display() for p in programmes]),
            _text_row(
                _("Language of instruction"),
                [p.get_language_display() for p in programmes],
            ),
            _text_row(
                _("Study load"),
                [f"{p.ects} ECTS" if p.ects else "" for p in programmes],
            ),
            _text_row(_("Degree"), [p.degree for p in programmes]),
            _text_row(_("Funding"), [p.get_funding_display() for p in programmes]),
        ],
    )


def _money_and_students(programmes) -> CompareSection:
    # The listing's summary holds the counts of the latest year, by the page's
    # rule (tests/public/test_figures_agree.py), with their year and source.
    summaries = [getattr(p, "summary", None) for p in programmes]
    return CompareSection(
        "students",
        _("Fees and students"),
        [
            _figure_row(
                _("Statutory tuition fee"),
                [_latest_fee(p, FeeKind.STATUTORY) for p in programmes],
                "euro",
            ),
            _figure_row(
                _("Institutional tuition fee"),
                [_latest_fee(p, FeeKind.INSTITUTIONAL) for p in programmes],
                "euro",
            ),
            _figure_row(
                _("Students"), [_counts(s, "students") for s in summaries], "whole"
            ),
            _figure_row(
                _("First-year students"),
                [_counts(s, "first_years") for s in summaries],
                "whole",
            ),
        ],
    )


def _survey(programmes) -> CompareSection:
    scores = compared_scores(programmes)
    rows = []
    for aspect in scores.aspects:
        cells = [scores.table.get(p.pk, {}).get(aspect.pk) for p in programmes]
        rows.append(
            _figure_row(
                aspect.name,
                [cell.own if cell else None for cell in cells],
                "score",
                best="highest",
                nationals=[cell.national if cell else None for cell in cells],
            )
        )
    return CompareSection(
        "survey", _("Student survey (NSE)"), rows, is_demo=scores.is_demo
    )


def _careers(programmes) -> CompareSection:
    careers = study_career_figures({p.study_id for p in programmes})
    rows = [
        _figure_row(
            metric.label,
            [careers.figures.get(p.study_id, {}).get(metric.value) for p in programmes],
            kind,
            best=best,
        )
        for metric, kind, best in CAREER_ROWS
    ]
    return CompareSection(
        "careers", _("Labour market (per study)"), rows, is_demo=careers.is_demo
    )


def _labour_market_context(programmes) -> CompareSection:
    """CBS's national figures of each programme's sector and level: context,
    so no "best" marks (they are no programme's own figures)."""
    contexts = page_labour_market_contexts({p.study for p in programmes})
    columns = [contexts[p.study_id] for p in programmes]

    def moment(years: int, name: str) -> list[Figure]:
        return [
            next(
                (getattr(m, name) for m in c.moments if m.years_after == years),
                Figure.missing(),
            )
            for c in columns
        ]

    return CompareSection(
        "labour-market-context",
        _("National context: graduates of the sector and level (CBS)"),
        [
            _text_row(
                _("Graduates it is about"),
                [c.description or c.reason for c in columns],
            ),
            _figure_row(
                _("With work 1 year after leaving"), moment(1, "work"), "share"
            ),
            _figure_row(
                _("With work 5 years after leaving"), moment(5, "work"), "share"
            ),
            _figure_row(
                _("With benefits 1 year after leaving"),
                moment(1, "benefits"),
                "share",
            ),
            _figure_row(
                _("Back in education 1 year after leaving"),
                moment(1, "education"),
                "share",
            ),
            _figure_row(
                _("Hourly wage 1 year after leaving (employees)"),
                [c.wage for c in columns],
                "euro",
            ),
        ],
        note=_(
            "Statistics Netherlands (CBS), licence CC BY 4.0: national figures of "
            "the sector and level, not of the programme."
        ),
    )


def _reads_the_same(row: CompareRow) -> bool:
    first = row.cells[0].reads_as
    return len(row.cells) > 1 and all(c.reads_as == first for c in row.cells[1:])


def _finished(section: CompareSection, only_differences: bool, left_out: list):
    """The section without its blank rows (their labels go to `left_out`), each
    row marked when every programme reads the same."""
    rows = []
    for row in section.rows:
        if row.is_blank:
            left_out.append(row.label)
            continue
        same = _reads_the_same(row)
        rows.append(replace(row, is_same=same, is_hidden=same and only_differences))
    return replace(section, rows=rows)


def compare_table(
    programmes: list[Programme], *, only_differences: bool = False
) -> CompareTable:
    """The side-by-side table: a fixed number of queries for up to 10 programmes.

    Rows blank for every programme are left out (and named); rows that read the
    same for all are marked, and hidden when `only_differences`.
    """
    left_out = []
    sections = [
        _finished(section, only_differences, left_out)
        for section in (
            _facts(programmes),
            _money_and_students(programmes),
            _survey(programmes),
            _careers(programmes),
            _labour_market_context(programmes),
        )
    ]
    return CompareTable(
        programmes=programmes,
        sections=[section for section in sections if section.rows],
        only_differences=only_differences,
        left_out=left_out,
    )


COMPARE_HELP = gettext_lazy(
    "Add programmes with “Add to compare” on the programme list or a programme page."
)
