"""Batch normalisation: a :class:`~optstudio.core.network.Network` whose hidden layers normalise
their pre-activations over the mini-batch before the activation.

For a batch-normalised layer l (column convention, m examples in the mini-batch)::

    Z[l] = W[l]·A[l−1]                                  (no bias: ν[l] takes its place)
    μ[l] = 1/m·Σ_i Z[l](i)          σ²[l] = 1/m·Σ_i (Z[l](i) − μ[l])²
    Ẑ[l] = (Z[l] − μ[l]) / √(σ²[l] + ε)
    Z̃[l] = γ[l] ⊙ Ẑ[l] + ν[l]
    A[l] = g[l](Z̃[l])

γ[l] (the scale, initialised to 1) and ν[l] (the shift, initialised to 0) have shape (n_l, 1).
The course writes the shift as β; here it is ν so that it does not clash with the optimizers' β.
Both live in the same flat ``theta`` vector as the weights, so the chosen optimizer updates them
like any other parameter; they appear as ``params["gamma1"]``, ``params["nu1"]`` with gradients
``grads["dgamma1"]``, ``grads["dnu1"]``, and :meth:`BatchNormNetwork.split` names them too.
The output layer is never batch-normalised.

The bias b[l] of a batch-normalised layer
    is kept in ``theta`` (so the W̃[l] = [W[l] | b[l]] layout, ``b[l]`` and the views keep working)
    but is **not used**: the mean subtraction would cancel it anyway and ν[l] plays its role.
    Its gradient ``db[l]`` is exactly 0, so no optimizer moves it (except a decoupled weight
    decay, which only shrinks it further towards 0, without effect).

Back-propagation through the normalisation (dZ̃ = dA ⊙ g'(Z̃), already including the 1/m of J)::

    dγ = Σ_i dZ̃ ⊙ Ẑ        dν = Σ_i dZ̃
    dZ = γ/√(σ² + ε) ⊙ (dZ̃ − (dν + Ẑ ⊙ dγ)/m)
    dW = dZ·A[l−1]ᵀ        db = 0

Training and evaluation (which statistics are used)
    * :meth:`~BatchNormNetwork.loss_and_grad` / ``loss_and_grad_augmented`` (what the trainer
      calls for every mini-batch) normalise with the **mini-batch** statistics and update the
      running statistics (the only methods that change them).
    * :meth:`~BatchNormNetwork.cost` also uses the mini-batch statistics but does **not** touch
      the running statistics: it is the training objective whose gradient ``loss_and_grad``
      computes, so :func:`~optstudio.core.gradcheck.gradient_check` (which calls
      ``loss_and_grad`` once, then ``cost`` many times) compares like with like and is
      deterministic.
    * ``forward``, ``forward_augmented``, ``evaluate``, ``predict``, ``predict_proba`` (the trainer's
      per-epoch cost and accuracy, the decision grid, the GUI) use the **running** statistics,
      so their result for one example does not depend on the other examples; a single example
      can be predicted. :meth:`~BatchNormNetwork.train_mode` switches these to mini-batch
      statistics (still without updating the running ones); :meth:`~BatchNormNetwork.eval`
      switches back (the default).

Running statistics
    After each training mini-batch, for every batch-normalised layer (β_bn = ``momentum``)::

        running_mean = β_bn·running_mean + (1 − β_bn)·μ
        running_var  = β_bn·running_var  + (1 − β_bn)·σ²

    σ² is the same biased (1/m) variance used for the normalisation. With
    ``bias_correction=True`` (the default) the averages are bias-corrected as in the course's
    exponentially weighted averages, V_t/(1 − β_bn^t), so the estimates are usable from the
    first mini-batch (the first one is taken as is). ``bias_correction=False`` gives the plain
    average started at mean 0, variance 1 (PyTorch's convention, which also uses the unbiased
    variance). With mini-batches of one example σ² = 0 and Ẑ = 0: batch normalisation needs
    mini-batches of several examples.
"""

from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np

from optstudio.core.network import Network, _Buffers, augment

__all__ = ["BatchNormNetwork"]


