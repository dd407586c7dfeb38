"""Sweeps: a grid of optimizers × learning rates × seeds (× any hyperparameter) trained as stacks.

A sweep is an experiment (the base: data, network, training, schedule) and a :class:`SweepSpec`
(the grid). Every combination is a :class:`Cell`: one run, exactly the run
``optstudio run`` would make with that optimizer, learning rate, seed and hyperparameters.

How the cells are trained (fast, and with the numbers of single runs):

* cells that share their data, network, mini-batch size, epochs and mini-batches (the same seed
  in the default preset; any seed in the notebook preset, whose shuffling does not depend on it)
  are trained as the rows of one :class:`~optstudio.core.engine.Engine` stack: one stacked
  forward/backward pass per mini-batch, the first layer one product for all of them;
* within a stack, consecutive cells of one stackable optimizer kind form a
  :class:`~optstudio.core.engine.RowGroup`: one optimizer object updates all their rows at once,
  with a (k, 1) column of learning rates (and of β, ε … where they differ);
* a stack is cut into :class:`Task` pieces of at most ``max_rows`` runs (and into enough pieces to
  keep every worker busy); a task is plain data (experiment dictionaries), trained by
  :func:`run_task` in this process, in a pool of processes or on a Dask cluster.

:meth:`Sweep.run` is a generator of :class:`SweepProgress` and :class:`CellResult` events, for
the command line and the window alike: it trains in this process (``executor=None``, progress
after every epoch) or submits the tasks to an executor (anything with
``submit(fn, *args) -> concurrent.futures.Future``: :mod:`optstudio.executors` makes one for the
machine's cores with joblib and one for a Dask cluster). Stopping: :meth:`Sweep.cancel` from any
thread, or closing the generator; the results already yielded are complete runs. A task whose
worker died is submitted once more, then its cells are reported as failed; a run that diverges or
whose plugin raises ends on its own and the others go on (the engine's rules).

numpy and the standard library only.
"""

from __future__ import annotations

import concurrent.futures
import copy
import hashlib
import json
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from optstudio.core.analysis import epochs_to_reach
from optstudio.core.build import build_network, make_shuffler
from optstudio.core.datasets import load_dataset
from optstudio.core.engine import Engine
from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.core.i18n import translate
from optstudio.core.optim import OptimizerFailure, Registry, one_line, validate_params
from optstudio.core.settings import LEARNING_RATE, MINI_BATCH_SIZE, SEED, check_setting

__all__ = ["SweepSpec", "Sweep", "Cell", "Task", "CellResult", "SweepProgress", "run_task",
           "log_spaced", "parse_learning_rates", "parse_seeds", "MAX_ROWS", "RECORD_FIELDS"]

#: the most runs trained as one stack: more rows share each call's overhead, until the stack's
#: arrays leave the caches (measured on the notebook workload: 100 rows beat 2 × 50)
MAX_ROWS = 128

#: the fields of a result record, in the order of a table's columns (grid values come after
#: ``mini_batch_size``; ``optimizer_params``/``schedule_params`` are dictionaries)
RECORD_FIELDS = ("sweep", "index", "optimizer", "learning_rate", "seed", "mini_batch_size", "schedule",
                 "final_cost", "final_test_cost", "train_accuracy", "test_accuracy", "epochs",
                 "epochs_to_target", "steps", "seconds", "status", "message")


# ---------------------------------------------------------------------------------------------
# The grid
# ---------------------------------------------------------------------------------------------

def log_spaced(start: float, stop: float, count: int) -> list[float]:
    """``count`` numbers from ``start`` to ``stop`` (both included) equally spaced on a log scale."""
    if count == 1:
        return [float(start)]
    return [float(v) for v in np.geomspace(start, stop, count)]


