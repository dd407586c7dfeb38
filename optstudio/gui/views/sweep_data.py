"""What the Sweep tab shows, without Qt: the grid the student typed, and the results as a table.

* :func:`grid_spec` turns the tab's fields (optimizers, learning rates ``start:stop:count`` or a
  list, seeds, one optional ``name=v1,v2`` hyperparameter grid, a target cost) into a
  :class:`~optstudio.core.sweep.SweepSpec`; a bad field is a ValueError with one line naming it.
* :class:`SweepResults` holds the cells of a :class:`~optstudio.core.sweep.Sweep` and the result
  records that have arrived. A *configuration* is an optimizer with its grid values (one row of
  the heatmap); its columns are the learning rates; the value of a (configuration, α) square is the
  median over the seeds of the chosen metric (:data:`METRICS`); the sensitivity curves add the
  minimum and maximum over the seeds.
* :func:`training_experiment` is the window's experiment set to one cell's run, for the Training
  tab.
"""

from __future__ import annotations

import copy
import math
import statistics
from dataclasses import dataclass
from typing import Any, Sequence

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.core.sweep import Cell, SweepSpec, parse_learning_rates, parse_seeds

__all__ = ["METRICS", "Metric", "grid_spec", "format_learning_rates", "format_seeds", "format_grid",
           "SweepResults", "Square", "training_experiment", "cell_text"]


@dataclass(frozen=True)
class Metric:
    """A column of the result records the heatmap can colour by (``label`` in English; ``text``
    in the window's language)."""

    key: str
    label: str
    lower_is_better: bool

    @property
    def text(self) -> str:
        return translate("SweepData", self.label)


#: what the heatmap and the sensitivity curves show (the key is the record's field)
METRICS = {
    "final_cost": Metric("final_cost", QT_TRANSLATE_NOOP("SweepData", "final cost"), True),
    "train_accuracy": Metric("train_accuracy", QT_TRANSLATE_NOOP("SweepData", "train accuracy"), False),
    "test_accuracy": Metric("test_accuracy", QT_TRANSLATE_NOOP("SweepData", "test accuracy"), False),
    "epochs_to_target": Metric("epochs_to_target", QT_TRANSLATE_NOOP("SweepData", "epochs to the target cost"), True),
}


# ------------------------------------------------------------------------------ the grid
def grid_spec(optimizers: Sequence[str], learning_rates: str, seeds: str, grid: str = "",
              target_cost: str = "") -> SweepSpec:
    """The SweepSpec of the tab's fields. ValueError (one line naming the field) otherwise."""
    if not optimizers:
        raise ValueError(translate("SweepData", "optimizers: tick at least one optimizer"))
    spec = SweepSpec(optimizers=list(dict.fromkeys(optimizers)))
    if not learning_rates.strip():
        raise ValueError(translate("SweepData", "learning rates: write start:stop:count (e.g. 1e-4:1e-1:7) or a "
                                   "list such as 0.01,0.1"))
    spec.learning_rates = parse_learning_rates(learning_rates, translate("SweepData", "learning rates"))
    if not seeds.strip():
        raise ValueError(translate("SweepData", "seeds: write a number of seeds (3 = seeds 0, 1, 2) or a list such "
                                   "as 1,5,9"))
    spec.seeds = parse_seeds(seeds, translate("SweepData", "seeds"))
    text = grid.strip()
    if text:
        name, sep, values = text.partition("=")
        name = name.strip()
        parts = [v.strip() for v in values.split(",") if v.strip()]
        if not sep or not name or not parts:
            raise ValueError(translate("SweepData", "extra grid: write name=value1,value2 (e.g. "
                                       "beta2=0.99,0.999), got {text}").format(text=repr(text)))
        try:
            spec = SweepSpec.from_dict({**spec.to_dict(), "grid": {name: parts}},
                                       where=translate("SweepData", "extra grid"))
        except ExperimentError as exc:
            raise ValueError(str(exc)) from None
    text = target_cost.strip()
    if text:
        try:
            target = float(text)
        except ValueError:
            raise ValueError(translate("SweepData", "target cost: write a number such as 0.3, got {text}").format(
                text=repr(text))) from None
        if not math.isfinite(target):
            raise ValueError(translate("SweepData", "target cost must be a finite number, got {text}").format(
                text=repr(text)))
        spec.target_cost = target
    return spec


