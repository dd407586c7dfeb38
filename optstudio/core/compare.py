"""Train several variants of an experiment on the same data from the same initial weights."""

from __future__ import annotations

from typing import Sequence

from optstudio.core.datasets import load_dataset
from optstudio.core.experiment import Experiment, build_trainer

__all__ = ["compare_runs"]


def compare_runs(experiments: Sequence[Experiment], manager=None, labels: Sequence[str] | None = None,
                 callback=None):
    """One finished trainer per experiment. Variants that share the data settings share the
    loaded data set; with the same seed they start from the same weights."""
    trainers = []
    cache = {}
    for exp in experiments:
        key = repr(exp.data.to_dict())
        if key not in cache:
            cache[key] = load_dataset(exp.data)
        trainer = build_trainer(exp, manager, dataset=cache[key], callback=callback)
        trainer.run()
        trainers.append(trainer)
    return trainers
