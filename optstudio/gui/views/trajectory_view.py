"""Optimizer paths on a 2-D test function, animated step by step.

The contour plot shows log-scaled f(x, y) with contour lines; the paths of the checked optimizers
start from the point the student clicks (or types). The whole paths are computed up front with
:func:`optstudio.core.trajectory.run_trajectories` (cheap), then a QTimer reveals them step by
step.

Nothing for the main window to call: the view is self-contained. Optional: :meth:`set_function`,
:meth:`set_start`, :meth:`set_checked`, :meth:`play`, :meth:`pause`, :meth:`reset`,
:meth:`show_all`, :meth:`settings` / :meth:`apply_settings` (a dict for ``Experiment.extras
["trajectory"]``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
    QPushButton, QScrollArea, QSlider, QSpinBox, QSplitter, QVBoxLayout, QWidget,
)

from optstudio.core.functions2d import FUNCTIONS, Function2D, get_function
from optstudio.core.trajectory import TrajectoryResult, run_trajectories
from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, localized, translate
from optstudio.gui.views._common import explain_label, html_escape, make_plot, manager_or_default, run_color
from optstudio.gui.widgets import FloatEdit, FormulaLabel, hint_label

__all__ = ["TrajectoryView", "DEFAULT_OPTIMIZERS", "default_rate", "DEFAULT_STEPS"]

DEFAULT_OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")

#: steps that show each function's lesson
DEFAULT_STEPS = {"ellipse": 60, "rosenbrock": 1000, "beale": 500, "saddle": 60, "rastrigin": 100}
#: learning rates for adaptive optimizers (one step size per parameter, roughly α per step)
ADAPTIVE_RATES = {"ellipse": 0.3, "rosenbrock": 0.05, "beale": 0.05, "saddle": 0.05, "rastrigin": 0.01}
#: rates for the others (plain GD and momentum-type): the function's suggested rate
PLAIN_RATES = {"rosenbrock": 0.001, "beale": 0.01}
#: built-in optimizers whose lesson needs another rate on a function
RATE_OVERRIDES = {
    "ellipse": {"momentum": 0.5, "adam": 0.2, "adamw": 0.2, "nadam": 0.2, "amsgrad": 0.2, "adamax": 0.2},
}
#: momentum in the "sum" form takes steps about 1/(1 − β) = 10 times larger: a tenth of the rate
SUM_FORM = {"nesterov": 0.1}

#: the test functions' descriptive names and lessons (optstudio.core.functions2d), for the
#: translation (shown with ``translate("TrajectoryView", fn.label)``: a text changed in the core
#: is simply shown in English)
FUNCTION_TEXTS = (
    QT_TRANSLATE_NOOP("TrajectoryView", "Elongated ellipse"),
    QT_TRANSLATE_NOOP("TrajectoryView", "The lecture's elongated contours: with a large α (try 0.9) gradient "
                                        "descent zig-zags across the narrow y direction while crawling along x; "
                                        "momentum and Adam damp the zig-zag."),
    QT_TRANSLATE_NOOP("TrajectoryView", "Rosenbrock valley"),
    QT_TRANSLATE_NOOP("TrajectoryView", "A curved, flat-bottomed valley: reaching it is easy, but following it to "
                                        "the minimum at (1, 1) takes plain gradient descent thousands of steps."),
    QT_TRANSLATE_NOOP("TrajectoryView", "Steep walls and a flat floor: the gradient is huge in some places and tiny "
                                        "in others, which is where per-parameter step sizes (RMSprop, Adam) help."),
    QT_TRANSLATE_NOOP("TrajectoryView", "Saddle point"),
    QT_TRANSLATE_NOOP("TrajectoryView", "A saddle point at (0, 0): the gradient almost vanishes there, so gradient "
                                        "descent stalls before the tiny y offset grows and it escapes (f has no "
                                        "minimum)."),
    QT_TRANSLATE_NOOP("TrajectoryView", "Many local minima on a bowl: gradient descent stops in the nearest dip; "
                                        "only the global minimum (0, 0) has f = 0."),
)


def fn_text(text: str) -> str:
    """A test function's label or lesson in the window's language."""
    return translate("TrajectoryView", text)


TICK_MS = 30
GRID = 220
ISO_STRIDE = 2     # contour lines use every ISO_STRIDE-th grid point


def is_adaptive(manager, name: str) -> bool:
    """Whether the optimizer reports per-parameter step sizes (effective_step) after one update."""
    try:
        opt = manager.create_optimizer(name)
        p = {"xy": np.array([1.0, -1.0])}
        opt.init(p)
        opt.update(p, {"xy": np.array([0.5, -0.25])}, 1, 1e-3)
        return opt.effective_step(1e-3) is not None
    except Exception:  # noqa: BLE001 - a broken plugin: treat as plain
        return False


def default_rate(fn: Function2D, adaptive: bool, name: str = "") -> float:
    """A learning rate that shows ``fn``'s lesson for optimizer ``name``."""
    override = RATE_OVERRIDES.get(fn.name, {}).get(name)
    if override is not None:
        return override
    if adaptive:
        return ADAPTIVE_RATES.get(fn.name, 0.05)
    return PLAIN_RATES.get(fn.name, fn.suggested_learning_rate) * SUM_FORM.get(name, 1.0)


