"""Uploaded files between their dry run and their confirmation.

Staff see what a file would do before it does it: the preview runs the very same
service inside a transaction that is rolled back. The upload is kept on disk under
its SHA-256 checksum, so the confirmation applies exactly the bytes that were
previewed, or nothing when they are gone, changed or too old.
"""

import hashlib
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from programmes.summaries import summaries_refresh

from .base import ImportResult
from .kinds import IMPORT_KINDS

# How long a previewed upload can still be confirmed.
UPLOAD_MAX_AGE_SECONDS = 60 * 60


class UploadError(Exception):
    """A pending upload that cannot be applied (expired, missing or altered)."""


def upload_dir() -> Path:
    """Outside MEDIA_ROOT, which a development server publishes."""
    configured = getattr(settings, "IMPORT_UPLOAD_DIR", None)
    return Path(configured or Path(tempfile.gettempdir()) / "keuzewijzer-imports")


def upload_store(*, data: bytes) -> str:
    """Keep an uploaded file until it is confirmed; return its checksum."""
    directory = upload_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _remove_expired(directory)
    checksum = hashlib.sha256(data).hexdigest()
    (directory / f"{checksum}.csv").write_bytes(data)
    return checksum


def upload_read(*, checksum: str, uploaded_at: float) -> bytes:
    """The bytes previewed under this checksum; UploadError if they cannot be."""
    if time.time() - uploaded_at > UPLOAD_MAX_AGE_SECONDS:
        raise UploadError(_("This upload has expired: upload the file again."))
    if not _is_checksum(checksum):
        raise UploadError(_("Unknown upload: upload the file again."))
    try:
        data = (upload_dir() / f"{checksum}.csv").read_bytes()
    except OSError:
        raise UploadError(_("This upload is gone: upload the file again.")) from None
    if hashlib.sha256(data).hexdigest() != checksum:
        raise UploadError(
            _("The stored file differs from the previewed one: upload it again.")
        )
    return data


def upload_discard(*, checksum: str) -> None:
    if _is_checksum(checksum):
        (upload_dir() / f"{checksum}.csv").unlink(missing_ok=True)


def _is_checksum(text: str) -> bool:
    """64 hex digits: also keeps a posted value from naming any other path."""
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _remove_expired(directory: Path) -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for path in directory.glob("*.csv"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def import_preview(
    *, kind: str, data: bytes, file_name: str, user=None, **options
) -> ImportResult:
    """What importing the file would do, with the database left as it was."""
    with transaction.atomic():
        result = import_apply(
            kind=kind, data=data, file_name=file_name, user=user, **options
        )
        transaction.set_rollback(True)
    return result


def import_apply(
    *, kind: str, data: bytes, file_name: str, user=None, **options
) -> ImportResult:
    import_kind = IMPORT_KINDS[kind]
    if not import_kind.asks_source_kind:
        options.pop("source_kind", None)
    result = import_kind.service(data=data, file_name=file_name, user=user, **options)
    summaries_refresh()  # the listing sorts and filters on what was imported
    return result
