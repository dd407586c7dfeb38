"""Online convex optimisation: the problem on which Adam fails and AMSGrad converges (Reddi, Kale
and Kumar, "On the convergence of Adam and beyond", ICLR 2018, arXiv:1904.09237, section 3).

One parameter x in the feasible set F = [−1, 1]; at step t the learner pays f_t(x_t) with::

    f_t(x) = C·x    if t mod 3 = 1
    f_t(x) = −x     otherwise                                   (C > 2)

so every three steps the gradients are C, −1, −1: their sum C − 2 > 0 says that x = −1 is the
best fixed point, but the large gradient C comes only once in three steps. Each step the
optimizer updates x with the gradient of f_t and x is projected back onto F (x ← clip(x, −1, 1)).

Reddi et al.'s Theorem 1: Adam with β1 = 0, β2 = 1/(1 + C²) and α_t = α/√t goes to x = +1, the
worst point: the rare large gradient is divided by a large √s, the frequent small ones by a
small √s, so the two steps of −1 win. AMSGrad divides by the *largest* s seen so far and goes
to x = −1. The measure is the average regret::

    R_T/T = (1/T)·(Σ_t f_t(x_t) − min_(x∈F) Σ_t f_t(x))

which tends to 0 for an algorithm that converges (AMSGrad) and stays above 0 for Adam (about
2(C − 2)/3 per step at x = +1).

The optimizer sees ``params = {"x": array([x])}`` (any optimizer of the protocol works).
numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from optstudio.core.optim import one_line
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["reddi_gradient", "OnlineResult", "run_online", "PROBLEMS"]

#: The online problems :func:`run_online` knows.
PROBLEMS = ("reddi",)


def reddi_gradient(t: int, C: float) -> float:
    """∂f_t/∂x: C for t mod 3 = 1 (t = 1, 4, 7, …), else −1."""
    return float(C) if t % 3 == 1 else -1.0


@dataclass
class OnlineResult:
    """``x[k]`` the point before step k + 1 (x[0] the start; steps_done + 1 points) and
    ``average_regret[k]`` = R_(k+1)/(k + 1) after step k + 1."""

    x: np.ndarray
    average_regret: np.ndarray
    status: str
    message: str
    label: str = ""
    rates: list = field(default_factory=list)

    @property
    def steps_done(self) -> int:
        return len(self.x) - 1

    @property
    def final_x(self) -> float:
        return float(self.x[-1])

    @property
    def final_average_regret(self) -> float:
        return float(self.average_regret[-1]) if len(self.average_regret) else math.nan


def run_online(optimizer, learning_rate: float, steps: int, *, C: float = 3.0, start: float = 0.0,
               schedule=None, label: str = "") -> OnlineResult:
    """Run ``optimizer`` (built, not initialised) on Reddi et al.'s problem for ``steps`` steps.

    ``schedule``: an object with ``rate(α0, epoch, step, costs)`` (each step is one epoch, as for
    trajectories); None keeps α constant. Bad arguments raise ValueError; a plugin that raises
    ends the run with status "failed"."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ValueError(translate("online", "steps must be a whole number ≥ 1, got {value}").format(value=repr(steps)))
    for name, value in ((QT_TRANSLATE_NOOP("online", "learning rate"), learning_rate), ("C", C), ("start", start)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ValueError(translate("online", "{name} must be a number, got {value}").format(
                name=translate("online", name) if name == "learning rate" else name, value=repr(value)))
    if not learning_rate > 0:
        raise ValueError(translate("online", "learning rate must be a number > 0, got {value}").format(value=repr(learning_rate)))
    if not C > 2:
        raise ValueError(translate("online", "C must be > 2 (then x = −1 is the best point), got {value}").format(value=repr(C)))
    if not -1.0 <= start <= 1.0:
        raise ValueError(translate("online", "start must be in the feasible set [−1, 1], got {value}").format(value=repr(start)))
    x = np.array([float(start)])
    g = np.zeros(1)
    params, grads = {"x": x}, {"x": g}
    xs = [float(start)]
    regrets: list[float] = []
    rates: list[float] = []
    paid = 0.0          # Σ f_t(x_t)
    total = 0.0         # Σ gradients: Σ_t f_t(x) = total·x, minimised over F at −|total|
    status, message = "finished", ""
    try:
        optimizer.init(params)
        with np.errstate(all="ignore"):
            for t in range(1, steps + 1):
                grad = reddi_gradient(t, C)
                paid += grad * x[0]
                total += grad
                regrets.append((paid + abs(total)) / t)
                rate = learning_rate if schedule is None else schedule.rate(learning_rate, t - 1, t - 1, regrets)
                if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not (math.isfinite(rate) and rate > 0):
                    raise ValueError(translate("online", "the learning-rate schedule gave {rate} at step {step}; it must be a positive number")
                                     .format(rate=repr(rate), step=t))
                g[0] = grad
                optimizer.update(params, grads, t, float(rate))
                if params["x"] is not x:           # an optimizer that rebound the entry
                    x[...] = np.asarray(params["x"], dtype=float).reshape(1)
                    params["x"] = x
                if not math.isfinite(x[0]):
                    status, message = "diverged", translate("online", "x became {value} at step {step}.").format(value=x[0], step=t)
                    break
                np.clip(x, -1.0, 1.0, out=x)      # projection onto F = [−1, 1]
                rates.append(float(rate))
                xs.append(float(x[0]))
    except Exception as exc:  # noqa: BLE001 - a plugin's failure ends this run only
        status, message = "failed", one_line(exc)
    regrets = regrets[:len(xs) - 1]
    if status == "finished":
        message = translate("online", "Finished {steps} steps at x = {x}, average regret {regret}.").format(
            steps=steps, x=f"{xs[-1]:.4g}", regret=f"{regrets[-1]:.4g}")
    return OnlineResult(np.array(xs), np.array(regrets), status, message, label, rates)
