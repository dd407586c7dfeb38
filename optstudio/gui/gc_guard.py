"""Python's cyclic garbage collection in the GUI thread only, while the window's threads run.

The collector runs in whichever thread happens to allocate when its counters say so. If that is
a worker thread and the garbage holds a Qt object owned by Python (a closed window, a dialog, a
view rebuilt after a plugin reload), the Qt object is destroyed there: its destructor locks Qt's
signal-slot mutex and waits for the GIL, while the GUI thread, holding the GIL, destroys another
Qt object and waits for that mutex. Both wait for ever (seen in the test suite and the
benchmarks: the GUI thread in ``QObject::~QObject`` → ``QBasicMutex::lockInternal``, the data
thread in ``QObject::~QObject`` → ``PyGILState_Ensure``).

So while a thread of the window runs, automatic collection is off and a timer in the GUI thread
collects with Python's own thresholds (PyQt's well-known recipe); when no such thread is left,
automatic collection is on again. The oldest generation (a full pass over every object, tens of
milliseconds once several views exist) waits while a run trains, unless it grew ten times past
its threshold: a stall of the window that long is what the training must not cause.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Slot

__all__ = ["guard_gc", "release_if_idle", "MainThreadCollector"]

_COLLECTOR: "MainThreadCollector | None" = None


class MainThreadCollector(QObject):
    """Collects in the GUI thread every :attr:`INTERVAL_MS` (generation 0, older ones when
    their counters pass Python's thresholds)."""

    INTERVAL_MS = 250

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.was_enabled = True

    def start(self) -> None:
        if not self.timer.isActive():
            self.was_enabled = gc.isenabled()
            gc.disable()
            self.timer.start()

    @Slot()
    def collect(self) -> None:
        t0, t1, t2 = gc.get_threshold()
        c0, c1, c2 = gc.get_count()
        if c0 > t0:
            gc.collect(0)
            if c1 > t1:
                gc.collect(1)
                if c2 > t2 and (c2 > 10 * t2 or not _training()):
                    gc.collect(2)
        self.release_if_idle()

    def release_if_idle(self) -> None:
        if self.timer.isActive() and not _threads_alive():
            self.timer.stop()
            if self.was_enabled:
                gc.enable()


def _training() -> bool:
    from optstudio.gui.worker import PlanWorker  # noqa: PLC0415
    return PlanWorker.driving > 0


def _threads_alive() -> bool:
    from optstudio.gui.views._common import live_view_threads  # noqa: PLC0415
    from optstudio.gui.worker import live_threads  # noqa: PLC0415
    return bool(live_threads() or live_view_threads())


def guard_gc() -> None:
    """Collect in the GUI thread only, from now until the window's threads have all ended (call
    from the GUI thread before starting a thread)."""
    global _COLLECTOR
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return
    if _COLLECTOR is None:
        _COLLECTOR = MainThreadCollector()
    _COLLECTOR.start()


def release_if_idle() -> None:
    """Automatic collection again if no thread of the window runs any more (call after ending
    threads: a timer needs an event loop, and none may run after the last window closed)."""
    if _COLLECTOR is not None:
        _COLLECTOR.release_if_idle()
