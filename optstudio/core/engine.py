"""The training engine: one loop that trains one run or k stacked runs, as a generator of events.

One epoch (the notebook's ``model`` loop), for every run at once::

    shuffle the m training columns, cut them into mini-batches (the last one smaller)
    for each mini-batch:  t = t + 1
                          cost, grads = forward and backward pass     (one stacked pass for k runs)
                          each run's optimizer updates its parameters with its learning rate α

:meth:`Engine.steps` is a generator: it yields an :class:`EpochEvent` after every epoch (and,
with ``mini_batches=True``, a :class:`StepEvent` after every mini-batch). The engine has no
threads, locks or callbacks. Whoever iterates it decides everything else:

* pausing is not asking for the next event; stopping is closing the generator (``close()``,
  or leaving a ``for`` loop over it and dropping it): the runs are then "stopped" and keep
  their weights and history; a later :meth:`Engine.steps` continues from there;
* commands (:meth:`Engine.set_learning_rate`, :meth:`~Engine.set_optimizer`,
  :meth:`~Engine.set_schedule`, :meth:`~Engine.set_mini_batch_size`, :meth:`~Engine.set_epochs`,
  :meth:`~Engine.stop_run`) may be given from any thread at any time; they are queued and applied
  between two steps (the mini-batch size from the next epoch on), so none is lost, whether it
  arrives before training starts, while it runs, or after it ended.

A run that diverges, or whose optimizer or schedule raises, is *frozen* on its own (status
"diverged" or "failed" with a one-line message) while the others go on.

Stacked updates (sweeps): consecutive runs whose optimizers are of one stackable kind (see
:class:`~optstudio.core.optim.OptimizerInfo`, ``stackable``) can form a :class:`RowGroup`: one
optimizer object built for those rows updates their block of ``theta`` (k, P) at once, with a
(k, 1) column of learning rates, so a step costs a handful of numpy calls however many runs the
group holds. Every run still has its own optimizer object: it takes over the run's row of the
stacked state if the run is given another optimizer (:meth:`Engine.set_optimizer` dissolves the
group), and the numbers are those of separate runs.
"""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass
from functools import partial
from typing import Iterator, Sequence

import numpy as np

from optstudio.core.history import EpochRecord, History, TrainResult
from optstudio.core.i18n import translate
from optstudio.core.network import augment
from optstudio.core.optim import one_line
from optstudio.core.settings import EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, check_setting
from optstudio.core.stack import make_stack

__all__ = ["Engine", "Run", "RowGroup", "StepEvent", "EpochEvent", "Shuffler", "TrainingData",
           "DIVERGENCE_FACTOR", "check_plan"]

#: a run whose training cost grows above this many times max(1, its cost before training) has
#: diverged even while the cost is still a finite number
DIVERGENCE_FACTOR = 1e4


@dataclass(slots=True)
class StepEvent:
    """After a mini-batch update: ``step`` updates done (t), mini-batch ``batch`` of ``batches``."""

    engine: "Engine"
    epoch: int
    step: int
    batch: int
    batches: int


@dataclass(slots=True)
class EpochEvent:
    """After an epoch: ``runs`` recorded it (``run.history.last``); ``ended`` stopped training in
    it (diverged or failed)."""

    engine: "Engine"
    epoch: int
    runs: list
    ended: list


def check_plan(learning_rates, mini_batch_size: int, epochs: int) -> None:
    """ValueError with a one-line message for a learning rate ≤ 0, a mini-batch size < 1 or
    epochs < 1 (the rules of :mod:`optstudio.core.settings`)."""
    for rate in learning_rates:
        check_setting(LEARNING_RATE, rate, strict=True)
    check_setting(MINI_BATCH_SIZE, mini_batch_size, strict=True)
    check_setting(EPOCHS, epochs, strict=True)