def format_learning_rates(rates: Sequence[float]) -> str:
    """The learning-rate field's text for ``rates``: start:stop:count when they are log-spaced."""
    rates = [float(r) for r in rates]
    if len(rates) >= 3 and all(r > 0 for r in rates):
        ratios = [math.log(b / a) for a, b in zip(rates, rates[1:])]
        if ratios[0] > 0 and all(abs(r - ratios[0]) <= 1e-9 * abs(ratios[0]) + 1e-12 for r in ratios):
            return f"{rates[0]:g}:{rates[-1]:g}:{len(rates)}"
    return ",".join(f"{r:g}" for r in rates)


def format_seeds(seeds: Sequence[int]) -> str:
    seeds = [int(s) for s in seeds]
    if seeds == list(range(len(seeds))):
        return str(len(seeds))
    return ",".join(str(s) for s in seeds)


def format_grid(grid: dict) -> str:
    """The extra-grid field's text (the tab shows one hyperparameter; the first of ``grid``)."""
    if not grid:
        return ""
    name, values = next(iter(grid.items()))
    return f"{name}=" + ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in values)


# ------------------------------------------------------------------------------ results
@dataclass
class Square:
    """One square of the heatmap: a configuration at one learning rate."""

    row: int
    column: int
    value: float | None              # median over the finished seeds (None: none finished / not yet)
    runs: int                        # results arrived
    seeds: int                       # runs the square has in the grid
    statuses: dict                   # status -> count
    message: str = ""                # the first failure's message
    never: bool = False              # a finished run never reached the target cost

    @property
    def text(self) -> str:
        """What the square says besides its colour."""
        if self.runs == 0:
            return "…"
        if self.value is not None:
            return _short(self.value)
        if self.statuses.get("failed"):
            return translate("SweepData", "failed")
        if self.statuses.get("diverged"):
            return translate("SweepData", "diverged")
        if self.statuses.get("finished") and self.never:
            return translate("SweepData", "never")           # finished, but never reached the target
        if self.statuses.get("finished"):
            return "—"
        return next(iter(self.statuses), "?")


def _short(value: float) -> str:
    if value == 0 or 0.01 <= abs(value) < 1000:
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.0f}"
    return f"{value:.1e}"


