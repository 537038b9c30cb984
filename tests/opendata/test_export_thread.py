"""In production the files are written in a thread after an import commits:
one export at a time, and an import during one gets another after it."""

import threading

from opendata import signals


def test_an_import_during_an_export_gets_one_more_export(settings, monkeypatch):
    settings.OPEN_DATA_ON_IMPORT = "thread"
    started, release = threading.Event(), threading.Event()
    calls = []

    def export():
        calls.append(1)
        started.set()
        release.wait(timeout=10)

    monkeypatch.setattr(signals, "open_data_export", export)
    signals.open_data_export_later()
    assert started.wait(timeout=10)
    # Two more imports commit while the first export runs: one more export.
    signals.open_data_export_later()
    signals.open_data_export_later()
    release.set()
    for thread in threading.enumerate():
        if thread.name == "open-data-export":
            thread.join(timeout=10)
    assert len(calls) == 2
    assert not signals._running
