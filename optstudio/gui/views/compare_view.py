"""Compare optimizers: several configurations trained on the same data from the same initial
weights at the same time, like the notebook's GD / Momentum / Adam experiment.

The main window calls:

* ``set_base_experiment(exp)`` – the data, network and training settings every run shares (its
  ``runs``, if any, become the configuration list). Default: the notebook's lab with 2000 epochs.
* ``shutdown()`` – before the window closes (stops training, ends the thread).

Training: the view builds the plan (:func:`~optstudio.core.build.build_plan`) and gives it to a
:class:`~optstudio.gui.controller.RunController`, the same controller (and worker) the Training tab
uses: it trains in the controller's thread, sends at most 30 snapshots per second (only once the
view has drawn the previous one), and takes live changes while the runs train: a run's learning
rate α, pause, and stopping one run (its ■ button) while the others go on.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDoubleSpinBox, QFrame, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QScrollArea, QSizePolicy, QSplitter, QTableWidget, QTableWidgetItem,
    QToolButton, QVBoxLayout, QWidget,
)

from optstudio.core.build import build_plan
from optstudio.core.experiment import Experiment, ExperimentError, notebook_preset
from optstudio.core.settings import LEARNING_RATE, field_check
from optstudio.gui.controller import RunController
from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, localized, translate
from optstudio.gui.param_form import ParamForm
from optstudio.gui.plots import PROBABILITY_CMAP, class_color
from optstudio.gui.views._common import (
    ask_save_path, explain_label, html_escape, make_plot, manager_or_default, run_color, save_widget_png,
)
from optstudio.gui.views.compare_data import (
    COST_SERIES, CompareSnapshot, CompareSnapshotMaker, RunSummary,
    summary_table, write_table_csv,
)
from optstudio.gui.widgets import CollapsibleSection, FieldRow, FloatEdit, IntSpinBox, hint_label

__all__ = ["CompareView", "ConfigRow", "DEFAULT_COMPARE_EPOCHS"]

DEFAULT_COMPARE_EPOCHS = 2000


def default_base_experiment() -> Experiment:
    exp = notebook_preset()
    exp.training.epochs = DEFAULT_COMPARE_EPOCHS
    return exp


LESSON = QT_TRANSLATE_NOOP("CompareView",
                           "Every run starts from the <b>same initial weights</b> on the <b>same data</b>: only the "
                           "optimizer differs. Which cost falls fastest? Is it smooth or jumpy? (Choose the last "
                           "mini-batch cost under the plot to see the notebook's oscillations.)")
LESSON_VARIED = QT_TRANSLATE_NOOP("CompareView",
                                  "Every run uses the <b>same data</b> and, unless its “also:” line changes them, "
                                  "the <b>same initial weights and mini-batches</b>: only the optimizer and what the "
                                  "“also:” lines say differ. Which cost falls fastest? Is it smooth or jumpy?")


BOUNDARY_CAPTION = QT_TRANSLATE_NOOP("CompareView", "Decision boundary of each run: background = P(class 1) "
                                                   "(red 0 … blue 1), dots = training points.")

_positive = field_check(LEARNING_RATE, "α")


def extra_text(extra: dict, *, english: bool = False) -> str:
    """``{"training": {"mini_batch_size": 300}}`` → ``"mini-batch size 300"`` (short, for a label;
    in the window's language unless ``english``)."""
    word = (lambda text: text) if english else (lambda text: translate("CompareView", text))
    parts = []
    for section in extra.values():
        for key, value in section.items():
            if isinstance(value, list):
                value = "[" + ", ".join(str(v) for v in value) + "]"
            name = word(EXTRA_NAMES[key]) if key in EXTRA_NAMES else key.replace('_', ' ')
            parts.append(f"{name} {value}")
    return word(", ").join(parts)


#: the run-patch keys an "also:" line names
EXTRA_NAMES = {
    "mini_batch_size": QT_TRANSLATE_NOOP("CompareView", "mini-batch size"),
    "init": QT_TRANSLATE_NOOP("CompareView", "initialisation"),
    "hidden": QT_TRANSLATE_NOOP("CompareView", "hidden layers"),
    "l2": "L2",
    "seed": QT_TRANSLATE_NOOP("CompareView", "seed"),
    "epochs": QT_TRANSLATE_NOOP("CompareView", "epochs"),
    "activations": QT_TRANSLATE_NOOP("CompareView", "activations"),
}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _two_lines(text: str, longer_than: int = 9) -> str:
    """A table heading broken at the space nearest its middle (``"train accuracy"`` →
    ``"train\naccuracy"``); short headings stay on one line."""
    if len(text) <= longer_than or " " not in text:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "\n" + text[cut + 1:]


def _short_values(form: ParamForm, translations=None) -> str:
    parts = []
    for spec in form.specs:
        value = form.values().get(spec.name)
        if isinstance(value, bool):
            text = translate("CompareView", "on") if value else translate("CompareView", "off")
        elif isinstance(value, float):
            text = format_number(value, 6)
        else:
            text = str(value)
        label = localized(translations, f"params.{spec.name}.label", None) or translate("ParamSpec", spec.display_label)
        parts.append(f"{label} = {text}")
    return translate("CompareView", ", ").join(parts)


def _info_text(info, key: str, default: str) -> str:
    """A plugin's ``label``/``description`` in the window's language (its own translations)."""
    return localized(getattr(info, "translations", None), key, default)


# ============================================================================================
class ConfigRow(QFrame):
    """One configuration: optimizer (+ its generated form), learning rate α, schedule (+ form)."""

    removeRequested = Signal(object)
    changed = Signal()
    learningRateChanged = Signal(object, float)   # this row, the new valid α (applies live while training)
    stopRequested = Signal(object)                 # this row: stop its run (the others go on)

    def __init__(self, manager, color: QColor, patch: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.shown_label = str          # a label as shown (CompareView gives the lab's translation)
        self.manager = manager
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("config_row")
        self.swatch = QLabel("■")
        self.optimizer = QComboBox()
        self.optimizer.setToolTip(translate("CompareView", "The optimizer of this run (the list comes from the plugins)."))
        self.optimizer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.optimizer.setMinimumContentsLength(8)
        for name, info in manager.optimizers.items():
            self.optimizer.addItem(_info_text(info, "label", info.label), name)
            self.optimizer.setItemData(self.optimizer.count() - 1, _info_text(info, "description", info.description),
                                       Qt.ItemDataRole.ToolTipRole)
        self.learning_rate = FloatEdit(0.0007, check=_positive)
        self.learning_rate.setToolTip(translate("CompareView", "Learning rate α of this run. The notebook uses "
                                                              "the same α = 0.0007 for all three optimizers."))
        self.learning_rate.setMaximumWidth(80)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(translate("CompareView", "Remove this configuration"))
        self.remove.clicked.connect(lambda: self.removeRequested.emit(self))
        self.stop_button = QToolButton()
        self.stop_button.setText("■")
        self.stop_button.setToolTip(translate("CompareView", "Stop this run now (the others go on); its curve and "
                                                            "table row keep what it reached."))
        self.stop_button.clicked.connect(lambda: self.stopRequested.emit(self))
        self.stop_button.hide()
        self.form = ParamForm()
        self.params_section = CollapsibleSection(translate("CompareView", "hyperparameters"), self.form, expanded=False)
        self.params_section.header.setStyleSheet("QToolButton { font-weight: normal; }")
        self.params_section.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # the values, whole (wrapped): a one-line header cut them to "bi…"
        self.params_summary = hint_label()
        self.params_summary.setObjectName("params_summary")
        self.params_section.toggled.connect(lambda on: self.params_summary.setVisible(not on and bool(self.form.specs)))
        self.schedule = QComboBox()
        self.schedule.setToolTip(translate("CompareView", "How α changes during training (learning-rate decay)."))
        self.schedule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.schedule.setMinimumContentsLength(8)
        for name, info in manager.schedules.items():
            self.schedule.addItem(_info_text(info, "label", info.label), name)
            self.schedule.setItemData(self.schedule.count() - 1, _info_text(info, "description", info.description),
                                      Qt.ItemDataRole.ToolTipRole)
        self.schedule_form = ParamForm()
        self.extra: dict = {}          # the rest of the run patch (training, network, data sections)
        self._unknown: dict = {}       # optimizer/schedule names the plugins do not know: their error
        self.extra_label = hint_label()
        self.extra_label.hide()
        self.error = hint_label(error=True)
        self.error.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 3, 4, 3)
        layout.setSpacing(2)
        line1 = QHBoxLayout()
        line1.setSpacing(4)
        line1.addWidget(self.swatch)
        line1.addWidget(self.optimizer, 1)
        alpha = QLabel("α")
        alpha.setToolTip(self.learning_rate.toolTip())
        line1.addWidget(alpha)
        line1.addWidget(FieldRow(self.learning_rate))
        line1.addWidget(self.stop_button)
        line1.addWidget(self.remove)
        layout.addLayout(line1)
        layout.addWidget(self.params_section)
        layout.addWidget(self.params_summary)
        line3 = QHBoxLayout()
        line3.setSpacing(4)
        sched_label = QLabel(translate("CompareView", "schedule"))
        sched_label.setToolTip(self.schedule.toolTip())
        line3.addWidget(sched_label)
        line3.addWidget(self.schedule, 1)
        layout.addLayout(line3)
        layout.addWidget(self.schedule_form)
        layout.addWidget(self.extra_label)
        layout.addWidget(self.error)

        self.set_color(color)
        self.optimizer.currentIndexChanged.connect(self._on_optimizer)
        self.schedule.currentIndexChanged.connect(self._on_schedule)
        self.form.changed.connect(self._on_params)
        self.schedule_form.changed.connect(self.changed)
        self.learning_rate.valueChanged.connect(self.changed)
        self.learning_rate.valueChanged.connect(lambda value: self.learningRateChanged.emit(self, value))
        self.set_patch(patch or {"optimizer": {"name": "gd"}})

    # ------------------------------------------------------------------ values
    def set_color(self, color: QColor) -> None:
        self.color = QColor(color)
        self.swatch.setStyleSheet(f"color: {self.color.name()}; font-size: 18px;")

    def set_patch(self, patch: dict) -> None:
        """Fill the row from a run patch ``{"label", "optimizer": {...}, "schedule": {...}}``."""
        opt = dict(patch.get("optimizer") or {})
        sched = dict(patch.get("schedule") or {})
        self.label = patch.get("label") if isinstance(patch.get("label"), str) else ""
        self.extra = {k: dict(v) for k, v in patch.items()
                      if k not in ("label", "optimizer", "schedule") and isinstance(v, dict) and v}
        text = extra_text(self.extra)
        self.extra_label.setText(translate("CompareView", "also: {changes}").format(changes=html_escape(text))
                                 if text else "")
        self.extra_label.setToolTip(translate("CompareView", "What this run changes in the shared settings "
                                                             "(from the lab file)."))
        self.extra_label.setVisible(bool(text))
        name = opt.get("name", "gd")
        index = self.optimizer.findData(name)
        # an unknown name is an error shown on the row (and Start refuses), never a silent substitute
        self._unknown = {}
        if index < 0:
            self._unknown["optimizer"] = translate("CompareView", "unknown optimizer {name} (available: {names})").format(
                name=repr(name), names=", ".join(self.manager.optimizers))
            index = 0
        self.optimizer.blockSignals(True)
        self.optimizer.setCurrentIndex(index)
        self.optimizer.blockSignals(False)
        self._show_optimizer()
        self.form.set_values(opt.get("params") or {})
        if "learning_rate" in opt:
            self.learning_rate.setValue(float(opt["learning_rate"]))
        sname = sched.get("name", "constant")
        sindex = self.schedule.findData(sname)
        if sindex < 0:
            self._unknown["schedule"] = translate("CompareView", "unknown schedule {name} (available: {names})").format(
                name=repr(sname), names=", ".join(self.manager.schedules))
        self.schedule.blockSignals(True)
        self.schedule.setCurrentIndex(max(sindex, 0))
        self.schedule.blockSignals(False)
        self._show_schedule()
        self.schedule_form.set_values(sched.get("params") or {})
        self._update_header()
        self.show_error("; ".join(self._unknown.values()))

    def optimizer_name(self) -> str:
        return str(self.optimizer.currentData())

    def schedule_name(self) -> str:
        return str(self.schedule.currentData())

    def patch(self) -> dict:
        out = {k: dict(v) for k, v in self.extra.items()}
        out.update({
            "optimizer": {"name": self.optimizer_name(), "learning_rate": float(self.learning_rate.value()),
                          "params": self.form.values()},
            "schedule": {"name": self.schedule_name(), "params": self.schedule_form.values()},
        })
        return out

    def base_label(self) -> str:
        # a given label that only repeats the generated one (the notebook's "Gradient descent",
        # "Momentum", "Adam") is shown in the window's language like the generated one
        if self.label and self.label != self._generated_label(english=True):
            return self.shown_label(self.label)        # the lab file's translation of its label
        return self._generated_label()

    def _generated_label(self, *, english: bool = False) -> str:
        info = self.manager.optimizers[self.optimizer_name()]
        text = info.label if english else _info_text(info, "label", info.label)
        if self.schedule_name() != "constant":
            sinfo = self.manager.schedules.get(self.schedule_name())
            shown = None if english else localized(getattr(sinfo, "translations", None), "label", None)
            text += f" + {shown or self.schedule_name()}"
        if self.extra:
            text += f" ({extra_text(self.extra, english=english)})"
        return text

    def errors(self) -> list[str]:
        out = list(self._unknown.values())
        if not self.learning_rate.is_valid():
            out.append(f"α: {self.learning_rate.error_message()}")
        out += self.form.errors() + self.schedule_form.errors()
        return out

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def set_training(self, training: bool) -> None:
        """While the runs train only α (a live change) and the run's ■ stay usable."""
        for w in (self.optimizer, self.form, self.schedule, self.schedule_form, self.remove):
            w.setEnabled(not training)
        self.remove.setVisible(not training)
        self.stop_button.setVisible(training)
        self.stop_button.setEnabled(training)

    # ------------------------------------------------------------------ slots
    def _show_optimizer(self) -> None:
        info = self.manager.optimizers[self.optimizer_name()]
        self.form.set_specs(info.params, getattr(info, "translations", None))
        self.params_section.setVisible(bool(info.params))
        self.form.setVisible(bool(info.params) and self.params_section.isExpanded())
        self.params_summary.setVisible(bool(info.params) and not self.params_section.isExpanded())
        self.optimizer.setToolTip(f"{_info_text(info, 'label', info.label)}: "
                                  f"{_info_text(info, 'description', info.description)}\n\n{_info_text(info, 'formula', info.formula)}")

    def _show_schedule(self) -> None:
        info = self.manager.schedules[self.schedule_name()]
        self.schedule_form.set_specs(info.params, getattr(info, "translations", None))
        self.schedule.setToolTip(f"{_info_text(info, 'label', info.label)}: "
                                 f"{_info_text(info, 'description', info.description)}\n\n{_info_text(info, 'formula', info.formula)}")

    def _update_header(self) -> None:
        info = self.manager.optimizers.get(self.optimizer_name())
        text = _short_values(self.form, getattr(info, "translations", None))
        self.params_summary.setText(html_escape(text))
        self.params_section.header.setToolTip(text)

    @Slot(int)
    def _on_optimizer(self, _index: int) -> None:
        self._unknown.pop("optimizer", None)
        self.label = ""
        self._show_optimizer()
        self._update_header()
        self.show_error("")
        self.changed.emit()

    @Slot(int)
    def _on_schedule(self, _index: int) -> None:
        self._unknown.pop("schedule", None)
        self.label = ""
        self._show_schedule()
        self.show_error("")
        self.changed.emit()

    @Slot()
    def _on_params(self) -> None:
        self._update_header()
        self.changed.emit()


# ============================================================================================
def _light(color: QColor, amount: float = 0.55) -> tuple[int, int, int]:
    r, g, b = color.red(), color.green(), color.blue()
    return (int(r + (255 - r) * amount), int(g + (255 - g) * amount), int(b + (255 - b) * amount))


class BoundaryStrip(QWidget):
    """One small decision-boundary heatmap per run, side by side, with the training points."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.message = explain_label("")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.layout_.addWidget(self.message)
        self.plots: list[pg.PlotWidget] = []
        self.images: list[pg.ImageItem] = []
        self.scatters: list[list[pg.ScatterPlotItem]] = []
        self.n_classes = 2
        self.has_grid: list[bool] = []

    def set_runs(self, labels: list[str], colors: list[QColor]) -> None:
        for plot in self.plots:
            self.layout_.removeWidget(plot)
            plot.hide()
            plot.deleteLater()
        self.plots, self.images, self.scatters, self.has_grid = [], [], [], []
        self.message.hide()
        for label, color in zip(labels, colors):
            plot = make_plot(minimum=(110, 110))
            item = plot.getPlotItem()
            item.setTitle(f"<span style='color:{color.name()}; font-weight:bold'>{html_escape(label)}</span>",
                          size="9pt")
            item.hideButtons()
            item.getAxis("left").setWidth(28)
            item.getAxis("bottom").setHeight(18)
            item.showGrid(x=False, y=False)
            plot.setMouseEnabled(False, False)
            image = pg.ImageItem()
            image.setZValue(-10)
            item.addItem(image)
            self.layout_.addWidget(plot, 1)
            self.plots.append(plot)
            self.images.append(image)
            self.scatters.append([])
            self.has_grid.append(False)

    def show_message(self, text: str) -> None:
        for plot in self.plots:
            plot.hide()
        self.message.setText(text)
        self.message.show()

    def set_points(self, X: np.ndarray, y: np.ndarray, n_classes: int) -> None:
        self.n_classes = n_classes
        for plot, scatters in zip(self.plots, self.scatters):
            item = plot.getPlotItem()
            for sc in scatters:
                item.removeItem(sc)
            scatters.clear()
            for c in range(n_classes):
                mask = y == c
                if not mask.any():
                    continue
                color = class_color(c)
                sc = pg.ScatterPlotItem(size=4, pen=pg.mkPen(color.darker(160), width=0.5),
                                        brush=pg.mkBrush(color), pxMode=True)
                sc.setData(X[0, mask], X[1, mask])
                item.addItem(sc)
                scatters.append(sc)
            pad_x = 0.5
            item.setRange(xRange=(X[0].min() - pad_x, X[0].max() + pad_x),
                          yRange=(X[1].min() - pad_x, X[1].max() + pad_x), padding=0)

    def set_grid(self, index: int, grid) -> None:
        if grid is None or index >= len(self.images):
            return
        xs, ys, values = grid
        image = self.images[index]
        if self.n_classes <= 2 and np.nanmax(values, initial=0) <= 1.0 and np.nanmin(values, initial=0) >= 0.0:
            image.setImage(np.nan_to_num(values, nan=0.5), levels=(0.0, 1.0), autoLevels=False)
            image.setColorMap(PROBABILITY_CMAP)
        else:
            k = self.n_classes
            lut = np.array([_light(class_color(i)) for i in range(k)], dtype=np.uint8)
            rgb = lut[np.clip(np.nan_to_num(values).astype(np.int64), 0, k - 1)]
            image.setImage(rgb, levels=(0, 255), autoLevels=False)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        self.has_grid[index] = True


# ============================================================================================
class CompareView(QWidget):
    """Train several optimizer + schedule configurations side by side and compare them.

    Methods for the main window: :meth:`set_base_experiment`, :meth:`shutdown`; optional:
    :meth:`start`, :meth:`stop`, :meth:`configurations`, :meth:`set_configurations`,
    :meth:`export_csv`, :meth:`export_png`.
    Signals: ``runningChanged(bool)``, ``trainingFinished()``.
    """

    runningChanged = Signal(bool)
    trainingFinished = Signal()

    def __init__(self, manager=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.base = default_base_experiment()
        self.controller = RunController(self.manager, name="compare", parent=self)
        self.controller.snapshotReady.connect(self._on_progress)
        self.controller.runFinished.connect(self._on_finished)
        self.controller.commandFailed.connect(lambda text: self._set_status(text, error=True))
        self.rows: list[ConfigRow] = []
        self.summaries: list[RunSummary] = []
        self.epochs_data: list[list[float]] = []
        self.series_data: dict[str, list[list[float]]] = {k: [] for k in COST_SERIES}
        self.curves: list[pg.PlotDataItem] = []
        self.has_test = False
        self.progress_count = 0
        self._build()
        self.set_base_experiment(self.base)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.start_button = QPushButton(translate("CompareView", "▶ Start"))
        self.start_button.setToolTip(translate("CompareView", "Train every configuration on the same data from "
                                                             "the same initial weights, all at the same time."))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(translate("CompareView", "■ Stop"))
        self.stop_button.setToolTip(translate("CompareView", "Stop all runs now (the curves and table keep what "
                                                            "was reached)."))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.pause_button = QPushButton(translate("CompareView", "Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setToolTip(translate("CompareView", "Pause all runs (press again to continue)."))
        self.pause_button.toggled.connect(self._on_pause)
        self.pause_button.setEnabled(False)
        self.epochs = IntSpinBox(1, 1_000_000)
        self.epochs.setSingleStep(100)
        self.epochs.setToolTip(translate("CompareView", "Epochs for every run (the notebook trains 10000; 2000 is "
                                                       "enough to see the difference)."))
        self.target = QDoubleSpinBox()
        self.target.setDecimals(3)
        self.target.setRange(0.001, 10.0)
        self.target.setSingleStep(0.05)
        self.target.setValue(0.3)
        self.target.setToolTip(translate("CompareView", "The table counts the epochs each run needed to bring the "
                                                       "plotted cost down to this value."))
        self.target.valueChanged.connect(self._refresh_table)
        self.csv_button = QPushButton(translate("CompareView", "Export table (CSV)…"))
        self.csv_button.setToolTip(translate("CompareView", "Save the summary table as a CSV file (opens in any "
                                                           "spreadsheet)."))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.png_button = QPushButton(translate("CompareView", "Export figure (PNG)…"))
        self.png_button.setToolTip(translate("CompareView", "Save this whole view (curves, boundaries, table) as a "
                                                           "PNG image."))
        self.png_button.clicked.connect(lambda: self.export_png())
        self.status = QLabel("")
        self.status.setWordWrap(True)

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        toolbar.addWidget(self.start_button)
        toolbar.addWidget(self.pause_button)
        toolbar.addWidget(self.stop_button)
        toolbar.addSpacing(8)
        toolbar.addWidget(QLabel(translate("CompareView", "Epochs")))
        toolbar.addWidget(self.epochs)
        toolbar.addSpacing(8)
        toolbar.addWidget(QLabel(translate("CompareView", "Target cost")))
        toolbar.addWidget(self.target)
        toolbar.addStretch(1)
        toolbar.addWidget(self.csv_button)
        toolbar.addWidget(self.png_button)

        # left: the configurations
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_box)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.add_button = QPushButton(translate("CompareView", "+ Add configuration"))
        self.add_button.setToolTip(translate("CompareView", "Add another optimizer / learning rate / schedule to "
                                                           "the comparison."))
        self.add_button.clicked.connect(lambda: self.add_configuration())
        self.base_info = hint_label()
        self.lesson = explain_label(translate("CompareView", LESSON))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        title = QLabel(translate("CompareView", "<b>Configurations</b>"))
        left_layout.addWidget(title)
        left_layout.addWidget(scroll, 1)
        left_layout.addWidget(self.add_button)
        left_layout.addWidget(self.lesson)
        left_layout.addWidget(self.base_info)
        left.setMinimumWidth(270)

        # right: curves, boundaries, table
        self.cost_plot = make_plot(translate("CompareView", "Cost per epoch"), translate("CompareView", "epoch"),
                                   translate("CompareView", "cost"))
        item = self.cost_plot.getPlotItem()
        item.getAxis("left").enableAutoSIPrefix(False)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.legend = item.addLegend(offset=(-8, 8), labelTextSize="9pt")
        self.log_box = QPushButton(translate("CompareView", "log scale"))
        self.log_box.setCheckable(True)
        self.log_box.setToolTip(translate("CompareView", "Logarithmic cost axis: small late improvements stay "
                                                        "visible."))
        self.log_box.toggled.connect(self._on_log)
        self.series = QComboBox()
        for key, text in COST_SERIES.items():
            self.series.addItem(translate("CompareData", text), key)
        self.series.setToolTip(translate("CompareView", "Which cost to plot. The notebook plots the last "
                                                       "mini-batch's cost, which jumps up and down because some "
                                                       "mini-batches are harder than others."))
        self.series.currentIndexChanged.connect(self._on_series)
        curve_box = QWidget()
        cb = QVBoxLayout(curve_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.setSpacing(2)
        cb.addWidget(self.cost_plot, 1)
        row = QHBoxLayout()
        row.addWidget(self.series, 1)
        row.addWidget(self.log_box)
        cb.addLayout(row)

        self.boundaries = BoundaryStrip()
        self.boundary_caption = hint_label(translate("CompareView", BOUNDARY_CAPTION))
        boundary_box = QWidget()
        bb = QVBoxLayout(boundary_box)
        bb.setContentsMargins(0, 0, 0, 0)
        bb.setSpacing(1)
        bb.addWidget(self.boundaries, 1)
        bb.addWidget(self.boundary_caption)

        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setToolTip(translate("CompareView", "Like the notebook's table. Cost shape and epochs-to-target "
                                                      "are measured on the plotted cost curve."))
        self.table.verticalHeader().setDefaultSectionSize(22)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(curve_box)
        right.addWidget(boundary_box)
        right.addWidget(self.table)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 4)
        right.setStretchFactor(2, 2)
        right.setChildrenCollapsible(False)
        self.results_splitter = right

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 700])
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addLayout(toolbar)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    # ------------------------------------------------------------------ configurations
    def add_configuration(self, patch: dict | None = None) -> ConfigRow:
        if patch is None:
            patch = {"optimizer": {"name": "adam", "learning_rate": self.base.optimizer.learning_rate}}
        row = ConfigRow(self.manager, run_color(len(self.rows)), patch)
        row.shown_label = self.base.shown_run_label if self.base is not None else str
        row._update_header()
        row.removeRequested.connect(self._remove_row)
        row.learningRateChanged.connect(self._on_row_learning_rate)
        row.stopRequested.connect(self._on_row_stop)
        self.rows_layout.insertWidget(len(self.rows), row)
        self.rows.append(row)
        self._update_row_buttons()
        return row

    def configurations(self) -> list[dict]:
        """The run patches (``{"label"?, "optimizer": {...}, "schedule": {...}}``) in order."""
        out = []
        for row, label in zip(self.rows, self._labels()):
            patch = row.patch()
            patch["label"] = label
            out.append(patch)
        return out

    def set_configurations(self, patches: list[dict]) -> None:
        for row in list(self.rows):
            self._drop_row(row)
        for patch in patches:
            self.add_configuration(self._complete_patch(patch))
        self.lesson.setText(translate("CompareView", LESSON_VARIED if any(row.extra for row in self.rows) else LESSON))

    def _complete_patch(self, patch: dict) -> dict:
        """A run patch with the learning rate and schedule the base experiment gives it."""
        try:
            variant = self.base.variant(patch)
        except ExperimentError:
            return patch
        out = {k: v for k, v in patch.items() if k not in ("label", "optimizer", "schedule")}
        out.update({"optimizer": {"name": variant.optimizer.name, "learning_rate": variant.optimizer.learning_rate,
                                  "params": dict(variant.optimizer.params)},
                    "schedule": {"name": variant.schedule.name, "params": dict(variant.schedule.params)}})
        if isinstance(patch.get("label"), str):
            out["label"] = patch["label"]
        return out

    @Slot(object)
    def _remove_row(self, row: ConfigRow) -> None:
        if self.is_running() or len(self.rows) <= 1:
            return
        self._drop_row(row)
        for i, r in enumerate(self.rows):
            r.set_color(run_color(i))
        self._update_row_buttons()

    def _drop_row(self, row: ConfigRow) -> None:
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _update_row_buttons(self) -> None:
        running = self.is_running()
        for row in self.rows:
            row.remove.setEnabled(not running and len(self.rows) > 1)

    def _labels(self) -> list[str]:
        bases = [row.base_label() for row in self.rows]
        labels = []
        for i, (row, base) in enumerate(zip(self.rows, bases)):
            label = base
            if bases.count(base) > 1:
                label = f"{base}, α={row.learning_rate.value():g}"
            labels.append(label)
        for i, label in enumerate(labels):
            if labels.count(label) > 1:
                labels[i] = f"{label} #{i + 1}"
        return labels

    # ------------------------------------------------------------------ base experiment
    def set_base_experiment(self, exp: Experiment) -> None:
        """The settings every run shares (data, network, mini-batch size, epochs, seed). The
        experiment's ``runs``, if any, replace the configuration list. Takes effect at the next
        Start."""
        self.base = exp.copy()
        self.epochs.setValue(max(1, int(exp.training.epochs)))
        if exp.runs:
            self.set_configurations(exp.runs)
        elif not self.rows:
            self.set_configurations(default_base_experiment().runs)
        d, n, t = exp.data, exp.network, exp.training
        layers = [str(h) for h in n.hidden]
        self.base_info.setText(translate(
            "CompareView", "Shared by every run: data “{data}”, hidden layers [{hidden}] ({activations}), "
                           "mini-batch {batch}, seed {seed}: the same data and the same initial weights for all."
        ).format(data=d.name, hidden=", ".join(layers), activations=", ".join(n.activations),
                 batch=t.mini_batch_size, seed=t.seed))

    def experiments(self) -> tuple[list[Experiment], list[str]]:
        """One experiment per configuration (raises ExperimentError with a one-line message)."""
        base = self.base.copy()
        base.runs = []
        base.training.epochs = int(self.epochs.value())
        labels = self._labels()
        exps = []
        for i, row in enumerate(self.rows):
            problems = row.errors()
            if problems:
                row.show_error(problems[0])
                raise ExperimentError(f"{labels[i]}: {problems[0]}")
            try:
                exp = base.variant(row.patch(), where=labels[i])
                self.manager.create_optimizer(exp.optimizer.name, exp.optimizer.params)
                self.manager.create_schedule(exp.schedule.name, exp.schedule.params)
            except Exception as exc:  # noqa: BLE001 - ExperimentError, ValueError, PluginRuntimeError
                text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                row.show_error(text)
                raise ExperimentError(text if text.startswith(labels[i]) else f"{labels[i]}: {text}") from None
            row.show_error("")
            exps.append(exp)
        return exps, labels

    # ------------------------------------------------------------------ training
    def is_running(self) -> bool:
        """The runs train (or are paused): the configurations cannot change."""
        return self.controller.state.busy

    @Slot()
    def start(self) -> bool:
        """Start training all configurations. Returns False (with a message) on bad settings."""
        if self.is_running():
            return False
        if not self.rows:
            self._set_status(translate("CompareView", "Add at least one configuration."), error=True)
            return False
        try:
            exps, labels = self.experiments()
            plan = build_plan(exps, self.manager, labels)
        except Exception as exc:  # noqa: BLE001 - ExperimentError, DataError, a plugin's factory
            self._set_status(_first_line(exc), error=True)
            return False
        self._reset_results(labels, exps)
        maker = CompareSnapshotMaker(self.controller.generation + 1, plan.runs)
        self.controller.load(plan, lambda status, final: maker(final=final and status not in (None, "paused"),
                                                               paused=status == "paused"))
        self._set_running(True)
        self._set_status(translate("CompareView", "Training {count} configurations at the same time…").format(
            count=len(exps)))
        self.controller.start()
        return True

    @Slot()
    def stop(self) -> None:
        """Ask every run to stop; the view finishes when the thread reports back."""
        if self.controller.stop():
            self._set_status(translate("CompareView", "Stopping…"))

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop training and end the worker thread (call before the window closes)."""
        done = self.controller.shutdown(timeout_ms)
        self._set_running(False)
        return done

    def pause(self) -> None:
        """Pause all runs (the thread waits); :meth:`resume` continues."""
        self.pause_button.setChecked(True)

    def resume(self) -> None:
        self.pause_button.setChecked(False)

    @Slot(bool)
    def _on_pause(self, paused: bool) -> None:
        self.pause_button.setText(translate("CompareView", "Continue") if paused else translate("CompareView", "Pause"))
        if not self.is_running():
            return
        if paused:
            self.controller.pause()
            self._set_status(translate("CompareView", "Paused: press Continue to go on, Stop to end the runs."))
        else:
            self.controller.start()
            self._set_status(translate("CompareView", "Training…"))

    @Slot(object, float)
    def _on_row_learning_rate(self, row: ConfigRow, value: float) -> None:
        if self.is_running() and row in self.rows:
            self.controller.set_learning_rate(value, self.rows.index(row))

    @Slot(object)
    def _on_row_stop(self, row: ConfigRow) -> None:
        if self.is_running() and row in self.rows:
            self.controller.stop_run(self.rows.index(row))
            row.stop_button.setEnabled(False)

    def _set_running(self, running: bool) -> None:
        # enable what comes next first, and give it the focus: a disabled button with the focus
        # hands it to the next field of the tab chain (the focus jumped into "Target cost")
        buttons = (self.pause_button, self.stop_button)
        ahead, behind = (buttons, (self.start_button,)) if running else ((self.start_button,), buttons)
        for button in ahead:
            button.setEnabled(True)
        if self.focusWidget() in behind:
            ahead[0].setFocus()
        for button in behind:
            button.setEnabled(False)
        if not running:
            self.pause_button.blockSignals(True)
            self.pause_button.setChecked(False)
            self.pause_button.setText(translate("CompareView", "Pause"))
            self.pause_button.blockSignals(False)
        self.add_button.setEnabled(not running)
        self.epochs.setEnabled(not running)
        for row in self.rows:
            row.set_training(running)
        self._update_row_buttons()
        self.runningChanged.emit(running)

    def _reset_results(self, labels: list[str], exps: list[Experiment]) -> None:
        colors = [run_color(i) for i in range(len(labels))]
        item = self.cost_plot.getPlotItem()
        for curve in self.curves:
            item.removeItem(curve)
        self.legend.clear()
        self.curves = []
        for label, color in zip(labels, colors):
            curve = item.plot([], [], pen=pg.mkPen(color, width=2), name=label, connect="finite")
            self.curves.append(curve)
        self.summaries = [RunSummary(label=label, status="starting") for label in labels]
        self.epochs_data = [[] for _ in labels]
        self.series_data = {k: [[] for _ in labels] for k in COST_SERIES}
        self.has_test = bool(exps and exps[0].data.test_fraction)
        self.boundaries.set_runs(labels, colors)
        self.progress_count = 0
        self._refresh_table()

    @Slot(object)
    def _on_progress(self, snap: CompareSnapshot) -> None:
        self.progress_count += 1
        if snap.points is not None:
            X, y = snap.points
            self.boundaries.set_points(X, y, snap.n_classes)
            if snap.n_classes <= 2:
                self.boundary_caption.setText(translate("CompareView", BOUNDARY_CAPTION))
            else:
                self.boundary_caption.setText(translate("CompareView", "Decision regions of each run: background = "
                                                                      "the class the network predicts, dots = "
                                                                      "training points (colour = true class)."))
            self.boundary_caption.show()
        elif snap.grids is None and self.progress_count == 1:
            self.boundaries.show_message(translate("CompareView", "The decision boundaries are drawn for data with "
                                                                 "two input features only."))
            self.boundary_caption.hide()
        key = self._series_key()
        for i, recs in enumerate(snap.records):
            if i >= len(self.summaries):
                break
            s = self.summaries[i]
            if recs:
                self.epochs_data[i].extend(r.epoch for r in recs)
                for k in COST_SERIES:
                    self.series_data[k][i].extend(getattr(r, k) for r in recs)
                last = recs[-1]
                s.train_accuracy, s.test_accuracy = last.train_accuracy, last.test_accuracy
                self.curves[i].setData(np.asarray(self.epochs_data[i], dtype=float),
                                       np.asarray(self.series_data[key][i], dtype=float), connect="finite")
            status = snap.statuses[i]
            if snap.final and status in ("idle", "running", "paused"):
                status = "stopped"
            s.status = status
            s.message = snap.messages[i]
            s.epoch = snap.epochs[i]
        if snap.grids is not None:
            for i, grid in enumerate(snap.grids):
                self.boundaries.set_grid(i, grid)
        self._refresh_table()
        if not snap.final and not self.pause_button.isChecked():
            epochs = min(snap.epochs) if snap.epochs else 0
            self._set_status(translate("CompareView", "Training… epoch {epoch} of {epochs}").format(
                epoch=f"{epochs:,}", epochs=f"{int(self.epochs.value()):,}"))

    @Slot(object)
    def _on_finished(self, outcome) -> None:
        self._set_running(False)
        parts = []
        for s in self.summaries:
            if s.status in ("diverged", "failed"):
                parts.append(f"{s.label}: {s.message}")
        if outcome.status == "failed" and not parts and outcome.message:
            parts.append(outcome.message)
        stopped = any(s.status == "stopped" for s in self.summaries)
        text = translate("CompareView", "Stopped.") if stopped else translate("CompareView", "Finished.")
        same = self._coinciding_curves()
        if same:
            text += f" {same}"
        self._set_status(" ".join([text] + parts), error=bool(parts))
        self.trainingFinished.emit()

    def _coinciding_curves(self) -> str:
        """A note when two cost curves lie on top of each other (one hides the other)."""
        pairs = []
        costs = [np.asarray(c, dtype=float) for c in self.series_data["cost"]]
        for i in range(len(costs)):
            for j in range(i + 1, len(costs)):
                a, b = costs[i], costs[j]
                if a.size and a.size == b.size and np.all(np.isfinite(a)) and np.all(np.isfinite(b)):
                    spread = max(float(np.ptp(np.concatenate([a, b]))), 1e-12)
                    if float(np.max(np.abs(a - b))) < 0.01 * spread:
                        pairs.append(translate("CompareView", "{first} and {second}").format(
                            first=self.summaries[i].label, second=self.summaries[j].label))
        if not pairs:
            return ""
        return translate("CompareView", "The curves of {pairs} almost coincide (one hides the other).").format(
            pairs=translate("CompareView", "; ").join(pairs))

    # ------------------------------------------------------------------ display
    def _series_key(self) -> str:
        return str(self.series.currentData())

    @Slot(int)
    def _on_series(self, _index: int) -> None:
        key = self._series_key()
        for i, curve in enumerate(self.curves):
            curve.setData(np.asarray(self.epochs_data[i], dtype=float),
                          np.asarray(self.series_data[key][i], dtype=float), connect="finite")
        self._refresh_table()

    @Slot(bool)
    def _on_log(self, on: bool) -> None:
        self.cost_plot.getPlotItem().setLogMode(False, on)

    def table_data(self) -> tuple[list[str], list[list[str]]]:
        key = self._series_key()
        for i, s in enumerate(self.summaries):
            s.costs = np.asarray(self.series_data[key][i], dtype=float)
            s.full_costs = np.asarray(self.series_data["cost"][i], dtype=float)
            s.batch_costs = np.asarray(self.series_data["last_batch_cost"][i], dtype=float)
        return summary_table(self.summaries, float(self.target.value()), has_test=self.has_test, series=key)

    @Slot()
    def _refresh_table(self) -> None:
        header, rows = self.table_data()
        self.table.setColumnCount(len(header))
        # long headings on two lines: the table fits next to the window's settings column
        self.table.setHorizontalHeaderLabels([_two_lines(h) for h in header])
        for c, text in enumerate(header):
            self.table.horizontalHeaderItem(c).setToolTip(text)
        self.table.setRowCount(len(rows))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = self.table.item(r, c)
                if cell is None:
                    cell = QTableWidgetItem()
                    self.table.setItem(r, c, cell)
                cell.setText(text)
                if c == 0:
                    cell.setForeground(run_color(r))
                    cell.setFont(bold)
                    message = self.summaries[r].message
                    if message:
                        cell.setToolTip(message)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if header:                  # the run names are never cut; spare room goes to the last column
            hh.setSectionResizeMode(len(header) - 1, QHeaderView.ResizeMode.Stretch)
        self._fit_table_height(len(rows))

    def _fit_table_height(self, n_rows: int) -> None:
        """Tall enough for every row (up to 6; more scroll)."""
        vh = self.table.verticalHeader()
        row_h = vh.defaultSectionSize()
        hh = self.table.horizontalHeader()
        height = max(hh.height(), hh.sizeHint().height()) + row_h * max(1, min(n_rows, 6)) + 2 * self.table.frameWidth() + 2
        self.table.setMinimumHeight(height)

    def set_status(self, text: str, *, error: bool = False) -> None:
        """The one-line message under the view (e.g. the window's hint after opening a lab)."""
        self._set_status(text, error=error)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828;" if error else "")

    # ------------------------------------------------------------------ export
    def export_csv(self, path=None) -> str | None:
        """Write the summary table as CSV (asks for a file name when ``path`` is None)."""
        if path is None:
            path = ask_save_path(self, translate("CompareView", "Export the comparison table"), "comparison.csv",
                                 translate("CompareView", "CSV files (*.csv)"))
            if not path:
                return None
        header, rows = self.table_data()
        try:
            write_table_csv(path, header, rows)
        except OSError as exc:
            self._set_status(translate("CompareView", "Cannot write {path}: {reason}").format(
                path=path, reason=exc.strerror or exc), error=True)
            return None
        self._set_status(translate("CompareView", "Table saved to {path}.").format(path=path))
        return str(path)

    def export_png(self, path=None) -> str | None:
        """Save the view as a PNG image (asks for a file name when ``path`` is None)."""
        if path is None:
            path = ask_save_path(self, translate("CompareView", "Save the comparison as a picture"), "comparison.png",
                                 translate("CompareView", "PNG images (*.png)"))
            if not path:
                return None
        try:
            save_widget_png(self, path)
        except OSError as exc:
            self._set_status(str(exc), error=True)
            return None
        self._set_status(translate("CompareView", "Picture saved to {path}.").format(path=path))
        return str(path)
