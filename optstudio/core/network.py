"""A fully connected network in the course's column convention.

X has shape (n_x, m), one example per column. Layer l has W[l] of shape (n_l, n_{l−1}) and b[l]
of shape (n_l, 1)::

    Z[l] = W[l]·A[l−1] + b[l]        A[l] = g[l](Z[l])

All parameters live in one flat vector ``theta`` and all gradients in one flat vector ``grad``;
``params["W1"]``, ``grads["dW1"]`` … are views into them. An optimizer can therefore update the
whole network with a few in-place vector operations (``{"theta": theta}``), or layer by layer
(``params``) as the notebook does: both change the same numbers.

Output and loss pairs:

* ``bce``: sigmoid output, binary cross-entropy J = −1/m Σ [y·log a + (1 − y)·log(1 − a)]
* ``softmax``: softmax output, categorical cross-entropy J = −1/m Σ Σ_k y_k·log a_k
* ``mse``: square loss J = 1/(2m)·‖A − Y‖² with a chosen output activation (sigmoid by default)

L2 regularisation adds λ/(2m)·Σ‖W[l]‖² to J and λ/m·W[l] to dW[l].

Batch normalisation is an option of the same class: ``batch_norm_layers`` (hidden-layer numbers)
normalises Z[l] over the mini-batch before the activation, Z̃[l] = γ[l] ⊙ Ẑ[l] + ν[l], with γ[l]
and ν[l] stored in ``theta`` next to W̃[l]. The formulas, and which methods use mini-batch or
running statistics, are in :mod:`optstudio.core.batchnorm`, which holds the layer math.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from optstudio.core import batchnorm as _bn
from optstudio.core.activations import Activation, get_activation
from optstudio.core.i18n import translate

__all__ = ["Network", "LOSSES", "INITIALIZERS", "initialize_parameters"]

LOSSES = {
    "bce": "sigmoid output + binary cross-entropy",
    "softmax": "softmax output + categorical cross-entropy",
    "mse": "square loss 1/(2m)·‖A − Y‖²",
}

INITIALIZERS = {
    "he": "He: W ~ N(0, 2/n[l−1]) (good with ReLU)",
    "xavier": "Xavier/Glorot: W ~ N(0, 2/(n[l−1] + n[l])) (good with tanh)",
    "normal": "normal with variance 1/n[l−1] (the homework)",
    "small": "small random: W = 0.01·N(0, 1)",
    "standard_normal": "standard normal: W ~ N(0, 1) (saturates sigmoid and tanh: vanishing gradients)",
    "zeros": "zeros: every unit in a layer stays the same (the symmetry problem)",
}
_INIT_ALIASES = {"glorot": "xavier", "small_random": "small", "small-random": "small", "zero": "zeros",
                 "standard-normal": "standard_normal", "randn": "standard_normal"}


def _randn(rng, shape: tuple[int, int]) -> np.ndarray:
    """Standard normal numbers from a legacy RandomState (``randn``) or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng.standard_normal(shape)
    return rng.randn(*shape)


def canonical_init(method: str) -> str:
    method = _INIT_ALIASES.get(method, method)
    if method not in INITIALIZERS:
        raise ValueError(translate("network", "unknown initialiser {name} (available: {names})").format(
            name=repr(method), names=", ".join(INITIALIZERS)))
    return method


def initialize_parameters(layer_dims: Sequence[int], method: str, rng) -> list[tuple[np.ndarray, np.ndarray]]:
    """(W[l], b[l]) for l = 1 … L; one ``randn`` call per layer, in order, as the notebook does.

    With ``rng = np.random.RandomState(3)`` and ``method="he"`` this equals the notebook's
    ``initialize_parameters`` after ``np.random.seed(3)``.
    """
    method = canonical_init(method)
    layers = []
    for l in range(1, len(layer_dims)):
        n_prev, n = layer_dims[l - 1], layer_dims[l]
        if method == "zeros":
            W = np.zeros((n, n_prev))
        else:
            W = _randn(rng, (n, n_prev))
            if method == "he":
                W *= np.sqrt(2.0 / n_prev)
            elif method == "xavier":
                W *= np.sqrt(2.0 / (n_prev + n))
            elif method == "normal":
                W *= np.sqrt(1.0 / n_prev)
            elif method == "standard_normal":
                pass                      # W ~ N(0, 1): the unscaled randn
            else:  # small
                W *= 0.01
        layers.append((W, np.zeros((n, 1))))
    return layers


