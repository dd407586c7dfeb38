"""The Qt-free part of the comparison view: what the training thread sends, and the table.

Runs in the training thread (no Qt here):

* :class:`CompareSnapshotMaker` copies what is new since the previous snapshot of the plan's
  runs (:func:`optstudio.core.build.build_plan`: runs stacked, trained at the same time).

Runs in the GUI thread: :func:`summary_table` and :func:`write_table_csv`.
"""

from __future__ import annotations

import csv
import math
import time
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from optstudio.core.analysis import cost_shape, epochs_to_reach
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "CompareSnapshot", "CompareSnapshotMaker",
    "RunSummary", "summary_table", "write_table_csv", "COST_SERIES",
]

#: the curves the view can show: record field -> description (shown as ``translate("CompareData", text)``)
COST_SERIES = {
    "cost": QT_TRANSLATE_NOOP("CompareData", "training cost J (all training examples, after each epoch)"),
    "last_batch_cost": QT_TRANSLATE_NOOP("CompareData",
                                         "cost of the epoch's last mini-batch (what the notebook prints and plots)"),
}

#: what the table shows for a run's status and cost shape (the keys stay English in the code)
STATUS_TEXT = {
    "idle": QT_TRANSLATE_NOOP("CompareData", "idle"),
    "starting": QT_TRANSLATE_NOOP("CompareData", "starting"),
    "running": QT_TRANSLATE_NOOP("CompareData", "running"),
    "paused": QT_TRANSLATE_NOOP("CompareData", "paused"),
    "finished": QT_TRANSLATE_NOOP("CompareData", "finished"),
    "stopped": QT_TRANSLATE_NOOP("CompareData", "stopped"),
    "diverged": QT_TRANSLATE_NOOP("CompareData", "diverged"),
    "failed": QT_TRANSLATE_NOOP("CompareData", "failed"),
}
SHAPE_TEXT = {
    "smooth": QT_TRANSLATE_NOOP("CompareData", "smooth"),
    "oscillating": QT_TRANSLATE_NOOP("CompareData", "oscillating"),
    "n/a": QT_TRANSLATE_NOOP("CompareData", "n/a"),
    "diverged": QT_TRANSLATE_NOOP("CompareData", "diverged"),
    "failed": QT_TRANSLATE_NOOP("CompareData", "failed"),
}


def _shown(table: dict[str, str], key: str) -> str:
    return translate("CompareData", table[key]) if key in table else key

_FINAL = ("finished", "stopped", "diverged", "failed")


# ============================================================================ snapshots
@dataclass
class CompareSnapshot:
    generation: int
    final: bool
    records: list[list]                 # per run: the EpochRecords added since the last snapshot
    statuses: list[str]
    messages: list[str]
    epochs: list[int]
    grids: list[tuple | None] | None = None    # per run (xs, ys, values), 2-D data only
    points: tuple[np.ndarray, np.ndarray] | None = None   # (X_train (2, m), y_train) once
    n_classes: int = 2
    made_at: float = 0.0


class CompareSnapshotMaker:
    """Builds snapshots of a list of run facades. Call it from the training thread only (it
    uses the networks' forward passes)."""

    def __init__(self, generation: int, runs: Sequence[Any], resolution: int = 70,
                 grid_interval: float = 0.25):
        self.generation = generation
        self.runs = list(runs)
        self.resolution = resolution
        self.grid_interval = grid_interval
        self._sent = [0] * len(self.runs)
        self._grid_at = -1e9
        self._grid_cost = 0.0
        self._points_sent = False
        self.two_d = all(_n_inputs(r) == 2 for r in self.runs) if self.runs else False

    def __call__(self, final: bool = False, paused: bool = False) -> CompareSnapshot:
        """``paused``: the training thread is about to wait in a pause (runs still "running"
        inside the engine are shown as "paused")."""
        now = time.perf_counter()
        records = []
        for i, run in enumerate(self.runs):
            recs = run.history.records
            n = len(recs)
            records.append(list(recs[self._sent[i]:n]))
            self._sent[i] = n
        snap = CompareSnapshot(
            generation=self.generation, final=final, records=records,
            statuses=[("paused" if paused and r.status == "running" else str(r.status)) for r in self.runs],
            messages=[str(getattr(r, "message", "")) for r in self.runs],
            epochs=[int(getattr(r, "epoch", 0)) for r in self.runs],
        )
        if not self._points_sent:
            snap.points = _points(self.runs[0]) if self.runs and self.two_d else None
            snap.n_classes = _n_classes(self.runs[0]) if self.runs else 2
            self._points_sent = True
        if self.two_d and (final or now - self._grid_at >= max(self.grid_interval, 5 * self._grid_cost)):
            start = time.perf_counter()
            snap.grids = [_grid(r, self.resolution) for r in self.runs]
            self._grid_cost = time.perf_counter() - start
            self._grid_at = now
        snap.made_at = time.perf_counter()
        return snap


