"""Background work: loading data sets and training, each in its own QThread.

Threading rules (see docs/ARCHITECTURE.md):

* A worker is a QObject moved to a QThread; its slots run in that thread.
* The training thread iterates the core engine (:class:`EngineLoop`); at a bounded rate it
  builds ONE snapshot (:class:`~optstudio.gui.snapshot.Snapshot`) and emits ONE signal. The window's receiving slot
  runs in the GUI thread, the only thread that touches widgets.
* Back-pressure: while the window has not finished drawing the previous snapshot, running
  updates are skipped (their records go into the next snapshot); pause/end snapshots always go.
* Pause/resume/stop act on the :class:`EngineLoop` between two events; live changes are engine
  commands, applied between two steps. A thread is ended with ``quit()`` + ``wait()`` after the
  loop has stopped, never ``terminate()``.
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
from optstudio.core.build import build_engine
from optstudio.gui.projection import PCA, fit_pca
from optstudio.gui.snapshot import VIEW_GRID, VIEW_PROJECTION, SnapshotMaker

__all__ = ["LoadedData", "DataLoader", "DataLoaderThread", "EngineLoop", "TrainingWorker", "TrainingSession",
           "RunOutcome", "live_threads", "stop_all_threads", "prepare_data", "REPORT_INTERVAL", "FRAME_WAIT",
           "MAX_DRAWN"]

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


def _start_thread(thread: QThread, owner: QObject, keep: tuple, stop=None) -> None:
    """Start ``thread`` for ``owner``; if the owner is destroyed first, the thread is ended."""
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
            _start_thread(self.thread, self, (self.loader,))
        self._next += 1
        self.loader.latest = self._next
        self.requested.emit(self._next, spec)
        return self._next

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait()


# =============================================================================================
@dataclass
class RunOutcome:
    generation: int
    status: str        # the run's status after training: finished/stopped/paused/diverged/failed
    message: str
    epoch: int


class EngineLoop:
    """Iterates an engine's (or a plan's) events in the calling thread, the one place where the
    window's pause and stop meet the core's generator (no Qt here).

    The core engine has no threads: pausing is not asking for the next event, stopping is
    closing the generator. This loop waits (GIL released) while paused and closes the generator
    when stopped. A stop is tied to the runs requested before it, so a stop that arrives before
    the thread started the run is not lost, and a later run is not stopped by an old request.
    """

    def __init__(self) -> None:
        self._resume = threading.Event()
        self._resume.set()
        self._requested = 0      # runs requested so far (GUI thread)
        self._stopped_upto = 0   # every run requested up to this one is to stop
        self._cancelled = False  # stop for good

    def request(self) -> int:
        """Number a new run request (call before asking the thread to run it)."""
        self._requested += 1
        self._resume.set()       # a pause that arrived after the last run ended must not stick
        return self._requested

    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    def stop(self) -> None:
        """End the run going on and those already requested (any thread)."""
        self._stopped_upto = self._requested
        self._resume.set()

    def cancel(self) -> None:
        """Stop for good: this loop runs nothing any more (any thread)."""
        self._cancelled = True
        self.stop()

    def ended(self, request: int) -> bool:
        return self._cancelled or request <= self._stopped_upto

    def drive(self, events, request: int, report, interval: float = 0.0) -> None:
        """Iterate ``events`` (a generator) until it ends or run ``request`` is stopped;
        ``report(status)`` is called at most every ``interval`` seconds while training
        (status "running") and before waiting in a pause ("paused")."""
        last = time.perf_counter()
        try:
            for _event in events:
                if self.ended(request):
                    break
                if not self._resume.is_set():
                    report("paused")
                    self._resume.wait()
                    if self.ended(request):
                        break
                now = time.perf_counter()
                if now - last >= interval:
                    last = now
                    report("running")
        finally:
            events.close()


class TrainingWorker(QObject):
    """Trains one engine in the training thread and reports snapshots.

    :meth:`_report` emits a snapshot at most every :data:`REPORT_INTERVAL`, and only when the
    window has finished drawing the previous one (records are never lost: a snapshot carries every
    record since the last one sent), then waits — at most :data:`FRAME_WAIT` seconds — until the
    window has drawn it. The GUI thread needs the GIL for almost all of a frame anyway (pyqtgraph
    paints in Python); letting it have the GIL alone spares it a hand-over wait of up to 5 ms for
    each of the dozens of times per frame it enters Python, which otherwise stretched frames to
    hundreds of milliseconds.
    """

    snapshotReady = Signal(object)   # Snapshot
    runFinished = Signal(object)     # RunOutcome

    def __init__(self, maker: SnapshotMaker, engine) -> None:
        super().__init__()
        self.maker = maker
        self.engine = engine
        self.loop = EngineLoop()
        self.frame_wait = FRAME_WAIT
        self._frame_done = threading.Event()
        self._frame_done.set()

    def cancel(self) -> None:
        """Stop for good (any thread)."""
        self.loop.cancel()
        self._frame_done.set()

    def _report(self, status: str) -> None:
        final = status != "running"
        if not (final or self._frame_done.is_set()):
            return                       # the window is still drawing: skip (records go next time)
        self._frame_done.clear()
        self.snapshotReady.emit(self.maker(self.engine.runs[0], force=final, status=status))
        if not final and self.frame_wait > 0:
            self._frame_done.wait(self.frame_wait)

    def frame_done(self) -> None:
        """The window has drawn the last snapshot (any thread)."""
        self._frame_done.set()

    @Slot(int, int)
    def run(self, request: int, max_epochs: int) -> None:
        engine = self.engine
        run = engine.runs[0]
        if self.loop.ended(request):
            status, message = ("stopped", f"Stopped after epoch {run.epoch}.") if run.status in ("idle", "running") \
                else (run.status, run.message)
        else:
            until = None if max_epochs <= 0 else engine.epoch + max_epochs
            try:
                self.loop.drive(engine.steps(until=until, mini_batches=True), request, self._report,
                                REPORT_INTERVAL)
                status, message = run.status, run.message
            except Exception as exc:  # noqa: BLE001 - e.g. a report failed
                status, message = "failed", f"{type(exc).__name__}: {exc}"
        self._frame_done.clear()
        self.snapshotReady.emit(self.maker(run, force=True, status=status))
        self.runFinished.emit(RunOutcome(self.maker.generation, status, message, run.epoch))


class TrainingSession(QObject):
    """One engine of one run with its worker; the thread is created on the first run request.

    ``build_engine`` raises ExperimentError / DataError / ValueError for bad settings: the
    caller shows the message. ``run`` is the engine's run (read it; change it with
    :meth:`apply_changes`, :meth:`pause`, :meth:`resume`, :meth:`stop`).
    """

    runRequested = Signal(int, int)

    def __init__(self, experiment, manager, data: LoadedData, generation: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = generation
        self.data = data
        ds = data.dataset
        limit_blas_threads()
        self.maker = SnapshotMaker(generation, data.view, ds.n_classes, draw_index=data.train_index)
        self.engine = build_engine(experiment, manager, dataset=ds)
        self.run = self.engine.runs[0]
        self.worker = TrainingWorker(self.maker, self.engine)
        self.maker.grid_kind = "probability" if self.output_units == 1 else "class"
        self.thread: QThread | None = None
        self.in_run = False

    @property
    def output_units(self) -> int:
        return int(self.run.network.layer_dims[-1])

    @property
    def status(self) -> str:
        """The run's status, "paused" while the training thread waits in a pause."""
        if self.in_run and self.worker.loop.paused and self.run.status == "running":
            return "paused"
        return self.run.status

    def set_inside_wanted(self, on: bool) -> None:
        """Whether running snapshots carry the "inside the optimizer" data (any time, GUI thread:
        the training thread reads a plain bool). Final snapshots always carry it."""
        self.maker.want_inside = bool(on)

    def initial_snapshot(self):
        """The untrained network's picture; only while no run is going on."""
        return self.maker(self.run, force=True)

    def connect(self, snapshot_slot, finished_slot) -> None:
        """Connect the worker's signals to slots of a QObject that lives in the GUI thread.

        Always queued: the receivers run in the GUI thread, never in the training thread. (A
        plain function or lambda as receiver would run in the sender's thread.)
        """
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.snapshotReady.connect(snapshot_slot, queued)
        self.worker.runFinished.connect(finished_slot, queued)

    def request_run(self, max_epochs: int = 0) -> None:
        """Train ``max_epochs`` more epochs (0: to the end) in the training thread."""
        if self.thread is None:
            self.thread = QThread()
            self.thread.setObjectName(f"optstudio-training-{self.generation}")
            self.worker.moveToThread(self.thread)
            self.runRequested.connect(self.worker.run, Qt.ConnectionType.QueuedConnection)
            _start_thread(self.thread, self, (self.worker, self.engine), self._stop_training)
        request = self.worker.loop.request()
        self.in_run = True
        self.runRequested.emit(request, int(max_epochs))

    # -- controls (GUI thread); the engine applies changes between two steps
    def pause(self) -> None:
        self.worker.loop.pause()

    def resume(self) -> None:
        self.worker.loop.resume()

    def stop(self) -> None:
        """End the run going on (it can be continued with another request)."""
        self.worker.loop.stop()

    def apply_changes(self, *, learning_rate: float | None = None, optimizer=None, schedule=None,
                      schedule_per: str | None = None, epochs: int | None = None,
                      mini_batch_size: int | None = None) -> None:
        engine = self.engine
        if learning_rate is not None:
            engine.set_learning_rate(learning_rate)
        if optimizer is not None:
            engine.set_optimizer(optimizer, 0)
        if schedule is not None:
            engine.set_schedule(schedule, schedule_per or self.run.schedule_per)
        if epochs is not None:
            engine.set_epochs(epochs)
        if mini_batch_size is not None:
            engine.set_mini_batch_size(mini_batch_size)
        if not self.in_run:
            engine.apply_commands()     # nothing is training: the change shows at once

    def frame_done(self) -> None:
        try:
            self.worker.frame_done()
        except RuntimeError:   # worker already deleted (session shut down)
            pass

    def _stop_training(self) -> None:
        self.worker.cancel()       # stops the engine's loop, releases a wait for a frame

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop training and end the thread. Returns False if the thread did not end in time."""
        try:
            self.worker.cancel()
        except RuntimeError:       # worker already deleted
            pass
        if self.thread is None:
            return True
        self.thread.quit()
        done = self.thread.wait(timeout_ms)
        if done:
            self.thread = None
        return done