class _Buffers:
    """Scratch arrays for one mini-batch size, so the hot loop allocates nothing.

    Activations are stored augmented with a last row of ones, Ã[l] = [A[l]; 1], so that
    Z[l] = W̃[l]·Ã[l−1] with W̃[l] = [W[l] | b[l]] is one matrix product, and in the backward pass
    dW̃[l] = dZ[l]·Ã[l−1]ᵀ gives dW[l] and db[l] = Σ dZ[l] in one product too.
    """

    def __init__(self, layer_dims: Sequence[int], m: int):
        L = len(layer_dims) - 1
        self.Z = [None] + [np.empty((n, m)) for n in layer_dims[1:]]
        self.A_aug = [None] * (L + 1)
        self.A = [None] * (L + 1)
        for l in range(1, L):
            aug = np.empty((layer_dims[l] + 1, m))
            aug[-1] = 1.0
            self.A_aug[l] = aug
            self.A[l] = aug[:-1]
        self.A[L] = np.empty((layer_dims[L], m))
        self.dZ = [None] + [np.empty((n, m)) for n in layer_dims[1:]]
        # dÃ[l−1] = W̃[l]ᵀ·dZ[l]: its last row (towards the constant 1) is computed and ignored
        self.dA_aug = [None] + [np.empty((layer_dims[l - 1] + 1, m)) for l in range(1, L + 1)]
        self.dA = [None] + [a[:-1] for a in self.dA_aug[1:]]
        self.dA_out = np.empty((layer_dims[L], m))


def augment(X: np.ndarray) -> np.ndarray:
    """[X; 1]: the inputs with a row of ones appended (for the bias)."""
    out = np.empty((X.shape[0] + 1, X.shape[1]))
    out[:-1] = X
    out[-1] = 1.0
    return out


