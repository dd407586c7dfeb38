"""Where the command line trains networks: every command that trains goes through this module,
and through the core's one engine.

* :func:`train_one` – one experiment: :func:`~optstudio.core.build.build_engine`, its events
  iterated here (``optstudio run``);
* :func:`train_runs` – one or more experiments from the same initial weights:
  :func:`~optstudio.core.build.build_plan` (``optstudio compare`` and ``optstudio lab``);
* :func:`range_test_one` – the learning-rate range test of one experiment (``optstudio lr-range``);
* :func:`comparison_runs` – which (label, experiment) pairs a comparison trains.
* :func:`sweep_events` – the runs of a sweep (``optstudio sweep``): a
  :class:`~optstudio.core.sweep.Sweep`'s events, trained here or on an executor.

Both return the runs (:class:`~optstudio.core.engine.Run`: ``result()``, ``history``,
``status``, ``message``) and whether Ctrl-C ended training early.
"""

from __future__ import annotations

from typing import Callable, Sequence, TextIO

from optstudio.cli.flags import coerce_params
from optstudio.cli.progress import Progress
from optstudio.cli.tables import fmt_cost
from optstudio.core.build import build_engine, build_plan
from optstudio.core.engine import StepEvent
from optstudio.core.experiment import Experiment
from optstudio.core.i18n import translate

__all__ = ["train_one", "train_runs", "comparison_runs", "range_test_one", "sweep_events"]


def _updates_planned(engines) -> int:
    """Mini-batch updates the engines will make: the progress bar's length."""
    return sum(-(-e.data.m // e.mini_batch_size) * max(0, e.epochs - e.epoch) for e in engines)


def _train(events, watchers, progress: Progress, on_epoch) -> bool:
    """Iterate a run's or plan's ``events``: watchers see every event, the bar moves per update,
    ``on_epoch(event)`` after each epoch. Returns True when Ctrl-C stopped it: the generator is
    closed, the runs are "stopped" and keep what they learned."""
    try:
        for event in events:
            for watcher in watchers:
                watcher.observe(event)
            if isinstance(event, StepEvent):
                progress.update()
            else:
                on_epoch(event)
    except KeyboardInterrupt:
        events.close()
        return True
    finally:
        progress.close()
    return False


def train_one(exp: Experiment, manager, *, print_every: int | None = None, out: TextIO | None = None,
              observers: Callable[[list], Sequence] | None = None, progress: bool = False):
    """Build and train ``exp``; with ``print_every`` print ``Cost after epoch i: x`` lines like the
    notebook on ``out`` as the epochs end. Returns ``(run, interrupted)``: Ctrl-C ends training
    early and keeps what was done.

    With the notebook preset the printed cost is the last mini-batch's, exactly as the notebook
    prints it; otherwise it is the epoch's mean training cost. ``progress``: a bar with ETA on
    stderr (see :mod:`optstudio.cli.progress`).

    ``observers(runs)`` (optional) returns objects with ``observe(event)`` and ``needs_steps``
    (e.g. :class:`~optstudio.core.probes.Tracker`), made before training and given every event."""
    engine = build_engine(exp, manager)
    run = engine.runs[0]
    notebook = exp.training.preset == "notebook"
    watchers = list(observers(engine.runs)) if observers else []
    bar = Progress(_updates_planned([engine]), exp.optimizer.name, enabled=progress)

    def on_epoch(event):
        if print_every and event.runs:
            rec = run.history.last
            if rec.epoch % print_every == 0:
                cost = rec.last_batch_cost if notebook else rec.cost
                bar.write(translate("cli_training", "Cost after epoch {epoch}: {cost}").format(
                    epoch=rec.epoch, cost=fmt_cost(cost)), file=out)

    steps = bar.enabled or any(w.needs_steps for w in watchers)
    interrupted = _train(engine.steps(mini_batches=steps), watchers, bar, on_epoch)
    return run, interrupted


def range_test_one(exp: Experiment, manager, start: float, stop: float, steps: int, divergence: float = 4.0):
    """The learning-rate range test of ``exp`` (:func:`optstudio.core.lr_range.range_test`) on a
    freshly built engine: a :class:`~optstudio.core.lr_range.RangeTestResult`."""
    from optstudio.core.lr_range import range_test
    return range_test(build_engine(exp, manager), start, stop, steps, divergence=divergence)


def train_runs(runs: list[tuple[str, Experiment]], manager,
               observers: Callable[[list], Sequence] | None = None, progress: bool = False):
    """Train every (label, experiment) of a comparison; returns ``(runs, interrupted)``: one run
    per pair, in order (Ctrl-C stops early and keeps what was done). ``observers`` and
    ``progress`` as for :func:`train_one`."""
    plan = build_plan([e for _, e in runs], manager, [label for label, _ in runs])
    watchers = list(observers(plan.runs)) if observers else []
    bar = Progress(_updates_planned(plan.engines) * 1, translate("cli_training", "compare"), enabled=progress)
    steps = bar.enabled or any(w.needs_steps for w in watchers)
    interrupted = _train(plan.steps(mini_batches=steps), watchers, bar, lambda event: None)
    return plan.runs, interrupted


def comparison_runs(exp: Experiment, names: list[str] | None, manager=None) -> list[tuple[str, Experiment]]:
    """(label, experiment) per run: from ``--optimizers``, else the experiment's runs, else the
    notebook's three (gd, momentum, adam). Each experiment's parameters are coerced (see
    :func:`~optstudio.cli.flags.coerce_params`)."""
    if names:
        runs = [{"label": _label(name, manager), "optimizer": {"name": name}} for name in names]
        if exp.optimizer.name in names:
            runs[names.index(exp.optimizer.name)]["optimizer"]["params"] = dict(exp.optimizer.params)
    elif exp.runs:
        runs = exp.runs
    else:
        runs = [{"label": _label(n, manager), "optimizer": {"name": n}} for n in ("gd", "momentum", "adam")]
    out = []
    for i, patch in enumerate(runs):
        variant = coerce_params(exp.variant(patch, where=f"run {i + 1}"), manager)
        out.append((patch.get("label") or variant.optimizer.name, variant))
    return out


def _label(name: str, manager) -> str:
    """A table names an optimizer by its label ("Gradient descent"); an unknown name stays as it is
    (building the run reports it)."""
    try:
        return manager.optimizer_info(name).label if manager is not None else name
    except (KeyError, ValueError):
        return name


def sweep_events(sweep, **options):
    """The events of ``sweep`` (:meth:`optstudio.core.sweep.Sweep.run` with ``options``): progress
    and each finished run's result, as runs finish."""
    return sweep.run(**options)
