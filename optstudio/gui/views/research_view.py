"""“Why it behaves so”: five panels that explain *why* an optimizer behaves as it does.

* **Sharpness** — λ_max of the Hessian of the training cost per epoch against the line 2/α (the
  edge of stability, Cohen et al. 2021); for Adam-like optimizers also the preconditioned
  sharpness against its threshold (2 + 2β₁)/((1 − β₁)α).
* **Loss landscape** — the cost on the straight line from the initial to the final weights, and
  on a plane around the final weights (filter-normalised random or PCA directions) as an image
  with the weight path projected onto it.
* **Learning-rate range test** — the cost while α grows exponentially, the suggested α marked
  and a button that puts it in the learning-rate field.
* **Layers** — per-layer gradient norms ‖dW[l]‖ and update/weight ratios ‖ΔW[l]‖/‖W[l]‖ with
  the 1e-3 rule of thumb: vanishing and exploding gradients.
* **Online problem (Adam vs AMSGrad)** — Reddi et al.'s online problem (no network): the point x_t
  and the average regret against the step t for Adam and AMSGrad (lab 10's runs), the best point
  x = −1 marked (:func:`.research_data.online_runs`, :mod:`optstudio.core.online`).

The view never touches the window's training: “Train and measure” trains the experiment set up on
the left once more, from the same seed, in a worker thread (:mod:`.research_data`), measuring on
copies of the network; the window stays responsive and Stop ends it. The range test and the online
problem have their own buttons (and threads). :attr:`ResearchView.experiment_source` gives the experiment (the window sets it);
:attr:`useLearningRate` asks for the suggested α to be put in the learning-rate field.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QMenu, QProgressBar, QPushButton,
                               QSizePolicy, QSpinBox, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget)

from optstudio.core.lr_range import DEFAULT_START, DEFAULT_STEPS, DEFAULT_STOP, RULE
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.plot_export import export_plot_item
from optstudio.gui.views._common import (RUN_COLORS, ask_save_path, explain_label, html_escape, make_plot,
                                         manager_or_default, register_thread)

__all__ = ["ResearchView", "PANELS", "RULE_OF_THUMB"]

#: the panels, in tab order: (key, tab text; translated where shown)
PANELS = (("sharpness", QT_TRANSLATE_NOOP("ResearchView", "Sharpness")),
          ("landscape", QT_TRANSLATE_NOOP("ResearchView", "Loss landscape")),
          ("lr_range", QT_TRANSLATE_NOOP("ResearchView", "Learning-rate range test")),
          ("layers", QT_TRANSLATE_NOOP("ResearchView", "Layers")),
          ("online", QT_TRANSLATE_NOOP("ResearchView", "Online problem (Adam vs AMSGrad)")))
#: the range test's rule (optstudio.core.lr_range.RULE) as the summary says it
_RULE_TEXT = QT_TRANSLATE_NOOP("ResearchView", "α at the lowest cost / 10")
#: a run's status as the status line says it
_STATUS_TEXTS = {"finished": QT_TRANSLATE_NOOP("ResearchView", "finished"),
                 "diverged": QT_TRANSLATE_NOOP("ResearchView", "diverged"),
                 "failed": QT_TRANSLATE_NOOP("ResearchView", "failed"),
                 "stopped": QT_TRANSLATE_NOOP("ResearchView", "stopped"),
                 "running": QT_TRANSLATE_NOOP("ResearchView", "running")}
#: the online panel's largest number of steps (every point of every curve is drawn)
MAX_ONLINE_STEPS = 200_000
#: CS231n's rule of thumb for the update/weight ratio
RULE_OF_THUMB = 1e-3
_RED = "#c62828"
_BLUE = "#1f3fbf"


def _g(value, digits: int = 3) -> str:
    if value is None or not isinstance(value, (int, float)) or not math.isfinite(value):
        return translate("ResearchView", "n/a")
    return f"{value:.{digits}g}"


def _remove_curves(*plots_and_curves) -> None:
    """Take each list's curves off its plot (and its legend) and empty the list."""
    for plot, curves in plots_and_curves:
        item = plot.getPlotItem()
        for curve in curves:
            item.removeItem(curve)
            if item.legend is not None:
                item.legend.removeItem(curve)
        curves.clear()


# ------------------------------------------------------------------------------ worker

