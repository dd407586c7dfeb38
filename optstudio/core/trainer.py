"""The training loop: epochs × mini-batches, with per-epoch history and thread-safe controls.

One epoch (the notebook's ``model`` loop)::

    shuffle the m training columns, cut them into mini-batches (the last one smaller)
    for each mini-batch:  t = t + 1
                          cost, grads = forward and backward pass
                          parameters updated by the optimizer with learning rate α

The trainer runs in whatever thread calls :meth:`Trainer.run`; :meth:`pause`, :meth:`resume`
and :meth:`stop` may be called from any other thread and act before the next mini-batch.
Progress is reported to a callback at a bounded rate.
"""

from __future__ import annotations

import csv
import math
import threading
import time
from dataclasses import asdict, dataclass, fields
from typing import Callable

import numpy as np

from optstudio.core.network import augment

__all__ = ["EpochRecord", "History", "Shuffler", "Trainer", "TrainResult", "prepare_arrays", "check_plan"]


@dataclass(slots=True)
class EpochRecord:
    """What the trainer measured in one epoch (epochs count from 0, like the notebook)."""

    epoch: int
    cost: float              # training cost J over all m training examples after the epoch (+ L2)
    test_cost: float         # J on the test set at the end of the epoch (nan without one)
    train_accuracy: float    # on the whole training set at the end of the epoch
    test_accuracy: float
    learning_rate: float     # α in use during the epoch (the last one used, for per-step schedules)
    grad_norm: float         # ‖dθ‖₂ of the epoch's last mini-batch
    elapsed: float           # seconds of training so far (pauses excluded)
    last_batch_cost: float   # cost of the epoch's last mini-batch: what the notebook prints


