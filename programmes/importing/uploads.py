"""Uploaded files between their dry run and their confirmation.

Staff see what a file would do before it does it: the preview runs the very same
service inside a transaction that is rolled back. The upload is kept on disk under
its SHA-256 checksum, so the confirmation applies exactly the bytes that were
previewed, or nothing when they are gone, changed or too old. An upload can hold
unpublished figures, so its folder and file are the portal user's alone (0700 and
0600), never the world-readable defaults of the system temp folder.
"""

import hashlib
import os
import stat
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from programmes.signals import records_imported

from .base import ImportResult
from .kinds import IMPORT_KINDS

# How long a previewed upload can still be confirmed.
UPLOAD_MAX_AGE_SECONDS = 60 * 60


class UploadError(Exception):
    """A pending upload that cannot be applied (expired, missing or altered)."""


def upload_dir() -> Path:
    """Outside MEDIA_ROOT, which a development server publishes.

    The default carries the user id: in a shared temp folder another user could
    otherwise create the folder first (and own it).
    """
    configured = settings.IMPORT_UPLOAD_DIR
    default = Path(tempfile.gettempdir()) / f"keuzewijzer-imports-{os.geteuid()}"
    return Path(configured) if configured else default


def _private_upload_dir() -> Path:
    """The upload folder, created or tightened to 0700; refused if not ours."""
    directory = upload_dir()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = directory.stat()
    if info.st_uid != os.geteuid():
        raise UploadError(
            _("The upload folder %(folder)s belongs to another user.")
            % {"folder": directory}
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        directory.chmod(0o700)
    return directory


def upload_store(*, data: bytes) -> str:
    """Keep an uploaded file until it is confirmed; return its checksum."""
    directory = _private_upload_dir()
    _remove_expired(directory)
    checksum = hashlib.sha256(data).hexdigest()
    path = directory / f"{checksum}.csv"
    # Created 0600 from the start (no moment with the umask's mode); O_NOFOLLOW
    # keeps a planted link from redirecting the write.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with os.fdopen(os.open(path, flags, 0o600), "wb") as file:
        os.fchmod(file.fileno(), 0o600)  # a file kept from an earlier upload
        file.write(data)
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
