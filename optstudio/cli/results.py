"""The JSON description of a finished training run (``run --json``, ``compare --json``, labs).

A run object says what was trained (optimizer and its parameters, schedule and its parameters,
data, network, training settings) and how it went (accuracy, cost, status). Every value is plain
JSON: numbers are Python ints and floats (never text, never numpy scalars), and a cost that is
not finite (a diverged run) is ``null``.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from pathlib import PurePath
from typing import Any

from optstudio.core.analysis import cost_shape, oscillation_index
from optstudio.core.experiment import Experiment

__all__ = ["run_object", "json_ready"]


def json_ready(value: Any) -> Any:
    """``value`` with numpy scalars and arrays turned into Python numbers and lists, tuples into
    lists, paths into text and non-finite floats into ``None`` (recursively)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, PurePath):
        return str(value)
    if hasattr(value, "tolist") and hasattr(value, "dtype"):      # numpy scalar or array
        return json_ready(value.tolist())
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, int):
        return int(value)
    return value


def run_object(trainer, exp: Experiment, label: str | None = None) -> dict:
    """The JSON-ready result of ``trainer``, which trained ``exp``."""
    r = trainer.result()
    batch_costs = trainer.history.column("last_batch_cost").tolist()  # the curve the notebook plots
    return json_ready({
        "label": label or exp.optimizer.name,
        "optimizer": exp.optimizer.name,
        "optimizer_params": dict(exp.optimizer.params),
        "learning_rate": exp.optimizer.learning_rate,
        "schedule": exp.schedule.name,
        "schedule_params": dict(exp.schedule.params),
        "mini_batch_size": exp.training.mini_batch_size,
        "epochs": r.epochs,
        "steps": r.steps,
        "train_accuracy": r.train_accuracy,
        "test_accuracy": r.test_accuracy,
        "final_cost": r.final_cost,
        "final_test_cost": r.final_test_cost,
        "cost_shape": cost_shape(batch_costs),
        "oscillation_index": oscillation_index(batch_costs),
        "seconds": r.seconds,
        "diverged": r.diverged,
        "status": r.status,
        "message": r.message,
        # what was trained, as in the experiment file (`optstudio run --config` reads it back)
        "data": exp.data.to_dict(),
        "network": asdict(exp.network),
        "training": asdict(exp.training),
    })