class _Job(QObject):
    """Runs ``function(progress=…, cancelled=…)`` in a worker thread."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, function, *, with_progress: bool) -> None:
        super().__init__()
        self.function = function
        self.with_progress = with_progress
        self.stop_requested = False

    @Slot()
    def run(self) -> None:
        from optstudio.gui.views.research_data import Cancelled  # noqa: PLC0415
        try:
            if self.with_progress:
                result = self.function(progress=self.progress.emit, cancelled=lambda: self.stop_requested)
            else:
                result = self.function()
        except Cancelled:
            self.failed.emit(translate("ResearchView", "Stopped."))
        except MemoryError:
            self.failed.emit(translate("ResearchView", "Not enough memory for this network and data."))
        except Exception as exc:  # noqa: BLE001 - a bad setting or a plugin failing: one line for the user
            text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.failed.emit(text)
        else:
            self.done.emit(result)


class _Runner(QObject):
    """One job at a time in its own QThread; ``finished(ok, result_or_message)`` on the GUI thread."""

    finished = Signal(bool, object)
    progress = Signal(int, int)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.thread: QThread | None = None
        self.job: _Job | None = None

    def busy(self) -> bool:
        return self.thread is not None

    def start(self, function, *, with_progress: bool = False) -> bool:
        if self.thread is not None:
            return False
        thread = QThread()
        thread.setObjectName(self.name)
        job = _Job(function, with_progress=with_progress)
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        job.progress.connect(self.progress)
        self.thread, self.job = register_thread(thread), job
        thread.start()
        return True

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop_requested = True

    def _end(self) -> None:
        thread, job = self.thread, self.job
        self.thread = self.job = None
        if thread is not None:
            thread.quit()
            thread.wait()
        # the thread has ended: Python frees both objects (no deleteLater: the job lives in the
        # finished thread, and a deferred delete racing Python's own release crashed the process)

    @Slot(object)
    def _on_done(self, result) -> None:
        self._end()
        self.finished.emit(True, result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._end()
        self.finished.emit(False, message)

    def shutdown(self) -> None:
        """Ask the job to stop and wait for its thread (never terminate)."""
        if self.thread is not None:
            self.stop()
            thread, job = self.thread, self.job
            self.thread = self.job = None
            thread.quit()
            thread.wait()
            del job                    # freed by Python once the thread has ended (see _end)


def _plain_axes(*plots: pg.PlotWidget) -> None:
    """Numbers on the axes as they are (no “(x0.001)” SI prefix a student would misread)."""
    for plot in plots:
        for side in ("left", "bottom"):
            plot.getPlotItem().getAxis(side).enableAutoSIPrefix(False)


def _export_button(panel: QWidget, plots: list[tuple[str, pg.PlotWidget]]) -> QToolButton:
    """“Export plot…”: a menu with one entry per plot of the panel (PNG or SVG); ``plots``: (English
    name marked with QT_TRANSLATE_NOOP("ResearchView", …), plot)."""
    button = QToolButton()
    button.setText(translate("ResearchView", "Export plot…"))
    button.setToolTip(translate("ResearchView", "Save a plot of this panel as a PNG image or an SVG drawing"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    for name, widget in plots:
        menu.addAction(translate("ResearchView", name) + "…",
                       lambda _c=False, name=name, widget=widget: _export(panel, name, widget))
    button.setMenu(menu)
    return button


def _export(panel: QWidget, name: str, widget: pg.PlotWidget) -> None:
    path = ask_save_path(panel, translate("ResearchView", "Export “{name}”").format(name=translate("ResearchView", name)),
                         name.lower().replace(" ", "_").replace("/", "_") + ".png",
                         translate("ResearchView", "PNG image (*.png);;SVG drawing (*.svg)"))
    if not path:
        return
    try:
        export_plot_item(widget.getPlotItem(), path)
    except OSError as exc:
        view = panel.parent()
        while view is not None and not isinstance(view, ResearchView):
            view = view.parent()
        if view is not None:
            view.status.setText(f"<span style='color:{_RED}'>{html_escape(exc)}</span>")


# ------------------------------------------------------------------------------ panels
class SharpnessPanel(QWidget):
    """λ_max per measured epoch with 2/α; the preconditioned version for adaptive optimizers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = explain_label(translate(
            "ResearchView",
            "<b>Sharpness</b> λ<sub>max</sub> is the largest eigenvalue of the Hessian of the training cost J: "
            "how strongly the cost curves in its steepest direction. Gradient descent with learning rate α is "
            "stable on such a curve only while λ<sub>max</sub> &lt; 2/α. Under full-batch gradient descent the "
            "sharpness rises until it reaches about 2/α and then hovers there: the <i>edge of stability</i> "
            "(Cohen et al., 2021). For Adam, RMSprop or Adagrad a second plot shows the sharpness as the optimizer "
            "sees it (each parameter scaled by its own step) against its own limit."))
        self.plot = make_plot(translate("ResearchView", "Sharpness λ_max after each epoch"),
                              translate("ResearchView", "epoch"), translate("ResearchView", "λ_max of the Hessian of J"))
        self.plot.setToolTip(translate("ResearchView",
                                       "Blue: λ_max measured by power iteration with Hessian-vector products (on a "
                                       "copy of the weights after the epoch). Red dashed: 2/α, the stability limit of "
                                       "gradient descent."))
        item = self.plot.getPlotItem()
        item.addLegend(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.curve = item.plot([], [], pen=pg.mkPen(_BLUE, width=2.2), symbol="o", symbolSize=4,
                               symbolBrush=_BLUE, symbolPen=None,
                               name=translate("ResearchView", "λ_max (sharpness)"))
        self.limit = item.plot([], [], pen=pg.mkPen(_RED, width=2, style=Qt.PenStyle.DashLine), name="2/α")
        self.pre_plot = make_plot(translate("ResearchView", "Preconditioned sharpness (adaptive optimizers)"),
                                  translate("ResearchView", "epoch"), translate("ResearchView", "λ_max of P⁻¹·H"))
        self.pre_plot.setToolTip(translate("ResearchView",
                                           "For Adam, RMSprop, Adagrad …: the sharpness of the cost as the optimizer "
                                           "sees it, with each parameter scaled by its own step α/(√ŝ + ε). Its limit "
                                           "is (2 + 2β₁)/((1 − β₁)·α) (38/α for β₁ = 0.9)."))
        pitem = self.pre_plot.getPlotItem()
        pitem.addLegend(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.pre_curve = pitem.plot([], [], pen=pg.mkPen("#2ca02c", width=2.2), symbol="o", symbolSize=4,
                                    symbolBrush="#2ca02c", symbolPen=None,
                                    name=translate("ResearchView", "preconditioned λ_max"))
        self.pre_limit = pitem.plot([], [], pen=pg.mkPen(_RED, width=2, style=Qt.PenStyle.DashLine),
                                    name="(2 + 2β₁)/((1 − β₁)·α)")
        self.pre_plot.hide()
        _plain_axes(self.plot, self.pre_plot)
        self.summary = explain_label("")
        self.export = _export_button(self, [(QT_TRANSLATE_NOOP("ResearchView", "Sharpness"), self.plot),
                                            (QT_TRANSLATE_NOOP("ResearchView", "Preconditioned sharpness"),
                                             self.pre_plot)])
        plots = QHBoxLayout()
        plots.addWidget(self.plot, 1)
        plots.addWidget(self.pre_plot, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        layout.addLayout(plots, 1)
        layout.addLayout(bottom)

    def clear(self) -> None:
        for curve in (self.curve, self.limit, self.pre_curve, self.pre_limit):
            curve.setData([], [])
        self.pre_plot.hide()
        self.summary.setText("")

    def show_analysis(self, analysis) -> None:
        rows = analysis.measured("sharpness")
        epochs = np.array([r["epoch"] for r in rows], dtype=float)
        self.curve.setData(epochs, np.array([r["sharpness"] for r in rows], dtype=float))
        self.limit.setData(epochs, np.array([r["two_over_alpha"] for r in rows], dtype=float))
        pre = [r for r in rows if r.get("preconditioned_sharpness") is not None]
        if pre:
            e = np.array([r["epoch"] for r in pre], dtype=float)
            self.pre_curve.setData(e, np.array([r["preconditioned_sharpness"] for r in pre], dtype=float))
            self.pre_limit.setData(e, np.array([r["preconditioned_threshold"] for r in pre], dtype=float))
            self.pre_plot.show()
        else:
            self.pre_curve.setData([], [])
            self.pre_limit.setData([], [])
            self.pre_plot.hide()
        if not rows:
            self.summary.setText(translate("ResearchView", "No epoch was measured."))
            return
        last = rows[-1]
        lam, limit = last["sharpness"], last["two_over_alpha"]
        measured = (translate("ResearchView", "measured every {every} epoch") if analysis.every == 1 else
                    translate("ResearchView", "measured every {every} epochs")).format(every=analysis.every)
        text = translate("ResearchView", "After epoch {epoch}: λ<sub>max</sub> = <b>{sharpness}</b>, "
                         "2/α = <b>{limit}</b> ({measured}).").format(epoch=last["epoch"], sharpness=_g(lam),
                                                                       limit=_g(limit), measured=measured)
        if pre:
            p = pre[-1]
            value, bound = p["preconditioned_sharpness"], p["preconditioned_threshold"]
            text += translate("ResearchView", " An adaptive optimizer scales every step by its own rate, so its "
                              "limit is not 2/α: the preconditioned sharpness is <b>{value}</b> against "
                              "<b>{bound}</b>.").format(value=_g(value), bound=_g(bound))
        else:
            value, bound = lam, limit
        ratio = value / bound if bound and math.isfinite(bound) else math.nan
        if not math.isfinite(ratio):
            verdict = ""
        elif ratio > 1.1:
            verdict = translate("ResearchView", " The cost curves more sharply than the steps at this α can "
                                "follow: expect oscillation.")
        elif ratio > 0.8:
            verdict = translate("ResearchView", " The run is at the edge of stability: the sharpness has climbed "
                                "to about its limit.")
        else:
            verdict = translate("ResearchView", " The sharpness stays well below its limit ({percent} of it): the "
                                "steps are stable; a larger α (or full-batch training) shows the edge of "
                                "stability.").format(percent=f"{ratio:.0%}")
        text += verdict
        self.summary.setText(text)


class LandscapePanel(QWidget):
    """The 1-D profile from the initial to the final weights and the 2-D plane with the path."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = explain_label(translate(
            "ResearchView",
            "<b>Loss landscape.</b> Left: the cost J on the straight line from the initial weights (t = 0) to "
            "the weights after training (t = 1). Right: J on a plane through the final weights (the centre), "
            "with the path the weights took projected onto it (white line, from ○ to ✕). Dark is low cost."))
        self.line_plot = make_plot(translate("ResearchView", "Cost on the line θ(t), initial t = 0 → final t = 1"),
                                   "t", translate("ResearchView", "cost J"), minimum=(200, 150))
        self.line_plot.setToolTip(translate("ResearchView",
                                            "J((1 − t)·θ_initial + t·θ_final) (Goodfellow et al., 2015). A curve "
                                            "that falls without bumps means nothing stood between the start and the "
                                            "end."))
        litem = self.line_plot.getPlotItem()
        self.line_curve = litem.plot([], [], pen=pg.mkPen(_BLUE, width=2.4))
        self.line_ends = pg.ScatterPlotItem(size=10, pen=pg.mkPen("#222"), brush=pg.mkBrush(_RED))
        litem.addItem(self.line_ends)
        self.plane_plot = make_plot(translate("ResearchView", "Cost on a plane around the final weights"), "a", "b",
                                    minimum=(220, 150))
        self.plane_plot.setToolTip(translate("ResearchView",
                                             "J(θ_final + a·δ + b·η). Random: δ, η are random directions scaled to "
                                             "the size of each unit's weights (Li et al., 2018); PCA: the two "
                                             "directions in which the weights moved most."))
        pitem = self.plane_plot.getPlotItem()
        self.image = pg.ImageItem(axisOrder="row-major")
        pitem.addItem(self.image)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False, width=14,
                                        label="log₁₀ J")
        self.colorbar.setImageItem(self.image, insert_in=pitem)
        self.path_curve = pitem.plot([], [], pen=pg.mkPen("w", width=2), symbol="o", symbolSize=4,
                                     symbolBrush="w", symbolPen=None)
        self.path_start = pg.ScatterPlotItem(size=13, symbol="o", pen=pg.mkPen("w", width=2), brush=pg.mkBrush(None))
        self.path_end = pg.ScatterPlotItem(size=14, symbol="x", pen=pg.mkPen("#222"), brush=pg.mkBrush("#ff5252"))
        pitem.addItem(self.path_start)
        pitem.addItem(self.path_end)
        _plain_axes(self.line_plot, self.plane_plot)
        self.directions = QComboBox()
        self.directions.addItem(translate("ResearchView", "PCA of the path"), "pca")
        self.directions.addItem(translate("ResearchView", "random directions"), "random")
        self.directions.setToolTip(translate("ResearchView",
                                             "The plane (used by the next “Train and measure”): two random "
                                             "directions scaled like the weights (filter-normalised), or the two "
                                             "directions in which the weights moved most (PCA of the path)"))
        self.resolution = QSpinBox()
        self.resolution.setRange(5, 81)
        self.resolution.setValue(25)
        self.resolution.setSuffix(translate("ResearchView", " × grid"))
        self.resolution.setToolTip(translate("ResearchView",
                                             "Grid points per side of the plane (the cost is computed at each; used "
                                             "by the next “Train and measure”)"))
        self.summary = explain_label("")
        self.export = _export_button(self, [(QT_TRANSLATE_NOOP("ResearchView", "Landscape line"), self.line_plot),
                                            (QT_TRANSLATE_NOOP("ResearchView", "Landscape plane"), self.plane_plot)])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.line_plot)
        split.addWidget(self.plane_plot)
        split.setChildrenCollapsible(False)
        split.setSizes([450, 550])
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(QLabel(translate("ResearchView", "plane:")), 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.directions, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.resolution, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.export, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self.plane = None
        self.line = None

    def clear(self) -> None:
        self.line_curve.setData([], [])
        self.line_ends.setData([], [])
        self.image.clear()
        self.path_curve.setData([], [])
        self.path_start.setData([], [])
        self.path_end.setData([], [])
        self.summary.setText("")
        self.plane = self.line = None

    def show_analysis(self, analysis) -> None:
        self.clear()
        self.line, self.plane = analysis.line, analysis.plane
        line = analysis.line
        if line is not None:
            self.line_curve.setData(line.t, line.costs)
            self.line_ends.setData([0.0, 1.0], [line.initial_cost, line.final_cost])
            self.line_plot.getPlotItem().setXRange(float(line.t[0]), float(line.t[-1]), padding=0.04)
        plane = analysis.plane
        parts = []
        if line is not None:
            parts.append(translate("ResearchView", "J(initial) = <b>{initial}</b>, J(final) = <b>{final}</b>; "
                                   "highest on the line: {highest}.").format(
                initial=_g(line.initial_cost, 4), final=_g(line.final_cost, 4),
                highest=_g(float(np.nanmax(line.costs)), 4)))
        if plane is not None:
            a, b = plane.a, plane.b
            with np.errstate(all="ignore"):
                shown = np.log10(np.clip(plane.costs, 1e-12, None))
            shown = np.where(np.isfinite(shown), shown, np.nanmax(np.where(np.isfinite(shown), shown, -np.inf)))
            self.image.setImage(shown, autoLevels=False)
            lo, hi = float(np.min(shown)), float(np.max(shown))
            self.colorbar.setLevels((lo, hi if hi > lo else lo + 1e-9))
            da = (a[-1] - a[0]) / max(len(a) - 1, 1)
            db = (b[-1] - b[0]) / max(len(b) - 1, 1)
            self.image.setRect(QRectF(a[0] - da / 2, b[0] - db / 2, a[-1] - a[0] + da, b[-1] - b[0] + db))
            path = plane.path
            self.path_curve.setData(path[:, 0], path[:, 1])
            self.path_start.setData([path[0, 0]], [path[0, 1]])
            self.path_end.setData([0.0], [0.0])
            item = self.plane_plot.getPlotItem()
            item.setXRange(a[0] - da / 2, a[-1] + da / 2, padding=0)
            item.setYRange(b[0] - db / 2, b[-1] + db / 2, padding=0)
            kind = (translate("ResearchView", "filter-normalised random directions") if plane.kind == "random"
                    else translate("ResearchView", "principal directions of the weight path ({shares} of its "
                                   "variance)").format(shares=", ".join(f"{v:.0%}" for v in plane.explained)))
            parts.append(translate("ResearchView", "Plane: {kind}; J at the centre {cost}.").format(
                kind=kind, cost=_g(plane.center_cost, 4)))
            if plane.kind == "random":
                parts.append(translate("ResearchView", "Random directions are almost perpendicular to the path, so "
                                       "the path shows as a short line: choose “PCA of the path” to see the way the "
                                       "weights went."))
        if analysis.landscape_error:
            parts.append(f"<span style='color:{_RED}'>{html_escape(analysis.landscape_error)}</span>")
        self.summary.setText(" ".join(parts))


class RangeTestPanel(QWidget):
    """Cost against α (log x) while α grows exponentially; the suggested α and “Use this α”."""

    runRequested = Signal()
    useLearningRate = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = explain_label(translate(
            "ResearchView",
            "<b>Learning-rate range test</b> (Smith, 2017): train a few hundred updates from the initial weights "
            "while α grows exponentially from tiny to huge, and plot the cost against α. Too small: nothing "
            "happens. Then the cost falls faster and faster. Too large: it shoots up. A good α is about a tenth "
            "of the α at the lowest cost."))
        self.plot = make_plot(translate("ResearchView", "Training cost while α grows"),
                              translate("ResearchView", "learning rate α (log scale)"),
                              translate("ResearchView", "cost J"))
        self.plot.setToolTip(translate("ResearchView",
                                       "Each point: the training cost after one update with that α. Green line: the "
                                       "suggested α; grey dotted: the α at the lowest cost; orange dotted: where the "
                                       "cost falls fastest."))
        item = self.plot.getPlotItem()
        item.setLogMode(x=True, y=False)
        self.curve = item.plot([], [], pen=pg.mkPen(_BLUE, width=2))
        self.suggested_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#2e7d32", width=2.5),
                                              label=translate("ResearchView", "suggested α"), labelOpts={"position": 0.9, "color": "#2e7d32"})
        self.min_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#777", width=1.5, style=Qt.PenStyle.DotLine),
                                        label=translate("ResearchView", "lowest cost"), labelOpts={"position": 0.75, "color": "#555"})
        self.steep_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#ef6c00", width=1.5, style=Qt.PenStyle.DotLine),
                                          label=translate("ResearchView", "steepest"), labelOpts={"position": 0.6, "color": "#ef6c00"})
        for line in (self.suggested_line, self.min_line, self.steep_line):
            line.hide()
            item.addItem(line)
        _plain_axes(self.plot)
        self.start_box = QDoubleSpinBox()
        self.start_box.setDecimals(8)
        self.start_box.setRange(1e-8, 1.0)
        self.start_box.setValue(DEFAULT_START)
        self.start_box.setToolTip(translate("ResearchView", "The first, tiny learning rate"))
        self.stop_box = QDoubleSpinBox()
        self.stop_box.setDecimals(3)
        self.stop_box.setRange(1e-4, 1e4)
        self.stop_box.setValue(DEFAULT_STOP)
        self.stop_box.setToolTip(translate("ResearchView",
                                           "The last, huge learning rate (the test stops earlier when the cost "
                                           "explodes)"))
        self.steps_box = QSpinBox()
        self.steps_box.setRange(2, 100_000)
        self.steps_box.setValue(DEFAULT_STEPS)
        self.steps_box.setToolTip(translate("ResearchView",
                                            "Updates, one α each: α_i = α_start·(α_stop/α_start)^(i/(n − 1))"))
        self.run_button = QPushButton(translate("ResearchView", "Run the range test"))
        self.run_button.setToolTip(translate("ResearchView",
                                             "With the data, network, optimizer and mini-batch size set up on the "
                                             "left"))
        self.run_button.clicked.connect(self.runRequested)
        self.use_button = QPushButton(translate("ResearchView", "Use this α"))
        self.use_button.setToolTip(translate("ResearchView", "Put the suggested α into the learning-rate field on "
                                             "the left"))
        self.use_button.setEnabled(False)
        self.use_button.clicked.connect(self._on_use)
        self.export = _export_button(self, [(QT_TRANSLATE_NOOP("ResearchView", "Learning-rate range test"),
                                             self.plot)])
        controls = QHBoxLayout()
        for text, box in ((translate("ResearchView", "α from"), self.start_box),
                          (translate("ResearchView", "to"), self.stop_box),
                          (translate("ResearchView", "in updates"), self.steps_box)):
            controls.addWidget(QLabel(text))
            controls.addWidget(box)
        controls.addWidget(self.run_button)
        controls.addStretch(1)
        controls.addWidget(self.use_button)
        controls.addWidget(self.export)
        self.summary = explain_label("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        layout.addWidget(self.plot, 1)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        self.result = None

    def settings(self) -> tuple[float, float, int]:
        return float(self.start_box.value()), float(self.stop_box.value()), int(self.steps_box.value())

    def set_settings(self, start: float | None, stop: float, steps: int) -> None:
        if start is not None:
            self.start_box.setValue(start)
        self.stop_box.setValue(stop)
        self.steps_box.setValue(steps)

    def suggested(self) -> float | None:
        value = None if self.result is None else self.result.suggested
        return value if value is not None and math.isfinite(value) and value > 0 else None

    def clear(self) -> None:
        self.result = None
        self.curve.setData([], [])
        for line in (self.suggested_line, self.min_line, self.steep_line):
            line.hide()
        self.use_button.setEnabled(False)
        self.summary.setText("")

    def show_result(self, result) -> None:
        self.clear()
        self.result = result
        rates = np.asarray(result.rates, dtype=float)
        costs = np.asarray(result.costs, dtype=float)
        self.curve.setData(rates, costs)
        for line, value in ((self.suggested_line, result.suggested), (self.min_line, result.min_cost_rate),
                            (self.steep_line, result.steepest_rate)):
            if value is not None and math.isfinite(value) and value > 0:
                line.setValue(math.log10(value))
                line.show()
        if costs.size:
            finite = costs[np.isfinite(costs)]
            if finite.size:
                top = min(float(finite.max()), 4.0 * max(float(result.initial_cost), float(finite.min())))
                self.plot.getPlotItem().setYRange(max(0.0, float(finite.min()) * 0.95), top, padding=0.05)
        alpha = self.suggested()
        self.use_button.setEnabled(alpha is not None)
        if alpha is not None:
            self.use_button.setText(translate("ResearchView", "Use this α = {alpha}").format(alpha=f"{alpha:.3g}"))
            self.summary.setText(translate(
                "ResearchView", "Lowest cost {cost} at α = {lowest}; suggested α = <b>{suggested}</b> ({rule}); "
                "the cost falls fastest at α = {steepest}. {message}").format(
                cost=_g(float(np.min(costs)), 4), lowest=_g(result.min_cost_rate), suggested=_g(alpha),
                rule=translate("ResearchView", RULE), steepest=_g(result.steepest_rate),
                message=html_escape(result.message)))
        else:
            self.use_button.setText(translate("ResearchView", "Use this α"))
            self.summary.setText(translate("ResearchView", "No α to suggest. {message}").format(
                message=html_escape(result.message)))

    @Slot()
    def _on_use(self) -> None:
        alpha = self.suggested()
        if alpha is not None:
            self.useLearningRate.emit(float(alpha))


class LayersPanel(QWidget):
    """‖dW[l]‖ and ‖ΔW[l]‖/‖W[l]‖ per layer over the epochs, with the 1e-3 line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = explain_label(translate(
            "ResearchView",
            "<b>Per-layer gradients.</b> Left: the size of the gradient ‖dW<sup>[l]</sup>‖ of each layer. When it "
            "is many times smaller in the first layers than in the last, the gradient <i>vanishes</i> on its way "
            "back (saturated sigmoid or tanh units, weights too small or too large); when it grows, it "
            "<i>explodes</i>. Right: how much the last update changed each layer's weights, ‖ΔW‖/‖W‖; about "
            "10<sup>−3</sup> is healthy (CS231n): far below, the layer hardly learns; far above, α is too large."))
        self.grad_plot = make_plot(translate("ResearchView", "Gradient norm per layer"),
                                   translate("ResearchView", "epoch"), translate("ResearchView", "‖dW[l]‖ (log scale)"))
        self.grad_plot.setToolTip(translate("ResearchView",
                                            "Frobenius norm of the gradient of J (whole training set) for the "
                                            "weights of each layer, after the epoch"))
        self.ratio_plot = make_plot(translate("ResearchView", "Update / weight ratio per layer"),
                                    translate("ResearchView", "epoch"),
                                    translate("ResearchView", "‖ΔW[l]‖/‖W[l]‖ (log scale)"))
        self.ratio_plot.setToolTip(translate("ResearchView",
                                             "Size of the epoch's last update relative to the weights it changed; "
                                             "red dashed: the rule of thumb 1e-3"))
        for plot in (self.grad_plot, self.ratio_plot):
            plot.getPlotItem().setLogMode(x=False, y=True)
            plot.getPlotItem().addLegend(offset=(-8, 8), labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 210))
        self.rule = pg.InfiniteLine(pos=math.log10(RULE_OF_THUMB), angle=0,
                                    pen=pg.mkPen(_RED, width=2, style=Qt.PenStyle.DashLine),
                                    label=translate("ResearchView", "1e-3 rule of thumb"), labelOpts={"position": 0.55, "color": _RED})
        self.ratio_plot.getPlotItem().addItem(self.rule)
        _plain_axes(self.grad_plot, self.ratio_plot)
        self.grad_curves: list = []
        self.ratio_curves: list = []
        self.summary = explain_label("")
        self.export = _export_button(self, [(QT_TRANSLATE_NOOP("ResearchView", "Gradient norms"), self.grad_plot),
                                            (QT_TRANSLATE_NOOP("ResearchView", "Update ratios"), self.ratio_plot)])
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.grad_plot)
        split.addWidget(self.ratio_plot)
        split.setChildrenCollapsible(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def clear(self) -> None:
        _remove_curves((self.grad_plot, self.grad_curves), (self.ratio_plot, self.ratio_curves))
        self.summary.setText("")

    def show_analysis(self, analysis) -> None:
        self.clear()
        rows = analysis.measured("layers")
        if not rows:
            self.summary.setText(translate("ResearchView", "No epoch was measured."))
            return
        epochs = np.array([r["epoch"] for r in rows], dtype=float)
        n = len(rows[0]["layers"])
        for plot in (self.grad_plot, self.ratio_plot):
            legend = plot.getPlotItem().legend
            if legend is not None:
                legend.setColumnCount(2 if n > 4 else 1)
        layer_text = translate("ResearchView", "layer {number}")
        for l in range(n):
            color = RUN_COLORS[l % len(RUN_COLORS)]
            grads = np.array([r["layers"][l]["grad_norm"] for r in rows], dtype=float)
            ratios = np.array([r["layers"][l]["update_ratio"] for r in rows], dtype=float)
            keep_g = np.isfinite(grads) & (grads > 0)
            keep_r = np.isfinite(ratios) & (ratios > 0)
            self.grad_curves.append(self.grad_plot.getPlotItem().plot(
                epochs[keep_g], grads[keep_g], pen=pg.mkPen(color, width=2), name=layer_text.format(number=l + 1)))
            self.ratio_curves.append(self.ratio_plot.getPlotItem().plot(
                epochs[keep_r], ratios[keep_r], pen=pg.mkPen(color, width=2), name=layer_text.format(number=l + 1)))
        last = rows[-1]["layers"]
        first_g, last_g = last[0]["grad_norm"], last[-1]["grad_norm"]
        text = translate("ResearchView", "After epoch {epoch}: ‖dW<sup>[1]</sup>‖ = {first}, "
                         "‖dW<sup>[{layers}]</sup>‖ = {last}").format(epoch=rows[-1]["epoch"], first=_g(first_g),
                                                                      layers=n, last=_g(last_g))
        if first_g > 0 and last_g > 0 and math.isfinite(first_g / last_g):
            factor = last_g / first_g
            if factor > 100:
                text += translate("ResearchView", ": the first layer's gradient is {factor} times smaller than the "
                                  "last's (vanishing).").format(factor=f"{factor:.3g}")
            elif factor < 0.01:
                text += translate("ResearchView", ": the first layer's gradient is {factor} times larger than the "
                                  "last's (exploding).").format(factor=f"{1 / factor:.3g}")
            else:
                text += translate("ResearchView", ": the gradient reaches the first layer.")
        ratios = [x["update_ratio"] for x in last if math.isfinite(x["update_ratio"])]
        if ratios:
            text += translate("ResearchView", " Update/weight ratios: {ratios}.").format(
                ratios=", ".join(_g(r, 2) for r in ratios))
        self.summary.setText(text)


class OnlinePanel(QWidget):
    """Reddi et al.'s online problem: x_t and the average regret against t for each optimizer."""

    runRequested = Signal()
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from optstudio.gui.views.research_data import (DEFAULT_ONLINE_RUNS, ONLINE_C, ONLINE_START,  # noqa: PLC0415
                                                       ONLINE_STEPS)
        self.default_runs = list(DEFAULT_ONLINE_RUNS)
        self.runs = list(self.default_runs)
        self.start = ONLINE_START
        self.from_lab = False
        self.results: list = []
        self.text = explain_label(translate(
            "ResearchView",
            "<b>Adam vs AMSGrad on an online problem</b> (Reddi et al., 2018), no network: one number x in [−1, 1] "
            "with the cost f<sub>t</sub>(x) = C·x at t = 1, 4, 7, … and −x otherwise; the best point is x = −1 "
            "(dashed line). Adam with a small β<sub>2</sub> divides the rare large gradient C by a large √s and the "
            "two −1 by a small one, so it walks to the worst point x = +1; AMSGrad divides by the largest s so far "
            "and converges. Right: the average regret goes to 0 only for an optimizer that converges."))
        self.x_plot = make_plot(translate("ResearchView", "The point x after each step"),
                                translate("ResearchView", "step t (log scale)"), "x")
        self.x_plot.setToolTip(translate("ResearchView",
                                         "x after step t, clipped back into [−1, 1] after every update (colours "
                                         "as in the legend on the right). Dashed: the best point x = −1; "
                                         "x = +1 is the worst."))
        self.regret_plot = make_plot(translate("ResearchView", "Average regret"),
                                     translate("ResearchView", "step t (log scale)"), "R<sub>t</sub> / t")
        self.regret_plot.setToolTip(translate("ResearchView",
                                              "R_t/t = (1/t)·(Σ f_i(x_i) − min over x of Σ f_i(x)). Grey dotted: "
                                              "2(C − 2)/3, the average regret of staying at the worst point x = +1."))
        for plot in (self.x_plot, self.regret_plot):
            item = plot.getPlotItem()
            item.setLogMode(x=True, y=False)
            # every point drawn: pyqtgraph's clip-to-view re-ranged a log-x plot for ever, and its
            # downsampling (even in t) turned the first steps into stairs on the log axis
        # one legend (the same colours in both plots), where the regret curves have fallen
        self.regret_plot.getPlotItem().addLegend(offset=(-8, 8), labelTextSize="9pt",
                                                 brush=pg.mkBrush(255, 255, 255, 210))
        self.x_plot.getPlotItem().setYRange(-1.08, 1.08, padding=0)
        self.best_line = pg.InfiniteLine(pos=-1.0, angle=0, pen=pg.mkPen("#222", width=2,
                                                                         style=Qt.PenStyle.DashLine),
                                         label=translate("ResearchView", "best x = −1"),
                                         labelOpts={"position": 0.3, "color": "#222", "anchors": [(0, 1), (0, 1)]})
        self.x_plot.getPlotItem().addItem(self.best_line)
        self.worst_line = pg.InfiniteLine(pos=2.0 * (ONLINE_C - 2.0) / 3.0, angle=0,
                                          pen=pg.mkPen("#777", width=1.5, style=Qt.PenStyle.DotLine),
                                          label=translate("ResearchView", "x = +1 for ever"),
                                          labelOpts={"position": 0.5, "color": "#555", "anchors": [(0, 1), (0, 1)]})
        self.regret_plot.getPlotItem().addItem(self.worst_line)
        _plain_axes(self.x_plot, self.regret_plot)
        self.x_curves: list = []
        self.regret_curves: list = []
        self.c_box = QDoubleSpinBox()
        self.c_box.setDecimals(2)
        self.c_box.setRange(0.0, 1000.0)
        self.c_box.setSingleStep(0.5)
        self.c_box.setValue(ONLINE_C)
        self.c_box.setToolTip(translate("ResearchView",
                                        "The large gradient C of every third step; it must be > 2 (then the sum "
                                        "C − 2 of three steps is positive and x = −1 is the best point). Reddi et "
                                        "al.'s β2 = 1/(1 + C²): 0.1 for C = 3."))
        self.steps_box = QSpinBox()
        self.steps_box.setRange(0, MAX_ONLINE_STEPS)
        self.steps_box.setSingleStep(1000)
        self.steps_box.setValue(ONLINE_STEPS)
        self.steps_box.setToolTip(translate("ResearchView", "How many steps t each optimizer takes (α_t = α/√t with "
                                            "the schedule inverse-sqrt)"))
        self.run_button = QPushButton(translate("ResearchView", "Run"))
        self.run_button.setToolTip(translate("ResearchView", "Run every optimizer of the list on the online problem "
                                             "with this C (in the background)"))
        self.run_button.clicked.connect(self.runRequested)
        self.stop_button = QPushButton(translate("ResearchView", "Stop"))
        self.stop_button.setToolTip(translate("ResearchView", "Stop the online runs"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stopRequested)
        self.message = QLabel("")
        self.message.setObjectName("online_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {_RED}")
        self.export = _export_button(self, [(QT_TRANSLATE_NOOP("ResearchView", "Online x"), self.x_plot),
                                            (QT_TRANSLATE_NOOP("ResearchView", "Online regret"), self.regret_plot)])
        for box in (self.c_box, self.steps_box):
            box.valueChanged.connect(self._check_fields)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("C"))
        controls.addWidget(self.c_box)
        controls.addWidget(QLabel(translate("ResearchView", "steps")))
        controls.addWidget(self.steps_box)
        controls.addWidget(self.run_button)
        controls.addWidget(self.stop_button)
        controls.addWidget(self.message, 1)
        controls.addWidget(self.export)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.x_plot)
        split.addWidget(self.regret_plot)
        split.setChildrenCollapsible(False)
        self.summary = explain_label("")
        for label in (self.text, self.summary):
            # the layout gives them their height for the width they get; their (unwrapped) size hint
            # would ask a 720-pixel-high window for more height than it has
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        layout.addWidget(split, 1)
        layout.addLayout(controls)
        layout.addWidget(self.summary)

    # ------------------------------------------------------------------ settings
    def settings(self) -> tuple[float, int]:
        return float(self.c_box.value()), int(self.steps_box.value())

    def problem(self) -> str:
        """The first mistake in the fields, one line ("" when they are fine)."""
        C, steps = self.settings()
        if not C > 2:
            return translate("ResearchView", "C must be larger than 2 (then x = −1 is the best point); it is "
                             "{value}.").format(value=f"{C:g}")
        if steps < 1:
            return translate("ResearchView", "Take at least 1 step.")
        return ""

    @Slot()
    def _check_fields(self) -> None:
        self.message.setText(self.problem())
        self.run_button.setEnabled(not self.problem() and not self.stop_button.isEnabled())

    def set_lab_settings(self, view) -> None:
        """The settings of a lab's ``online`` view (a :class:`~optstudio.labs.views.LabView`); None:
        the defaults (lab 10's)."""
        from optstudio.gui.views.research_data import ONLINE_C, ONLINE_START, ONLINE_STEPS  # noqa: PLC0415
        self.from_lab = view is not None
        self.runs = list(view.runs) if view is not None and view.runs else list(self.default_runs)
        self.start = float(view.start) if view is not None and view.start is not None else ONLINE_START
        self.c_box.setValue(float(view.C) if view is not None else ONLINE_C)
        self.steps_box.setValue(int(view.steps) if view is not None else ONLINE_STEPS)
        self.clear()

    def set_running(self, running: bool) -> None:
        self.stop_button.setEnabled(running)
        self._check_fields()

    # ------------------------------------------------------------------ results
    def clear(self) -> None:
        _remove_curves((self.x_plot, self.x_curves), (self.regret_plot, self.regret_curves))
        self.results = []
        self.summary.setText("")

    def show_results(self, results, C: float) -> None:
        self.clear()
        self.results = list(results)
        self.worst_line.setValue(2.0 * (C - 2.0) / 3.0)
        parts = []
        for i, result in enumerate(self.results):
            color = RUN_COLORS[i % len(RUN_COLORS)]
            pen = pg.mkPen(color, width=2.2 if i == 0 else 2)
            n = len(result.average_regret)
            t = np.arange(1, result.steps_done + 1, dtype=float)
            self.x_curves.append(self.x_plot.getPlotItem().plot(t, result.x[1:], pen=pen, name=result.label))
            self.regret_curves.append(self.regret_plot.getPlotItem().plot(
                np.arange(1, n + 1, dtype=float), result.average_regret, pen=pen, name=result.label))
            if result.status == "finished":
                parts.append(translate("ResearchView", "{label}: x = <b>{x}</b>, average regret <b>{regret}</b>")
                             .format(label=html_escape(result.label), x=_g(result.final_x),
                                     regret=_g(result.final_average_regret)))
            else:
                status = translate("ResearchView", _STATUS_TEXTS.get(result.status, result.status))
                parts.append(f"<span style='color:{_RED}'>" + translate(
                    "ResearchView", "{label}: {status} after {steps} steps: {message}").format(
                    label=html_escape(result.label), status=status, steps=result.steps_done,
                    message=html_escape(result.message)) + "</span>")
        finite = [float(np.max(r.average_regret)) for r in self.results
                  if len(r.average_regret) and np.all(np.isfinite(r.average_regret))]
        if finite:
            top = max(max(finite), 2.0 * (C - 2.0) / 3.0)
            self.regret_plot.getPlotItem().setYRange(min(0.0, min(float(np.min(r.average_regret)) for r in self.results
                                                              if len(r.average_regret))), top * 1.05, padding=0.02)
        steps = max((r.steps_done for r in self.results), default=0)
        for plot in (self.x_plot, self.regret_plot):
            plot.getPlotItem().setXRange(0.0, math.log10(max(steps, 2)), padding=0.03)
        text = translate("ResearchView", "After {steps} steps with C = {C} (from x = {start}): {results}.").format(
            steps=steps, C=f"{C:g}", start=f"{self.start:g}", results="; ".join(parts))
        verdicts = [r for r in self.results if r.status == "finished"]
        if any(r.final_x > 0.9 for r in verdicts):
            text += translate("ResearchView", " At x = +1 the regret grows by 2(C − 2)/3 = {worst} per step on "
                              "average: the average regret stays there.").format(
                worst=_g(2.0 * (C - 2.0) / 3.0))
        self.summary.setText(text)


# ------------------------------------------------------------------------------ the view
class ResearchView(QWidget):
    """The five panels, a “Train and measure” bar; the range test and the online problem have their
    own buttons."""

    analysisFinished = Signal(bool)          # True: results shown; False: failed or stopped
    rangeTestFinished = Signal(bool)
    onlineFinished = Signal(bool)
    useLearningRate = Signal(float)

    def __init__(self, manager=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.experiment_source = None        # () -> Experiment (raises ValueError with a message)
        self._experiment = None
        self.analysis = None
        self.every_override: int | None = None
        self.runner = _Runner("research_measure", self)
        self.runner.finished.connect(self._on_analysis)
        self.runner.progress.connect(self._on_progress)
        self.range_runner = _Runner("research_range_test", self)
        self.range_runner.finished.connect(self._on_range_test)
        self.online_runner = _Runner("research_online", self)
        self.online_runner.finished.connect(self._on_online)
        self.online_runner.progress.connect(self._on_online_progress)
        self._online_again = False

        self.sharpness = SharpnessPanel()
        self.landscape = LandscapePanel()
        self.range_test = RangeTestPanel()
        self.layers = LayersPanel()
        self.online = OnlinePanel()
        self.online.runRequested.connect(self.start_online)
        self.online.stopRequested.connect(self.stop_online)
        self.range_test.runRequested.connect(self.start_range_test)
        self.range_test.useLearningRate.connect(self.useLearningRate)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        tips = {"sharpness": translate("ResearchView", "How sharply the cost curves, against the stability limit "
                                       "2/α (edge of stability)"),
                "landscape": translate("ResearchView", "The cost between the initial and the final weights, and on a "
                                       "plane around them"),
                "lr_range": translate("ResearchView", "Find a good learning rate in a few hundred updates"),
                "layers": translate("ResearchView", "Vanishing and exploding gradients: gradient and update size per "
                                    "layer"),
                "online": translate("ResearchView", "Reddi et al.'s online problem, no network: Adam walks to the "
                                    "worst point, AMSGrad converges")}
        for (key, text), panel in zip(PANELS, (self.sharpness, self.landscape, self.range_test, self.layers,
                                               self.online)):
            index = self.tabs.addTab(panel, translate("ResearchView", text))
            self.tabs.setTabToolTip(index, tips[key])

        self.measure_button = QPushButton(translate("ResearchView", "Train and measure"))
        self.measure_button.setToolTip(translate("ResearchView",
                                                 "Train the experiment set up on the left again, from the same seed "
                                                 "(the same run as Start gives), in the background, measuring the "
                                                 "sharpness, the layers and the landscape on copies of the weights"))
        self.measure_button.clicked.connect(self.start_analysis)
        self.stop_button = QPushButton(translate("ResearchView", "Stop"))
        self.stop_button.setToolTip(translate("ResearchView", "Stop measuring"))
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        self.every_box = QSpinBox()
        self.every_box.setRange(0, 1_000_000)
        self.every_box.setSpecialValueText(translate("ResearchView", "auto"))
        self.every_box.setToolTip(translate("ResearchView",
                                            "Measure every N epochs (and the last); auto: about 100 measured epochs. "
                                            "Each sharpness measurement costs up to 100 Hessian-vector products."))
        self.directions = self.landscape.directions      # (the plane's settings live on its panel)
        self.resolution = self.landscape.resolution
        self.run_combo = QComboBox()
        self.run_combo.addItem(translate("ResearchView", "the settings on the left"), None)
        self.run_combo.setToolTip(translate("ResearchView",
                                            "What to train and measure: the experiment set up on the left, or one of "
                                            "the runs of the lab you opened"))
        self.run_combo.setMinimumContentsLength(18)
        self.run_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.run_label = QLabel(translate("ResearchView", "run:"))
        self.run_label.hide()
        self.run_combo.hide()
        self.lab = None
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.status = explain_label(translate("ResearchView",
                                              "Press <b>Train and measure</b> to train the experiment on the left "
                                              "and measure it; the range test has its own button."))
        bar = QHBoxLayout()
        bar.addWidget(self.measure_button)
        bar.addWidget(self.stop_button)
        bar.addSpacing(8)
        bar.addWidget(self.run_label)
        bar.addWidget(self.run_combo)
        bar.addWidget(QLabel(translate("ResearchView", "every")))
        bar.addWidget(self.every_box)
        bar.addWidget(QLabel(translate("ResearchView", "epochs")))
        bar.addWidget(self.progress_bar)
        bar.addStretch(1)
        self.measure_bar = QWidget()             # what "Train and measure" needs: not the online problem's
        self.measure_bar.setObjectName("measure_bar")
        bar.setContentsMargins(0, 0, 0, 0)
        self.measure_bar.setLayout(bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.measure_bar)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._show_measure_bar)

    def _show_measure_bar(self, *_args) -> None:
        """The online problem trains no network: the bar of "Train and measure" is hidden there,
        unless a measurement is running (its Stop stays at hand)."""
        self.measure_bar.setVisible(self.current_panel() != "online" or self.runner.busy())

    # ------------------------------------------------------------------ API
    def set_experiment(self, experiment) -> None:
        """Measure this experiment (instead of asking :attr:`experiment_source`)."""
        self._experiment = experiment.copy()

    def set_lab(self, lab, view=None) -> None:
        """A lab was opened: its runs can be chosen (``view``: its checked ``"view"`` section, a
        :class:`~optstudio.labs.views.LabView`; its panel is shown and its settings used)."""
        self.lab = lab.copy() if lab is not None and lab.runs else None
        self.run_combo.blockSignals(True)
        self.run_combo.clear()
        self.run_combo.addItem(translate("ResearchView", "the settings on the left"), None)
        if self.lab is not None:
            for i in range(len(self.lab.runs)):
                self.run_combo.addItem(translate("ResearchView", "lab: {run}").format(run=self.lab.run_label(i)), i)
        self.run_combo.blockSignals(False)
        self.run_combo.setVisible(self.lab is not None)
        self.run_label.setVisible(self.lab is not None)
        self.every_override = None
        # the last lab's numbers would be mistaken for this one's
        if not (self.runner.busy() or self.range_runner.busy()):
            self.analysis = None
            for panel in (self.sharpness, self.landscape, self.range_test, self.layers):
                panel.clear()
            self.status.setText(translate("ResearchView",
                                          "Press <b>Train and measure</b> to train the run chosen here and measure "
                                          "it; the range test has its own button."))
        if view is not None:
            if view.name in ("sharpness", "layers"):
                from optstudio.gui.views.research_data import auto_every  # noqa: PLC0415
                # the lab's "every" is for its printed table; the plot gets at least about 100 points
                self.every_box.setValue(min(view.every, auto_every(lab.training.epochs)))
                if self.lab is not None:     # the edge of stability shows at the last (largest) α
                    self.run_combo.setCurrentIndex(len(self.lab.runs) if view.name == "sharpness" else 1)
            elif view.name == "lr_range":
                self.range_test.set_settings(view.start, view.stop, view.steps)
                if self.lab is not None:
                    self.run_combo.setCurrentIndex(1)
            if view.name in ("sharpness", "layers", "lr_range"):
                self.show_panel(view.name)
        if view is not None and view.name == "online":
            self.online.set_lab_settings(view)
            self.status.setText(translate("ResearchView",
                                          "This lab trains no network: the panel <b>Online problem</b> runs its "
                                          "optimizers on Reddi et al.'s problem (<b>Run</b> there runs them again)."))
            self.show_panel("online")
            self._restart_online()
        elif self.online.from_lab:             # the last lab's runs are not this one's
            if self.online_runner.busy():
                self.online_runner.stop()
                self._online_again = False
            self.online.set_lab_settings(None)

    def experiment(self):
        index = self.run_combo.currentData()
        if index is not None and self.lab is not None:
            return self.lab.variant(self.lab.runs[int(index)])
        if self.experiment_source is not None:
            return self.experiment_source()
        if self._experiment is None:
            from optstudio.core.experiment import Experiment  # noqa: PLC0415
            return Experiment()
        return self._experiment.copy()

    def show_panel(self, key: str) -> None:
        self.tabs.setCurrentIndex([k for k, _ in PANELS].index(key))

    def current_panel(self) -> str:
        return PANELS[self.tabs.currentIndex()][0]

    def is_running(self) -> bool:
        return self.runner.busy() or self.range_runner.busy() or self.online_runner.busy()

    def _experiment_or_message(self):
        try:
            return self.experiment()
        except ValueError as exc:
            self.status.setText(f"<span style='color:{_RED}'>{html_escape(exc)}</span>")
            return None

    @Slot()
    def start_analysis(self) -> bool:
        if self.runner.busy():
            return False
        exp = self._experiment_or_message()
        if exp is None:
            return False
        from optstudio.gui.views.research_data import analyse  # noqa: PLC0415
        every = self.every_override or (self.every_box.value() or None)
        kind = str(self.directions.currentData())
        resolution = int(self.resolution.value())
        manager = self.manager

        def work(progress, cancelled):
            return analyse(exp, manager, every=every, directions=kind, resolution=resolution, progress=progress,
                           cancelled=cancelled)

        self.progress_bar.setRange(0, max(exp.training.epochs, 1))
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.measure_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(translate("ResearchView", "Training {optimizer} for {epochs} epochs and measuring…").format(
            optimizer=html_escape(exp.optimizer.name), epochs=exp.training.epochs))
        return self.runner.start(work, with_progress=True)

    @Slot()
    def stop(self) -> None:
        self.runner.stop()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    @Slot(bool, object)
    def _on_analysis(self, ok: bool, result) -> None:
        self.measure_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.progress_bar.hide()
        if not ok:
            self.status.setText(f"<span style='color:{_RED}'>{html_escape(result)}</span>")
            self.analysisFinished.emit(False)
            return
        self.analysis = result
        for panel in (self.sharpness, self.landscape, self.layers):
            panel.show_analysis(result)
        label = result.label if self.run_combo.currentData() is None else self.run_combo.currentText()
        status = translate("ResearchView", _STATUS_TEXTS[result.status]) if result.status in _STATUS_TEXTS \
            else result.status
        text = translate("ResearchView", "{run}: {epochs} epochs, {status}, measured in {seconds} s.").format(
            run=html_escape(label), epochs=len(result.rows), status=status, seconds=f"{result.seconds:.1f}")
        if result.status == "failed":
            text += f" <span style='color:{_RED}'>" + translate("ResearchView", "The run failed: {message}").format(
                message=html_escape(result.message)) + "</span>"
        self.status.setText(text)
        self.analysisFinished.emit(True)

    @Slot()
    def start_range_test(self) -> bool:
        if self.range_runner.busy():
            return False
        exp = self._experiment_or_message()
        if exp is None:
            return False
        start, stop, steps = self.range_test.settings()
        if not stop > start:
            self.range_test.summary.setText(f"<span style='color:{_RED}'>" + translate(
                "ResearchView", "The last α ({stop}) must be larger than the first ({start}).").format(
                stop=f"{stop:g}", start=f"{start:g}") + "</span>")
            return False
        from optstudio.gui.views.research_data import range_test_of  # noqa: PLC0415
        manager = self.manager
        self.range_test.run_button.setEnabled(False)
        self.range_test.summary.setText(translate("ResearchView", "Running the range test…"))
        return self.range_runner.start(lambda: range_test_of(exp, manager, start, stop, steps))

    @Slot(bool, object)
    def _on_range_test(self, ok: bool, result) -> None:
        self.range_test.run_button.setEnabled(True)
        if ok:
            self.range_test.show_result(result)
        else:
            self.range_test.clear()
            self.range_test.summary.setText(f"<span style='color:{_RED}'>{html_escape(result)}</span>")
        self.rangeTestFinished.emit(ok)

    # ------------------------------------------------------------------ online problem
    def _restart_online(self) -> None:
        """Run the online panel with its (new) settings, after the run in progress has stopped."""
        if self.online_runner.busy():
            self._online_again = True
            self.online_runner.stop()
        else:
            self.start_online()

    @Slot()
    def start_online(self) -> bool:
        """Run the online panel's optimizers with its C and number of steps (worker thread)."""
        if self.online_runner.busy():
            return False
        problem = self.online.problem()
        if problem:
            self.online.message.setText(problem)
            return False
        from optstudio.gui.views.research_data import online_runs  # noqa: PLC0415
        C, steps = self.online.settings()
        runs, start, manager = list(self.online.runs), self.online.start, self.manager

        def work(progress, cancelled):
            return C, online_runs(runs, manager, C=C, steps=steps, start=start, progress=progress,
                                  cancelled=cancelled)

        self.online.message.setText("")
        self.online.summary.setText(translate("ResearchView", "Running {runs} optimizers for {steps} steps…").format(
            runs=len(runs), steps=steps))
        started = self.online_runner.start(work, with_progress=True)
        self.online.set_running(started)
        return started

    @Slot()
    def stop_online(self) -> None:
        self._online_again = False
        self.online_runner.stop()

    @Slot(int, int)
    def _on_online_progress(self, done: int, total: int) -> None:
        self.online.summary.setText(translate("ResearchView", "Running… {percent} of the steps done.").format(
            percent=f"{done / max(total, 1):.0%}"))

    @Slot(bool, object)
    def _on_online(self, ok: bool, result) -> None:
        self.online.set_running(False)
        if self._online_again:
            self._online_again = False
            self.start_online()
            return
        if ok:
            C, results = result
            self.online.show_results(results, C)
        else:
            self.online.clear()
            self.online.summary.setText(f"<span style='color:{_RED}'>{html_escape(result)}</span>")
        self.onlineFinished.emit(ok)

    def shutdown(self) -> None:
        self._online_again = False
        self.runner.shutdown()
        self.range_runner.shutdown()
        self.online_runner.shutdown()
