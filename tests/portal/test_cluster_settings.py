"""Production settings for several app servers: media in an S3 bucket, a read
replica, PgBouncer in transaction mode (docs/DEPLOY.md)."""

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from moto import mock_aws

from programmes.models import PendingUpload
from tests.portal.test_settings import PRODUCTION_ENV, _production_values

S3_ENV = {
    **PRODUCTION_ENV,
    "AWS_STORAGE_BUCKET_NAME": "keuzewijzer-media",
    "S3_ENDPOINT_URL": "http://127.0.0.1:9000",
}


def test_production_keeps_media_on_the_local_disk_without_a_bucket():
    assert _production_values("s.STORAGES['default']") == [
        "{'BACKEND': 'django.core.files.storage.FileSystemStorage'}"
    ]


def test_production_keeps_media_in_the_bucket_and_lets_pages_show_it():
    backend, bucket, endpoint, signed, img_src = _production_values(
        "s.STORAGES['default']['BACKEND']",
        "s.STORAGES['default']['OPTIONS']['bucket_name']",
        "s.STORAGES['default']['OPTIONS']['endpoint_url']",
        "s.STORAGES['default']['OPTIONS']['querystring_auth']",
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        env=S3_ENV,
    )
    assert (backend, bucket, endpoint, signed) == (
        "storages.backends.s3.S3Storage",
        "keuzewijzer-media",
        "http://127.0.0.1:9000",
        "False",
    )
    assert img_src == "[\"'self'\", 'data:', 'http://127.0.0.1:9000']"


def test_production_keeps_the_open_data_files_where_the_media_are():
    """A folder under MEDIA_ROOT without a bucket; with one, the bucket under
    open-data/, each export replacing the files under their names."""
    env = {**PRODUCTION_ENV, "MEDIA_ROOT": "/srv/media"}
    assert _production_values("s.STORAGES['opendata']", env=env) == [
        "{'BACKEND': 'opendata.storage.ReplacingFileSystemStorage',"
        " 'OPTIONS': {'location': '/srv/media/opendata'}}"
    ]
    assert _production_values(
        "s.STORAGES['opendata']['BACKEND']",
        "s.STORAGES['opendata']['OPTIONS']['bucket_name']",
        "s.STORAGES['opendata']['OPTIONS']['location']",
        "s.STORAGES['opendata']['OPTIONS']['file_overwrite']",
        env=S3_ENV,
    ) == ["storages.backends.s3.S3Storage", "keuzewijzer-media", "open-data", "True"]


def test_production_reads_a_replica_only_when_one_is_named():
    assert _production_values("sorted(s.DATABASES)") == ["['default']"]
    env = {**PRODUCTION_ENV, "DATABASE_REPLICA_URL": "postgres://u@replica:5433/db"}
    assert _production_values(
        "sorted(s.DATABASES)",
        "s.DATABASES['replica']['HOST'], s.DATABASES['replica']['PORT']",
        "s.DATABASE_ROUTERS",
        env=env,
    ) == ["['default', 'replica']", "replica 5433", "['portal.replica.ReplicaRouter']"]


def test_behind_pgbouncer_connections_are_not_kept_and_cursors_stay_client_side():
    """Django docs, "Transaction pooling and server-side cursors"."""
    expression = (
        "s.DATABASES['default'].get('CONN_MAX_AGE'),"
        " s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False)"
    )
    assert _production_values(expression) == ["60 False"]
    assert _production_values(expression, env={**PRODUCTION_ENV, "PGBOUNCER": "1"}) == [
        "0 True"
    ]


def test_pending_uploads_have_no_admin_page():
    """Unpublished figures: nobody browses them, the upload page alone reads them."""
    from django.contrib import admin

    assert PendingUpload not in admin.site._registry


@pytest.fixture
def s3_storage():
    """django-storages' S3 backend against moto's in-process S3."""
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(
            Bucket="keuzewijzer-media"
        )
        storage = storages.create_storage(
            {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": "keuzewijzer-media",
                    "region_name": "us-east-1",
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "access_key": "test",
                    "secret_key": "test",
                },
            }
        )
        yield storage


@pytest.fixture(params=["filesystem", "s3"])
def media_storage(request, tmp_path):
    if request.param == "filesystem":
        return FileSystemStorage(location=tmp_path, base_url="/media/")
    return request.getfixturevalue("s3_storage")


def test_a_stored_file_is_read_back_named_and_deleted(media_storage):
    name = media_storage.save("programmes/photo.webp", ContentFile(b"RIFF-webp"))
    assert name == "programmes/photo.webp"
    assert media_storage.exists(name)
    with media_storage.open(name) as file:
        assert file.read() == b"RIFF-webp"
    assert media_storage.url(name).endswith("/programmes/photo.webp")
    again = media_storage.save("programmes/photo.webp", ContentFile(b"other"))
    assert again != name  # a second upload never overwrites the first
    media_storage.delete(name)
    assert not media_storage.exists(name)
