"""Activation functions g(Z) and their derivatives, written to work in place.

Each activation has ``forward(Z, out)`` writing g(Z) into ``out`` and
``backward(dA, Z, A, out)`` writing dZ = dA ⊙ g'(Z) into ``out``. Working in place keeps the
training hot loop free of allocations.
"""

from __future__ import annotations

import numpy as np

from optstudio.core.i18n import translate

__all__ = ["ACTIVATIONS", "Activation", "get_activation"]


class Activation:
    name = ""
    label = ""
    formula = ""

    def forward(self, Z: np.ndarray, out: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dA: np.ndarray, Z: np.ndarray, A: np.ndarray, out: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, Z: np.ndarray) -> np.ndarray:
        return self.forward(Z, np.empty_like(Z))


class ReLU(Activation):
    name, label, formula = "relu", "ReLU", "g(z) = max(0, z)"

    def forward(self, Z, out):
        return np.maximum(Z, 0.0, out=out)

    def backward(self, dA, Z, A, out):
        # g'(z) = 1 if z > 0 else 0, as the notebook's np.int64(a > 0): the mask is written
        # into ``out`` (1.0 / 0.0), then multiplied by dA (the same numbers, no temporary)
        np.greater(Z, 0.0, out=out)
        out *= dA
        return out


class LeakyReLU(Activation):
    name, label = "leaky_relu", "Leaky ReLU"

    def __init__(self, alpha: float = 0.01):
        self.alpha = float(alpha)
        self.formula = f"g(z) = max({self.alpha:g}·z, z)"

    def forward(self, Z, out):
        np.multiply(Z, np.where(Z > 0, 1.0, self.alpha), out=out)
        return out

    def backward(self, dA, Z, A, out):
        np.multiply(dA, np.where(Z > 0, 1.0, self.alpha), out=out)
        return out


class Tanh(Activation):
    name, label, formula = "tanh", "tanh", "g(z) = tanh(z)"

    def forward(self, Z, out):
        return np.tanh(Z, out=out)

    def backward(self, dA, Z, A, out):
        # g'(z) = 1 − tanh²(z) = 1 − A²
        np.multiply(A, A, out=out)
        np.subtract(1.0, out, out=out)
        out *= dA
        return out


class Sigmoid(Activation):
    name, label, formula = "sigmoid", "sigmoid", "g(z) = 1 / (1 + e^(−z))"

    def forward(self, Z, out):
        # 1/(1 + e^(−z)) exactly as the notebook computes it; for z < −709 e^(−z) overflows to
        # inf and g(z) = 0 (callers that are not inside the engine's errstate silence that)
        np.negative(Z, out=out)
        np.exp(out, out=out)
        out += 1.0
        return np.reciprocal(out, out=out)

    def backward(self, dA, Z, A, out):
        # g'(z) = σ(z)(1 − σ(z)) = A(1 − A)
        np.subtract(1.0, A, out=out)
        out *= A
        out *= dA
        return out


class Linear(Activation):
    name, label, formula = "linear", "linear", "g(z) = z"

    def forward(self, Z, out):
        if out is not Z:
            np.copyto(out, Z)
        return out

    def backward(self, dA, Z, A, out):
        if out is not dA:
            np.copyto(out, dA)
        return out


ACTIVATIONS = {cls.name: cls for cls in (ReLU, LeakyReLU, Tanh, Sigmoid, Linear)}


def get_activation(name: str, leaky_alpha: float = 0.01) -> Activation:
    try:
        cls = ACTIVATIONS[name]
    except KeyError:
        raise ValueError(translate("activations", "unknown activation {name} (available: {names})").format(
            name=repr(name), names=", ".join(ACTIVATIONS))) from None
    return cls(leaky_alpha) if cls is LeakyReLU else cls()
