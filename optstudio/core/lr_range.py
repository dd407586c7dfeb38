"""The learning-rate range test (Smith, 2017, arXiv:1506.01186, section 3.3; in the exponential
form fast.ai popularised).

Train from the initial weights for n updates (mini-batches as the experiment says) while the
learning rate grows exponentially from a tiny α_start to a large α_stop::

    α_i = α_start·(α_stop/α_start)^(i/(n − 1))        i = 0, 1, …, n − 1   (update i + 1 uses α_i)

and record, after every update, the training cost J over the whole training set (L2 included).
At first α is too small to change anything; then the cost falls faster and faster; past some α
the steps overshoot and the cost shoots up. The test stops early when J is not finite or grows
above ``divergence`` (4) times the lowest cost seen.

Suggested learning rate: **α at the lowest cost, divided by 10** — the cost is still falling
steeply there and a tenth of the rate that overshoots keeps a safety margin. The result also
gives the *steepest* point, the α where J falls fastest per unit of log α (the other rule in
use), for comparison.

The updates are the engine's own (:meth:`Engine.steps <optstudio.core.engine.Engine.steps>`
with a per-step schedule), so the range test trains exactly as ``optstudio run`` does. numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from optstudio.core.engine import EpochEvent, StepEvent
from optstudio.core.hessian import Objective
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.core.optim import Schedule

__all__ = ["rate_sequence", "ExponentialRange", "RangeTestResult", "range_test", "suggest", "RULE",
           "DEFAULT_START", "DEFAULT_STOP", "DEFAULT_STEPS"]

DEFAULT_START = 1e-6
DEFAULT_STOP = 10.0
DEFAULT_STEPS = 300

#: How the suggested learning rate is chosen.
RULE = QT_TRANSLATE_NOOP("lr_range", "α at the lowest cost / 10")


def rate_sequence(start: float, stop: float, steps: int) -> list[float]:
    """[α_start·(α_stop/α_start)^(i/(n − 1)) for i = 0 … n − 1] (Python floats)."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
        raise ValueError(translate("lr_range", "the range test needs at least 2 steps, got {value}").format(value=repr(steps)))
    for name, value in (("start", start), ("stop", stop)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (math.isfinite(value) and value > 0):
            text = (translate("lr_range", "the range test's start learning rate must be a number > 0, got {value}") if name == "start"
                    else translate("lr_range", "the range test's stop learning rate must be a number > 0, got {value}"))
            raise ValueError(text.format(value=repr(value)))
    if not stop > start:
        raise ValueError(translate("lr_range", "the range test's stop learning rate ({stop}) must be larger than its start ({start})")
                         .format(stop=f"{stop:g}", start=f"{start:g}"))
    ratio = stop / start
    return [start * ratio ** (i / (steps - 1)) for i in range(steps)]


class ExponentialRange(Schedule):
    """The per-step schedule of the range test: update t (t = step + 1) uses α_(step − offset),
    the last α once the sequence is used up."""

    def __init__(self, rates: list[float], offset: int = 0):
        self.rates = list(rates)
        self.offset = int(offset)

    def rate(self, initial_rate, epoch, step, costs):
        i = min(max(step - self.offset, 0), len(self.rates) - 1)
        return self.rates[i]


@dataclass
class RangeTestResult:
    """``rates[i]`` the α of update i + 1 and ``costs[i]`` the training cost after it (only the
    updates done, without a last non-finite cost); ``status`` "finished" or "diverged" (or the
    run's status if it ended), ``message`` one line."""

    rates: list
    costs: list
    initial_cost: float
    planned_steps: int
    suggested: float
    min_cost_rate: float
    steepest_rate: float
    status: str
    message: str

    def to_dict(self) -> dict:
        return {"points": [[a, c] for a, c in zip(self.rates, self.costs)], "suggested": self.suggested,
                "rule": RULE, "min_cost_rate": self.min_cost_rate, "steepest_rate": self.steepest_rate,
                "initial_cost": self.initial_cost, "steps": self.planned_steps, "steps_done": len(self.rates),
                "status": self.status, "message": self.message}


def suggest(rates, costs) -> tuple[float, float, float]:
    """(suggested, min_cost_rate, steepest_rate) for the points (rates, costs); nan when there is
    no point. Steepest: the most negative ΔJ/Δ(log α) (central differences) up to the lowest cost."""
    rates = np.asarray(rates, dtype=np.float64)
    costs = np.asarray(costs, dtype=np.float64)
    if rates.size == 0:
        return math.nan, math.nan, math.nan
    best = int(np.argmin(costs))
    min_rate = float(rates[best])
    if rates.size >= 2 and best >= 1:
        slope = np.gradient(costs, np.log(rates))
        steepest = float(rates[int(np.argmin(slope[:best + 1]))])
    else:
        steepest = min_rate
    return min_rate / 10.0, min_rate, steepest


def range_test(engine, start: float = DEFAULT_START, stop: float = DEFAULT_STOP, steps: int = DEFAULT_STEPS, *,
               divergence: float = 4.0) -> RangeTestResult:
    """Run the range test on ``engine``'s first run (an engine of one run, not necessarily at its
    start: the test continues from its current weights). The engine's learning-rate schedule and
    planned epochs are replaced; afterwards the run is "stopped" or "finished"."""
    rates = rate_sequence(start, stop, steps)
    if not divergence > 1:
        raise ValueError(f"the divergence factor must be > 1, got {divergence}")
    run = engine.runs[0]
    data = engine.data
    objective = Objective(run.network, data.X, Y=data.Y)
    initial = objective.cost(run.network.theta)
    t0 = engine.t
    engine.set_schedule(ExponentialRange(rates, offset=t0), per="step", run=run)
    batches = math.ceil(data.m / engine.mini_batch_size)
    engine.set_epochs(engine.epoch + math.ceil(steps / batches))
    done_rates: list[float] = []
    costs: list[float] = []
    best = initial if math.isfinite(initial) else math.inf
    status, message = "finished", ""
    events = engine.steps(mini_batches=True)
    try:
        for event in events:
            if isinstance(event, StepEvent):
                i = event.step - t0 - 1
                cost = objective.cost(run.network.theta)
                if not math.isfinite(cost):
                    status, message = "diverged", translate("lr_range", "The cost became {cost} at α = {rate}.").format(
                        cost=cost, rate=f"{rates[i]:.3g}")
                    break
                done_rates.append(rates[i])
                costs.append(cost)
                if cost > divergence * best:
                    status = "diverged"
                    message = translate("lr_range", "The cost grew to {cost}, over {factor} times its lowest value {lowest}, at α = {rate}.").format(
                        cost=f"{cost:.3g}", factor=f"{divergence:g}", lowest=f"{best:.3g}", rate=f"{rates[i]:.3g}")
                    break
                best = min(best, cost)
                if len(done_rates) >= steps:
                    break
            elif isinstance(event, EpochEvent) and run in event.ended:
                status, message = run.status, run.message
                break
    finally:
        events.close()
    if status == "finished":
        message = translate("lr_range", "{count} updates from α = {first} to {last}.").format(
            count=len(done_rates), first=f"{rates[0]:.3g}", last=f"{rates[len(done_rates) - 1]:.3g}")
    suggested, min_rate, steepest = suggest(done_rates, costs)
    return RangeTestResult(done_rates, costs, initial, steps, suggested, min_rate, steepest, status, message)