def _n_inputs(run) -> int:
    try:
        return int(run.network.layer_dims[0])
    except Exception:  # noqa: BLE001
        return 0


def _points(run):
    X = getattr(run, "X", None)
    y = getattr(run, "y", None)
    if X is None or y is None:
        ds = getattr(run, "dataset", None)
        if ds is None:
            return None
        X, y = ds.X_train, ds.y_train
    return np.array(X[:2], dtype=float, copy=True), np.array(y, copy=True)


def _n_classes(run) -> int:
    ds = getattr(run, "dataset", None)
    try:
        return max(int(ds.n_classes), 2)
    except Exception:  # noqa: BLE001
        return 2


def _grid(run, resolution: int):
    try:
        with np.errstate(all="ignore"):
            xs, ys, values = run.decision_grid(resolution)
        return np.array(xs, copy=True), np.array(ys, copy=True), np.array(values, copy=True)
    except Exception:  # noqa: BLE001 - a diverged network or no 2-D data: no picture
        return None


# ============================================================================ the table
@dataclass
class RunSummary:
    """What the GUI keeps about one run to fill the table."""

    label: str
    costs: np.ndarray = field(default_factory=lambda: np.zeros(0))   # the plotted series
    full_costs: np.ndarray = field(default_factory=lambda: np.zeros(0))   # J per epoch
    # cost of each epoch's last mini-batch: the curve whose shape the notebook's table describes
    batch_costs: np.ndarray = field(default_factory=lambda: np.zeros(0))
    train_accuracy: float = math.nan
    test_accuracy: float = math.nan
    status: str = "idle"
    message: str = ""
    epoch: int = 0


def _pct(value: float) -> str:
    return "–" if value is None or not math.isfinite(value) else f"{value * 100:.1f} %"


def summary_table(runs: Sequence[RunSummary], target: float, *, has_test: bool = False,
                  series: str = "cost") -> tuple[list[str], list[list[str]]]:
    """Header and rows like the notebook's table: optimizer | accuracy | final cost | cost shape |
    epochs to reach ``target`` (on the plotted series) | status."""
    header = [translate("CompareData", "optimizer"), translate("CompareData", "train accuracy")]
    if has_test:
        header.append(translate("CompareData", "test accuracy"))
    header += [translate("CompareData", "final cost"), translate("CompareData", "cost shape"),
               translate("CompareData", "epochs to cost ≤ {target}").format(target=f"{target:g}"),
               translate("CompareData", "status")]
    rows = []
    for run in runs:
        row = [run.label, _pct(run.train_accuracy)]
        if has_test:
            row.append(_pct(run.test_accuracy))
        finite = run.full_costs[np.isfinite(run.full_costs)] if run.full_costs.size else run.full_costs
        row.append(f"{finite[-1]:.6f}" if finite.size else "–")
        if run.status == "diverged":
            shape = "diverged"
        elif run.status == "failed":
            shape = "failed"
        else:
            # measured like `optstudio compare`: on the curve the notebook plots
            shape = cost_shape((run.batch_costs if run.batch_costs.size else run.costs).tolist())
        row.append(_shown(SHAPE_TEXT, shape))
        reached = epochs_to_reach(run.costs.tolist(), target) if run.costs.size else None
        row.append(translate("CompareData", "not yet") if reached is None and run.status in ("running", "paused", "idle")
                   else translate("CompareData", "never") if reached is None else str(reached))
        row.append(_shown(STATUS_TEXT, run.status))
        rows.append(row)
    return header, rows


def write_table_csv(path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """UTF-8 CSV with a header line. Raises OSError."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(list(header))
        for row in rows:
            writer.writerow(list(row))