class SweepResults:
    """The cells of a sweep and the records that arrived (``add``), organised for the views."""

    def __init__(self, cells: Sequence[Cell], labels: dict | None = None, target_cost: float | None = None):
        self.cells = list(cells)
        self.target_cost = target_cost
        labels = labels or {}
        self.records: dict[int, dict] = {}
        self.rows: list[tuple] = []                   # (optimizer, (name, value), …)
        self.row_labels: list[str] = []
        self.learning_rates = sorted({c.learning_rate for c in self.cells})
        self._square_of: dict[int, tuple[int, int]] = {}
        for cell in self.cells:
            key = (cell.optimizer,) + tuple(cell.values.items())
            if key not in self.rows:
                self.rows.append(key)
                extra = " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in cell.values.items())
                self.row_labels.append(" ".join(p for p in (labels.get(cell.optimizer, cell.optimizer), extra) if p))
            self._square_of[cell.index] = (self.rows.index(key), self.learning_rates.index(cell.learning_rate))
        self.squares: dict[tuple[int, int], list[Cell]] = {}
        for cell in self.cells:
            self.squares.setdefault(self._square_of[cell.index], []).append(cell)

    def __len__(self) -> int:
        return len(self.records)

    @property
    def total(self) -> int:
        return len(self.cells)

    def add(self, record: dict) -> None:
        self.records[int(record["index"])] = record

    def square_of(self, cell: Cell) -> tuple[int, int]:
        return self._square_of[cell.index]

    # -------------------------------------------------------------- values
    def value(self, record: dict, metric: str) -> float | None:
        """The metric of one run; None unless it finished (a target never reached is +inf; no
        target at all: None)."""
        if record.get("status") != "finished":
            return None
        value = record.get(metric)
        if value is None:
            return math.inf if metric == "epochs_to_target" and self.target_cost is not None else None
        try:
            value = float(value)
        except (TypeError, ValueError):
            return None
        return value if math.isfinite(value) else None

    def seed_values(self, row: int, column: int, metric: str) -> list[float]:
        values = []
        for cell in self.squares.get((row, column), []):
            record = self.records.get(cell.index)
            if record is not None:
                value = self.value(record, metric)
                if value is not None:
                    values.append(value)
        return values

    def square(self, row: int, column: int, metric: str) -> Square:
        cells = self.squares.get((row, column), [])
        records = [self.records[c.index] for c in cells if c.index in self.records]
        statuses: dict[str, int] = {}
        for record in records:
            statuses[record.get("status", "?")] = statuses.get(record.get("status", "?"), 0) + 1
        all_values = self.seed_values(row, column, metric)
        message = next((str(r.get("message") or "") for r in records if r.get("status") == "failed"), "")
        # a run that never reached the target counts as +inf in the median (of epochs to it)
        median = statistics.median(all_values) if all_values else None
        if median is not None and not math.isfinite(median):
            median = None
        return Square(row, column, median, len(records), len(cells), statuses, message,
                      never=any(math.isinf(v) for v in all_values))

    def matrix(self, metric: str) -> list[list[Square]]:
        """The heatmap: one list of squares per configuration, one square per learning rate."""
        return [[self.square(r, c, metric) for c in range(len(self.learning_rates))] for r in range(len(self.rows))]

    def curves(self, metric: str) -> list[dict]:
        """The sensitivity curves: per configuration the learning rates with a value (the
        heatmap's median over the seeds), and the minimum and maximum over the seeds there (runs
        that did not finish, or never reached the target, left out of the band)."""
        out = []
        for r, label in enumerate(self.row_labels):
            rates, median, low, high = [], [], [], []
            for c, rate in enumerate(self.learning_rates):
                square = self.square(r, c, metric)
                values = [v for v in self.seed_values(r, c, metric) if math.isfinite(v)]
                if square.value is not None and values:
                    rates.append(rate)
                    median.append(square.value)
                    low.append(min(values))
                    high.append(max(values))
            out.append({"label": label, "learning_rates": rates, "median": median, "min": low, "max": high})
        return out

    def best(self, metric: str, matrix: list | None = None) -> Square | None:
        """The square with the best median (lowest cost or epochs, highest accuracy); ``matrix``:
        :meth:`matrix` of ``metric`` if already computed."""
        better_low = METRICS[metric].lower_is_better if metric in METRICS else True
        best = None
        for row in matrix if matrix is not None else self.matrix(metric):
            for square in row:
                if square.value is None:
                    continue
                if best is None or (square.value < best.value if better_low else square.value > best.value):
                    best = square
        return best

    def representative(self, row: int, column: int, metric: str) -> Cell | None:
        """The run of a square to open: the seed whose value is the median (the lower middle one
        for an even count), else the first seed."""
        cells = self.squares.get((row, column), [])
        if not cells:
            return None
        scored = []
        for cell in cells:
            record = self.records.get(cell.index)
            value = self.value(record, metric) if record is not None else None
            if value is not None:
                scored.append((value, cell.seed, cell))
        if not scored:
            return cells[0]
        scored.sort(key=lambda item: (item[0], item[1]))
        return scored[(len(scored) - 1) // 2][2]

    def failures(self) -> list[tuple[Cell, dict]]:
        return [(c, self.records[c.index]) for c in self.cells
                if c.index in self.records and self.records[c.index].get("status") == "failed"]


# ------------------------------------------------------------------------------ opening a run
def cell_text(cell: Cell) -> str:
    """A run of the sweep as the window names it (``Cell.label`` in the window's language)."""
    extra = "".join(f" {name}={value:g}" if isinstance(value, float) else f" {name}={value}"
                    for name, value in cell.values.items())
    return translate("SweepData", "{optimizer} α={rate} seed {seed}{extra}").format(
        optimizer=cell.optimizer, rate=f"{cell.learning_rate:g}", seed=cell.seed, extra=extra)


def training_experiment(window_experiment: Experiment, cell: Cell) -> Experiment:
    """The window's experiment (its data, network, title, sweep section …) set to ``cell``'s run:
    its optimizer with α and hyperparameters, its schedule, seed and mini-batch size."""
    exp = window_experiment.copy()
    run = cell.experiment
    exp.optimizer = copy.deepcopy(run.optimizer)
    exp.schedule = copy.deepcopy(run.schedule)
    exp.training.seed = int(run.training.seed)
    exp.training.mini_batch_size = int(run.training.mini_batch_size)
    exp.runs = []
    return exp


def record_table(results: SweepResults) -> tuple[list[str], list[list[Any]]]:
    """The records as a table (columns, rows) in the order of the grid, for a CSV file."""
    from optstudio.core.sweep import RECORD_FIELDS

    grid = []
    for cell in results.cells:
        for name in cell.values:
            if name not in grid:
                grid.append(name)
    columns = list(RECORD_FIELDS[1:6]) + grid + list(RECORD_FIELDS[6:])
    rows = []
    for cell in results.cells:
        record = results.records.get(cell.index)
        if record is None:
            continue
        rows.append([cell.values.get(c) if c in grid else record.get(c) for c in columns])
    return columns, rows
