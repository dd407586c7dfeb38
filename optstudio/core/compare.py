"""Train several variants of an experiment on the same data from the same initial weights.

Variants that share the data, the architecture, the initialisation (seed and initialiser), the
mini-batch size, the number of epochs and the shuffling preset are trained *together* by one
:class:`~optstudio.core.batched.BatchedTrainer` (one stacked forward/backward pass per
mini-batch, one optimizer call per run): comparing k optimizers then costs much less than k
runs, and gives the same numbers. Other variants (a lab comparing batch sizes or initialisers)
are trained one after the other by ordinary :class:`~optstudio.core.trainer.Trainer` objects.

``build_comparison`` returns a :class:`Comparison` ready to run (e.g. in the GUI's worker thread);
``compare_runs`` builds it, runs it and returns its runs. Each run (``comparison.runs[i]``, in the
order of the experiments) is used like a trainer: ``result()``, ``history``, ``network``,
``status``, ``message``, ``epoch``, ``epochs``, ``optimizer``, ``decision_grid()``,
``optimizer_state()``, ``effective_step()``.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict
from typing import Callable, Sequence

from optstudio.core.batched import BatchedTrainer, batchable
from optstudio.core.datasets import load_dataset
from optstudio.core.experiment import Experiment, build_trainer
from optstudio.core.trainer import Trainer, TrainResult

__all__ = ["Comparison", "build_comparison", "compare_runs", "batch_key"]


def batch_key(exp: Experiment) -> str:
    """Experiments with equal keys can be trained in one batch: same data, network (architecture,
    loss, L2, initialiser), seed, mini-batch size, epochs and preset (shuffling)."""
    t = exp.training
    return json.dumps({"data": exp.data.to_dict(), "network": asdict(exp.network), "seed": t.seed,
                       "mini_batch_size": t.mini_batch_size, "epochs": t.epochs, "preset": t.preset},
                      sort_keys=True, default=repr)


class _SingleGroup:
    """A run that is not batched: a plain Trainer behind the group interface."""

    def __init__(self, trainer: Trainer):
        self.trainer = trainer
        self.runs = [trainer]

    def run(self, max_epochs: int | None = None):
        return [self.trainer.run(max_epochs)]

    def pause(self) -> None:
        self.trainer.pause()

    def resume(self) -> None:
        self.trainer.resume()

    def stop(self) -> None:
        self.trainer.stop()

    @property
    def status(self) -> str:
        return self.trainer.status

    @property
    def epoch(self) -> int:
        return self.trainer.epoch


class Comparison:
    """Several runs trained group by group in the calling thread of :meth:`run`.

    ``runs``: one trainer-like object per experiment, in input order (a
    :class:`~optstudio.core.batched.BatchedRun` or a :class:`Trainer`); ``groups``: the
    :class:`BatchedTrainer` batches and single runs, trained one after the other;
    ``labels``, ``experiments``. ``pause``/``resume``/``stop`` may be called from any thread.
    ``callback(comparison)`` is called from the training thread at a bounded rate and whenever
    a group pauses or ends.
    """

    def __init__(self, groups: list, runs: list, experiments: list[Experiment], labels: list[str],
                 callback: Callable[["Comparison"], None] | None = None):
        self.groups = groups
        self.runs = runs
        self.experiments = experiments
        self.labels = labels
        self.callback = callback
        self.current = None          # the group being trained
        self._stop = False
        self._paused = False
        self._lock = threading.Lock()
        for group in groups:
            target = group.trainer if isinstance(group, _SingleGroup) else group
            target.callback = self._forward

    def _forward(self, _trainer) -> None:
        if self.callback is not None:
            self.callback(self)

    # ------------------------------------------------------------------ controls (any thread)
    def pause(self) -> None:
        with self._lock:
            self._paused = True
            for group in self.groups:
                group.pause()

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            for group in self.groups:
                group.resume()

    def stop(self) -> None:
        with self._lock:
            self._stop = True
            for group in self.groups:
                group.stop()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def status(self) -> str:
        """running / paused while training; afterwards finished, stopped or failed (every run
        failed or diverged); idle before."""
        statuses = [r.status for r in self.runs]
        if self.current is not None:
            return "paused" if self.current.status == "paused" else "running"
        if all(s == "idle" for s in statuses):
            return "idle"
        if self._stop or any(s == "stopped" for s in statuses):
            return "stopped"
        if any(s == "paused" for s in statuses):
            return "paused"
        if all(s in ("failed", "diverged") for s in statuses):
            return "failed"
        return "finished"

    # ------------------------------------------------------------------ the loop
    def run(self, max_epochs: int | None = None) -> list[TrainResult]:
        """Train every group (``max_epochs`` more epochs each, or to the end); returns one
        result per run, in input order."""
        self._stop = False
        skipped = False
        for group in self.groups:
            if self._stop:
                skipped = True
                for r in group.runs:
                    if r.status == "idle":
                        r.status, r.message = "stopped", "Stopped before it started."
                continue
            self.current = group
            try:
                group.run(max_epochs)
            finally:
                self.current = None
        if skipped:
            self._forward(None)     # the skipped runs' statuses changed after the last report
        return self.results()

    def results(self) -> list[TrainResult]:
        return [r.result() for r in self.runs]

    def decision_grid(self, i: int, resolution: int = 150, bounds=None, margin: float = 0.5):
        """:meth:`Trainer.decision_grid` of run i (2-D data)."""
        return self.runs[i].decision_grid(resolution, bounds, margin)

    def __len__(self) -> int:
        return len(self.runs)

    def __repr__(self) -> str:
        return f"<Comparison {len(self.runs)} runs in {len(self.groups)} groups, {self.status}>"


def build_comparison(experiments: Sequence[Experiment], manager=None, labels: Sequence[str] | None = None,
                     callback=None, *, batched: bool = True, report_interval: float = 1 / 30) -> Comparison:
    """A :class:`Comparison` of ``experiments``, not yet run.

    Experiments with the same :func:`batch_key` are batched (``batched=False`` trains every run
    separately). Raises ``ExperimentError``/``DataError`` with a one-line message on bad input.
    """
    if manager is None:
        from optstudio.plugins.manager import get_plugin_manager
        manager = get_plugin_manager()
    experiments = list(experiments)
    if labels is None:
        labels = [exp.optimizer.name for exp in experiments]
    labels = list(labels)
    if len(labels) != len(experiments):
        raise ValueError(f"{len(experiments)} experiments need {len(experiments)} labels, got {len(labels)}")
    datasets: dict[str, object] = {}
    trainers = []
    for exp in experiments:
        key = repr(exp.data.to_dict())
        if key not in datasets:
            datasets[key] = load_dataset(exp.data)
        trainers.append(build_trainer(exp, manager, dataset=datasets[key], report_interval=report_interval))
    order: dict[str, list[int]] = {}
    for i, exp in enumerate(experiments):
        order.setdefault(batch_key(exp) if batched else str(i), []).append(i)
    groups: list = []
    runs: list = [None] * len(experiments)
    for indices in order.values():
        if len(indices) == 1 or not all(batchable(trainers[indices[0]], trainers[i]) for i in indices):
            for i in indices:   # e.g. batch-normalised networks: one after the other
                groups.append(_SingleGroup(trainers[i]))
                runs[i] = trainers[i]
            continue
        group = BatchedTrainer.from_trainers([trainers[i] for i in indices], labels=[labels[i] for i in indices],
                                             report_interval=report_interval)
        groups.append(group)
        for i, run in zip(indices, group.runs):
            runs[i] = run
    return Comparison(groups, runs, experiments, labels, callback)


def compare_runs(experiments: Sequence[Experiment], manager=None, labels: Sequence[str] | None = None,
                 callback=None):
    """Train every experiment and return one finished trainer-like run per experiment, in input
    order (see :func:`build_comparison`; ``callback(comparison)`` reports progress)."""
    comparison = build_comparison(experiments, manager, labels, callback)
    comparison.run()
    return comparison.runs
