"""Train k networks of the same architecture at once: one stacked forward/backward pass, k optimizers.

Compare mode trains several optimizer + schedule configurations on the same data, from the same
initial weights, with the same mini-batches. Instead of k separate trainers (k times the cost of
one run), :class:`BatchedNetworks` keeps the k parameter vectors as the rows of one array
``theta`` of shape (k, P); layer l of run i is the block W̃[l][i] = [W[l] | b[l]] of row i, and the
stacked blocks ``Wt[l]`` (shape (k, n_l, n_{l−1}+1)) are views of ``theta``. One ``np.matmul``
over the stack computes the layer for all k runs; activations and the loss gradient act on the
whole stack. Each stacked product is, per run, the very BLAS call :class:`~optstudio.core.network.Network`
makes, so the numbers are the same as k single runs (bit for bit on the tested platforms).

:class:`BatchedTrainer` then lets every optimizer update its own row: optimizer i receives
``{"theta": theta[i]}`` and ``{"theta": grad[i]}`` (contiguous row views), exactly the call the
single :class:`~optstudio.core.trainer.Trainer` makes, so every optimizer plugin works unchanged.

Per run there is a :class:`BatchedRun` (``trainer.runs[i]``) that looks like a ``Trainer``:
``history``, ``status``, ``message``, ``result()``, ``network``, ``optimizer``,
``decision_grid()``, ``optimizer_state()``, ``effective_step()``, ``apply_changes()`` …
A run that diverges, whose plugin raises, or that is stopped on its own is *frozen*: its weights
move to its own :class:`Network` (``run.network``) and the others keep training.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Callable, Sequence

import numpy as np

from optstudio.core.activations import ReLU
from optstudio.core.network import Network, augment
from optstudio.core.trainer import (History, EpochRecord, Shuffler, Trainer, TrainResult, _carry_state,
                                    _check_rate, _one_line, check_plan, prepare_arrays)

__all__ = ["BatchedNetworks", "BatchedTrainer", "BatchedRun", "bind_network", "same_architecture"]


def same_architecture(a: Network, b: Network) -> bool:
    """True when two plain :class:`Network` objects (not a subclass such as the batch-normalised
    network, which :class:`BatchedNetworks` does not mirror) compute the same function of their
    parameters."""
    return (type(a) is Network and type(b) is Network
            and a.layer_dims == b.layer_dims and a.hidden_activations == b.hidden_activations
            and a.loss == b.loss and a.output_activation == b.output_activation
            and a.l2 == b.l2 and a.leaky_alpha == b.leaky_alpha)


def bind_network(net: Network, theta: np.ndarray, grad: np.ndarray) -> Network:
    """Make ``net`` use the flat vectors ``theta`` and ``grad`` (e.g. rows of a stack) as storage."""
    return net.bind_storage(theta, grad)


class _StackBuffers:
    """Scratch arrays of :class:`BatchedNetworks` for one mini-batch size.

    The stacked version of the network's buffers (activations augmented with a row of ones, see
    ``network._Buffers``), stored *unit-major*: Z[l] has shape (n_l, k, m), so that every
    element-wise operation (activations, their derivatives, the loss gradient) runs over one
    contiguous block for all k runs. ``np.matmul`` sees them through the transposed views
    ``*_v`` of shape (k, n_l, m): for run i, ``Z_v[l][i]`` is an (n_l, m) matrix with row stride
    k·m, which BLAS takes as it is (the leading dimension changes no arithmetic).
    """

    def __init__(self, layer_dims: Sequence[int], k: int, m: int):
        L = len(layer_dims) - 1
        self.m = m
        # the hidden layers' Z in one block, so that one call computes every ReLU mask
        hidden = list(layer_dims[1:L])
        self.Z_hidden = np.empty((sum(hidden), k, m))
        self.mask_hidden = np.empty((sum(hidden), k, m))    # 1.0 where Z > 0, else 0.0
        self.Z = [None] * (L + 1)
        self.mask = [None] * (L + 1)
        offset = 0
        for l, n in enumerate(hidden, start=1):
            self.Z[l] = self.Z_hidden[offset:offset + n]
            self.mask[l] = self.mask_hidden[offset:offset + n]
            offset += n
        self.Z[L] = np.empty((layer_dims[L], k, m))
        self.A_aug = [None] * (L + 1)
        self.A = [None] * (L + 1)
        for l in range(1, L):
            aug = np.empty((layer_dims[l] + 1, k, m))
            aug[-1] = 1.0
            self.A_aug[l] = aug
            self.A[l] = aug[:-1]
        self.A[L] = np.empty((layer_dims[L], k, m))
        self.dZ = [None] + [np.empty((n, k, m)) for n in layer_dims[1:]]
        # dÃ[l−1] = W̃[l]ᵀ·dZ[l]: its last row (towards the constant 1) is computed and ignored
        self.dA_aug = [None] + [np.empty((layer_dims[l - 1] + 1, k, m)) for l in range(1, L + 1)]
        self.dA = [None] + [a[:-1] for a in self.dA_aug[1:]]
        self.dA_out = np.empty((layer_dims[L], k, m))
        self.loss_tmp = np.empty((layer_dims[L], k, m))
        # (k, n, m) views for matmul
        self.Z_v = [None] + [z.transpose(1, 0, 2) for z in self.Z[1:]]
        self.dZ_v = [None] + [z.transpose(1, 0, 2) for z in self.dZ[1:]]
        self.A_aug_v = [None] + [a.transpose(1, 0, 2) if a is not None else None for a in self.A_aug[1:]]
        self.A_augT_v = [None] + [a.transpose(1, 2, 0) if a is not None else None for a in self.A_aug[1:]]
        self.dA_aug_v = [None] + [a.transpose(1, 0, 2) for a in self.dA_aug[1:]]
        self.A_L_v = self.A[L].transpose(1, 0, 2)
        self.Z_L_v = self.Z_v[L]


class BatchedNetworks:
    """k fully connected networks of one architecture, parameters stacked in ``theta`` (k, P).

    Same arguments as :class:`Network` plus ``k``. ``theta[i]`` is laid out exactly like
    ``Network.theta``; ``Wt[l]`` (k, n_l, n_{l−1}+1), ``W[l]``, ``b[l]`` and their gradients
    ``dWt[l]``, ``dW[l]``, ``db[l]`` are views of ``theta`` / ``grad``. Every run sees the same
    inputs; each stacked product is, run by run, the BLAS call the single network makes, and
    the element-wise steps are the same operations, so each row gets the numbers its single
    :class:`Network` would get.
    """

    def __init__(self, layer_dims: Sequence[int], hidden_activations: Sequence[str] | str = "relu",
                 loss: str = "bce", output_activation: str | None = None, l2: float = 0.0,
                 leaky_alpha: float = 0.01, *, k: int = 1):
        if int(k) < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        # the template validates the arguments and provides activations, loss and block layout
        template = Network(layer_dims, hidden_activations, loss=loss, output_activation=output_activation,
                           l2=l2, leaky_alpha=leaky_alpha)
        self.template = template
        self.k = k = int(k)
        self.layer_dims = template.layer_dims
        self.L = template.L
        self.loss = template.loss
        self.l2 = template.l2
        self.leaky_alpha = template.leaky_alpha
        self.hidden_activations = list(template.hidden_activations)
        self.output_activation = template.output_activation
        self.activations = template.activations
        self._out_act = template._out_act
        # all hidden layers ReLU: dZ = dA ⊙ (Z > 0) with one mask computation for all layers
        # (the same numbers as ReLU.backward: dA·1.0 or dA·0.0)
        self._relu_masks = self.L > 1 and all(type(a) is ReLU for a in self.activations[1:])
        self._mse = self.loss == "mse"
        self.n_params = template.n_params
        self.theta = np.zeros((k, self.n_params))
        self.grad = np.zeros((k, self.n_params))
        self.Wt = [None] + self._stacked_views(self.theta)
        self.dWt = [None] + self._stacked_views(self.grad)
        self.WtT = [None] + [w.transpose(0, 2, 1) for w in self.Wt[1:]]
        self.W = [None] + [w[:, :, :-1] for w in self.Wt[1:]]
        self.b = [None] + [w[:, :, -1:] for w in self.Wt[1:]]
        self.dW = [None] + [w[:, :, :-1] for w in self.dWt[1:]]
        self.db = [None] + [w[:, :, -1:] for w in self.dWt[1:]]
        self._dWt1 = self.dWt[1]
        self._buffers: dict[int, _StackBuffers] = {}

    @classmethod
    def from_networks(cls, networks: Sequence[Network]) -> "BatchedNetworks":
        """A stack whose row i is a copy of ``networks[i].theta`` (all of one architecture)."""
        networks = list(networks)
        if not networks:
            raise ValueError("at least one network is needed")
        first = networks[0]
        for net in networks:
            if not same_architecture(first, net):
                raise ValueError(f"networks of different architectures cannot be batched: "
                                 f"{first.describe()} vs {net.describe()}")
        out = cls(first.layer_dims, first.hidden_activations, loss=first.loss,
                  output_activation=first.output_activation, l2=first.l2, leaky_alpha=first.leaky_alpha,
                  k=len(networks))
        for i, net in enumerate(networks):
            out.theta[i] = net.theta
        return out

    def _stacked_views(self, flat2d: np.ndarray) -> list[np.ndarray]:
        views = []
        for o, n, n_prev, _l in self.template._blocks:
            view = flat2d[:, o:o + n * (n_prev + 1)].reshape(self.k, n, n_prev + 1)
            if not np.shares_memory(view, flat2d):  # pragma: no cover - numpy always gives a view here
                raise RuntimeError("stacked parameter blocks must be views of theta")
            views.append(view)
        return views

    def network(self, i: int) -> Network:
        """A new :class:`Network` whose ``theta``/``grad`` are views of row i."""
        t = self.template
        net = Network(t.layer_dims, t.hidden_activations, loss=t.loss, output_activation=t.output_activation,
                      l2=t.l2, leaky_alpha=t.leaky_alpha)
        return bind_network(net, self.theta[i], self.grad[i])

    def _buf(self, m: int) -> _StackBuffers:
        buf = self._buffers.get(m)
        if buf is None:
            if len(self._buffers) > 8:
                self._buffers.clear()
            buf = self._buffers[m] = _StackBuffers(self.layer_dims, self.k, m)
            # per-layer argument tuples, so the hot loop does nothing but the numpy calls
            acts = self.activations
            buf.forward_plan = [(self.Wt[l], buf.Z_v[l], acts[l].forward, buf.Z[l], buf.A[l], buf.A_aug_v[l])
                                for l in range(1, self.L)]
            buf.backward_plan = [(buf.A_augT_v[l - 1], self.dWt[l], self.WtT[l], buf.dA_aug_v[l],
                                  acts[l - 1].backward, buf.dA[l], buf.Z[l - 1], buf.A[l - 1], buf.dZ[l - 1],
                                  buf.dZ_v[l - 1], buf.mask[l - 1]) for l in range(self.L, 1, -1)]
            L = self.L
            buf.output_plan = (self.Wt[L], buf.Z_v[L], buf.Z[L], buf.A[L], buf.dZ[L], buf.dZ_v[L])
        return buf

    # ------------------------------------------------------------------ labels
    def encode_labels(self, y: np.ndarray) -> np.ndarray:
        return self.template.encode_labels(y)

    # ------------------------------------------------------------------ forward
    def forward(self, X: np.ndarray) -> np.ndarray:
        """A[L] of every run, shape (k, n_L, m). A view of an internal buffer: copy it to keep it."""
        return self.forward_augmented(augment(X))

    def forward_augmented(self, Xa: np.ndarray) -> np.ndarray:
        """A[L] (k, n_L, m) for inputs (n_x + 1, m) already augmented with a row of ones."""
        buf = self._buf(Xa.shape[1])
        self._forward(Xa, buf)
        return buf.A_L_v

    def _forward(self, Xa: np.ndarray, buf: _StackBuffers) -> None:
        matmul = np.matmul
        prev = Xa
        for Wt, Z_v, forward, Z, A, A_aug_v in buf.forward_plan:
            matmul(Wt, prev, out=Z_v)          # Z[l] = W̃[l]·Ã[l−1], run by run
            forward(Z, A)                      # A[l] = g(Z[l]) over the whole stack
            prev = A_aug_v
        Wt_L, Z_L_v, Z_L, A_L, _dZ, _dZ_v = buf.output_plan
        matmul(Wt_L, prev, out=Z_L_v)
        if self._out_act is None:
            # softmax over the units (axis 0), exactly as the single network
            np.subtract(Z_L, Z_L.max(axis=0, keepdims=True), out=A_L)
            np.exp(A_L, out=A_L)
            A_L /= A_L.sum(axis=0, keepdims=True)
        else:
            self._out_act.forward(Z_L, A_L)

    def _loss_sums(self, buf: _StackBuffers, Y: np.ndarray, rows) -> np.ndarray:
        """Σ over the batch of the per-example loss, per run: shape (k,) (runs not in ``rows``
        may hold anything). The same operations as ``Network._data_loss_sum`` on each run's
        data, so the numbers are identical (checked by the tests)."""
        if self.loss == "bce":
            # Σ log(1 + e^z) − y·z: logaddexp over the stack, then one pairwise sum and one
            # dot product per run (a stack of 1×m · m products is a ddot per run, as np.vdot)
            Z = buf.Z[self.L]
            np.logaddexp(0.0, Z, out=buf.loss_tmp)
            return buf.loss_tmp[0].sum(axis=1) - np.matmul(buf.Z_L_v, Y[0])[:, 0]
        out = np.full(self.k, math.nan)
        Z, A, loss_sum = buf.Z_L_v, buf.A_L_v, self.template._data_loss_sum
        for i in (range(self.k) if rows is None else rows):
            out[i] = loss_sum(Z[i], A[i], Y)
        return out

    def l2_term(self, i: int, m: int) -> float:
        """λ/(2m)·Σ‖W[l]‖² for run i."""
        if self.l2 == 0.0:
            return 0.0
        return self.l2 / (2 * m) * sum(float(np.vdot(self.W[l][i], self.W[l][i])) for l in range(1, self.L + 1))

    def cost(self, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """J (with the L2 term) of every run on (X, Y): shape (k,)."""
        m = X.shape[1]
        buf = self._buf(m)
        self._forward(augment(X), buf)
        costs = self._loss_sums(buf, Y, None) / m
        if self.l2:
            for i in range(self.k):
                costs[i] += self.l2_term(i, m)
        return costs

    # ------------------------------------------------------------------ backward
    def loss_and_grad(self, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        return self.loss_and_grad_augmented(augment(X), Y)

    def loss_and_grad_augmented(self, Xa: np.ndarray, Y: np.ndarray, want_loss: bool = True,
                                rows: Sequence[int] | None = None) -> np.ndarray | None:
        """Forward and backward pass of all k runs on the same mini-batch: fills ``grad`` (k, P).

        Returns the mean data loss (without L2) per run, shape (k,), or None with
        ``want_loss=False``. ``rows`` restricts the loss computation to those runs (the others'
        values are meaningless); the gradients are always computed for all k.
        """
        return self._loss_and_grad(Xa, Y, Y[:, None, :], want_loss, rows)

    def _loss_and_grad(self, Xa: np.ndarray, Y: np.ndarray, Yb: np.ndarray, want_loss: bool, rows):
        """:meth:`loss_and_grad_augmented` with ``Yb = Y[:, None, :]`` given (the trainer
        prepares these views once)."""
        m = Xa.shape[1]
        buf = self._buffers.get(m) or self._buf(m)
        self._forward(Xa, buf)
        _Wt, _Z_v, Z_L, A_L, dZ, dZ_v = buf.output_plan
        losses = None
        if want_loss:
            losses = self._loss_sums(buf, Y, rows)
            losses /= m
        if self._mse:
            # dZ[L] = 1/m·(A − Y) ⊙ g'(Z[L])
            dA = buf.dA_out
            np.subtract(A_L, Yb, out=dA)
            dA *= 1.0 / m
            self._out_act.backward(dA, Z_L, A_L, dZ)
        else:
            # sigmoid + cross-entropy and softmax + cross-entropy both give dZ[L] = 1/m·(A − Y)
            np.subtract(A_L, Yb, out=dZ)
            dZ *= 1.0 / m
        matmul = np.matmul
        if self._relu_masks:
            np.greater(buf.Z_hidden, 0.0, out=buf.mask_hidden)
            multiply = np.multiply
            for A_prev_T, dWt, WtT, dA_aug_v, _bw, dA, _Z, _A, dZ_prev, dZ_prev_v, mask in buf.backward_plan:
                matmul(dZ_v, A_prev_T, out=dWt)      # [dW[l] | db[l]] = dZ[l]·Ã[l−1]ᵀ, run by run
                matmul(WtT, dZ_v, out=dA_aug_v)      # dA[l−1] = W̃[l]ᵀ·dZ[l] (+ an ignored last row)
                multiply(dA, mask, out=dZ_prev)      # dZ[l−1] = dA[l−1] ⊙ 1{Z[l−1] > 0}
                dZ_v = dZ_prev_v
        else:
            for A_prev_T, dWt, WtT, dA_aug_v, backward, dA, Z, A, dZ_prev, dZ_prev_v, _m in buf.backward_plan:
                matmul(dZ_v, A_prev_T, out=dWt)
                matmul(WtT, dZ_v, out=dA_aug_v)
                backward(dA, Z, A, dZ_prev)          # dZ[l−1] = dA[l−1] ⊙ g'(Z[l−1])
                dZ_v = dZ_prev_v
        matmul(dZ_v, Xa.T, out=self._dWt1)
        if self.l2:
            for l in range(1, self.L + 1):
                self.dW[l] += (self.l2 / m) * self.W[l]
        return losses

    # ------------------------------------------------------------------ evaluation
    def evaluate(self, X: np.ndarray, y: np.ndarray, *, Y: np.ndarray | None = None, augmented: bool = False,
                 rows: Sequence[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(cost J including L2, accuracy) of every run, two arrays of shape (k,); like
        :meth:`Network.evaluate`. With ``rows`` only those runs' costs are computed."""
        m = X.shape[1]
        if m == 0:
            return np.full(self.k, math.nan), np.full(self.k, math.nan)
        if Y is None:
            Y = self.encode_labels(y)
        buf = self._buf(m)
        self._forward(X if augmented else augment(X), buf)
        costs = self._loss_sums(buf, Y, rows)
        costs /= m
        if self.l2:
            for i in (range(self.k) if rows is None else rows):
                costs[i] += self.l2_term(i, m)
        A = buf.A[self.L]
        if A.shape[0] == 1:
            if y.dtype != np.bool_:
                y = y > 0
            correct = (np.greater(A[0], 0.5) == y).sum(axis=1)
        else:
            correct = (A.argmax(axis=0) == y).sum(axis=1)
        return costs, correct / m

    def describe(self) -> str:
        return f"{self.k} × {self.template.describe()}"


