"""Fixtures for the views' tests (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def _running_threads():
    from optstudio.gui.views import live_view_threads

    threads = list(live_view_threads())
    try:
        from optstudio.gui.worker import live_threads
    except Exception:  # noqa: BLE001 - the main window's modules are not ours to test
        live_threads = None
    if live_threads is not None:
        threads += [t for t in live_threads() if t not in threads]
    return threads


@pytest.fixture(autouse=True)
def _no_threads_left(qapp):
    """Fail a test that leaves a QThread running (and end the thread so the others can run)."""
    yield
    left = _running_threads()
    if left:
        names = ", ".join(t.objectName() or "QThread" for t in left)
        for thread in left:
            thread.quit()
            thread.wait(10000)
        pytest.fail(f"{len(left)} QThread(s) still running after the test: {names}")


@pytest.fixture
def manager():
    from optstudio.plugins.manager import get_plugin_manager

    return get_plugin_manager()
