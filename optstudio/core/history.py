"""What a run leaves behind: one record per epoch, and its result.

The engine appends an :class:`EpochRecord` to a run's :class:`History` after every epoch;
:class:`TrainResult` sums a run up when training stops.
"""

from __future__ import annotations

import csv
import math
from dataclasses import asdict, dataclass, fields

import numpy as np

__all__ = ["EpochRecord", "History", "TrainResult"]


@dataclass(slots=True)
class EpochRecord:
    """What the engine measured in one epoch (epochs count from 0, like the notebook)."""

    epoch: int
    cost: float              # training cost J over all m training examples after the epoch (+ L2)
    test_cost: float         # J on the test set at the end of the epoch (nan without one)
    train_accuracy: float    # on the whole training set at the end of the epoch
    test_accuracy: float
    learning_rate: float     # α in use during the epoch (the last one used, for per-step schedules)
    grad_norm: float         # ‖dθ‖₂ of the epoch's last mini-batch
    elapsed: float           # seconds of training so far (pauses excluded)
    last_batch_cost: float   # cost of the epoch's last mini-batch: what the notebook prints


class History:
    """Per-epoch records with column access and CSV export."""

    FIELDS = tuple(f.name for f in fields(EpochRecord))

    def __init__(self) -> None:
        self.records: list[EpochRecord] = []
        self.costs: list[float] = []  # training cost per epoch, kept for schedules (no copying)

    def append(self, record: EpochRecord) -> None:
        self.records.append(record)
        self.costs.append(record.cost)

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, index):
        return self.records[index]

    @property
    def last(self) -> EpochRecord | None:
        return self.records[-1] if self.records else None

    def column(self, name: str) -> np.ndarray:
        if name not in self.FIELDS:
            raise KeyError(name)
        return np.array([getattr(r, name) for r in self.records], dtype=float)

    def arrays(self) -> dict[str, np.ndarray]:
        """Every column as a numpy array (one value per epoch): ``{"epoch": …, "cost": …, …}``."""
        return {name: self.column(name) for name in self.FIELDS}

    def to_rows(self) -> list[dict]:
        """The records as plain dicts of Python ints and floats (JSON-ready)."""
        return [{k: number(v) for k, v in asdict(r).items()} for r in self.records]

    def write_csv(self, path) -> None:
        """One row per epoch; every column parses with ``float()``."""
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(self.FIELDS)
            for r in self.records:
                writer.writerow([format_number(getattr(r, f)) for f in self.FIELDS])


def number(value):
    """``value`` as a plain Python int or float (numpy scalars included), else unchanged."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def format_number(value) -> str:
    """Text for a CSV cell: ints as ints, floats with every digit (``repr`` of a Python float,
    never ``np.float64(…)``)."""
    value = number(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


@dataclass
class TrainResult:
    status: str            # "finished", "stopped", "diverged", "failed" (or "idle", "running")
    message: str
    epochs: int            # epochs completed
    steps: int             # optimizer updates done
    train_accuracy: float
    test_accuracy: float
    final_cost: float
    final_test_cost: float
    seconds: float

    @property
    def diverged(self) -> bool:
        return self.status == "diverged"

    @classmethod
    def of(cls, status: str, message: str, epochs: int, steps: int, history: History,
           seconds: float) -> "TrainResult":
        last = history.last
        nan = math.nan
        return cls(status=status, message=message, epochs=epochs, steps=steps,
                   train_accuracy=last.train_accuracy if last else nan,
                   test_accuracy=last.test_accuracy if last else nan,
                   final_cost=last.cost if last else nan,
                   final_test_cost=last.test_cost if last else nan, seconds=seconds)