def parse_learning_rates(value: Any, where: str = "learning rates") -> list[float]:
    """Learning rates from ``"1e-4:1e-1:10"`` (start:stop:count, log-spaced), ``"0.001,0.01"``,
    a list of numbers or ``{"start": …, "stop": …, "count": …}``. ValueError with one line
    naming ``where`` otherwise."""
    if isinstance(value, str):
        text = value.strip()
        if ":" in text:
            parts = text.split(":")
            if len(parts) != 3:
                raise ValueError(translate("sweep", "{where}: write start:stop:count, e.g. 1e-4:1e-1:10, got {value}").format(where=where, value=repr(value)))
            value = {"start": parts[0], "stop": parts[1], "count": parts[2]}
        else:
            value = [part for part in text.split(",") if part.strip()]
    if isinstance(value, Mapping):
        unknown = sorted(set(value) - {"start", "stop", "count"})
        if unknown or not {"start", "stop", "count"} <= set(value):
            raise ValueError(translate("sweep", "{where}: a range needs start, stop and count, got {keys}").format(where=where, keys=sorted(value)))
        start = check_setting(LEARNING_RATE, value["start"], f"{where}: start")
        stop = check_setting(LEARNING_RATE, value["stop"], f"{where}: stop")
        count = value["count"]
        try:
            if isinstance(count, bool) or float(count) != int(float(count)):
                raise ValueError
            count = int(float(count))
        except (TypeError, ValueError):
            raise ValueError(translate("sweep", "{where}: count must be a whole number, got {value}").format(where=where, value=repr(count))) from None
        if not 1 <= count <= 10000:
            raise ValueError(translate("sweep", "{where}: count must be between 1 and 10000, got {value}").format(where=where, value=count))
        return log_spaced(start, stop, count)
    if not isinstance(value, (list, tuple)) or not value:
        raise ValueError(translate("sweep", "{where}: give a list of numbers or a range start:stop:count, got {value}").format(where=where, value=repr(value)))
    return _unique([check_setting(LEARNING_RATE, v, where) for v in value])


def parse_seeds(value: Any, where: str = "seeds") -> list[int]:
    """Seeds from a count (``3`` → 0, 1, 2), ``"1,5,9"`` or a list. ValueError otherwise."""
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if len(parts) == 1 and "," not in value:
            value = parts[0]
            try:
                value = int(value)
            except ValueError:
                raise ValueError(translate("sweep", "{where}: give a number of seeds or a list such as 1,5,9, got {value}").format(where=where, value=repr(value))) from None
        else:
            value = parts
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= 100000:
            raise ValueError(translate("sweep", "{where}: the number of seeds must be between 1 and 100000, got {value}").format(where=where, value=value))
        return list(range(value))
    if not isinstance(value, (list, tuple)) or not value:
        raise ValueError(translate("sweep", "{where}: give a number of seeds or a list of seeds, got {value}").format(where=where, value=repr(value)))
    return _unique([check_setting(SEED, v, where) for v in value])


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


@dataclass
class SweepSpec:
    """The grid of a sweep, as in the ``"sweep"`` section of an experiment or lab file::

        "sweep": {
          "optimizers": ["gd", "adam"],                     # default: the experiment's optimizer
          "learning_rates": {"start": 1e-4, "stop": 1, "count": 9},   # or a list; default: its α
          "seeds": 3,                                       # 0, 1, 2; or a list; default: its seed
          "params": {"epsilon": 1e-7},                      # for every optimizer that has them
          "grid": {"beta2": [0.99, 0.999], "mini_batch_size": [32, 64]},
          "target_cost": 0.3                                # for epochs to target (optional)
        }

    ``grid`` names an optimizer hyperparameter (a cell exists for each value only for the
    optimizers that have it), a schedule hyperparameter, or ``mini_batch_size``.
    """

    optimizers: list[str] = field(default_factory=list)
    learning_rates: list[float] = field(default_factory=list)
    seeds: list[int] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    grid: dict[str, list] = field(default_factory=dict)
    target_cost: float | None = None

    KEYS = ("optimizers", "learning_rates", "seeds", "params", "grid", "target_cost")

    @classmethod
    def from_dict(cls, data: Any, where: str = "sweep") -> "SweepSpec":
        """Read a ``"sweep"`` section; ExperimentError with one line naming what is wrong."""
        if not isinstance(data, Mapping):
            raise ExperimentError(translate("sweep", "{where} must be a table of settings").format(where=where))
        unknown = sorted(set(data) - set(cls.KEYS))
        if unknown:
            raise ExperimentError(translate("sweep", "{where}: unknown setting {name} (known: {names})").format(
                where=where, name=repr(unknown[0]), names=", ".join(cls.KEYS)))
        spec = cls()
        try:
            if "optimizers" in data:
                names = data["optimizers"]
                if isinstance(names, str):
                    names = [n.strip() for n in names.split(",") if n.strip()]
                if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
                    raise ValueError(translate("sweep", "{where}: optimizers must be a list of optimizer names").format(where=where))
                spec.optimizers = _unique(names)
            if "learning_rates" in data:
                spec.learning_rates = parse_learning_rates(data["learning_rates"], f"{where}: learning_rates")
            if "seeds" in data:
                spec.seeds = parse_seeds(data["seeds"], f"{where}: seeds")
            if "params" in data:
                if not isinstance(data["params"], Mapping):
                    raise ValueError(translate("sweep", "{where}: params must be a table of name = value").format(where=where))
                spec.params = dict(data["params"])
            if "grid" in data:
                grid = data["grid"]
                if not isinstance(grid, Mapping):
                    raise ValueError(translate("sweep", "{where}: grid must be a table of name = [values]").format(where=where))
                for name, values in grid.items():
                    if isinstance(values, str):
                        values = [v.strip() for v in values.split(",") if v.strip()]
                    if not isinstance(values, list) or not values:
                        raise ValueError(translate("sweep", "{where}: grid {name} must be a list of values").format(where=where, name=repr(name)))
                    spec.grid[_grid_name(name)] = _unique(values)
            if data.get("target_cost") is not None:
                target = data["target_cost"]
                if isinstance(target, bool) or not isinstance(target, (int, float)) or not math.isfinite(target):
                    raise ValueError(translate("sweep", "{where}: target_cost must be a number, got {value}").format(where=where, value=repr(target)))
                spec.target_cost = float(target)
        except ExperimentError:
            raise
        except ValueError as exc:
            raise ExperimentError(str(exc)) from None
        return spec

    def to_dict(self) -> dict:
        out: dict[str, Any] = {}
        if self.optimizers:
            out["optimizers"] = list(self.optimizers)
        if self.learning_rates:
            out["learning_rates"] = list(self.learning_rates)
        if self.seeds:
            out["seeds"] = list(self.seeds)
        if self.params:
            out["params"] = dict(self.params)
        if self.grid:
            out["grid"] = {k: list(v) for k, v in self.grid.items()}
        if self.target_cost is not None:
            out["target_cost"] = self.target_cost
        return out


