"""A lab's ``"view"`` section: which measurement a lab is about, and its settings.

Most labs are a comparison table (``runs``) or optimizer paths (``trajectory``). A lab about
something the table does not show names it in a ``"view"`` section; ``optstudio lab`` then
prints the numbers of that view, and the window (later) opens the matching panel::

    "view": {"name": "sharpness", "every": 10}       # λ_max of the Hessian per epoch, vs 2/α
    "view": {"name": "layers", "every": 50}          # per-layer ‖dW‖ and update/weight ratio
    "view": {"name": "lr_range", "start": 1e-6, "stop": 10, "steps": 300}
    "view": {"name": "online", "problem": "reddi", "C": 3, "steps": 3000, "start": 0,
             "runs": [{"label": "Adam", "optimizer": "adam", "learning_rate": 0.1,
                       "params": {"beta1": 0, "beta2": 0.1}, "schedule": "inverse-sqrt"}, …]}

``sharpness`` and ``layers`` measure every training run of the lab (its ``runs``, or the
experiment itself) every ``every`` epochs (default 1) and the last; ``lr_range`` runs the
learning-rate range test (:mod:`optstudio.core.lr_range`) for every training run instead of
training it; ``online`` runs optimizers on an online problem (:mod:`optstudio.core.online`) and
trains no network. ``optstudio lab --steps N`` sets ``steps`` of ``lr_range`` and ``online``.

:func:`lab_view` checks the section; every problem is an
:class:`~optstudio.core.experiment.ExperimentError` with a one-line message. numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.core.lr_range import DEFAULT_START, DEFAULT_STEPS, DEFAULT_STOP
from optstudio.core.online import PROBLEMS

__all__ = ["VIEW_KEY", "VIEWS", "LabView", "OnlineRunSpec", "lab_view", "with_view_steps"]

VIEW_KEY = "view"
#: The views a lab can name, with the settings each accepts.
VIEWS = {
    "sharpness": ("every",),
    "layers": ("every",),
    "lr_range": ("start", "stop", "steps", "divergence"),
    "online": ("problem", "C", "steps", "start", "runs"),
}
_ONLINE_RUN_KEYS = ("label", "optimizer", "learning_rate", "params", "schedule", "schedule_params")


@dataclass
class OnlineRunSpec:
    label: str
    optimizer: str
    learning_rate: float | None = None
    params: dict[str, Any] = field(default_factory=dict)
    schedule: str | None = None
    schedule_params: dict[str, Any] = field(default_factory=dict)


@dataclass
class LabView:
    """A checked ``"view"`` section: ``name`` and its settings (defaults filled in)."""

    name: str
    every: int = 1
    start: float | None = None
    stop: float = DEFAULT_STOP
    steps: int = DEFAULT_STEPS
    divergence: float = 4.0
    problem: str = "reddi"
    C: float = 3.0
    runs: list[OnlineRunSpec] = field(default_factory=list)

    @property
    def trains_networks(self) -> bool:
        return self.name in ("sharpness", "layers")

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"name": self.name}
        if self.trains_networks:
            out["every"] = self.every
        elif self.name == "lr_range":
            out.update(start=self.start, stop=self.stop, steps=self.steps, divergence=self.divergence)
        else:
            out.update(problem=self.problem, C=self.C, steps=self.steps, start=self.start)
        return out


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ExperimentError(f"{what} must be a whole number ≥ 1, got {value!r}")
    return value


def _online_run(index: int, run: Any, where: str) -> OnlineRunSpec:
    here = f"{where}: view run {index}"
    if not isinstance(run, Mapping):
        raise ExperimentError(f"{here} must be a table")
    unknown = sorted(set(run) - set(_ONLINE_RUN_KEYS))
    if unknown:
        raise ExperimentError(f"{here}: unknown setting {unknown[0]!r} (known: {', '.join(_ONLINE_RUN_KEYS)})")
    optimizer = run.get("optimizer")
    if not isinstance(optimizer, str) or not optimizer.strip():
        raise ExperimentError(f"{here}: optimizer must be an optimizer name, e.g. \"adam\"")
    label = run.get("label", optimizer)
    if not isinstance(label, str) or not label:
        raise ExperimentError(f"{here}: label must be text")
    rate = run.get("learning_rate")
    if rate is not None and not (_number(rate) and rate > 0):
        raise ExperimentError(f"{here} ({label}): learning_rate must be a number > 0, got {rate!r}")
    for key in ("params", "schedule_params"):
        if not isinstance(run.get(key) or {}, Mapping):
            raise ExperimentError(f"{here} ({label}): {key} must be a table of name = value")
    schedule = run.get("schedule")
    if schedule is not None and (not isinstance(schedule, str) or not schedule):
        raise ExperimentError(f"{here} ({label}): schedule must be a schedule name or null")
    return OnlineRunSpec(label, optimizer.strip(), None if rate is None else float(rate), dict(run.get("params") or {}),
                         schedule, dict(run.get("schedule_params") or {}))


def lab_view(exp: Experiment, where: str = "lab") -> LabView | None:
    """The checked ``"view"`` section of ``exp``, or None without one."""
    section = exp.extras.get(VIEW_KEY)
    if section is None:
        return None
    if isinstance(section, str):
        section = {"name": section}
    if not isinstance(section, Mapping):
        raise ExperimentError(f"{where}: view must be a table like {{\"name\": \"sharpness\"}}")
    name = section.get("name")
    if name not in VIEWS:
        raise ExperimentError(f"{where}: unknown view {name!r} (available: {', '.join(VIEWS)})")
    known = ("name",) + VIEWS[name]
    unknown = sorted(set(section) - set(known))
    if unknown:
        raise ExperimentError(f"{where}: unknown setting {unknown[0]!r} for the {name} view "
                              f"(known: {', '.join(known)})")
    view = LabView(name)
    here = f"{where}: view {name}"
    if name in ("sharpness", "layers"):
        view.every = _whole(section.get("every", 1), f"{here}: every")
    elif name == "lr_range":
        view.start = section.get("start", DEFAULT_START)
        view.stop = section.get("stop", DEFAULT_STOP)
        for key in ("start", "stop"):
            value = getattr(view, key)
            if not (_number(value) and value > 0):
                raise ExperimentError(f"{here}: {key} must be a learning rate > 0, got {value!r}")
        if not view.stop > view.start:
            raise ExperimentError(f"{here}: stop ({view.stop:g}) must be larger than start ({view.start:g})")
        view.steps = _whole(section.get("steps", DEFAULT_STEPS), f"{here}: steps")
        if view.steps < 2:
            raise ExperimentError(f"{here}: steps must be at least 2, got {view.steps}")
        view.divergence = section.get("divergence", 4.0)
        if not (_number(view.divergence) and view.divergence > 1):
            raise ExperimentError(f"{here}: divergence must be a number > 1, got {view.divergence!r}")
    else:
        view.problem = section.get("problem", "reddi")
        if view.problem not in PROBLEMS:
            raise ExperimentError(f"{here}: unknown problem {view.problem!r} (available: {', '.join(PROBLEMS)})")
        view.C = section.get("C", 3.0)
        if not (_number(view.C) and view.C > 2):
            raise ExperimentError(f"{here}: C must be a number > 2, got {view.C!r}")
        view.steps = _whole(section.get("steps", 3000), f"{here}: steps")
        view.start = section.get("start", 0.0)
        if not (_number(view.start) and -1 <= view.start <= 1):
            raise ExperimentError(f"{here}: start must be a number in [−1, 1], got {view.start!r}")
        runs = section.get("runs")
        if not isinstance(runs, list) or not runs:
            raise ExperimentError(f"{here}: runs must be a list of tables like "
                                  f"{{\"label\": \"Adam\", \"optimizer\": \"adam\", \"learning_rate\": 0.1}}")
        view.runs = [_online_run(i, run, where) for i, run in enumerate(runs, 1)]
    return view


def with_view_steps(exp: Experiment, steps: int) -> Experiment:
    """A copy of ``exp`` whose lr_range or online view takes ``steps`` steps."""
    out = exp.copy()
    section = out.extras.get(VIEW_KEY)
    if isinstance(section, dict):
        section["steps"] = steps
    return out
