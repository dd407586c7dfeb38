"""The run controller: one state machine and the live changes for 1 … k runs, over one worker.

The Training tab trains "a comparison of one"; the Compare tab trains k runs. Both give a
:class:`RunController` a :class:`~optstudio.core.build.Plan` and a snapshot callable, and press
its buttons (:meth:`~RunController.start`, :meth:`~RunController.pause`,
:meth:`~RunController.step`, :meth:`~RunController.stop`); live changes
(:meth:`~RunController.set_learning_rate`, :meth:`~RunController.set_optimizer`,
:meth:`~RunController.set_schedule`, :meth:`~RunController.set_mini_batch_size`,
:meth:`~RunController.set_epochs`, :meth:`~RunController.stop_run`) become engine commands,
applied by the engine between two steps, for one run or for all of them.

The controller drives ONE :class:`~optstudio.gui.worker.PlanWorker` in ONE QThread (created on
first use, kept for the next plans). Loading another plan never waits for the thread: the old
plan's loop is cancelled and the worker takes the new plan's requests when the old step is over
(a slow plugin's step does not freeze the window).

While a run trains, a typed value is held for :attr:`RunController.LIVE_DELAY_MS` (typing
"7e-4" must not train with α = 7, typing "5000" epochs must not end the run at "5"); paused,
idle or finished, it goes at once. Start, Step and Pause send what is held first.
"""

from __future__ import annotations

import enum
from functools import partial

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot

from optstudio.core.optim import one_line
from optstudio.gui.gc_guard import release_if_idle
from optstudio.gui.worker import EngineLoop, Job, PlanWorker, RunOutcome, RunRequest, start_thread

__all__ = ["RunState", "Change", "RunController"]


class RunState(str, enum.Enum):
    """What the controller's runs are doing (a ``str`` enum: ``RunState.RUNNING == "running"``)."""

    EMPTY = "empty"          # no runs (no data yet, or settings to fix)
    IDLE = "idle"            # built, untrained: Start or Step
    RUNNING = "running"
    PAUSED = "paused"        # can continue
    STEPPING = "stepping"    # one epoch, then paused
    STOPPED = "stopped"      # stopped by the user (Compare's Stop); a new Start trains again
    FINISHED = "finished"    # the planned epochs are done (raise them to continue)
    FAILED = "failed"        # every run diverged or failed

    @property
    def busy(self) -> bool:
        """A run is going on in the worker (running, stepping or paused inside it)."""
        return self in (RunState.RUNNING, RunState.STEPPING, RunState.PAUSED)


class Change(enum.Enum):
    """The live changes; a held change of the same kind (and run) is replaced by a newer one."""

    OPTIMIZER = enum.auto()
    LEARNING_RATE = enum.auto()
    SCHEDULE = enum.auto()
    MINI_BATCH_SIZE = enum.auto()
    EPOCHS = enum.auto()


_AFTER_RUN = {"finished": RunState.FINISHED, "paused": RunState.PAUSED, "stopped": RunState.STOPPED,
              "idle": RunState.STOPPED, "running": RunState.STOPPED, "diverged": RunState.FAILED,
              "failed": RunState.FAILED}