# ====================================================================== the trainer

class BatchedRun:
    """One run of a :class:`BatchedTrainer`, usable like a :class:`~optstudio.core.trainer.Trainer`.

    ``network`` is a :class:`Network` whose ``theta`` is row ``index`` of the batch (its own copy
    once the run is frozen). ``pause``/``resume`` act on the whole batch (the runs share their
    mini-batches); ``stop`` stops this run only; ``run`` runs the whole batch and returns this
    run's result.
    """

    def __init__(self, batch: "BatchedTrainer", index: int, network: Network, optimizer, learning_rate: float,
                 schedule, schedule_per: str, label: str):
        self.batch = batch
        self.index = index
        self.label = label
        self.network = network
        self.optimizer = optimizer
        self.learning_rate = float(learning_rate)
        self.schedule = schedule
        self.schedule_per = schedule_per
        # what the optimizer sees, exactly as in Trainer: the network's flat vectors (row views)
        self.params = {"theta": network.theta}
        self.grads = {"theta": network.grad}
        self.history = History()
        self.t = 0
        self.epoch = 0
        self.current_rate = self.learning_rate
        self.seconds = 0.0
        self.status = "idle"
        self.message = ""
        self._optimizer_ready = False
        self._frozen = False       # diverged, failed or stopped on its own: trains no more
        self._stop_requested = False
        self._pending: dict = {}
        self._rate = self.learning_rate   # the rate in use in the current epoch / step

    # ------------------------------------------------------------------ shared with the batch
    @property
    def dataset(self):
        return self.batch.dataset

    @property
    def epochs(self) -> int:
        return self.batch.epochs

    @property
    def mini_batch_size(self) -> int:
        return self.batch.mini_batch_size

    @property
    def shuffler(self) -> Shuffler:
        return self.batch.shuffler

    @property
    def X(self) -> np.ndarray:
        return self.batch.X

    @property
    def y(self) -> np.ndarray:
        return self.batch.y

    @property
    def X_test(self) -> np.ndarray:
        return self.batch.X_test

    @property
    def y_test(self) -> np.ndarray:
        return self.batch.y_test

    @property
    def m(self) -> int:
        return self.batch.m

    @property
    def frozen(self) -> bool:
        """True once the run has diverged, failed or been stopped on its own."""
        return self._frozen

    @property
    def paused(self) -> bool:
        return self.batch.paused

    # ------------------------------------------------------------------ controls (any thread)
    def pause(self) -> None:
        """Pauses the whole batch (its runs share their mini-batches)."""
        self.batch.pause()

    def resume(self) -> None:
        self.batch.resume()

    def stop(self) -> None:
        """Stop this run only (before the batch's next mini-batch); the others keep training."""
        self.batch._request_run_stop(self)

    def apply_changes(self, *, learning_rate: float | None = None, optimizer=None, schedule=None,
                      schedule_per: str | None = None, epochs: int | None = None) -> None:
        """Like :meth:`Trainer.apply_changes` for this run; ``epochs`` applies to the whole batch."""
        with self.batch._lock:
            if learning_rate is not None:
                self._pending["learning_rate"] = float(learning_rate)
            if optimizer is not None:
                self._pending["optimizer"] = optimizer
            if schedule is not None:
                self._pending["schedule"] = (schedule, schedule_per or self.schedule_per)
            if self._pending:
                self.batch._has_pending = True
        if epochs is not None:
            self.batch.apply_changes(epochs=epochs)

    def _apply_pending(self) -> None:
        with self.batch._lock:
            pending, self._pending = self._pending, {}
        if "learning_rate" in pending:
            self.learning_rate = pending["learning_rate"]
        if "schedule" in pending:
            self.schedule, self.schedule_per = pending["schedule"]
        if "optimizer" in pending:
            new = pending["optimizer"]
            new.init(self.params)
            if self._optimizer_ready:
                _carry_state(self.optimizer, new)
            self.optimizer = new
            self._optimizer_ready = True

    def run(self, max_epochs: int | None = None) -> TrainResult:
        """Run the whole batch (see :meth:`BatchedTrainer.run`); returns this run's result."""
        self.batch.run(max_epochs)
        return self.result()

    # ------------------------------------------------------------------ the Trainer's own code
    rate_for = Trainer.rate_for
    result = Trainer.result
    parameters = Trainer.parameters
    optimizer_state = Trainer.optimizer_state
    effective_step = Trainer.effective_step
    decision_grid = Trainer.decision_grid

    def __repr__(self) -> str:
        return f"<BatchedRun {self.index} {self.label!r} {self.status} epoch {self.epoch}>"


