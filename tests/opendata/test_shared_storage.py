"""With the bucket of production (AWS_STORAGE_BUCKET_NAME), the open data files
are written to it under "open-data/" and every app server serves them from
there: nothing on the local disk (moto's in-process S3)."""

import boto3
import pytest
from moto import mock_aws

from opendata.services import open_data_export
from portal.settings.env import open_data_storage
from tests.opendata.test_page import address, page
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
BUCKET = "keuzewijzer-media"


@pytest.fixture
def bucket(settings, monkeypatch, tmp_path):
    """STORAGES["opendata"] as production builds it with a bucket; the
    folder it would use without one stays empty."""
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-1")
    entry = open_data_storage(tmp_path / "opendata")
    entry["OPTIONS"].update(access_key="test", secret_key="test")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.OPEN_DATA_ROOT = tmp_path / "opendata"
        settings.STORAGES = {**settings.STORAGES, "opendata": entry}
        yield s3
    assert not (tmp_path / "opendata").exists()


def test_the_files_are_written_to_the_bucket_and_served_from_it(client, bucket):
    ProgrammeFactory(study__name_en="Bucket Studies")
    open_data_export()

    keys = sorted(
        item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]
    )
    assert keys == [
        "open-data/README.txt",
        "open-data/dictionary.csv",
        "open-data/keuzewijzer-open-data.zip",
        "open-data/manifest.json",
        "open-data/programmes.csv",
        "open-data/sources.csv",
    ]
    stored = bucket.get_object(Bucket=BUCKET, Key="open-data/programmes.csv")
    data = stored["Body"].read()
    assert "Bucket Studies" in data.decode("utf-8-sig")

    soup = page(client, "en")
    assert soup.select_one('tr[data-file="programmes.csv"]')
    response = client.get(address("opendata:file", name="programmes.csv"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Length"] == str(len(data))
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="programmes.csv"'
    response.close()


def test_a_second_export_replaces_the_files_under_their_names(client, bucket):
    ProgrammeFactory(study__name_en="First Studies")
    open_data_export()
    ProgrammeFactory(study__name_en="Second Studies")
    open_data_export()

    listing = bucket.list_objects_v2(Bucket=BUCKET, Prefix="open-data/programmes")
    assert [item["Key"] for item in listing["Contents"]] == ["open-data/programmes.csv"]
    response = client.get(address("opendata:file", name="programmes.csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "First Studies" in text and "Second Studies" in text
    response.close()
