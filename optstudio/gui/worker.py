"""Background work: loading data sets and training, each in its own QThread.

Threading rules (see docs/ARCHITECTURE.md):

* A worker is a QObject moved to a QThread; its slots run in that thread.
* The trainer's progress callback runs in the training thread; it builds ONE snapshot
  (:class:`~optstudio.gui.snapshot.Snapshot`) and emits ONE signal. The window's receiving slot
  runs in the GUI thread, the only thread that touches widgets.
* Back-pressure: while the window has not finished drawing the previous snapshot, running
  updates are skipped (their records go into the next snapshot); pause/end snapshots always go.
* Pause/resume/stop use the trainer's thread-safe methods; a thread is ended with
  ``quit()`` + ``wait()`` after the trainer has stopped, never ``terminate()``.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from optstudio.core.blas import limit_blas_threads  # leaves a core to the GUI thread
from optstudio.core.datasets import DataError, DataSpec, Dataset, load_dataset
from optstudio.core.experiment import build_trainer
from optstudio.gui.projection import PCA, fit_pca
from optstudio.gui.snapshot import VIEW_GRID, VIEW_PROJECTION, SnapshotMaker

__all__ = ["LoadedData", "DataLoader", "DataLoaderThread", "TrainingWorker", "TrainingSession",
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
    status: str        # the trainer's status after run(): finished/stopped/paused/diverged/failed
    message: str
    epoch: int


class TrainingWorker(QObject):
    """Runs ``trainer.run()`` in the training thread and reports snapshots.

    :meth:`on_progress` is the trainer's callback (at most every :data:`REPORT_INTERVAL`). It
    emits a snapshot only when the window has finished drawing the previous one (records are
    never lost: a snapshot carries every record since the last one sent), then waits — at most
    :data:`FRAME_WAIT` seconds — until the window has drawn it. The GUI thread needs the GIL for
    almost all of a frame anyway (pyqtgraph paints in Python); letting it have the GIL alone
    spares it a hand-over wait of up to 5 ms for each of the dozens of times per frame it enters
    Python, which otherwise stretched frames to hundreds of milliseconds.
    """

    snapshotReady = Signal(object)   # Snapshot
    runFinished = Signal(object)     # RunOutcome

    def __init__(self, maker: SnapshotMaker) -> None:
        super().__init__()
        self.maker = maker
        self.trainer = None
        self.frame_wait = FRAME_WAIT
        self._frame_done = threading.Event()
        self._frame_done.set()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop for good (any thread). ``trainer.stop()`` alone can be lost: ``trainer.run()``
        clears the stop flag when it starts, so a stop that arrives between the run request and
        the start of ``run()`` would be forgotten. The callback re-stops the trainer."""
        self._cancelled.set()
        if self.trainer is not None:
            self.trainer.stop()
        self._frame_done.set()

    # -- called by the trainer in the training thread
    def on_progress(self, trainer) -> None:
        if self._cancelled.is_set():
            trainer.stop()
            return
        final = trainer.status != "running"
        if not (final or self._frame_done.is_set()):
            return                       # the window is still drawing: skip (records go next time)
        self._frame_done.clear()
        self.snapshotReady.emit(self.maker(trainer, force=final))
        if not final and self.frame_wait > 0:
            self._frame_done.wait(self.frame_wait)

    def frame_done(self) -> None:
        """The window has drawn the last snapshot (any thread)."""
        self._frame_done.set()

    @Slot(int)
    def run(self, max_epochs: int) -> None:
        trainer = self.trainer
        if self._cancelled.is_set():
            return
        try:
            trainer.run(None if max_epochs <= 0 else max_epochs)
            status, message = trainer.status, trainer.message
        except Exception as exc:  # noqa: BLE001 - e.g. the last report failed
            status, message = "failed", f"{type(exc).__name__}: {exc}"
        self.runFinished.emit(RunOutcome(self.maker.generation, status, message, trainer.epoch))


class TrainingSession(QObject):
    """One trainer with its worker; the thread is created on the first run request.

    ``build_trainer`` raises ExperimentError / DataError / ValueError for bad settings: the
    caller shows the message.
    """

    runRequested = Signal(int)

    def __init__(self, experiment, manager, data: LoadedData, generation: int,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = generation
        self.data = data
        ds = data.dataset
        limit_blas_threads()
        self.maker = SnapshotMaker(generation, data.view, ds.n_classes, draw_index=data.train_index)
        self.worker = TrainingWorker(self.maker)
        self.trainer = build_trainer(experiment, manager, dataset=ds, callback=self.worker.on_progress,
                                     report_interval=REPORT_INTERVAL)
        self.worker.trainer = self.trainer
        self.maker.grid_kind = "probability" if self.output_units == 1 else "class"
        self.thread: QThread | None = None
        self.in_run = False

    @property
    def output_units(self) -> int:
        return int(self.trainer.network.layer_dims[-1])

    def set_inside_wanted(self, on: bool) -> None:
        """Whether running snapshots carry the "inside the optimizer" data (any time, GUI thread:
        the training thread reads a plain bool). Final snapshots always carry it."""
        self.maker.want_inside = bool(on)

    def initial_snapshot(self):
        """The untrained network's picture; only while no run is going on."""
        return self.maker(self.trainer, force=True)

    def connect(self, snapshot_slot, finished_slot) -> None:
        """Connect the worker's signals to slots of a QObject that lives in the GUI thread.

        Always queued: the receivers run in the GUI thread, never in the training thread. (A
        plain function or lambda as receiver would run in the sender's thread.)
        """
        queued = Qt.ConnectionType.QueuedConnection
        self.worker.snapshotReady.connect(snapshot_slot, queued)
        self.worker.runFinished.connect(finished_slot, queued)

    def request_run(self, max_epochs: int = 0) -> None:
        """Start ``trainer.run(max_epochs or None)`` in the training thread."""
        if self.thread is None:
            self.thread = QThread()
            self.thread.setObjectName(f"optstudio-training-{self.generation}")
            self.worker.moveToThread(self.thread)
            self.runRequested.connect(self.worker.run, Qt.ConnectionType.QueuedConnection)
            _start_thread(self.thread, self, (self.worker, self.trainer), self._stop_training)
        self.trainer.resume()      # a pause that arrived after the last run ended must not stick
        self.in_run = True
        self.runRequested.emit(int(max_epochs))

    def frame_done(self) -> None:
        try:
            self.worker.frame_done()
        except RuntimeError:   # worker already deleted (session shut down)
            pass

    def _stop_training(self) -> None:
        self.worker.cancel()       # stops the trainer, releases a wait for a frame

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop training and end the thread. Returns False if the thread did not end in time."""
        try:
            self.worker.cancel()
        except RuntimeError:       # worker already deleted
            self.trainer.stop()
        if self.thread is None:
            return True
        self.thread.quit()
        done = self.thread.wait(timeout_ms)
        if done:
            self.thread = None
        return done
