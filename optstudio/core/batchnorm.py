"""Batch normalisation: the layer math behind ``Network(…, batch_norm_layers=…)``.

There is one network class, :class:`~optstudio.core.network.Network`; batch normalisation is
its option ``batch_norm_layers`` (hidden-layer numbers 1 … L−1). This module holds the formulas
(forward with mini-batch or running statistics, running averages, backward) and the scratch
arrays they use; ``Network`` calls them for its batch-normalised layers. It imports only numpy.

For a batch-normalised layer l (column convention, m examples in the mini-batch)::

    Z[l] = W[l]·A[l−1]                                  (no bias: ν[l] takes its place)
    μ[l] = 1/m·Σ_i Z[l](i)          σ²[l] = 1/m·Σ_i (Z[l](i) − μ[l])²
    Ẑ[l] = (Z[l] − μ[l]) / √(σ²[l] + ε)
    Z̃[l] = γ[l] ⊙ Ẑ[l] + ν[l]
    A[l] = g[l](Z̃[l])

γ[l] (the scale, initialised to 1) and ν[l] (the shift, initialised to 0) have shape (n_l, 1).
The course writes the shift as β; here it is ν so that it does not clash with the optimizers' β.
Both live in the same flat ``theta`` vector as the weights (right after W̃[l] = [W[l] | b[l]]),
so the chosen optimizer updates them like any other parameter; they appear as
``params["gamma1"]``, ``params["nu1"]`` with gradients ``grads["dgamma1"]``, ``grads["dnu1"]``,
and ``Network.split`` names them too. The output layer is never batch-normalised.

The bias b[l] of a batch-normalised layer
    is kept in ``theta`` (so the W̃[l] = [W[l] | b[l]] layout, ``b[l]`` and the views keep working)
    but is **not used**: the mean subtraction would cancel it anyway and ν[l] plays its role.
    Its gradient ``db[l]`` is exactly 0, so no optimizer moves it (except a decoupled weight
    decay, which only shrinks it further towards 0, without effect).

Back-propagation through the normalisation (dZ̃ = dA ⊙ g'(Z̃), already including the 1/m of J)::

    dγ = Σ_i dZ̃ ⊙ Ẑ        dν = Σ_i dZ̃
    dZ = γ/√(σ² + ε) ⊙ (dZ̃ − (dν + Ẑ ⊙ dγ)/m)
    dW = dZ·A[l−1]ᵀ        db = 0

Training and evaluation (which statistics a batch-normalised network uses)
    * ``loss_and_grad`` / ``loss_and_grad_augmented`` (what the trainer calls for every
      mini-batch) normalise with the **mini-batch** statistics and update the running
      statistics (the only methods that change them).
    * ``cost`` also uses the mini-batch statistics but does **not** touch the running
      statistics: it is the training objective whose gradient ``loss_and_grad`` computes, so
      :func:`~optstudio.core.gradcheck.gradient_check` (which calls ``loss_and_grad`` once, then
      ``cost`` many times) compares like with like and is deterministic.
    * ``forward``, ``forward_augmented``, ``evaluate``, ``predict``, ``predict_proba`` (the
      trainer's per-epoch cost and accuracy, the decision grid, the GUI) use the **running**
      statistics, so their result for one example does not depend on the other examples; a
      single example can be predicted. ``Network.train_mode`` switches these to mini-batch
      statistics (still without updating the running ones); ``Network.eval`` switches back
      (the default).

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

from optstudio.core.i18n import translate

__all__ = ["check_layers", "check_settings", "add_buffers", "running_weight", "forward_batch",
           "forward_running", "update_running", "backward"]


# ---------------------------------------------------------------------- arguments
def check_layers(batch_norm_layers: Iterable[int] | None, L: int) -> tuple[int, ...]:
    """The sorted tuple of batch-normalised layer numbers; ``None`` or empty gives ``()``.

    Raises ``ValueError`` for anything but hidden-layer numbers 1 … L−1."""
    if batch_norm_layers is None:
        return ()
    layers = []
    for l in batch_norm_layers:
        if isinstance(l, bool) or not isinstance(l, (int, np.integer)):
            raise ValueError(translate("batchnorm", "batch-norm layers must be layer numbers, got {value}").format(value=repr(l)))
        l = int(l)
        if l == L:
            raise ValueError(translate("batchnorm", "layer {layer} is the output layer, which is never batch-normalised")
                             .format(layer=L))
        if not 1 <= l < L:
            raise ValueError(translate("batchnorm", "batch-norm layer {layer} does not exist (hidden layers are 1 … {last})")
                             .format(layer=l, last=L - 1))
        layers.append(l)
    return tuple(sorted(set(layers)))


def check_settings(momentum: float, eps: float) -> None:
    """β_bn = ``momentum`` in [0, 1) and ε = ``eps`` > 0, else a one-line ``ValueError``."""
    if isinstance(momentum, bool) or not (isinstance(momentum, (int, float)) and 0.0 <= momentum < 1.0):
        raise ValueError(translate("batchnorm", "batch-norm momentum must be in [0, 1), got {value}").format(value=repr(momentum)))
    if isinstance(eps, bool) or not (isinstance(eps, (int, float)) and eps > 0 and math.isfinite(eps)):
        raise ValueError(translate("batchnorm", "batch-norm ε must be a number > 0, got {value}").format(value=repr(eps)))


# ---------------------------------------------------------------------- scratch arrays
def add_buffers(buf, layer_dims: Sequence[int], m: int, bn_layers: Iterable[int]) -> None:
    """Give a network's scratch arrays for mini-batches of ``m`` examples (``buf``, whose
    ``Z[l]`` holds Z̃[l], the activation's input) the arrays of the batch-normalised layers, as
    lists indexed by layer (``None`` elsewhere): U[l] = W[l]·A[l−1] (before normalisation), Ẑ[l],
    a scratch array ``tmp[l]``, and the (n_l, 1) columns μ, σ², 1/√(σ²+ε) (``inv``) and a scratch
    column ``col``."""
    none = [None] * len(layer_dims)
    buf.U, buf.Zhat, buf.tmp = list(none), list(none), list(none)
    buf.mu, buf.var, buf.inv, buf.col = list(none), list(none), list(none), list(none)
    for l in bn_layers:
        n = layer_dims[l]
        buf.U[l] = np.empty((n, m))
        buf.Zhat[l] = np.empty((n, m))
        buf.tmp[l] = np.empty((n, m))
        buf.mu[l] = np.empty((n, 1))
        buf.var[l] = np.empty((n, 1))
        buf.inv[l] = np.empty((n, 1))
        buf.col[l] = np.empty((n, 1))


# ---------------------------------------------------------------------- forward
def running_weight(momentum: float, steps: int, bias_correction: bool) -> float:
    """The weight w of the running-average update running += w·(batch − running) at step
    ``steps`` (≥ 1): (1 − β_bn)/(1 − β_bn^t) bias-corrected, else 1 − β_bn."""
    if bias_correction:
        # bias-corrected EWA, updated in place: c_t = c_{t−1} + (1−β)/(1−β^t)·(x_t − c_{t−1})
        return (1.0 - momentum) / (1.0 - momentum ** steps)
    return 1.0 - momentum


def forward_batch(buf, l: int, gamma: np.ndarray, nu: np.ndarray, eps: float) -> np.ndarray:
    """Z̃[l] = γ ⊙ Ẑ + ν into ``buf.Z[l]`` from ``buf.U[l]`` = W[l]·A[l−1], with the mini-batch
    statistics μ, σ² (kept in ``buf.mu[l]``, ``buf.var[l]``; Ẑ and 1/√(σ² + ε) are kept for
    :func:`backward`)."""
    U, Zhat, tmp, mu, var, inv, Zt = buf.U[l], buf.Zhat[l], buf.tmp[l], buf.mu[l], buf.var[l], buf.inv[l], buf.Z[l]
    m = U.shape[1]
    np.sum(U, axis=1, keepdims=True, out=mu)
    mu *= 1.0 / m                                    # μ = 1/m·Σ_i Z(i)
    np.subtract(U, mu, out=Zhat)
    np.multiply(Zhat, Zhat, out=tmp)
    np.sum(tmp, axis=1, keepdims=True, out=var)
    var *= 1.0 / m                                   # σ² = 1/m·Σ_i (Z(i) − μ)²
    np.add(var, eps, out=inv)
    np.sqrt(inv, out=inv)
    np.divide(1.0, inv, out=inv)
    Zhat *= inv                                      # Ẑ = (Z − μ)/√(σ² + ε)
    np.multiply(Zhat, gamma, out=Zt)
    Zt += nu                                         # Z̃ = γ ⊙ Ẑ + ν
    return Zt


def forward_running(buf, l: int, gamma: np.ndarray, nu: np.ndarray, running_mean: np.ndarray,
                    running_var: np.ndarray, eps: float) -> np.ndarray:
    """Z̃[l] into ``buf.Z[l]`` from ``buf.U[l]``, normalising with the running statistics."""
    # Z̃ = γ ⊙ (Z − μ_run)/√(σ²_run + ε) + ν = Z ⊙ scale + (ν − μ_run ⊙ scale)
    scale, col, Zt = buf.mu[l], buf.col[l], buf.Z[l]
    np.add(running_var, eps, out=scale)
    np.sqrt(scale, out=scale)
    np.divide(gamma, scale, out=scale)
    np.multiply(running_mean, scale, out=col)
    np.subtract(nu, col, out=col)
    np.multiply(buf.U[l], scale, out=Zt)
    Zt += col
    return Zt


def update_running(buf, l: int, running_mean: np.ndarray, running_var: np.ndarray, weight: float) -> None:
    """running += w·(batch − running) for the mean and the variance, after :func:`forward_batch`."""
    col = buf.col[l]
    for running, batch in ((running_mean, buf.mu[l]), (running_var, buf.var[l])):
        np.subtract(batch, running, out=col)
        col *= weight
        running += col


# ---------------------------------------------------------------------- backward
def backward(buf, l: int, dZt: np.ndarray, gamma: np.ndarray, dgamma: np.ndarray, dnu: np.ndarray,
             m: int) -> np.ndarray:
    """dγ[l], dν[l] (written into the views ``dgamma``, ``dnu``) and dZ[l] (before the
    normalisation, returned in ``buf.tmp[l]``) from dZ̃[l], after :func:`forward_batch`."""
    Zhat, tmp, col = buf.Zhat[l], buf.tmp[l], buf.col[l]
    np.multiply(dZt, Zhat, out=tmp)
    np.sum(tmp, axis=1, keepdims=True, out=dgamma)      # dγ = Σ_i dZ̃ ⊙ Ẑ
    np.sum(dZt, axis=1, keepdims=True, out=dnu)         # dν = Σ_i dZ̃
    # dZ = γ/√(σ² + ε) ⊙ (dZ̃ − (dν + Ẑ ⊙ dγ)/m)
    np.multiply(Zhat, dgamma, out=tmp)
    tmp += dnu
    tmp *= -1.0 / m
    tmp += dZt
    np.multiply(gamma, buf.inv[l], out=col)
    tmp *= col
    return tmp
