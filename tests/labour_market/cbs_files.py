"""Small files in the exact format of CBS's StatLine CSV exports (PROVENANCE.md of
data/cbs-arbeidsmarkt-ho-2015-16): UTF-8 with BOM, `;`, every field quoted, CRLF,
numbers with leading spaces and "." for a suppressed cell."""

BOM = b"\xef\xbb\xbf"

POSITIONS_HEADER = (
    "Geslacht",
    "Persoonskenmerken",
    "Uitstromers ho met en zonder diploma",
    "Arbeidsmarktpositie",
    "Studierichting",
    "Peilmoment",
    "Perioden",
    "Uitstromers ho (aantal)",
)
WAGES_HEADER = (
    "Geslacht",
    "Uitstromers ho met en zonder diploma",
    "Bedrijfstakken (SBI 2008)",
    "Studierichting",
    "Peilmoment",
    "Perioden",
    "Uurloon werknemers na verlaten ho (euro)",
)
POSITIONS = (
    "Met werk, zonder uitkering",
    "Met werk, met uitkering",
    "Zonder werk, met uitkering",
    "Zonder werk, zonder uitkering",
    "Terug in onderwijs",
)
ONE_YEAR = "1 jaar na verlaten onderwijs"
SUPPRESSED = "       ."


def cbs_file(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> bytes:
    lines = [header, *rows]
    text = "".join(";".join(f'"{value}"' for value in line) + "\r\n" for line in lines)
    return BOM + text.encode()


def count(number: int | str) -> str:
    """A count as CBS writes it: right-aligned in eight characters."""
    return f"{number:>8}"


def position_row(
    value: str = count(1240),
    *,
    gender: str = "Totaal",
    population: str = "Geen internationale student",
    level: str = "Hbo-bachelor",
    position: str = POSITIONS[0],
    sector: str = "Techniek",
    moment: str = ONE_YEAR,
    period: str = "2015/'16",
) -> tuple[str, ...]:
    return (gender, population, level, position, sector, moment, period, value)


def wage_row(
    value: str = "   16.34",
    *,
    gender: str = "Totaal",
    level: str = "Hbo-bachelor",
    industry: str = "A-U Alle economische activiteiten",
    sector: str = "Techniek",
    moment: str = ONE_YEAR,
    period: str = "2015/'16",
) -> tuple[str, ...]:
    return (gender, level, industry, sector, moment, period, value)


def positions_file(rows: list[tuple[str, ...]]) -> bytes:
    return cbs_file(POSITIONS_HEADER, rows)


def wages_file(rows: list[tuple[str, ...]]) -> bytes:
    return cbs_file(WAGES_HEADER, rows)


def cohort_rows(
    counts: tuple[int | str, ...],
    *,
    level: str = "Hbo-bachelor",
    sector: str = "Techniek",
    moment: str = ONE_YEAR,
    period: str = "2015/'16",
) -> list[tuple[str, ...]]:
    """The five positions of one cell (a str is written as it is: "." or "")."""
    return [
        position_row(
            value if isinstance(value, str) else count(value),
            level=level,
            position=position,
            sector=sector,
            moment=moment,
            period=period,
        )
        for position, value in zip(POSITIONS, counts, strict=True)
    ]
