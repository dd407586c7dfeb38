"""Learning-rate schedule preview: α over the planned epochs, before training.

The curve comes from the schedule plugin itself
(``manager.create_schedule(name, params).rate(α0, epoch, step, costs=[])``), so any plugin
schedule is shown the way training will use it. Per-step schedules are sampled at every step
(or once per epoch when there would be too many steps).

The main window calls :meth:`SchedulePreview.set_schedule` whenever the optimizer panel's schedule,
its parameters, α, the epochs or the mini-batch size change (or hides the view's own controls with
``set_controls_visible(False)`` and drives it that way). Standalone, the view has its own schedule
combo and generated form.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QVBoxLayout, QWidget

from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import localized, translate
from optstudio.gui.param_form import ParamForm
from optstudio.gui.views._common import explain_label, html_escape, make_plot, manager_or_default
from optstudio.gui.widgets import FieldRow, FloatEdit, FormulaLabel, IntSpinBox, hint_label

__all__ = ["SchedulePreview", "schedule_curve", "envelope", "MAX_POINTS"]

#: at most this many samples are computed (per-step schedules fall back to one sample per epoch)
MAX_POINTS = 20_000
#: extra per-step samples (at random steps) for the envelope of a subsampled per-step schedule
EXTRA_SAMPLES = 20_000


def schedule_curve(manager, name: str, params: dict | None, initial_rate: float, epochs: int,
                   steps_per_epoch: int = 1) -> tuple[np.ndarray, np.ndarray, str]:
    """``(x, rates, sampling)``: α before training, from the schedule plugin.

    ``x`` is in epochs (fractional for per-step samples: step s of epoch e is at e + s/steps);
    ``sampling`` is ``"step"`` or ``"epoch"``. The schedule sees ``costs=[]`` (no training yet).
    Raises ValueError (bad name or parameters) or the plugin's error (PluginRuntimeError).
    """
    info = manager.schedule_info(name)
    schedule = manager.create_schedule(name, params or {})
    epochs = max(int(epochs), 1)
    spe = max(int(steps_per_epoch), 1)
    alpha0 = float(initial_rate)
    costs: list[float] = []
    if info.per == "step" and epochs * spe <= MAX_POINTS:
        steps = np.arange(epochs * spe)
        rates = np.array([schedule.rate(alpha0, int(s // spe), int(s), costs) for s in steps], dtype=float)
        return steps / spe, rates, "step"
    stride = max(1, math.ceil(epochs / MAX_POINTS))
    ep = np.arange(0, epochs, stride)
    rates = np.array([schedule.rate(alpha0, int(e), int(e * spe), costs) for e in ep], dtype=float)
    return ep.astype(float), rates, "epoch"


def envelope(x: np.ndarray, rates: np.ndarray, x_max: float, buckets: int) -> tuple[np.ndarray, np.ndarray,
                                                                                   np.ndarray]:
    """``(edges, low, high)``: the least and the largest α of the samples in each of ``buckets``
    equal slices of [0, ``x_max``] (one per pixel column: a schedule that cycles faster than a
    pixel is drawn as the band it sweeps, not as a solid block of lines). Empty slices take their
    neighbour's values."""
    order = np.argsort(x, kind="stable")
    x, rates = x[order], rates[order]
    edges = np.linspace(0.0, float(x_max), buckets + 1)
    which = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, buckets - 1)
    starts = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
    low = np.full(buckets, np.nan)
    high = np.full(buckets, np.nan)
    low[which[starts]] = np.minimum.reduceat(rates, starts)
    high[which[starts]] = np.maximum.reduceat(rates, starts)
    filled = np.flatnonzero(np.isfinite(low))
    if filled.size and filled.size < buckets:      # slices without a sample: the nearest one's
        nearest = filled[np.clip(np.searchsorted(filled, np.arange(buckets)), 0, filled.size - 1)]
        low, high = low[nearest], high[nearest]
    return edges, low, high


def _spread(values: np.ndarray, pick, width: int = 2) -> np.ndarray:
    """``pick`` (np.minimum / np.maximum) of each value and its ``width`` neighbours on each side."""
    out = values.copy()
    for shift in range(1, width + 1):
        out[shift:] = pick(out[shift:], values[:-shift])
        out[:-shift] = pick(out[:-shift], values[shift:])
    return out