def _grid_name(name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise ValueError(translate("sweep", "grid: {name} is not a hyperparameter name").format(name=repr(name)))
    return "mini_batch_size" if name in ("batch_size", "mini-batch-size", "mini_batch") else name


# ---------------------------------------------------------------------------------------------
# Cells and tasks
# ---------------------------------------------------------------------------------------------

@dataclass
class Cell:
    """One run of a sweep: ``values`` are its grid values ({"beta2": 0.99, …}) and
    ``experiment`` is the complete experiment it trains."""

    index: int
    optimizer: str
    learning_rate: float
    seed: int
    values: dict
    experiment: Experiment

    @property
    def key(self) -> str:
        """What identifies the cell in a results file (for ``--resume``)."""
        return cell_key(self.optimizer, self.learning_rate, self.seed, self.values)

    @property
    def label(self) -> str:
        extra = "".join(f" {name}={value:g}" if isinstance(value, float) else f" {name}={value}"
                        for name, value in self.values.items())
        return f"{self.optimizer} α={self.learning_rate:g} seed {self.seed}{extra}"


def cell_key(optimizer: str, learning_rate: Any, seed: Any, values: Mapping[str, Any]) -> str:
    """A text key for a cell; numbers are normalised so that a value read back from a CSV file
    (text) gives the same key as the number."""
    def norm(value: Any) -> str:
        if isinstance(value, bool):
            return str(value).lower()
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value).strip().lower()
        return repr(number)
    parts = [str(optimizer), norm(learning_rate), norm(seed)] + [f"{k}={norm(v)}" for k, v in sorted(values.items())]
    return "|".join(parts)


@dataclass
class Task:
    """Cells trained together (one engine): plain data, so it can travel to another process.

    ``payload`` holds each cell's index and experiment dictionary and the row groups; ``work``
    is runs × epochs (for progress)."""

    cells: list[int]
    payload: dict
    work: int


@dataclass
class SweepProgress:
    """How far a sweep is: ``done`` of ``total`` runs finished, ``fraction`` of the training work
    done (epochs × runs), ``elapsed`` seconds, ``eta`` seconds left (None until it can be told)."""

    done: int
    total: int
    fraction: float
    elapsed: float
    eta: float | None


@dataclass
class CellResult:
    """A finished run: its :class:`Cell`, its result ``record`` (plain JSON-ready data; see
    :data:`RECORD_FIELDS`) and the sweep's progress after it."""

    cell: Cell
    record: dict
    progress: SweepProgress


