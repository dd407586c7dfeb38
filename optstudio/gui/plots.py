"""The plots (pyqtgraph): decision boundary / PCA view, curves per epoch, confusion matrix.

Every view is updated from the GUI thread only, with ``setData`` / ``setImage`` on items that
are created once.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QGraphicsItem, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from optstudio.gui.formatting import format_number
from optstudio.gui.i18n import translate
from optstudio.gui.snapshot import class_rgb, light_rgb

__all__ = [
    "class_color", "class_colors_html", "PROBABILITY_CMAP", "BoundaryView", "CurvePlot",
    "ConfusionView", "ScatterPreview", "GrowingArray", "configure_pyqtgraph",
]

_CONFIGURED = False


def configure_pyqtgraph() -> None:
    """White background, anti-aliasing, row-major images (values[i, j] at (xs[j], ys[i]))."""
    global _CONFIGURED
    if not _CONFIGURED:
        pg.setConfigOptions(imageAxisOrder="row-major", antialias=True, background="w", foreground="#333")
        _CONFIGURED = True


def class_color(i: int) -> QColor:
    return QColor(*class_rgb(i))


def class_colors_html(names: list[str], *, test: bool = False, extra: str = "") -> str:
    parts = []
    shown = names[:12]
    for i, name in enumerate(shown):
        parts.append(f"<span style='color:{class_color(i).name()}; font-size:14px'>●</span>&nbsp;{_esc(name)}")
    if len(names) > len(shown):
        parts.append(translate("Plots", "… {count} more").format(count=len(names) - len(shown)))
    if test:
        parts.append(translate("Plots", "<span style='font-size:14px'>○</span>&nbsp;test point"))
    if extra:
        parts.append(extra)
    return "&nbsp;&nbsp; ".join(parts)


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PROBABILITY_CMAP = pg.ColorMap(
    pos=[0.0, 0.5, 1.0],
    color=[light_rgb(class_rgb(0), 0.45), (248, 248, 248), light_rgb(class_rgb(1), 0.45)],
)


class GrowingArray:
    """An append-only float array with amortised O(1) appends and a view of the filled part."""

    def __init__(self, capacity: int = 1024):
        self._data = np.empty(capacity)
        self._n = 0

    def extend(self, values) -> None:
        values = np.asarray(values, dtype=float).ravel()
        need = self._n + values.size
        if need > self._data.size:
            new = np.empty(max(need, 2 * self._data.size))
            new[:self._n] = self._data[:self._n]
            self._data = new
        self._data[self._n:need] = values
        self._n = need

    def clear(self) -> None:
        self._n = 0

    def view(self) -> np.ndarray:
        return self._data[:self._n]

    def __len__(self) -> int:
        return self._n


class FastAxisItem(pg.AxisItem):
    """An axis that paints its ticks directly instead of recording and replaying a QPicture.

    Replaying pyqtgraph's QPicture resolves the tick font again on every paint (~5 ms per axis
    here); the axes are cached as pixmaps (:func:`cache_item`), so this paint only runs when the
    axis really changes.
    """

    paints = 0   # how often an axis was drawn (diagnostics)

    def setRange(self, mn: float, mx: float) -> None:  # noqa: N802 - pyqtgraph API
        if getattr(self, "range", None) == [mn, mx]:
            return          # e.g. the other axis of the view changed: keep the cached pixmap
        super().setRange(mn, mx)

    def paint(self, p, opt, widget):  # noqa: D401 - Qt API
        FastAxisItem.paints += 1
        if self.style["tickFont"]:
            p.setFont(self.style["tickFont"])
        specs = self.generateDrawSpecs(p)
        if specs is not None:
            self.drawPicture(p, *specs)


def _plot_widget(title: str = "") -> pg.PlotWidget:
    configure_pyqtgraph()
    widget = pg.PlotWidget(axisItems={name: FastAxisItem(name) for name in ("left", "bottom")})
    item = widget.getPlotItem()
    if title:
        item.setTitle(title, size="11pt")
    item.showGrid(x=True, y=True, alpha=0.25)
    for name in ("left", "bottom"):
        item.getAxis(name).enableAutoSIPrefix(False)   # "cost J (x0.001)" confuses students
    for name in ("left", "bottom"):
        cache_item(item.getAxis(name))
    # a fixed width for the tick labels: longer labels must not re-layout the whole plot (and
    # re-render every axis) while the range changes during training
    left = item.getAxis("left")
    left.setStyle(autoExpandTextSpace=False, autoReduceTextSpace=False)
    left.setWidth(56)
    cache_item(item.titleLabel)
    widget.setMenuEnabled(True)
    widget.setMinimumSize(220, 160)
    return widget


def cache_item(item) -> None:
    """Keep a pixmap of an item that rarely changes (axes, titles, legends, colour bars).

    pyqtgraph replays an axis's tick labels from a QPicture on every paint; resolving the fonts
    again costs ~5 ms per axis and frame. With a device-coordinate cache Qt blits a pixmap until
    the item itself changes (new range → new ticks → ``update()`` → re-rendered once).
    """
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


def _scatter(color: QColor, *, hollow: bool = False, symbol: str = "o", size: float = 7) -> pg.ScatterPlotItem:
    if hollow:
        pen = pg.mkPen(color, width=1.6)
        brush = pg.mkBrush(255, 255, 255, 200)
    else:
        pen = pg.mkPen(QColor(color).darker(170), width=0.8)
        brush = pg.mkBrush(color)
    return pg.ScatterPlotItem(size=size, pen=pen, brush=brush, symbol=symbol, pxMode=True)


# =============================================================================================
class ScatterPreview(QWidget):
    """The data set at a glance: training points by class (test points hollow)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = _plot_widget()
        self.plot.setMinimumSize(200, 150)
        self.plot.setFixedHeight(200)
        self.plot.getPlotItem().hideButtons()
        self.plot.setMouseEnabled(False, False)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot)
        layout.addWidget(self.legend)
        self._items: list = []

    def clear(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self._items = []
        self.legend.setText("")

    def show_points(self, train_xy: np.ndarray, y_train: np.ndarray, test_xy: np.ndarray, y_test: np.ndarray,
                    class_names: list[str], axis_names: tuple[str, str]) -> None:
        self.clear()
        k = len(class_names)
        size = 6 if train_xy.shape[1] < 600 else 4
        for c in range(k):
            mask = y_train == c
            if mask.any():
                item = _scatter(class_color(c), size=size)
                item.setData(train_xy[0, mask], train_xy[1, mask])
                self.plot.addItem(item)
                self._items.append(item)
            mask_t = y_test == c
            if mask_t.any():
                item = _scatter(class_color(c), hollow=True, size=size)
                item.setData(test_xy[0, mask_t], test_xy[1, mask_t])
                self.plot.addItem(item)
                self._items.append(item)
        self.plot.setLabel("bottom", axis_names[0])
        self.plot.setLabel("left", axis_names[1])
        self.plot.autoRange()
        self.legend.setText(class_colors_html(class_names, test=bool(y_test.size)))


# =============================================================================================
class BoundaryView(QWidget):
    """Decision boundary for 2-D data; PCA projection coloured by prediction for more features.

    * grid mode: an ImageItem heatmap of P(class 1) (one output unit) or of the predicted class
      (several), the training points filled and the test points hollow, a colour bar. The axes
      keep the data's aspect ratio (a circle looks round) and fit each new data set; the heatmap
      is computed for the area shown (``boundsChanged(tuple)`` tells the worker), so it fills the
      axes, also after a zoom.
    * projection mode: the training points projected on the first two principal components,
      coloured by the predicted class; misclassified points drawn as ✕.
    """

    boundsChanged = Signal(tuple)     # (x0, x1, y0, y1) shown, after the range settled

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = _plot_widget(translate("Plots", "Decision boundary"))
        self.plot.getPlotItem().showGrid(x=False, y=False)
        item = self.plot.getPlotItem()
        self.vb = item.getViewBox()
        self.vb.disableAutoRange()
        item.autoBtn.clicked.connect(self.fit)          # "A": back to the whole data set
        self.vb.sigRangeChanged.connect(self._on_range)
        self._bounds_timer = QTimer(self)
        self._bounds_timer.setSingleShot(True)
        self._bounds_timer.setInterval(120)
        self._bounds_timer.timeout.connect(self._emit_bounds)
        self._sent_bounds: tuple | None = None
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        item.addItem(self.image)
        # the image arrives coloured (RGBA, made in the training thread): the bar is only a legend
        self.colorbar = pg.ColorBarItem(values=(0.0, 1.0), colorMap=PROBABILITY_CMAP,
                                        label=translate("Plots", "P(class 1)"),
                                        interactive=False, width=16, pen="#999")
        item.layout.addItem(self.colorbar, 2, 5)
        item.layout.setColumnFixedWidth(4, 5)
        cache_item(self.colorbar)
        self.show_test = QCheckBox(translate("Plots", "show test points"))
        self.show_test.setChecked(True)
        self.show_test.setToolTip(translate("Plots", "Draw the test points (hollow circles): they are not used for "
                                                     "training, so they show how well the boundary generalises."))
        self.show_test.toggled.connect(self._on_show_test)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(4, 0, 4, 0)
        top.addWidget(self.caption, 1)
        top.addWidget(self.show_test)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addLayout(top)
        self.mode = "grid"
        self.output_kind = "probability"
        self._train_items: list = []
        self._test_items: list = []
        self._pred_items: dict = {}
        self._masks: dict = {}
        self._stale: list = []
        self._pred = None
        self._data = None
        self._image_rect = None
        self.has_image = False

    # ------------------------------------------------------------------ data
    def set_data(self, data, output_kind: str = "probability") -> None:
        """New data set (a LoadedData): redraw the points, forget the prediction."""
        item = self.plot.getPlotItem()
        for it in self._train_items + self._test_items + list(self._pred_items.values()):
            item.removeItem(it)
        self._train_items, self._test_items, self._pred_items = [], [], {}
        self._masks: dict = {}
        self._stale: list = []
        self._data = data
        self.output_kind = output_kind
        self.image.clear()
        self.image.setVisible(False)
        self._sent_bounds = None
        self._image_rect = None
        self.has_image = False
        if data is None or data.dataset is None:
            self.caption.setText("")
            return
        ds = data.dataset
        k = ds.n_classes
        self.mode = "grid" if data.pca is None else "projection"
        y_train, y_test = data.y_train_drawn, data.y_test_drawn
        size = 7 if len(y_train) <= 600 else 5 if len(y_train) <= 3000 else 3
        if self.mode == "grid":
            item.setTitle(translate("Plots", "Decision boundary"), size="11pt")
            names = ds.feature_names[:2] if len(ds.feature_names) >= 2 else ["x1", "x2"]
            item.setLabel("bottom", names[0])
            item.setLabel("left", names[1])
            for c in range(k):
                mask = y_train == c
                if mask.any():
                    sc = _scatter(class_color(c), size=size)
                    sc.setData(data.train_xy[0, mask], data.train_xy[1, mask])
                    item.addItem(sc)
                    self._train_items.append(sc)
                mask_t = y_test == c
                if mask_t.any():
                    sc = _scatter(class_color(c), hollow=True, size=size)
                    sc.setData(data.test_xy[0, mask_t], data.test_xy[1, mask_t])
                    sc.setVisible(self.show_test.isChecked())
                    item.addItem(sc)
                    self._test_items.append(sc)
            self.colorbar.setVisible(output_kind == "probability")
            self.show_test.setVisible(ds.m_test > 0)
            if output_kind == "probability":
                extra = translate("Plots", "background: P(class 1) from the network (colour bar)")
            else:
                extra = translate("Plots", "background: the class the network predicts")
            self.caption.setText(class_colors_html(ds.class_names, test=ds.m_test > 0, extra=extra))
        else:
            ev = data.pca.explained
            item.setTitle(translate("Plots", "Training set in 2-D (PCA), coloured by predicted class"), size="11pt")
            item.setLabel("bottom", translate("Plots", "principal component {number} ({percent} % of variance)").format(
                number=1, percent=f"{ev[0] * 100:.0f}"))
            item.setLabel("left", translate("Plots", "principal component {number} ({percent} % of variance)").format(
                number=2, percent=f"{ev[1] * 100:.0f}"))
            self.colorbar.setVisible(False)
            self.show_test.setVisible(False)
            for c in range(k):
                for wrong in (False, True):
                    sc = _scatter(class_color(c), symbol="x" if wrong else "o", size=size + (2 if wrong else 0))
                    item.addItem(sc)
                    self._pred_items[(c, wrong)] = sc
            self._show_projection(None)
            self.caption.setText(
                translate("Plots", "{count} features projected on 2 principal components. Colour: predicted class; "
                                   "✕ = misclassified.").format(count=ds.n_features)
                + "<br>" + class_colors_html(ds.class_names))
        self.fit()

    def data_bounds(self, margin: float = 0.5) -> tuple | None:
        """(x0, x1, y0, y1) around the drawn points (training and test)."""
        data = self._data
        if data is None or data.dataset is None:
            return None
        xy = np.hstack([data.train_xy, data.test_xy]) if data.test_xy is not None else data.train_xy
        if xy.size == 0:
            return None
        return (float(xy[0].min()) - margin, float(xy[0].max()) + margin,
                float(xy[1].min()) - margin, float(xy[1].max()) + margin)

    @Slot()
    def fit(self) -> None:
        """Show the whole data set; 2-D data keeps its aspect ratio (one unit is as long on
        both axes)."""
        bounds = self.data_bounds(0.5 if self.mode == "grid" else 0.0)
        self.vb.setAspectLocked(self.mode == "grid", ratio=1.0)
        if bounds is None:
            return
        x0, x1, y0, y1 = bounds
        self.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0 if self.mode == "grid" else 0.05)

    def grid_bounds(self) -> tuple | None:
        """The area the decision grid should cover: what the axes show (None: not 2-D data, or
        nothing shown yet)."""
        if self.mode != "grid" or self._data is None:
            return None
        (x0, x1), (y0, y1) = self.vb.viewRange()
        if not (x1 > x0 and y1 > y0) or not all(math.isfinite(v) for v in (x0, x1, y0, y1)):
            return None
        return (float(x0), float(x1), float(y0), float(y1))

    @Slot()
    def _on_range(self, *_args) -> None:
        if getattr(self, "mode", None) == "grid":
            self._bounds_timer.start()

    @Slot()
    def _emit_bounds(self) -> None:
        bounds = self.grid_bounds()
        if bounds is not None and bounds != self._sent_bounds:
            self._sent_bounds = bounds
            self.boundsChanged.emit(bounds)

    def image_rect(self) -> QRectF | None:
        return self._image_rect

    #: scatter items (one per class and right/wrong) re-set per frame while training: a whole
    #: refresh of 20 items costs ~20 ms of the GUI thread; a few per frame keep every frame short
    PROJECTION_ITEMS_PER_FRAME = 4

    def _show_projection(self, pred: np.ndarray | None, limit: int | None = None) -> None:
        """Colour the projected points by ``pred``; with ``limit``, re-set at most that many of
        the items whose points changed (the others follow in the next frames, see
        :meth:`_continue_projection`)."""
        data = self._data
        truth = data.y_train_drawn
        if pred is None or pred.shape != truth.shape:
            pred = truth
        self._pred = pred
        self._stale = list(self._pred_items)
        self._continue_projection(limit)

    def _continue_projection(self, limit: int | None = None) -> None:
        data, pred = self._data, self._pred
        xy, truth = data.train_xy, data.y_train_drawn
        wrong_mask = pred != truth
        done = 0
        while self._stale and (limit is None or done < limit):
            key = self._stale.pop(0)
            c, wrong = key
            mask = (pred == c) & (wrong_mask == wrong)
            if np.array_equal(mask, self._masks.get(key)):
                continue                         # unchanged: nothing to draw again
            self._masks[key] = mask
            self._pred_items[key].setData(xy[0, mask], xy[1, mask])
            done += 1

    # ------------------------------------------------------------------ training
    def set_snapshot(self, snap) -> None:
        if self._data is None or self._data.dataset is None:
            return
        if self.mode == "grid" and snap.grid is not None and snap.grid_rgba is not None:
            xs, ys, _values = snap.grid
            self.image.setImage(snap.grid_rgba, autoLevels=False, levels=None)
            rect = QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0])
            if rect != self._image_rect:
                self.image.setRect(rect)
                self._image_rect = rect
            self.image.setVisible(True)
            self.has_image = True
        elif self.mode == "projection" and snap.pred_train is not None:
            final = snap.status != "running"
            self._show_projection(snap.pred_train, None if final else self.PROJECTION_ITEMS_PER_FRAME)
            self.has_image = True
        elif self.mode == "projection" and self._stale:
            self._continue_projection(self.PROJECTION_ITEMS_PER_FRAME)

    @Slot(bool)
    def _on_show_test(self, on: bool) -> None:
        for sc in self._test_items:
            sc.setVisible(on)

    def export_item(self):
        return self.plot.getPlotItem()


