"""The training cost J as a function of all parameters θ, its gradient, Hessian-vector products,
and the largest eigenvalue of the Hessian by power iteration.

:class:`Objective` is J over a fixed set of examples (the whole training set for the probes)::

    J(θ) = 1/m·Σ_i loss(a(i), y(i)) + λ/(2m)·Σ_l ‖W[l]‖²          (the network's loss and L2)

It works on its own copy of the network, so measuring never disturbs a run that is training
(its buffers, gradient vector or batch-norm statistics). A batch-normalised network's J
normalises with the statistics of the whole set (:meth:`Network.cost`), the objective whose
gradient ``loss_and_grad`` computes.

Hessian-vector products H·v, with H = ∇²J(θ):

* ``"exact"`` — Pearlmutter's R-operator (1994): one forward pass carrying R{Z[l]}, the
  directional derivative of every pre-activation along v, and one backward pass carrying
  R{dZ[l]}; it is exact for the almost-everywhere Hessian (a ReLU's g'' = 0 away from 0) and
  costs about two gradients. Used for plain networks (every activation and loss here);
* ``"central"`` — central differences of the gradient,
  H·v ≈ (∇J(θ + h·v) − ∇J(θ − h·v))/(2h) with h = 1e-5·max(1, ‖θ‖)/‖v‖ (error O(h²));
  used for batch-normalised networks, and available for all.

:func:`top_eigenvalue` is power iteration on any symmetric operator given as a function v ↦ A·v,
warm-started from a given vector (the previous epoch's eigenvector), with a shift when the
eigenvalue of largest magnitude is negative. numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from optstudio.core.activations import get_activation
from optstudio.core.i18n import translate
from optstudio.core.network import Network, augment

__all__ = ["Objective", "clone_network", "EigenEstimate", "top_eigenvalue", "HVP_METHODS"]

#: How :class:`Objective` computes Hessian-vector products ("auto": exact where possible).
HVP_METHODS = ("auto", "exact", "central")

#: relative step of the central difference: h = FD_STEP·max(1, ‖θ‖)/‖v‖
FD_STEP = 1e-5

# g'(z) and g''(z) from z and a = g(z), for the R-operator
_SECOND_ORDER = {"relu", "leaky_relu", "tanh", "sigmoid", "linear"}


def clone_network(network: Network) -> Network:
    """A new :class:`Network` of the same architecture, loss, L2 and batch-norm settings, holding a
    copy of ``network``'s parameters and running statistics."""
    net = Network(network.layer_dims, network.hidden_activations, loss=network.loss,
                  output_activation=network.output_activation, l2=network.l2, leaky_alpha=network.leaky_alpha,
                  batch_norm_layers=network.bn_layers or None, momentum=network.momentum, eps=network.eps,
                  bias_correction=network.bias_correction)
    net.theta[...] = network.theta
    if network.bn_layers:
        net.set_running_stats(network.running_stats())
        net.bn_steps = network.bn_steps
    return net


def _derivatives(name: str, Z: np.ndarray, A: np.ndarray, leaky_alpha: float):
    """(g'(Z), g''(Z)) of activation ``name`` (A = g(Z))."""
    if name == "relu":
        return (Z > 0).astype(np.float64), 0.0
    if name == "leaky_relu":
        return np.where(Z > 0, 1.0, leaky_alpha), 0.0
    if name == "tanh":
        d1 = 1.0 - A * A
        return d1, -2.0 * A * d1
    if name == "sigmoid":
        d1 = A * (1.0 - A)
        return d1, d1 * (1.0 - 2.0 * A)
    if name == "linear":
        return np.ones_like(Z), 0.0
    raise ValueError(translate("hessian", "no second derivative for activation {name}").format(name=repr(name)))


