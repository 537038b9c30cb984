"""The local-disk backend of STORAGES["opendata"] (development, tests, and
production without a bucket; with one, django-storages' S3 backend under
"open-data/", where each PUT is atomic on its own).

Each file is written to a temporary name in its folder and renamed over the old
one (`os.replace`, atomic on one file system), so a download never reads a
half-written file and a new export replaces the old files under their names.
"""

import os
import posixpath
import uuid

from django.core.files.storage import FileSystemStorage


class ReplacingFileSystemStorage(FileSystemStorage):
    def __init__(self, **kwargs):
        super().__init__(allow_overwrite=True, **kwargs)

    def _save(self, name, content):
        folder, base = posixpath.split(name)
        temporary = posixpath.join(folder, f".{base}.{uuid.uuid4().hex}")
        written = super()._save(temporary, content)
        try:
            os.replace(self.path(written), self.path(name))
        except BaseException:
            self.delete(written)
            raise
        return name
