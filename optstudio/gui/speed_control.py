"""The training speed: from a slow, watchable pace to full speed.

At full speed the default run (1000 epochs of moons) is over in about two seconds: a student sees
only the end. The default pace lets the decision boundary form in front of them; the plots
redraw at a steady rate whatever the speed (at most 30 times a second).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from optstudio.gui.i18n import translate

__all__ = ["SpeedControl", "PACES", "DEFAULT_PACE"]

#: epochs per second at most, slowest first; None: full speed
PACES: tuple = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, None)
DEFAULT_PACE = 100


def pace_text(pace) -> str:
    if pace is None:
        return translate("SpeedControl", "full speed")
    if pace == 1:
        return translate("SpeedControl", "{pace} epoch/s").format(pace=f"{pace:,}")
    return translate("SpeedControl", "{pace} epochs/s").format(pace=f"{pace:,}")


class SpeedControl(QWidget):
    """A slider over :data:`PACES`; ``paceChanged`` carries epochs per second (0.0: full speed)."""

    paceChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("speed")
        self.slider.setRange(0, len(PACES) - 1)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setFixedWidth(110)
        self.slider.setToolTip(translate("SpeedControl", "Training speed: slow enough to watch the decision "
                                                         "boundary form, up to full speed. The plots redraw at "
                                                         "the same steady rate at every speed."))
        self.label = QLabel()
        widest = max((pace_text(p) for p in PACES), key=self.label.fontMetrics().horizontalAdvance)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest) + 6)
        title = QLabel(translate("SpeedControl", "Speed"))
        title.setToolTip(self.slider.toolTip())
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 0)
        row.setSpacing(4)
        row.addWidget(title)
        row.addWidget(self.slider)
        row.addWidget(self.label)
        self.slider.valueChanged.connect(self._on_value)
        self.slider.setValue(PACES.index(DEFAULT_PACE))
        self._on_value(self.slider.value())

    @property
    def pace(self) -> float | None:
        """Epochs per second at most; None: full speed."""
        pace = PACES[self.slider.value()]
        return None if pace is None else float(pace)

    def index(self) -> int:
        return self.slider.value()

    def set_index(self, index: int) -> None:
        self.slider.setValue(max(0, min(int(index), len(PACES) - 1)))

    def set_pace(self, pace) -> None:
        """The nearest level to ``pace`` (None or 0: full speed)."""
        if not pace:
            self.set_index(len(PACES) - 1)
            return
        levels = [p for p in PACES if p is not None]
        self.set_index(PACES.index(min(levels, key=lambda p: abs(p - pace))))

    @Slot(int)
    def _on_value(self, value: int) -> None:
        self.label.setText(pace_text(PACES[value]))
        self.paceChanged.emit(float(PACES[value] or 0.0))