class Objective:
    """J(θ) of ``network``'s architecture on the examples X (columns) with encoded targets ``Y``
    (as :meth:`Network.encode_labels` gives; or class indices ``y``).

    ``hvp``: one of :data:`HVP_METHODS`. ``cost(θ)``, ``gradient(θ)`` and ``hvp(θ, v)`` take flat
    vectors laid out like ``network.theta``; ``network`` itself is only copied."""

    def __init__(self, network: Network, X: np.ndarray, y: np.ndarray | None = None, *,
                 Y: np.ndarray | None = None, hvp: str = "auto"):
        if hvp not in HVP_METHODS:
            raise ValueError(f"unknown Hessian-vector product {hvp!r} (available: {', '.join(HVP_METHODS)})")
        self.network = clone_network(network)
        self.X = np.ascontiguousarray(X, dtype=np.float64)
        if self.X.ndim != 2 or self.X.shape[0] != network.layer_dims[0]:
            raise ValueError(f"the examples must be a ({network.layer_dims[0]}, m) array, got shape {self.X.shape}")
        self.m = self.X.shape[1]
        if self.m == 0:
            raise ValueError(translate("hessian", "the cost needs at least one example"))
        if Y is None:
            if y is None:
                raise ValueError("give the labels y or the encoded targets Y")
            Y = network.encode_labels(y)
        self.Y = np.ascontiguousarray(Y, dtype=np.float64)
        self.Xa = augment(self.X)
        self.n_params = network.n_params
        exact_possible = (not network.bn_layers
                          and all(name in _SECOND_ORDER for name in network.hidden_activations)
                          and (network.loss != "mse" or network.output_activation in _SECOND_ORDER))
        if hvp == "exact" and not exact_possible:
            raise ValueError(translate("hessian", "the exact Hessian-vector product needs a network without batch normalisation"))
        self.hvp_method = ("exact" if exact_possible else "central") if hvp == "auto" else hvp
        self.evaluations = 0      # gradient-sized passes so far (a cost counts 1/2)

    # ------------------------------------------------------------------ J and ∇J
    def _set(self, theta: np.ndarray) -> None:
        theta = np.asarray(theta, dtype=np.float64)
        if theta.shape != (self.n_params,):
            raise ValueError(f"θ must have shape ({self.n_params},), got {theta.shape}")
        self.network.theta[...] = theta

    def cost(self, theta: np.ndarray) -> float:
        """J(θ), L2 included."""
        self._set(theta)
        with np.errstate(all="ignore"):
            return float(self.network.cost(self.X, self.Y))

    def gradient(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """(J(θ), ∇J(θ)) — the gradient is a new array."""
        self._set(theta)
        net = self.network
        with np.errstate(all="ignore"):
            loss = net.loss_and_grad_augmented(self.Xa, self.Y)
            cost = float(loss) + net.l2_term(self.m)
        self.evaluations += 1
        return cost, net.grad.copy()

    # ------------------------------------------------------------------ H·v
    def hvp(self, theta: np.ndarray, v: np.ndarray) -> np.ndarray:
        """H·v, H the Hessian of J at θ (method :attr:`hvp_method`)."""
        v = np.asarray(v, dtype=np.float64)
        if v.shape != (self.n_params,):
            raise ValueError(f"v must have shape ({self.n_params},), got {v.shape}")
        if self.hvp_method == "exact":
            return self._r_operator(theta, v)
        return self._central(theta, v)

    def _central(self, theta: np.ndarray, v: np.ndarray) -> np.ndarray:
        norm_v = float(np.linalg.norm(v))
        if norm_v == 0.0:
            return np.zeros_like(v)
        theta = np.asarray(theta, dtype=np.float64)
        h = FD_STEP * max(1.0, float(np.linalg.norm(theta))) / norm_v
        _, g_plus = self.gradient(theta + h * v)
        _, g_minus = self.gradient(theta - h * v)
        return (g_plus - g_minus) / (2.0 * h)

    def _r_operator(self, theta: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Pearlmutter's R{∇J}(θ) along v (column convention, W̃[l] = [W[l] | b[l]])::

            forward   R{Z[l]} = V[l]·A[l−1] + c[l] + W[l]·R{A[l−1]}      (R{A[0]} = 0)
                      R{A[l]} = g'(Z[l]) ⊙ R{Z[l]}
            output    dZ[L] = (A[L] − Y)/m (sigmoid/softmax + cross-entropy):
                          R{dZ[L]} = R{A[L]}/m, R{A[L]} = σ'(Z)⊙R{Z} or A ⊙ (R{Z} − Σ_k A_k R{Z_k})
                      mse: dZ[L] = (A − Y) ⊙ g'(Z)/m:
                          R{dZ[L]} = (g'(Z)² + (A − Y) ⊙ g''(Z)) ⊙ R{Z[L]}/m
            backward  R{dW[l]} = R{dZ[l]}·A[l−1]ᵀ + dZ[l]·R{A[l−1]}ᵀ + λ/m·V[l]
                      R{db[l]} = Σ_i R{dZ[l]}
                      R{dA[l−1]} = V[l]ᵀ·dZ[l] + W[l]ᵀ·R{dZ[l]}
                      R{dZ[l−1]} = R{dA[l−1]} ⊙ g'(Z[l−1]) + dA[l−1] ⊙ g''(Z[l−1]) ⊙ R{Z[l−1]}

        where v = (V[l], c[l]) is laid out like θ = (W[l], b[l])."""
        self._set(theta)
        net = self.network
        L, m = net.L, self.m
        V = net.split(v)
        out = np.zeros(self.n_params)
        R = net.split(out)
        alpha = net.leaky_alpha
        with np.errstate(all="ignore"):
            A = [self.X]
            Z: list = [None]
            RA: list = [None]
            RZ: list = [None]
            for l in range(1, L + 1):
                Wl, Vl = net.W[l], V[f"W{l}"]
                Zl = Wl @ A[l - 1] + net.b[l]
                RZl = Vl @ A[l - 1] + V[f"b{l}"]
                if l > 1:
                    RZl += Wl @ RA[l - 1]
                Z.append(Zl)
                RZ.append(RZl)
                if l < L:
                    Al = net.activations[l](Zl)
                    d1, _ = _derivatives(net.hidden_activations[l - 1], Zl, Al, alpha)
                    A.append(Al)
                    RA.append(d1 * RZl)
            Z_L, RZ_L, Y = Z[L], RZ[L], self.Y
            if net.loss == "softmax":
                A_L = np.exp(Z_L - Z_L.max(axis=0, keepdims=True))
                A_L /= A_L.sum(axis=0, keepdims=True)
                dZ = (A_L - Y) / m
                RdZ = A_L * (RZ_L - (A_L * RZ_L).sum(axis=0, keepdims=True)) / m
            elif net.loss == "bce":
                A_L = get_activation("sigmoid")(Z_L)
                dZ = (A_L - Y) / m
                RdZ = A_L * (1.0 - A_L) * RZ_L / m
            else:  # mse with output activation g
                A_L = get_activation(net.output_activation, alpha)(Z_L)
                d1, d2 = _derivatives(net.output_activation, Z_L, A_L, alpha)
                dZ = (A_L - Y) * d1 / m
                RdZ = (d1 * d1 + (A_L - Y) * d2) * RZ_L / m
            for l in range(L, 0, -1):
                RdW = RdZ @ A[l - 1].T
                if l > 1:
                    RdW += dZ @ RA[l - 1].T
                if net.l2:
                    RdW += (net.l2 / m) * V[f"W{l}"]
                R[f"W{l}"][...] = RdW
                R[f"b{l}"][...] = RdZ.sum(axis=1, keepdims=True)
                if l > 1:
                    Wl, Vl = net.W[l], V[f"W{l}"]
                    dA = Wl.T @ dZ
                    RdA = Vl.T @ dZ + Wl.T @ RdZ
                    d1, d2 = _derivatives(net.hidden_activations[l - 2], Z[l - 1], A[l - 1], alpha)
                    RdZ = RdA * d1 + dA * d2 * RZ[l - 1]
                    dZ = dA * d1
        self.evaluations += 1
        return out


@dataclass
class EigenEstimate:
    """The result of :func:`top_eigenvalue`: the largest eigenvalue ``value``, its unit
    eigenvector ``vector``, the number of operator applications ``iterations`` and whether the
    tolerance was met (``converged``)."""

    value: float
    vector: np.ndarray
    iterations: int
    converged: bool


def _power(matvec: Callable, v: np.ndarray, shift: float, tol: float, max_iterations: int):
    """Power iteration on A − shift·I from the unit vector v: (Rayleigh quotient, vector, steps,
    converged)."""
    lam_prev = math.nan
    lam = math.nan
    for k in range(1, max_iterations + 1):
        w = matvec(v)
        if shift:
            w = w - shift * v
        lam = float(v @ w)
        if not math.isfinite(lam):
            return lam, v, k, False
        residual = float(np.linalg.norm(w - lam * v))
        scale = abs(lam)
        if residual <= tol * scale or (k > 1 and abs(lam - lam_prev) <= 1e-3 * tol * scale):
            return lam, v, k, True
        norm_w = float(np.linalg.norm(w))
        if norm_w == 0.0:           # A·v = shift·v: v is an eigenvector with eigenvalue shift
            return 0.0, v, k, True
        v = w / norm_w
        lam_prev = lam
    return lam, v, max_iterations, False


def top_eigenvalue(matvec: Callable[[np.ndarray], np.ndarray], start: np.ndarray, *, tol: float = 1e-3,
                   max_iterations: int = 100) -> EigenEstimate:
    """The largest (most positive) eigenvalue of the symmetric operator v ↦ ``matvec(v)`` by power
    iteration from ``start`` (a warm start, or a random vector)::

        v ← A·v/‖A·v‖        λ = vᵀ·A·v  (‖v‖ = 1)

    until the residual ‖A·v − λ·v‖ ≤ tol·|λ| (λ's error is then about tol²·λ²/gap) or λ stops
    changing (relative change ≤ 1e-3·tol), at most ``max_iterations`` products. Power iteration
    finds the eigenvalue of largest magnitude; when that one is negative (λ_min), it continues
    on A − λ_min·I, whose largest eigenvalue is λ_max − λ_min."""
    v = np.asarray(start, dtype=np.float64).copy()
    norm = float(np.linalg.norm(v))
    if not math.isfinite(norm) or norm == 0.0:
        raise ValueError("power iteration needs a non-zero, finite start vector")
    v /= norm
    lam, v, used, converged = _power(matvec, v, 0.0, tol, max_iterations)
    if math.isfinite(lam) and lam < 0:
        shift = lam
        restart = np.asarray(start, dtype=np.float64) / norm
        mu, v2, more, converged = _power(matvec, restart, shift, tol, max_iterations)
        return EigenEstimate(mu + shift, v2, used + more, converged)
    return EigenEstimate(lam, v, used, converged)
