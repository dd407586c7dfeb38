"""k networks of one architecture trained at once: one stacked forward/backward pass.

The engine (:mod:`optstudio.core.engine`) trains one run or k runs of the same architecture on
the same mini-batches. :class:`NetworkStack` keeps the k parameter vectors as the rows of one
array ``theta`` of shape (k, P); layer l of run i is the block W̃[l][i] = [W[l] | b[l]] of row i,
and the stacked blocks ``Wt[l]`` (shape (k, n_l, n_{l−1}+1)) are views of ``theta``. One
``np.matmul`` over the stack computes the layer for all k runs; activations and the loss gradient
act on the whole stack. Each stacked product is, per run, the very BLAS call
:class:`~optstudio.core.network.Network` makes, so the numbers are the same as k single runs (bit
for bit on the tested platforms).

:class:`SingleStack` puts one :class:`Network` (plain or batch-normalised) behind the same
interface with k = 1, so the engine has one code path whatever k is.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from optstudio.core.activations import ReLU
from optstudio.core.network import Network, augment

__all__ = ["NetworkStack", "SingleStack", "make_stack", "same_architecture"]


def same_architecture(a: Network, b: Network) -> bool:
    """True when two plain :class:`Network` objects (not a subclass such as the batch-normalised
    network, which :class:`NetworkStack` does not mirror) compute the same function of their
    parameters."""
    return (not getattr(a, "bn_layers", ()) and not getattr(b, "bn_layers", ())
            and type(a) is Network and type(b) is Network
            and a.layer_dims == b.layer_dims and a.hidden_activations == b.hidden_activations
            and a.loss == b.loss and a.output_activation == b.output_activation
            and a.l2 == b.l2 and a.leaky_alpha == b.leaky_alpha)


class _StackBuffers:
    """Scratch arrays of :class:`NetworkStack` for one mini-batch size.

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
        # Ãᵀ of the mini-batch, C-contiguous, for dW̃[1] when the inputs are a column slice
        self.XaT = np.empty((m, layer_dims[0] + 1))


