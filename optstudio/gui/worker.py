"""Background work: loading data sets, and THE worker that iterates the core engine.

Threading rules:

* A worker is a QObject moved to a QThread; its slots run in that thread.
* :class:`PlanWorker` is the one training worker (superqt's ``GeneratorWorker`` idea): it
  iterates a :class:`~optstudio.core.build.Plan` (one run or k runs) through an
  :class:`EngineLoop` that applies pause, stop and the training speed between two events; live
  changes are engine commands, applied by the engine between two steps. It is driven by
  :class:`~optstudio.gui.controller.RunController` (the Training tab's "comparison of one" and the
  Compare tab's k runs alike).
* At a bounded rate the worker builds ONE snapshot (a callable given with the plan: what the
  view needs, copied, the heavy parts such as the decision grid computed here, not in the GUI
  thread) and emits ONE signal. The receiving slots run in the GUI thread, the only thread that
  touches widgets.
* Back-pressure: while the window has not finished drawing the previous snapshot, running
  updates are skipped (their records go into the next snapshot); pause/end snapshots always go.
* A thread is ended with ``quit()`` + ``wait()`` after the loop has stopped, never
  ``terminate()``.
"""

from __future__ import annotations

import atexit
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from optstudio.core.blas import limit_blas_threads  # leaves a core to the GUI thread
from optstudio.core.datasets import DataError, DataSpec, Dataset, load_dataset
from optstudio.gui.gc_guard import guard_gc, release_if_idle
from optstudio.gui.i18n import translate
from optstudio.gui.projection import PCA, fit_pca
from optstudio.gui.snapshot import VIEW_GRID, VIEW_PROJECTION

__all__ = ["LoadedData", "DataLoader", "DataLoaderThread", "EngineLoop", "PlanWorker", "Job", "RunRequest",
           "RunOutcome", "live_threads", "stop_all_threads", "start_thread", "prepare_data", "REPORT_INTERVAL",
           "FRAME_WAIT", "MAX_DRAWN"]

_THREADS: "weakref.WeakSet[QThread]" = weakref.WeakSet()

#: snapshots per second at most (the trainer's report_interval)
REPORT_INTERVAL = 1 / 30
#: after emitting a snapshot the training thread waits (GIL released) until the window has drawn
#: it, at most this long (seconds). 0 = do not wait. See benchmarks/bench_gui_responsiveness.py.
FRAME_WAIT = 0.1


# Every thread the GUI starts, with what its work needs and how to stop that work. The entry
# keeps the thread object alive even if its owner (a window that was never closed) is garbage
# collected -- destroying a running QThread aborts the process -- and lets
# stop_all_threads() end everything at exit.
_ALIVE: dict = {}


def start_thread(thread: QThread, owner: QObject, keep: tuple, stop=None) -> None:
    """Start ``thread`` for ``owner``; if the owner is destroyed first, the thread is ended.
    Garbage is collected in the GUI thread only while it runs (see :mod:`.gc_guard`)."""
    guard_gc()
    for old in [t for t in _ALIVE if _finished(t)]:
        _ALIVE.pop(old, None)
    _THREADS.add(thread)
    owner.destroyed.connect(thread.quit)           # C++ slot: works while the owner dies
    if stop is not None:
        stopper = _Stopper(stop)
        owner.destroyed.connect(stopper.stop)
        keep = (*keep, stopper)
    _ALIVE[thread] = (keep, stop)
    thread.start()


class _Stopper:
    """Holds a stop callable for a ``destroyed`` connection (called in the owner's thread)."""

    def __init__(self, stop) -> None:
        self._stop = stop

    def stop(self, *_args) -> None:
        try:
            self._stop()
        except Exception:  # noqa: BLE001
            pass


def _finished(thread: QThread) -> bool:
    try:
        return thread.isFinished()
    except RuntimeError:
        return True


@atexit.register
def stop_all_threads(timeout_ms: int = 10000) -> None:
    """Stop every training and end every thread the GUI started (also run at exit)."""
    for thread, (_keep, stop) in list(_ALIVE.items()):
        try:
            if stop is not None:
                stop()
            thread.quit()
            thread.wait(timeout_ms)
        except RuntimeError:
            pass
    _ALIVE.clear()


