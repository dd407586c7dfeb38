"""Finite-difference gradient checking, as the course does it.

For every parameter θ_i the two-sided difference
    gradapprox_i = (J(θ + ε·e_i) − J(θ − ε·e_i)) / (2ε)
is compared with the back-propagated gradient:
    difference = ‖grad − gradapprox‖₂ / (‖grad‖₂ + ‖gradapprox‖₂)
A correct implementation gives a difference below 1e-7 in float64.
"""

from __future__ import annotations

import numpy as np

__all__ = ["gradient_check"]


def gradient_check(network, X: np.ndarray, Y: np.ndarray, epsilon: float = 1e-6) -> float:
    """Relative difference between ``network``'s gradient and finite differences of its cost.

    ``network`` needs ``theta``/``grad`` flat vectors, ``loss_and_grad(X, Y)`` and
    ``cost(X, Y)`` (cost including any regularisation term).
    """
    network.loss_and_grad(X, Y)  # includes λ/m·W in dW when L2 is on; cost() includes λ/(2m)ΣW²
    grad = network.grad.copy()
    theta = network.theta
    approx = np.zeros_like(grad)
    for i in range(theta.size):
        old = theta[i]
        theta[i] = old + epsilon
        plus = network.cost(X, Y)
        theta[i] = old - epsilon
        minus = network.cost(X, Y)
        theta[i] = old
        approx[i] = (plus - minus) / (2 * epsilon)
    numerator = np.linalg.norm(grad - approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(approx)
    return float(numerator / denominator) if denominator else 0.0
