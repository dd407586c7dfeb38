"""Network builder: hidden layers (width + activation), loss/output, initialiser, L2 λ.

Emits ``networkChanged(NetworkSpec)`` when the (valid) architecture changes and
``errorsChanged(list)``. A layer width that is not allowed stays in its field, marked, with the
reason under it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QLabel, QPushButton, QStackedWidget, QToolButton, QVBoxLayout, QWidget,
)

from optstudio.core.activations import ACTIVATIONS
from optstudio.core.experiment import ExperimentError, NetworkSpec, output_units
from optstudio.core.network import INITIALIZERS, LOSSES
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.network_view import NetworkDrawing
from optstudio.gui.widgets import FieldRow, FloatEdit, IntSpinBox, compact_combo, hint_label, set_invalid

__all__ = ["NetworkPanel", "MAX_LAYERS", "MAX_WIDTH"]

MAX_LAYERS = 10
MAX_WIDTH = 4096


def _width_problem(width: int) -> str | None:
    if width < 1:
        return translate("NetworkPanel", "a layer needs at least 1 unit, got {width}").format(width=width)
    if width > MAX_WIDTH:
        return translate("NetworkPanel", "at most {limit} units per layer, got {width}").format(
            limit=f"{MAX_WIDTH:,}", width=f"{width:,}")
    return None


def _l2_problem(value: float) -> str | None:
    if value >= 0:
        return None
    return translate("NetworkPanel", "L2 λ must be ≥ 0, got {value}").format(value=f"{value:g}")


#: the core's descriptions of the losses and initialisers (:data:`LOSSES`, :data:`INITIALIZERS`),
#: for the translation: shown with ``translate("NetworkPanel", text)`` (English if they change)
_CORE_TEXTS = (
    QT_TRANSLATE_NOOP("NetworkPanel", "sigmoid output + binary cross-entropy"),
    QT_TRANSLATE_NOOP("NetworkPanel", "softmax output + categorical cross-entropy"),
    QT_TRANSLATE_NOOP("NetworkPanel", "square loss 1/(2m)·‖A − Y‖²"),
    QT_TRANSLATE_NOOP("NetworkPanel", "He: W ~ N(0, 2/n[l−1]) (good with ReLU)"),
    QT_TRANSLATE_NOOP("NetworkPanel", "Xavier/Glorot: W ~ N(0, 2/(n[l−1] + n[l])) (good with tanh)"),
    QT_TRANSLATE_NOOP("NetworkPanel", "normal with variance 1/n[l−1] (the homework)"),
    QT_TRANSLATE_NOOP("NetworkPanel", "small random: W = 0.01·N(0, 1)"),
    QT_TRANSLATE_NOOP("NetworkPanel",
                      "standard normal: W ~ N(0, 1) (saturates sigmoid and tanh: vanishing gradients)"),
    QT_TRANSLATE_NOOP("NetworkPanel", "zeros: every unit in a layer stays the same (the symmetry problem)"),
)


def _tr(text: str) -> str:
    return translate("NetworkPanel", text)


#: the names in the lists (they stay: lab files say them; a translation may add a hint)
NAME_LABELS = {
    "relu": QT_TRANSLATE_NOOP("NetworkPanel", "relu"),
    "leaky_relu": QT_TRANSLATE_NOOP("NetworkPanel", "leaky_relu"),
    "tanh": QT_TRANSLATE_NOOP("NetworkPanel", "tanh"),
    "sigmoid": QT_TRANSLATE_NOOP("NetworkPanel", "sigmoid"),
    "linear": QT_TRANSLATE_NOOP("NetworkPanel", "linear"),
    "he": QT_TRANSLATE_NOOP("NetworkPanel", "he"),
    "xavier": QT_TRANSLATE_NOOP("NetworkPanel", "xavier"),
    "normal": QT_TRANSLATE_NOOP("NetworkPanel", "normal"),
    "small": QT_TRANSLATE_NOOP("NetworkPanel", "small"),
    "standard_normal": QT_TRANSLATE_NOOP("NetworkPanel", "standard_normal"),
    "zeros": QT_TRANSLATE_NOOP("NetworkPanel", "zeros"),
}


def _name_label(name: str) -> str:
    return _tr(NAME_LABELS[name]) if name in NAME_LABELS else name


ACTIVATION_TIPS = {
    "relu": QT_TRANSLATE_NOOP("NetworkPanel", "ReLU: g(z) = max(0, z). The usual choice for hidden layers."),
    "leaky_relu": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "Leaky ReLU: g(z) = z for z > 0, 0.01·z otherwise (never completely flat)."),
    "tanh": QT_TRANSLATE_NOOP("NetworkPanel", "tanh: squashes z into (−1, 1); zero-centred."),
    "sigmoid": QT_TRANSLATE_NOOP("NetworkPanel", "sigmoid: σ(z) = 1/(1 + e^−z), squashes z into (0, 1)."),
    "linear": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "linear: g(z) = z (no non-linearity: stacked linear layers stay linear)."),
}
LOSS_TIPS = {
    "bce": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "Binary cross-entropy with a sigmoid output: one output unit giving P(class 1). "
        "For two classes, as in the course."),
    "softmax": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "Softmax output with categorical cross-entropy: one output unit per class. "
        "Needed for more than two classes."),
    "mse": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "Square loss J = 1/(2m)·‖A − Y‖² with the output activation chosen below (the homework's loss)."),
}
TIPS = {
    "width": QT_TRANSLATE_NOOP("NetworkPanel", "Number of neurons (units) in this hidden layer."),
    "activation": QT_TRANSLATE_NOOP("NetworkPanel", "Activation function g of this hidden layer."),
    "remove": QT_TRANSLATE_NOOP("NetworkPanel", "Remove this hidden layer."),
    "add": QT_TRANSLATE_NOOP("NetworkPanel", "Add a hidden layer at the end (before the output)."),
    "loss": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "What the network outputs and how the cost J measures its mistakes."),
    "output": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "Activation of the output layer (only for the square loss; bce uses sigmoid, softmax its own)."),
    "init": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "How the weights are set before training (b starts at 0). Hover an entry for its formula."),
    "l2": QT_TRANSLATE_NOOP(
        "NetworkPanel",
        "L2 regularisation strength λ ≥ 0: adds λ/(2m)·Σ‖W‖² to the cost, which pulls weights towards 0 "
        "and smooths the boundary. 0 = off."),
}


class NetworkPanel(QWidget):
    """Emits ``networkChanged(spec)`` when the architecture changes (the window resets training)."""

    networkChanged = Signal(object)   # NetworkSpec
    errorsChanged = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layers_box = QWidget()
        self.layers_grid = QGridLayout(self.layers_box)
        self.layers_grid.setContentsMargins(0, 0, 0, 0)
        self.layers_grid.setHorizontalSpacing(6)
        self.layer_rows: list[tuple[QLabel, IntSpinBox, QComboBox, QToolButton]] = []
        self.layer_errors: list[QLabel] = []
        self.add_button = QPushButton(translate("NetworkPanel", "+ Add hidden layer"))
        self.add_button.setToolTip(_tr(TIPS["add"]))
        self.add_button.clicked.connect(self._on_add)

        self.loss = QComboBox()
        for name, text in LOSSES.items():
            self.loss.addItem(f"{name}: {_tr(text)}", name)
            self.loss.setItemData(self.loss.count() - 1, _tr(LOSS_TIPS.get(name, text)), Qt.ItemDataRole.ToolTipRole)
        self.loss.setToolTip(_tr(TIPS["loss"]))
        compact_combo(self.loss)
        self.output = _activation_combo()
        self.output.setToolTip(_tr(TIPS["output"]))
        _select(self.output, "sigmoid")
        # bce and softmax fix the output activation: shown as text, not as a (wrong) choice
        self.output_fixed = QLabel()
        self.output_fixed.setObjectName("output_fixed")
        self.output_fixed.setToolTip(_tr(TIPS["output"]))
        self.output_stack = QStackedWidget()
        self.output_stack.addWidget(self.output)
        self.output_stack.addWidget(self.output_fixed)
        self.output_stack.setSizePolicy(self.output.sizePolicy().horizontalPolicy(),
                                        self.output.sizePolicy().verticalPolicy())
        self.init = QComboBox()
        for name, text in INITIALIZERS.items():
            self.init.addItem(_name_label(name), name)
            self.init.setItemData(self.init.count() - 1, _tr(text), Qt.ItemDataRole.ToolTipRole)
        self.init.setToolTip(_tr(TIPS["init"]))
        compact_combo(self.init, 8)
        self.l2 = FloatEdit(0.0, check=_l2_problem)
        self.l2.setToolTip(_tr(TIPS["l2"]))
        self.l2_row = FieldRow(self.l2)

        self.dims_label = QLabel()
        self.dims_label.setObjectName("layer_dims")
        self.dims_label.setWordWrap(True)
        self.dims_label.setTextFormat(Qt.TextFormat.RichText)
        self.dims_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dims_label.setToolTip(translate("NetworkPanel",
                                             "layer_dims: the number of units in each layer, input first. "
                                             "Parameters: every weight and bias the optimizer updates."))
        self.error = hint_label(error=True)
        self.error.hide()
        self.drawing = NetworkDrawing(compact=True)
        self.drawing.setMinimumHeight(130)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label(translate("NetworkPanel", "Loss / output:"), "loss"), self.loss)
        self.output_label = self._label(translate("NetworkPanel", "Output activation:"), "output")
        form.addRow(self.output_label, self.output_stack)
        form.addRow(self._label(translate("NetworkPanel", "Initialisation:"), "init"), self.init)
        form.addRow(self._label(translate("NetworkPanel", "L2 λ:"), "l2"), self.l2_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        title = QLabel(translate("NetworkPanel", "Hidden layers (width, activation):"))
        title.setToolTip(translate("NetworkPanel", "The layers between the input and the output. Each has a number "
                                                   "of neurons and an activation function."))
        layout.addWidget(title)
        layout.addWidget(self.layers_box)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addWidget(self.dims_label)
        layout.addWidget(self.error)
        layout.addWidget(self.drawing)

        self._base = NetworkSpec()
        self._n_x: int | None = None
        self._n_classes: int | None = None
        self._io_error: str | None = None
        self.loss.currentIndexChanged.connect(self._on_loss)
        self.output.currentIndexChanged.connect(self._emit_changed)
        self.init.currentIndexChanged.connect(self._emit_changed)
        self.l2.valueChanged.connect(self._emit_changed)
        self.l2.validityChanged.connect(self._on_validity)
        self.set_spec(NetworkSpec())

    def _label(self, text: str, key: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(_tr(TIPS[key]))
        return label

    # ------------------------------------------------------------------ layers
    def _add_layer(self, width: int = 4, activation: str = "relu") -> None:
        i = len(self.layer_rows)
        label = QLabel(f"{i + 1}.")
        spin = IntSpinBox(1, MAX_WIDTH, check=_width_problem)
        spin.setValue(int(width))
        spin.setToolTip(_tr(TIPS["width"]))
        spin.setObjectName(f"layer_width_{i}")
        combo = _activation_combo()
        _select(combo, activation if activation in ACTIVATIONS else "relu")
        combo.setToolTip(_tr(TIPS["activation"]))
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip(_tr(TIPS["remove"]))
        spin.valueChanged.connect(self._emit_changed)
        spin.validityChanged.connect(self._on_validity)
        combo.currentIndexChanged.connect(self._emit_changed)
        remove.clicked.connect(self._on_remove)
        error = hint_label(error=True)
        error.setObjectName(f"layer_error_{i}")
        error.hide()
        spin.validityChanged.connect(lambda valid, message, spin=spin, error=error: _mark(spin, error, valid, message))
        self.layers_grid.addWidget(label, 2 * i, 0)
        self.layers_grid.addWidget(spin, 2 * i, 1)
        self.layers_grid.addWidget(combo, 2 * i, 2)
        self.layers_grid.addWidget(remove, 2 * i, 3)
        self.layers_grid.addWidget(error, 2 * i + 1, 1, 1, 3)
        self.layers_grid.setColumnStretch(1, 1)
        self.layers_grid.setColumnStretch(2, 2)
        self.layer_rows.append((label, spin, combo, remove))
        self.layer_errors.append(error)
        self._update_buttons()

    def _clear_layers(self) -> None:
        for row, error in zip(self.layer_rows, self.layer_errors):
            for widget in (*row, error):
                self.layers_grid.removeWidget(widget)
                widget.deleteLater()
        self.layer_rows = []
        self.layer_errors = []

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.layer_rows) < MAX_LAYERS)

    @Slot()
    def _on_add(self) -> None:
        last = self.layer_rows[-1] if self.layer_rows else None
        width = last[1].value() if last else 4
        act = str(last[2].currentData()) if last else "relu"
        self._add_layer(width, act)
        self._emit_changed()

    def add_layer(self, width: int = 4, activation: str = "relu") -> None:
        self._add_layer(width, activation)
        self._emit_changed()

    @Slot()
    def _on_remove(self) -> None:
        button = self.sender()
        for index, row in enumerate(self.layer_rows):
            if row[3] is button:
                self.remove_layer(index)
                return

    def remove_layer(self, index: int) -> None:
        specs = [(spin.value(), str(combo.currentData())) for _l, spin, combo, _r in self.layer_rows]
        del specs[index]
        self._clear_layers()
        for width, act in specs:
            self._add_layer(width, act)
        self._update_buttons()
        self._emit_changed()

    # ------------------------------------------------------------------ spec
    def spec(self, base: NetworkSpec | None = None) -> NetworkSpec:
        """What the panel shows, over ``base`` (default: the last spec shown) for the settings it
        has no field for (batch norm, leaky ReLU slope)."""
        base = self._base if base is None else base
        spec = NetworkSpec(**{**base.__dict__})
        spec.hidden = [int(spin.value()) for _l, spin, _c, _r in self.layer_rows]
        spec.activations = [str(combo.currentData()) for _l, _s, combo, _r in self.layer_rows]
        spec.loss = self.loss.currentData()
        spec.output_activation = "sigmoid" if spec.loss == "bce" else str(self.output.currentData())
        spec.init = self.init.currentData()
        spec.l2 = float(self.l2.value())
        return spec

    def set_spec(self, spec: NetworkSpec) -> None:
        """Show ``spec`` (no ``networkChanged``)."""
        self._base = NetworkSpec(**{**spec.__dict__})
        self.blockSignals(True)
        try:
            self._clear_layers()
            acts = spec.activations if isinstance(spec.activations, list) else [spec.activations] * len(spec.hidden)
            for width, act in zip(spec.hidden, acts):
                self._add_layer(width, act)
            self.loss.setCurrentIndex(max(self.loss.findData(spec.loss), 0))
            _select(self.output, spec.output_activation)
            self.init.setCurrentIndex(max(self.init.findData(spec.init), 0))
            self.l2.setValue(spec.l2)
        finally:
            self.blockSignals(False)
        self._update_output_enabled()
        self._update_dims()
        self.errorsChanged.emit(self.errors())

    def errors(self) -> list[str]:
        """Problems with the fields (a loss that does not fit the data is shown, not counted)."""
        out = [translate("NetworkPanel", "layer {number} width: {problem}").format(
                   number=i + 1, problem=spin.error_message())
               for i, (_l, spin, _c, _r) in enumerate(self.layer_rows) if not spin.is_valid()]
        if not self.l2.is_valid():
            out.append(translate("NetworkPanel", "L2 λ: {problem}").format(problem=self.l2.error_message()))
        return out

    def is_valid(self) -> bool:
        return not self.errors()

    def set_io(self, n_x: int | None, n_classes: int | None) -> None:
        """Input features and classes of the loaded data (for layer_dims)."""
        self._n_x, self._n_classes = n_x, n_classes
        self._update_dims()

    def layer_dims(self) -> list[int] | None:
        """[n_x, hidden…, n_y] for the loaded data, or None (no data, or a loss that cannot fit it)."""
        self._io_error = None
        if self._n_x is None or self._n_classes is None:
            return None
        try:
            n_y = output_units(self.spec(), self._n_classes)
        except ExperimentError as exc:
            self._io_error = str(exc)
            return None
        return [self._n_x, *[int(spin.value()) for _l, spin, _c, _r in self.layer_rows], n_y]

    def _update_dims(self) -> None:
        dims = self.layer_dims()
        self.show_error(self._io_error)
        if dims is None:
            self.dims_label.setText(translate("NetworkPanel", "layer_dims: –") if self._io_error else
                                    translate("NetworkPanel", "layer_dims: (waiting for the data)"))
            self.drawing.set_architecture([])
            return
        n_params = sum(dims[l] * (dims[l - 1] + 1) for l in range(1, len(dims)))
        self.dims_label.setText(translate("NetworkPanel", "layer_dims = <b>{dims}</b> &nbsp;·&nbsp; "
                                                          "<b>{count}</b> parameters").format(
            dims=dims, count=f"{n_params:,}"))
        acts = ["", *[str(combo.currentData()) for _l, _s, combo, _r in self.layer_rows], self._output_name()]
        if self.drawing.dims != dims or self.drawing.labels != acts:
            self.drawing.set_architecture(dims, acts)

    def _output_name(self) -> str:
        loss = self.loss.currentData()
        return {"bce": "sigmoid", "softmax": "softmax"}.get(loss, str(self.output.currentData()))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _update_output_enabled(self) -> None:
        mse = self.loss.currentData() == "mse"
        self.output_fixed.setText(translate("NetworkPanel", "{activation} (set by the loss)").format(
            activation=self._output_name()))
        self.output_stack.setCurrentIndex(0 if mse else 1)

    # ------------------------------------------------------------------ slots
    @Slot()
    def _on_loss(self) -> None:
        self._update_output_enabled()
        self._emit_changed()

    @Slot()
    def _emit_changed(self) -> None:
        self._update_dims()
        self.errorsChanged.emit(self.errors())
        if self.is_valid():
            self.networkChanged.emit(self.spec())

    @Slot(bool, str)
    def _on_validity(self, _valid: bool, _message: str) -> None:
        self.errorsChanged.emit(self.errors())


def _mark(field: QWidget, label: QLabel, valid: bool, message: str) -> None:
    """A red frame on the field and the reason under it, while what was typed is not allowed."""
    set_invalid(field, not valid)
    label.setText("" if valid else message)
    label.setVisible(not valid)


def _activation_combo() -> QComboBox:
    combo = QComboBox()
    for name in ACTIVATIONS:
        combo.addItem(_name_label(name), name)   # the value is the item's data (the name), not its text
        combo.setItemData(combo.count() - 1, _tr(ACTIVATION_TIPS.get(name, name)), Qt.ItemDataRole.ToolTipRole)
    return compact_combo(combo, 8)


def _select(combo: QComboBox, name: str) -> None:
    """Choose the item whose data is ``name`` (nothing changes for an unknown name)."""
    index = combo.findData(name)
    if index >= 0:
        combo.setCurrentIndex(index)