def live_threads() -> list[QThread]:
    """QThreads created by the GUI that are still running (tests check this is empty)."""
    out = []
    for thread in list(_THREADS):
        try:
            if thread.isRunning():
                out.append(thread)
        except RuntimeError:  # C++ object already deleted
            continue
    return out


# =============================================================================================
#: at most this many training (and half as many test) points are drawn; the rest only train
MAX_DRAWN = 4000


def _spread(n: int, limit: int) -> np.ndarray:
    """``limit`` indices spread evenly over ``range(n)`` (all of them if n ≤ limit)."""
    if n <= limit:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, limit).round().astype(np.intp))


@dataclass
class LoadedData:
    """A data set plus what the views need to draw it."""

    spec: DataSpec
    dataset: Dataset | None
    error: str = ""
    pca: PCA | None = None               # None for 2-D data (drawn as is)
    train_index: np.ndarray | None = None   # which training points are drawn (≤ MAX_DRAWN)
    test_index: np.ndarray | None = None
    train_xy: np.ndarray | None = None   # (2, len(train_index)) drawn coordinates
    test_xy: np.ndarray | None = None
    seconds: float = 0.0

    @property
    def view(self) -> str:
        return VIEW_GRID if self.pca is None else VIEW_PROJECTION

    @property
    def y_train_drawn(self) -> np.ndarray:
        return self.dataset.y_train[self.train_index]

    @property
    def y_test_drawn(self) -> np.ndarray:
        return self.dataset.y_test[self.test_index]


