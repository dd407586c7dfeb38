"""Small input widgets with inline validation (red border + message) used by every panel."""

from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QValidator
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpinBox, QToolButton,
    QVBoxLayout, QWidget,
)

from optstudio.gui.formatting import format_number, parse_number
from optstudio.gui.i18n import translate

__all__ = [
    "set_invalid", "FieldRow", "SciSpinBox", "IntSpinBox", "FloatEdit", "CollapsibleSection",
    "FormulaLabel", "hint_label", "compact_combo", "ERROR_COLOR", "INT_MAX",
]

ERROR_COLOR = "#c62828"
INT_MAX = 2**31 - 1

#: applied by the application: widgets with the dynamic property invalid=true get a red frame
INVALID_STYLE = f"""
*[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; border-radius: 3px; background: #fff5f5; }}
"""


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Mark ``widget`` with a red frame (style sheet rule on the ``invalid`` property)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def compact_combo(combo: QComboBox, chars: int = 12) -> QComboBox:
    """Let a combo box with long entries shrink to the column (the popup still shows them whole)."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
    return combo


def hint_label(text: str = "", *, error: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if error:
        label.setStyleSheet(f"color: {ERROR_COLOR};")
    else:
        label.setStyleSheet("color: #555;")
    font = label.font()
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
    label.setFont(font)
    return label


class FieldRow(QWidget):
    """A field with a red error line under it (hidden while the field is valid)."""

    def __init__(self, field: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(field)
        self.error_label = hint_label(error=True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.setToolTip(field.toolTip())
        signal = getattr(field, "validityChanged", None)
        if signal is not None:
            signal.connect(self._on_validity)

    @Slot(bool, str)
    def _on_validity(self, valid: bool, message: str) -> None:
        self.set_error(None if valid else message)

    def set_error(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))
        set_invalid(self.field, bool(message))


class _ValidatingMixin:
    """Emits validityChanged(valid, message) whenever the text's validity changes (the
    subclass declares the signal). What was typed stays in the field while it is not valid (Qt's
    spin boxes would put the old value back on Enter or when the field loses focus, hiding the
    mistake while it still counts): the red mark and the message stay next to it."""

    def _init_validation(self) -> None:
        self._valid = True
        self._message = ""
        self.lineEdit().textChanged.connect(self._check_text)

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._valid:
            QWidget.focusOutEvent(self, event)       # not QAbstractSpinBox's: it would revert the text
            return
        super().focusOutEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if not self._valid and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()                           # (Enter would put the old value back)
            return
        super().keyPressEvent(event)

    @Slot(str)
    def _check_text(self, text: str) -> None:
        message = self.problem(text)
        valid = message is None
        if valid != self._valid or (message or "") != self._message:
            self._valid, self._message = valid, message or ""
            self.validityChanged.emit(valid, self._message)

    def is_valid(self) -> bool:
        return self._valid

    def error_message(self) -> str:
        return self._message


def _range_text(lo: float, hi: float) -> str:
    return translate("Widgets", "between {low} and {high}").format(low=format_number(lo, 6),
                                                                  high=format_number(hi, 6))


class SciSpinBox(_ValidatingMixin, QDoubleSpinBox):
    """A float spin box that shows values readably (``0.0007``, ``1e-8``) and accepts ``7e-4``.

    ``log=True``: the arrows step multiplicatively through 1, 2, 5, 10, 20, … (for ε, decay
    rates and other values spanning orders of magnitude); otherwise by ``step``.
    """

    validityChanged = Signal(bool, str)

    def __init__(self, minimum: float = -1e12, maximum: float = 1e12, *, log: bool = False,
                 step: float | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.log = log
        self.setDecimals(323)            # no rounding: the text is formatted by textFromValue
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(True)
        self.setAccelerated(True)
        if step is None:
            span = maximum - minimum
            step = 0.01 if span <= 1.0 + 1e-12 else 0.1 if span <= 10 else 1.0
        self.setSingleStep(step)
        self.setCorrectionMode(QDoubleSpinBox.CorrectionMode.CorrectToPreviousValue)
        self._init_validation()

    # -- text <-> value
    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt API
        return format_number(value, 10)

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return parse_number(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt API
        stripped = text.strip()
        if stripped and not all(c in "0123456789eE+-−.,·*^x× " for c in stripped):
            return QValidator.State.Invalid          # letters: refused as they are typed
        return QValidator.State.Acceptable if self.problem(text) is None else QValidator.State.Intermediate

    def fixup(self, text: str) -> str:
        return text

    def problem(self, text: str) -> str | None:
        try:
            value = parse_number(text)
        except ValueError:
            return translate("Widgets", "enter a number, e.g. 0.001 or 1e-8")
        if value < self.minimum() or value > self.maximum():
            return translate("Widgets", "must be {range}").format(range=_range_text(self.minimum(), self.maximum()))
        return None

    # -- arrows
    def stepBy(self, steps: int) -> None:  # noqa: N802
        value = self.value()
        if self.log:
            value = _log_step(value, steps, self.minimum())
        else:
            value = value + steps * self.singleStep()
            value = float(f"{value:.12g}")
        self.setValue(min(max(value, self.minimum()), self.maximum()))
        self.selectAll()


def _log_step(value: float, steps: int, minimum: float) -> float:
    """Next value on the 1-2-5 ladder (…, 1e-8, 2e-8, 5e-8, 1e-7, …)."""
    if value <= 0:
        return minimum if steps > 0 else value
    ladder = (1.0, 2.0, 5.0)
    exp = math.floor(math.log10(value))
    mant = value / 10**exp
    # position on the ladder (fractional positions snap in the direction of travel)
    index = 0
    for i, rung in enumerate(ladder):
        if mant >= rung * (1 - 1e-9):
            index = i
    on_rung = abs(mant - ladder[index]) < 1e-9 * ladder[index]
    pos = exp * 3 + index
    if steps < 0 and not on_rung:
        steps += 1
    pos += steps
    e, i = divmod(pos, 3)
    return float(f"{ladder[i] * 10**e:.12g}")


class IntSpinBox(_ValidatingMixin, QSpinBox):
    """An integer spin box that reports an out-of-range or empty entry inline.

    ``check``: the rule's own one-line message for a whole number (e.g.
    ``field_check(MINI_BATCH_SIZE)``: "mini-batch size must be at least 1, got 0"), asked before
    the range."""

    validityChanged = Signal(bool, str)

    def __init__(self, minimum: int = 0, maximum: int = INT_MAX, parent: QWidget | None = None, *,
                 check: Callable[[int], str | None] | None = None):
        super().__init__(parent)
        self._check = check
        self.setRange(int(max(minimum, -INT_MAX)), int(min(maximum, INT_MAX)))
        self.setAccelerated(True)
        self.setGroupSeparatorShown(False)
        self._init_validation()

    def validate(self, text: str, pos: int):  # noqa: D401
        stripped = text.strip()
        if stripped and not all(c in "0123456789+-" for c in stripped):
            return QValidator.State.Invalid
        return QValidator.State.Acceptable if self.problem(text) is None else QValidator.State.Intermediate

    def valueFromText(self, text: str) -> int:  # noqa: N802
        try:
            return int(text.strip())
        except ValueError:
            return self.value()

    def textFromValue(self, value: int) -> str:  # noqa: N802
        return str(int(value))

    def problem(self, text: str) -> str | None:
        try:
            value = int(text.strip())
        except ValueError:
            return translate("Widgets", "enter a whole number")
        problem = self._check(value) if self._check is not None else None
        if problem:
            return problem
        if value < self.minimum() or value > self.maximum():
            return translate("Widgets", "must be between {low} and {high}").format(low=f"{self.minimum():,}",
                                                                                   high=f"{self.maximum():,}")
        return None


class FloatEdit(QLineEdit):
    """A line edit for one number with a rule, e.g. the learning rate α > 0.

    Accepts ``0.0007``, ``7e-4``, a decimal comma. While the text breaks the rule the field gets a
    red frame and :meth:`error_message` says why; ``valueChanged`` fires for valid values only.
    """

    valueChanged = Signal(float)
    validityChanged = Signal(bool, str)

    def __init__(self, value: float = 0.0, *, check: Callable[[float], str | None] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._check = check
        self._value = float(value)
        self._valid = True
        self._message = ""
        self.setText(format_number(value))
        self.textChanged.connect(self._on_text)
        self.editingFinished.connect(self._tidy)

    def value(self) -> float:
        return self._value

    def setValue(self, value: float) -> None:  # noqa: N802
        self.setText(format_number(float(value)))

    def is_valid(self) -> bool:
        return self._valid

    def error_message(self) -> str:
        return self._message

    def problem(self, text: str) -> str | None:
        try:
            value = parse_number(text)
        except ValueError:
            return translate("Widgets", "enter a number, e.g. 0.0007 or 7e-4")
        return self._check(value) if self._check else None

    @Slot(str)
    def _on_text(self, text: str) -> None:
        message = self.problem(text)
        valid = message is None
        if valid:
            value = parse_number(text)
            changed = value != self._value
            self._value = value
        if valid != self._valid or (message or "") != self._message:
            self._valid, self._message = valid, message or ""
            self.validityChanged.emit(valid, self._message)
        if valid and changed:
            self.valueChanged.emit(self._value)

    @Slot()
    def _tidy(self) -> None:
        if self._valid:
            tidy = format_number(self._value)
            if tidy != self.text() and parse_number(tidy) == self._value:
                self.blockSignals(True)
                self.setText(tidy)
                self.blockSignals(False)


class CollapsibleSection(QWidget):
    """A titled section whose body folds away when the header is clicked."""

    toggled = Signal(bool)

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None, *, expanded: bool = True):
        super().__init__(parent)
        self.header = QToolButton()
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setChecked(expanded)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setAutoRaise(True)
        font = self.header.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.08)
        self.header.setFont(font)
        self.header.setToolTip(translate("Widgets", "Show or hide the {title} settings").format(title=title))
        self.header.toggled.connect(self.setExpanded)
        self.body = body
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.HLine)
        frame.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.header)
        layout.addLayout(row)
        layout.addWidget(frame)
        # the body sits in a holder that folds: the body may show or hide itself (a ParamForm
        # shows itself when it gets fields) without unfolding the section
        self.holder = QWidget()
        holder_layout = QVBoxLayout(self.holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(0)
        holder_layout.addWidget(body)
        layout.addWidget(self.holder)
        body.setVisible(expanded)
        self.holder.setVisible(expanded)

    def isExpanded(self) -> bool:  # noqa: N802
        return self.header.isChecked()

    @Slot(bool)
    def setExpanded(self, expanded: bool) -> None:  # noqa: N802
        self.header.blockSignals(True)
        self.header.setChecked(expanded)
        self.header.blockSignals(False)
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self.holder.setVisible(expanded)
        self.toggled.emit(expanded)


def formula_font(scale: float = 1.0) -> QFont:
    """A fixed-width font (aligned multi-line formulas) that has α, β, √, ·, ⌊ ⌋."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies(["DejaVu Sans Mono", "Menlo", "Consolas", "Noto Sans Mono", font.family()])
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(max(8.0, font.pointSizeF() * scale))
    return font


class FormulaLabel(QLabel):
    """Read-only, selectable, word-wrapped box for an update rule in the course's notation."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setFont(formula_font())
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QLabel { background: #f7f9fc; color: #1a237e; padding: 5px; "
                           "border: 1px solid #c5cae9; border-radius: 4px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setText(text)