def _extra_step_samples(manager, name: str, params: dict, initial_rate: float, epochs: int, spe: int,
                        count: int = EXTRA_SAMPLES) -> tuple[np.ndarray, np.ndarray]:
    """α at ``count`` random steps (fixed seed) of a per-step schedule, x in epochs."""
    schedule = manager.create_schedule(name, params or {})
    total = epochs * spe
    steps = np.unique(np.random.default_rng(0).integers(0, total, count))
    rates = np.array([schedule.rate(float(initial_rate), int(s // spe), int(s), []) for s in steps], dtype=float)
    return steps / spe, rates


def _label(info) -> str:
    """The schedule plugin's label in the window's language."""
    return localized(getattr(info, "translations", None), "label", info.label)


def _description(info) -> str:
    return localized(getattr(info, "translations", None), "description", info.description)


class SchedulePreview(QWidget):
    """α over the planned epochs for one schedule; see the module docstring.

    Methods for the main window: :meth:`set_schedule`; optional :meth:`set_controls_visible`.
    """

    scheduleChanged = Signal(str, dict)   # the user picked another schedule / parameters here

    def __init__(self, manager=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.x = np.zeros(0)
        self.rates = np.zeros(0)
        self.sampling = "epoch"
        self._updating = False

        self.combo = QComboBox()
        for name, info in self.manager.schedules.items():
            label = _label(info)
            self.combo.addItem(label if info.label.lower() == name and label == info.label else f"{label}  ({name})",
                               name)
            self.combo.setItemData(self.combo.count() - 1, _description(info), Qt.ItemDataRole.ToolTipRole)
        self.combo.setToolTip(translate("SchedulePreview", "How α changes during training (learning-rate decay)."))
        self.form = ParamForm()
        self.initial_rate = FloatEdit(0.01, check=lambda v: None if v > 0 and math.isfinite(v)
                                      else translate("SchedulePreview", "must be > 0"))
        self.initial_rate.setToolTip(translate("SchedulePreview", "α0: the learning rate the schedule starts from."))
        self.epochs = IntSpinBox(1, 10_000_000)
        self.epochs.setValue(100)
        self.epochs.setToolTip(translate("SchedulePreview", "The number of epochs of the planned training."))
        self.steps = IntSpinBox(1, 10_000_000)
        self.steps.setValue(5)
        self.steps.setToolTip(translate("SchedulePreview", "Mini-batch steps per epoch (⌈examples / mini-batch "
                                                          "size⌉): matters for schedules recomputed before every "
                                                          "step."))
        self.log_box = QCheckBox(translate("SchedulePreview", "log scale"))
        self.log_box.setToolTip(translate("SchedulePreview", "Logarithmic α axis: exponential decay becomes a "
                                                            "straight line."))
        self.log_box.toggled.connect(self._on_log)

        self.controls = QWidget()
        form = QFormLayout(self.controls)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("SchedulePreview", "Schedule"), self.combo)
        form.addRow(self.form)
        form.addRow("α0", FieldRow(self.initial_rate))
        form.addRow(translate("SchedulePreview", "Epochs"), self.epochs)
        form.addRow(translate("SchedulePreview", "Steps per epoch"), self.steps)

        self.context = explain_label("")     # what the curve is computed from (window-driven mode)
        self.context.hide()
        self.description = hint_label()
        self.formula = FormulaLabel()
        self.plot = make_plot(translate("SchedulePreview", "Learning rate α during training"),
                              translate("SchedulePreview", "epoch"), "α", minimum=(260, 180))
        self.plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.curve = self.plot.plot([], [], pen=pg.mkPen("#6a1b9a", width=2.5), stepMode="center",
                                    fillLevel=None)
        # many more samples than pixels: the band between the least and the largest α per pixel
        self.band_low = pg.PlotDataItem([], [], pen=pg.mkPen("#6a1b9a", width=1.2))
        self.band_high = pg.PlotDataItem([], [], pen=pg.mkPen("#6a1b9a", width=1.2))
        self.band = pg.FillBetweenItem(self.band_low, self.band_high, brush=pg.mkBrush(106, 27, 154, 110))
        for item in (self.band, self.band_low, self.band_high):
            self.plot.addItem(item)
        self.band_data: tuple | None = None
        self.start_marker = pg.ScatterPlotItem(size=9, pen=pg.mkPen("#000"), brush=pg.mkBrush("#6a1b9a"))
        self.plot.addItem(self.start_marker)
        self.text = explain_label("")
        self.error = hint_label(error=True)
        self.error.hide()

        top = QHBoxLayout()
        top.addWidget(self.controls, 0)
        side = QVBoxLayout()
        side.addWidget(self.context)
        side.addWidget(self.description)
        side.addWidget(self.formula)
        side.addStretch(1)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.log_box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.error)

        self.combo.currentIndexChanged.connect(self._on_combo)
        self.form.changed.connect(self._on_controls)
        self.initial_rate.valueChanged.connect(self._on_controls)
        self.epochs.valueChanged.connect(self._on_controls)
        self.steps.valueChanged.connect(self._on_controls)
        start = "inverse-time" if "inverse-time" in self.manager.schedules else self.combo.itemData(0)
        self.set_schedule(start, {}, 0.5, 100, 5)

    # ------------------------------------------------------------------ API
    def set_controls_visible(self, visible: bool) -> None:
        """Hide the view's own schedule/α/epochs fields when the main window drives it (a line
        then says which settings the curve comes from)."""
        self.controls.setVisible(visible)
        self.context.setVisible(not visible)

    def set_schedule(self, name: str, params: dict | None, initial_rate: float, epochs: int,
                     steps_per_epoch: int = 1) -> None:
        """Plot α for schedule ``name`` with ``params`` from α0 = ``initial_rate`` over ``epochs``
        epochs of ``steps_per_epoch`` mini-batch steps. Bad values show a one-line message."""
        self._updating = True
        try:
            index = self.combo.findData(name)
            if index >= 0:
                self.combo.setCurrentIndex(index)
                self.form.set_specs(self.manager.schedules[name].params,
                                    getattr(self.manager.schedules[name], "translations", None))
                self.form.set_values(params or {})
            try:
                self.initial_rate.setValue(float(initial_rate))
                self.epochs.setValue(max(1, int(epochs)))
                self.steps.setValue(max(1, int(steps_per_epoch)))
            except (TypeError, ValueError, OverflowError):
                pass
        finally:
            self._updating = False
        self._plot(name, params or {}, initial_rate, epochs, steps_per_epoch)

    def show_problem(self, text: str) -> None:
        """A one-line message under the plot instead of a new curve (e.g. the window's α field
        holds no valid number); the next :meth:`set_schedule` clears it."""
        self._show_error(text)

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The plotted samples: x in epochs, α."""
        return self.x, self.rates

    def rate_at_epoch(self, epoch: int) -> float:
        """The plotted α at the first sample of ``epoch``."""
        idx = np.searchsorted(self.x, float(epoch) - 1e-9)
        return float(self.rates[idx])

    # ------------------------------------------------------------------ drawing
    def _plot(self, name: str, params: dict, initial_rate: float, epochs: int, spe: int) -> None:
        try:
            info = self.manager.schedule_info(name)
            x, rates, sampling = schedule_curve(self.manager, name, params, initial_rate, epochs, spe)
            bad = ~np.isfinite(rates) | (rates <= 0)
            if bad.any():
                first = int(np.argmax(bad))
                raise ValueError(translate("SchedulePreview", "the schedule gives α = {rate} at epoch {epoch}; it "
                                                              "must be a positive number").format(
                    rate=f"{rates[first]:g}", epoch=f"{x[first]:g}"))
        except Exception as exc:  # noqa: BLE001 - ValueError, PluginRuntimeError: one line
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self._show_error(text)
            return
        self._show_error("")
        self.x, self.rates, self.sampling = x, rates, sampling
        self._draw(info, name, params, initial_rate, int(epochs), max(int(spe), 1))
        self.start_marker.setData([x[0]], [rates[0]])
        if info.per == "epoch":
            per = translate("SchedulePreview", "α is recomputed once per epoch.")
        else:
            per = translate("SchedulePreview", "α is recomputed before every mini-batch step.")
        desc = _description(info).strip()
        if "recomputed" not in info.description.lower():     # (the plugin's own text may say so)
            desc = translate("SchedulePreview", "{description} ({recomputed})").format(description=desc, recomputed=per) \
                if desc else per
        self.description.setText(desc)
        self.formula.setText(info.formula.strip() or translate("SchedulePreview", "(the plugin gives no formula)"))
        self.plot.getPlotItem().setLabel("bottom", translate("SchedulePreview", "epoch") if sampling == "epoch"
                                         else translate("SchedulePreview", "epoch (one point per step)"))
        self._explain(info, x, rates, float(initial_rate), int(epochs))
        steps = (translate("SchedulePreview", "{count} mini-batch steps") if spe != 1
                 else translate("SchedulePreview", "{count} mini-batch step")).format(count=f"{spe:,}")
        shown = _label(info)
        label = html_escape(shown) + ("" if info.label.lower() == name.lower() and shown == info.label
                                      else f" ({html_escape(name)})")
        self.context.setText(translate(
            "SchedulePreview", "Schedule <b>{schedule}</b>, α0 = <b>{alpha}</b>, <b>{epochs}</b> epochs of {steps}: "
                               "the settings under “Optimizer and training” on the left. Change them there and the "
                               "curve follows.").format(
            schedule=label, alpha=format_number(initial_rate, 4), epochs=f"{int(epochs):,}", steps=steps))
        self._fit_range()

    def _draw(self, info, name: str, params: dict, initial_rate: float, epochs: int, spe: int) -> None:
        """A step curve while there are at most about two samples per pixel; else the band each
        pixel column covers (for a per-step schedule sampled once per epoch, with α at random steps
        too: a cycle shorter than an epoch shows as what it is)."""
        x, rates = self.x, self.rates
        pixels = max(int(self.plot.getPlotItem().getViewBox().width()), 200)
        dense = info.per == "step" and self.sampling == "epoch"
        if len(x) <= 2 * pixels and not dense:
            step = (x[1] - x[0]) if len(x) > 1 else 1.0
            self.curve.setData(np.append(x, x[-1] + step), rates, stepMode="center")
            self.band_data = None
            for item in (self.band_low, self.band_high):
                item.setData([], [])
            self.band.setVisible(False)
            return
        if dense:
            try:
                more_x, more_rates = _extra_step_samples(self.manager, name, params, initial_rate, epochs, spe)
                x, rates = np.concatenate([x, more_x]), np.concatenate([rates, more_rates])
            except Exception:  # noqa: BLE001 - the samples already taken are drawn
                pass
        edges, low, high = envelope(x, rates, float(epochs), pixels)
        if dense:
            # a few dozen random steps per column can miss a cycle's peak: a column's band is also
            # its neighbours' (a cycle shorter than a column sweeps the same range in each)
            low, high = _spread(low, np.minimum), _spread(high, np.maximum)
        self.band_data = (edges, low, high)
        # each slice as a flat segment (edges[i] … edges[i + 1])
        bx = np.repeat(edges, 2)[1:-1]
        self.curve.setData([], [])
        self.band_low.setData(bx, np.repeat(low, 2))
        self.band_high.setData(bx, np.repeat(high, 2))
        self.band.setVisible(True)

    def _explain(self, info, x: np.ndarray, rates: np.ndarray, alpha0: float, epochs: int) -> None:
        first, last = rates[0], rates[-1]
        text = translate("SchedulePreview", "α starts at <b>{first}</b> and is <b>{last}</b> in the last epoch "
                                            "({percent} % of α0 = {alpha0}).").format(
            first=format_number(first, 4), last=format_number(last, 4),
            percent=format_number(last / alpha0 * 100, 3), alpha0=format_number(alpha0, 4))
        half = np.nonzero(rates <= first / 2)[0]
        if half.size:
            text += translate("SchedulePreview", " It is halved by epoch {epoch}.").format(epoch=int(x[half[0]]))
        if np.allclose(rates, first) and info.name != "constant":
            text += translate("SchedulePreview", " <i>Before training this schedule does not change α: it reacts to "
                                                 "the cost during training (here the cost is not known yet).</i>")
        self.text.setText(text)

    def _show_error(self, text: str) -> None:
        self.error.setText(html_escape(text))
        self.error.setVisible(bool(text))

    # ------------------------------------------------------------------ slots
    def _fit_range(self) -> None:
        """x over the whole training; α from 0 (a constant α is not drawn as a line at zero)."""
        item = self.plot.getPlotItem()
        item.enableAutoRange(x=True)
        good = self.rates[np.isfinite(self.rates)] if self.rates.size else self.rates
        if self.band_data is not None:
            good = np.concatenate([good, self.band_data[2][np.isfinite(self.band_data[2])]])
        if self.log_box.isChecked() or good.size == 0:
            item.enableAutoRange(y=True)
        else:
            item.setYRange(0.0, float(good.max()) * 1.1, padding=0.03)   # (the 0 stays labelled)

    @Slot(bool)
    def _on_log(self, on: bool) -> None:
        self.plot.getPlotItem().setLogMode(False, on)
        self._fit_range()

    @Slot(int)
    def _on_combo(self, _index: int) -> None:
        if self._updating:
            return
        name = str(self.combo.currentData())
        self.form.set_specs(self.manager.schedules[name].params,
                            getattr(self.manager.schedules[name], "translations", None))
        self._on_controls()

    @Slot()
    def _on_controls(self, *_args: Any) -> None:
        if self._updating:
            return
        if not self.initial_rate.is_valid():
            self._show_error(f"α0 {self.initial_rate.error_message()}")
            return
        problems = self.form.errors()
        if problems:
            self._show_error(problems[0])
            return
        name = str(self.combo.currentData())
        params = self.form.values()
        self._plot(name, params, self.initial_rate.value(), int(self.epochs.value()), int(self.steps.value()))
        self.scheduleChanged.emit(name, params)