class BatchedTrainer:
    """Trains k runs that share data, architecture, mini-batches and epochs, in one batch.

    ``networks``: k :class:`Network` objects of one architecture (their current weights are the
    runs' initial weights; they become the runs' ``network`` and are re-bound to rows of the
    batch) or a :class:`BatchedNetworks`. ``optimizers``: k objects with ``init(params)`` and
    ``update(params, grads, t, α)`` (distinct objects); ``learning_rates``, ``schedules``,
    ``schedule_pers``, ``labels``: one per run (or one value for all). The rest is as for
    :class:`Trainer`; ``callback(batched_trainer)`` is called from the training thread at most
    every ``report_interval`` seconds and always when training pauses or ends.
    """

    def __init__(self, networks, dataset, optimizers: Sequence, learning_rates, *, schedules=None,
                 schedule_pers="epoch", mini_batch_size: int = 64, epochs: int = 1000,
                 shuffler: Shuffler | None = None, callback: Callable[["BatchedTrainer"], None] | None = None,
                 report_interval: float = 1 / 30, labels: Sequence[str] | None = None):
        if isinstance(networks, BatchedNetworks):
            nets = networks
            run_networks = [nets.network(i) for i in range(nets.k)]
        else:
            run_networks = list(networks)
            if len({id(n) for n in run_networks}) != len(run_networks):
                raise ValueError("each run needs its own Network object")
            nets = BatchedNetworks.from_networks(run_networks)
            for i, net in enumerate(run_networks):
                bind_network(net, nets.theta[i], nets.grad[i])
        k = nets.k
        optimizers = list(optimizers)
        if len(optimizers) != k:
            raise ValueError(f"{k} runs need {k} optimizers, got {len(optimizers)}")
        if len({id(o) for o in optimizers}) != k:
            raise ValueError("each run needs its own optimizer object")
        learning_rates = _per_run(learning_rates, k, "learning_rates")
        schedules = _per_run(schedules, k, "schedules")
        schedule_pers = _per_run(schedule_pers, k, "schedule_pers")
        labels = _per_run(labels, k, "labels") if labels is not None else [f"run {i + 1}" for i in range(k)]
        check_plan(learning_rates, mini_batch_size, epochs)
        self.nets = nets
        self.k = k
        self.dataset = dataset
        self.mini_batch_size = int(mini_batch_size)
        self.epochs = int(epochs)
        self.shuffler = shuffler or Shuffler()
        self.callback = callback
        self.report_interval = report_interval

        prepare_arrays(self, dataset, nets)

        self.runs = [BatchedRun(self, i, run_networks[i], optimizers[i], learning_rates[i], schedules[i],
                                schedule_pers[i], labels[i]) for i in range(k)]
        self._active: list[BatchedRun] = list(self.runs)
        self.t = 0
        self.epoch = 0
        self.seconds = 0.0
        self.status = "idle"
        self.message = ""
        self._stop = False
        self._interrupt = False    # stop() or a run's stop(): checked before every mini-batch
        self._running = False      # inside run()
        self._batch_views: dict = {}
        self._has_pending = False
        self._resume_event = threading.Event()
        self._resume_event.set()
        self._lock = threading.Lock()
        self._pending: dict = {}
        self._last_report = 0.0

    @classmethod
    def from_trainers(cls, trainers: Sequence[Trainer], *, labels: Sequence[str] | None = None,
                      callback=None, report_interval: float = 1 / 30) -> "BatchedTrainer":
        """Batch k (not yet run) trainers that share data, architecture, mini-batch size, epochs
        and shuffling. The first trainer's shuffler is used (the others would draw the same
        mini-batches); the trainers' networks, optimizers and schedules become the runs' (the
        trainers themselves must not be used afterwards: their networks now live in the batch)."""
        trainers = list(trainers)
        if not trainers:
            raise ValueError("at least one trainer is needed")
        first = trainers[0]
        for tr in trainers:
            if tr.epoch or tr.t or tr.history.records:
                raise ValueError("only trainers that have not run yet can be batched")
        for tr in trainers[1:]:
            if not batchable(first, tr):
                raise ValueError("these trainers cannot be batched: they differ in data, architecture, "
                                 "mini-batch size, epochs or shuffling")
        return cls([tr.network for tr in trainers], first.dataset, [tr.optimizer for tr in trainers],
                   [tr.learning_rate for tr in trainers], schedules=[tr.schedule for tr in trainers],
                   schedule_pers=[tr.schedule_per for tr in trainers], mini_batch_size=first.mini_batch_size,
                   epochs=first.epochs, shuffler=first.shuffler, callback=callback,
                   report_interval=report_interval, labels=labels)

    # ------------------------------------------------------------------ controls (any thread)
    def pause(self) -> None:
        self._resume_event.clear()

    def resume(self) -> None:
        self._resume_event.set()

    def stop(self) -> None:
        self._stop = True
        self._interrupt = True
        self._resume_event.set()

    @property
    def paused(self) -> bool:
        return not self._resume_event.is_set()

    def apply_changes(self, *, epochs: int | None = None) -> None:
        """Queue a new number of epochs for the batch (per-run changes: ``runs[i].apply_changes``)."""
        with self._lock:
            if epochs is not None:
                self._pending["epochs"] = int(epochs)
                self._has_pending = True

    def _request_run_stop(self, run: BatchedRun) -> None:
        if run._frozen:
            return
        if not self._running:          # nothing is training: stop it right away
            self._freeze(run, "stopped", f"Stopped after epoch {run.epoch}.")
            return
        run._stop_requested = True     # the training thread stops it before its next mini-batch
        self._interrupt = True

    # ------------------------------------------------------------------ the loop
    def run(self, max_epochs: int | None = None) -> list[TrainResult]:
        """Train until ``epochs`` epochs are done (or ``max_epochs`` more), or until stopped or
        every run has ended. Returns one result per run."""
        target = self.epochs if max_epochs is None else min(self.epochs, self.epoch + int(max_epochs))
        if max_epochs is not None and self.epoch >= self.epochs:
            target = self.epoch + int(max_epochs)
        self._stop = False
        self._interrupt = any(r._stop_requested for r in self._active)
        self.status = "running"
        self._running = True
        self._set_status(self._active, "running")
        try:
            with np.errstate(all="ignore"):  # overflow is detected and reported as divergence
                self._loop(target, max_epochs)
        except Exception as exc:  # a numeric failure in the shared pass: every active run fails
            message = _one_line(exc)
            for r in list(self._active):
                self._freeze(r, "failed", message)
            self.status, self.message = "failed", message
        if self.status == "running":
            if self._stop:
                self.status, self.message = "stopped", f"Stopped after epoch {self.epoch}."
            elif self.epoch >= self.epochs or not self._active:
                self.status, self.message = "finished", self._summary()
            else:
                self.status, self.message = "paused", f"Paused after epoch {self.epoch}."
        for r in self._active:
            if r.status == "running":
                if self._stop:
                    r.status, r.message = "stopped", f"Stopped after epoch {r.epoch}."
                elif r.epoch >= self.epochs:
                    r.status, r.message = "finished", f"Finished {r.epoch} epochs."
                else:
                    r.status, r.message = "paused", f"Paused after epoch {r.epoch}."
        self._running = False
        self._report(force=True)
        return self.results()

    def _loop(self, target: int, max_epochs: int | None) -> None:
        for r in list(self._active):
            if not r._optimizer_ready:
                try:
                    r.optimizer.init(r.params)
                except Exception as exc:  # this run only
                    self._freeze(r, "failed", _one_line(exc))
                    continue
                r._optimizer_ready = True
        while self.epoch < target and self._active:
            if not self._resume_event.is_set():
                self.status = "paused"
                self._set_status(self._active, "paused")
                self._report(force=True)
                self._resume_event.wait()
                self.status = "running"
                self._set_status(self._active, "running")
            if self._stop:
                break
            if self._has_pending:
                self._apply_pending()
                target = self.epochs if max_epochs is None else target
            if not self._run_epoch():
                break
            self._report()

    def _summary(self) -> str:
        ended = [r for r in self.runs if r._frozen]
        text = f"Finished {self.epoch} epochs."
        if ended:
            text += f" {len(ended)} of {self.k} runs ended early ({', '.join(r.label for r in ended)})."
        return text

    def _set_status(self, runs, status: str) -> None:
        for r in runs:
            r.status = status

    def _apply_pending(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, {}
            self._has_pending = False
        if "epochs" in pending:
            self.epochs = pending["epochs"]
        for r in list(self._active):
            if r._pending:
                try:
                    r._apply_pending()
                except Exception as exc:  # e.g. a new optimizer's init raised: this run only
                    self._freeze(r, "failed", _one_line(exc))

    def _freeze(self, run: BatchedRun, status: str, message: str) -> None:
        """End ``run`` for good: it keeps its weights in its own arrays, its row of the batch is
        zeroed (so it cannot overflow) and is no longer updated."""
        run.status, run.message = status, message
        run._frozen = True
        if run in self._active:
            self._active.remove(run)
        i = run.index
        theta = self.nets.theta[i].copy()
        grad = self.nets.grad[i].copy()
        bind_network(run.network, theta, grad)
        run.params = {"theta": theta}
        run.grads = {"theta": grad}
        self.nets.theta[i] = 0.0

    def _handle_run_stops(self, t: int) -> None:
        self._interrupt = self._stop
        for r in list(self._active):
            if r._stop_requested:
                r._stop_requested = False
                r.t = t
                self._freeze(r, "stopped", f"Stopped after epoch {r.epoch}.")

    def _run_epoch(self) -> bool:
        """One epoch for every active run. Returns False when the batch must stop."""
        start = time.perf_counter()
        nets = self.nets
        m, size = self.m, self.mini_batch_size
        epoch = self.epoch
        t_start = self.t
        for r in list(self._active):
            try:
                rate = r.rate_for(epoch, t_start) if r.schedule is not None else r.learning_rate
                _check_rate(rate, epoch)
            except Exception as exc:
                self._freeze(r, "failed", _one_line(exc))
                continue
            r._rate = rate
        if not self._active:
            return False
        if size >= m and self.shuffler.mode == "default":
            batches = self._batches(self.Xa, self.Y)   # batch gradient descent: order does not matter
        else:
            perm = self.shuffler.permutation(m)
            X, Y = self._X_shuffled, self._Y_shuffled
            self.Xa.take(perm, axis=1, out=X)
            self.Y.take(perm, axis=1, out=Y)
            batches = self._batches(X, Y)
        loss_and_grad = nets._loss_and_grad
        calls, stepwise, rows = self._calls()
        batch_costs = None
        t = t_start
        for Xk, Yk, Ybk, want in batches:
            if self._interrupt:
                if self._stop:
                    self.t = t
                    for r in self._active:
                        r.t = t
                    return False
                self._handle_run_stops(t)
                if not self._active:
                    self.t = t
                    return False
                calls, stepwise, rows = self._calls()
            costs = loss_and_grad(Xk, Yk, Ybk, want, rows)
            if want:  # the loss is only computed for the last mini-batch (what the notebook prints)
                batch_costs = costs
            t += 1
            failed = None
            for update, params, grads, rate, r in calls:
                try:
                    update(params, grads, t, rate)
                except Exception as exc:  # this plugin's run only
                    failed = [(r, exc)] if failed is None else failed + [(r, exc)]
            if stepwise:
                for r in stepwise:
                    try:
                        rate = r.rate_for(epoch, t - 1)
                        _check_rate(rate, epoch)
                        r._rate = rate
                        r.optimizer.update(r.params, r.grads, t, rate)
                    except Exception as exc:
                        failed = [(r, exc)] if failed is None else failed + [(r, exc)]
            if failed:
                for r, exc in failed:
                    r.t = t_start          # as Trainer: steps are counted at the end of an epoch
                    self._freeze(r, "failed", _one_line(exc))
                if not self._active:
                    self.t = t
                    return False
                calls, stepwise, rows = self._calls()
        self.t = t
        active = self._active
        rows = [r.index for r in active]
        # J and accuracy on the whole training set after the epoch's updates (one stacked pass)
        costs, accs = nets.evaluate(self.Xa, self._y_eval, Y=self.Y, augmented=True, rows=rows)
        sums = nets.theta.sum(axis=1)
        self.seconds += time.perf_counter() - start
        seconds = self.seconds
        costs, accs, sums = costs.tolist(), accs.tolist(), sums.tolist()
        ok = []
        for r in list(active):
            i = r.index
            r.t = t
            r.current_rate = rate = r._rate
            r.seconds = seconds
            cost = costs[i]
            if not math.isfinite(cost) or not math.isfinite(sums[i]):
                what = "cost" if not math.isfinite(cost) else "parameters"
                self._freeze(r, "diverged",
                             f"Training diverged at epoch {epoch}: the {what} became "
                             f"{'nan' if math.isnan(cost) else 'inf'} (learning rate {rate:g}). "
                             f"Try a lower learning rate.")
                continue
            ok.append(r)
        if not ok:                       # every run diverged in this epoch
            return bool(self._active)
        nan = math.nan
        if self.X_test.shape[1]:
            test_costs, test_accs = nets.evaluate(self.Xa_test, self.y_test, Y=self.Y_test, augmented=True,
                                                  rows=[r.index for r in ok])
            test_costs, test_accs = test_costs.tolist(), test_accs.tolist()
        else:
            test_costs = test_accs = [nan] * self.k
        batch_costs = batch_costs.tolist() if batch_costs is not None else [nan] * self.k
        # ‖dθ‖² per run: a stack of 1×P · P×1 products is one ddot per run, as np.dot(g, g)
        grad = nets.grad
        norms = np.matmul(grad[:, None, :], grad[:, :, None])[:, 0, 0].tolist()
        sqrt = math.sqrt
        for r in ok:
            i = r.index
            r.history.append(EpochRecord(
                epoch=epoch, cost=costs[i], test_cost=test_costs[i], train_accuracy=accs[i],
                test_accuracy=test_accs[i], learning_rate=r.current_rate, grad_norm=sqrt(norms[i]),
                elapsed=seconds, last_batch_cost=batch_costs[i]))
            r.epoch = epoch + 1
        self.epoch = epoch + 1
        return bool(self._active)

    def _batches(self, X: np.ndarray, Y: np.ndarray) -> list:
        """The mini-batches of (X, Y) as views, made once per source array and batch size:
        [(X_k, Y_k, Y_k[:, None, :], is_last), …]."""
        key = (id(X), self.mini_batch_size)
        cached = self._batch_views.get(key)
        if cached is not None and cached[0] is X:
            return cached[1]
        size, m = self.mini_batch_size, self.m
        last_start = ((m - 1) // size) * size
        views = [(X[:, k:k + size], Y[:, k:k + size], Y[:, None, k:k + size], k == last_start)
                 for k in range(0, m, size)]
        self._batch_views[key] = (X, views)
        return views

    def _calls(self):
        """(per-epoch-rate update calls, runs with a per-step schedule, active row indices)."""
        calls, stepwise = [], []
        for r in self._active:
            if r.schedule is not None and r.schedule_per == "step":
                stepwise.append(r)
            else:
                calls.append((r.optimizer.update, r.params, r.grads, r._rate, r))
        rows = [r.index for r in self._active]
        return calls, stepwise, rows

    def _report(self, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.perf_counter()
        if force or now - self._last_report >= self.report_interval:
            self._last_report = now
            self.callback(self)

    # ------------------------------------------------------------------ results
    def results(self) -> list[TrainResult]:
        return [r.result() for r in self.runs]

    def result(self) -> TrainResult:
        """A summary of the batch as one result (best train accuracy among the runs)."""
        results = self.results()
        best = max(results, key=lambda r: (r.train_accuracy if math.isfinite(r.train_accuracy) else -1.0))
        return TrainResult(status=self.status, message=self.message, epochs=self.epoch, steps=self.t,
                           train_accuracy=best.train_accuracy, test_accuracy=best.test_accuracy,
                           final_cost=best.final_cost, final_test_cost=best.final_test_cost, seconds=self.seconds)

    def decision_grid(self, i: int, resolution: int = 150, bounds=None, margin: float = 0.5):
        """:meth:`Trainer.decision_grid` of run i."""
        return self.runs[i].decision_grid(resolution, bounds, margin)

    def decision_grids(self, resolution: int = 150, bounds=None, margin: float = 0.5):
        """The decision grids of all runs, ``[(xs, ys, values), …]``, with one stacked forward pass.

        Same numbers as ``runs[i].decision_grid()``; call from the training thread (the
        callback) or while the batch is paused or over."""
        if self.nets.layer_dims[0] != 2:
            raise ValueError("the decision boundary needs two input features")
        if bounds is None:
            X = self.X
            bounds = (X[0].min() - margin, X[0].max() + margin, X[1].min() - margin, X[1].max() + margin)
        x0, x1, y0, y1 = bounds
        xs = np.linspace(x0, x1, resolution)
        ys = np.linspace(y0, y1, resolution)
        live = [r for r in self.runs if not r._frozen]
        out: list = [None] * self.k
        if live:
            gx, gy = np.meshgrid(xs, ys)
            A = self.nets.forward(np.vstack([gx.ravel(), gy.ravel()]))
            for r in live:
                a = A[r.index]
                values = a[0] if a.shape[0] == 1 else a.argmax(axis=0).astype(float)
                out[r.index] = (xs, ys, values.reshape(resolution, resolution).copy())
            self.nets._buffers.pop(resolution * resolution, None)  # a large buffer: do not keep it
        for r in self.runs:
            if r._frozen:
                out[r.index] = r.decision_grid(resolution, bounds, margin)
        return out

    def __repr__(self) -> str:
        return f"<BatchedTrainer {self.k} runs {self.status} epoch {self.epoch}/{self.epochs}>"


def batchable(a: Trainer, b: Trainer) -> bool:
    """True when two (not yet run) trainers can share one batch: same data, same architecture
    (plain networks), same mini-batch size and epochs, and the same mini-batches (notebook seeds,
    or Generators in the same state). Their initial weights may differ: each row starts from its
    own network's weights."""
    if not same_architecture(a.network, b.network):
        return False
    if a.mini_batch_size != b.mini_batch_size or a.epochs != b.epochs:
        return False
    if a.dataset is not b.dataset:
        if not (np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y) and np.array_equal(a.X_test, b.X_test)
                and np.array_equal(a.y_test, b.y_test)):
            return False
    sa, sb = a.shuffler, b.shuffler
    if sa.mode != sb.mode:
        return False
    if sa.mode == "notebook":
        return sa.seed == sb.seed
    if a.mini_batch_size >= a.m:
        return True   # batch gradient descent: no permutation is drawn
    return sa.rng.bit_generator.state == sb.rng.bit_generator.state


def _per_run(value, k: int, name: str) -> list:
    if isinstance(value, (list, tuple)):
        if len(value) != k:
            raise ValueError(f"{k} runs need {k} {name}, got {len(value)}")
        return list(value)
    return [value] * k