class TrainingData:
    """The arrays the engine trains on, made once: ``X``/``Y``/``y`` and the test set, the inputs
    augmented with their bias row (``Xa``), shuffle buffers, and ``m``. ``encode_labels`` and
    ``layer_dims`` come from the network (or stack). Raises ValueError for empty or mismatched
    data."""

    def __init__(self, dataset, network):
        self.dataset = dataset
        self.X = np.ascontiguousarray(dataset.X_train, dtype=np.float64)
        self.Y = network.encode_labels(dataset.y_train)
        self.y = np.asarray(dataset.y_train)
        # for one output unit the accuracy compares a > 0.5 with y = 1: keep y as booleans
        self.y_eval = self.y > 0 if network.layer_dims[-1] == 1 else self.y
        self.X_test = np.ascontiguousarray(dataset.X_test, dtype=np.float64)
        self.y_test = np.asarray(dataset.y_test)
        self.Y_test = network.encode_labels(self.y_test)
        self.Xa = augment(self.X)            # [X; 1]: inputs with the bias row
        self.Xa_test = augment(self.X_test)
        self.X_shuffled = np.empty_like(self.Xa)
        self.Y_shuffled = np.empty_like(self.Y)
        self.m = self.X.shape[1]
        if self.m == 0:
            raise ValueError(translate("engine", "the training set is empty"))
        if self.X.shape[0] != network.layer_dims[0]:
            raise ValueError(translate("engine", "the data has {features} features but the network expects {expected}")
                             .format(features=self.X.shape[0], expected=network.layer_dims[0]))

    @property
    def has_test(self) -> bool:
        return self.X_test.shape[1] > 0

    def bounds(self, margin: float = 0.5) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1) around the first two features of the training data."""
        X = self.X
        return (X[0].min() - margin, X[0].max() + margin, X[1].min() - margin, X[1].max() + margin)


class Shuffler:
    """Gives the permutation of the m training columns for each epoch.

    ``mode="notebook"``: the course's ``random_mini_batches``: the seed starts at 10 and is
    incremented before every epoch, then ``np.random.seed(seed); np.random.permutation(m)``.
    ``mode="default"``: a ``numpy.random.Generator``.
    """

    def __init__(self, mode: str = "default", rng: np.random.Generator | None = None, start_seed: int = 10):
        if mode not in ("default", "notebook"):
            raise ValueError(f"unknown shuffle mode {mode!r}")
        self.mode = mode
        self.rng = rng if rng is not None else np.random.default_rng()
        self.seed = start_seed
        self._legacy = np.random.RandomState()

    def permutation(self, m: int) -> np.ndarray:
        if self.mode == "notebook":
            self.seed += 1
            self._legacy.seed(self.seed)  # same stream as np.random.seed(seed), without global state
            return self._legacy.permutation(m)
        return self.rng.permutation(m)


def carry_state(old, new) -> None:
    """Give a new optimizer the old one's state arrays (velocity, …) where names and shapes match,
    and its step count."""
    old_inner = getattr(old, "inner", old)
    new_inner = getattr(new, "inner", new)
    for attr, _label in getattr(new_inner, "state_names", ()):
        before = getattr(old_inner, attr, None)
        after = getattr(new_inner, attr, None)
        if isinstance(before, dict) and isinstance(after, dict):
            for key, arr in after.items():
                if key in before and np.shape(before[key]) == np.shape(arr):
                    arr[...] = before[key]
    if hasattr(old_inner, "t") and hasattr(new_inner, "t"):
        new_inner.t = old_inner.t


def take_row(stacked, row: int, new) -> None:
    """Give a new single-run optimizer row ``row`` of a stacked optimizer's state arrays (velocity,
    …; names and shapes must match) and its step count (carry_state for a row of a group)."""
    old_inner = getattr(stacked, "inner", stacked)
    new_inner = getattr(new, "inner", new)
    for attr, _label in getattr(new_inner, "state_names", ()):
        before = getattr(old_inner, attr, None)
        after = getattr(new_inner, attr, None)
        if isinstance(before, dict) and isinstance(after, dict):
            for key, arr in after.items():
                block = before.get(key)
                if block is not None and np.ndim(block) == np.ndim(arr) + 1 and np.shape(block)[1:] == np.shape(arr):
                    arr[...] = block[row]
    if hasattr(old_inner, "t") and hasattr(new_inner, "t"):
        new_inner.t = old_inner.t


def _check_rate(rate, epoch: int) -> float:
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not (math.isfinite(rate) and rate > 0):
        raise ValueError(translate("engine", "the learning-rate schedule gave {rate} at epoch {epoch}; it must be a positive number")
                         .format(rate=repr(rate), epoch=epoch))
    return rate


def _floats(values) -> list:
    return values.tolist() if isinstance(values, np.ndarray) else [float(v) for v in values]


class Run:
    """One run of an :class:`Engine`: its network, optimizer, schedule, α and what it measured.

    ``network`` is a :class:`~optstudio.core.network.Network` showing the run's current weights
    (a view of its row of the stack while it trains). ``status``: idle, running, paused (between
    two calls of :meth:`Engine.steps` before the planned epochs are done), finished, stopped,
    diverged or failed.
    """

    def __init__(self, engine: "Engine", index: int, network, optimizer, learning_rate: float, schedule,
                 schedule_per: str, label: str):
        self.engine = engine
        self.index = index
        self.label = label
        self.network = network
        self.optimizer = optimizer
        self.learning_rate = float(learning_rate)
        self.schedule = schedule
        self.schedule_per = schedule_per
        # what the optimizer sees: the run's flat vectors (contiguous row views of the stack)
        self.params = {"theta": engine.stack.theta[index]}
        self.grads = {"theta": engine.stack.grad[index]}
        self.history = History()
        self.t = 0                 # optimizer steps so far
        self.epoch = 0             # epochs completed
        self.current_rate = self.learning_rate
        self.seconds = 0.0
        self.status = "idle"
        self.message = ""
        self.frozen = False        # diverged, failed or stopped on its own: trains no more
        self.optimizer_ready = False
        self.rate = self.learning_rate   # α in use in the current epoch / step
        self.group: RowGroup | None = None   # set when a stacked optimizer updates this run's row

    # ------------------------------------------------------------------ shared with the engine
    @property
    def dataset(self):
        return self.engine.data.dataset

    @property
    def epochs(self) -> int:
        return self.engine.epochs

    @property
    def mini_batch_size(self) -> int:
        return self.engine.mini_batch_size

    def rate_for(self, epoch: int, step: int) -> float:
        if self.schedule is None:
            return self.learning_rate
        return float(self.schedule.rate(self.learning_rate, epoch, step, self.history.costs))

    # ------------------------------------------------------------------ results
    def result(self) -> TrainResult:
        return TrainResult.of(self.status, self.message, self.epoch, self.t, self.history, self.seconds)

    def parameters(self) -> dict[str, np.ndarray]:
        """A copy of the current parameters (W1, b1, …)."""
        return self.network.get_parameters()

    def optimizer_state(self) -> dict[str, dict[str, np.ndarray]]:
        """The optimizer's exposed state arrays split by layer: {label: {"W1": …, …}}."""
        if not self.optimizer_ready:
            return {}
        group = self.group
        if group is not None:
            row = self.index - group.start
            return {label: self.network.split(arrays["theta"][row]) for label, arrays in group.optimizer.state().items()
                    if "theta" in arrays}
        state = self.optimizer.state()
        return {label: self.network.split(arrays["theta"]) for label, arrays in state.items()
                if "theta" in arrays}

    def effective_step(self) -> dict[str, np.ndarray] | None:
        if not self.optimizer_ready:
            return None
        group = self.group
        if group is not None:
            rates = np.array([[r.current_rate] for r in group.runs])
            step = group.optimizer.effective_step(rates)
            if not step or "theta" not in step:
                return None
            return self.network.split(np.asarray(step["theta"])[self.index - group.start])
        step = self.optimizer.effective_step(self.current_rate)
        if not step or "theta" not in step:
            return None
        return self.network.split(step["theta"])

    def decision_grid(self, resolution: int = 150, bounds=None, margin: float = 0.5):
        """Predicted output on a resolution × resolution grid over the first two features.

        Returns (xs, ys, values) where values[i, j] is, at (xs[j], ys[i]), the probability of
        class 1 (one output unit) or the predicted class index (several). Only for 2-D data.
        """
        if self.network.layer_dims[0] != 2:
            raise ValueError(translate("engine", "the decision boundary needs two input features"))
        xs, ys, points = _grid(bounds or self.engine.data.bounds(margin), resolution)
        return xs, ys, _grid_values(self.network.forward(points), resolution)

    def __repr__(self) -> str:
        return f"<Run {self.index} {self.label!r} {self.status} epoch {self.epoch}>"


