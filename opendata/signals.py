"""After an import, the open data files are written again.

Imports send programmes.signals.records_imported once per run. Writing the
files reads every programme as its page does (minutes on the real catalogue),
so it waits for the import's commit and, unless OPEN_DATA_ON_IMPORT says
"sync", runs in a thread of its own: an upload in the admin must not wait.
"off" (the tests' setting) skips it; `manage.py export_open_data` always works.

One export at a time per process: an import that commits while one runs asks
for another, which starts when the running one ends (it may have read some
programmes before that import).
"""

import logging
import threading

from django.conf import settings
from django.db import connections, transaction
from django.dispatch import receiver

from programmes.signals import records_imported

from .services import open_data_export

logger = logging.getLogger(__name__)
_state = threading.Lock()
_running = False
_again = False


def _export_until_current():
    global _running, _again
    try:
        while True:
            try:
                open_data_export()
            except Exception:
                logger.exception("Writing the open data files failed")
            with _state:
                if not _again:
                    _running = False
                    return
                _again = False
    finally:
        connections.close_all()  # this thread's own connections


def open_data_export_later() -> None:
    global _running, _again
    if settings.OPEN_DATA_ON_IMPORT == "sync":
        open_data_export()
        return
    with _state:
        if _running:
            _again = True
            return
        _running = True
    threading.Thread(target=_export_until_current, name="open-data-export").start()


@receiver(records_imported)
def records_imported_export(sender, **kwargs):
    if settings.OPEN_DATA_ON_IMPORT != "off":
        transaction.on_commit(open_data_export_later)
