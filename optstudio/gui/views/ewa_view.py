"""Exponentially weighted averages: the lecture notes' temperature example.

A noisy daily temperature series θ_t (dots), its averages v_t = β·v_{t−1} + (1 − β)·θ_t for
β = 0.5, 0.9 and 0.98 (as in the notes) and for the β of the slider; bias correction
v_t/(1 − β^t) on a checkbox; a second plot shows the weights the current average gives the past
days, with the 1/(1 − β) window marked.

Nothing for the main window to call; optional: :meth:`set_beta`, :meth:`set_bias_correction`.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QSpinBox, QSplitter, QVBoxLayout, QWidget

from optstudio.core.ewa import effective_window, ewa, ewa_weights, explain_window, noisy_series
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.views._common import explain_label, make_plot

__all__ = ["EwaView", "FIXED_BETAS", "DAYS"]

FIXED_BETAS = (0.5, 0.9, 0.98)
FIXED_COLORS = {0.5: "#f9a825", 0.9: "#d62728", 0.98: "#2ca02c"}   # the notes' yellow, red, green
SLIDER_COLOR = "#1f3fbf"
DAYS = 200
SLIDER_MAX = 999   # β = value / 1000, 0 … 0.999


class EwaView(QWidget):
    """Noisy series, its exponentially weighted averages and the 1/(1 − β) window."""

    betaChanged = Signal(float)

    def __init__(self, manager=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager   # not needed; kept for the common constructor
        self.seed = 0
        self.theta = noisy_series(DAYS, self.seed)
        self.days = np.arange(1, DAYS + 1, dtype=float)

        self.plot = make_plot(translate("EwaView", "Daily temperature θ_t and its exponentially weighted averages v_t"),
                              translate("EwaView", "day t"), translate("EwaView", "temperature (°C)"),
                              minimum=(300, 220))
        item = self.plot.getPlotItem()
        self.legend = item.addLegend(offset=(-8, -8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210),
                                     pen=pg.mkPen("#bbb"))
        self.scatter = pg.ScatterPlotItem(size=5, pen=pg.mkPen("#555", width=0.6), brush=pg.mkBrush(160, 160, 160, 170))
        item.addItem(self.scatter)
        self.legend.addItem(self.scatter, translate("EwaView", "θ_t: the day's temperature"))
        self.fixed_curves: dict[float, pg.PlotDataItem] = {}
        for beta in FIXED_BETAS:
            self.fixed_curves[beta] = item.plot([], [], pen=pg.mkPen(FIXED_COLORS[beta], width=1.6),
                                                name=translate("EwaView", "β = {beta} (≈ {days} days)").format(
                                                    beta=f"{beta:g}", days=f"{effective_window(beta):g}"))
        self.uncorrected = item.plot([], [], pen=pg.mkPen(SLIDER_COLOR, width=1.5, style=Qt.PenStyle.DotLine))
        self.curve = item.plot([], [], pen=pg.mkPen(SLIDER_COLOR, width=3.2), name=translate("EwaView", "β of the slider"))

        self.weights_plot = make_plot(translate("EwaView", "Weight of each past day in v₁₀₀"),
                                      translate("EwaView", "days ago"), translate("EwaView", "weight (1 − β)·β^k"),
                                      minimum=(240, 150))
        witem = self.weights_plot.getPlotItem()
        witem.getAxis("left").enableAutoSIPrefix(False)
        self.weights_bars = pg.BarGraphItem(x=[], height=[], width=0.85, brush=pg.mkBrush(SLIDER_COLOR),
                                            pen=pg.mkPen(None))
        witem.addItem(self.weights_bars)
        self.window_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#c62828", width=2, style=Qt.PenStyle.DashLine),
                                           label="1/(1 − β)", labelOpts={"position": 0.85, "color": "#c62828"})
        witem.addItem(self.window_line)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_MAX)
        self.slider.setValue(950)
        self.slider.setToolTip(translate("EwaView", "β: how much of yesterday's average is kept. Close to 1 = a "
                                                   "long, smooth, late average; close to 0 = follows every wiggle."))
        self.slider.valueChanged.connect(self._on_slider)
        self.beta_label = QLabel()
        self.beta_label.setMinimumWidth(150)
        self.bias = QCheckBox(translate("EwaView", "bias correction  v_t / (1 − β^t)"))
        self.bias.setToolTip(translate("EwaView", "v_0 = 0 makes the first averages far too small (the average "
                                                 "starts from zero). Dividing by 1 − β^t fixes the start; for large "
                                                 "t it changes nothing."))
        self.bias.toggled.connect(self._redraw)
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 9999)
        self.seed_box.setToolTip(translate("EwaView", "Seed of the noise: another seed gives another year of "
                                                     "weather."))
        self.seed_box.valueChanged.connect(self._on_seed)
        self.text = explain_label("")

        controls = QHBoxLayout()
        controls.addWidget(QLabel("β"))
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.beta_label)
        controls.addSpacing(10)
        controls.addWidget(self.bias)
        controls.addSpacing(10)
        controls.addWidget(QLabel(translate("EwaView", "noise seed")))
        controls.addWidget(self.seed_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.weights_plot)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)      # (room for the weights plot's title next to the settings column)
        split.setSizes([600, 400])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split, 1)
        layout.addLayout(controls)
        layout.addWidget(self.text)
        self.scatter.setData(self.days, self.theta)
        self._redraw()

    # ------------------------------------------------------------------ API
    def beta(self) -> float:
        return self.slider.value() / 1000.0

    def set_beta(self, beta: float) -> None:
        self.slider.setValue(int(round(min(max(float(beta), 0.0), SLIDER_MAX / 1000) * 1000)))

    def set_bias_correction(self, on: bool) -> None:
        self.bias.setChecked(bool(on))

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The slider's average as plotted: (days, v)."""
        x, y = self.curve.getData()
        return np.asarray(x), np.asarray(y)

    # ------------------------------------------------------------------ drawing
    @Slot(int)
    def _on_slider(self, _value: int) -> None:
        self._redraw()
        self.betaChanged.emit(self.beta())

    @Slot(int)
    def _on_seed(self, seed: int) -> None:
        self.seed = int(seed)
        self.theta = noisy_series(DAYS, self.seed)
        self.scatter.setData(self.days, self.theta)
        self._redraw()

    @Slot()
    def _redraw(self, *_args) -> None:
        beta = self.beta()
        corrected = self.bias.isChecked()
        for b, curve in self.fixed_curves.items():
            curve.setData(self.days, ewa(self.theta, b, corrected))
        v = ewa(self.theta, beta, corrected)
        self.curve.setData(self.days, v)
        in_legend = any(sample.item is self.uncorrected for sample, _ in self.legend.items)
        if corrected:
            self.uncorrected.setData(self.days, ewa(self.theta, beta, False))
            if not in_legend:
                self.legend.addItem(self.uncorrected, translate("EwaView", "same β without bias correction"))
        else:
            self.uncorrected.setData([], [])
            if in_legend:
                self.legend.removeItem(self.uncorrected)
        window = effective_window(beta)
        for sample, label in self.legend.items:
            if sample.item is self.curve:
                label.setText(translate("EwaView", "β = {beta} (slider, ≈ {days} days)").format(
                    beta=f"{beta:g}", days=f"{window:.3g}"))
        self.beta_label.setText(f"β = {beta:.3f}   1/(1 − β) = {window:.3g}")
        # weights of the past days in v_100
        t = 100
        w = ewa_weights(beta, t)[::-1]          # element k: k days ago
        shown = min(t, max(10, int(math.ceil(3 * window))))
        self.weights_bars.setOpts(x=np.arange(shown), height=w[:shown], width=0.85)
        self.window_line.setValue(window)
        self.weights_plot.getPlotItem().setXRange(-0.5, shown, padding=0.02)
        self.weights_plot.getPlotItem().setYRange(0, max(float(w[:shown].max()), 1e-9) * 1.1, padding=0)
        self._explain(beta, corrected, v)

    def _explain(self, beta: float, corrected: bool, v: np.ndarray) -> None:
        text = _window_sentence(beta)
        first = self.theta[0]
        if corrected:
            extra = translate("EwaView", " <b>Bias correction on</b>: day 1's average is θ_1 = {theta} °C itself, "
                                         "not (1 − β)·θ_1 = {start} °C (dotted line: without correction).")
        else:
            extra = translate("EwaView", " <b>Without bias correction</b> the average starts from v_0 = 0, so the "
                                         "first days are far too cold: v_1 = (1 − β)·θ_1 = {start} °C while θ_1 = "
                                         "{theta} °C. Tick “bias correction” to fix it.")
        self.text.setText(text + extra.format(theta=f"{first:.1f}", start=f"{(1 - beta) * first:.2f}"))


def _window_sentence(beta: float) -> str:
    """What β means for the average: :func:`optstudio.core.ewa.explain_window`'s sentence, in the
    window's language (the core's own text where this view has no translation)."""
    english = explain_window(beta)
    b = float(beta)
    if b == 0.0:
        source = QT_TRANSLATE_NOOP("EwaView", "With β = 0 there is no averaging at all: v_t is just today's value θ_t.")
    else:
        source = QT_TRANSLATE_NOOP("EwaView", "With β = {beta} the average mostly covers the last 1/(1 − β) ≈ {days} "
                                              "days: a value {days} days old is weighted by β^{days} ≈ {weight} of "
                                              "today's (close to 1/e ≈ 0.37 when β is near 1), and older values "
                                              "count less and less.")
    text = translate("EwaView", source)
    if text == source:
        return english
    n = effective_window(b)
    rounded = round(n, 1)
    days = str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"
    return text.format(beta=f"{b:g}", days=days, weight=f"{b ** n:.2f}")
