"""CBS's labour-market tables read from its OData service with `cbsodata`.

CBS's own client asks for a table's TableInfos, DataProperties (its columns), one
category table per dimension and the TypedDataSet, following CBS's paging. The
whole tables are millions of rows (every population, industry and level), so the
data are asked for with a filter on the categories the portal shows, the same
slice as the shipped StatLine exports; the rows that come back are checked
against that slice again. Each column is found by its StatLine title, which is
the header the importer knows the file by: a table whose columns CBS renamed or
added is refused rather than guessed at.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

import cbsodata
import requests
from django.conf import settings
from django.utils.translation import gettext as _

from programmes.importing.fetching import FetchError

from . import vocabulary
from .importing import (
    GENDER,
    LEVEL,
    MOMENT,
    PERIOD,
    POSITION,
    SECTOR,
    WAGES,
    CbsTable,
)
from .models import ALL_SECTORS

DIMENSION_TYPES = frozenset({"Dimension", "TimeDimension", "GeoDimension"})
# The tables whose files include CBS's total of the sectors: the wages (a level's
# average wage). A level's positions are the sum of its sectors' (selectors.py).
SECTOR_TOTAL_TABLES = frozenset({WAGES.code})


# Which categories of each column the portal keeps: those its vocabulary knows.
# Every period is kept (each is a cohort), the populations and industries only
# in the one slice the portal shows.
WANTED = {
    GENDER: vocabulary.gender,
    LEVEL: vocabulary.level,
    SECTOR: vocabulary.sector,
    MOMENT: vocabulary.years_after,
    PERIOD: vocabulary.cohort,
    POSITION: vocabulary.position,
}


@dataclass(frozen=True)
class FetchedTable:
    """The rows of one CBS table in the portal's slice, in StatLine's order.

    `header` is StatLine's column titles (the value column last); each row holds
    the category titles and the value (None where CBS publishes none).
    """

    table: CbsTable
    title: str
    modified: str
    url: str
    header: tuple[str, ...]
    decimals: int
    rows: tuple[tuple[tuple[str, ...], object], ...]

    @property
    def periods(self) -> list[str]:
        column = self.header.index(PERIOD)
        return list(dict.fromkeys(cells[column] for cells, _value in self.rows))


def odata_base_url() -> str:
    """settings.CBS_ODATA_URL: where CBS's OData service is (a test server in tests)."""
    return settings.CBS_ODATA_URL.rstrip("/")


def table_fetch(*, table: CbsTable, timeout: float | None = None) -> FetchedTable:
    """The table's rows in the portal's slice; FetchError when CBS's answer is not
    the table the importer reads (unreachable, an HTTP error, other columns, no rows)."""
    base = odata_base_url()
    timeout = timeout or settings.OPENDATA_FETCH_TIMEOUT
    url = f"{base}/ODataFeed/odata/{table.code}/"
    with _client(base) as catalog:
        options = {"catalog_url": catalog, "timeout": timeout}
        try:
            info = cbsodata.get_info(table.code, **options)
            if not info:
                raise FetchError(
                    _("%(url)s: CBS does not know the table %(code)s.")
                    % {"url": url, "code": table.code}
                )
            properties = cbsodata.get_meta(table.code, "DataProperties", **options)
            dimensions, topic = _columns(table, properties, url)
            wanted = {
                key: _wanted(
                    table,
                    title,
                    cbsodata.get_meta(table.code, key, **options),
                    url,
                )
                for key, title in dimensions
            }
            # typed=False: cbsodata 1.3.5 drops the named data set from its list
            # and asks for the other, so this is the TypedDataSet (numbers, null
            # for a suppressed cell); _value reads either form.
            records = cbsodata.get_data(
                table.code,
                typed=False,
                select=[key for key, _title in dimensions] + [topic["Key"]],
                filters=_filter(wanted),
                **options,
            )
            rows = _rows(table, dimensions, topic, wanted, records, url)
        except FetchError:
            raise
        except requests.HTTPError as error:
            raise _http_error(error, url) from None
        except requests.RequestException as error:
            raise FetchError(
                _("Could not reach %(url)s: %(error)s.") % {"url": url, "error": error}
            ) from None
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            ArithmeticError,
        ) as error:
            # No OData answer (an HTML page, another service) or a value that is
            # no number.
            raise FetchError(
                _("%(url)s sent no OData answer CBS would send (%(error)s).")
                % {"url": url, "error": repr(error)}
            ) from None
    return FetchedTable(
        table=table,
        title=str(info.get("Title", table.title)),
        modified=str(info.get("Modified", "")),
        url=url,
        header=(*(title for _key, title in dimensions), table.value_column),
        decimals=int(topic.get("Decimals") or 0),
        rows=rows,
    )