class Network:
    """A fully connected network with flat parameter storage, optionally batch-normalised.

    ``layer_dims`` like ``[2, 5, 2, 1]``; ``hidden_activations`` one name per hidden layer
    (relu, leaky_relu, tanh, sigmoid, linear); ``loss`` one of :data:`LOSSES`.

    In ``theta`` each layer is stored as W̃[l] = [W[l] | b[l]] (row by row); ``params["W1"]`` and
    ``params["b1"]`` are views of it, ``grads["dW1"]``, ``grads["db1"]`` views of ``grad``.

    Batch normalisation (see :mod:`optstudio.core.batchnorm`): ``batch_norm_layers`` is an
    iterable of hidden-layer numbers (1 … L−1) whose pre-activations are normalised over the
    mini-batch, Z̃[l] = γ[l] ⊙ (Z[l] − μ[l])/√(σ²[l] + ε) + ν[l]; ``None`` or empty gives the
    plain network (the same code, at the same speed). ``momentum`` (β_bn in [0, 1)) weights the
    running averages of μ and σ², ``eps`` is the ε in √(σ² + ε), ``bias_correction`` corrects
    the running averages as the course's exponentially weighted averages. For such a layer
    ``theta`` holds W̃[l] followed by γ[l] and then ν[l] (``params["gamma1"]``, ``params["nu1"]``,
    ``grads["dgamma1"]``, ``grads["dnu1"]``). Attributes: ``bn_layers`` (tuple, ``()`` for a plain
    network), ``batch_norm`` (bool), ``gamma[l]``, ``nu[l]``, ``dgamma[l]``, ``dnu[l]`` (views,
    ``None`` for layers without batch norm), ``running_mean[l]``, ``running_var[l]``,
    ``bn_steps`` (running-statistics updates so far) and ``training`` (see :meth:`train_mode`).
    """

    def __init__(self, layer_dims: Sequence[int], hidden_activations: Sequence[str] | str = "relu",
                 loss: str = "bce", output_activation: str | None = None, l2: float = 0.0,
                 leaky_alpha: float = 0.01, batch_norm_layers: Iterable[int] | None = None,
                 momentum: float = 0.9, eps: float = 1e-5, bias_correction: bool = True):
        layer_dims = [int(n) for n in layer_dims]
        if len(layer_dims) < 2 or any(n < 1 for n in layer_dims):
            raise ValueError(translate("network", "layer_dims must be at least two positive sizes, got {dims}")
                             .format(dims=layer_dims))
        if loss not in LOSSES:
            raise ValueError(translate("network", "unknown loss {name} (available: {names})").format(
                name=repr(loss), names=", ".join(LOSSES)))
        if loss == "bce" and layer_dims[-1] != 1:
            raise ValueError(translate("network", "binary cross-entropy needs one output unit; use the softmax loss for several classes"))
        if loss == "softmax" and layer_dims[-1] < 2:
            raise ValueError(translate("network", "the softmax loss needs at least two output units"))
        if l2 < 0 or not math.isfinite(l2):
            raise ValueError(translate("network", "L2 strength λ must be ≥ 0, got {value}").format(value=l2))
        L = len(layer_dims) - 1
        if isinstance(hidden_activations, str):
            hidden_activations = [hidden_activations] * (L - 1)
        hidden_activations = list(hidden_activations)
        if len(hidden_activations) != L - 1:
            raise ValueError(translate("network", "{layers} hidden layers need {layers} activations, got {count}")
                             .format(layers=L - 1, count=len(hidden_activations)))
        bn_layers = _bn.check_layers(batch_norm_layers, L)
        _bn.check_settings(momentum, eps)
        self.layer_dims = layer_dims
        self.L = L
        self.loss = loss
        self.l2 = float(l2)
        self.leaky_alpha = float(leaky_alpha)
        self.hidden_activations = hidden_activations
        self.activations: list[Activation | None] = [None] + [
            get_activation(name, leaky_alpha) for name in hidden_activations]
        if loss == "bce":
            output_activation = "sigmoid"
        elif loss == "softmax":
            output_activation = "softmax"
        else:
            output_activation = output_activation or "sigmoid"
        self.output_activation = output_activation
        self._out_act = None if output_activation == "softmax" else get_activation(output_activation, leaky_alpha)

        # batch normalisation: settings and running statistics (empty for a plain network)
        self.bn_layers: tuple[int, ...] = bn_layers
        self._is_bn = [l in bn_layers for l in range(L + 1)]
        self.momentum = float(momentum)
        self.eps = float(eps)
        self.bias_correction = bool(bias_correction)
        self.training = False
        self.bn_steps = 0
        self.running_mean: list[np.ndarray | None] = [None] * (L + 1)
        self.running_var: list[np.ndarray | None] = [None] * (L + 1)
        for l in bn_layers:
            self.running_mean[l] = np.zeros((layer_dims[l], 1))
            self.running_var[l] = np.ones((layer_dims[l], 1))

        # the flat layout: W̃[l] for every layer, followed by γ[l], ν[l] for a batch-normalised one
        self._blocks: list[tuple[int, int, int, int]] = []  # (offset, n, n_prev, l) of W̃[l]
        self._bn_offsets: dict[int, int] = {}               # l -> offset of γ[l] (ν[l] follows)
        offset = 0
        for l in range(1, L + 1):
            n, n_prev = layer_dims[l], layer_dims[l - 1]
            self._blocks.append((offset, n, n_prev, l))
            offset += n * (n_prev + 1)
            if self._is_bn[l]:
                self._bn_offsets[l] = offset
                offset += 2 * n
        self.n_params = offset
        self.theta = np.zeros(self.n_params)
        self.grad = np.zeros(self.n_params)
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.bind_storage(self.theta, self.grad)
        if bn_layers:
            # chosen once here: the batch-normalised passes replace the plain ones for this
            # network, whose methods (and their precomputed plans) stay as they are
            self.forward_augmented = self._bn_forward_augmented
            self.loss_and_grad_augmented = self._bn_loss_and_grad_augmented
            self.cost = self._bn_cost
            self.reset_batch_norm()

    @property
    def batch_norm(self) -> bool:
        """True when at least one hidden layer is batch-normalised."""
        return bool(self.bn_layers)

    def bind_storage(self, theta: np.ndarray, grad: np.ndarray) -> "Network":
        """Use the flat vectors ``theta`` and ``grad`` (e.g. rows of a stack of networks) as this
        network's storage: every view (``W``, ``b``, ``gamma``, ``nu``, their gradients,
        ``params``, ``grads``, …) is rebuilt on them; the dicts ``params`` and ``grads`` are
        updated in place. The values are not copied: ``theta`` already holds the parameters."""
        if theta.shape != (self.n_params,) or grad.shape != (self.n_params,):
            raise ValueError(f"theta and grad must have shape ({self.n_params},)")
        self.theta, self.grad = theta, grad
        self.Wt = [None] + self._augmented_views(theta)
        self.dWt = [None] + self._augmented_views(grad)
        self.W = [None] + [w[:, :-1] for w in self.Wt[1:]]
        self.b = [None] + [w[:, -1:] for w in self.Wt[1:]]
        self.dW = [None] + [w[:, :-1] for w in self.dWt[1:]]
        self.db = [None] + [w[:, -1:] for w in self.dWt[1:]]
        self.gamma, self.nu = self._bn_views(theta)
        self.dgamma, self.dnu = self._bn_views(grad)
        self.params.clear()
        self.grads.clear()
        for l in range(1, self.L + 1):
            self.params[f"W{l}"] = self.W[l]
            self.params[f"b{l}"] = self.b[l]
            self.grads[f"dW{l}"] = self.dW[l]
            self.grads[f"db{l}"] = self.db[l]
            if self._is_bn[l]:
                self.params[f"gamma{l}"] = self.gamma[l]
                self.params[f"nu{l}"] = self.nu[l]
                self.grads[f"dgamma{l}"] = self.dgamma[l]
                self.grads[f"dnu{l}"] = self.dnu[l]
        self._buffers: dict[int, _Buffers] = {}  # their precomputed plans refer to the old views
        return self

    def _augmented_views(self, flat: np.ndarray) -> list[np.ndarray]:
        return [flat[o:o + n * (k + 1)].reshape(n, k + 1) for o, n, k, _ in self._blocks]

    def _bn_views(self, flat: np.ndarray) -> tuple[list, list]:
        """γ[l] and ν[l] views (n_l, 1) of a vector laid out like ``theta``, ``None`` for the
        layers without batch norm."""
        gammas: list[np.ndarray | None] = [None] * (self.L + 1)
        nus: list[np.ndarray | None] = [None] * (self.L + 1)
        for l, o in self._bn_offsets.items():
            n = self.layer_dims[l]
            gammas[l] = flat[o:o + n].reshape(n, 1)
            nus[l] = flat[o + n:o + 2 * n].reshape(n, 1)
        return gammas, nus

    # ------------------------------------------------------------------ set-up
    def initialize(self, method: str = "he", rng=None) -> "Network":
        """Fill W with the chosen initialiser (b = 0). ``rng``: RandomState or Generator.

        A batch-normalised network draws the same random numbers, then gets γ = 1, ν = 0 and
        fresh running statistics (:meth:`reset_batch_norm`)."""
        if rng is None:
            rng = np.random.default_rng()
        for l, (W, b) in enumerate(initialize_parameters(self.layer_dims, method, rng), start=1):
            self.W[l][...] = W
            self.b[l][...] = b
        self.reset_batch_norm()
        return self

    def reset_batch_norm(self) -> None:
        """γ = 1, ν = 0, running mean 0 and variance 1, no running-statistics updates yet
        (nothing to do for a plain network)."""
        for l in self.bn_layers:
            self.gamma[l].fill(1.0)
            self.nu[l].fill(0.0)
            self.running_mean[l].fill(0.0)
            self.running_var[l].fill(1.0)
        self.bn_steps = 0

    def set_parameters(self, params: dict[str, np.ndarray]) -> None:
        for key, value in params.items():
            self.params[key][...] = value

    def get_parameters(self) -> dict[str, np.ndarray]:
        """A copy of the parameters by name."""
        return {key: value.copy() for key, value in self.params.items()}

    def split(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        """Views of a vector laid out like ``theta`` (e.g. an optimizer's state) by parameter
        name, in the order of ``params``: W1, b1 (gamma1, nu1 if layer 1 is batch-normalised), W2 …"""
        out = {}
        gammas, nus = self._bn_views(flat)
        for (_o, _n, _k, l), block in zip(self._blocks, self._augmented_views(flat)):
            out[f"W{l}"] = block[:, :-1]
            out[f"b{l}"] = block[:, -1:]
            if self._is_bn[l]:
                out[f"gamma{l}"] = gammas[l]
                out[f"nu{l}"] = nus[l]
        return out

    def weight_mask(self) -> np.ndarray:
        """True where ``theta`` holds a weight, False where it holds a bias, γ or ν."""
        mask = np.zeros(self.n_params, dtype=bool)
        for block in self._augmented_views(mask):
            block[:, :-1] = True
        return mask

    def _buf(self, m: int) -> _Buffers:
        buf = self._buffers.get(m)
        if buf is None:
            if len(self._buffers) > 8:
                self._buffers.clear()
            buf = self._buffers[m] = _Buffers(self.layer_dims, m)
            # per-layer argument tuples, so the hot loop does nothing but the numpy calls
            buf.forward_plan = [(self.Wt[l], buf.Z[l], self.activations[l].forward, buf.A[l], buf.A_aug[l])
                                for l in range(1, self.L)]
            buf.backward_plan = [(buf.A_aug[l - 1].T, self.dWt[l], self.Wt[l].T, buf.dA_aug[l],
                                  self.activations[l - 1].backward, buf.dA[l], buf.Z[l - 1], buf.A[l - 1],
                                  buf.dZ[l - 1]) for l in range(self.L, 1, -1)]
            buf.Z_L, buf.A_L = buf.Z[self.L], buf.A[self.L]
            if self.bn_layers:
                _bn.add_buffers(buf, self.layer_dims, m, self.bn_layers)
        return buf

    # ------------------------------------------------------------------ batch-norm state
    def running_stats(self) -> dict[str, np.ndarray]:
        """A copy of the running statistics: {"mean1": …, "var1": …, …} ({} for a plain network)."""
        out = {}
        for l in self.bn_layers:
            out[f"mean{l}"] = self.running_mean[l].copy()
            out[f"var{l}"] = self.running_var[l].copy()
        return out

    def set_running_stats(self, stats: dict[str, np.ndarray]) -> None:
        """Set running statistics from a dict like :meth:`running_stats` returns."""
        for key, value in stats.items():
            kind = key.rstrip("0123456789")
            digits = key[len(kind):]
            if kind not in ("mean", "var") or not digits or int(digits) not in self.bn_layers:
                raise KeyError(f"unknown running statistic {key!r}")
            l = int(digits)
            target = self.running_mean if kind == "mean" else self.running_var
            target[l][...] = value

    def train_mode(self, on: bool = True) -> "Network":
        """``forward``/``evaluate``/``predict*`` of a batch-normalised network use the mini-batch
        statistics (``on=True``) or the running statistics (``on=False``, the default state).
        Never updates the running statistics; ``loss_and_grad`` and ``cost`` always use
        mini-batch statistics. No effect on a plain network."""
        self.training = bool(on)
        return self

    def eval(self) -> "Network":
        """Back to the running statistics for ``forward``/``evaluate``/``predict*``."""
        return self.train_mode(False)

    # ------------------------------------------------------------------ labels
    def encode_labels(self, y: np.ndarray) -> np.ndarray:
        """Class indices (m,) -> the target matrix Y the loss expects: (1, m) or one-hot (k, m)."""
        y = np.asarray(y).astype(np.int64).ravel()
        n_y = self.layer_dims[-1]
        if n_y == 1:
            return y.reshape(1, -1).astype(np.float64)
        Y = np.zeros((n_y, y.size))
        Y[y, np.arange(y.size)] = 1.0
        return Y

    # ------------------------------------------------------------------ forward
    def forward(self, X: np.ndarray) -> np.ndarray:
        """A[L] for the columns of X. Returns an internal buffer: copy it to keep it. (A huge
        logit saturates the sigmoid to 0 or 1 without a numpy overflow warning.)"""
        with np.errstate(over="ignore"):
            return self.forward_augmented(augment(X))

    def forward_augmented(self, Xa: np.ndarray) -> np.ndarray:
        """A[L] for inputs already augmented with a row of ones (see :func:`augment`)."""
        buf = self._buf(Xa.shape[1])
        dot = np.dot
        prev = Xa
        for W, Z, forward, A, A_aug in buf.forward_plan:
            dot(W, prev, out=Z)
            forward(Z, A)
            prev = A_aug
        Z_L = buf.Z_L
        dot(self.Wt[self.L], prev, out=Z_L)
        A = buf.A_L
        if self._out_act is None:
            np.subtract(Z_L, Z_L.max(axis=0, keepdims=True), out=A)
            np.exp(A, out=A)
            A /= A.sum(axis=0, keepdims=True)
        else:
            self._out_act.forward(Z_L, A)
        return A

    def _data_loss_sum(self, Z: np.ndarray, A: np.ndarray, Y: np.ndarray) -> float:
        """Σ over the batch of the per-example loss (not yet divided by m)."""
        if self.loss == "bce":
            # −[y·log σ(z) + (1−y)·log(1−σ(z))] = log(1 + e^z) − y·z, safe for any z
            return float(np.logaddexp(0.0, Z).sum() - np.vdot(Y, Z))
        if self.loss == "softmax":
            zmax = Z.max(axis=0, keepdims=True)
            log_norm = np.log(np.exp(Z - zmax).sum(axis=0)) + zmax[0]
            return float(log_norm.sum() - np.vdot(Y, Z))
        diff = A - Y
        return 0.5 * float(np.vdot(diff, diff))

    def _output_delta(self, buf, A_L: np.ndarray, Y: np.ndarray, m: int) -> np.ndarray:
        """dZ[L] (into ``buf.dZ[L]``) for the loss J averaged over ``m`` examples."""
        dZ = buf.dZ[self.L]
        if self.loss == "mse":
            # dZ[L] = 1/m·(A − Y) ⊙ g'(Z[L])
            dA = buf.dA_out
            np.subtract(A_L, Y, out=dA)
            dA *= 1.0 / m
            self._out_act.backward(dA, buf.Z[self.L], A_L, dZ)
        else:
            # sigmoid + cross-entropy and softmax + cross-entropy both give dZ[L] = 1/m·(A − Y)
            np.subtract(A_L, Y, out=dZ)
            dZ *= 1.0 / m
        return dZ

    def l2_term(self, m: int) -> float:
        """λ/(2m)·Σ‖W[l]‖²."""
        if self.l2 == 0.0:
            return 0.0
        return self.l2 / (2 * m) * sum(float(np.vdot(self.W[l], self.W[l])) for l in range(1, self.L + 1))

    def cost(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J on (X, Y) including the L2 term."""
        m = X.shape[1]
        A = self.forward(X)
        return self._data_loss_sum(self._buffers[m].Z[self.L], A, Y) / m + self.l2_term(m)

    # ------------------------------------------------------------------ backward
    def loss_and_grad(self, X: np.ndarray, Y: np.ndarray) -> float:
        """Forward and backward pass on one mini-batch: fills ``grad``, returns the batch's
        mean data loss (without the L2 term)."""
        return self.loss_and_grad_augmented(augment(X), Y)

    def loss_and_grad_augmented(self, Xa: np.ndarray, Y: np.ndarray, want_loss: bool = True) -> float:
        """:meth:`loss_and_grad` for inputs already augmented with a row of ones. With
        ``want_loss=False`` the loss is not computed (returns nan) — the trainer needs it only
        for some mini-batches."""
        m = Xa.shape[1]
        A_L = self.forward_augmented(Xa)
        buf = self._buffers[m]
        L = self.L
        Z_L = buf.Z[L]
        loss_sum = self._data_loss_sum(Z_L, A_L, Y) if want_loss else math.nan
        dZ = self._output_delta(buf, A_L, Y, m)
        dot = np.dot
        for A_prev_T, dWt, Wt_T, dA_aug, backward, dA, Z, A, dZ_prev in buf.backward_plan:
            dot(dZ, A_prev_T, out=dWt)          # [dW[l] | db[l]] = dZ[l]·Ã[l−1]ᵀ
            dot(Wt_T, dZ, out=dA_aug)           # dA[l−1] = W[l]ᵀ·dZ[l] (+ an ignored last row)
            dZ = backward(dA, Z, A, dZ_prev)    # dZ[l−1] = dA[l−1] ⊙ g'(Z[l−1])
        dWt = self.dWt
        dot(dZ, Xa.T, out=dWt[1])
        if self.l2:
            for l in range(1, L + 1):
                self.dW[l] += (self.l2 / m) * self.W[l]
        return loss_sum / m

    # ------------------------------------------------------------------ batch-normalised passes
    # For a network with ``bn_layers`` these replace forward_augmented, cost and
    # loss_and_grad_augmented (chosen once, in __init__); forward, loss_and_grad, evaluate and
    # predict* go through them. The formulas are in optstudio.core.batchnorm.
    def _bn_forward_augmented(self, Xa: np.ndarray) -> np.ndarray:
        """A[L] for inputs already augmented with a row of ones, with the running statistics (or
        the mini-batch statistics after :meth:`train_mode`). Returns an internal buffer."""
        return self._bn_forward(Xa, self.training, False)

    def _bn_forward(self, Xa: np.ndarray, batch_stats: bool, update_running: bool) -> np.ndarray:
        m = Xa.shape[1]
        buf = self._buf(m)
        dot, Wt, W, acts, Z, is_bn = np.dot, self.Wt, self.W, self.activations, buf.Z, self._is_bn
        eps = self.eps
        if update_running:
            self.bn_steps += 1
            weight = _bn.running_weight(self.momentum, self.bn_steps, self.bias_correction)
        prev_aug, prev = Xa, Xa[:-1]
        for l in range(1, self.L):
            Zl = Z[l]
            if is_bn[l]:
                dot(W[l], prev, out=buf.U[l])                # Z[l] = W[l]·A[l−1], no bias
                if batch_stats:
                    _bn.forward_batch(buf, l, self.gamma[l], self.nu[l], eps)      # Z̃ = γ ⊙ Ẑ + ν
                    if update_running:
                        _bn.update_running(buf, l, self.running_mean[l], self.running_var[l], weight)
                else:
                    _bn.forward_running(buf, l, self.gamma[l], self.nu[l], self.running_mean[l],
                                        self.running_var[l], eps)
            else:
                dot(Wt[l], prev_aug, out=Zl)
            acts[l].forward(Zl, buf.A[l])
            prev_aug, prev = buf.A_aug[l], buf.A[l]
        L = self.L
        Z_L = Z[L]
        dot(Wt[L], prev_aug, out=Z_L)
        A = buf.A[L]
        if self._out_act is None:
            np.subtract(Z_L, Z_L.max(axis=0, keepdims=True), out=A)
            np.exp(A, out=A)
            A /= A.sum(axis=0, keepdims=True)
        else:
            self._out_act.forward(Z_L, A)
        return A

    def _bn_cost(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J on (X, Y) including the L2 term, normalising with the statistics of X itself
        (training mode) and leaving the running statistics alone: the objective whose gradient
        ``loss_and_grad`` computes. Use :meth:`evaluate` for J with running statistics."""
        m = X.shape[1]
        A = self._bn_forward(augment(X), True, False)
        return self._data_loss_sum(self._buffers[m].Z[self.L], A, Y) / m + self.l2_term(m)

    def _bn_loss_and_grad_augmented(self, Xa: np.ndarray, Y: np.ndarray, want_loss: bool = True) -> float:
        """Forward (mini-batch statistics, running statistics updated) and backward pass on one
        mini-batch: fills ``grad`` (dW, db = 0 for batch-normalised layers, dγ, dν), returns the
        mean data loss without the L2 term (nan with ``want_loss=False``)."""
        m = Xa.shape[1]
        A_L = self._bn_forward(Xa, True, True)
        buf = self._buffers[m]
        L = self.L
        Z_L = buf.Z[L]
        loss_sum = self._data_loss_sum(Z_L, A_L, Y) if want_loss else math.nan
        dZ = self._output_delta(buf, A_L, Y, m)
        dot, dWt, Wt, acts, is_bn = np.dot, self.dWt, self.Wt, self.activations, self._is_bn
        for l in range(L, 1, -1):
            dot(dZ, buf.A_aug[l - 1].T, out=dWt[l])       # [dW[l] | db[l]] = dZ[l]·Ã[l−1]ᵀ
            if is_bn[l]:
                self.db[l].fill(0.0)
            dot(Wt[l].T, dZ, out=buf.dA_aug[l])             # dA[l−1] (+ an ignored last row)
            dZ = acts[l - 1].backward(buf.dA[l], buf.Z[l - 1], buf.A[l - 1], buf.dZ[l - 1])  # dZ̃[l−1]
            if is_bn[l - 1]:
                dZ = _bn.backward(buf, l - 1, dZ, self.gamma[l - 1], self.dgamma[l - 1], self.dnu[l - 1], m)
        dot(dZ, Xa.T, out=dWt[1])
        if is_bn[1]:
            self.db[1].fill(0.0)
        if self.l2:
            for l in range(1, L + 1):
                self.dW[l] += (self.l2 / m) * self.W[l]
        return loss_sum / m

    # ------------------------------------------------------------------ predictions
    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """A[L] as a new array: (1, m) probability of class 1, or (k, m) class probabilities."""
        return self.forward(X).copy()

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predicted class index per column: a > 0.5 for one output unit, else argmax."""
        A = self.forward(X)
        if A.shape[0] == 1:
            return (A[0] > 0.5).astype(np.int64)
        return A.argmax(axis=0)

    def evaluate(self, X: np.ndarray, y: np.ndarray, *, Y: np.ndarray | None = None,
                 augmented: bool = False) -> tuple[float, float]:
        """(cost J including L2, accuracy) on examples X (columns) with class indices y.

        ``Y`` (the encoded targets) and ``augmented`` (X already has its row of ones) let the
        trainer skip work it has done once."""
        m = X.shape[1]
        if m == 0:
            return float("nan"), float("nan")
        if Y is None:
            Y = self.encode_labels(y)
        A = self.forward_augmented(X) if augmented else self.forward(X)
        return self._cost_and_accuracy(A, Y, y, m)

    def _cost_and_accuracy(self, A: np.ndarray, Y: np.ndarray, y: np.ndarray, m: int) -> tuple[float, float]:
        """J (with L2) and accuracy from the output A[L] of the last forward pass over m examples:
        a > 0.5 for one output unit (the notebook's ``predict``), else argmax."""
        cost = self._data_loss_sum(self._buffers[m].Z[self.L], A, Y) / m + self.l2_term(m)
        if A.shape[0] == 1:
            if y.dtype != np.bool_:
                y = y > 0
            correct = np.count_nonzero(np.greater(A[0], 0.5) == y)
        else:
            correct = np.count_nonzero(A.argmax(axis=0) == y)
        return cost, correct / m

    def describe(self) -> str:
        acts = ", ".join(self.hidden_activations + [self.output_activation])
        text = f"layer_dims {self.layer_dims} ({acts}); {self.n_params} parameters; loss {self.loss}"
        if self.bn_layers:
            text += f"; batch norm on hidden layer(s) {', '.join(str(l) for l in self.bn_layers)}"
        return text