class Sweep:
    """A sweep of ``base`` over ``spec``'s grid, its optimizers and schedules from ``registry``.

    Raises ExperimentError (one line) for a bad grid: an unknown optimizer, a hyperparameter no
    optimizer of the sweep has, a value its ParamSpec refuses. ``cells`` lists the runs in
    order: optimizer, then its grid values, then learning rate, then seed.
    """

    def __init__(self, base: Experiment, spec: SweepSpec, registry: Registry, *, max_rows: int = MAX_ROWS):
        base = base.copy()
        base.runs = []
        base.extras.pop("sweep", None)
        base.validate()
        self.base = base
        self.spec = copy.deepcopy(spec)
        self.registry = registry
        self.max_rows = max(1, int(max_rows))
        self.cells = self._expand()
        self.fingerprint = self._fingerprint()
        self._cancel = threading.Event()

    def _fingerprint(self) -> str:
        """12 hex digits naming what every run of the sweep shares (data, network, training,
        schedule, fixed hyperparameters, target cost), not its axes: a results file with the same
        fingerprint can be continued, with more optimizers, rates, seeds or grid values too."""
        fixed = self.base.to_dict()
        fixed["optimizer"].pop("learning_rate", None)
        fixed["training"].pop("seed", None)
        fixed.pop("title", None)
        fixed.pop("instructions", None)
        fixed.pop("translations", None)
        data = {"base": fixed, "params": self.spec.params, "target_cost": self.spec.target_cost}
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=repr).encode()).hexdigest()[:12]

    def cell_of(self, record: Mapping[str, Any]) -> Cell | None:
        """The cell a result record (e.g. read back from a results file, values as text) is the
        run of, or None."""
        candidates = self._by_axes().get(cell_key(record.get("optimizer"), record.get("learning_rate"),
                                                  record.get("seed"), {}))
        for cell in candidates or ():
            if all(cell_key("", 0, 0, {name: value}) == cell_key("", 0, 0, {name: _record_value(record, name)})
                   for name, value in cell.values.items()):
                return cell
        return None

    def _by_axes(self) -> dict[str, list[Cell]]:
        if getattr(self, "_axes", None) is None:
            self._axes: dict[str, list[Cell]] = {}
            for cell in self.cells:
                self._axes.setdefault(cell_key(cell.optimizer, cell.learning_rate, cell.seed, {}), []).append(cell)
        return self._axes

    # ------------------------------------------------------------------ the grid
    def _expand(self) -> list[Cell]:
        base, spec, registry = self.base, self.spec, self.registry   # spec: this sweep's own copy
        names = spec.optimizers or [base.optimizer.name]
        rates = spec.learning_rates or [base.optimizer.learning_rate]
        seeds = spec.seeds or [base.training.seed]
        infos = {}
        for name in names:
            try:
                infos[name] = registry.optimizer_info(name)
            except KeyError as exc:
                raise ExperimentError(one_line(exc, with_type=False)) from None
            except ValueError as exc:
                raise ExperimentError(str(exc)) from None
        try:
            schedule_info = registry.schedule_info(base.schedule.name)
        except (KeyError, ValueError) as exc:
            raise ExperimentError(one_line(exc, with_type=False)) from None
        schedule_names = {p.name for p in schedule_info.params}
        for name in spec.params:
            if not any(name in {p.name for p in info.all_params} for info in infos.values()):
                raise ExperimentError(translate("sweep", "sweep: no optimizer of the sweep ({names}) has a hyperparameter {name}")
                                      .format(names=", ".join(names), name=repr(name)))
        for name, values in spec.grid.items():
            if name == "mini_batch_size":
                spec.grid[name] = _unique([check_setting(MINI_BATCH_SIZE, v, "grid mini_batch_size") for v in values])
            elif name in schedule_names:
                continue
            elif not any(name in {p.name for p in info.all_params} for info in infos.values()):
                known = sorted({p.name for info in infos.values() for p in info.all_params} | schedule_names)
                raise ExperimentError(translate("sweep", "grid {name}: no optimizer of the sweep ({names}) nor the schedule {schedule} has it (known: {known}, mini_batch_size)")
                                      .format(name=repr(name), names=", ".join(names), schedule=repr(base.schedule.name),
                                              known=", ".join(known)))
        cells: list[Cell] = []
        for name in names:
            info = infos[name]
            own = {p.name for p in info.all_params}
            dims = [(g, vals) for g, vals in spec.grid.items()
                    if g == "mini_batch_size" or g in own or g in schedule_names]
            params = dict(base.optimizer.params) if name == base.optimizer.name else {}
            params.update({k: v for k, v in spec.params.items() if k in own})
            for combo in _product([vals for _g, vals in dims]):
                values = {g: v for (g, _vals), v in zip(dims, combo)}
                exp = base.copy()
                exp.optimizer.name = name
                exp.optimizer.params = dict(params)
                exp.schedule.params = dict(base.schedule.params)
                for g, v in values.items():
                    if g == "mini_batch_size":
                        exp.training.mini_batch_size = v
                    elif g in own:
                        exp.optimizer.params[g] = v
                    else:
                        exp.schedule.params[g] = v
                try:
                    exp.schedule.params = {k: v for k, v in validate_params(
                        schedule_info.params, exp.schedule.params, f"schedule {base.schedule.name!r}").items()
                        if k in exp.schedule.params}
                    exp.optimizer.params = info.validate(exp.optimizer.params)
                    exp.optimizer.params = {k: v for k, v in exp.optimizer.params.items()
                                            if k in params or k in values or k in {p.name for p in info.params}}
                except ValueError as exc:
                    raise ExperimentError(f"sweep: {exc}") from None
                values = {g: exp.training.mini_batch_size if g == "mini_batch_size" else
                          exp.optimizer.params[g] if g in own else exp.schedule.params[g] for g in values}
                for rate in rates:
                    for seed in seeds:
                        cell_exp = exp.copy()
                        cell_exp.optimizer.learning_rate = float(rate)
                        cell_exp.training.seed = int(seed)
                        cells.append(Cell(len(cells), name, float(rate), int(seed), dict(values), cell_exp))
        seen: set[str] = set()
        for cell in cells:     # a schedule's factory may refuse a combination of values
            key = json.dumps(cell.experiment.schedule.params, sort_keys=True, default=repr)
            if key in seen:
                continue
            seen.add(key)
            try:
                registry.create_schedule(cell.experiment.schedule.name, cell.experiment.schedule.params)
            except OptimizerFailure:
                continue      # the plugin's own failure: the runs that use it fail, the others go on
            except (KeyError, ValueError) as exc:
                raise ExperimentError(f"sweep: {one_line(exc, with_type=False)}") from None
        return cells

    def __len__(self) -> int:
        return len(self.cells)

    # ------------------------------------------------------------------ tasks
    def tasks(self, cells: Sequence[Cell] | None = None, workers: int = 1) -> list[Task]:
        """The cells (default: all) cut into tasks: cells that can share a stack, in pieces of at
        most ``max_rows`` runs, and in at least ``workers`` pieces where there are enough runs."""
        cells = list(self.cells if cells is None else cells)
        stacks: dict[str, list[Cell]] = {}
        for cell in cells:
            stacks.setdefault(_stack_key(cell.experiment), []).append(cell)
        total = len(cells)
        # about equal pieces: every worker gets work, and no piece is larger than max_rows
        target = max(1, min(self.max_rows, math.ceil(total / max(1, workers))))
        tasks = []
        for members in stacks.values():
            if members[0].experiment.network.batch_norm:
                pieces = [[c] for c in members]   # a batch-normalised network is not stacked
            else:
                members.sort(key=lambda c: (self._signature_order(c), c.index))
                n = math.ceil(len(members) / target)
                size = math.ceil(len(members) / n)
                pieces = [members[i:i + size] for i in range(0, len(members), size)]
            for piece in pieces:
                tasks.append(self._task(piece))
        tasks.sort(key=lambda t: t.cells[0])
        return tasks

    def _signature(self, cell: Cell):
        info = self.registry.optimizer_info(cell.optimizer)
        try:
            return info.stack_signature(cell.experiment.optimizer.params)
        except ValueError:
            return None

    def _signature_order(self, cell: Cell) -> str:
        return json.dumps(self._signature(cell), default=repr)

    def _task(self, piece: list[Cell]) -> Task:
        groups, start = [], 0
        signatures = [self._signature(c) for c in piece]
        for i in range(1, len(piece) + 1):
            if i == len(piece) or signatures[i] != signatures[start]:
                if signatures[start] is not None:
                    groups.append([start, i])
                start = i
        epochs = piece[0].experiment.training.epochs
        payload = {"cells": [{"index": c.index, "experiment": c.experiment.to_dict()} for c in piece],
                   "row_groups": groups, "target_cost": self.spec.target_cost, "sweep": self.fingerprint}
        return Task([c.index for c in piece], payload, len(piece) * epochs)

    # ------------------------------------------------------------------ running
    def cancel(self) -> None:
        """Stop the sweep as soon as possible (from any thread): :meth:`run` yields nothing more;
        runs already reported are kept."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self, *, executor=None, workers: int = 1, skip: Iterable[str] = (),
            registry_factory: Callable[[], Registry] | None = None, retries: int = 1,
            progress_every: float = 0.2) -> Iterator[SweepProgress | CellResult]:
        """Train the cells (except those whose :attr:`Cell.key` is in ``skip``) and yield a
        :class:`CellResult` per finished run, in the order they finish, and a
        :class:`SweepProgress` at most every ``progress_every`` seconds in between.

        ``executor``: None trains here, one task after the other; otherwise an object with
        ``submit(fn, *args)`` returning a ``concurrent.futures.Future`` (:mod:`optstudio.executors`);
        ``registry_factory`` (a picklable function returning the registry, e.g. the plugin
        manager's ``get_plugin_manager``) is then called in the worker. A task whose future fails
        (a worker died, the cluster lost it) is submitted ``retries`` more times, then its cells
        are reported with status "failed". :meth:`cancel`, or closing the generator, stops: pending
        tasks are cancelled."""
        if executor is not None and registry_factory is None:
            raise ValueError("a sweep on an executor needs registry_factory, to build the registry in the workers")
        self._cancel.clear()     # here, not in the generator: a cancel() right after run() counts
        return self._events(executor, workers, set(skip), registry_factory, retries, progress_every)

    def _events(self, executor, workers, skip, registry_factory, retries, progress_every):
        todo = [c for c in self.cells if c.key not in skip]
        tasks = self.tasks(todo, workers if executor is not None else 1)
        tracker = _Tracker(len(self.cells) - len(todo), len(self.cells), sum(t.work for t in tasks))
        if executor is None:
            yield from self._run_here(tasks, tracker, progress_every)
        else:
            yield from self._run_on(executor, tasks, tracker, registry_factory, retries, progress_every)

    def _results(self, task: Task, records: list[dict], tracker: "_Tracker") -> Iterator[CellResult]:
        tracker.finish(task, len(records))
        for record in records:
            cell = self.cells[record["index"]]
            tracker.done += 1
            yield CellResult(cell, record, tracker.progress())

    def _run_here(self, tasks: list[Task], tracker: "_Tracker", every: float):
        last = time.perf_counter()
        for task in tasks:
            if self.cancelled:
                return
            trainer = _TaskTrainer(task.payload, self.registry)
            for epochs_done in trainer.steps():
                if self.cancelled:
                    return
                tracker.partial(task, epochs_done)
                now = time.perf_counter()
                if now - last >= every:
                    last = now
                    yield tracker.progress()
            yield from self._results(task, trainer.records(), tracker)

    def _run_on(self, executor, tasks: list[Task], tracker: "_Tracker", registry_factory, retries: int,
                every: float):
        attempts: dict[int, int] = {}
        pending: dict[concurrent.futures.Future, int] = {}

        def submit(i: int) -> None:
            attempts[i] = attempts.get(i, 0) + 1
            pending[executor.submit(run_task, tasks[i].payload, registry_factory)] = i

        try:
            for i in range(len(tasks)):
                submit(i)
            while pending:
                if self.cancelled:
                    return
                finished, _ = concurrent.futures.wait(list(pending), timeout=every,
                                                      return_when=concurrent.futures.FIRST_COMPLETED)
                if not finished:
                    yield tracker.progress()
                    continue
                for future in finished:
                    i = pending.pop(future)
                    try:
                        records = future.result()
                    except Exception as exc:  # noqa: BLE001 - the worker or the connection failed
                        if attempts[i] <= retries and not self.cancelled:
                            submit(i)
                            continue
                        records = [_lost(cell, tasks[i].payload, exc) for cell in tasks[i].payload["cells"]]
                    yield from self._results(tasks[i], records, tracker)
        finally:
            for future in pending:
                future.cancel()


class _Tracker:
    """Runs done, training work done (runs × epochs) and the time, for :class:`SweepProgress`."""

    def __init__(self, done: int, total: int, work: int):
        self.done, self.total = done, total
        self.work = max(1, work)
        self.finished_work = 0
        self.partial_work: dict[int, int] = {}
        self.start = time.perf_counter()

    def partial(self, task: Task, epochs_done: int) -> None:
        self.partial_work[id(task)] = min(task.work, epochs_done * len(task.cells))

    def finish(self, task: Task, _n: int) -> None:
        self.partial_work.pop(id(task), None)
        self.finished_work += task.work

    def progress(self) -> SweepProgress:
        fraction = min(1.0, (self.finished_work + sum(self.partial_work.values())) / self.work)
        elapsed = time.perf_counter() - self.start
        eta = elapsed * (1.0 - fraction) / fraction if fraction > 0.0 else None
        return SweepProgress(self.done, self.total, fraction, elapsed, eta)


# ---------------------------------------------------------------------------------------------
# Training one task (in this process or in a worker)
# ---------------------------------------------------------------------------------------------

_DATASETS: dict[str, Any] = {}


def _dataset(data: dict):
    """The dataset of ``data`` (a DataSpec dictionary), kept for the next tasks of this process."""
    key = json.dumps(data, sort_keys=True, default=repr)
    dataset = _DATASETS.get(key)
    if dataset is None:
        if len(_DATASETS) >= 4:
            _DATASETS.clear()
        dataset = _DATASETS[key] = load_dataset(data)
    return dataset


def _stack_key(exp: Experiment) -> str:
    """Cells with equal keys can be rows of one stack: same data, network (architecture, loss,
    L2, initialiser), mini-batch size, epochs, preset, and mini-batches (the seed draws them in
    the default preset; the notebook preset's shuffling is the same for every seed)."""
    t = exp.training
    return json.dumps({"data": exp.data.to_dict(), "network": exp.to_dict()["network"],
                       "mini_batch_size": t.mini_batch_size, "epochs": t.epochs, "preset": t.preset,
                       "shuffle": None if t.preset == "notebook" else t.seed}, sort_keys=True, default=repr)


class _TaskTrainer:
    """Builds the engine of one task and trains it; its runs' result records."""

    def __init__(self, payload: dict, registry: Registry):
        self.payload = payload
        self.entries = payload["cells"]
        self.experiments = []
        self.errors: dict[int, str] = {}
        self.engine = None
        self.target = payload.get("target_cost")
        networks, optimizers, schedules, pers, rates, members = [], [], [], [], [], []
        shuffler_rng = None
        dataset = None
        for j, entry in enumerate(self.entries):
            exp = Experiment.from_dict(entry["experiment"], where=f"run {entry['index']}")
            self.experiments.append(exp)
            try:
                dataset = dataset or _dataset(exp.data.to_dict())
                optimizer = registry.create_optimizer(exp.optimizer.name, exp.optimizer.params)
                schedule = registry.create_schedule(exp.schedule.name, exp.schedule.params)
                per = registry.schedule_info(exp.schedule.name).per
                if _constant(schedule, exp):
                    schedule = None      # the same α every epoch, without a call per run and epoch
                network, rng = build_network(exp, dataset)
            except Exception as exc:  # noqa: BLE001 - this run fails, the others go on
                self.errors[j] = one_line(exc)
                continue
            if shuffler_rng is None:
                shuffler_rng = rng
            networks.append(network)
            optimizers.append(optimizer)
            schedules.append(schedule)
            pers.append(per)
            rates.append(exp.optimizer.learning_rate)
            members.append(j)
        self.members = members
        if not members:
            return
        row_groups = []
        position = {j: i for i, j in enumerate(members)}
        for start, stop in payload.get("row_groups", []):
            inside = [position[j] for j in range(start, stop) if j in position]
            # a run that could not be built splits its group: keep the consecutive pieces
            for piece in _consecutive(inside):
                exps = [self.experiments[members[i]] for i in piece]
                try:
                    info = registry.optimizer_info(exps[0].optimizer.name)
                    stacked = info.create_stacked([e.optimizer.params for e in exps])
                except Exception:  # noqa: BLE001 - then these runs update one by one
                    continue
                row_groups.append((piece, stacked))
        lead = self.experiments[members[0]]
        try:
            self.engine = Engine(networks, dataset, optimizers, rates, schedules=schedules, schedule_pers=pers,
                                 labels=[str(self.entries[j]["index"]) for j in members],
                                 mini_batch_size=lead.training.mini_batch_size, epochs=lead.training.epochs,
                                 shuffler=make_shuffler(lead, shuffler_rng), row_groups=row_groups)
            self.engine.record_batch_cost = False    # not reported: spare its loss computation
        except Exception as exc:  # noqa: BLE001 - every run of the task fails with the message
            for j in members:
                self.errors[j] = one_line(exc)
            self.members = []

    def steps(self) -> Iterator[int]:
        """Train; yields the number of epochs done after each epoch."""
        if self.engine is None:
            return
        for event in self.engine.steps():
            yield event.epoch + 1

    def records(self) -> list[dict]:
        out = []
        runs = dict(zip(self.members, self.engine.runs)) if self.engine is not None else {}
        k = self.engine.k if self.engine is not None else 1
        for j, entry in enumerate(self.entries):
            exp = self.experiments[j]
            run = runs.get(j)
            if run is None:
                out.append(_record(entry["index"], exp, self.payload, status="failed",
                                   message=self.errors.get(j, "the run could not be built")))
                continue
            result = run.result()
            costs = run.history.costs
            out.append(_record(entry["index"], exp, self.payload, status=result.status, message=result.message,
                               final_cost=result.final_cost, final_test_cost=result.final_test_cost,
                               train_accuracy=result.train_accuracy, test_accuracy=result.test_accuracy,
                               epochs=result.epochs, steps=result.steps, seconds=result.seconds / k,
                               epochs_to_target=epochs_to_reach(costs, self.target) if self.target is not None
                               else None))
        return out


def _constant(schedule, exp: Experiment) -> bool:
    """Is ``schedule`` the built-in "constant" schedule, which gives α itself at every epoch (so
    that no schedule at all trains the same numbers)? Checked on a few calls."""
    if exp.schedule.name != "constant" or exp.schedule.params:
        return False
    try:
        return all(schedule.rate(rate, epoch, step, [0.5]) == rate
                   for rate, epoch, step in ((0.1, 0, 0), (0.0123, 7, 35), (2.5, 100, 500)))
    except Exception:  # noqa: BLE001 - then it is called as usual, and fails there
        return False


def _consecutive(indices: list[int]) -> list[list[int]]:
    pieces: list[list[int]] = []
    for i in indices:
        if pieces and pieces[-1][-1] == i - 1:
            pieces[-1].append(i)
        else:
            pieces.append([i])
    return pieces


def _number(value):
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def _record(index: int, exp: Experiment, payload: dict, *, status: str, message: str, **results) -> dict:
    """The result of one run as plain JSON-ready data (non-finite numbers are None)."""
    record = {
        "sweep": payload.get("sweep"),
        "index": index,
        "optimizer": exp.optimizer.name,
        "learning_rate": exp.optimizer.learning_rate,
        "seed": exp.training.seed,
        "mini_batch_size": exp.training.mini_batch_size,
        "schedule": exp.schedule.name,
        "optimizer_params": copy.deepcopy(exp.optimizer.params),
        "schedule_params": copy.deepcopy(exp.schedule.params),
        "final_cost": None, "final_test_cost": None, "train_accuracy": None, "test_accuracy": None,
        "epochs": 0, "epochs_to_target": None, "steps": 0, "seconds": 0.0,
        "status": status, "message": message,
    }
    record.update({k: _number(v) for k, v in results.items()})
    record["optimizer_params"] = {k: _number(v) for k, v in record["optimizer_params"].items()}
    return record


def _record_value(record: Mapping[str, Any], name: str):
    """A grid value of a result record: its mini-batch size or one of its hyperparameters."""
    if name == "mini_batch_size":
        return record.get("mini_batch_size")
    for section in ("optimizer_params", "schedule_params"):
        params = record.get(section)
        if isinstance(params, Mapping) and name in params:
            return params[name]
    return record.get(name)


def _lost(entry: dict, payload: dict, exc: BaseException) -> dict:
    exp = Experiment.from_dict(entry["experiment"], where=f"run {entry['index']}")
    return _record(entry["index"], exp, payload, status="failed",
                   message=translate("sweep", "not trained: its task failed on a worker twice ({error})").format(error=one_line(exc)))


def run_task(payload: dict, registry_factory: Callable[[], Registry]) -> list[dict]:
    """Train one task (:attr:`Task.payload`) and return its runs' result records: what a worker
    process or a Dask worker runs. ``registry_factory()`` gives the worker's registry (its
    OptStudio and plugins must be those of the machine that started the sweep)."""
    from optstudio.core.blas import limit_blas_threads
    limit_blas_threads(1)   # one process per core: BLAS threads would only compete
    trainer = _TaskTrainer(payload, registry_factory())
    for _ in trainer.steps():
        pass
    return trainer.records()


def _product(lists: Sequence[Sequence]) -> Iterator[tuple]:
    if not lists:
        yield ()
        return
    for head in lists[0]:
        for rest in _product(lists[1:]):
            yield (head,) + rest
