"""What the optimizer is doing inside: per-parameter quantities while training.

* Adaptive methods (Adam, RMSprop, …: the trainer reports ``effective_step``): the distribution
  of the effective step sizes α/(√ŝ + ε), one learning rate per parameter, per layer on a log
  axis, with α marked for comparison.
* Momentum-type methods (a "velocity" state): the size of the velocity next to the size of the
  gradient, per parameter array (‖v‖ vs ‖dW‖).
* Plain gradient descent: every parameter uses the same α (one bar at α), and the gradient sizes.

How the main window feeds it (the view never touches the trainer while it trains):

1. in the training thread (the progress callback / snapshot code) call
   :func:`optstudio.gui.views.inside_data.inside_snapshot(trainer)` – a dict of copies;
2. send it to the GUI thread and call :meth:`InsideView.set_snapshot(d)` there (equivalently
   ``set_data(d["effective_step"], d["state"], d["grads"], d["learning_rate"], d["optimizer_name"])``).

While training is paused or over, :meth:`InsideView.update_from(trainer)` does both in the GUI thread.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import localized, translate
from optstudio.gui.views._common import explain_label, html_escape, make_plot, manager_or_default, run_color
from optstudio.gui.views.inside_data import inside_snapshot, is_velocity_label

__all__ = ["InsideView", "CountAxis", "layer_of"]

GRAD_COLOR = "#9e9e9e"
VELOCITY_COLOR = "#ef6c00"
ALPHA_COLOR = "#c62828"
N_BINS = 30


class CountAxis(pg.AxisItem):
    """An axis of counts: ticks at whole numbers only."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 - pyqtgraph API
        levels = [(spacing, offset) for spacing, offset in super().tickSpacing(minVal, maxVal, size)
                  if spacing >= 1]
        return levels or [(1.0, 0.0)]


def layer_of(name: str) -> str:
    """``"W2"`` → ``"2"``; names without a trailing number are their own group."""
    m = re.search(r"(\d+)$", name)
    return m.group(1) if m else name


def _norm(arr: np.ndarray) -> float:
    a = np.asarray(arr, dtype=float).ravel()
    return float(np.sqrt(np.dot(a, a))) if a.size else 0.0