class NetworkStack:
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
        self._dWt1 = list(self.dWt[1])    # the k contiguous blocks [dW[1] | db[1]] of the stack
        self._buffers: dict[int, _StackBuffers] = {}
        # per (m, inputs C-contiguous): is one stacked product for dW̃[1] bit-identical here?
        self._stacked_first_layer: dict[tuple[int, bool], bool] = {}

    @classmethod
    def from_networks(cls, networks: Sequence[Network]) -> "NetworkStack":
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
        return net.bind_storage(self.theta[i], self.grad[i])

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
            # dÃ[l−1] = W̃[l]ᵀ·dZ[l]: a product per run, or for one unit (n_l = 1, e.g. the sigmoid
            # output) an outer product, one broadcast multiply for the whole stack: each number is
            # the single product BLAS computes for it (inner dimension 1), up to the sign of a zero
            buf.backward_plan = [(buf.A_augT_v[l - 1], self.dWt[l],
                                  (np.multiply, self.Wt[l].transpose(2, 0, 1), buf.dZ[l], buf.dA_aug[l])
                                  if self.layer_dims[l] == 1 else
                                  (np.matmul, self.WtT[l], buf.dZ_v[l], buf.dA_aug_v[l]),
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
        with np.errstate(over="ignore"):
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
            for A_prev_T, dWt, (product, W, dZ, dA_aug), _bw, dA, _Z, _A, dZ_prev, dZ_prev_v, mask in buf.backward_plan:
                matmul(dZ_v, A_prev_T, out=dWt)      # [dW[l] | db[l]] = dZ[l]·Ã[l−1]ᵀ, run by run
                product(W, dZ, out=dA_aug)           # dA[l−1] = W̃[l]ᵀ·dZ[l] (+ an ignored last row)
                multiply(dA, mask, out=dZ_prev)      # dZ[l−1] = dA[l−1] ⊙ 1{Z[l−1] > 0}
                dZ_v = dZ_prev_v
        else:
            for A_prev_T, dWt, (product, W, dZ, dA_aug), backward, dA, Z, A, dZ_prev, dZ_prev_v, _m in buf.backward_plan:
                matmul(dZ_v, A_prev_T, out=dWt)
                product(W, dZ, out=dA_aug)
                backward(dA, Z, A, dZ_prev)          # dZ[l−1] = dA[l−1] ⊙ g'(Z[l−1])
                dZ_v = dZ_prev_v
        self._first_layer_grad(dZ_v, Xa, buf)
        if self.l2:
            for l in range(1, self.L + 1):
                self.dW[l] += (self.l2 / m) * self.W[l]
        return losses

    def _first_layer_grad(self, dZ_v: np.ndarray, Xa: np.ndarray, buf: _StackBuffers) -> None:
        """[dW[1] | db[1]] = dZ[1]·Ãᵀ for every run.

        Network computes it with ``np.dot(dZ, Xa.T)``, which hands BLAS Ãᵀ as it is when Xa is
        C-contiguous and a C-contiguous copy of it otherwise (a column slice of the shuffled
        data); BLAS kernels for the two layouts can round differently. One stacked
        ``np.matmul`` with the same operand gives the per-run numbers in one call; whether it
        does on this machine's BLAS is checked once per (m, layout) on random numbers, and where
        it does not the runs are done one by one with ``np.dot``, the very call Network makes.
        """
        contiguous = Xa.flags.c_contiguous
        if contiguous:
            XaT = Xa.T
        else:
            XaT = buf.XaT
            np.copyto(XaT, Xa.T)
        key = (Xa.shape[1], contiguous)
        stacked = self._stacked_first_layer.get(key)
        if stacked is None:
            stacked = self._stacked_first_layer[key] = self._stacked_matches_dot(dZ_v.shape[1:], Xa.shape, contiguous)
        if stacked:
            np.matmul(dZ_v, XaT, out=self.dWt[1])
        else:
            dot, XaT = np.dot, Xa.T
            for dZ_i, dWt1_i in zip(dZ_v, self._dWt1):
                dot(dZ_i, XaT, out=dWt1_i)

    def _stacked_matches_dot(self, dZ_shape: tuple, Xa_shape: tuple, contiguous: bool) -> bool:
        """Does ``np.matmul`` of a (k, n, m) stack laid out like ``dZ_v`` with Ãᵀ (as
        :meth:`_first_layer_grad` passes it) give, bit for bit, ``np.dot(dZ_i, Xa.T)`` run by
        run? Checked on random numbers of the same shapes and layouts."""
        n, m = dZ_shape
        rng = np.random.default_rng(12345)
        dZ = rng.standard_normal((n, self.k, m)) * np.exp(rng.uniform(-3, 3, size=(n, self.k, 1)))
        dZ_v = dZ.transpose(1, 0, 2)
        wide = rng.standard_normal((Xa_shape[0], m if contiguous else m + 3))
        Xa = wide if contiguous else wide[:, 1:m + 1]
        expected = np.stack([np.dot(dZ_v[i], Xa.T) for i in range(self.k)])
        operand = Xa.T if contiguous else np.ascontiguousarray(Xa.T)
        out = np.empty((self.k, self.n_params))[:, :n * Xa_shape[0]].reshape(self.k, n, Xa_shape[0])
        np.matmul(dZ_v, operand, out=out)
        return bool(np.array_equal(out, expected))

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




class SingleStack:
    """One :class:`Network` (plain or batch-normalised) behind the interface of
    :class:`NetworkStack` with k = 1: ``theta``/``grad`` are (1, P) views of the network's own
    vectors and every pass is the network's own, so a run of one is exactly a single network."""

    k = 1

    def __init__(self, network: Network):
        self.net = network
        self.layer_dims = network.layer_dims
        self.theta = network.theta[None, :]
        self.grad = network.grad[None, :]

    def network(self, i: int) -> Network:
        return self.net

    def encode_labels(self, y: np.ndarray) -> np.ndarray:
        return self.net.encode_labels(y)

    def forward(self, X: np.ndarray) -> np.ndarray:
        return self.net.forward(X)[None]

    def _loss_and_grad(self, Xa: np.ndarray, Y: np.ndarray, Yb: np.ndarray, want_loss: bool, rows):
        loss = self.net.loss_and_grad_augmented(Xa, Y, want_loss)
        return (loss,) if want_loss else None

    def evaluate(self, X: np.ndarray, y: np.ndarray, *, Y: np.ndarray | None = None, augmented: bool = False,
                 rows: Sequence[int] | None = None) -> tuple[list, list]:
        cost, accuracy = self.net.evaluate(X, y, Y=Y, augmented=augmented)
        return [cost], [accuracy]

    def describe(self) -> str:
        return self.net.describe()


def make_stack(networks: Sequence[Network]):
    """The stack the engine trains: the network itself for one run (:class:`SingleStack`), else a
    :class:`NetworkStack` whose row i starts from ``networks[i]``'s weights; each network is then
    re-bound to its row (so ``networks[i]`` keeps showing run i's current weights)."""
    networks = list(networks)
    if not networks:
        raise ValueError("at least one network is needed")
    if len({id(n) for n in networks}) != len(networks):
        raise ValueError("each run needs its own Network object")
    if len(networks) == 1:
        return SingleStack(networks[0])
    stack = NetworkStack.from_networks(networks)
    for i, net in enumerate(networks):
        net.bind_storage(stack.theta[i], stack.grad[i])
    return stack