class RunController(QObject):
    """Owns the state machine of one plan at a time and the worker that trains it.

    Signals (GUI thread, values attached): ``stateChanged(RunState)``, ``planChanged(plan or
    None)``, ``snapshotReady(snapshot)`` (the views draw it during the emit; the worker then may
    send the next one), ``runFinished(RunOutcome)``, ``commandFailed(str)`` (a one-line reason).
    """

    stateChanged = Signal(object)
    planChanged = Signal(object)
    snapshotReady = Signal(object)
    runFinished = Signal(object)
    commandFailed = Signal(str)

    _runRequested = Signal(object)
    _refreshRequested = Signal(object)

    LIVE_DELAY_MS = 400

    def __init__(self, registry=None, *, name: str = "training", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.name = name
        self.plan = None
        self.job: Job | None = None
        self.generation = 0
        self.state = RunState.EMPTY
        self.epochs = 0                      # the planned epochs (what set_epochs last said)
        self.pace: float | None = None       # epochs per second at most (None: full speed)
        self.thread: QThread | None = None
        self.worker = PlanWorker()
        self._worker_moved = False
        self.closed = False                  # shut down: no new thread, no new run
        self._requests: set[int] = set()     # run requests the worker has not answered yet
        self._latest = 0
        self._pending: dict = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    # ------------------------------------------------------------------ what there is
    @property
    def runs(self) -> list:
        return list(self.plan.runs) if self.plan is not None else []

    @property
    def run(self):
        """The first (for the Training tab: the only) run, or None."""
        return self.plan.runs[0] if self.plan is not None else None

    @property
    def epoch(self) -> int:
        """Epochs every run has completed (the least of them)."""
        if self.plan is None:
            return 0
        return min(e.epoch for e in self.plan.engines)

    @property
    def in_run(self) -> bool:
        """The worker has a run request of this plan (training, or paused inside it)."""
        return bool(self._requests)

    @property
    def worker_paused(self) -> bool:
        """The training thread is waiting in a pause."""
        return self.job is not None and self.job.loop.waiting

    @property
    def pending(self) -> bool:
        """Changes are held until the typing stops."""
        return bool(self._pending)

    def can_start(self) -> bool:
        if self.job is None or self.state in (RunState.RUNNING, RunState.STEPPING, RunState.FAILED):
            return False
        return self.state == RunState.PAUSED and self.in_run or self.epoch < self.epochs

    def can_step(self) -> bool:
        return self.job is not None and self.state in (RunState.IDLE, RunState.PAUSED, RunState.FINISHED,
                                                       RunState.STOPPED)

    # ------------------------------------------------------------------ plans
    def load(self, plan, snapshot, *, epochs: int | None = None) -> None:
        """Train ``plan`` from now on (the previous plan is dropped at once, without waiting).

        ``snapshot(status, final)`` makes what the views draw; it runs in the worker's thread. The
        untrained picture is requested at once and arrives through :attr:`snapshotReady`."""
        self._drop()
        self.generation += 1
        self.plan = plan
        self.epochs = int(epochs if epochs is not None else max(e.epochs for e in plan.engines))
        self.job = Job(self.generation, plan, EngineLoop(self.pace), snapshot)
        self._set_state(RunState.IDLE)
        self.planChanged.emit(plan)
        self.refresh()

    def clear(self) -> None:
        """No plan (e.g. the data is loading or a field must be fixed first)."""
        self._drop()
        self.plan = None
        self._set_state(RunState.EMPTY)
        self.planChanged.emit(None)

    def refresh(self) -> None:
        """Ask for a new picture of the runs (their state does not change)."""
        job = self.job
        if job is None:
            return
        if self.in_run:
            job.loop.refresh()       # (a paused run answers; a running one sends pictures anyway)
        elif self._ensure_thread():
            self._refreshRequested.emit(job)

    def _drop(self) -> None:
        self._timer.stop()
        self._pending.clear()
        self._requests.clear()
        if self.job is not None:
            self.job.loop.cancel()
            self.worker.frame_done()         # a worker waiting for the last frame goes on at once
        self.job = None

    # ------------------------------------------------------------------ buttons
    def start(self) -> bool:
        """Start, resume or continue (after more epochs were planned). False: not possible now."""
        self.flush()
        if self.closed or not self.can_start():
            return False
        if self.state == RunState.PAUSED and self.in_run:
            self.job.loop.resume()
        else:
            self._request(0)
        self._set_state(RunState.RUNNING)
        return True

    def pause(self) -> bool:
        self.flush()
        if self.state != RunState.RUNNING:
            return False
        self.job.loop.pause()
        self._set_state(RunState.PAUSED)
        return True

    def step(self) -> bool:
        """Train exactly one epoch, then pause (from idle, paused, stopped or finished)."""
        self.flush()
        if self.closed or not self.can_step():
            return False
        if self.in_run:
            self.job.loop.stop()             # ends the paused run; the step is the next request
        self._request(1)
        self._set_state(RunState.STEPPING)
        return True

    def stop(self) -> bool:
        """Stop every run now (they keep their weights and history)."""
        if self.job is None or not self.in_run:
            return False
        self.flush()
        self.job.loop.stop()
        return True

    def set_pace(self, epochs_per_second: float | None) -> None:
        """Train at most this many epochs per second (None: full speed), from the next step on."""
        self.pace = float(epochs_per_second) if epochs_per_second else None
        if self.job is not None:
            self.job.loop.set_pace(self.pace)

    def _request(self, epochs: int) -> None:
        if not self._ensure_thread():
            return
        number = self.job.loop.request()
        self._requests.add(number)
        self._latest = number
        self._runRequested.emit(RunRequest(self.job, number, int(epochs)))

    # ------------------------------------------------------------------ live changes
    def set_learning_rate(self, learning_rate: float, run: int | None = None) -> None:
        """α of run ``run`` (index; None: every run) from the next step on."""
        self._change(Change.LEARNING_RATE, run, partial(self._send_learning_rate, float(learning_rate), run))

    def set_optimizer(self, spec, run: int | None = None) -> None:
        """Another optimizer (an OptimizerSpec: name, α, hyperparameters) for ``run`` (None:
        every run): one optimizer command and one α command per run. The new optimizer takes
        over the old one's state where names match."""
        self._change(Change.OPTIMIZER, run, partial(self._send_optimizer, spec, run))

    def set_schedule(self, spec, run: int | None = None) -> None:
        """Another learning-rate schedule (a ScheduleSpec) for ``run`` (None: every run)."""
        self._change(Change.SCHEDULE, run, partial(self._send_schedule, spec, run))

    def set_mini_batch_size(self, mini_batch_size: int) -> None:
        """From the next epoch on, for every run."""
        self._change(Change.MINI_BATCH_SIZE, None, partial(self._send_engines, "set_mini_batch_size",
                                                           int(mini_batch_size)))

    def set_epochs(self, epochs: int) -> None:
        """The planned number of epochs (raising it after the end lets the runs continue)."""
        self._change(Change.EPOCHS, None, partial(self._send_epochs, int(epochs)))

    def stop_run(self, run: int) -> None:
        """Stop run ``run`` for good (the others go on)."""
        target = self._target_runs(run)
        for r in target:
            r.engine.stop_run(r)

    @Slot()
    def flush(self) -> None:
        """Send the held changes now."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for send in pending.values():
            send()

    def _change(self, kind: Change, run, send) -> None:
        if self.state == RunState.RUNNING:
            self._pending.pop((kind, run), None)        # (a newer value goes last)
            self._pending[(kind, run)] = send
            self._timer.start(self.LIVE_DELAY_MS)
        else:
            send()

    def _target_runs(self, run) -> list:
        if self.plan is None:
            return []
        return list(self.plan.runs) if run is None else [self.plan.runs[run]]

    def _guarded(self, action) -> bool:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - a plugin failing to build, a refused value
            self.commandFailed.emit(one_line(exc))
            return False
        return True

    def _send_learning_rate(self, learning_rate: float, run) -> None:
        def send():
            for r in self._target_runs(run):
                r.engine.set_learning_rate(learning_rate, r)
        self._guarded(send)

    def _send_optimizer(self, spec, run) -> None:
        def send():
            made = [(r, self.registry.create_optimizer(spec.name, spec.params)) for r in self._target_runs(run)]
            for r, optimizer in made:
                r.engine.set_optimizer(optimizer, r)
                r.engine.set_learning_rate(spec.learning_rate, r)
        self._guarded(send)

    def _send_schedule(self, spec, run) -> None:
        def send():
            per = self.registry.schedule_info(spec.name).per
            made = [(r, self.registry.create_schedule(spec.name, spec.params)) for r in self._target_runs(run)]
            for r, schedule in made:
                r.engine.set_schedule(schedule, per, r)
        self._guarded(send)

    def _send_engines(self, method: str, value) -> None:
        if self.plan is not None:
            self._guarded(lambda: [getattr(e, method)(value) for e in self.plan.engines])

    def _send_epochs(self, epochs: int) -> None:
        self.epochs = epochs
        self._send_engines("set_epochs", epochs)
        if self.state == RunState.FINISHED and self.epoch < epochs:
            self._set_state(RunState.PAUSED)        # more epochs planned: the run can continue
        elif self.state == RunState.PAUSED and not self.in_run and self.epoch >= epochs:
            self._set_state(RunState.FINISHED)

    # ------------------------------------------------------------------ from the worker
    @Slot(int, object)
    def _on_snapshot(self, generation: int, snap) -> None:
        try:
            if generation == self.generation and self.job is not None:
                self.snapshotReady.emit(snap)
        finally:
            self.worker.frame_done()

    @Slot(int, object)
    def _on_run_finished(self, generation: int, outcome: RunOutcome) -> None:
        if generation != self.generation:
            return                           # a dropped plan's run
        self._requests.discard(outcome.request)
        if outcome.request != self._latest:
            return                           # superseded (e.g. a paused run ended for a Step)
        state = _AFTER_RUN.get(outcome.status, RunState.STOPPED)
        if state == RunState.PAUSED and self.epoch >= self.epochs:
            state = RunState.FINISHED
        self._set_state(state)
        self.runFinished.emit(outcome)

    def _set_state(self, state: RunState) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)

    # ------------------------------------------------------------------ the thread
    def _ensure_thread(self) -> bool:
        """The worker's thread, started on first use. False once shut down."""
        if self.closed:
            return False
        if self.thread is not None:
            return True
        if self._worker_moved:           # its thread has ended (shutdown): a fresh worker
            self.worker = PlanWorker()
        self._worker_moved = True
        self.thread = QThread()
        self.thread.setObjectName(f"optstudio-{self.name}")
        self.worker.moveToThread(self.thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._runRequested.connect(self.worker.run, queued)
        self._refreshRequested.connect(self.worker.refresh, queued)
        self.worker.snapshotReady.connect(self._on_snapshot, queued)
        self.worker.runFinished.connect(self._on_run_finished, queued)
        start_thread(self.thread, self, (self.worker,), self._cancel)
        return True

    def _cancel(self) -> None:
        job = self.job
        if job is not None:
            job.loop.cancel()
        self.worker.frame_done()

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop training and end the thread (idempotent; the controller starts nothing any more).
        False if the thread did not end in time."""
        self.closed = True
        self._timer.stop()
        self._pending.clear()
        self._cancel()
        self._requests.clear()
        if self.thread is None:
            return True
        self.thread.quit()
        done = self.thread.wait(timeout_ms)
        if done:
            self.thread = None
            for signal in (self._runRequested, self._refreshRequested):
                signal.disconnect()
        if self.state.busy:
            self._set_state(RunState.STOPPED)
        release_if_idle()
        return done