class InsideView(QWidget):
    """Per-parameter step sizes, velocity and gradient sizes; see the module docstring.

    Methods for the main window: :meth:`set_snapshot` (GUI thread, with the dict made by
    ``inside_snapshot`` in the training thread), :meth:`set_data`, :meth:`update_from`
    (trainer not running), :meth:`clear`.
    """

    def __init__(self, manager=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.mode = "empty"          # "adaptive", "momentum", "plain" or "empty"
        self.histogram: dict[str, tuple[np.ndarray, np.ndarray]] = {}   # layer -> (edges, counts)
        self.bars: dict[str, tuple[float, float | None]] = {}            # array -> (‖dW‖, ‖v‖ or None)
        self.learning_rate = math.nan

        self.header = QLabel("")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.step_plot = make_plot(translate("InsideView", "Learning rate of each parameter"),
                                   translate("InsideView", "effective learning rate (log scale)"),
                                   translate("InsideView", "number of parameters"), minimum=(280, 200))
        sitem = self.step_plot.getPlotItem()
        sitem.setAxisItems({"left": CountAxis("left")})      # a count: whole numbers only (no 0.5)
        sitem.setLabel("left", translate("InsideView", "number of parameters"))
        # x is log10 of the step size, with decade ticks labelled as plain numbers (set per draw)
        sitem.getAxis("left").enableAutoSIPrefix(False)
        sitem.getAxis("bottom").enableAutoSIPrefix(False)
        # fixed axis widths: new tick labels while training do not re-lay out (and repaint) the plots
        sitem.getAxis("left").setWidth(54)
        self.step_legend = sitem.addLegend(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.alpha_line = pg.InfiniteLine(angle=90, pen=pg.mkPen(ALPHA_COLOR, width=2, style=Qt.PenStyle.DashLine),
                                          label="α", labelOpts={"position": 0.92, "color": ALPHA_COLOR})
        self.alpha_line.setZValue(10)
        sitem.addItem(self.alpha_line)
        self.step_curves: list[pg.PlotDataItem] = []
        self._step_names: list[str] = []           # the legend entries of step_curves
        self._step_x: tuple[float, float] | None = None
        self._step_y = math.nan
        self._bar_layout: tuple | None = None
        self._bar_y = math.nan
        self._titles: str | None = None

        self.bar_plot = make_plot(translate("InsideView", "Size of the gradient and of the velocity"), "",
                                  translate("InsideView", "size (Euclidean norm)"), minimum=(260, 200))
        bitem = self.bar_plot.getPlotItem()
        bitem.getAxis("left").enableAutoSIPrefix(False)
        bitem.getAxis("left").setWidth(62)
        self.bar_legend = bitem.addLegend(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.grad_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=pg.mkBrush(GRAD_COLOR), pen=pg.mkPen("#555"),
                                         name=translate("InsideView", "‖dW‖ gradient (last mini-batch)"))
        self.velocity_bars = pg.BarGraphItem(x=[], height=[], width=0.38, brush=pg.mkBrush(VELOCITY_COLOR),
                                             pen=pg.mkPen("#555"), name=translate("InsideView", "‖v‖ velocity"))
        bitem.addItem(self.grad_bars)
        bitem.addItem(self.velocity_bars)
        self.bar_legend.addItem(self.grad_bars, translate("InsideView", "‖dW‖: gradient of the last mini-batch"))
        self.bar_legend.addItem(self.velocity_bars, translate("InsideView", "‖v‖: velocity (average of recent dW)"))

        self.text = explain_label("")
        # room for three lines from the start: the first data of a training does not re-lay out
        # (and repaint) the whole view while the training runs
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 3 + 8)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.step_plot)
        split.addWidget(self.bar_plot)
        split.setSizes([550, 450])
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        row.addWidget(self.header, 1)
        layout.addLayout(row)
        layout.addWidget(split, 1)
        layout.addWidget(self.text)
        self.clear()

    # ------------------------------------------------------------------ API
    def clear(self) -> None:
        """Nothing to show yet (no training)."""
        self.mode = "empty"
        self.histogram, self.bars = {}, {}
        self._remove_step_curves()
        self._step_x, self._step_y, self._bar_layout, self._bar_y, self._titles = None, math.nan, None, math.nan, None
        self.grad_bars.setOpts(x=[], height=[])
        self.velocity_bars.setOpts(x=[], height=[])
        self.alpha_line.hide()
        self.header.setText(translate("InsideView", "<b>Inside the optimizer</b>"))
        self.text.setText(translate("InsideView", "Train a network (or pause a running training) to see, for every "
                                                 "parameter, the step size the optimizer uses and how its velocity "
                                                 "compares with the gradient."))

    def update_from(self, trainer) -> None:
        """GUI thread, while the trainer is NOT running: take the data from it and show it."""
        self.set_snapshot(inside_snapshot(trainer))

    def set_snapshot(self, data: dict) -> None:
        """Show a dict made by :func:`~optstudio.gui.views.inside_data.inside_snapshot`."""
        self.set_data(data.get("effective_step"), data.get("state") or {}, data.get("grads") or {},
                      float(data.get("learning_rate", math.nan)), str(data.get("optimizer_name", "")),
                      epoch=data.get("epoch"), steps=data.get("steps"))

    def set_data(self, effective_step: dict[str, np.ndarray] | None, state: dict[str, dict[str, np.ndarray]],
                 grads: dict[str, np.ndarray], learning_rate: float, optimizer_name: str, *,
                 epoch: int | None = None, steps: int | None = None) -> None:
        """Show one moment of training (GUI thread). Arrays are by parameter name (W1, b1, …)."""
        self.learning_rate = float(learning_rate)
        velocity_label = next((label for label in state if is_velocity_label(label)), None)
        velocity = state.get(velocity_label) if velocity_label else None
        if effective_step:
            self.mode = "adaptive"
        elif velocity:
            self.mode = "momentum"
        else:
            self.mode = "plain"
        label = self._optimizer_label(optimizer_name)
        when = []
        if epoch is not None:
            when.append(translate("InsideView", "epoch {epoch}").format(epoch=f"{epoch:,}"))
        if steps is not None:
            when.append(translate("InsideView", "update {step}").format(step=f"{steps:,}"))
        joined = translate("InsideView", ", ").join(when)
        self.header.setText(translate("InsideView", "<b>Inside {optimizer}</b>").format(optimizer=html_escape(label))
                            + (f" &nbsp;·&nbsp; {joined}" if when else "")
                            + f" &nbsp;·&nbsp; α = {format_number(learning_rate, 4)}")
        n_params = int(sum(np.asarray(g).size for g in grads.values()))
        steps_by_name = effective_step if effective_step else {k: np.full(np.shape(g), learning_rate)
                                                               for k, g in grads.items()}
        self._draw_steps(steps_by_name, learning_rate)
        title = (translate("InsideView", "Learning rate of each parameter: α/(√ŝ + ε)") if self.mode == "adaptive"
                 else translate("InsideView", "Learning rate of each parameter: the same α for all"))
        if title != self._titles:
            self._titles = title
            self.step_plot.getPlotItem().setTitle(title, size="10pt")
        self._draw_bars(grads, velocity)
        self._explain(label, learning_rate, n_params, effective_step, velocity, grads)

    def histogram_data(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per layer: (bin edges, counts) of the effective step sizes as drawn."""
        return self.histogram

    def bar_data(self) -> dict[str, tuple[float, float | None]]:
        """Per parameter array: (‖dW‖, ‖v‖ or None) as drawn."""
        return self.bars

    # ------------------------------------------------------------------ drawing
    def _optimizer_label(self, name: str) -> str:
        try:
            info = self.manager.optimizer_info(name)
            return localized(getattr(info, "translations", None), "label", info.label)
        except Exception:  # noqa: BLE001
            return name or translate("InsideView", "the optimizer")

    def _draw_steps(self, steps_by_name: dict[str, np.ndarray], alpha: float) -> None:
        # Redrawn several times a second while training: the curves, legend entries, ticks and
        # axis ranges are only rebuilt when they change (each rebuild re-renders axes and legend,
        # 10-20 ms per frame otherwise).
        item = self.step_plot.getPlotItem()
        layers: dict[str, list[np.ndarray]] = {}
        for name, arr in steps_by_name.items():
            layers.setdefault(layer_of(name), []).append(np.asarray(arr, dtype=float).ravel())
        values = {k: np.concatenate(v) for k, v in layers.items()}
        all_vals = np.concatenate(list(values.values())) if values else np.zeros(0)
        good = all_vals[np.isfinite(all_vals) & (all_vals > 0)]
        self.histogram = {}
        if good.size == 0:
            self._remove_step_curves()
            self.alpha_line.hide()
            return
        lo = math.log10(min(good.min(), alpha if alpha > 0 else good.min()))
        hi = math.log10(max(good.max(), alpha if alpha > 0 else good.max()))
        if hi - lo < 0.2:         # all (nearly) equal, as in plain GD: one decade each side of α
            mid = (hi + lo) / 2
            lo, hi = mid - 1.0, mid + 1.0
        edges_log = np.linspace(lo, hi, N_BINS + 1)
        edges = 10.0 ** edges_log
        ordered = sorted(values.items(), key=lambda kv: _layer_key(kv[0]))
        names = []
        for layer, vals in ordered:
            vals = vals[np.isfinite(vals) & (vals > 0)]
            counts, _ = np.histogram(np.log10(vals), bins=edges_log)
            self.histogram[layer] = (edges, counts)
            group = translate("InsideView", "layer {layer}").format(layer=layer) if layer.isdigit() else layer
            names.append(translate("InsideView", "{group} ({count} parameters)").format(group=group, count=vals.size))
        if names != self._step_names:            # new layers: new curves and legend entries
            self._remove_step_curves()
            for i, name in enumerate(names):
                color = run_color(i)
                fill = pg.mkBrush(color.red(), color.green(), color.blue(), 70)
                self.step_curves.append(item.plot([0.0, 1.0], [0.0], stepMode="center", pen=pg.mkPen(color, width=2),
                                                  fillLevel=0, brush=fill, name=name))
            self._step_names = names
        for curve, (_edges, counts) in zip(self.step_curves, self.histogram.values()):
            curve.setData(edges_log, counts, stepMode="center")
        if alpha > 0 and math.isfinite(alpha):
            self.alpha_line.show()            # (a hidden label ignores new text)
            self.alpha_line.setValue(math.log10(alpha))
            self.alpha_line.label.setFormat(f"α = {format_number(alpha, 3)}")
        else:
            self.alpha_line.hide()
        # x: whole half-decades around the data, changed only when the data leave them
        # (a quarter decade of margin: a tick label at the edge, e.g. α's decade, stays readable)
        x_range = (math.floor(lo * 2) / 2 - 0.25, math.ceil(hi * 2) / 2 + 0.25)
        if x_range != self._step_x:
            self._step_x = x_range
            _decade_ticks(item.getAxis("bottom"), lo, hi)
            item.enableAutoRange(x=False, y=False)
            item.setXRange(*x_range, padding=0)
        # y: room above the bars for the legend; kept while the tallest bar fits comfortably
        peak = max((int(c.max()) for _, c in self.histogram.values()), default=1)
        self._step_y = _sticky_top(self._step_y, max(peak, 1), 1.45)
        item.setYRange(0, self._step_y, padding=0)

    def _remove_step_curves(self) -> None:
        item = self.step_plot.getPlotItem()
        for curve in self.step_curves:
            item.removeItem(curve)
        self.step_curves = []
        self.step_legend.clear()
        self._step_names = []

    def _draw_bars(self, grads: dict[str, np.ndarray], velocity: dict[str, np.ndarray] | None) -> None:
        names = list(grads)
        self.bars = {}
        for name in names:
            v = velocity.get(name) if velocity else None
            self.bars[name] = (_norm(grads[name]), _norm(v) if v is not None else None)
        x = np.arange(len(names), dtype=float)
        has_v = velocity is not None
        offset = 0.2 if has_v else 0.0
        self.grad_bars.setOpts(x=x - offset, height=[self.bars[n][0] for n in names], width=0.38 if has_v else 0.6)
        if has_v:
            self.velocity_bars.setOpts(x=x + offset, height=[self.bars[n][1] or 0.0 for n in names], width=0.38)
        else:
            self.velocity_bars.setOpts(x=[], height=[])
        self.velocity_bars.setVisible(has_v)
        bitem = self.bar_plot.getPlotItem()
        if (names, has_v) != self._bar_layout:    # (legend, ticks, title: only when they change)
            self._bar_layout = (names, has_v)
            bitem.getAxis("bottom").setTicks([[(float(i), n) for i, n in enumerate(names)]])
            bitem.setTitle(translate("InsideView", "Size of the gradient and of the velocity") if has_v
                           else translate("InsideView", "Size of the gradient"), size="10pt")
            self.bar_legend.clear()
            self.bar_legend.addItem(self.grad_bars, translate("InsideView", "‖dW‖: gradient of the last mini-batch"))
            if has_v:
                self.bar_legend.addItem(self.velocity_bars,
                                        translate("InsideView", "‖v‖: velocity (average of recent dW)"))
            bitem.setXRange(-0.6, len(names) - 0.4, padding=0)
            self._bar_y = math.nan
        heights = [h for pair in self.bars.values() for h in pair if h is not None and math.isfinite(h)]
        self._bar_y = _sticky_top(self._bar_y, max(heights) if heights else 1.0, 1.25)
        bitem.setYRange(0, self._bar_y, padding=0)

    def _explain(self, label: str, alpha: float, n_params: int, effective_step, velocity, grads) -> None:
        a = format_number(alpha, 3)
        lab = html_escape(label)
        if self.mode == "adaptive":
            vals = np.concatenate([np.asarray(v, dtype=float).ravel() for v in effective_step.values()])
            vals = vals[np.isfinite(vals) & (vals > 0)]
            if vals.size:
                med = float(np.median(vals))
                spread = translate("InsideView", " Here they range from {low} to {high} (median {median}, "
                                                 "{ratio} × α).").format(
                    low=format_number(vals.min(), 3), high=format_number(vals.max(), 3),
                    median=format_number(med, 3), ratio=format_number(med / alpha, 3)) if alpha > 0 else ""
            else:
                spread = ""
            text = translate("InsideView", "<b>One learning rate per parameter:</b> {optimizer} divides α by the "
                                           "root of each parameter's recent squared gradients, α/(√ŝ + ε). "
                                           "Parameters with small gradients get larger steps, those with large or "
                                           "oscillating gradients smaller ones; plain gradient descent would use "
                                           "α = {alpha} (dashed line) for all {count} parameters.{spread}").format(
                optimizer=lab, alpha=a, count=n_params, spread=spread)
        elif self.mode == "momentum":
            ratios = [v / g for g, v in self.bars.values() if v is not None and g > 0]
            r = float(np.median(ratios)) if ratios else math.nan
            how = (translate("InsideView", "smaller than") if r < 0.8
                   else translate("InsideView", "about as large as") if r < 1.25
                   else translate("InsideView", "larger than"))
            text = translate("InsideView", "<b>Every parameter uses the same α = {alpha}</b> (left), but {optimizer} "
                                           "steps along the velocity v, an exponentially weighted average of the "
                                           "recent gradients. Here ‖v‖ is {how} ‖dW‖ (median ratio {ratio}): "
                                           "gradient components that keep changing sign cancel out in v, which "
                                           "smooths the path and damps oscillations.").format(
                alpha=a, optimizer=lab, how=how, ratio=format_number(r, 2))
        else:
            text = translate("InsideView", "<b>Every parameter uses the same learning rate α = {alpha}</b> (all "
                                           "{count} in one bar on the left): {optimizer} simply steps by α·dW, so "
                                           "the step is large wherever the gradient is large (right). Adaptive "
                                           "methods such as Adam give each parameter its own step size.").format(
                alpha=a, count=n_params, optimizer=lab)
        self.text.setText(text)


def _decade_ticks(axis, lo: float, hi: float) -> None:
    """Ticks for an axis in log10 units: 0.001, 0.01, 0.1, 1, … labelled; 2…9 × 10^k unlabelled."""
    major, minor = [], []
    for k in range(math.floor(lo) - 1, math.ceil(hi) + 2):
        major.append((float(k), format_number(10.0 ** k, 3)))
        minor += [(k + math.log10(m), "") for m in range(2, 10)]
    axis.setTicks([major, minor])


def _sticky_top(current: float, peak: float, room: float) -> float:
    """The top of a y axis for values up to ``peak``: ``peak × room``, but the current top is
    kept while ``peak`` stays between 40 % and 1/1.1 of it (no axis re-render every frame)."""
    if math.isfinite(current) and current > 0 and 0.4 * current <= peak <= current / 1.1:
        return current
    return peak * room


def _layer_key(layer: str):
    return (0, int(layer)) if layer.isdigit() else (1, layer)