def _http_error(error: requests.HTTPError, url: str) -> FetchError:
    """The part of the table that failed and CBS's status, without the long query
    (cbsodata wraps requests' error, whose response says what was asked)."""
    # Not `or`: a response is falsy when its status is an error.
    response = getattr(error.__cause__, "response", None)
    if response is None:
        response = error.response
    if response is None:
        return FetchError(
            _("%(url)s answered with an error: %(error)s")
            % {"url": url, "error": error}
        )
    part = urlsplit(response.url).path.rsplit("/", 1)[-1]
    return FetchError(
        _("%(url)s answered HTTP %(status)s (%(reason)s).")
        % {"url": url + part, "status": response.status_code, "reason": response.reason}
    )


@contextmanager
def _client(base: str):
    """cbsodata's catalog name for the base URL (host and path), with its scheme
    set for the duration: cbsodata keeps http or https in a global option."""
    parts = urlsplit(base)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(
            _("CBS_ODATA_URL %(url)s is not an http(s) address.") % {"url": base}
        )
    before = cbsodata.options.use_https
    cbsodata.options.use_https = parts.scheme == "https"
    try:
        yield parts.netloc + parts.path
    finally:
        cbsodata.options.use_https = before


def _statline_title(prop: dict) -> str:
    """How StatLine heads a column: a topic with its unit, "Uitstromers ho (aantal)"."""
    title = " ".join(str(prop.get("Title", "")).split())
    unit = str(prop.get("Unit") or "").strip()
    return f"{title} ({unit})" if prop.get("Type") == "Topic" and unit else title


def _columns(table: CbsTable, properties: list, url: str):
    """[(key, title)] of the dimensions in CBS's order, and the value's topic."""
    dimensions = [
        (prop["Key"], _statline_title(prop))
        for prop in properties
        if prop.get("Type") in DIMENSION_TYPES
    ]
    topics = [
        prop
        for prop in properties
        if prop.get("Type") == "Topic" and _statline_title(prop) == table.value_column
    ]
    expected = [column for column in table.columns if column != table.value_column]
    found = [title for _key, title in dimensions]
    missing = [column for column in table.columns if column not in found]
    if topics:
        missing.remove(table.value_column)
    unexpected = [title for title in found if title not in expected]
    if missing or unexpected:
        raise FetchError(
            _(
                "%(url)s: the table's columns are not the ones the import reads; "
                "missing: %(missing)s; unexpected: %(unexpected)s."
            )
            % {
                "url": url,
                "missing": ", ".join(missing) or "-",
                "unexpected": ", ".join(unexpected) or "-",
            }
        )
    return dimensions, topics[0]


def _wanted(table: CbsTable, title: str, categories: list, url: str) -> dict:
    """{key: title} of the categories of one column the portal keeps, in CBS's order."""
    column, word, _reason = table.fixed
    read = vocabulary.fixed(word) if title == column else WANTED.get(title)
    if table.key_column is not None and title == table.key_column[0]:
        read = table.key_column[2]
    wanted = {}
    for category in categories:
        name = " ".join(str(category["Title"]).split())
        if read is not None and read(name) is not None:
            wanted[category["Key"]] = name
    if title == SECTOR and table.code not in SECTOR_TOTAL_TABLES:
        wanted = {
            key: name
            for key, name in wanted.items()
            if vocabulary.sector(name) != ALL_SECTORS
        }
    if not wanted:
        raise FetchError(
            _(
                "%(url)s: the column %(column)s has none of the categories the portal shows."
            )
            % {"url": url, "column": title}
        )
    return wanted


def _filter(wanted: dict[str, dict]) -> str:
    """OData's $filter for the wanted categories: each column one of its keys."""
    clauses = []
    for key, categories in wanted.items():
        alternatives = " or ".join(
            f"{key} eq '{category.replace(chr(39), chr(39) * 2)}'"
            for category in categories
        )
        clauses.append(f"({alternatives})")
    return " and ".join(clauses)


def _value(value) -> Decimal | None:
    """A cell's value as a number; None where CBS publishes none (null or ".")."""
    if value is None or (isinstance(value, str) and value.strip() in {"", "."}):
        return None
    return Decimal(str(value).strip())


def _rows(table, dimensions, topic, wanted, records, url):
    """The records in the wanted categories, ordered as StatLine orders a table:
    by column, each in CBS's order of its categories."""
    order = {
        key: {name: position for position, name in enumerate(categories.values())}
        for key, categories in wanted.items()
    }
    rows = []
    for record in records:
        cells = tuple(" ".join(str(record[key]).split()) for key, _title in dimensions)
        if all(
            cell in order[key]
            for cell, (key, _t) in zip(cells, dimensions, strict=True)
        ):
            rows.append((cells, _value(record[topic["Key"]])))
    if not rows:
        raise FetchError(
            _("%(url)s: the table %(code)s has no rows in the portal's selection.")
            % {"url": url, "code": table.code}
        )
    rows.sort(
        key=lambda row: tuple(
            order[key][cell] for cell, (key, _t) in zip(row[0], dimensions, strict=True)
        )
    )
    return tuple(rows)
