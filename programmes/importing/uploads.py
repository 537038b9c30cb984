"""Uploaded files between their dry run and their confirmation.

Staff see what a file would do before it does it: the preview runs the very same
service inside a transaction that is rolled back. The upload is kept under its
SHA-256 checksum, so the confirmation applies exactly the bytes that were
previewed, or nothing when they are gone, changed or too old. It is kept in the
database (PendingUpload), which every app server reads: the confirmation may
reach another server than the preview. An upload can hold unpublished figures,
so it is never put where the site publishes files (MEDIA_ROOT, the bucket).
Uploads older than UPLOAD_MAX_AGE_SECONDS are removed whenever one is stored
(and by `manage.py remove_expired_uploads`).
"""

import datetime
import hashlib
import time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programmes.models import PendingUpload
from programmes.signals import records_imported

from .base import ImportResult
from .kinds import IMPORT_KINDS

# How long a previewed upload can still be confirmed.
UPLOAD_MAX_AGE_SECONDS = 60 * 60


class UploadError(Exception):
    """A pending upload that cannot be applied (expired, missing or altered)."""


def upload_store(*, data: bytes) -> str:
    """Keep an uploaded file until it is confirmed; return its checksum."""
    upload_remove_expired()
    checksum = hashlib.sha256(data).hexdigest()
    PendingUpload.objects.update_or_create(
        checksum=checksum, defaults={"data": data, "uploaded_at": timezone.now()}
    )
    return checksum


def upload_read(*, checksum: str, uploaded_at: float) -> bytes:
    """The bytes previewed under this checksum; UploadError if they cannot be."""
    if time.time() - uploaded_at > UPLOAD_MAX_AGE_SECONDS:
        raise UploadError(_("This upload has expired: upload the file again."))
    if not _is_checksum(checksum):
        raise UploadError(_("Unknown upload: upload the file again."))
    stored = PendingUpload.objects.filter(checksum=checksum).first()
    if stored is None:
        raise UploadError(_("This upload is gone: upload the file again."))
    data = bytes(stored.data)
    if hashlib.sha256(data).hexdigest() != checksum:
        raise UploadError(
            _("The stored file differs from the previewed one: upload it again.")
        )
    return data


def upload_discard(*, checksum: str) -> None:
    PendingUpload.objects.filter(checksum=checksum).delete()


def upload_remove_expired() -> int:
    """Remove uploads too old to be confirmed; how many there were."""
    cutoff = timezone.now() - datetime.timedelta(seconds=UPLOAD_MAX_AGE_SECONDS)
    removed, _per_model = PendingUpload.objects.filter(uploaded_at__lt=cutoff).delete()
    return removed


def _is_checksum(text: str) -> bool:
    """64 hex digits, as sha256 writes them."""
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def import_preview(
    *, kind: str, data: bytes, file_name: str, user=None, **options
) -> ImportResult:
    """What importing the file would do, with the database left as it was.

    The import runs and is rolled back; what is derived from the records (the
    listing's summaries) is not recomputed, since nothing stays to derive from.
    """
    with transaction.atomic():
        result = _import_run(
            kind=kind, data=data, file_name=file_name, user=user, **options
        )
        transaction.set_rollback(True)
    return result


def import_apply(
    *, kind: str, data: bytes, file_name: str, user=None, **options
) -> ImportResult:
    result = _import_run(
        kind=kind, data=data, file_name=file_name, user=user, **options
    )
    # The listing sorts and filters on what was imported: the programmes the
    # file concerned when the importer knows them, otherwise any.
    records_imported.send(sender=import_apply, programme_ids=result.programme_ids)
    return result


def _import_run(*, kind: str, data: bytes, file_name: str, user, **options):
    import_kind = IMPORT_KINDS[kind]
    if not import_kind.asks_source_kind:
        options.pop("source_kind", None)
    return import_kind.service(data=data, file_name=file_name, user=user, **options)