class History:
    """Per-epoch records with column access and CSV export."""

    FIELDS = tuple(f.name for f in fields(EpochRecord))

    def __init__(self) -> None:
        self.records: list[EpochRecord] = []
        self.costs: list[float] = []  # training cost per epoch, kept for schedules (no copying)

    def append(self, record: EpochRecord) -> None:
        self.records.append(record)
        self.costs.append(record.cost)

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index):
        return self.records[index]

    @property
    def last(self) -> EpochRecord | None:
        return self.records[-1] if self.records else None

    def column(self, name: str) -> np.ndarray:
        if name not in self.FIELDS:
            raise KeyError(name)
        return np.array([getattr(r, name) for r in self.records], dtype=float)

    def to_rows(self) -> list[dict]:
        return [asdict(r) for r in self.records]

    def write_csv(self, path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(self.FIELDS)
            for r in self.records:
                writer.writerow([_fmt(getattr(r, f)) for f in self.FIELDS])


def _fmt(value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def check_plan(learning_rates, mini_batch_size: int, epochs: int) -> None:
    """ValueError with a one-line message for a learning rate ≤ 0, a mini-batch size < 1 or
    negative epochs."""
    for rate in learning_rates:
        if not (rate > 0 and math.isfinite(rate)):
            raise ValueError(f"learning rate must be a positive number, got {rate}")
    if int(mini_batch_size) < 1:
        raise ValueError(f"mini-batch size must be at least 1, got {mini_batch_size}")
    if int(epochs) < 0:
        raise ValueError(f"epochs must be ≥ 0, got {epochs}")


def prepare_arrays(owner, dataset, network) -> None:
    """Set the training arrays on ``owner`` (a trainer): ``X``/``Y``/``y`` and the test set, the
    inputs augmented with their bias row (``Xa``, built once), the shuffle buffers, and ``m``.
    ``network`` needs ``encode_labels`` and ``layer_dims``. Raises ValueError for empty or
    mismatched data."""
    owner.X = np.ascontiguousarray(dataset.X_train, dtype=np.float64)
    owner.Y = network.encode_labels(dataset.y_train)
    owner.y = np.asarray(dataset.y_train)
    # for one output unit the accuracy compares a > 0.5 with y = 1: keep y as booleans
    owner._y_eval = owner.y > 0 if network.layer_dims[-1] == 1 else owner.y
    owner.X_test = np.ascontiguousarray(dataset.X_test, dtype=np.float64)
    owner.y_test = np.asarray(dataset.y_test)
    owner.Y_test = network.encode_labels(owner.y_test)
    owner.Xa = augment(owner.X)            # [X; 1]: inputs with the bias row
    owner.Xa_test = augment(owner.X_test)
    owner._X_shuffled = np.empty_like(owner.Xa)
    owner._Y_shuffled = np.empty_like(owner.Y)
    owner.m = owner.X.shape[1]
    if owner.m == 0:
        raise ValueError("the training set is empty")
    if owner.X.shape[0] != network.layer_dims[0]:
        raise ValueError(f"the data has {owner.X.shape[0]} features but the network expects "
                         f"{network.layer_dims[0]}")


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


@dataclass
class TrainResult:
    status: str            # "finished", "stopped", "diverged" or "failed"
    message: str
    epochs: int            # epochs completed
    steps: int             # optimizer updates done
    train_accuracy: float
    test_accuracy: float
    final_cost: float
    final_test_cost: float
    seconds: float

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"


class Trainer:
    """Trains ``network`` on ``dataset`` with an optimizer and a learning-rate schedule.

    ``optimizer``: an object with ``init(params)`` and ``update(params, grads, t, α)``;
    ``schedule``: an object with ``rate(α0, epoch, step, costs)``; ``schedule_per`` is
    ``"epoch"`` or ``"step"``. The optimizer sees the whole network as one flat vector
    ``{"theta": θ}`` (views of it are ``network.params``).
    """

    def __init__(self, network, dataset, optimizer, learning_rate: float, *, schedule=None,
                 schedule_per: str = "epoch", mini_batch_size: int = 64, epochs: int = 1000,
                 shuffler: Shuffler | None = None, callback: Callable[["Trainer"], None] | None = None,
                 report_interval: float = 1 / 30):
        check_plan([learning_rate], mini_batch_size, epochs)
        self.network = network
        self.dataset = dataset
        self.optimizer = optimizer
        self.learning_rate = float(learning_rate)
        self.schedule = schedule
        self.schedule_per = schedule_per
        self.mini_batch_size = int(mini_batch_size)
        self.epochs = int(epochs)
        self.shuffler = shuffler or Shuffler()
        self.callback = callback
        self.report_interval = report_interval

        prepare_arrays(self, dataset, network)
        self._batch_views: dict = {}

        self.params = {"theta": network.theta}
        self.grads = {"theta": network.grad}
        self.history = History()
        self.t = 0                 # optimizer steps so far
        self.epoch = 0             # epochs completed
        self.current_rate = self.learning_rate
        self.seconds = 0.0
        self.status = "idle"       # idle, running, paused, finished, stopped, diverged, failed
        self.message = ""
        self._optimizer_ready = False
        self._stop = False
        self._resume_event = threading.Event()
        self._resume_event.set()
        self._lock = threading.Lock()
        self._pending: dict = {}
        self._last_report = 0.0

    # ------------------------------------------------------------------ controls (any thread)
    def pause(self) -> None:
        self._resume_event.clear()

    def resume(self) -> None:
        self._resume_event.set()

    def stop(self) -> None:
        self._stop = True
        self._resume_event.set()

    @property
    def paused(self) -> bool:
        return not self._resume_event.is_set()

    def apply_changes(self, *, learning_rate: float | None = None, optimizer=None, schedule=None,
                      schedule_per: str | None = None, epochs: int | None = None,
                      mini_batch_size: int | None = None) -> None:
        """Queue new hyperparameters; the training thread applies them before its next epoch.

        A new optimizer takes over the old one's state arrays (velocity, …) where names match.
        """
        with self._lock:
            if learning_rate is not None:
                self._pending["learning_rate"] = float(learning_rate)
            if optimizer is not None:
                self._pending["optimizer"] = optimizer
            if schedule is not None:
                self._pending["schedule"] = (schedule, schedule_per or self.schedule_per)
            if epochs is not None:
                self._pending["epochs"] = int(epochs)
            if mini_batch_size is not None:
                if int(mini_batch_size) < 1:
                    raise ValueError(f"mini-batch size must be at least 1, got {mini_batch_size}")
                self._pending["mini_batch_size"] = int(mini_batch_size)

    def _apply_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
        if "learning_rate" in pending:
            self.learning_rate = pending["learning_rate"]
        if "schedule" in pending:
            self.schedule, self.schedule_per = pending["schedule"]
        if "epochs" in pending:
            self.epochs = pending["epochs"]
        if "mini_batch_size" in pending:
            self.mini_batch_size = pending["mini_batch_size"]
        if "optimizer" in pending:
            new = pending["optimizer"]
            new.init(self.params)
            if self._optimizer_ready:
                _carry_state(self.optimizer, new)
            self.optimizer = new
            self._optimizer_ready = True

    # ------------------------------------------------------------------ the loop
    def rate_for(self, epoch: int, step: int) -> float:
        if self.schedule is None:
            return self.learning_rate
        return float(self.schedule.rate(self.learning_rate, epoch, step, self.history.costs))

    def run(self, max_epochs: int | None = None) -> TrainResult:
        """Train until ``self.epochs`` epochs are done (or ``max_epochs`` more), or until
        stopped, diverged or failed. Returns the result; the history is kept either way."""
        if self._pending:
            self._apply_pending()  # e.g. more epochs asked for after the run had finished
        target = self.epochs if max_epochs is None else min(self.epochs, self.epoch + int(max_epochs))
        if max_epochs is not None and self.epoch >= self.epochs:
            target = self.epoch + int(max_epochs)  # stepping past the planned epochs is allowed
        self._stop = False
        self.status = "running"
        try:
            with np.errstate(all="ignore"):  # overflow is detected and reported as divergence
                self._loop(target, max_epochs)
        except Exception as exc:  # a plugin or numeric failure must not take the host down
            self.status = "failed"
            self.message = _one_line(exc)
        if self.status == "running":
            if self._stop:
                self.status, self.message = "stopped", f"Stopped after epoch {self.epoch}."
            elif self.epoch >= self.epochs:
                self.status, self.message = "finished", f"Finished {self.epoch} epochs."
            else:
                self.status, self.message = "paused", f"Paused after epoch {self.epoch}."
        self._report(force=True)
        return self.result()

    def _loop(self, target: int, max_epochs: int | None) -> None:
        if not self._optimizer_ready:
            self.optimizer.init(self.params)
            self._optimizer_ready = True
        while self.epoch < target:
            if not self._resume_event.is_set():
                self.status = "paused"
                self._report(force=True)
                self._resume_event.wait()
                self.status = "running"
            if self._stop:
                break
            if self._pending:
                self._apply_pending()
                target = self.epochs if max_epochs is None else target
            if not self._run_epoch():
                break
            self._report()

    def _run_epoch(self) -> bool:
        """One epoch. Returns False when training must stop (stop request, divergence)."""
        start = time.perf_counter()
        net, opt = self.network, self.optimizer
        m, size = self.m, self.mini_batch_size
        epoch = self.epoch
        per_step = self.schedule is not None and self.schedule_per == "step"
        rate = self.rate_for(epoch, self.t) if self.schedule is not None else self.learning_rate
        _check_rate(rate, epoch)
        if size >= m and self.shuffler.mode == "default":
            batches = self._batches(self.Xa, self.Y)  # batch gradient descent: order does not matter
        else:
            perm = self.shuffler.permutation(m)
            np.take(self.Xa, perm, axis=1, out=self._X_shuffled)
            np.take(self.Y, perm, axis=1, out=self._Y_shuffled)
            batches = self._batches(self._X_shuffled, self._Y_shuffled)
        loss_and_grad = net.loss_and_grad_augmented
        params, grads = self.params, self.grads
        batch_cost = math.nan
        t = self.t
        for Xb, Yb, last in batches:
            if self._stop:
                self.t = t
                return False
            # the loss itself is only needed for the last mini-batch (what the notebook prints)
            batch_cost = loss_and_grad(Xb, Yb, last)
            t += 1
            if per_step:
                rate = self.rate_for(epoch, t - 1)
                _check_rate(rate, epoch)
            opt.update(params, grads, t, rate)
        self.t = t
        self.current_rate = rate
        # J and accuracy on the whole training set after the epoch's updates (one forward pass)
        cost, train_acc = net.evaluate(self.Xa, self._y_eval, Y=self.Y, augmented=True)
        self.seconds += time.perf_counter() - start
        if not math.isfinite(cost) or not math.isfinite(float(net.theta.sum())):
            what = "cost" if not math.isfinite(cost) else "parameters"
            self.status = "diverged"
            self.message = (f"Training diverged at epoch {epoch}: the {what} became "
                            f"{'nan' if math.isnan(cost) else 'inf'} (learning rate {rate:g}). "
                            f"Try a lower learning rate.")
            return False
        if self.X_test.shape[1]:
            test_cost, test_acc = net.evaluate(self.Xa_test, self.y_test, Y=self.Y_test, augmented=True)
        else:
            test_cost = test_acc = math.nan
        self.history.append(EpochRecord(
            epoch=epoch, cost=cost, test_cost=test_cost, train_accuracy=train_acc,
            test_accuracy=test_acc, learning_rate=rate, grad_norm=math.sqrt(np.dot(net.grad, net.grad)),
            elapsed=self.seconds, last_batch_cost=batch_cost))
        self.epoch = epoch + 1
        return True

    def _batches(self, X: np.ndarray, Y: np.ndarray) -> list:
        """(X_batch, Y_batch, is_last) views of the mini-batches of ``X``, ``Y`` (fixed buffers:
        the views are built once per buffer and mini-batch size)."""
        key = (id(X), self.mini_batch_size)
        cached = self._batch_views.get(key)
        if cached is None:
            m, size = self.m, self.mini_batch_size
            starts = range(0, m, size)
            cached = [(X[:, k:k + size], Y[:, k:k + size], k == starts[-1]) for k in starts]
            self._batch_views[key] = cached
        return cached

    def _report(self, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.perf_counter()
        if force or now - self._last_report >= self.report_interval:
            self._last_report = now
            self.callback(self)

    # ------------------------------------------------------------------ results
    def result(self) -> TrainResult:
        last = self.history.last
        nan = float("nan")
        return TrainResult(
            status=self.status, message=self.message, epochs=self.epoch, steps=self.t,
            train_accuracy=last.train_accuracy if last else nan,
            test_accuracy=last.test_accuracy if last else nan,
            final_cost=last.cost if last else nan,
            final_test_cost=last.test_cost if last else nan,
            seconds=self.seconds)

    def parameters(self) -> dict[str, np.ndarray]:
        """A copy of the current parameters (W1, b1, …). Call from the training thread or
        while training is paused or over."""
        return self.network.get_parameters()

    def optimizer_state(self) -> dict[str, dict[str, np.ndarray]]:
        """The optimizer's exposed state arrays split by layer: {label: {"W1": …, …}}."""
        state = self.optimizer.state() if self._optimizer_ready else {}
        return {label: self.network.split(arrays["theta"]) for label, arrays in state.items()
                if "theta" in arrays}

    def effective_step(self) -> dict[str, np.ndarray] | None:
        if not self._optimizer_ready:
            return None
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
            raise ValueError("the decision boundary needs two input features")
        if bounds is None:
            X = self.X
            bounds = (X[0].min() - margin, X[0].max() + margin, X[1].min() - margin, X[1].max() + margin)
        x0, x1, y0, y1 = bounds
        xs = np.linspace(x0, x1, resolution)
        ys = np.linspace(y0, y1, resolution)
        gx, gy = np.meshgrid(xs, ys)
        points = np.vstack([gx.ravel(), gy.ravel()])
        A = self.network.forward(points)
        values = A[0] if A.shape[0] == 1 else A.argmax(axis=0).astype(float)
        return xs, ys, values.reshape(resolution, resolution).copy()


def _carry_state(old, new) -> None:
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


def _check_rate(rate: float, epoch: int) -> None:
    if not (isinstance(rate, (int, float)) and math.isfinite(rate) and rate > 0):
        raise ValueError(f"the learning-rate schedule gave {rate!r} at epoch {epoch}; it must be a positive number")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if type(exc).__name__ in ("PluginRuntimeError", "ValueError"):
        return first or type(exc).__name__
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__
