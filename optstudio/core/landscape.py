"""The loss landscape around a training run: the cost along a line and on a plane of weights.

* **Line** (Goodfellow et al., 2015, arXiv:1412.6544): J on the straight line from the initial
  weights θ₀ to the current weights θ₁, θ(t) = (1 − t)·θ₀ + t·θ₁, so that t = 0 and t = 1 give
  exactly the costs of θ₀ and θ₁ (t outside [0, 1] continues the line).
* **Plane** (Li et al., 2018, arXiv:1712.09913): J(θ* + a·δ + b·η) on a grid of (a, b) around the
  final weights θ*, with two directions δ, η that are either

  - ``"random"``: Gaussian directions, *filter-normalised*: for every unit (a row of W[l], its
    incoming weights) the direction's row is rescaled to the norm of the weights' row,
    δ[l]ᵢ ← δ[l]ᵢ/‖δ[l]ᵢ‖·‖W[l]ᵢ‖; biases and batch-norm γ, ν get direction 0 (as Li et al.'s
    code does by default). a = 1 then moves every unit by about its own size;
  - ``"pca"``: the first two principal directions of the weight trajectory θ₀, θ₁, … (epoch
    ends): PCA (centred) of the vectors θ_k − θ*. The path then lies close to the plane.

  The trajectory is projected onto the plane: (a_k, b_k) minimise ‖θ_k − θ* − a·δ − b·η‖
  (for the orthonormal PCA directions, a_k = δᵀ(θ_k − θ*)).

:class:`WeightPath` records the weights at epoch ends from an engine's events (at most
``max_points``, thinned evenly when there are more). numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from optstudio.core.engine import EpochEvent
from optstudio.core.hessian import Objective
from optstudio.core.i18n import translate

__all__ = ["WeightPath", "LineProfile", "Plane", "line_profile", "random_directions", "pca_directions", "plane", "project",
           "DIRECTIONS"]

#: The two kinds of planes.
DIRECTIONS = ("random", "pca")


class WeightPath:
    """θ of ``run`` before training and after every k-th epoch (k doubles whenever more than
    ``max_points`` would be kept; the latest epoch is always kept). Give it the engine's events
    (:meth:`observe`); ``points()`` returns (epochs, array of shape (n, P)) with epoch −1 for
    the initial weights."""

    def __init__(self, run, max_points: int = 200):
        if max_points < 3:
            raise ValueError(translate("landscape", "a weight path keeps at least 3 points"))
        self.run = run
        self.max_points = int(max_points)
        self.stride = 1
        self.epochs: list[int] = [-1]
        self.thetas: list[np.ndarray] = [run.network.theta.copy()]
        self.last: tuple[int, np.ndarray] | None = None

    @property
    def initial(self) -> np.ndarray:
        return self.thetas[0]

    needs_steps = False

    def observe(self, event) -> None:
        if not isinstance(event, EpochEvent) or self.run not in event.runs:
            return
        epoch = event.epoch
        theta = self.run.network.theta.copy()
        if (epoch + 1) % self.stride == 0:
            self.epochs.append(epoch)
            self.thetas.append(theta)
            self.last = None
            if len(self.thetas) > self.max_points:
                self.stride *= 2
                keep = [0] + [i for i in range(1, len(self.epochs)) if (self.epochs[i] + 1) % self.stride == 0]
                self.epochs = [self.epochs[i] for i in keep]
                self.thetas = [self.thetas[i] for i in keep]
        else:
            self.last = (epoch, theta)

    def points(self) -> tuple[list[int], np.ndarray]:
        epochs, thetas = list(self.epochs), list(self.thetas)
        if self.last is not None:
            epochs.append(self.last[0])
            thetas.append(self.last[1])
        return epochs, np.array(thetas)


@dataclass
class LineProfile:
    """J(θ(t)) at ``t``; ``initial_cost`` = J(θ₀) and ``final_cost`` = J(θ₁)."""

    t: np.ndarray
    costs: np.ndarray
    initial_cost: float
    final_cost: float

    def to_dict(self) -> dict:
        return {"t": self.t.tolist(), "cost": self.costs.tolist(), "initial_cost": self.initial_cost,
                "final_cost": self.final_cost}


def line_profile(objective: Objective, theta0: np.ndarray, theta1: np.ndarray, points: int = 25,
                 start: float = 0.0, stop: float = 1.0) -> LineProfile:
    """J((1 − t)·θ₀ + t·θ₁) for ``points`` values of t evenly spaced from ``start`` to ``stop``."""
    if points < 2:
        raise ValueError(translate("landscape", "the line needs at least 2 points, got {value}").format(value=points))
    if not stop > start:
        raise ValueError(translate("landscape", "the line must run from a smaller t to a larger one, got {start} to {stop}")
                         .format(start=start, stop=stop))
    theta0 = np.asarray(theta0, dtype=np.float64)
    theta1 = np.asarray(theta1, dtype=np.float64)
    t = np.linspace(start, stop, points)
    costs = np.array([objective.cost((1.0 - ti) * theta0 + ti * theta1) for ti in t])
    return LineProfile(t, costs, objective.cost(theta0), objective.cost(theta1))


def _unit_rows(network, direction: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Filter normalisation of ``direction`` in place (see the module docstring)."""
    d = network.split(direction)
    w = network.split(theta)
    for name, block in d.items():
        if name.startswith("W"):
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            target = np.linalg.norm(w[name], axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                block *= np.where(norms > 0, target / norms, 0.0)
        else:              # biases, γ, ν: not moved
            block[...] = 0.0
    return direction


def random_directions(network, theta: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two filter-normalised Gaussian directions for weights θ laid out like ``network.theta``."""
    theta = np.asarray(theta, dtype=np.float64)
    first = _unit_rows(network, rng.standard_normal(theta.size), theta)
    second = _unit_rows(network, rng.standard_normal(theta.size), theta)
    return first, second


def pca_directions(thetas: np.ndarray, center: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(δ, η, explained): the first two principal directions (unit vectors) of the rows of
    ``thetas`` − ``center`` and the fraction of the variance each explains."""
    thetas = np.asarray(thetas, dtype=np.float64)
    if thetas.ndim != 2 or thetas.shape[0] < 3:
        raise ValueError(translate("landscape", "the principal directions need the weights of at least 3 epochs"))
    M = thetas - center
    M = M - M.mean(axis=0)
    _, s, vt = np.linalg.svd(M, full_matrices=False)
    total = float(np.sum(s * s))
    if vt.shape[0] < 2 or total == 0.0:
        raise ValueError(translate("landscape", "the weights did not move: there is no principal direction"))
    explained = (s[:2] ** 2) / total
    return vt[0].copy(), vt[1].copy(), explained


@dataclass
class Plane:
    """J on the grid ``costs[i, j]`` = J(θ* + a[j]·δ + b[i]·η) and the projected path
    ``path[k]`` = (a_k, b_k) of the weights at ``epochs[k]`` (−1: initial weights)."""

    kind: str
    a: np.ndarray
    b: np.ndarray
    costs: np.ndarray
    path: np.ndarray
    epochs: list
    center_cost: float
    explained: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"directions": self.kind, "a": self.a.tolist(), "b": self.b.tolist(), "cost": self.costs.tolist(),
                "trajectory": self.path.tolist(), "trajectory_epochs": list(self.epochs),
                "center_cost": self.center_cost, "explained_variance": list(self.explained)}


def project(thetas: np.ndarray, center: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """(a_k, b_k) minimising ‖θ_k − center − a·first − b·second‖, shape (n, 2)."""
    basis = np.stack([first, second], axis=1)
    coords, *_ = np.linalg.lstsq(basis, (np.asarray(thetas) - center).T, rcond=None)
    return coords.T


def plane(objective: Objective, thetas: np.ndarray, epochs: list, *, kind: str = "random", resolution: int = 21,
          span: float = 1.0, rng: np.random.Generator | None = None, margin: float = 0.25) -> Plane:
    """The plane of ``kind`` around the last row of ``thetas`` (the weight path, first row the
    initial weights). ``random``: a, b ∈ [−span, span]; ``pca``: a box around the projected path
    and the center, widened by ``margin`` of its size on each side."""
    if kind not in DIRECTIONS:
        raise ValueError(translate("landscape", "unknown directions {name} (available: {names})").format(
            name=repr(kind), names=", ".join(DIRECTIONS)))
    if resolution < 2:
        raise ValueError(translate("landscape", "the grid needs a resolution of at least 2, got {value}").format(value=resolution))
    if not span > 0:
        raise ValueError(translate("landscape", "the span must be > 0, got {value}").format(value=span))
    thetas = np.asarray(thetas, dtype=np.float64)
    center = thetas[-1]
    explained: list = []
    if kind == "random":
        first, second = random_directions(objective.network, center, rng if rng is not None else np.random.default_rng(0))
        if not np.any(first) or not np.any(second):
            raise ValueError(translate("landscape", "the weights are all zero: filter-normalised directions are zero too"))
        path = project(thetas, center, first, second)
        a = np.linspace(-span, span, resolution)
        b = a.copy()
    else:
        first, second, ratio = pca_directions(thetas, center)
        explained = ratio.tolist()
        path = (thetas - center) @ np.stack([first, second], axis=1)
        lo = np.minimum(path.min(axis=0), 0.0)
        hi = np.maximum(path.max(axis=0), 0.0)
        size = np.maximum(hi - lo, 1e-12)
        lo, hi = lo - margin * size, hi + margin * size
        a = np.linspace(lo[0], hi[0], resolution)
        b = np.linspace(lo[1], hi[1], resolution)
    costs = np.empty((len(b), len(a)))
    for i, bi in enumerate(b):
        for j, aj in enumerate(a):
            costs[i, j] = objective.cost(center + aj * first + bi * second)
    return Plane(kind, a, b, costs, path, list(epochs), objective.cost(center), explained)
