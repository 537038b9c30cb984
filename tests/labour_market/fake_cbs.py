"""A small imitation of CBS's OData feed (ODataFeed/odata/<table>/...) for tests.

It answers what cbsodata asks: a table's list of parts, TableInfos,
DataProperties, its category tables and the TypedDataSet, which it filters with
the `$filter` sent (columns compared with `eq`, joined by `or` within a column and
`and` between them), narrows to `$select` and pages with `odata.nextLink`, as
CBS does. Keys are CBS-like (padded "3000   "), categories include ones the
portal does not show, and a few cells are suppressed (None).
"""

import itertools
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from werkzeug import Request, Response

PAGE = 150

GENDERS = [("T001038", "Totaal"), ("3000   ", "Mannen"), ("4000   ", "Vrouwen")]
POPULATIONS = [
    ("T001175", "Totaal"),
    ("2012600", "Internationale student"),
    ("2012650", "Geen internationale student"),
]
LEVELS = [
    ("T001112", "Totaal uitstromers ho"),
    ("A025292", "Hbo-bachelor"),
    ("A025296", "Wo-master"),
    ("A025299", "Zonder diploma"),
]
POSITIONS = [
    ("T001502", "Totaal"),
    ("A028786", "Met werk, zonder uitkering"),
    ("A028787", "Met werk, met uitkering"),
    ("A028788", "Zonder werk, met uitkering"),
    ("A028789", "Zonder werk, zonder uitkering"),
    ("A028790", "Terug in onderwijs"),
]
SECTORS = [
    ("T001072", "Totaal"),
    ("2018104", "Techniek"),
    ("2018107", "Economie"),
    ("2018199", "Onbekend"),
]
MOMENTS = [
    ("2018750", "Direct na verlaten onderwijs"),
    ("2018751", "1 jaar na verlaten onderwijs"),
    ("2018755", "5 jaar na verlaten onderwijs"),
]
INDUSTRIES = [
    ("T001081", "A-U Alle economische activiteiten"),
    ("300003 ", "B-F Nijverheid en energie"),
]
PERIODS = {2015: ("2015SJ16", "2015/'16"), 2022: ("2022SJ23", "2022/'23")}

# Wo-master, Techniek, men and women, 2022/'23, by moment: with work, with work
# and benefits, with benefits, neither, back in education (1000 graduates).
TECHNIEK_2022 = {
    "1 jaar na verlaten onderwijs": (900, 20, 30, 40, 10),
    "5 jaar na verlaten onderwijs": (950, 10, 10, 20, 10),
}
WAGES = {  # (level, sector, moment, period): euro; gender Totaal
    ("Wo-master", "Techniek", "1 jaar na verlaten onderwijs", "2022/'23"): 25.5,
    ("Wo-master", "Totaal", "1 jaar na verlaten onderwijs", "2022/'23"): 24.12,
    ("Wo-master", "Techniek", "1 jaar na verlaten onderwijs", "2015/'16"): 18.96,
    ("Wo-master", "Economie", "5 jaar na verlaten onderwijs", "2022/'23"): None,
}


def dimension(key, title, kind="Dimension"):
    return {"Type": kind, "Key": key, "Title": title}


def topic(key, title, unit, decimals):
    return {
        "Type": "Topic",
        "Key": key,
        "Title": title,
        "Unit": unit,
        "Decimals": decimals,
    }


def positions_value(cells: dict) -> int | None:
    level, sector, moment = cells["Level"], cells["Studierichting"], cells["Peilmoment"]
    period, position = cells["Perioden"], cells["Arbeidsmarktpositie"]
    names = [title for _key, title in POSITIONS[1:]]
    asserted = level == "Wo-master" and sector == "Techniek" and period == "2022/'23"
    if asserted and position in names and moment in TECHNIEK_2022:
        value = TECHNIEK_2022[moment][names.index(position)]
        return value // 2 if cells["Geslacht"] != "Totaal" else value
    if moment.startswith("Direct") and position == "Terug in onderwijs":
        return None  # nobody can be back in education yet: CBS leaves it empty
    return 10 * (len(level) + len(sector) + len(moment) + len(position))


def wages_value(cells: dict) -> float | None:
    key = (cells["Level"], cells["Studierichting"], cells["Peilmoment"])
    key = (*key, cells["Perioden"])
    if cells["Geslacht"] == "Totaal" and key in WAGES:
        return WAGES[key]
    return round(
        15 + len(cells["Studierichting"]) / 4 + len(cells["Peilmoment"]) / 100, 2
    )


@dataclass
class FakeTable:
    code: str
    title: str
    properties: list
    categories: dict  # key of a dimension: [(category key, title)]
    value: object  # cells {dimension title or "Level": category title} -> value

    def records(self, periods) -> list[dict]:
        dimensions = [p for p in self.properties if p["Type"] != "Topic"]
        value_key = next(p["Key"] for p in self.properties if p["Type"] == "Topic")
        lists = [
            [c for c in self.categories[d["Key"]] if d["Key"] != "Perioden"]
            or [PERIODS[year] for year in periods]
            for d in dimensions
        ]
        records = []
        for number, combination in enumerate(itertools.product(*lists)):
            record = {"ID": number}
            cells = {}
            for prop, (key, title) in zip(dimensions, combination, strict=True):
                record[prop["Key"]] = key
                cells["Level" if "diploma" in prop["Title"] else prop["Title"]] = title
            record[value_key] = self.value(cells)
            records.append(record)
        return records