def prepare_data(spec: DataSpec) -> LoadedData:
    """Load ``spec`` and project it for drawing (any thread; no Qt)."""
    start = time.perf_counter()
    try:
        ds = load_dataset(spec)
    except DataError as exc:
        return LoadedData(spec, None, str(exc))
    except Exception as exc:  # noqa: BLE001 - never let a broken file take the window down
        return LoadedData(spec, None, f"{type(exc).__name__}: {exc}")
    train_index = _spread(ds.m_train, MAX_DRAWN)
    test_index = _spread(ds.m_test, MAX_DRAWN // 2)
    if ds.n_features == 2:
        pca, train_xy, test_xy = None, ds.X_train[:, train_index], ds.X_test[:, test_index]
    else:
        pca = fit_pca(ds.X_train[:, _spread(ds.m_train, 5000)])
        train_xy, test_xy = pca.transform(ds.X_train[:, train_index]), pca.transform(ds.X_test[:, test_index])
    return LoadedData(spec, ds, "", pca, train_index, test_index, train_xy, test_xy,
                      time.perf_counter() - start)


class DataLoader(QObject):
    """Loads data sets in its own thread; only the newest request is answered."""

    loaded = Signal(int, object)   # request id, LoadedData

    def __init__(self) -> None:
        super().__init__()
        self.latest = 0            # written by the GUI thread before each request (an int: atomic)

    @Slot(int, object)
    def load(self, request_id: int, spec: DataSpec) -> None:
        if request_id < self.latest:
            return                 # a newer request is already queued
        self.loaded.emit(request_id, prepare_data(spec))


class DataLoaderThread(QObject):
    """Owns the loader and its thread (started on the first request)."""

    requested = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = DataLoader()
        self.thread: QThread | None = None
        self._next = 0

    def request(self, spec: DataSpec) -> int:
        if self.thread is None:
            self.thread = QThread()
            self.thread.setObjectName("optstudio-data")
            self.loader.moveToThread(self.thread)
            self.requested.connect(self.loader.load, Qt.ConnectionType.QueuedConnection)
            start_thread(self.thread, self, (self.loader,))
        self._next += 1
        self.loader.latest = self._next
        self.requested.emit(self._next, spec)
        return self._next

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()
        release_if_idle()


# =============================================================================================
@dataclass
class RunOutcome:
    """How a run request ended: ``status`` of the run (one run) or of the plan (several):
    finished, stopped, paused, diverged or failed."""

    generation: int
    request: int
    status: str
    message: str
    epoch: int


class EngineLoop:
    """Iterates an engine's (or a plan's) events in the calling thread, the one place where the
    window's pause, stop and training speed meet the core's generator (no Qt here).

    The core engine has no threads: pausing is not asking for the next event, stopping is
    closing the generator. This loop waits (GIL released) while paused and closes the generator
    when stopped. A stop is tied to the runs requested before it, so a stop that arrives before
    the thread started the run is not lost, and a later run is not stopped by an old request.

    ``pace``: epochs per second at most (None: full speed); the wait is spread over the
    mini-batch steps, so a slow run still moves smoothly. :meth:`refresh` asks a paused loop for
    one more report (a new picture while nothing trains).
    """

    def __init__(self, pace: float | None = None) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._requested = 0      # runs requested so far (GUI thread)
        self._stopped_upto = 0   # every run requested up to this one is to stop
        self._cancelled = False  # stop for good
        self._refresh = False
        self._pace = pace
        self._pace_version = 0
        #: the iterating thread is waiting in a pause (read by the GUI thread)
        self.waiting = False

    def _notify(self) -> None:
        self._cond.notify_all()

    def request(self) -> int:
        """Number a new run request (call before asking the thread to run it)."""
        with self._cond:
            self._requested += 1
            self._paused = False     # a pause that arrived after the last run ended must not stick
            self._notify()
            return self._requested

    def pause(self) -> None:
        with self._cond:
            self._paused = True

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._notify()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def stop(self) -> None:
        """End the run going on and those already requested (any thread)."""
        with self._cond:
            self._stopped_upto = self._requested
            self._paused = False
            self._notify()

    def cancel(self) -> None:
        """Stop for good: this loop runs nothing any more (any thread)."""
        self._cancelled = True
        self.stop()

    def ended(self, request: int) -> bool:
        return self._cancelled or request <= self._stopped_upto

    def refresh(self) -> None:
        """A paused loop reports once more (any thread)."""
        with self._cond:
            self._refresh = True
            self._notify()

    @property
    def pace(self) -> float | None:
        return self._pace

    def set_pace(self, pace: float | None) -> None:
        """Epochs per second at most (None: full speed), from the next step on (any thread)."""
        with self._cond:
            self._pace = float(pace) if pace else None
            self._pace_version += 1
            self._notify()

    # ------------------------------------------------------------------ the iterating thread
    def drive(self, events, request: int, report, interval: float = 0.0) -> None:
        """Iterate ``events`` (a generator) until it ends or run ``request`` is stopped.

        ``report(status, final)`` is called at most every ``interval`` seconds while training
        (status "running"; it returns False when it skipped the report) and before and while
        waiting in a pause ("paused", final)."""
        last = time.perf_counter()
        missed = False             # a report was skipped: retry while waiting for the pace
        clock: tuple | None = None  # (start time, pace version) of the current pace
        progress = 0.0
        try:
            for event in events:
                if self.ended(request):
                    break
                if self._paused:
                    self._wait_paused(request, report)
                    clock = None
                    if self.ended(request):
                        break
                pace = self._pace
                if pace:
                    batches = getattr(event, "batches", None)
                    if batches is None and hasattr(event, "runs"):
                        continue           # an epoch's end: its steps were counted already
                    if clock is None or clock[1] != self._pace_version:
                        clock, progress = (time.perf_counter(), self._pace_version), 0.0
                    progress += 1.0 / max(int(batches or 1), 1)
                    missed = self._wait_until(clock[0] + progress / pace, request, report, interval, missed)
                now = time.perf_counter()
                if now - last >= interval:
                    last = now
                    missed = not report("running", False)
        finally:
            events.close()

    def _wait_until(self, due: float, request: int, report, interval: float, missed: bool) -> bool:
        """Wait (GIL released) until ``due``, a stop, a pause or a new pace; retry a skipped
        report meanwhile. Returns whether a report is still missing."""
        version = self._pace_version
        while True:
            left = due - time.perf_counter()
            if left <= 0:
                return missed
            with self._cond:
                if self.ended(request) or self._paused or self._pace_version != version:
                    return missed
                self._cond.wait(min(left, interval) if missed and interval > 0 else left)
            if missed:
                missed = not report("running", False)

    def _wait_paused(self, request: int, report) -> None:
        report("paused", True)
        with self._cond:
            self.waiting = True
            try:
                while self._paused and not self.ended(request):
                    if self._refresh:
                        self._refresh = False
                        self._cond.release()
                        try:
                            report("paused", True)
                        finally:
                            self._cond.acquire()
                        continue
                    self._cond.wait()
            finally:
                self.waiting = False


@dataclass
class Job:
    """A plan as the worker sees it: ``snapshot(status, final)`` makes what the view draws (it
    is called in the worker's thread only), ``loop`` its pause/stop/speed."""

    generation: int
    plan: object
    loop: EngineLoop
    snapshot: object

    def status(self) -> str:
        runs = self.plan.runs
        return runs[0].status if len(runs) == 1 else self.plan.status


@dataclass
class RunRequest:
    job: Job
    number: int
    epochs: int = 0           # 0: to the end; n: n more epochs, then pause


class PlanWorker(QObject):
    """THE training worker: iterates the plans its controller sends, in its own thread.

    :meth:`run` trains a plan (to the end, or ``n`` more epochs); :meth:`refresh` makes one
    snapshot of a plan that is not training (the untrained network's picture, a new picture after
    a zoom). A snapshot goes at most every :data:`REPORT_INTERVAL`, and only when the window has
    finished drawing the previous one (records are never lost: a snapshot carries every record
    since the last one sent); then the thread waits — at most :data:`FRAME_WAIT` seconds — until
    the window has drawn it. The GUI thread needs the GIL for almost all of a frame anyway
    (pyqtgraph paints in Python); letting it have the GIL alone spares it a hand-over wait of up
    to 5 ms for each of the dozens of times per frame it enters Python.
    """

    snapshotReady = Signal(int, object)   # generation, snapshot
    runFinished = Signal(int, object)     # generation, RunOutcome

    #: workers iterating a plan right now (read by :mod:`.gc_guard`)
    driving = 0

    def __init__(self) -> None:
        super().__init__()
        self.frame_wait = FRAME_WAIT
        self._frame_done = threading.Event()
        self._frame_done.set()

    def frame_done(self) -> None:
        """The window has drawn the last snapshot (any thread)."""
        self._frame_done.set()

    def _report(self, job: Job, status: str, final: bool) -> bool:
        if not (final or self._frame_done.is_set()):
            return False               # the window is still drawing: skip (records go next time)
        if job.loop.cancelled:
            return True
        self._frame_done.clear()
        self.snapshotReady.emit(job.generation, job.snapshot(status, final))
        if not final and self.frame_wait > 0:
            self._frame_done.wait(self.frame_wait)
        return True

    @Slot(object)
    def run(self, request: RunRequest) -> None:
        limit_blas_threads()          # once per process, here: not on the GUI thread's way to the window
        job = request.job
        plan = job.plan
        if job.loop.ended(request.number):
            status = job.status()
            if status in ("idle", "running"):
                status = "stopped"
            message = translate("Worker", "Stopped after epoch {epoch}.").format(
                epoch=min(e.epoch for e in plan.engines))
        else:
            until = None
            if request.epochs > 0:
                until = min(e.epoch for e in plan.engines) + request.epochs
            PlanWorker.driving += 1
            try:
                job.loop.drive(plan.steps(until=until, mini_batches=True), request.number,
                               lambda status, final: self._report(job, status, final), REPORT_INTERVAL)
                status, message = job.status(), _message(plan)
            except Exception as exc:  # noqa: BLE001 - e.g. a snapshot failed: never die silently
                status, message = "failed", f"{type(exc).__name__}: {exc}"
            finally:
                PlanWorker.driving -= 1
        epoch = min(e.epoch for e in plan.engines)
        if not job.loop.cancelled:
            self._frame_done.clear()
            try:
                self.snapshotReady.emit(job.generation, job.snapshot(status, True))
            except Exception as exc:  # noqa: BLE001
                status, message = "failed", f"{type(exc).__name__}: {exc}"
        self.runFinished.emit(job.generation, RunOutcome(job.generation, request.number, status, message, epoch))

    @Slot(object)
    def refresh(self, job: Job) -> None:
        limit_blas_threads()          # (before the first run: it holds the GIL for ~15 ms)
        if job.loop.cancelled:
            return
        self._frame_done.clear()
        try:
            snap = job.snapshot(None, True)
        except Exception:  # noqa: BLE001 - no picture: the view keeps the last one
            self._frame_done.set()
            return
        self.snapshotReady.emit(job.generation, snap)


def _message(plan) -> str:
    runs = plan.runs
    if len(runs) == 1:
        return runs[0].message
    problems = [f"{r.label}: {r.message}" for r in runs if r.status in ("diverged", "failed")]
    return " ".join(problems)
