from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from programmes.importing.runner import import_file, opendata_files
from programmes.models import ImportRun


@pytest.fixture(scope="package")
def shipped_import(django_db_setup, django_db_blocker):
    """Every shipped DUO file imported once for this package's modules, with the
    run each import logged, in import order: [(file name, ImportRun)].

    Inside a transaction rolled back at the end (deleting the records one model at
    a time takes longer than the import); each test runs in a savepoint of it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        runs = []
        for path, service in opendata_files(Path(settings.OPENDATA_DIR)):
            import_file(path, service)
            runs.append((path.name, ImportRun.objects.order_by("-pk").first()))
        # PostgreSQL defers the foreign-key checks of the import to the end of
        # the transaction; checked now, once, they are not checked again at the
        # end of every test (about 2 s each).
        connection.check_constraints()
        yield runs
        transaction.set_rollback(True)