def _contour_cmap() -> pg.ColorMap:
    # light colours, so that the coloured paths stay readable: low f cream, high f soft blue-grey
    return pg.ColorMap(pos=[0.0, 0.35, 0.7, 1.0],
                       color=[(255, 250, 230), (214, 238, 214), (176, 208, 226), (150, 160, 205)])


class _OptimizerRow:
    """A checkbox and a learning-rate field for one optimizer."""

    def __init__(self, name: str, label: str, description: str, adaptive: bool):
        self.name = name
        self.label = label
        self.adaptive = adaptive
        self.check = QCheckBox(label)
        self.check.setToolTip(description + "\n\n" + translate("TrajectoryView", "Hyperparameters: the plugin's defaults."))
        self.rate = FloatEdit(0.01, check=lambda v: None if v > 0 and math.isfinite(v)
                              else translate("TrajectoryView", "must be > 0"))
        self.rate.setMaximumWidth(72)
        self.rate.setToolTip(translate("TrajectoryView", "Learning rate α of {optimizer}.").format(optimizer=label)
                             + (translate("TrajectoryView", " Adaptive method: each coordinate moves by about α per "
                                                            "step.") if adaptive else ""))
        self.swatch = QLabel("■")


class TrajectoryView(QWidget):
    """Contour plot of a 2-D function with animated optimizer paths from a clicked start point."""

    pathsChanged = Signal()     # new paths were computed
    frameChanged = Signal(int)  # the animation shows this many steps

    def __init__(self, manager=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.function: Function2D = get_function("ellipse")
        self.start_point = np.array(self.function.start, dtype=float)
        self.results: list[TrajectoryResult] = []
        self.configs: list[dict] = []
        self.frame = 0.0
        self.max_frame = 0
        self.path_items: list[pg.PlotDataItem] = []
        self.head_items: list[pg.ScatterPlotItem] = []
        self.end_items: list[pg.ScatterPlotItem] = []
        self.iso_items: list[pg.IsocurveItem] = []
        self._building = True
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._build()
        self._building = False
        self.set_function("ellipse")

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.function_combo = QComboBox()
        for name, fn in FUNCTIONS.items():
            self.function_combo.addItem(fn_text(fn.label), name)
        self.function_combo.setToolTip(translate("TrajectoryView", "The function f(x, y) the optimizers minimise."))
        self.function_combo.currentIndexChanged.connect(self._on_function)
        self.formula = FormulaLabel()
        self.lesson = explain_label("")
        self.x_edit = FloatEdit(0.0)
        self.y_edit = FloatEdit(0.0)
        for edit, axis in ((self.x_edit, "x"), (self.y_edit, "y")):
            edit.setToolTip(translate("TrajectoryView", "{axis} of the start point. Or click on the plot.").format(
                axis=axis))
            edit.setMaximumWidth(80)
            edit.editingFinished.connect(self._on_start_edited)
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel("x"))
        start_row.addWidget(self.x_edit)
        start_row.addWidget(QLabel("y"))
        start_row.addWidget(self.y_edit)
        start_row.addStretch(1)

        # optimizers: checkbox + α
        self.opt_rows: dict[str, _OptimizerRow] = {}
        opt_box = QWidget()
        grid = QGridLayout(opt_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(1)
        grid.addWidget(hint_label(translate("TrajectoryView", "optimizer")), 0, 1)
        grid.addWidget(hint_label("α"), 0, 2)
        for i, (name, info) in enumerate(self.manager.optimizers.items(), start=1):
            texts = getattr(info, "translations", None)
            row = _OptimizerRow(name, localized(texts, "label", info.label),
                                localized(texts, "description", info.description), is_adaptive(self.manager, name))
            row.check.setChecked(name in DEFAULT_OPTIMIZERS)
            row.check.toggled.connect(self._on_settings)
            row.rate.valueChanged.connect(self._on_settings)
            grid.addWidget(row.swatch, i, 0)
            grid.addWidget(row.check, i, 1)
            grid.addWidget(row.rate, i, 2)
            self.opt_rows[name] = row
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(self.opt_rows) + 1, 1)
        opt_scroll = QScrollArea()
        opt_scroll.setWidget(opt_box)
        opt_scroll.setWidgetResizable(True)
        opt_scroll.setFrameShape(QFrame.Shape.NoFrame)
        opt_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        opt_scroll.setMinimumHeight(120)

        self.steps = QSpinBox()
        self.steps.setRange(1, 100_000)
        self.steps.setToolTip(translate("TrajectoryView", "How many updates each optimizer makes."))
        self.steps.valueChanged.connect(self._on_settings)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 1000.0)
        self.noise.setDecimals(2)
        self.noise.setSingleStep(0.1)
        self.noise.setToolTip(translate("TrajectoryView", "Standard deviation of random noise added to every "
                                                         "gradient, to mimic mini-batch gradients (0 = exact "
                                                         "gradient, like batch gradient descent)."))
        self.noise.valueChanged.connect(self._on_settings)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.seed.setToolTip(translate("TrajectoryView", "Seed of the gradient noise: the same seed gives the same "
                                                        "noise to every optimizer and the same paths again."))
        self.seed.valueChanged.connect(self._on_settings)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("TrajectoryView", "Steps"), self.steps)
        form.addRow(translate("TrajectoryView", "Gradient noise σ"), self.noise)
        form.addRow(translate("TrajectoryView", "Noise seed"), self.seed)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 4, 0)
        ll.setSpacing(3)
        ll.addWidget(QLabel(translate("TrajectoryView", "<b>Function</b>")))
        ll.addWidget(self.function_combo)
        ll.addWidget(self.formula)
        ll.addWidget(self.lesson)
        ll.addWidget(QLabel(translate("TrajectoryView", "<b>Start point</b> (click on the plot)")))
        ll.addLayout(start_row)
        ll.addWidget(QLabel(translate("TrajectoryView", "<b>Optimizers</b>")))
        ll.addWidget(opt_scroll, 1)
        ll.addLayout(form)
        left.setMinimumWidth(250)

        # the plot
        self.plot = make_plot("", "x", "y", minimum=(300, 250))
        item = self.plot.getPlotItem()
        item.showGrid(x=False, y=False)
        self.image = pg.ImageItem()
        self.image.setZValue(-20)
        item.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=_contour_cmap(), label="log₁₀ f",
                                        interactive=False, width=14, pen="#999")
        self.colorbar.setImageItem(self.image, insert_in=item)
        self.minimum_item = pg.ScatterPlotItem(symbol="star", size=16, pen=pg.mkPen("#222", width=1),
                                               brush=pg.mkBrush("#ffd54f"))
        self.minimum_item.setZValue(5)
        item.addItem(self.minimum_item)
        self.start_item = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen("#000", width=2),
                                             brush=pg.mkBrush("#ffffff"))
        self.start_item.setZValue(6)
        item.addItem(self.start_item)
        self.legend = pg.LegendItem(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 215),
                                    pen=pg.mkPen("#bbb"))
        self.legend.setParentItem(item.getViewBox())
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.plot.setToolTip(translate("TrajectoryView", "Click to choose the start point. Drag to pan, wheel to "
                                                        "zoom."))

        # animation controls
        self.play_button = QPushButton(translate("TrajectoryView", "▶ Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(translate("TrajectoryView", "Animate the optimizers step by step."))
        self.play_button.toggled.connect(self._on_play)
        self.reset_button = QPushButton(translate("TrajectoryView", "Reset"))
        self.reset_button.setToolTip(translate("TrajectoryView", "Back to the start point."))
        self.reset_button.clicked.connect(self.reset)
        self.end_button = QPushButton(translate("TrajectoryView", "End"))
        self.end_button.setToolTip(translate("TrajectoryView", "Show the whole paths."))
        self.end_button.clicked.connect(self.show_all)
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, 100)
        self.speed.setValue(45)
        self.speed.setToolTip(translate("TrajectoryView", "Animation speed (steps per second)."))
        self.speed.valueChanged.connect(self._on_speed)
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(80)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(110)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.reset_button)
        controls.addWidget(self.end_button)
        controls.addSpacing(10)
        controls.addWidget(QLabel(translate("TrajectoryView", "speed")))
        controls.addWidget(self.speed, 1)
        controls.addWidget(self.speed_label)
        controls.addWidget(self.step_label)
        self.status = explain_label("")

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 0, 0, 0)
        rl.setSpacing(3)
        rl.addWidget(self.plot, 1)
        rl.addLayout(controls)
        rl.addWidget(self.status)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([280, 720])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)
        self._on_speed(self.speed.value())

    # ------------------------------------------------------------------ settings
    def set_function(self, name: str) -> None:
        """Show ``name`` (ellipse, rosenbrock, …): its default start, steps and learning rates."""
        fn = get_function(name)
        self.function = fn
        self._building = True
        try:
            index = self.function_combo.findData(fn.name)
            self.function_combo.setCurrentIndex(index)
            self.formula.setText(fn.formula)
            minima = ", ".join(f"({x:g}, {y:g})" for x, y in fn.minima) or translate("TrajectoryView", "none")
            self.lesson.setText(f"{html_escape(fn_text(fn.lesson))}<br><span style='color:#666'>"
                                + translate("TrajectoryView", "Minimum: {minima} (★).").format(minima=minima)
                                + "</span>")
            self.steps.setValue(DEFAULT_STEPS.get(fn.name, 100))
            self._auto_speed(self.steps.value())
            for row in self.opt_rows.values():
                row.rate.setValue(default_rate(fn, row.adaptive, row.name))
            self.start_point = np.array(fn.start, dtype=float)
            self._show_start_fields()
        finally:
            self._building = False
        self._draw_function()
        self.recompute()

    def set_start(self, x: float, y: float, *, play: bool = True) -> None:
        """New start point (what a click on the plot does): recompute the paths and animate them."""
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        self.start_point = np.array([float(x), float(y)])
        self._show_start_fields()
        self.recompute(play=play)

    def set_checked(self, names, rates: dict[str, float] | None = None) -> None:
        """Check exactly these optimizers (optionally with learning rates) and recompute."""
        self._building = True
        try:
            for name, row in self.opt_rows.items():
                row.check.setChecked(name in names)
                if rates and name in rates:
                    row.rate.setValue(float(rates[name]))
        finally:
            self._building = False
        self.recompute()

    def current_configs(self) -> list[dict]:
        configs = []
        for name, row in self.opt_rows.items():
            if row.check.isChecked():
                if not row.rate.is_valid():
                    raise ValueError(translate("TrajectoryView", "{optimizer}: learning rate {problem}").format(
                        optimizer=row.label, problem=row.rate.error_message()))
                configs.append({"name": name, "learning_rate": float(row.rate.value()), "label": row.label})
        return configs

    def settings(self) -> dict[str, Any]:
        """The view's settings as plain data (for ``Experiment.extras["trajectory"]``)."""
        return {"function": self.function.name, "start": [float(v) for v in self.start_point],
                "steps": int(self.steps.value()), "noise": float(self.noise.value()),
                "seed": int(self.seed.value()),
                "optimizers": [{"name": c["name"], "learning_rate": c["learning_rate"]}
                               for c in self._safe_configs()]}

    def apply_settings(self, data: dict) -> None:
        """Restore :meth:`settings` output (unknown or bad entries are ignored)."""
        try:
            if data.get("function") in FUNCTIONS:
                self.set_function(data["function"])
            self._building = True
            if isinstance(data.get("steps"), int) and data["steps"] > 0:
                self.steps.setValue(data["steps"])
            if isinstance(data.get("noise"), (int, float)):
                self.noise.setValue(float(data["noise"]))
            if isinstance(data.get("seed"), int):
                self.seed.setValue(data["seed"])
            opts = data.get("optimizers")
            if isinstance(opts, list):
                names = {o.get("name"): o for o in opts if isinstance(o, dict)}
                for name, row in self.opt_rows.items():
                    row.check.setChecked(name in names)
                    lr = names.get(name, {}).get("learning_rate")
                    if isinstance(lr, (int, float)) and lr > 0:
                        row.rate.setValue(float(lr))
            start = data.get("start")
            if isinstance(start, (list, tuple)) and len(start) == 2:
                self.start_point = np.array([float(start[0]), float(start[1])])
                self._show_start_fields()
        except (TypeError, ValueError):
            pass
        finally:
            self._building = False
        self.recompute(play=False)

    def _safe_configs(self) -> list[dict]:
        try:
            return self.current_configs()
        except ValueError:
            return []

    def _show_start_fields(self) -> None:
        # (no blockSignals: the field updates its value from its own textChanged signal; only
        # editingFinished, which setValue does not emit, recomputes)
        for edit, value in ((self.x_edit, self.start_point[0]), (self.y_edit, self.start_point[1])):
            edit.setValue(float(f"{value:.4g}"))
        self.start_item.setData([self.start_point[0]], [self.start_point[1]])

    # ------------------------------------------------------------------ computing
    def recompute(self, play: bool = False) -> None:
        """Compute the checked optimizers' whole paths from the start point; rewind the animation."""
        if self._building:
            return
        self.pause()
        try:
            configs = self.current_configs()
            results = run_trajectories(self.function, configs, int(self.steps.value()), self.start_point.copy(),
                                       noise=float(self.noise.value()), seed=int(self.seed.value()),
                                       manager=self.manager)
        except ValueError as exc:
            self._set_status(str(exc), error=True)
            return
        self.configs = configs
        self.results = results
        self._draw_paths()
        self.max_frame = max((r.steps_done for r in results), default=0)
        self.frame = 0.0
        self._show_frame()
        self._update_status()
        self.pathsChanged.emit()
        if play and results:
            self.play()

    def _draw_function(self) -> None:
        fn = self.function
        x0, x1, y0, y1 = fn.bounds
        xs = np.linspace(x0, x1, GRID)
        ys = np.linspace(y0, y1, GRID)
        X, Y = np.meshgrid(xs, ys)
        with np.errstate(all="ignore"):
            Z = np.asarray(fn.f(np.array([X, Y])), dtype=float)
        zmin, zmax = float(np.nanmin(Z)), float(np.nanmax(Z))
        log_scale = bool(fn.minima)     # f without a minimum (the saddle): linear colours
        if log_scale:
            zmin = min(zmin, float(fn.minimum_value))
            delta = max((zmax - zmin) * 1e-4, 1e-12)
            L = np.log10(Z - zmin + delta)
        else:
            L = Z
        lo, hi = float(np.nanmin(L)), float(np.nanmax(L))
        self.contour_data = L
        self.image.setImage(L, levels=(lo, hi), autoLevels=False)
        self.image.setColorMap(_contour_cmap())
        dx, dy = (x1 - x0) / (GRID - 1), (y1 - y0) / (GRID - 1)
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy))
        self.colorbar.setLevels((lo, hi))
        if not log_scale:
            shift = "f"
        elif abs(zmin) < 1e-12:
            shift = "log₁₀ f"
        elif zmin < 0:
            shift = f"log₁₀(f + {format_number(-zmin, 3)})"
        else:
            shift = f"log₁₀(f − {format_number(zmin, 3)})"
        self.colorbar.getAxis("left").setLabel(shift)
        scene = self.plot.scene()
        for iso in self.iso_items:
            iso.setParentItem(None)
            if iso.scene() is not None:
                scene.removeItem(iso)
        self.iso_items = []
        q_lo, q_hi = np.nanpercentile(L, [1.0, 97.0])
        # contour lines from every other grid point: pyqtgraph traces them in Python (~40 ms per
        # line on the full grid), and at this size the coarser lines look the same
        coarse = np.ascontiguousarray(L[::ISO_STRIDE, ::ISO_STRIDE])
        for level in np.linspace(q_lo, q_hi, 14):
            iso = pg.IsocurveItem(level=float(level), pen=pg.mkPen(90, 90, 110, 140, width=1))
            iso.setParentItem(self.image)
            iso.setData(coarse)
            iso.setScale(ISO_STRIDE)
            iso.setPos(0.5, 0.5)    # isocurve points sit on pixel centres
            self.iso_items.append(iso)
        if fn.minima:
            self.minimum_item.setData([m[0] for m in fn.minima], [m[1] for m in fn.minima])
        else:
            self.minimum_item.setData([], [])
        item = self.plot.getPlotItem()
        item.setTitle(f"{html_escape(fn_text(fn.label))}: {html_escape(fn.formula)}", size="10pt")
        item.getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.0)
        item.getViewBox().disableAutoRange()

    def _draw_paths(self) -> None:
        item = self.plot.getPlotItem()
        for it in self.path_items + self.head_items + self.end_items:
            item.removeItem(it)
        self.legend.clear()
        self.path_items, self.head_items, self.end_items = [], [], []
        names = list(self.opt_rows)
        for row in self.opt_rows.values():
            row.swatch.setStyleSheet("color: transparent;")
        for k, (config, result) in enumerate(zip(self.configs, self.results)):
            color = run_color(names.index(config["name"]))
            self.opt_rows[config["name"]].swatch.setStyleSheet(f"color: {color.name()}; font-size: 16px;")
            few = result.steps_done <= 150
            curve = pg.PlotDataItem([], [], pen=pg.mkPen(color, width=2.2),
                                    symbol="o" if few else None, symbolSize=4,
                                    symbolBrush=pg.mkBrush(color), symbolPen=None)
            curve.setZValue(2 + k * 0.01)
            item.addItem(curve)
            head = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#000", width=1.2), brush=pg.mkBrush(color))
            head.setZValue(4)
            item.addItem(head)
            end = pg.ScatterPlotItem(symbol="x", size=18, pen=pg.mkPen("#000", width=1), brush=pg.mkBrush("#000"))
            end.setZValue(4.5)
            item.addItem(end)
            self.path_items.append(curve)
            self.head_items.append(head)
            self.end_items.append(end)
            self.legend.addItem(curve, self._legend_text(config, result, 0))
        self._legend_texts = [None] * len(self.results)

    def _legend_text(self, config: dict, result: TrajectoryResult, step: int) -> str:
        """The run's f at the step shown (not its final value: at step 0 it is f of the start)."""
        lr = format_number(config["learning_rate"], 4)
        name = html_escape(config["label"])
        if step >= result.steps_done:
            if result.status == "diverged":
                return f"{name} (α={lr}): <b style='color:#c62828'>" + translate(
                    "TrajectoryView", "✕ diverged at step {step}").format(step=result.steps_done + 1) + "</b>"
            if result.status == "failed":
                return f"{name} (α={lr}): <b style='color:#c62828'>" + translate("TrajectoryView", "failed") + "</b>"
        value = result.values[min(step, result.steps_done)]
        return f"{name} (α={lr}): f = {format_number(value, 3)}"

    def legend_texts(self) -> list[str]:
        return [label.text for _sample, label in self.legend.items]

    # ------------------------------------------------------------------ animation
    def play(self) -> None:
        if self.frame >= self.max_frame:
            self.frame = 0.0
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def is_playing(self) -> bool:
        return self.timer.isActive()

    @Slot()
    def reset(self) -> None:
        self.pause()
        self.frame = 0.0
        self._show_frame()

    @Slot()
    def show_all(self) -> None:
        self.pause()
        self.frame = float(self.max_frame)
        self._show_frame()

    def advance(self, steps: float = 1.0) -> None:
        """Show ``steps`` more steps (what the timer does at every tick)."""
        self.frame = min(float(self.max_frame), self.frame + steps)
        self._show_frame()
        if self.frame >= self.max_frame:
            self.pause()

    def _auto_speed(self, steps: int, seconds: float = 4.0) -> None:
        """Set the speed so that ``steps`` steps take about ``seconds``."""
        target = max(steps / seconds, 2.0)
        self.speed.setValue(int(round(min(100.0, 100.0 * math.log(target / 2.0) / math.log(250.0)))))

    def steps_per_second(self) -> float:
        return 2.0 * 250.0 ** (self.speed.value() / 100.0)

    @Slot(bool)
    def _on_play(self, on: bool) -> None:
        if on:
            if self.frame >= self.max_frame:
                self.frame = 0.0
            self.play_button.setText(translate("TrajectoryView", "Pause"))
            self.timer.start()
        else:
            self.play_button.setText(translate("TrajectoryView", "▶ Play"))
            self.timer.stop()

    @Slot()
    def _tick(self) -> None:
        self.advance(self.steps_per_second() * TICK_MS / 1000.0)

    @Slot(int)
    def _on_speed(self, _value: int) -> None:
        self.speed_label.setText(translate("TrajectoryView", "{rate} steps/s").format(
            rate=f"{self.steps_per_second():.0f}"))

    def shown_steps(self) -> int:
        return int(self.frame)

    def _show_frame(self) -> None:
        k = int(self.frame)
        for curve, head, end, result in zip(self.path_items, self.head_items, self.end_items, self.results):
            n = min(k, result.steps_done)
            path = result.path[:n + 1]
            curve.setData(path[:, 0], path[:, 1])
            head.setData([path[-1, 0]], [path[-1, 1]])
            if result.status in ("diverged", "failed") and k >= result.steps_done:
                end.setData([path[-1, 0]], [path[-1, 1]])
            else:
                end.setData([], [])
        texts = getattr(self, "_legend_texts", [])
        for i, ((_sample, label), config, result) in enumerate(zip(self.legend.items, self.configs, self.results)):
            text = self._legend_text(config, result, k)
            if i < len(texts) and texts[i] != text:
                texts[i] = text
                label.setText(text)
        self.step_label.setText(translate("TrajectoryView", "step {step} / {steps}").format(
            step=min(k, self.max_frame), steps=self.max_frame))
        self.frameChanged.emit(k)

    # ------------------------------------------------------------------ events
    @Slot(object)
    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or event.double():
            return
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self.set_start(point.x(), point.y())

    @Slot()
    def _on_start_edited(self) -> None:
        if not (self.x_edit.is_valid() and self.y_edit.is_valid()):
            self._set_status(translate("TrajectoryView", "The start point must be two numbers x, y."), error=True)
            return
        x, y = self.x_edit.value(), self.y_edit.value()
        if np.allclose([x, y], [float(f"{v:.4g}") for v in self.start_point]):
            return
        self.set_start(x, y, play=False)

    @Slot(int)
    def _on_function(self, _index: int) -> None:
        if not self._building:
            self.set_function(str(self.function_combo.currentData()))

    @Slot()
    def _on_settings(self, *_args) -> None:
        self.recompute()

    # ------------------------------------------------------------------ status
    def _update_status(self) -> None:
        if not self.results:
            self._set_status(translate("TrajectoryView", "Check at least one optimizer."))
            return
        parts = []
        for config, r in zip(self.configs, self.results):
            if r.status != "finished":
                parts.append(translate("TrajectoryView", "<b>{optimizer}</b>: {message}").format(
                    optimizer=html_escape(config["label"]), message=html_escape(r.message)))
        noise = float(self.noise.value())
        intro = (translate("TrajectoryView", "Each optimizer starts at ○ and takes the same number of steps; click "
                                             "anywhere on the plot to start from there. ")
                 + (translate("TrajectoryView", "Noise σ = {noise} is added to every gradient, like a mini-batch "
                                                "estimate. ").format(noise=f"{noise:g}")
                    if noise > 0 else ""))
        text = intro + ("<br>" + "<br>".join(parts) if parts else "")
        self.status.setText(text)
        self.status.setStyleSheet("")

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(html_escape(text))
        self.status.setStyleSheet("color: #c62828;" if error else "")