# =============================================================================================
class CurvePlot(QWidget):
    """Values per epoch (cost, accuracy, learning rate) with an optional log-scale toggle.

    The x axis spans the planned epochs (the curve grows into the plot) and the y range only
    changes when the data leaves it or fills much less of it: the axes are not redrawn on
    every frame. Zooming or panning by hand switches this off until the "A" button is pressed.
    """

    def __init__(self, title: str, ylabel: str, series: list[tuple[str, str, str, bool]], *,
                 log_toggle: bool = False, log_default: bool = False, scale: float = 1.0,
                 legend_at: str = "top", y_limits: tuple[float | None, float | None] = (None, None),
                 parent: QWidget | None = None):
        """``series``: (record field, legend name, colour, dashed); ``y_limits``: values the data
        can never pass (a cost ≥ 0, an accuracy ≤ 100): the axis does not go far beyond them."""
        super().__init__(parent)
        self.plot = _plot_widget(title)
        item = self.plot.getPlotItem()
        item.setLabel("bottom", translate("Plots", "epoch"))
        item.setLabel("left", ylabel)
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self.vb = item.getViewBox()
        self.vb.disableAutoRange()
        self.vb.sigRangeChangedManually.connect(self._on_manual_range)
        item.autoBtn.clicked.connect(self._on_auto_button)
        self.managed = True
        self.span = 100
        self._x_range = (0.0, 1.0)
        self._y_range = (0.0, 1.0)
        self.legend = item.addLegend(offset=(-10, 10) if legend_at == "top" else (-10, -10), labelTextSize="9pt")
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        cache_item(self.legend)
        self.scale = scale
        self.y_limits = y_limits
        self.log = False
        self.epochs = GrowingArray()
        self.values: dict[str, GrowingArray] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.names: dict[str, str] = {}
        for key, name, color, dashed in series:
            pen = pg.mkPen(color, width=2, style=Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            # at most ~2 points per pixel (peak downsampling keeps the spikes): a long antialiased
            # curve otherwise costs ~18 ms per frame at 3000 epochs
            self.curves[key] = item.plot([], [], pen=pen, name=name, connect="finite", autoDownsample=True,
                                         downsampleMethod="peak", autoDownsampleFactor=1.0)
            self.values[key] = GrowingArray()
            self.names[key] = name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        self.log_box = None
        if log_toggle:
            self.log_box = QCheckBox(translate("Plots", "log scale"))
            self.log_box.setToolTip(translate("Plots", "Logarithmic y axis: a value that keeps falling by the same "
                                                       "factor looks like a straight line, and small late changes "
                                                       "stay visible."))
            self.log_box.toggled.connect(self._on_log)
            row = QHBoxLayout()
            row.setContentsMargins(4, 0, 4, 0)
            row.addStretch(1)
            row.addWidget(self.log_box)
            layout.addLayout(row)
            self.log_box.setChecked(log_default)
        self.enabled: set[str] = set(self.curves)
        self._fit(force=True)

    def set_enabled(self, keys) -> None:
        """Show only these series (e.g. no test curves without a test set)."""
        keys = set(keys) & set(self.curves)
        for key, curve in self.curves.items():
            on = key in keys
            curve.setVisible(on)
            if on and key not in self.enabled:
                self.legend.addItem(curve, self.names[key])
            elif not on and key in self.enabled:
                self.legend.removeItem(curve)
        self.enabled = keys

    def set_span(self, epochs: int) -> None:
        """The planned number of epochs: the width of the x axis."""
        self.span = max(int(epochs), 1)
        self._fit()

    def clear(self) -> None:
        self.epochs.clear()
        for key, arr in self.values.items():
            arr.clear()
            self.curves[key].setData([], [])
        self.managed = True
        self._fit(force=True)

    def append(self, records: list) -> None:
        if not records:
            return
        self.epochs.extend([r.epoch for r in records])
        for key, arr in self.values.items():
            arr.extend([getattr(r, key) * self.scale for r in records])
        x = self.epochs.view()
        for key in self.enabled:
            self.curves[key].setData(x, self.values[key].view(), connect="finite")
        self._fit()

    def point_count(self) -> int:
        return len(self.epochs)

    # ------------------------------------------------------------------ ranges
    def _fit(self, force: bool = False) -> None:
        """Set the ranges only when needed (a changed range re-renders the axis)."""
        if not self.managed:
            return
        n = len(self.epochs)
        x_hi = float(max(self.span, self.epochs.view()[-1] + 1 if n else 1))
        x_range = (-0.02 * x_hi, 1.02 * x_hi)
        if force or x_range != self._x_range:
            self._x_range = x_range
            axis = self.plot.getPlotItem().getAxis("bottom")
            if x_hi <= 12:
                axis.setTickSpacing(1, 1)      # whole epochs only
            else:
                axis.setTickSpacing()          # automatic
            self.vb.setXRange(*x_range, padding=0)
        ys = [self.values[k].view() for k in self.enabled if len(self.values[k])]
        if not ys:
            if force:
                self._y_range = (0.0, 1.0)
                self.vb.setYRange(0, 1, padding=0)
            return
        y = np.concatenate(ys)
        y = y[np.isfinite(y)]
        if self.log:
            y = np.log10(y[y > 0])
        if not y.size:
            return
        lo, hi = float(y.min()), float(y.max())
        span = hi - lo
        if span <= 0:
            span = max(abs(hi) * 0.1, 1e-3 if not self.log else 0.1)
        cy0, cy1 = self._y_range
        inside = lo >= cy0 and hi <= cy1
        roomy = (hi - lo) < 0.3 * (cy1 - cy0)
        if force or not inside or roomy:
            # generous margins: a falling cost does not make the axis change on every frame
            below = 0.35 * span if (not inside and lo < cy0) else 0.08 * span
            above = 0.35 * span if (not inside and hi > cy1) else 0.08 * span
            y0, y1 = lo - below, hi + above
            floor, ceiling = self.y_limits
            if not self.log:
                if floor is not None and lo >= floor:
                    y0 = max(y0, floor - 0.03 * span)
                if ceiling is not None and hi <= ceiling:
                    y1 = min(y1, ceiling + 0.03 * span)
            self._y_range = (y0, y1)
            self.vb.setYRange(*self._y_range, padding=0)

    @Slot()
    def _on_manual_range(self) -> None:
        self.managed = False

    @Slot()
    def _on_auto_button(self) -> None:
        self.vb.disableAutoRange()
        self.managed = True
        self._fit(force=True)

    @Slot(bool)
    def _on_log(self, on: bool) -> None:
        self.log = on
        self.plot.getPlotItem().setLogMode(False, on)
        self.vb.disableAutoRange()
        self._fit(force=True)

    def export_item(self):
        return self.plot.getPlotItem()


# =============================================================================================
class ConfusionView(QWidget):
    """Counts of (true class, predicted class) on the test set, or the training set without one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.caption = QLabel(translate("Plots", "The confusion matrix appears when the network has made predictions."))
        self.caption.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setToolTip(translate("Plots", "Row: the true class. Column: the class the network predicts. The "
                                                 "diagonal counts correct answers; everything else is a mistake."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        self._names: list[str] = []
        self.counts: np.ndarray | None = None
        self._which = "test"

    def set_classes(self, names: list[str]) -> None:
        self._names = list(names)
        k = len(names)
        self.table.clear()
        self.table.setRowCount(k)
        self.table.setColumnCount(k)
        self.table.setHorizontalHeaderLabels([str(n) for n in names])
        self.table.setVerticalHeaderLabels([str(n) for n in names])
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        mode = QHeaderView.ResizeMode.Stretch if k <= 12 else QHeaderView.ResizeMode.ResizeToContents
        self.table.horizontalHeader().setSectionResizeMode(mode)
        self.table.verticalHeader().setSectionResizeMode(mode if k <= 12 else QHeaderView.ResizeMode.ResizeToContents)
        self.counts = None
        self.caption.setText(translate("Plots", "The confusion matrix appears when the network has made predictions."))

    def set_counts(self, counts: np.ndarray, which: str) -> None:
        k = len(self._names)
        if counts is None or counts.shape != (k, k):
            return
        self.counts, self._which = counts, which
        if self.isVisible():
            self._fill()

    def showEvent(self, event) -> None:  # noqa: N802 - fill in when the tab is opened
        super().showEvent(event)
        if self.counts is not None:
            self._fill()

    def _fill(self) -> None:
        counts, which, k = self.counts, self._which, len(self._names)
        total = int(counts.sum())
        correct = int(np.trace(counts))
        peak = max(int(counts.max()), 1)
        for i in range(k):
            for j in range(k):
                n = int(counts[i, j])
                cell = self.table.item(i, j)
                if cell is None:
                    cell = QTableWidgetItem()
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.table.setItem(i, j, cell)
                cell.setText(str(n))
                strength = n / peak
                base = QColor("#2e7d32") if i == j else QColor("#c62828")
                color = QColor(int(255 - (255 - base.red()) * strength * 0.55),
                               int(255 - (255 - base.green()) * strength * 0.55),
                               int(255 - (255 - base.blue()) * strength * 0.55))
                cell.setBackground(QBrush(color if n else QColor("white")))
        acc = correct / total * 100 if total else math.nan
        if which == "test":
            text = translate("Plots", "On the <b>test set</b> ({total} examples): {correct} correct ({percent} %).")
        elif which == "training":
            text = translate("Plots", "On the <b>training set</b> ({total} examples): {correct} correct "
                                      "({percent} %).")
        else:
            text = f"On the <b>{which} set</b> ({{total}} examples): {{correct}} correct ({{percent}} %)."
        self.caption.setText(
            text.format(total=f"{total:,}", correct=f"{correct:,}", percent=format_number(acc, 4))
            + "<br>" + translate("Plots", "<b>Rows: true class</b> · <b>columns: predicted class</b> · the diagonal "
                                          "(green) counts correct answers."))
