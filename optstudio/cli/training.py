"""Where the command line trains networks: every command that trains goes through this module.

* :func:`train_one` – one experiment: ``build_trainer(exp, manager)`` then ``trainer.run()``
  (``optstudio run``);
* :func:`train_runs` – one or more experiments from the same initial weights:
  ``compare_runs(...)`` (``optstudio compare`` and ``optstudio lab``);
* :func:`comparison_runs` – which (label, experiment) pairs a comparison trains.

Both return finished trainer-like objects: ``result()``, ``history``, ``status``, ``message``.
"""

from __future__ import annotations

from typing import TextIO

from optstudio.cli.flags import coerce_params
from optstudio.core.experiment import Experiment, build_trainer

__all__ = ["train_one", "train_runs", "comparison_runs"]


def train_one(exp: Experiment, manager, *, print_every: int | None = None, out: TextIO | None = None):
    """Build and train ``exp``; with ``print_every`` print ``Cost after epoch i: x`` lines like the
    notebook on ``out``.

    With the notebook preset the printed cost is the last mini-batch's, exactly as the notebook
    prints it; otherwise it is the epoch's mean training cost."""
    trainer = build_trainer(exp, manager)
    if not print_every:
        trainer.run()
        return trainer
    notebook = exp.training.preset == "notebook"
    printed = 0
    while trainer.epoch < trainer.epochs and trainer.status not in ("diverged", "failed", "stopped"):
        next_print = ((trainer.epoch // print_every) * print_every)
        if next_print < trainer.epoch:
            next_print += print_every
        trainer.run(max_epochs=max(1, next_print - trainer.epoch + 1))
        for rec in trainer.history.records[printed:]:
            if rec.epoch % print_every == 0:
                cost = rec.last_batch_cost if notebook else rec.cost
                print(f"Cost after epoch {rec.epoch}: {cost:f}", file=out)
        printed = len(trainer.history)
    if trainer.epoch >= trainer.epochs and trainer.status == "paused":
        trainer.status = "finished"
    return trainer


def train_runs(runs: list[tuple[str, Experiment]], manager) -> list:
    """Train every (label, experiment) of a comparison; one finished run per pair, in order."""
    from optstudio.core.compare import compare_runs
    return compare_runs([e for _, e in runs], manager, labels=[label for label, _ in runs])


def comparison_runs(exp: Experiment, names: list[str] | None, manager=None) -> list[tuple[str, Experiment]]:
    """(label, experiment) per run: from ``--optimizers``, else the experiment's runs, else the
    notebook's three (gd, momentum, adam). Each experiment's parameters are coerced (see
    :func:`~optstudio.cli.flags.coerce_params`)."""
    if names:
        runs = [{"label": name, "optimizer": {"name": name}} for name in names]
        if exp.optimizer.name in names:
            runs[names.index(exp.optimizer.name)]["optimizer"]["params"] = dict(exp.optimizer.params)
    elif exp.runs:
        runs = exp.runs
    else:
        runs = [{"label": n, "optimizer": {"name": n}} for n in ("gd", "momentum", "adam")]
    out = []
    for i, patch in enumerate(runs):
        variant = coerce_params(exp.variant(patch, where=f"run {i + 1}"), manager)
        out.append((patch.get("label") or variant.optimizer.name, variant))
    return out
