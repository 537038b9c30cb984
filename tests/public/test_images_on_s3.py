"""With media in an S3 bucket (production with AWS_STORAGE_BUCKET_NAME), an image
uploaded in the admin, its thumbnail and renditions are objects in the bucket, the
programme page links to them there, and a replaced image leaves the bucket."""

import io

import boto3
import pytest
from moto import mock_aws
from PIL import Image

from programmes.images import thumbnail_name
from tests.programmes.test_images import png_bytes, post_image
from tests.public.programme_pages import get_page
from tests.public.test_programme_image_srcset import candidates, upload

pytestmark = pytest.mark.django_db(transaction=True)

BUCKET = "keuzewijzer-media"
ENDPOINT = f"https://{BUCKET}.s3.amazonaws.com/"


@pytest.fixture
def s3(settings):
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "querystring_auth": False,
                    "file_overwrite": False,
                    "access_key": "test",
                    "secret_key": "test",
                },
            },
        }
        yield client


def keys(client) -> set[str]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {entry["Key"] for entry in listed}


def object_size(client, key: str) -> tuple[int, int]:
    body = client.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    with Image.open(io.BytesIO(body)) as image:
        return image.size


def test_an_uploaded_image_and_its_copies_are_served_from_the_bucket(s3, admin_client):
    programme = upload(admin_client, (1000, 500))
    name = programme.image.name
    image = get_page(admin_client, programme, "en").select_one("#overview img")
    offered = candidates(image)
    assert [width for _url, width in offered] == [320, 640, 960, 1000]
    assert all(url.startswith(ENDPOINT) for url, _width in offered)
    served = [url.removeprefix(ENDPOINT) for url, _width in offered]
    assert [object_size(s3, key) for key in served] == [
        (320, 160),
        (640, 320),
        (960, 480),
        (1000, 500),
    ]
    assert keys(s3) == {*served, thumbnail_name(name)}


def test_a_replaced_image_and_its_copies_leave_the_bucket(s3, admin_client):
    programme = upload(admin_client, (700, 400))
    old = keys(s3)
    assert len(old) == 4  # the image, its thumbnail, 320 and 640 px
    response = post_image(admin_client, programme, "image", png_bytes(size=(500, 300)))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert not old & keys(s3)
    assert programme.image.name in keys(s3)
