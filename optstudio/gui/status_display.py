"""What the window says about its own training: the state next to the buttons, the progress bar,
and the epoch, cost, accuracy and speed in the status bar."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QProgressBar

from optstudio.gui.formatting import format_count, format_duration, format_number
from optstudio.gui.speed import SpeedEstimate

__all__ = ["TrainingStatus", "STATE_TEXTS"]

#: the state label's texts (the longest one sets its width)
STATE_TEXTS = ("Ready", "Training…", "Paused", "One epoch…", "Finished", "Stopped", "Stopped: see the message",
               "Loading data…", "Fix the data settings", "Fix the network settings",
               "Fix the fields marked in red")


class TrainingStatus:
    """The widgets (placed by the window) and how they show a snapshot."""

    def __init__(self) -> None:
        self.state_label = QLabel()
        self.state_label.setContentsMargins(8, 0, 8, 0)
        longest = max(STATE_TEXTS, key=self.state_label.fontMetrics().horizontalAdvance)
        self.state_label.setMinimumWidth(self.state_label.fontMetrics().horizontalAdvance(longest) + 20)
        self.state_label.setToolTip("What the training is doing")
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMinimumWidth(200)
        self.progress.setMaximumWidth(340)
        self.progress.setTextVisible(True)
        self.progress.setToolTip("Epochs done out of the planned number, and the estimated time left")
        self.epoch_label = QLabel()
        self.cost_label = QLabel()
        self.accuracy_label = QLabel()
        self.speed_label = QLabel()
        tips = ("Epochs completed", "Training cost J of the last epoch (test cost in brackets)",
                "Share of training examples classified correctly (test in brackets)",
                "Optimizer steps (mini-batch updates) per second")
        widths = ("Epoch 10,000 / 10,000", "cost 0.0000 (test 0.0000)", "accuracy 100.0 % (test 100.0 %)",
                  "100,000 steps/s on average")
        for label, tip, text in zip(self.labels, tips, widths):
            label.setToolTip(tip)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 8)
            label.setContentsMargins(6, 0, 6, 0)
        self.speed = SpeedEstimate()
        self.steps_per_epoch: int | None = None     # mini-batches per epoch of the run shown
        self.snap = None
        self.record = None

    @property
    def labels(self) -> tuple[QLabel, QLabel, QLabel, QLabel]:
        return self.epoch_label, self.cost_label, self.accuracy_label, self.speed_label

    def set_state_text(self, text: str) -> None:
        self.state_label.setText(text)

    def reset(self, target: int) -> None:
        """A fresh run: nothing measured yet."""
        self.speed.reset()
        self.snap = self.record = None
        self.show(target)

    def add(self, snap, target: int) -> None:
        """A new snapshot of the run."""
        self.speed.update(snap.made_at, snap.steps, snap.epoch, snap.status == "running")
        self.snap = snap
        if snap.records:
            self.record = snap.records[-1]
        self.show(target)

    def show(self, target: int) -> None:
        snap, record = self.snap, self.record
        epoch = snap.epoch if snap is not None else 0
        self.epoch_label.setText(f"Epoch {epoch:,} / {target:,}")
        if record is None:
            self.cost_label.setText("cost –")
            self.accuracy_label.setText("accuracy –")
        else:
            test = f" (test {format_number(record.test_cost, 4)})" if math.isfinite(record.test_cost) else ""
            self.cost_label.setText(f"cost {format_number(record.cost, 4)}{test}")
            test = f" (test {record.test_accuracy * 100:.1f} %)" if math.isfinite(record.test_accuracy) else ""
            self.accuracy_label.setText(f"accuracy {record.train_accuracy * 100:.1f} %{test}")
        running = snap is not None and snap.status == "running"
        speed = self.speed
        if running and math.isfinite(speed.steps_per_second):
            self.speed_label.setText(f"{format_count(speed.steps_per_second)} steps/s")
        elif not running and math.isfinite(speed.average_steps_per_second):
            self.speed_label.setText(f"{format_count(speed.average_steps_per_second)} steps/s on average")
        elif not running:
            self.speed_label.setText("– steps/s")
        self.progress.setMaximum(max(target, 1))
        self.progress.setValue(min(epoch, target))
        left = speed.seconds_left(epoch, target, snap.steps, self.steps_per_epoch) if running else math.nan
        eta = f" · ETA {format_duration(left)}" if math.isfinite(left) else ""
        self.progress.setFormat(f"{epoch:,} / {target:,} epochs{eta}")
