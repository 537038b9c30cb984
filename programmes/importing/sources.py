"""The DUO datasets we know, as DataSource records (one per dataset file)."""

from dataclasses import dataclass

from programmes.models import DataSource


@dataclass(frozen=True)
class Dataset:
    key: str
    directory: str
    file_name: str
    name: str
    url: str


DUO = "DUO (Dienst Uitvoering Onderwijs)"

DATASETS = (
    Dataset(
        "duo-adressen-ho",
        "duo-adressen-ho",
        "01.-instellingen-hbo-en-wo.csv",
        "DUO, adressen instellingen hbo en wo",
        "https://duo.nl/open_onderwijsdata/images/01.-instellingen-hbo-en-wo.csv",
    ),
    Dataset(
        "duo-rio-ho-erkenningen",
        "duo-rio-ho-erkenningen",
        "ho_erkenningen_rio.csv",
        "DUO/RIO, overzicht erkenningen ho",
        "https://onderwijsdata.duo.nl/dataset/bb07cc6e-00fe-4100-9528-a0c5fd27d2fb/"
        "resource/28a4d89b-c223-4dbc-8deb-9d02a533f215/download/ho_erkenningen_rio.csv",
    ),
    Dataset(
        "duo-rio-ho-opleidingsoverzicht",
        "duo-rio-ho-opleidingsoverzicht",
        "ho_opleidingsoverzicht.csv",
        "DUO/RIO, ho opleidingsoverzicht",
        "https://onderwijsdata.duo.nl/dataset/7c0686f4-b5c2-418e-8e44-7be0057d8084/"
        "resource/ffffa7ad-e6a2-4ba7-9fc2-a09df4128555/download/"
        "ho_opleidingsoverzicht.csv",
    ),
    Dataset(
        "duo-eerstejaars-wo-2013-2017",
        "duo-eerstejaars-wo-2013-2017",
        "eerstejaars.csv",
        "DUO, eerstejaars ingeschrevenen wo 2013–2017",
        "https://github.com/AnnemijnD/project/blob/"
        "3f3262d96bd35aec0cf1df193dba752227b1a0fe/data/eerstejaars.csv",
    ),
    Dataset(
        "duo-eerstejaars-wo-2015-2019",
        "duo-eerstejaars-wo-2015-2019",
        "wo_inscriptions_2019.csv",
        "DUO, eerstejaars ingeschrevenen wo 2015–2019",
        "https://duo.nl/open_onderwijsdata/images/"
        "03b-eerstejaars-ingeschrevenen-wo-domein-wo-2019.csv",
    ),
    Dataset(
        "duo-gediplomeerden-wo-2014-2018",
        "duo-gediplomeerden-wo-2014-2018",
        "wo_gediplomeerden_2019.csv",
        "DUO, gediplomeerden wo 2014–2018",
        "https://github.com/rmania/tekkieworden",
    ),
    Dataset(
        "duo-ingeschrevenen-hbo-2020-2024",
        "duo-ingeschrevenen-hbo-2020-2024",
        "ingeschrevenenhbo.csv",
        "DUO, ingeschrevenen hbo 2020–2024",
        "https://onderwijsdata.duo.nl/dataset/978f900e-088e-4d27-804f-2d897c161c70/"
        "resource/7761bd6a-b87b-4389-a943-829872116f92/download/ingeschrevenenhbo.csv",
    ),
)
DATASETS_BY_FILE = {dataset.file_name: dataset for dataset in DATASETS}


def data_source_for_file(*, file_name: str) -> DataSource:
    """The DataSource of a known dataset file, or a generic one named after the file."""
    dataset = DATASETS_BY_FILE.get(file_name)
    if dataset is None:
        key = "duo-" + "".join(c if c.isalnum() else "-" for c in file_name.lower())
        dataset = Dataset(key[:120], "", file_name, f"DUO, {file_name}", "")
    source, _created = DataSource.objects.get_or_create(
        key=dataset.key,
        defaults={
            "name_nl": dataset.name,
            "name_en": dataset.name,
            "kind": DataSource.Kind.OFFICIAL,
            "publisher": DUO,
            "url": dataset.url,
            "file_name": dataset.file_name,
        },
    )
    return source


def data_source_for_upload(*, file_name: str, dataset: str, kind: str) -> DataSource:
    """The DataSource a survey or career file cites: one per dataset, file name and kind.

    A file imported under another kind than before (demo figures replaced by the
    official ones of the same name) gets a source of its own rather than relabelling
    the old one: that would also relabel the records the new file does not list.
    """
    stem = "".join(c if c.isalnum() else "-" for c in file_name.lower())
    first_key = f"{dataset}-{stem}"[:120]
    kind_key = f"{dataset}-{kind}-{stem}"[:120]
    sources = {
        s.key: s for s in DataSource.objects.filter(key__in=(first_key, kind_key))
    }
    for key in (first_key, kind_key):
        if key in sources and sources[key].kind == kind:
            return sources[key]
    key = kind_key if first_key in sources else first_key
    source, created = DataSource.objects.get_or_create(
        key=key,
        defaults={
            "name_nl": file_name,
            "name_en": file_name,
            "kind": kind,
            "file_name": file_name,
        },
    )
    if not created and source.kind != kind:
        # The key names the kind: an edited kind is put back, not a new key made.
        source.kind = kind
        source.save(update_fields=["kind"])
    return source


class UploadSource:
    """The source a survey or career file's accepted rows cite, fetched on first use.

    An upload changes only what its accepted rows describe: when every row is
    rejected, no source is created, relabelled or cited (issue 12).
    """

    def __init__(
        self,
        *,
        file_name: str,
        dataset: str,
        kind: str,
        source: DataSource | None = None,
    ):
        self._lookup = {"file_name": file_name, "dataset": dataset, "kind": kind}
        self._source = source
        self._used = False

    def get(self) -> DataSource:
        """The source, for a record an accepted row writes."""
        if self._source is None:
            self._source = data_source_for_upload(**self._lookup)
        self._used = True
        return self._source

    @property
    def used(self) -> DataSource | None:
        """The source accepted rows cite, or None when no row was accepted."""
        return self._source if self._used else None
