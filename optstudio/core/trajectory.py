"""Optimizer paths on a 2-D test function (see :mod:`optstudio.core.functions2d`).

The optimizer plugin sees the point as ONE parameter array of shape ``(2,)``::

    params = {"xy": p}; grads = {"xy": g}
    optimizer.init(params)
    for t in 1..N:
        g = ∇f(p) (+ noise·N(0, 1) when noise > 0, to mimic mini-batch gradients)
        α = schedule.rate(α0, epoch=t − 1, step=t − 1, costs=values so far)   (or α0)
        optimizer.update(params, grads, t, α)        # changes p in place

Every step counts as one epoch for the schedule, so epoch- and step-based schedules give the
same rates. ``costs`` are the f values of the points visited so far, the current one included.

numpy only: no Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from optstudio.core.functions2d import Function2D, get_function
from optstudio.core.i18n import translate
from optstudio.core.optim import OptimizerFailure, Registry, one_line

__all__ = ["TrajectoryResult", "run_trajectory", "run_trajectories", "parse_start", "DIVERGENCE_LIMIT"]

#: A point farther than this from the origin counts as diverged.
DIVERGENCE_LIMIT = 1e6

#: A divergence is blamed on the gradient noise alone when σ is this many times larger than the
#: gradient (and than 1)
NOISE_BLAME_FACTOR = 100.0

PARAM_NAME = "xy"


@dataclass
class TrajectoryResult:
    """The visited points and what happened.

    ``path`` has shape ``(k + 1, 2)`` with the start first, ``values`` shape ``(k + 1,)``, where
    k = ``steps_done`` (the requested steps unless the run diverged or failed; the point that
    diverged is not included). ``rates`` holds the learning rate of each step (shape ``(k,)``).
    ``status`` is ``"finished"``, ``"diverged"`` or ``"failed"``; ``message`` is one line.
    ``state_history`` (with ``record_state=True``) is a list of ``k + 1`` dicts
    ``{state label: array (2,)}``, the optimizer state after 0, 1, … k steps.
    """

    path: np.ndarray
    values: np.ndarray
    status: str
    message: str
    rates: np.ndarray = field(default_factory=lambda: np.zeros(0))
    state_history: list[dict[str, np.ndarray]] | None = None
    label: str = ""

    @property
    def steps_done(self) -> int:
        return len(self.path) - 1

    @property
    def final_point(self) -> np.ndarray:
        return self.path[-1]

    @property
    def final_value(self) -> float:
        return float(self.values[-1])

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: lists of floats (non-finite numbers as ``None``)."""
        return {
            "label": self.label,
            "path": [[_finite_or_none(x), _finite_or_none(y)] for x, y in self.path.tolist()],
            "values": [_finite_or_none(v) for v in self.values.tolist()],
            "rates": [_finite_or_none(r) for r in self.rates.tolist()],
            "status": self.status,
            "message": self.message,
        }


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def parse_start(start: Any, function: Function2D | None = None) -> np.ndarray:
    """A finite point of shape ``(2,)`` from a pair, an array or text ``"x,y"``.

    ``None`` gives the function's default start. Raises ``ValueError`` with a one-line message.
    """
    if start is None:
        if function is None:
            raise ValueError(translate("trajectory", "start point missing"))
        return np.array(function.start, dtype=float)
    shown = start if isinstance(start, str) else _short(start)
    problem = translate("trajectory", "start point {point} is not two numbers x, y (write it as X,Y, e.g. -9,2)").format(
        point=repr(shown))
    if isinstance(start, str):
        parts = [part.strip() for part in start.split(",")]
        if len(parts) != 2 or not all(parts):
            raise ValueError(problem)
        try:
            start = [float(part) for part in parts]
        except ValueError:
            raise ValueError(problem) from None
    try:
        point = np.array(start, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(problem) from None
    if point.shape != (2,):
        raise ValueError(problem)
    if not np.all(np.isfinite(point)):
        raise ValueError(translate("trajectory", "start point {point} must be finite numbers").format(point=repr(shown)))
    if math.hypot(*point) > DIVERGENCE_LIMIT:
        raise ValueError(translate("trajectory", "start point {point} is too far out: it must lie in the region |(x, y)| ≤ {limit} (a path that leaves it has diverged)")
                         .format(point=repr(shown), limit=f"{DIVERGENCE_LIMIT:g}"))
    return point


def _short(value: Any) -> str:
    try:
        text = repr(value.tolist() if isinstance(value, np.ndarray) else value)
    except Exception:  # noqa: BLE001
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 40 else text[:39] + "…"


def _copy_state(optimizer) -> dict[str, np.ndarray]:
    method = getattr(optimizer, "state", None)
    if method is None:
        return {}
    state = method() or {}
    out = {}
    for label, arrays in state.items():
        if isinstance(arrays, Mapping) and PARAM_NAME in arrays:
            out[label] = np.array(arrays[PARAM_NAME], dtype=float, copy=True)
    return out


def run_trajectory(function: str | Function2D, optimizer, learning_rate: float, steps: int,
                   start: Any = None, *, schedule=None, schedule_per: str = "epoch",
                   noise: float = 0.0, seed: int = 0, record_state: bool = False,
                   label: str = "") -> TrajectoryResult:
    """Run ``optimizer`` (already built, not yet initialised) for ``steps`` updates from ``start``.

    ``function``: a name or a :class:`Function2D`; ``start``: ``(x, y)``, ``"x,y"`` or ``None``
    for the function's default. ``schedule``: any object with ``rate(α0, epoch, step, costs)``.
    Bad arguments raise ``ValueError``; trouble during the run (divergence, a plugin that raises)
    ends it early with ``status`` ``"diverged"`` or ``"failed"`` and the path so far.
    """
    fn = get_function(function)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(translate("trajectory", "steps must be a whole number ≥ 0, got {value}").format(value=repr(steps)))
    steps = int(steps)
    try:
        alpha0 = float(learning_rate)
    except (TypeError, ValueError):
        raise ValueError(translate("trajectory", "learning rate must be a number > 0, got {value}").format(value=repr(learning_rate))) from None
    if not (alpha0 > 0 and math.isfinite(alpha0)):
        raise ValueError(translate("trajectory", "learning rate must be a number > 0, got {value}").format(value=repr(learning_rate)))
    try:
        noise = float(noise)
    except (TypeError, ValueError):
        raise ValueError(translate("trajectory", "noise must be a number ≥ 0, got {value}").format(value=repr(noise))) from None
    if not (noise >= 0 and math.isfinite(noise)):
        raise ValueError(translate("trajectory", "noise must be a number ≥ 0, got {value}").format(value=repr(noise)))
    if schedule_per not in ("epoch", "step"):
        raise ValueError(f"schedule_per must be 'epoch' or 'step', got {schedule_per!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(translate("trajectory", "seed must be a whole number ≥ 0, got {value}").format(value=repr(seed)))
    p = parse_start(start, fn)
    rng = np.random.default_rng(int(seed)) if noise > 0 else None
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        # overflow is not an error here: it is what divergence looks like, reported in words
        return _follow(fn, optimizer, alpha0, steps, p, schedule, noise, rng, record_state, label)


def _follow(fn: Function2D, optimizer, alpha0: float, steps: int, p: np.ndarray, schedule, noise: float,
            rng, record_state: bool, label: str) -> TrajectoryResult:
    """The loop of :func:`run_trajectory` (arguments checked), under ``np.errstate``."""
    path = [p.copy()]
    values = [float(fn.f(p))]
    rates: list[float] = []
    history: list[dict[str, np.ndarray]] | None = [] if record_state else None
    params = {PARAM_NAME: p}
    g = np.zeros(2)
    grads = {PARAM_NAME: g}
    status, message = "finished", ""
    t = 0
    try:
        optimizer.init(params)
        if history is not None:
            history.append(_copy_state(optimizer))
        for t in range(1, steps + 1):
            g[...] = fn.grad(p)
            gradient_norm = math.hypot(*g)
            if rng is not None:
                g += noise * rng.standard_normal(2)
            if schedule is None:
                rate = alpha0
            else:
                rate = schedule.rate(alpha0, t - 1, t - 1, values)
                if (isinstance(rate, bool) or not isinstance(rate, (int, float, np.floating))
                        or not (math.isfinite(rate) and rate > 0)):
                    raise ValueError(translate("trajectory", "the learning-rate schedule gave {rate} at step {step}; it must be a positive number")
                                     .format(rate=repr(rate), step=t))
                rate = float(rate)
            optimizer.update(params, grads, t, rate)
            if params[PARAM_NAME] is not p:  # an unguarded optimizer rebound the entry
                p[...] = np.asarray(params[PARAM_NAME], dtype=float).reshape(2)
                params[PARAM_NAME] = p
            value = float(fn.f(p))
            if not (np.all(np.isfinite(p)) and math.isfinite(value)) or math.hypot(*p) > DIVERGENCE_LIMIT:
                left = False
                if np.isnan(p).any() or math.isnan(value):
                    bad = translate("trajectory", "became nan")
                elif not (np.all(np.isfinite(p)) and math.isfinite(value)):
                    bad = translate("trajectory", "became inf")
                else:
                    left = True
                    bad = translate("trajectory", "left the region |(x, y)| ≤ {limit}").format(limit=f"{DIVERGENCE_LIMIT:g}")
                status = "diverged"
                if noise > 0 and not noise < NOISE_BLAME_FACTOR * max(1.0, gradient_norm):
                    message = translate("trajectory", "Diverged at step {step}: the point {what}; the gradient noise (σ = {noise}) dwarfs the gradient (|∇f| = {gradient}) there. Try less noise.").format(
                        step=t, what=bad, noise=f"{noise:g}", gradient=f"{gradient_norm:.3g}")
                elif noise > 0:
                    message = translate("trajectory", "Diverged at step {step}: the point {what} (learning rate {rate}, gradient noise σ = {noise}). Try a lower learning rate or less noise.").format(
                        step=t, what=bad, rate=f"{rate:g}", noise=f"{noise:g}")
                elif not fn.minima and left:
                    message = translate("trajectory", "Diverged at step {step}: the point {what}. f has no minimum, so the optimizer keeps going downhill; a lower learning rate only delays this.").format(
                        step=t, what=bad)
                else:
                    message = translate("trajectory", "Diverged at step {step}: the point {what} (learning rate {rate}). Try a lower learning rate.").format(
                        step=t, what=bad, rate=f"{rate:g}")
                break
            rates.append(rate)
            path.append(p.copy())
            values.append(value)
            if history is not None:
                history.append(_copy_state(optimizer))
    except Exception as exc:  # a plugin (guarded or not) or a schedule failed: keep the path
        status = "failed"
        message = one_line(exc)
    if status == "finished":
        last = path[-1]
        message = translate("trajectory", "Finished {steps} steps at ({x}, {y}), f = {value}.").format(
            steps=steps, x=f"{last[0]:.6g}", y=f"{last[1]:.6g}", value=f"{values[-1]:.6g}")
    if history is not None and len(history) > len(path):
        del history[len(path):]
    return TrajectoryResult(path=np.array(path), values=np.array(values), status=status,
                            message=message, rates=np.array(rates, dtype=float),
                            state_history=history, label=label)


def _config_get(config: Any, key: str, default: Any = None) -> Any:
    if isinstance(config, Mapping):
        return config.get(key, default)
    return getattr(config, key, default)


def run_trajectories(function: str | Function2D, configs: Sequence[Any], steps: int,
                     start: Any = None, noise: float = 0.0, seed: int = 0, *, manager: Registry,
                     record_state: bool = False) -> list[TrajectoryResult]:
    """Several optimizers from the same start (and, with noise, the same noise sequence).

    Each config is a mapping (or object) with ``name`` (optimizer), optional ``learning_rate``
    (default: the optimizer's ``default_learning_rate``), ``params``, ``schedule``,
    ``schedule_params`` and ``label``. Optimizers and schedules are built by ``manager``
    (a :class:`~optstudio.core.optim.Registry`: the plugin manager). Bad configs raise
    ``ValueError("run 2: …")``; a plugin that fails to build gives that run status ``"failed"``.
    """

    fn = get_function(function)
    point = parse_start(start, fn)
    results = []
    for index, config in enumerate(configs, 1):
        name = _config_get(config, "name")
        label = _config_get(config, "label") or str(name)
        try:
            if not isinstance(name, str) or not name:
                raise ValueError("optimizer name missing")
            info = manager.optimizer_info(name)
            lr = _config_get(config, "learning_rate")
            lr = info.default_learning_rate if lr is None else lr
            sched_name = _config_get(config, "schedule")
            try:
                optimizer = manager.create_optimizer(name, _config_get(config, "params") or {})
                schedule, per = None, "epoch"
                if sched_name:
                    per = manager.schedule_info(sched_name).per
                    schedule = manager.create_schedule(sched_name,
                                                       _config_get(config, "schedule_params") or {})
            except OptimizerFailure as exc:
                results.append(TrajectoryResult(path=point[None, :].copy(),
                                                values=np.array([float(fn.f(point))]),
                                                status="failed", message=one_line(exc), label=label))
                continue
            results.append(run_trajectory(fn, optimizer, lr, steps, point.copy(), schedule=schedule,
                                          schedule_per=per, noise=noise, seed=seed,
                                          record_state=record_state, label=label))
        except ValueError as exc:
            raise ValueError(f"run {index} ({label}): {one_line(exc)}") from None
    return results
