"""A form generated from a plugin's ParamSpecs: one field per hyperparameter.

Nothing here knows any particular optimizer or schedule: ``float`` → :class:`SciSpinBox`
(multiplicative steps when ``log=True``), ``int`` → :class:`IntSpinBox`, ``bool`` →
``QCheckBox``, ``choice`` → ``QComboBox``; ranges from ``min``/``max``; tooltip from ``help``.
"""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import localized, translate
from optstudio.gui.widgets import INT_MAX, FieldRow, IntSpinBox, SciSpinBox, compact_combo

__all__ = ["ParamForm", "spec_tooltip", "spec_label", "spec_help"]

_FLOAT_LIMIT = 1e12


def spec_label(spec, translations=None) -> str:
    """The label of ``spec`` in the window's language: the plugin's translation
    (``translations["zh_CN"]["params"][name]["label"]``), else the core's own ("ParamSpec")."""
    text = localized(translations, f"params.{spec.name}.label", None)
    return text if text else translate("ParamSpec", spec.display_label)


def spec_help(spec, translations=None) -> str:
    """The help of ``spec`` in the window's language (as :func:`spec_label`)."""
    text = localized(translations, f"params.{spec.name}.help", None)
    if text:
        return text
    return translate("ParamSpec", spec.help) if spec.help else ""


def spec_tooltip(spec, translations=None) -> str:
    """The plugin's help text plus the allowed range and the default."""
    parts = []
    label = spec_label(spec, translations)
    title = label if label == spec.name else f"{label} ({spec.name})"
    help_text = spec_help(spec, translations).strip()
    parts.append(f"<b>{_html(title)}</b>")
    parts.append(_html(help_text) if help_text else
                 translate("ParamForm", "<i>The plugin gives no description of this hyperparameter.</i>"))
    if spec.kind in ("float", "int"):
        lo = "−∞" if spec.min is None else format_number(spec.min, 6)
        hi = "∞" if spec.max is None else format_number(spec.max, 6)
        rng = translate("ParamForm", "Allowed: {low} … {high}").format(low=lo, high=hi)
        if spec.log:
            rng += translate("ParamForm", " (log scale: the arrows step 1, 2, 5, 10, 20, …; type e.g. 1e-8)")
        parts.append(rng)
    elif spec.kind == "choice":
        parts.append(translate("ParamForm", "Choices: {choices}").format(
            choices=", ".join(_html(c) for c in spec.choices)))
    default = spec.default
    if spec.kind == "bool":
        shown = translate("ParamForm", "on") if default else translate("ParamForm", "off")
    else:
        shown = format_number(default, 8) if spec.kind in ("float", "int") else str(default)
    parts.append(translate("ParamForm", "Default: {value}").format(value=_html(shown)))
    return "<p>" + "<br>".join(parts) + "</p>"


def _html(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))


class ParamForm(QWidget):
    """Fields for a tuple of ParamSpec; ``values()`` gives ``{name: value}``."""

    changed = Signal()
    validityChanged = Signal()

    def __init__(self, specs: Sequence = (), parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.specs: tuple = ()
        self.translations = None
        self.fields: dict[str, QWidget] = {}
        self.rows: dict[str, FieldRow] = {}
        self.set_specs(specs)

    # ------------------------------------------------------------------ building
    def set_specs(self, specs: Sequence, translations=None) -> None:
        """One field per spec; ``translations``: the plugin's (``OptimizerInfo.translations``),
        for the labels and help in the window's language."""
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.fields.clear()
        self.rows.clear()
        self.specs = tuple(specs)
        self.translations = translations
        for spec in self.specs:
            field = self._make_field(spec)
            tip = spec_tooltip(spec, translations)
            field.setToolTip(tip)
            field.setObjectName(f"param_{spec.name}")
            row = FieldRow(field)
            label = QLabel(translate("ParamForm", "{label}:").format(label=spec_label(spec, translations)))
            label.setToolTip(tip)
            label.setBuddy(field)
            self.layout_.addRow(label, row)
            self.fields[spec.name] = field
            self.rows[spec.name] = row
        self.setVisible(bool(self.specs))

    def _make_field(self, spec) -> QWidget:
        if spec.kind == "bool":
            field = QCheckBox()
            field.setChecked(bool(spec.default))
            field.toggled.connect(self._on_changed)
        elif spec.kind == "choice":
            field = QComboBox()
            for choice in spec.choices:          # the value is the item's data, not its text
                text = localized(self.translations, f"params.{spec.name}.choices.{choice}", str(choice))
                field.addItem(str(text), str(choice))
            field.setCurrentIndex(max(field.findData(str(spec.default)), 0))
            compact_combo(field, 8)
            field.currentIndexChanged.connect(self._on_changed)
        elif spec.kind == "int":
            lo = -INT_MAX if spec.min is None else int(max(spec.min, -INT_MAX))
            hi = INT_MAX if spec.max is None else int(min(spec.max, INT_MAX))
            field = IntSpinBox(lo, hi)
            field.setValue(int(spec.default))
            field.valueChanged.connect(self._on_changed)
            field.validityChanged.connect(self._on_validity)
        else:
            lo = -_FLOAT_LIMIT if spec.min is None else float(spec.min)
            hi = _FLOAT_LIMIT if spec.max is None else float(spec.max)
            field = SciSpinBox(lo, hi, log=bool(spec.log))
            field.setValue(float(spec.default))
            field.valueChanged.connect(self._on_changed)
            field.validityChanged.connect(self._on_validity)
        return field

    # ------------------------------------------------------------------ values
    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.specs:
            field = self.fields[spec.name]
            if spec.kind == "bool":
                out[spec.name] = field.isChecked()
            elif spec.kind == "choice":
                out[spec.name] = str(field.currentData())
            elif spec.kind == "int":
                out[spec.name] = int(field.value())
            else:
                out[spec.name] = float(field.value())
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        """Fill fields from ``values`` (already validated); missing names keep their defaults."""
        self.blockSignals(True)
        try:
            for spec in self.specs:
                value = values.get(spec.name, spec.default)
                field = self.fields[spec.name]
                if spec.kind == "bool":
                    field.setChecked(bool(value))
                elif spec.kind == "choice":
                    index = field.findData(str(value))
                    if index >= 0:
                        field.setCurrentIndex(index)
                elif spec.kind == "int":
                    field.setValue(int(value))
                else:
                    field.setValue(float(value))
        finally:
            self.blockSignals(False)

    def errors(self) -> list[str]:
        out = []
        for spec in self.specs:
            field = self.fields[spec.name]
            is_valid = getattr(field, "is_valid", None)
            if is_valid is not None and not is_valid():
                out.append(translate("ParamForm", "{label}: {problem}").format(
                    label=spec_label(spec, self.translations), problem=field.error_message()))
        return out

    def is_valid(self) -> bool:
        return not self.errors()

    @Slot()
    def _on_changed(self) -> None:
        self.changed.emit()

    @Slot(bool, str)
    def _on_validity(self, _valid: bool, _message: str) -> None:
        self.validityChanged.emit()