class RowGroup:
    """Runs ``start`` … ``stop − 1`` of an engine whose rows one stacked ``optimizer`` updates at
    once: ``params``/``grads`` are ``{"theta": block}`` with the (stop − start, P) blocks of the
    stack, ``rates`` the (stop − start, 1) column of learning rates (0 for a run that ended)."""

    def __init__(self, engine: "Engine", start: int, stop: int, optimizer):
        self.start, self.stop = start, stop
        self.optimizer = optimizer
        self.runs = engine.runs[start:stop]
        self.params = {"theta": engine.stack.theta[start:stop]}
        self.grads = {"theta": engine.stack.grad[start:stop]}
        self.rates = np.zeros((stop - start, 1))
        self.ready = False

    def __repr__(self) -> str:
        return f"<RowGroup runs {self.start}…{self.stop - 1} {type(self.optimizer).__name__}>"


def _grid(bounds, resolution: int):
    x0, x1, y0, y1 = bounds
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.vstack([gx.ravel(), gy.ravel()])


def _grid_values(A: np.ndarray, resolution: int) -> np.ndarray:
    values = A[0] if A.shape[0] == 1 else A.argmax(axis=0).astype(float)
    return values.reshape(resolution, resolution).copy()


class Engine:
    """Trains k runs that share data, architecture, mini-batches and epochs (k = 1: one run).

    ``networks``: k :class:`~optstudio.core.network.Network` objects of one architecture (their
    current weights are the runs' initial weights; with k > 1 they are re-bound to rows of one
    :class:`~optstudio.core.stack.NetworkStack`). ``optimizers``: k distinct objects with
    ``init(params)`` and ``update(params, grads, t, α)``; ``learning_rates``, ``schedules``,
    ``schedule_pers``, ``labels``: one per run, or one value for all. ``shuffler`` draws each
    epoch's permutation (shared: every run sees the same mini-batches).

    ``row_groups``: optional ``[(indices, stacked_optimizer), …]``: each ``indices`` is a run of
    consecutive run indices whose rows ``stacked_optimizer`` (built for ``len(indices)`` rows, see
    :meth:`OptimizerInfo.create_stacked <optstudio.core.optim.OptimizerInfo.create_stacked>`)
    updates at once (:class:`RowGroup`); those runs' own optimizers are only used if the group is
    dissolved. The groups must not overlap.
    """

    def __init__(self, networks, dataset, optimizers: Sequence, learning_rates, *, schedules=None,
                 schedule_pers="epoch", labels: Sequence[str] | None = None, mini_batch_size: int = 64,
                 epochs: int = 1000, shuffler: Shuffler | None = None, row_groups: Sequence | None = None):
        networks = list(networks)
        k = len(networks)
        optimizers = list(optimizers)
        if len(optimizers) != k:
            raise ValueError(f"{k} runs need {k} optimizers, got {len(optimizers)}")
        if len({id(o) for o in optimizers}) != k:
            raise ValueError("each run needs its own optimizer object")
        learning_rates = _per_run(learning_rates, k, "learning rates")
        schedules = _per_run(schedules, k, "schedules")
        schedule_pers = _per_run(schedule_pers, k, "schedule kinds")
        labels = _per_run(labels, k, "labels") if labels is not None else [f"run {i + 1}" for i in range(k)]
        check_plan(learning_rates, mini_batch_size, epochs)
        self.stack = make_stack(networks)
        self.k = k
        self.data = TrainingData(dataset, self.stack)
        self.mini_batch_size = int(mini_batch_size)
        self.epochs = int(epochs)
        self.shuffler = shuffler or Shuffler()
        self.runs = [Run(self, i, networks[i], optimizers[i], learning_rates[i], schedules[i], schedule_pers[i],
                         labels[i]) for i in range(k)]
        self.active: list[Run] = list(self.runs)
        self.groups: list[RowGroup] = []
        for indices, optimizer in row_groups or ():
            indices = [int(i) for i in indices]
            if not indices or indices != list(range(indices[0], indices[0] + len(indices))):
                raise ValueError(f"a row group needs consecutive run indices, got {indices}")
            if indices[0] < 0 or indices[-1] >= k:
                raise ValueError(f"row group {indices[0]}…{indices[-1]} is outside the {k} runs")
            if any(self.runs[i].group is not None for i in indices):
                raise ValueError("row groups must not overlap")
            group = RowGroup(self, indices[0], indices[-1] + 1, optimizer)
            for r in group.runs:
                r.group = group
            self.groups.append(group)
        self.t = 0
        self.epoch = 0
        self.seconds = 0.0
        self._commands: deque = deque()
        self._stepwise_groups: list = []
        #: compute the cost of each epoch's last mini-batch (``EpochRecord.last_batch_cost``, the curve
        #: the notebook prints); a sweep, which reports none of it, sets it False (nan is recorded)
        self.record_batch_cost = True
        self._batch_views: dict = {}
        self._cost_limits: list[float] | None = None
        self._running = False

    @property
    def dataset(self):
        return self.data.dataset

    @property
    def m(self) -> int:
        return self.data.m

    # ------------------------------------------------------------------ commands (any thread)
    def _run(self, run) -> Run:
        return self.runs[run] if isinstance(run, int) else run

    def _targets(self, run) -> list[Run]:
        return list(self.runs) if run is None else [self._run(run)]

    def set_learning_rate(self, learning_rate: float, run=None) -> None:
        """α of ``run`` (index or :class:`Run`; None: every run) from the next step on."""
        check_plan([learning_rate], 1, 1)
        self._commands.append(partial(self._apply_learning_rate, self._targets(run), float(learning_rate)))

    def set_optimizer(self, optimizer, run=0) -> None:
        """A new optimizer for ``run``; it takes over the old one's state where names match."""
        self._commands.append(partial(self._apply_optimizer, self._run(run), optimizer))

    def set_schedule(self, schedule, per: str = "epoch", run=None) -> None:
        """A new learning-rate schedule (None: constant α) for ``run`` (None: every run)."""
        if per not in ("epoch", "step"):
            raise ValueError(f"a schedule acts per 'epoch' or per 'step', got {per!r}")
        self._commands.append(partial(self._apply_schedule, self._targets(run), schedule, per))

    def set_mini_batch_size(self, mini_batch_size: int) -> None:
        """The mini-batch size of every run, from the next epoch on."""
        check_plan([1.0], mini_batch_size, 1)
        self._commands.append(partial(setattr, self, "mini_batch_size", int(mini_batch_size)))

    def set_epochs(self, epochs: int) -> None:
        """The number of epochs to train in all (more after a finished run continues it)."""
        check_plan([1.0], 1, epochs)
        self._commands.append(partial(setattr, self, "epochs", int(epochs)))

    def stop_run(self, run) -> None:
        """Stop ``run`` for good (the others go on); it keeps its weights and history."""
        self._commands.append(partial(self._apply_stop_run, self._run(run)))

    def apply_commands(self) -> bool:
        """Apply the queued commands now (the engine does it itself between steps). Returns True
        when there were any."""
        commands = self._commands
        if not commands:
            return False
        while commands:
            commands.popleft()()
        return True

    def _apply_learning_rate(self, runs: list[Run], learning_rate: float) -> None:
        for r in runs:
            r.learning_rate = learning_rate
            if self._running and r in self.active and r.schedule_per != "step":
                self._set_epoch_rate(r)

    def _apply_schedule(self, runs: list[Run], schedule, per: str) -> None:
        for r in runs:
            r.schedule, r.schedule_per = schedule, per
            if self._running and r in self.active:
                self._set_epoch_rate(r)

    def _apply_optimizer(self, run: Run, optimizer) -> None:
        if run.frozen:
            return
        if run.group is not None:
            self._dissolve(run.group)
            if run.frozen:
                return
        try:
            optimizer.init(run.params)
            if run.optimizer_ready:
                carry_state(run.optimizer, optimizer)
        except Exception as exc:  # noqa: BLE001 - a plugin's init: this run only
            self._freeze(run, "failed", one_line(exc))
            return
        run.optimizer = optimizer
        run.optimizer_ready = True

    def _dissolve(self, group: RowGroup) -> None:
        """Every run of ``group`` goes on with its own optimizer, which takes over the run's row of
        the stacked state (a run whose optimizer fails to take it over fails)."""
        self.groups.remove(group)
        for r in group.runs:
            r.group = None
            if r.frozen or not group.ready:
                continue
            try:
                r.optimizer.init(r.params)
                take_row(group.optimizer, r.index - group.start, r.optimizer)
            except Exception as exc:  # noqa: BLE001 - a plugin's init: this run only
                self._freeze(r, "failed", one_line(exc))

    def _apply_stop_run(self, run: Run) -> None:
        if not run.frozen:
            self._freeze(run, "stopped", translate("engine", "Stopped after epoch {epoch}.").format(epoch=run.epoch))

    def _set_epoch_rate(self, run: Run) -> None:
        if run.schedule is None:       # a constant α, checked when it was set
            run.rate = run.learning_rate
            return
        try:
            run.rate = _check_rate(run.rate_for(self.epoch, self._epoch_t0), self.epoch)
        except Exception as exc:  # noqa: BLE001 - a schedule plugin: this run only
            self._freeze(run, "failed", one_line(exc))

    # ------------------------------------------------------------------ the loop
    def run(self, until: int | None = None) -> list[TrainResult]:
        """Train to the end (or to epoch ``until``) without stopping; one result per run."""
        for _event in self.steps(until=until):
            pass
        return self.results()

    def steps(self, *, until: int | None = None, mini_batches: bool = False) -> Iterator[StepEvent | EpochEvent]:
        """Train until ``epochs`` epochs are done (re-read after every epoch), until epoch ``until``
        (e.g. ``engine.epoch + 1`` for one more epoch, also past ``epochs``), or until every run
        has ended. Yields an :class:`EpochEvent` per epoch and, with ``mini_batches``, a
        :class:`StepEvent` per mini-batch."""
        self.apply_commands()
        self._epoch_t0 = self.t
        for g in self.groups:
            if g.ready or all(r.frozen for r in g.runs):
                continue
            try:
                g.optimizer.init(g.params)
            except Exception as exc:  # noqa: BLE001 - a plugin's init: this group only
                for r in g.runs:
                    if not r.frozen:
                        self._freeze(r, "failed", one_line(exc))
                continue
            g.ready = True
            for r in g.runs:
                r.optimizer_ready = True
        for r in list(self.active):
            if not r.optimizer_ready:
                try:
                    r.optimizer.init(r.params)
                except Exception as exc:  # noqa: BLE001 - this run only
                    self._freeze(r, "failed", one_line(exc))
                    continue
                r.optimizer_ready = True
        if not self.active:
            return
        if self._cost_limits is None:
            data = self.data
            with np.errstate(all="ignore"):
                costs, _ = self.stack.evaluate(data.Xa, data.y_eval, Y=data.Y, augmented=True)
            self._cost_limits = [DIVERGENCE_FACTOR * max(1.0, c) if math.isfinite(c) else math.inf
                                 for c in _floats(costs)]
        for r in self.active:
            r.status = "running"
        self._running = True
        complete = False
        try:
            while self.active:
                self.apply_commands()
                if not self.active or self.epoch >= (self.epochs if until is None else until):
                    break
                event = yield from self._epoch(mini_batches)
                if event is not None:
                    yield event
            complete = True
        finally:
            self._running = False
            for r in self.active:
                if r.status != "running":
                    continue
                if not complete:
                    r.status, r.message = "stopped", translate("engine", "Stopped after epoch {epoch}.").format(epoch=r.epoch)
                elif r.epoch >= self.epochs:
                    r.status, r.message = "finished", translate("engine", "Finished {epochs} epochs.").format(epochs=r.epoch)
                else:
                    r.status, r.message = "paused", translate("engine", "Paused after epoch {epoch}.").format(epoch=r.epoch)

    def _epoch(self, mini_batches: bool):
        """One epoch for every active run (a generator: StepEvents with ``mini_batches``);
        returns the EpochEvent, or None when no run recorded the epoch."""
        start = time.perf_counter()
        stack, data = self.stack, self.data
        m, size = data.m, self.mini_batch_size
        epoch = self.epoch
        t = self._epoch_t0 = self.t
        for r in list(self.active):
            self._set_epoch_rate(r)
        if not self.active:
            return None
        if size >= m and self.shuffler.mode == "default":
            batches = self._batches(data.Xa, data.Y)   # batch gradient descent: order does not matter
        else:
            perm = self.shuffler.permutation(m)
            np.take(data.Xa, perm, axis=1, out=data.X_shuffled)
            np.take(data.Y, perm, axis=1, out=data.Y_shuffled)
            batches = self._batches(data.X_shuffled, data.Y_shuffled)
        n_batches = len(batches)
        loss_and_grad = stack._loss_and_grad
        calls, stepwise, rows = self._calls()
        stepwise_groups = self._stepwise_groups
        commands = self._commands
        batch_costs = None
        ended: list[Run] = []
        errstate = np.errstate(all="ignore")     # overflow is detected and reported as divergence
        errstate.__enter__()
        try:
            for j, (Xk, Yk, Ybk, want) in enumerate(batches):
                if commands:
                    self.t = t
                    for r in self.active:
                        r.t = t
                    frozen_before = [r for r in self.active]
                    self.apply_commands()
                    ended.extend(r for r in frozen_before if r.frozen)
                    if not self.active:
                        break
                    calls, stepwise, rows = self._calls()
                    stepwise_groups = self._stepwise_groups
                try:
                    costs = loss_and_grad(Xk, Yk, Ybk, want, rows)
                except Exception as exc:  # noqa: BLE001 - a numeric failure of the shared pass
                    for r in list(self.active):
                        self._freeze(r, "failed", one_line(exc))
                        ended.append(r)
                    break
                if want:  # the loss is only computed for the last mini-batch (what the notebook prints)
                    batch_costs = costs
                t += 1
                failed = None
                for update, params, grads, rate, owners in calls:
                    try:
                        update(params, grads, t, rate)
                    except Exception as exc:  # noqa: BLE001 - this plugin's run (or group) only
                        failed = [(owners, exc)] if failed is None else failed + [(owners, exc)]
                for r in stepwise:
                    try:
                        r.rate = rate = _check_rate(r.rate_for(epoch, t - 1), epoch)
                        r.optimizer.update(r.params, r.grads, t, rate)
                    except Exception as exc:  # noqa: BLE001
                        failed = [((r,), exc)] if failed is None else failed + [((r,), exc)]
                for g, members in stepwise_groups:
                    failed = self._group_step(g, members, epoch, t, failed)
                if failed:
                    for owners, exc in failed:
                        for r in owners:
                            if not r.frozen:
                                r.t = t
                                self._freeze(r, "failed", one_line(exc))
                                ended.append(r)
                    if not self.active:
                        break
                    calls, stepwise, rows = self._calls()
                    stepwise_groups = self._stepwise_groups
                if mini_batches:
                    self.t = t
                    for r in self.active:
                        r.t = t
                    errstate.__exit__(None, None, None)
                    errstate = None
                    yield StepEvent(self, epoch, t, j + 1, n_batches)
                    errstate = np.errstate(all="ignore")
                    errstate.__enter__()
            self.t = t
            active = self.active
            for r in active:
                r.t = t
            if not active:
                self.seconds += time.perf_counter() - start
                return EpochEvent(self, epoch, [], ended) if ended else None
            record = self._measure(epoch, batch_costs, start, ended)
        finally:
            if errstate is not None:
                errstate.__exit__(None, None, None)
        return record

    def _measure(self, epoch: int, batch_costs, start: float, ended: list) -> EpochEvent:
        """J and accuracy of every active run on the whole training set after the epoch's updates
        (one stacked pass), divergence checks, the history records."""
        stack, data = self.stack, self.data
        active = self.active
        rows = [r.index for r in active]
        costs, accs = stack.evaluate(data.Xa, data.y_eval, Y=data.Y, augmented=True, rows=rows)
        sums = _floats(stack.theta.sum(axis=1))
        self.seconds += time.perf_counter() - start
        seconds = self.seconds
        costs, accs = _floats(costs), _floats(accs)
        limits = self._cost_limits
        ok = []
        for r in list(active):
            i = r.index
            r.current_rate = rate = r.rate
            r.seconds = seconds
            cost = costs[i]
            if not math.isfinite(cost) or not math.isfinite(sums[i]):
                value = "nan" if math.isnan(cost) or math.isfinite(cost) and math.isnan(sums[i]) else "inf"
                if not math.isfinite(cost):
                    text = translate("engine", "Training diverged at epoch {epoch}: the cost became {value} (learning rate {rate}). Try a lower learning rate.")
                else:
                    text = translate("engine", "Training diverged at epoch {epoch}: the parameters became {value} (learning rate {rate}). Try a lower learning rate.")
                self._freeze(r, "diverged", text.format(epoch=epoch, value=value, rate=f"{rate:g}"))
                ended.append(r)
            elif cost > limits[i]:
                self._freeze(r, "diverged", translate("engine", "Training diverged at epoch {epoch}: the cost grew to {cost}, over {factor} times where it started (learning rate {rate}). Try a lower learning rate.")
                             .format(epoch=epoch, cost=f"{cost:.3g}", factor=f"{DIVERGENCE_FACTOR:g}", rate=f"{rate:g}"))
                ended.append(r)
            else:
                ok.append(r)
        nan = math.nan
        if ok:
            if data.has_test:
                test_costs, test_accs = stack.evaluate(data.Xa_test, data.y_test, Y=data.Y_test, augmented=True,
                                                       rows=[r.index for r in ok])
                test_costs, test_accs = _floats(test_costs), _floats(test_accs)
            else:
                test_costs = test_accs = [nan] * self.k
            batch_costs = _floats(batch_costs) if batch_costs is not None else [nan] * self.k
            # ‖dθ‖² per run: a stack of 1×P · P×1 products is one ddot per run
            grad = stack.grad
            norms = np.matmul(grad[:, None, :], grad[:, :, None])[:, 0, 0].tolist()
            for r in ok:
                i = r.index
                r.history.append(EpochRecord(
                    epoch=epoch, cost=costs[i], test_cost=test_costs[i], train_accuracy=accs[i],
                    test_accuracy=test_accs[i], learning_rate=r.current_rate, grad_norm=math.sqrt(norms[i]),
                    elapsed=seconds, last_batch_cost=batch_costs[i]))
                r.epoch = epoch + 1
        self.epoch = epoch + 1
        return EpochEvent(self, epoch, ok, ended)

    def _batches(self, X: np.ndarray, Y: np.ndarray) -> list:
        """The mini-batches of (X, Y) as views, made once per source array and mini-batch size:
        [(X_k, Y_k, Y_k[:, None, :], is_last), …]."""
        key = (id(X), self.mini_batch_size, self.record_batch_cost)
        cached = self._batch_views.get(key)
        if cached is not None and cached[0] is X:
            return cached[1]
        size, m = self.mini_batch_size, self.data.m
        last_start = ((m - 1) // size) * size if self.record_batch_cost else -1
        views = [(X[:, k:k + size], Y[:, k:k + size], Y[:, None, k:k + size], k == last_start)
                 for k in range(0, m, size)]
        self._batch_views[key] = (X, views)
        return views

    def _calls(self):
        """(per-epoch-rate update calls ``(update, params, grads, α, runs)``, runs with a per-step
        schedule, active row indices); sets ``_stepwise_groups``, the row groups with a member on a
        per-step schedule, as ``[(group, active members)]``. A row group is one call with its
        column of rates (0 for its runs that ended)."""
        calls, stepwise, stepwise_groups = [], [], []
        seen = set()
        for r in self.active:
            group = r.group
            if group is not None:
                if group in seen:
                    continue
                seen.add(group)
                members = tuple(m for m in group.runs if not m.frozen)
                rates = group.rates
                rates[:, 0] = [0.0 if m.frozen else m.rate for m in group.runs]
                if any(m.schedule_per == "step" and m.schedule is not None for m in members):
                    stepwise_groups.append((group, members))
                else:
                    calls.append((group.optimizer.update, group.params, group.grads, rates, members))
            elif r.schedule is not None and r.schedule_per == "step":
                stepwise.append(r)
            else:
                calls.append((r.optimizer.update, r.params, r.grads, r.rate, (r,)))
        self._stepwise_groups = stepwise_groups
        return calls, stepwise, [r.index for r in self.active]

    def _group_step(self, group: RowGroup, members, epoch: int, t: int, failed):
        """One update of a row group with a per-step schedule: each member's α for this step, then
        the group's update. Returns ``failed`` with what failed added."""
        rates = group.rates
        for m in members:
            try:
                m.rate = rate = _check_rate(m.rate_for(epoch, t - 1), epoch)
            except Exception as exc:  # noqa: BLE001 - a schedule plugin: this run only
                rate = 0.0
                failed = [((m,), exc)] if failed is None else failed + [((m,), exc)]
            rates[m.index - group.start, 0] = rate
        try:
            group.optimizer.update(group.params, group.grads, t, rates)
        except Exception as exc:  # noqa: BLE001
            failed = [(members, exc)] if failed is None else failed + [(members, exc)]
        return failed

    def _freeze(self, run: Run, status: str, message: str) -> None:
        """End ``run`` for good. In a stack of k > 1 its weights move to arrays of its own and its
        row is zeroed (so it cannot overflow) and no longer updated."""
        run.status, run.message = status, message
        run.frozen = True
        if run in self.active:
            self.active.remove(run)
        group = run.group
        if group is not None and group.ready:
            # its row of the stacked state goes to 0 too: with α = 0 the row then stays put
            # (nothing decays into subnormal numbers, which are slow, nor overflows)
            try:
                for arrays in group.optimizer.state().values():
                    block = arrays.get("theta") if isinstance(arrays, dict) else None
                    if block is not None and np.ndim(block) == 2:
                        block[run.index - group.start] = 0.0
            except Exception:  # noqa: BLE001 - a plugin's state(): only tidiness is lost
                pass
        if self.k > 1:
            i = run.index
            theta = self.stack.theta[i].copy()
            grad = self.stack.grad[i].copy()
            run.network.bind_storage(theta, grad)
            run.params = {"theta": theta}
            run.grads = {"theta": grad}
            self.stack.theta[i] = 0.0

    # ------------------------------------------------------------------ results
    @property
    def status(self) -> str:
        """idle before training; running inside :meth:`steps`; then paused, finished (some runs
        may have ended early), stopped, or failed (every run failed or diverged)."""
        statuses = [r.status for r in self.runs]
        if self._running:
            return "running"
        if all(s == "idle" for s in statuses):
            return "idle"
        if any(s == "stopped" for s in statuses) and not any(s in ("finished", "paused") for s in statuses):
            return "stopped"
        if any(s == "paused" for s in statuses):
            return "paused"
        if all(s in ("failed", "diverged") for s in statuses):
            return "failed"
        return "finished"

    def results(self) -> list[TrainResult]:
        return [r.result() for r in self.runs]

    def decision_grids(self, resolution: int = 150, bounds=None, margin: float = 0.5):
        """The decision grids of all runs, ``[(xs, ys, values), …]``, with one stacked forward pass
        for the runs still training. Same numbers as ``runs[i].decision_grid()``; call between
        two events (from the thread iterating the engine) or while it is not iterated."""
        if self.data.X.shape[0] != 2:
            raise ValueError(translate("engine", "the decision boundary needs two input features"))
        bounds = bounds or self.data.bounds(margin)
        live = [r for r in self.runs if not r.frozen]
        out: list = [None] * self.k
        if live and self.k > 1:
            xs, ys, points = _grid(bounds, resolution)
            A = self.stack.forward(points)
            for r in live:
                out[r.index] = (xs, ys, _grid_values(A[r.index], resolution))
            self.stack._buffers.pop(resolution * resolution, None)  # a large buffer: do not keep it
        for r in self.runs:
            if out[r.index] is None:
                out[r.index] = r.decision_grid(resolution, bounds, margin)
        return out

    def __repr__(self) -> str:
        return f"<Engine {self.k} run(s) {self.status} epoch {self.epoch}/{self.epochs}>"


def _per_run(value, k: int, name: str) -> list:
    if isinstance(value, (list, tuple)):
        if len(value) != k:
            raise ValueError(f"{k} runs need {k} {name}, got {len(value)}")
        return list(value)
    return [value] * k
