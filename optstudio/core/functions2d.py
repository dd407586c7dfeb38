"""Two-dimensional test functions f(x, y) with analytic gradients, for optimizer trajectories.

Each function is a :class:`Function2D` record::

    fn = get_function("ellipse")
    fn.f(np.array([1.0, 2.0]))            # 4.05 (a float for one point)
    X, Y = np.meshgrid(xs, ys)
    Z = fn.f(np.array([X, Y]))            # the contour grid: xy[0] is x, xy[1] is y
    fn.grad(np.array([1.0, 2.0]))         # array([0.1, 4. ]), shape (2,)
    fn.start, fn.bounds, fn.minima, fn.lesson

``f`` and ``grad`` work on anything whose first axis holds x and y (shape ``(2,)`` for one
point, ``(2, …)`` for grids); ``grad`` of one point is an array of shape ``(2,)``.
numpy only: no Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from optstudio.core.i18n import translate

__all__ = ["Function2D", "FUNCTIONS", "get_function", "function_names"]


@dataclass(frozen=True)
class Function2D:
    """One test function.

    ``bounds`` is the suggested plot window ``(xmin, xmax, ymin, ymax)``; ``minima`` lists the
    known global minima as ``(x, y)`` pairs (empty when f has no minimum, as for the saddle);
    ``suggested_learning_rate`` is a rate that makes the function's lesson visible with plain
    gradient descent.
    """

    name: str
    label: str
    formula: str
    f_impl: Callable[[np.ndarray], np.ndarray]
    grad_impl: Callable[[np.ndarray], np.ndarray]
    start: tuple[float, float]
    bounds: tuple[float, float, float, float]
    minima: tuple[tuple[float, float], ...] = ()
    lesson: str = ""
    suggested_learning_rate: float = 0.01
    notes: str = field(default="", compare=False)

    def f(self, xy) -> np.ndarray | float:
        """f at ``xy`` (first axis = x, y). A float for one point, an array for grids."""
        xy = np.asarray(xy, dtype=float)
        _check_xy(xy, self.name)
        value = self.f_impl(xy)
        return float(value) if np.ndim(value) == 0 else value

    def grad(self, xy) -> np.ndarray:
        """∇f at ``xy``: ``array([∂f/∂x, ∂f/∂y])`` (shape ``(2,)`` for one point)."""
        xy = np.asarray(xy, dtype=float)
        _check_xy(xy, self.name)
        return np.asarray(self.grad_impl(xy), dtype=float)

    def __call__(self, xy) -> np.ndarray | float:
        return self.f(xy)

    @property
    def minimum_value(self) -> float | None:
        """f at the first known minimum, or ``None`` when there is none."""
        return self.f(np.array(self.minima[0])) if self.minima else None


def _check_xy(xy: np.ndarray, name: str) -> None:
    if xy.ndim == 0 or xy.shape[0] != 2:
        raise ValueError(f"function {name!r}: expected a point (x, y), got an array of shape {xy.shape}")


# ------------------------------------------------------------------------------ the functions

def _ellipse_f(xy):
    x, y = xy[0], xy[1]
    return 0.05 * x * x + y * y


def _ellipse_grad(xy):
    x, y = xy[0], xy[1]
    return np.array([0.1 * x, 2.0 * y])


def _rosenbrock_f(xy):
    x, y = xy[0], xy[1]
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosenbrock_grad(xy):
    x, y = xy[0], xy[1]
    inner = y - x * x
    return np.array([-2.0 * (1.0 - x) - 400.0 * x * inner, 200.0 * inner])


def _beale_terms(xy):
    x, y = xy[0], xy[1]
    a = 1.5 - x + x * y
    b = 2.25 - x + x * y * y
    c = 2.625 - x + x * y ** 3
    return x, y, a, b, c


def _beale_f(xy):
    _x, _y, a, b, c = _beale_terms(xy)
    return a * a + b * b + c * c


def _beale_grad(xy):
    x, y, a, b, c = _beale_terms(xy)
    dx = 2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y ** 3 - 1.0)
    dy = 2.0 * a * x + 2.0 * b * (2.0 * x * y) + 2.0 * c * (3.0 * x * y * y)
    return np.array([dx, dy])


def _saddle_f(xy):
    x, y = xy[0], xy[1]
    return x * x - y * y


def _saddle_grad(xy):
    x, y = xy[0], xy[1]
    return np.array([2.0 * x, -2.0 * y])


_TWO_PI = 2.0 * math.pi


def _rastrigin_f(xy):
    x, y = xy[0], xy[1]
    return 20.0 + x * x - 10.0 * np.cos(_TWO_PI * x) + y * y - 10.0 * np.cos(_TWO_PI * y)


def _rastrigin_grad(xy):
    x, y = xy[0], xy[1]
    return np.array([2.0 * x + 10.0 * _TWO_PI * np.sin(_TWO_PI * x),
                     2.0 * y + 10.0 * _TWO_PI * np.sin(_TWO_PI * y)])


FUNCTIONS: dict[str, Function2D] = {
    fn.name: fn
    for fn in (
        Function2D(
            name="ellipse",
            label="Elongated ellipse",
            formula="f(x, y) = 0.05·x² + y²",
            f_impl=_ellipse_f,
            grad_impl=_ellipse_grad,
            start=(-9.0, 2.0),
            bounds=(-10.0, 10.0, -3.0, 3.0),
            minima=((0.0, 0.0),),
            lesson="The lecture's elongated contours: with a large α (try 0.9) gradient descent "
                   "zig-zags across the narrow y direction while crawling along x; momentum and "
                   "Adam damp the zig-zag.",
            suggested_learning_rate=0.9,
            notes="GD multiplies x by (1 − 0.1·α) and y by (1 − 2·α) each step: y oscillates for "
                  "α > 0.5 and diverges for α > 1, while x needs many steps for any α ≤ 1.",
        ),
        Function2D(
            name="rosenbrock",
            label="Rosenbrock valley",
            formula="f(x, y) = (1 − x)² + 100·(y − x²)²",
            f_impl=_rosenbrock_f,
            grad_impl=_rosenbrock_grad,
            start=(-1.5, 2.0),
            bounds=(-2.0, 2.0, -1.0, 3.0),
            minima=((1.0, 1.0),),
            lesson="A curved, flat-bottomed valley: reaching it is easy, but following it to the "
                   "minimum at (1, 1) takes plain gradient descent thousands of steps.",
            suggested_learning_rate=0.001,
        ),
        Function2D(
            name="beale",
            label="Beale",
            formula="f(x, y) = (1.5 − x + x·y)² + (2.25 − x + x·y²)² + (2.625 − x + x·y³)²",
            f_impl=_beale_f,
            grad_impl=_beale_grad,
            start=(1.0, 1.5),
            bounds=(-4.5, 4.5, -4.5, 4.5),
            minima=((3.0, 0.5),),
            lesson="Steep walls and a flat floor: the gradient is huge in some places and tiny in "
                   "others, which is where per-parameter step sizes (RMSprop, Adam) help.",
            suggested_learning_rate=0.001,
        ),
        Function2D(
            name="saddle",
            label="Saddle point",
            formula="f(x, y) = x² − y²",
            f_impl=_saddle_f,
            grad_impl=_saddle_grad,
            start=(-2.0, 0.001),
            bounds=(-2.5, 2.5, -2.5, 2.5),
            minima=(),
            lesson="A saddle point at (0, 0): the gradient almost vanishes there, so gradient "
                   "descent stalls before the tiny y offset grows and it escapes (f has no minimum).",
            suggested_learning_rate=0.05,
        ),
        Function2D(
            name="rastrigin",
            label="Rastrigin",
            formula="f(x, y) = 20 + x² − 10·cos(2πx) + y² − 10·cos(2πy)",
            f_impl=_rastrigin_f,
            grad_impl=_rastrigin_grad,
            start=(3.2, -2.7),
            bounds=(-5.12, 5.12, -5.12, 5.12),
            minima=((0.0, 0.0),),
            lesson="Many local minima on a bowl: gradient descent stops in the nearest dip; only "
                   "the global minimum (0, 0) has f = 0.",
            suggested_learning_rate=0.002,
        ),
    )
}


def function_names() -> list[str]:
    return list(FUNCTIONS)


def get_function(name: str | Function2D) -> Function2D:
    """The record called ``name`` (a :class:`Function2D` is returned as is).

    Raises ``ValueError("unknown function 'x' (available: ellipse, …)")``.
    """
    if isinstance(name, Function2D):
        return name
    try:
        return FUNCTIONS[name]
    except (KeyError, TypeError):
        raise ValueError(translate("functions2d", "unknown function {name} (available: {names})").format(
            name=repr(name), names=", ".join(FUNCTIONS))) from None
