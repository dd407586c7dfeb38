"""The Qt-free work of the “Why it behaves so” view, run in its worker thread.

:func:`analyse` trains the experiment set up on the left once more, from the same seed (so the
same initial weights, mini-batches and updates as the window's own training), on its own engine,
and measures with the core's tools while it trains:

* a :class:`~optstudio.core.probes.Tracker` (sharpness λ_max of the Hessian and, for adaptive
  optimizers, the preconditioned sharpness; per-layer gradient norms, weight norms and
  update/weight ratios) after every ``every``-th epoch and the last;
* a :class:`~optstudio.core.landscape.WeightPath` (the weights at the epoch ends), then the loss
  landscape: the line from the initial to the final weights and a plane around the final weights.

Every measurement works on a copy of the network (:class:`~optstudio.core.hessian.Objective`),
exactly as ``optstudio run --track sharpness,layers`` and ``optstudio landscape`` do: the numbers
are the commands' numbers. :func:`range_test_of` runs the learning-rate range test
(:func:`optstudio.core.lr_range.range_test`) on a freshly built engine.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from optstudio.core.build import build_engine
from optstudio.core.engine import EpochEvent
from optstudio.core.hessian import Objective
from optstudio.core.i18n import translate
from optstudio.core.landscape import LineProfile, Plane, WeightPath, line_profile, plane
from optstudio.core.lr_range import RangeTestResult, range_test
from optstudio.core.probes import Tracker

__all__ = ["Analysis", "Cancelled", "analyse", "auto_every", "range_test_of", "MAX_MEASUREMENTS"]

#: with "every" left to the view, about this many measured epochs
MAX_MEASUREMENTS = 100


class Cancelled(Exception):
    """The user pressed Stop."""


@dataclass
class Analysis:
    """What :func:`analyse` measured: ``rows`` are the tracker's epoch records (cost, accuracy, α,
    ``sharpness``, ``two_over_alpha``, ``preconditioned_sharpness``, ``layers`` …; None for the
    epochs not measured); ``line``/``plane`` the landscape (None with ``landscape_error``)."""

    label: str
    rows: list
    every: int
    status: str
    message: str
    line: LineProfile | None = None
    plane: Plane | None = None
    landscape_error: str = ""
    seconds: float = 0.0
    final_theta: np.ndarray | None = field(default=None, repr=False)

    def measured(self, key: str) -> list[dict]:
        """The rows that have ``key`` measured."""
        return [r for r in self.rows if r.get(key) is not None and r.get(key) != []]


def auto_every(epochs: int, limit: int = MAX_MEASUREMENTS) -> int:
    """Measure every k-th epoch so that about ``limit`` epochs are measured: ⌈epochs/limit⌉."""
    return max(1, math.ceil(max(int(epochs), 1) / limit))


def analyse(experiment, registry, *, every: int | None = None, directions: str = "random", resolution: int = 21,
            span: float = 1.0, line_points: int = 25, seed: int = 0,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Analysis:
    """Train ``experiment`` on its own engine, tracking sharpness and layers every ``every`` epochs
    (default :func:`auto_every`), then compute the landscape (``directions``: "random" or "pca").
    ``progress(epoch + 1, epochs)`` after every epoch; ``cancelled()`` checked after every event
    (raises :class:`Cancelled`)."""
    start = time.perf_counter()
    engine = build_engine(experiment, registry)
    run = engine.runs[0]
    epochs = run.epochs
    every = every or auto_every(epochs)
    tracker = Tracker([run], ("sharpness", "layers"), every=every)
    path = WeightPath(run)
    events = engine.steps(mini_batches=tracker.needs_steps)
    try:
        for event in events:
            tracker.observe(event)
            path.observe(event)
            if isinstance(event, EpochEvent) and progress is not None:
                progress(event.epoch + 1, epochs)
            if cancelled is not None and cancelled():
                raise Cancelled
    finally:
        events.close()
    out = Analysis(run.label if hasattr(run, "label") else experiment.optimizer.name, tracker.history(run), every,
                   run.status, getattr(run, "message", "") or "")
    epochs_done, thetas = path.points()
    out.final_theta = thetas[-1].copy()
    if cancelled is not None and cancelled():
        raise Cancelled
    if not np.all(np.isfinite(thetas[-1])):
        out.landscape_error = translate("ResearchData", "the final weights are not finite numbers (the run "
                                        "diverged): no landscape to draw")
    else:
        data = engine.data
        objective = Objective(run.network, data.X, Y=data.Y)
        out.line = line_profile(objective, path.initial, thetas[-1], line_points)
        try:
            out.plane = plane(objective, thetas, epochs_done, kind=directions, resolution=resolution, span=span,
                              rng=np.random.default_rng(seed))
        except ValueError as exc:
            out.landscape_error = str(exc)
            if directions == "pca":          # (a path of fewer than 3 points has no principal directions)
                try:
                    out.plane = plane(objective, thetas, epochs_done, kind="random", resolution=resolution,
                                      span=span, rng=np.random.default_rng(seed))
                    out.landscape_error += translate("ResearchData", ": the plane uses random directions instead")
                except ValueError:
                    pass
    out.seconds = time.perf_counter() - start
    return out


def range_test_of(experiment, registry, start: float, stop: float, steps: int,
                  divergence: float = 4.0) -> RangeTestResult:
    """The learning-rate range test of ``experiment`` on a freshly built engine."""
    return range_test(build_engine(experiment, registry), start, stop, steps, divergence=divergence)