def positions_table() -> FakeTable:
    return FakeTable(
        code="85776NED",
        title="Uitstromers ho; arbeidsmarktpositie na verlaten onderwijs",
        properties=[
            dimension("Geslacht", "Geslacht"),
            dimension("Persoonskenmerken", "Persoonskenmerken"),
            dimension("UitstromersHo", "Uitstromers ho met en zonder diploma"),
            dimension("Arbeidsmarktpositie", "Arbeidsmarktpositie"),
            dimension("Studierichting", "Studierichting"),
            dimension("Peilmoment", "Peilmoment"),
            dimension("Perioden", "Perioden", "TimeDimension"),
            topic("UitstromersHo_1", "Uitstromers ho", "aantal", 0),
        ],
        categories={
            "Geslacht": GENDERS,
            "Persoonskenmerken": POPULATIONS,
            "UitstromersHo": LEVELS,
            "Arbeidsmarktpositie": POSITIONS,
            "Studierichting": SECTORS,
            "Peilmoment": MOMENTS,
            "Perioden": [],
        },
        value=positions_value,
    )


def wages_table() -> FakeTable:
    return FakeTable(
        code="83815NED",
        title="Uitstromers ho werkzaam als werknemers; uurloon na verlaten onderwijs",
        properties=[
            dimension("Geslacht", "Geslacht"),
            dimension("UitstromersHo", "Uitstromers ho met en zonder diploma"),
            dimension("BedrijfstakkenSBI2008", "Bedrijfstakken (SBI 2008)"),
            dimension("Studierichting", "Studierichting"),
            dimension("Peilmoment", "Peilmoment"),
            dimension("Perioden", "Perioden", "TimeDimension"),
            topic(
                "UurloonWerknemers_1", "Uurloon werknemers na verlaten ho", "euro", 2
            ),
        ],
        categories={
            "Geslacht": GENDERS,
            "UitstromersHo": LEVELS,
            "BedrijfstakkenSBI2008": INDUSTRIES,
            "Studierichting": SECTORS,
            "Peilmoment": MOMENTS,
            "Perioden": [],
        },
        value=wages_value,
    )


CLAUSE = re.compile(r"(\w+) eq '((?:[^']|'')*)'")


def filtered(records: list[dict], query: str) -> list[dict]:
    allowed: dict[str, set] = {}
    for column, value in CLAUSE.findall(query):
        allowed.setdefault(column, set()).add(value.replace("''", "'"))
    return [r for r in records if all(r[c] in values for c, values in allowed.items())]


@dataclass
class FakeCbs:
    """The tables the server answers for; a test changes them to break things."""

    base_url: str
    periods: list = field(default_factory=lambda: [2015, 2022])
    tables: dict = field(
        default_factory=lambda: {t.code: t for t in (positions_table(), wages_table())}
    )
    # {(table code, part): (body, status, content type)}: answered instead.
    broken: dict = field(default_factory=dict)
    data_requests: list = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        match = re.fullmatch(r"/ODataFeed/odata/(\w+)/(\w*)", request.path)
        table = self.tables.get(match.group(1)) if match else None
        if table is None:
            return Response("Not Found", status=404)
        part = match.group(2)
        if (table.code, part) in self.broken:
            body, status, content_type = self.broken[(table.code, part)]
            return Response(body, status=status, content_type=content_type)
        if part == "":
            names = ["TableInfos", "UntypedDataSet", "TypedDataSet"]
            names += ["DataProperties", "CategoryGroups", *table.categories]
            value = [{"name": n, "url": f"{self.base_url}/{n}"} for n in names]
        elif part == "TableInfos":
            value = [
                {
                    "Identifier": table.code,
                    "Title": table.title,
                    "Modified": "2025-06-30T02:00:00",
                }
            ]
        elif part == "DataProperties":
            value = [dict(p, ID=n, Position=n) for n, p in enumerate(table.properties)]
        elif part == "CategoryGroups":
            value = []
        elif part == "Perioden":
            value = [
                {"Key": k, "Title": t} for k, t in (PERIODS[y] for y in self.periods)
            ]
        elif part in table.categories:
            value = [{"Key": k, "Title": t} for k, t in table.categories[part]]
        elif part == "TypedDataSet":
            return self.data_page(request, table)
        else:
            return Response("Not Found", status=404)
        return self.json({"odata.metadata": "fake", "value": value})

    def data_page(self, request, table) -> Response:
        query = request.args.get("$filter", "")
        self.data_requests.append(query)
        records = filtered(table.records(self.periods), query)
        if select := request.args.get("$select"):
            keep = ["ID", *select.split(",")]
            records = [{k: r[k] for k in keep} for r in records]
        skip = int(request.args.get("$skip", 0))
        body = {"odata.metadata": "fake", "value": records[skip : skip + PAGE]}
        if skip + PAGE < len(records):
            params = {k: v for k, v in request.args.items() if k != "$skip"}
            params["$skip"] = skip + PAGE
            body["odata.nextLink"] = f"{request.base_url}?{urlencode(params)}".replace(
                "+", "%20"
            )
        return self.json(body)

    @staticmethod
    def json(body) -> Response:
        return Response(
            json.dumps(body), content_type="application/json;odata=minimalmetadata"
        )
