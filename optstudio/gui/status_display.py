"""What the window says about its own training: the state next to the buttons, the progress bar,
and the epoch, cost, accuracy and speed in the status bar."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QLabel, QProgressBar

from optstudio.gui.formatting import format_count, format_duration, format_number
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.speed import SpeedEstimate

__all__ = ["TrainingStatus", "STATE_TEXTS"]

#: the state label's texts (the longest one sets its width)
STATE_TEXTS = (QT_TRANSLATE_NOOP("TrainingStatus", "Ready"), QT_TRANSLATE_NOOP("TrainingStatus", "Training…"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Paused"), QT_TRANSLATE_NOOP("TrainingStatus", "One epoch…"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Finished"), QT_TRANSLATE_NOOP("TrainingStatus", "Stopped"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Stopped: see the message"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Loading data…"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Fix the data settings"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Fix the network settings"),
               QT_TRANSLATE_NOOP("TrainingStatus", "Fix the fields marked in red"))


class TrainingStatus:
    """The widgets (placed by the window) and how they show a snapshot."""

    def __init__(self) -> None:
        self.state_label = QLabel()
        self.state_label.setContentsMargins(8, 0, 8, 0)
        longest = max((translate("TrainingStatus", text) for text in STATE_TEXTS),
                      key=self.state_label.fontMetrics().horizontalAdvance)
        self.state_label.setMinimumWidth(self.state_label.fontMetrics().horizontalAdvance(longest) + 20)
        self.state_label.setToolTip(translate("TrainingStatus", "What the training is doing"))
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMinimumWidth(200)
        self.progress.setMaximumWidth(340)
        self.progress.setTextVisible(True)
        self.progress.setToolTip(translate("TrainingStatus", "Epochs done out of the planned number, and the "
                                                             "estimated time left"))
        self.epoch_label = QLabel()
        self.cost_label = QLabel()
        self.accuracy_label = QLabel()
        self.speed_label = QLabel()
        tips = (translate("TrainingStatus", "Epochs completed"),
                translate("TrainingStatus", "Training cost J of the last epoch (test cost in brackets)"),
                translate("TrainingStatus", "Share of training examples classified correctly (test in brackets)"),
                translate("TrainingStatus", "Optimizer steps (mini-batch updates) per second"))
        widths = (_epoch_text(10_000, 10_000), _cost_text("0.0000", "0.0000"), _accuracy_text("100.0", "100.0"),
                  _average_text("100,000"))
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
        self.epoch_label.setText(_epoch_text(epoch, target))
        if record is None:
            self.cost_label.setText(translate("TrainingStatus", "cost –"))
            self.accuracy_label.setText(translate("TrainingStatus", "accuracy –"))
        else:
            test = format_number(record.test_cost, 4) if math.isfinite(record.test_cost) else None
            self.cost_label.setText(_cost_text(format_number(record.cost, 4), test))
            test = f"{record.test_accuracy * 100:.1f}" if math.isfinite(record.test_accuracy) else None
            self.accuracy_label.setText(_accuracy_text(f"{record.train_accuracy * 100:.1f}", test))
        running = snap is not None and snap.status == "running"
        speed = self.speed
        if running and math.isfinite(speed.steps_per_second):
            self.speed_label.setText(translate("TrainingStatus", "{count} steps/s").format(
                count=format_count(speed.steps_per_second)))
        elif not running and math.isfinite(speed.average_steps_per_second):
            self.speed_label.setText(_average_text(format_count(speed.average_steps_per_second)))
        elif not running:
            self.speed_label.setText(translate("TrainingStatus", "– steps/s"))
        self.progress.setMaximum(max(target, 1))
        self.progress.setValue(min(epoch, target))
        left = speed.seconds_left(epoch, target, snap.steps, self.steps_per_epoch) if running else math.nan
        if math.isfinite(left):
            text = translate("TrainingStatus", "{epoch} / {target} epochs · ETA {time}").format(
                epoch=f"{epoch:,}", target=f"{target:,}", time=format_duration(left))
        else:
            text = translate("TrainingStatus", "{epoch} / {target} epochs").format(epoch=f"{epoch:,}",
                                                                                  target=f"{target:,}")
        self.progress.setFormat(text)


def _epoch_text(epoch: int, target: int) -> str:
    return translate("TrainingStatus", "Epoch {epoch} / {target}").format(epoch=f"{epoch:,}", target=f"{target:,}")


def _cost_text(cost: str, test: str | None) -> str:
    if test is None:
        return translate("TrainingStatus", "cost {cost}").format(cost=cost)
    return translate("TrainingStatus", "cost {cost} (test {test})").format(cost=cost, test=test)


def _accuracy_text(accuracy: str, test: str | None) -> str:
    if test is None:
        return translate("TrainingStatus", "accuracy {accuracy} %").format(accuracy=accuracy)
    return translate("TrainingStatus", "accuracy {accuracy} % (test {test} %)").format(accuracy=accuracy, test=test)


def _average_text(count: str) -> str:
    return translate("TrainingStatus", "{count} steps/s on average").format(count=count)