class _BNBuffers(_Buffers):
    """The plain network's scratch arrays plus, per batch-normalised layer l: U[l] = W[l]·A[l−1]
    (before normalisation; ``Z[l]`` holds Z̃[l], the activation's input), Ẑ[l], a scratch array
    and the (n_l, 1) columns μ, σ², 1/√(σ²+ε) and a scratch column."""

    def __init__(self, layer_dims: Sequence[int], m: int, bn_layers: Iterable[int]):
        super().__init__(layer_dims, m)
        L = len(layer_dims) - 1
        none = [None] * (L + 1)
        self.U, self.Zhat, self.tmp = list(none), list(none), list(none)
        self.mu, self.var, self.inv, self.col = list(none), list(none), list(none), list(none)
        for l in bn_layers:
            n = layer_dims[l]
            self.U[l] = np.empty((n, m))
            self.Zhat[l] = np.empty((n, m))
            self.tmp[l] = np.empty((n, m))
            self.mu[l] = np.empty((n, 1))
            self.var[l] = np.empty((n, 1))
            self.inv[l] = np.empty((n, 1))
            self.col[l] = np.empty((n, 1))


class BatchNormNetwork(Network):
    """A :class:`Network` with batch normalisation before the activation of hidden layers.

    ``batch_norm_layers``: the hidden layers (1 … L−1) to normalise; ``None`` means every hidden
    layer. ``momentum`` (β_bn in [0, 1)) weights the running averages of the mean and variance;
    ``eps`` is the ε in √(σ² + ε). See the module docstring for the formulas and for which
    methods use mini-batch and which use running statistics.

    ``theta`` holds, layer by layer, W̃[l] = [W[l] | b[l]] (row by row) followed, for a
    batch-normalised layer, by γ[l] and then ν[l]. Extra attributes: ``gamma[l]``, ``nu[l]``,
    ``dgamma[l]``, ``dnu[l]`` (views, ``None`` for layers without batch norm),
    ``running_mean[l]``, ``running_var[l]``, ``bn_layers`` (tuple of layer numbers),
    ``bn_steps`` (running-statistics updates so far) and ``training`` (see :meth:`train_mode`).
    """

    def __init__(self, layer_dims: Sequence[int], hidden_activations: Sequence[str] | str = "relu",
                 loss: str = "bce", output_activation: str | None = None, l2: float = 0.0,
                 leaky_alpha: float = 0.01, batch_norm_layers: Iterable[int] | None = None,
                 momentum: float = 0.9, eps: float = 1e-5, bias_correction: bool = True):
        super().__init__(layer_dims, hidden_activations, loss=loss, output_activation=output_activation,
                         l2=l2, leaky_alpha=leaky_alpha)
        L = self.L
        if batch_norm_layers is None:
            bn = tuple(range(1, L))
        else:
            bn = []
            for l in batch_norm_layers:
                if isinstance(l, bool) or not isinstance(l, (int, np.integer)):
                    raise ValueError(f"batch-norm layers must be layer numbers, got {l!r}")
                l = int(l)
                if l == L:
                    raise ValueError(f"layer {L} is the output layer, which is never batch-normalised")
                if not 1 <= l < L:
                    raise ValueError(f"batch-norm layer {l} does not exist (hidden layers are 1 … {L - 1})")
                bn.append(l)
            bn = tuple(sorted(set(bn)))
        if not (isinstance(momentum, (int, float)) and 0.0 <= momentum < 1.0):
            raise ValueError(f"batch-norm momentum must be in [0, 1), got {momentum!r}")
        if not (isinstance(eps, (int, float)) and eps > 0 and math.isfinite(eps)):
            raise ValueError(f"batch-norm ε must be a number > 0, got {eps!r}")
        self.bn_layers = bn
        self._is_bn = [l in bn for l in range(L + 1)]
        self.momentum = float(momentum)
        self.eps = float(eps)
        self.bias_correction = bool(bias_correction)
        self.training = False

        # ---- the flat layout, rebuilt with γ[l], ν[l] after W̃[l] of each batch-normalised layer
        dims = self.layer_dims
        self._blocks = []
        self._bn_offsets: dict[int, int] = {}
        offset = 0
        for l in range(1, L + 1):
            n, n_prev = dims[l], dims[l - 1]
            self._blocks.append((offset, n, n_prev, l))
            offset += n * (n_prev + 1)
            if self._is_bn[l]:
                self._bn_offsets[l] = offset
                offset += 2 * n
        self.n_params = offset
        self.theta = np.zeros(self.n_params)
        self.grad = np.zeros(self.n_params)
        self.Wt = [None] + self._augmented_views(self.theta)
        self.dWt = [None] + self._augmented_views(self.grad)
        self.W = [None] + [w[:, :-1] for w in self.Wt[1:]]
        self.b = [None] + [w[:, -1:] for w in self.Wt[1:]]
        self.dW = [None] + [w[:, :-1] for w in self.dWt[1:]]
        self.db = [None] + [w[:, -1:] for w in self.dWt[1:]]
        self.gamma, self.nu = self._bn_views(self.theta)
        self.dgamma, self.dnu = self._bn_views(self.grad)
        self.params = {}
        self.grads = {}
        for l in range(1, L + 1):
            self.params[f"W{l}"] = self.W[l]
            self.params[f"b{l}"] = self.b[l]
            self.grads[f"dW{l}"] = self.dW[l]
            self.grads[f"db{l}"] = self.db[l]
            if self._is_bn[l]:
                self.params[f"gamma{l}"] = self.gamma[l]
                self.params[f"nu{l}"] = self.nu[l]
                self.grads[f"dgamma{l}"] = self.dgamma[l]
                self.grads[f"dnu{l}"] = self.dnu[l]
        self.running_mean: list[np.ndarray | None] = [None] * (L + 1)
        self.running_var: list[np.ndarray | None] = [None] * (L + 1)
        for l in bn:
            self.running_mean[l] = np.zeros((dims[l], 1))
            self.running_var[l] = np.ones((dims[l], 1))
        self.bn_steps = 0
        self._buffers = {}
        self.reset_batch_norm()

    def _bn_views(self, flat: np.ndarray) -> tuple[list, list]:
        gammas: list[np.ndarray | None] = [None] * (self.L + 1)
        nus: list[np.ndarray | None] = [None] * (self.L + 1)
        for l, o in self._bn_offsets.items():
            n = self.layer_dims[l]
            gammas[l] = flat[o:o + n].reshape(n, 1)
            nus[l] = flat[o + n:o + 2 * n].reshape(n, 1)
        return gammas, nus

    # ------------------------------------------------------------------ set-up
    def reset_batch_norm(self) -> None:
        """γ = 1, ν = 0, running mean 0 and variance 1, no running-statistics updates yet."""
        for l in self.bn_layers:
            self.gamma[l].fill(1.0)
            self.nu[l].fill(0.0)
            self.running_mean[l].fill(0.0)
            self.running_var[l].fill(1.0)
        self.bn_steps = 0

    def initialize(self, method: str = "he", rng=None) -> "BatchNormNetwork":
        """Fill W exactly as :meth:`Network.initialize` does (same random numbers, b = 0), then
        γ = 1, ν = 0 and fresh running statistics."""
        super().initialize(method, rng)
        self.reset_batch_norm()
        return self

    def split(self, flat: np.ndarray) -> dict[str, np.ndarray]:
        """Views of a vector laid out like ``theta`` by parameter name: W1, b1, gamma1, nu1, …"""
        out = {}
        gammas, nus = self._bn_views(flat)
        for (_o, _n, _k, l), block in zip(self._blocks, self._augmented_views(flat)):
            out[f"W{l}"] = block[:, :-1]
            out[f"b{l}"] = block[:, -1:]
            if self._is_bn[l]:
                out[f"gamma{l}"] = gammas[l]
                out[f"nu{l}"] = nus[l]
        return out

    def running_stats(self) -> dict[str, np.ndarray]:
        """A copy of the running statistics: {"mean1": …, "var1": …, …}."""
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

    def _buf(self, m: int) -> _BNBuffers:
        buf = self._buffers.get(m)
        if buf is None:
            if len(self._buffers) > 8:
                self._buffers.clear()
            buf = self._buffers[m] = _BNBuffers(self.layer_dims, m, self.bn_layers)
        return buf

    # ------------------------------------------------------------------ modes
    def train_mode(self, on: bool = True) -> "BatchNormNetwork":
        """``forward``/``evaluate``/``predict*`` use the mini-batch statistics (``on=True``) or
        the running statistics (``on=False``, the default state). Never updates the running
        statistics; ``loss_and_grad`` and ``cost`` always use mini-batch statistics."""
        self.training = bool(on)
        return self

    def eval(self) -> "BatchNormNetwork":
        """Back to the running statistics for ``forward``/``evaluate``/``predict*``."""
        return self.train_mode(False)

    # ------------------------------------------------------------------ forward
    def forward(self, X: np.ndarray) -> np.ndarray:
        """A[L] for the columns of X, with running statistics (or mini-batch statistics after
        :meth:`train_mode`). Returns an internal buffer: copy it to keep it."""
        return self._forward(augment(X), self.training, False)

    def forward_augmented(self, Xa: np.ndarray) -> np.ndarray:
        """:meth:`forward` for inputs already augmented with a row of ones."""
        return self._forward(Xa, self.training, False)

    def _forward(self, Xa: np.ndarray, batch_stats: bool, update_running: bool) -> np.ndarray:
        m = Xa.shape[1]
        buf = self._buf(m)
        dot, Wt, W, acts, Z = np.dot, self.Wt, self.W, self.activations, buf.Z
        eps = self.eps
        if update_running:
            self.bn_steps += 1
            if self.bias_correction:
                # bias-corrected EWA, updated in place: c_t = c_{t−1} + (1−β)/(1−β^t)·(x_t − c_{t−1})
                weight = (1.0 - self.momentum) / (1.0 - self.momentum ** self.bn_steps)
            else:
                weight = 1.0 - self.momentum
        prev_aug, prev = Xa, Xa[:-1]
        for l in range(1, self.L):
            Zl = Z[l]
            if self._is_bn[l]:
                U, Zhat, tmp, mu, col = buf.U[l], buf.Zhat[l], buf.tmp[l], buf.mu[l], buf.col[l]
                dot(W[l], prev, out=U)                       # Z[l] = W[l]·A[l−1], no bias
                if batch_stats:
                    var, inv = buf.var[l], buf.inv[l]
                    np.sum(U, axis=1, keepdims=True, out=mu)
                    mu *= 1.0 / m
                    np.subtract(U, mu, out=Zhat)
                    np.multiply(Zhat, Zhat, out=tmp)
                    np.sum(tmp, axis=1, keepdims=True, out=var)
                    var *= 1.0 / m
                    np.add(var, eps, out=inv)
                    np.sqrt(inv, out=inv)
                    np.divide(1.0, inv, out=inv)
                    Zhat *= inv                              # Ẑ = (Z − μ)/√(σ² + ε)
                    np.multiply(Zhat, self.gamma[l], out=Zl)
                    Zl += self.nu[l]                         # Z̃ = γ ⊙ Ẑ + ν
                    if update_running:
                        for running, batch in ((self.running_mean[l], mu), (self.running_var[l], var)):
                            np.subtract(batch, running, out=col)
                            col *= weight
                            running += col
                else:
                    # Z̃ = γ ⊙ (Z − μ_run)/√(σ²_run + ε) + ν = Z ⊙ scale + (ν − μ_run ⊙ scale)
                    scale = mu
                    np.add(self.running_var[l], eps, out=scale)
                    np.sqrt(scale, out=scale)
                    np.divide(self.gamma[l], scale, out=scale)
                    np.multiply(self.running_mean[l], scale, out=col)
                    np.subtract(self.nu[l], col, out=col)
                    np.multiply(U, scale, out=Zl)
                    Zl += col
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

    def cost(self, X: np.ndarray, Y: np.ndarray) -> float:
        """J on (X, Y) including the L2 term, normalising with the statistics of X itself
        (training mode) and leaving the running statistics alone: the objective whose gradient
        :meth:`loss_and_grad` computes. Use :meth:`evaluate` for J with running statistics."""
        m = X.shape[1]
        A = self._forward(augment(X), True, False)
        return self._data_loss_sum(self._buffers[m].Z[self.L], A, Y) / m + self.l2_term(m)

    # ------------------------------------------------------------------ backward
    def loss_and_grad_augmented(self, Xa: np.ndarray, Y: np.ndarray, want_loss: bool = True) -> float:
        """Forward (mini-batch statistics, running statistics updated) and backward pass on one
        mini-batch: fills ``grad`` (dW, db = 0 for batch-normalised layers, dγ, dν), returns the
        mean data loss without the L2 term (nan with ``want_loss=False``)."""
        m = Xa.shape[1]
        A_L = self._forward(Xa, True, True)
        buf = self._buffers[m]
        L = self.L
        Z_L = buf.Z[L]
        loss_sum = self._data_loss_sum(Z_L, A_L, Y) if want_loss else math.nan
        dZ = self._output_delta(buf, A_L, Y, m)
        dot, dWt, Wt, acts, is_bn = np.dot, self.dWt, self.Wt, self.activations, self._is_bn
        for l in range(L, 1, -1):
            dot(dZ, buf.A_aug[l - 1].T, out=dWt[l])       # [dW[l] | db[l]]
            if is_bn[l]:
                self.db[l].fill(0.0)
            dot(Wt[l].T, dZ, out=buf.dA_aug[l])             # dA[l−1] (+ an ignored last row)
            dZ = acts[l - 1].backward(buf.dA[l], buf.Z[l - 1], buf.A[l - 1], buf.dZ[l - 1])
            if is_bn[l - 1]:
                dZ = self._bn_backward(l - 1, dZ, buf, m)
        dot(dZ, Xa.T, out=dWt[1])
        if is_bn[1]:
            self.db[1].fill(0.0)
        if self.l2:
            for l in range(1, L + 1):
                self.dW[l] += (self.l2 / m) * self.W[l]
        return loss_sum / m

    def _bn_backward(self, l: int, dZt: np.ndarray, buf: _BNBuffers, m: int) -> np.ndarray:
        """dγ[l], dν[l] into ``grad`` and dZ[l] (before normalisation) from dZ̃[l]."""
        Zhat, tmp, col = buf.Zhat[l], buf.tmp[l], buf.col[l]
        dgamma, dnu = self.dgamma[l], self.dnu[l]
        np.multiply(dZt, Zhat, out=tmp)
        np.sum(tmp, axis=1, keepdims=True, out=dgamma)      # dγ = Σ_i dZ̃ ⊙ Ẑ
        np.sum(dZt, axis=1, keepdims=True, out=dnu)         # dν = Σ_i dZ̃
        # dZ = γ/√(σ² + ε) ⊙ (dZ̃ − (dν + Ẑ ⊙ dγ)/m)
        np.multiply(Zhat, dgamma, out=tmp)
        tmp += dnu
        tmp *= -1.0 / m
        tmp += dZt
        np.multiply(self.gamma[l], buf.inv[l], out=col)
        tmp *= col
        return tmp

    # ------------------------------------------------------------------ predictions
    def evaluate(self, X: np.ndarray, y: np.ndarray, *, Y: np.ndarray | None = None,
                 augmented: bool = False) -> tuple[float, float]:
        """(cost J including L2, accuracy) on X with class indices y, with the running
        statistics (mini-batch statistics of X after :meth:`train_mode`); as :meth:`Network.evaluate`."""
        m = X.shape[1]
        if m == 0:
            return float("nan"), float("nan")
        if Y is None:
            Y = self.encode_labels(y)
        A = self._forward(X if augmented else augment(X), self.training, False)
        return self._cost_and_accuracy(A, Y, y, m)

    # ------------------------------------------------------------------ description
    def describe(self) -> str:
        layers = ", ".join(str(l) for l in self.bn_layers) or "none"
        return f"{super().describe()}; batch norm on hidden layer(s) {layers}"
