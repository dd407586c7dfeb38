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
(:func:`optstudio.core.lr_range.range_test`) on a freshly built engine. :func:`online_runs` runs
optimizers on Reddi et al.'s online problem (:func:`optstudio.core.online.run_online`, built as
``optstudio lab`` builds them for a lab's ``online`` view): no network at all.
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
from optstudio.core.online import OnlineResult, run_online
from optstudio.core.optim import OptimizerFailure, one_line
from optstudio.core.probes import Tracker
from optstudio.labs.views import OnlineRunSpec

__all__ = ["Analysis", "Cancelled", "analyse", "auto_every", "range_test_of", "MAX_MEASUREMENTS",
           "DEFAULT_ONLINE_RUNS", "ONLINE_C", "ONLINE_STEPS", "ONLINE_START", "online_runs"]

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


# ------------------------------------------------------------------------------ online problem
#: the runs of lab 10 (optstudio/labs/10_adam_amsgrad.json, its view section): the panel's default
DEFAULT_ONLINE_RUNS = (
    OnlineRunSpec("Adam (β1 = 0, β2 = 0.1)", "adam", 0.1, {"beta1": 0.0, "beta2": 0.1}, "inverse-sqrt"),
    OnlineRunSpec("AMSGrad (β1 = 0, β2 = 0.1)", "amsgrad", 0.1, {"beta1": 0.0, "beta2": 0.1}, "inverse-sqrt"),
    OnlineRunSpec("Adam (β1 = 0.9, β2 = 0.999)", "adam", 0.1, {"beta1": 0.9, "beta2": 0.999}, "inverse-sqrt"),
)
ONLINE_C = 3.0
ONLINE_STEPS = 3000
ONLINE_START = 0.0
#: progress is reported every this many steps
_PROGRESS_EVERY = 250


class _Watched:
    """The run's schedule (None: α constant) asked through this object at every step: it gives the
    same rates and reports progress / raises :class:`Cancelled` (run_online then ends the run)."""

    def __init__(self, schedule, tick: Callable[[int], None]) -> None:
        self.schedule = schedule
        self.tick = tick

    def rate(self, alpha0, epoch, step, costs):
        self.tick(step + 1)
        return alpha0 if self.schedule is None else self.schedule.rate(alpha0, epoch, step, costs)


def online_runs(runs, registry, *, C: float = ONLINE_C, steps: int = ONLINE_STEPS, start: float = ONLINE_START,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[OnlineResult]:
    """:func:`~optstudio.core.online.run_online` for every :class:`~optstudio.labs.views.OnlineRunSpec`
    of ``runs`` (α: the run's or the optimizer's default; the optimizer and schedule built by
    ``registry`` as ``optstudio lab`` builds them). Bad settings raise ValueError (one line);
    ``progress(done, total)`` counts the steps of all runs; ``cancelled()`` ends with :class:`Cancelled`."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(translate("ResearchData", "the number of steps must be a whole number ≥ 1, got {value}")
                         .format(value=repr(steps)))
    if isinstance(C, bool) or not isinstance(C, (int, float)) or not math.isfinite(C) or not C > 2:
        raise ValueError(translate("ResearchData", "C must be a number > 2 (then x = −1 is the best point), got "
                                   "{value}").format(value=repr(C)))
    runs = list(runs)
    total = steps * len(runs)
    out: list[OnlineResult] = []
    for index, spec in enumerate(runs):
        done_before = index * steps

        def tick(step: int, done_before=done_before) -> None:
            if cancelled is not None and cancelled():
                raise Cancelled
            if progress is not None and step % _PROGRESS_EVERY == 0:
                progress(done_before + step, total)

        try:
            rate = spec.learning_rate
            if rate is None:
                rate = float(registry.optimizer_info(spec.optimizer).default_learning_rate)
            optimizer = registry.create_optimizer(spec.optimizer, spec.params)
            schedule = registry.create_schedule(spec.schedule, spec.schedule_params) if spec.schedule else None
        except (KeyError, ValueError) as exc:
            raise ValueError(translate("ResearchData", "{label}: {error}").format(
                label=spec.label, error=one_line(exc, with_type=False))) from None
        except OptimizerFailure as exc:
            out.append(OnlineResult(np.array([float(start)]), np.array([]), "failed", one_line(exc), spec.label))
            continue
        result = run_online(optimizer, rate, steps, C=float(C), start=float(start), schedule=_Watched(schedule, tick),
                            label=spec.label)
        if cancelled is not None and cancelled():
            raise Cancelled
        out.append(result)
    if progress is not None:
        progress(total, total)
    return out
