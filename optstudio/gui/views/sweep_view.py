"""The Sweep tab: a grid of optimizers × learning rates × seeds, trained while you watch.

The student ticks optimizers, types the learning rates (``start:stop:count``, log-spaced, or a
list), the seeds and optionally one hyperparameter grid (``beta2=0.99,0.999``); the data, network,
mini-batch size and epochs are the window's (:meth:`SweepView.set_base_experiment`). Start builds a
:class:`~optstudio.core.sweep.Sweep` and runs its generator in a worker QThread
(:class:`SweepWorker`): results arrive in bunches (at most ten a second), the heatmap
(configuration × α, colour = the median over the seeds of the chosen metric) and the sensitivity
curves (median line, min–max band over the seeds, log α axis) are redrawn from them on the GUI
thread, with progress and the time left. Stop cancels the sweep; the finished runs stay. Clicking
a square emits ``runRequested(cell)``: the window opens that run in the Training tab.

A big sweep (like the command line's) trains on the machine's cores (:class:`~optstudio.executors.LocalPool`);
a small one in the worker thread itself.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import math
import threading
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGraphicsRectItem, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QSizePolicy, QSplitter, QVBoxLayout, QWidget,
)

from optstudio.core.sweep import CellResult, Sweep, SweepProgress, SweepSpec
from optstudio.gui.i18n import localized, translate
from optstudio.gui.plot_export import export_plot_item
from optstudio.gui.views._common import (
    ask_save_path, explain_label, html_escape, make_plot, manager_or_default, register_thread, run_color,
)
from optstudio.gui.views.sweep_data import (
    METRICS, SweepResults, cell_text, format_grid, format_learning_rates, format_seeds, grid_spec,
)

__all__ = ["SweepView", "SweepWorker", "POOL_WORK"]

#: a sweep of at least this many run-epochs trains in worker processes (one per core); smaller
#: ones in the worker thread (starting processes would take longer than the sweep)
POOL_WORK = 20_000
_COLORMAP = pg.colormap.get("viridis")
_FAILED, _DIVERGED, _PENDING, _NEVER = QColor("#b0b0b0"), QColor("#e3a3a3"), QColor("#f3f3f3"), QColor("#3b2f4a")
_WHITE, _BLACK = QColor("white"), QColor("black")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ------------------------------------------------------------------------------ the worker
class SweepWorker(QObject):
    """Builds one sweep (``Sweep(base, spec, registry)``: a copy of the experiment per run, a
    quarter of a second for a thousand runs) and runs its generator, in its thread.
    ``prepared(sweep, workers)`` first (``workers``: processes, 0 for this thread), then
    ``resultsReady(list of records)`` at most every ``every`` seconds (and at the end) with
    ``progressed(SweepProgress)``, and ``finished(status, message)`` once: "finished", "stopped"
    or "failed". :meth:`stop` (any thread) cancels."""

    prepared = Signal(object, int)
    resultsReady = Signal(list)
    progressed = Signal(object)
    finished = Signal(str, str)

    def __init__(self, base, spec: SweepSpec, registry, every: float = 0.1, scheduler: str = "",
                 skip=()) -> None:
        super().__init__()
        self.base, self.spec, self.registry = base, spec, registry
        self.skip = set(skip)             # keys of cells already done (a stopped sweep continued)
        self.scheduler = scheduler
        self.every = every
        self.sweep: Sweep | None = None
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()
        sweep = self.sweep
        if sweep is not None:
            sweep.cancel()

    @Slot()
    def run(self) -> None:
        pending: list[dict] = []
        last, progress = time.perf_counter(), None
        status, message = "finished", ""
        executor = None
        try:
            self.sweep = sweep = Sweep(self.base, self.spec, self.registry)
            executor, workers, factory = _executor(sweep, self.scheduler)
            self.prepared.emit(sweep, workers if executor is not None else 0)
            if self._stop.is_set():
                status = "stopped"
            else:
                events = sweep.run(executor=executor, workers=workers, registry_factory=factory,
                                   progress_every=self.every, skip=self.skip)
                for event in events:
                    if self._stop.is_set():
                        sweep.cancel()
                    if isinstance(event, CellResult):
                        pending.append(event.record)
                        progress = event.progress
                    elif isinstance(event, SweepProgress):
                        progress = event
                    now = time.perf_counter()
                    if now - last >= self.every:
                        last = now
                        self._flush(pending, progress)
                        pending = []
        except Exception as exc:  # noqa: BLE001 - whatever goes wrong ends the sweep with a message
            status, message = "failed", _first_line(exc)
        finally:
            self._flush(pending, progress)
            if executor is not None:
                try:
                    executor.close(cancel=self._stop.is_set())
                except Exception:  # noqa: BLE001 - a pool that cannot close must not hide the results
                    pass
        if status == "finished" and (self._stop.is_set() or (self.sweep is not None and self.sweep.cancelled)):
            status = "stopped"
        self.finished.emit(status, message)

    def _flush(self, records: list, progress) -> None:
        if records:
            self.resultsReady.emit(list(records))
        if progress is not None:
            self.progressed.emit(progress)


def _executor(sweep: Sweep, scheduler: str = ""):
    """(executor, workers, registry_factory): the Dask cluster at ``scheduler``; else the machine's
    cores for a big sweep, this thread for a small one. ClusterError (one line) for a cluster
    that cannot be used."""
    if scheduler:
        from optstudio.executors import DaskCluster  # noqa: PLC0415
        from optstudio.plugins.manager import get_plugin_manager  # noqa: PLC0415
        cluster = DaskCluster(scheduler)
        return cluster, cluster.workers, get_plugin_manager
    work = sum(c.experiment.training.epochs for c in sweep.cells)
    if work >= POOL_WORK:
        from optstudio.executors import LocalPool, default_jobs  # noqa: PLC0415
        from optstudio.plugins.manager import get_plugin_manager  # noqa: PLC0415
        jobs = default_jobs()
        if jobs > 1:
            return LocalPool(jobs), jobs, get_plugin_manager
    return None, 1, None


# ------------------------------------------------------------------------------ the squares' texts
class SquareTexts(pg.GraphicsObject):
    """The value written in each square of the heatmap: one item that draws every text at the
    square's centre in screen pixels (a text per square as its own item costs a millisecond each
    to add, and redraws come ten times a second). A text that does not fit its square is left out."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[tuple[float, float, str, QColor]] = []      # (x, y, text, colour)
        self._rect = QRectF(0, 0, 1, 1)
        self.setZValue(4)

    def set_texts(self, texts: list, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.texts = list(texts)
        self._rect = QRectF(rect)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._rect

    def paint(self, painter, _option, _widget=None) -> None:
        if not self.texts:
            return
        transform = painter.transform()
        width = abs(transform.map(QPointF(1, 0)).x() - transform.map(QPointF(0, 0)).x())
        height = abs(transform.map(QPointF(0, 1)).y() - transform.map(QPointF(0, 0)).y())
        painter.save()
        painter.resetTransform()
        metrics = painter.fontMetrics()
        if metrics.height() > height:
            painter.restore()
            return
        for x, y, text, color in self.texts:
            if metrics.horizontalAdvance(text) > width - 2:
                continue
            centre = transform.map(QPointF(x, y))
            painter.setPen(color)
            painter.drawText(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height),
                             int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()


# ------------------------------------------------------------------------------ the view
class SweepView(QWidget):
    """The Sweep tab. Public: :meth:`set_base_experiment`, :meth:`set_spec`, :meth:`spec`,
    :meth:`start`, :meth:`stop`, :meth:`is_running`, :meth:`shutdown`, :meth:`open_square`,
    :meth:`export_plot`, :meth:`export_csv`; ``results`` (a :class:`SweepResults`).
    Signals: ``runningChanged(bool)``, ``sweepFinished(status)``, ``resultsChanged()`` (after a
    redraw), ``runRequested(cell)``."""

    runningChanged = Signal(bool)
    sweepFinished = Signal(str)
    resultsChanged = Signal()
    runRequested = Signal(object)

    def __init__(self, manager=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager_or_default(manager)
        self.base = None                          # the window's experiment (data, network, training)
        self.base_problem: str | None = None      # why the window's settings cannot train now
        self.sweep: Sweep | None = None
        self.results: SweepResults | None = None
        self.status = "idle"
        self._sweep_key: str | None = None     # the grid and settings of the last sweep started
        self._kept: list[dict] = []            # the runs a continued sweep keeps
        self._thread: QThread | None = None
        self._worker: SweepWorker | None = None
        self._curves: list = []                   # per configuration: (low, high, band, median line)
        self._drawn_for: SweepResults | None = None
        self._started = 0.0
        self.every = 0.1                          # seconds between bunches of results from the worker
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(100)
        self._redraw_timer.timeout.connect(self.redraw)
        self._build()
        self._update_summary()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        controls = QWidget()
        controls.setObjectName("sweep_controls")
        controls.setMaximumWidth(300)
        col = QVBoxLayout(controls)
        col.setContentsMargins(4, 4, 4, 4)
        col.addWidget(explain_label(translate("SweepView",
                                              "<b>Which optimizer, at which learning rate, how sensitive?</b> Every "
                                              "combination below trains on the data and network set up on the "
                                              "left.")))
        col.addWidget(QLabel(translate("SweepView", "Optimizers")))
        self.optimizer_list = QListWidget()
        self.optimizer_list.setObjectName("sweep_optimizers")
        for name, info in self.manager.optimizers.items():
            extra = getattr(info, "translations", None)
            item = QListWidgetItem(localized(extra, "label", getattr(info, "label", name) or name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in ("gd", "adam") else Qt.CheckState.Unchecked)
            item.setToolTip(localized(extra, "description", getattr(info, "description", "") or name))
            self.optimizer_list.addItem(item)
        self.optimizer_list.setMaximumHeight(130)
        self.optimizer_list.itemChanged.connect(self._update_summary)
        col.addWidget(self.optimizer_list)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        self.lr_field = QLineEdit("1e-4:1:9")
        self.lr_field.setToolTip(translate("SweepView", "start:stop:count, log-spaced (1e-4:1:9 = 0.0001, 0.0003, … "
                                           "1), or a list 0.01,0.1"))
        self.seeds_field = QLineEdit("2")
        self.seeds_field.setToolTip(translate("SweepView", "A number of seeds (3 = seeds 0, 1, 2) or a list such as "
                                              "1,5,9"))
        self.grid_field = QLineEdit()
        self.grid_field.setPlaceholderText(translate("SweepView", "optional, e.g. beta2=0.99,0.999"))
        self.grid_field.setToolTip(translate("SweepView", "One more grid: an optimizer or schedule hyperparameter, "
                                             "or mini_batch_size, with its values"))
        self.target_field = QLineEdit()
        self.target_field.setPlaceholderText(translate("SweepView", "optional, e.g. 0.3"))
        self.target_field.setToolTip(translate("SweepView", "Count the epochs each run needs to reach this cost"))
        for key, name, field in (("learning", translate("SweepView", "learning rates α"), self.lr_field),
                                 ("seeds", translate("SweepView", "seeds"), self.seeds_field),
                                 ("extra", translate("SweepView", "extra grid"), self.grid_field),
                                 ("target", translate("SweepView", "target cost"), self.target_field)):
            field.setObjectName(f"sweep_{key}")
            field.textChanged.connect(self._update_summary)
            form.addRow(name, field)
        self.scheduler_field = QLineEdit()
        self.scheduler_field.setObjectName("sweep_scheduler")
        self.scheduler_field.setPlaceholderText(translate("SweepView", "optional: tcp://HOST:8786"))
        self.scheduler_field.setToolTip(translate("SweepView",
                                                  "A Dask scheduler (pip install \"optstudio[cluster]\"; every worker "
                                                  "needs the same OptStudio and plugins; Dask runs the code it is "
                                                  "sent: a trusted lab network only). Empty: this machine's cores."))
        form.addRow(translate("SweepView", "Dask cluster"), self.scheduler_field)
        self.metric_combo = QComboBox()
        for key, metric in METRICS.items():
            self.metric_combo.addItem(metric.text, key)
        self.metric_combo.currentIndexChanged.connect(self.redraw)
        form.addRow(translate("SweepView", "colour ="), self.metric_combo)
        col.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setObjectName("sweep_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        col.addWidget(self.error_label)
        self.summary_label = explain_label()
        col.addWidget(self.summary_label)
        buttons = QHBoxLayout()
        self.start_button = QPushButton(translate("SweepView", "▶ Start"))
        self.start_button.setObjectName("sweep_start")
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(translate("SweepView", "■ Stop"))
        self.stop_button.setObjectName("sweep_stop")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        col.addLayout(buttons)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(False)
        col.addWidget(self.progress_bar)
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("sweep_progress")
        self.progress_label.setWordWrap(True)
        col.addWidget(self.progress_label)
        self.status_label = explain_label()
        self.status_label.setObjectName("sweep_status")
        col.addWidget(self.status_label)
        export = QHBoxLayout()
        self.export_buttons = {}
        tips = {"heatmap": translate("SweepView", "Save the heatmap as PNG or SVG"),
                "curves": translate("SweepView", "Save the sensitivity curves as PNG or SVG"),
                "csv": translate("SweepView", "Save the table of runs as CSV")}
        for key, text in (("heatmap", translate("SweepView", "Heatmap…")), ("curves", translate("SweepView", "Curves…")),
                          ("csv", translate("SweepView", "Table…"))):
            button = QPushButton(text)
            button.setToolTip(tips[key])
            button.clicked.connect(lambda _c=False, key=key: self._on_export(key))
            export.addWidget(button)
            self.export_buttons[key] = button
        col.addWidget(QLabel(translate("SweepView", "Save")))
        col.addLayout(export)
        col.addStretch(1)

        self.best_label = explain_label()
        self.best_label.setObjectName("sweep_best")
        self.heatmap_plot = make_plot("", translate("SweepView", "learning rate α"), "", minimum=(240, 160))
        self.heatmap_plot.setObjectName("sweep_heatmap")
        item = self.heatmap_plot.getPlotItem()
        item.showGrid(x=False, y=False)
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.invertY(True)
        self.image = pg.ImageItem()
        item.addItem(self.image)
        self.best_box = QGraphicsRectItem()
        self.best_box.setPen(QPen(QColor("#d62728"), 0.06))
        self.best_box.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        self.best_box.setZValue(5)
        self.best_box.hide()
        item.addItem(self.best_box)
        self.square_texts = SquareTexts()
        item.addItem(self.square_texts)
        self.heatmap_plot.scene().sigMouseClicked.connect(self._on_heatmap_click)
        self.curves_plot = make_plot("", translate("SweepView", "learning rate α"), "", minimum=(240, 160))
        self.curves_plot.setObjectName("sweep_curves")
        self.curves_plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)
        self.legend = self.curves_plot.getPlotItem().addLegend(offset=(-10, 10))
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(self.heatmap_plot)
        plots.addWidget(self.curves_plot)
        plots.setChildrenCollapsible(False)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.best_label)
        self.hint_label = explain_label(translate("SweepView",
                                                  "Each square: the median over the seeds (bright = better). Click a "
                                                  "square to open its run in the Training tab. Below: the same "
                                                  "against α, median line and min–max band over the seeds."))
        rl.addWidget(self.hint_label)
        rl.addWidget(plots, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(controls)
        layout.addWidget(right, 1)
        controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self._update_exports()

    # ------------------------------------------------------------------ the grid
    def checked_optimizers(self) -> list[str]:
        out = []
        for i in range(self.optimizer_list.count()):
            item = self.optimizer_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def spec(self) -> SweepSpec:
        """The grid of the fields; ValueError (one line naming the field) when one is wrong."""
        return grid_spec(self.checked_optimizers(), self.lr_field.text(), self.seeds_field.text(),
                         self.grid_field.text(), self.target_field.text())

    def set_spec(self, spec: SweepSpec) -> None:
        """Show ``spec`` in the fields (a lab's or an experiment file's sweep section). Optimizers
        the plugins do not have are named in the message line."""
        names = list(spec.optimizers)
        missing = [n for n in names if n not in self.manager.optimizers]
        self.optimizer_list.blockSignals(True)
        for i in range(self.optimizer_list.count()):
            item = self.optimizer_list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole)
            if names:
                item.setCheckState(Qt.CheckState.Checked if name in names else Qt.CheckState.Unchecked)
        self.optimizer_list.blockSignals(False)
        if spec.learning_rates:
            self.lr_field.setText(format_learning_rates(spec.learning_rates))
        if spec.seeds:
            self.seeds_field.setText(format_seeds(spec.seeds))
        self.grid_field.setText(format_grid(spec.grid))
        self.target_field.setText("" if spec.target_cost is None else f"{spec.target_cost:g}")
        self._update_summary()
        if missing:
            self._show_error(translate("SweepView", "the sweep names optimizers no plugin provides: {names}").format(
                names=", ".join(missing)))

    def set_base_experiment(self, experiment, problem: str | None = None) -> None:
        """The window's experiment: its data, network, schedule, mini-batch size and epochs are the
        sweep's (and its optimizer's hyperparameters the defaults of that optimizer's cells).
        ``problem``: why it cannot be trained now (a field of the window is wrong), shown and
        checked by Start."""
        self.base = experiment.copy()
        self.base_problem = problem
        self._update_summary()

    @Slot()
    def _update_summary(self, *_args) -> None:
        try:
            spec = self.spec()
        except ValueError as exc:
            self._show_error(str(exc))
            self.summary_label.setText("")
            return
        self._show_error(self.base_problem)
        if self.base is None:
            self.summary_label.setText(translate("SweepView", "Waiting for the window's settings."))
            return
        grid = "".join(f" × {len(v)} {k}" for k, v in spec.grid.items())
        n = len(spec.optimizers) * len(spec.learning_rates) * len(spec.seeds) * math.prod(len(v) for v in
                                                                                           spec.grid.values())
        t = self.base.training
        optimizers = (translate("SweepView", "{count} optimizer") if len(spec.optimizers) == 1 else
                      translate("SweepView", "{count} optimizers")).format(count=len(spec.optimizers))
        seeds = (translate("SweepView", "{count} seed") if len(spec.seeds) == 1 else
                 translate("SweepView", "{count} seeds")).format(count=len(spec.seeds))
        self.summary_label.setText(translate(
            "SweepView", "{optimizers} × {rates} α × {seeds}{grid}: up to <b>{runs} runs</b> of {epochs} epochs "
            "(mini-batches of {batch}; data, network and schedule from the left).").format(
            optimizers=optimizers, rates=len(spec.learning_rates), seeds=seeds, grid=grid, runs=n,
            epochs=t.epochs, batch=t.mini_batch_size))

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    # ------------------------------------------------------------------ running
    def is_running(self) -> bool:
        return self._thread is not None

    @Slot()
    def start(self) -> bool:
        """Start the sweep of the fields over the window's experiment. False (with the reason
        next to the fields) when it cannot start."""
        if self.is_running():
            return False
        if self.base is None:
            self._show_error(translate("SweepView", "the window's settings are not ready yet"))
            return False
        if self.base_problem:
            self._show_error(self.base_problem)
            return False
        try:
            spec = self.spec()
            # the grid's checks (optimizers, hyperparameters, values) on one α and one seed: the
            # whole sweep is built in the worker thread
            Sweep(self.base, dataclasses.replace(spec, learning_rates=spec.learning_rates[:1], seeds=spec.seeds[:1]),
                  self.manager)
        except Exception as exc:  # noqa: BLE001 - ExperimentError, ValueError: one line for the student
            self._show_error(_first_line(exc))
            return False
        self._show_error(None)
        # Start after Stop with the same grid and settings continues: the runs that finished or
        # diverged are kept (like the command line's --resume), the others are trained
        key = json.dumps([self.base.to_dict(), spec.to_dict(), self.scheduler_field.text().strip()],
                         sort_keys=True, default=str)
        self._kept, skip = [], set()
        if self.results is not None and key == self._sweep_key and self.status in ("stopped", "failed"):
            cells = {cell.index: cell for cell in self.results.cells}
            self._kept = [r for r in self.results.records.values() if r.get("status") in ("finished", "diverged")]
            skip = {cells[int(r["index"])].key for r in self._kept}
        self._sweep_key = key
        self.sweep, self.results = None, None
        self._started = time.perf_counter()
        self.status = "running"
        thread = QThread()
        thread.setObjectName("sweep")
        worker = SweepWorker(self.base.copy(), spec, self.manager, every=self.every,
                             scheduler=self.scheduler_field.text().strip(),
                             skip=skip)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.prepared.connect(self._on_prepared)
        worker.resultsReady.connect(self._on_results)
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        # (direct: the thread's event loop ends even while the GUI thread waits for it in shutdown)
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread, self._worker = register_thread(thread), worker
        self.progress_bar.setValue(0)
        self.progress_label.setText(translate("SweepView", "Preparing the runs…"))
        self.status_label.setText("")
        self._set_running(True)
        thread.start()
        return True

    @Slot(object, int)
    def _on_prepared(self, sweep: Sweep, processes: int) -> None:
        labels = {name: localized(getattr(info, "translations", None), "label", getattr(info, "label", name))
                  for name, info in self.manager.optimizers.items()}
        self.sweep = sweep
        self.results = SweepResults(sweep.cells, labels, sweep.spec.target_cost)
        for record in self._kept:
            self.results.add(record)
        self.progress_label.setText(translate("SweepView", "{done} of {total} runs").format(done=len(self._kept),
                                                                                          total=len(sweep.cells)))
        where = ""
        if processes:
            cluster = self.scheduler_field.text().strip()
            where = (translate("SweepView", " on the Dask cluster {cluster} ({workers} workers)").format(
                cluster=cluster, workers=processes) if cluster else
                translate("SweepView", " on {processes} processes").format(processes=processes))
        if self.status == "running":
            self.status_label.setText(translate("SweepView", "Training {count} runs{where}…").format(
                count=len(sweep.cells), where=where))
        self.redraw()

    @Slot()
    def stop(self) -> None:
        """Cancel the sweep: the runs that finished stay."""
        if self._worker is not None:
            self._worker.stop()
            self.status = "stopping"
            self.status_label.setText(translate("SweepView", "Stopping…"))

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop and end the worker thread (the window calls this before closing)."""
        thread = self._thread
        if thread is None:
            return True
        if self._worker is not None:
            self._worker.stop()
        done = thread.wait(timeout_ms)
        if done:
            self._end_thread()
        return done

    @Slot(list)
    def _on_results(self, records: list) -> None:
        if self.results is None:
            return
        for record in records:
            self.results.add(record)
        if not self._redraw_timer.isActive():
            self._redraw_timer.start()

    @Slot(object)
    def _on_progress(self, p: SweepProgress) -> None:
        self.progress_bar.setValue(int(1000 * p.fraction))
        eta = "" if not p.eta else translate("SweepView", " · about {time} left").format(time=_duration(p.eta))
        self.progress_label.setText(translate("SweepView", "{done} of {total} runs").format(done=p.done, total=p.total)
                                    + f" · {_duration(p.elapsed)}{eta}")

    @Slot(str, str)
    def _on_finished(self, status: str, message: str) -> None:
        self._end_thread()
        self.status = status
        self.redraw()
        done = len(self.results) if self.results is not None else 0
        total = self.results.total if self.results is not None else 0
        seconds = time.perf_counter() - self._started
        if status == "failed":
            self.status_label.setText(translate("SweepView", "The sweep stopped: {message}").format(
                message=html_escape(message)))
        elif status == "stopped":
            self.status_label.setText(translate("SweepView", "Stopped: {done} of {total} runs finished and are "
                                                "kept.").format(done=done, total=total))
        else:
            self.progress_bar.setValue(1000)
            self.status_label.setText(translate("SweepView", "Done: {total} runs in {time}.").format(
                total=total, time=_duration(seconds)))
        failures = self.results.failures() if self.results is not None else []
        if failures:
            cell, record = failures[0]
            more = translate("SweepView", " (and {count} more)").format(count=len(failures) - 1) \
                if len(failures) > 1 else ""
            failed = (translate("SweepView", "{count} run failed: {run}: {message}{more}") if len(failures) == 1
                      else translate("SweepView", "{count} runs failed: {run}: {message}{more}")).format(
                count=len(failures), run=html_escape(cell_text(cell)), message=html_escape(record.get("message")),
                more=more)
            self.status_label.setText(self.status_label.text() + f"<br><span style='color:#b00020'>{failed}</span>")
        self._set_running(False)
        self.sweepFinished.emit(status)

    def _end_thread(self) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()        # ended: Python frees it (a deferred delete as well can race that)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for widget in (self.optimizer_list, self.lr_field, self.seeds_field, self.grid_field, self.target_field,
                       self.scheduler_field):
            widget.setEnabled(not running)
        self._update_exports()
        self.runningChanged.emit(running)

    def _update_exports(self) -> None:
        has = self.results is not None and len(self.results) > 0
        for button in self.export_buttons.values():
            button.setEnabled(has)

    # ------------------------------------------------------------------ drawing
    @property
    def metric(self) -> str:
        return str(self.metric_combo.currentData())

    @Slot()
    def redraw(self, *_args) -> None:
        """Draw the heatmap, the curves and the best configuration from the results so far."""
        results = self.results
        if results is None:
            return
        started = time.perf_counter()
        metric = self.metric
        matrix = results.matrix(metric)
        self._draw_heatmap(results, matrix, metric)
        self._draw_curves(results, metric)
        self._drawn_for = results
        # at most a third of the GUI thread's time goes to redrawing (big grids redraw less often)
        cost_ms = 1000 * (time.perf_counter() - started)
        self._redraw_timer.setInterval(int(min(1000, max(100, 3 * cost_ms))))
        self._draw_best(results, metric, matrix)
        self._update_exports()
        self.resultsChanged.emit()

    def square_colors(self, matrix, metric: str) -> np.ndarray:
        """RGBA (rows, columns, 4): viridis with bright = better; grey failed, pink diverged,
        dark "never reached the target", pale not yet."""
        values = [s.value for row in matrix for s in row if s.value is not None]
        low, high = (min(values), max(values)) if values else (0.0, 1.0)
        lower_better = METRICS[metric].lower_is_better
        rgba = np.zeros((len(matrix), len(matrix[0]) if matrix else 0, 4), dtype=np.ubyte)
        for i, row in enumerate(matrix):
            for j, square in enumerate(row):
                if square.value is not None:
                    t = 0.5 if high == low else (square.value - low) / (high - low)
                    color = _COLORMAP.map(1.0 - t if lower_better else t, mode="qcolor")
                elif square.runs == 0:
                    color = _PENDING
                elif square.statuses.get("failed"):
                    color = _FAILED
                elif square.statuses.get("diverged"):
                    color = _DIVERGED
                elif square.never:
                    color = _NEVER
                else:
                    color = _PENDING
                rgba[i, j] = (color.red(), color.green(), color.blue(), 255)
        return rgba

    def _draw_heatmap(self, results: SweepResults, matrix, metric: str) -> None:
        rows, cols = len(results.rows), len(results.learning_rates)
        item = self.heatmap_plot.getPlotItem()
        colors = self.square_colors(matrix, metric)
        self.image.setImage(colors, autoLevels=False, levels=(0, 255))
        self.image.setRect(QRectF(0, 0, cols, rows))
        if self._drawn_for is not results:
            item.getAxis("bottom").setTicks([[(j + 0.5, f"{r:.2g}") for j, r in enumerate(results.learning_rates)]])
            item.getAxis("left").setTicks([[(i + 0.5, label) for i, label in enumerate(results.row_labels)]])
            item.setRange(xRange=(0, cols), yRange=(0, rows), padding=0.02)
        texts = []
        for i, row in enumerate(matrix):
            for j, square in enumerate(row):
                r, g, b, _a = colors[i, j]
                dark = 0.299 * r + 0.587 * g + 0.114 * b < 140
                texts.append((j + 0.5, i + 0.5, square.text, _WHITE if dark else _BLACK))
        self.square_texts.set_texts(texts, QRectF(0, 0, cols, rows))
        label = METRICS[metric].text
        seeds = len({c.seed for c in results.cells})
        title = (translate("SweepView", "Median {metric} over {count} seed") if seeds == 1 else
                 translate("SweepView", "Median {metric} over {count} seeds")).format(metric=label, count=seeds)
        item.setTitle(title, size="10pt")

    def _make_curves(self, results: SweepResults) -> None:
        """One median line, two band edges and a band per configuration (updated with setData)."""
        item = self.curves_plot.getPlotItem()
        for parts in self._curves:
            for part in parts:
                item.removeItem(part)
        self._curves = []
        self.legend.clear()
        for i, label in enumerate(results.row_labels):
            color = run_color(i)
            band = QColor(color)
            band.setAlpha(50)
            low = pg.PlotCurveItem([], [], pen=pg.mkPen(band))
            high = pg.PlotCurveItem([], [], pen=pg.mkPen(band))
            fill = pg.FillBetweenItem(low, high, brush=pg.mkBrush(band))
            line = pg.PlotDataItem([], [], pen=pg.mkPen(color, width=2), symbol="o", symbolSize=6,
                                   symbolBrush=color, symbolPen=None, name=label)
            for part in (low, high, fill, line):
                item.addItem(part)
            self._curves.append((low, high, fill, line))

    def _draw_curves(self, results: SweepResults, metric: str) -> None:
        item = self.curves_plot.getPlotItem()
        if self._drawn_for is not results:
            self._make_curves(results)
        for (low, high, _fill, line), curve in zip(self._curves, results.curves(metric)):
            x = np.log10(curve["learning_rates"]) if curve["learning_rates"] else np.zeros(0)
            low.setData(x, np.asarray(curve["min"], dtype=float))
            high.setData(x, np.asarray(curve["max"], dtype=float))
            line.setData(x, np.asarray(curve["median"], dtype=float))
        # a log α axis: the curves are drawn against log10 α, the ticks name the decades
        rates = results.learning_rates
        low, high = math.floor(math.log10(min(rates))), math.ceil(math.log10(max(rates)))
        if high == low:
            high += 1
        item.getAxis("bottom").setTicks([[(k, f"{10.0 ** k:g}") for k in range(low, high + 1)], []])
        item.setLabel("left", METRICS[metric].text)
        item.setTitle(translate("SweepView", "{metric} against α: median and min–max over the seeds").format(
            metric=METRICS[metric].text.capitalize()), size="10pt")

    def _draw_best(self, results: SweepResults, metric: str, matrix) -> None:
        best = results.best(metric, matrix)
        if metric == "epochs_to_target" and results.target_cost is None:
            self.best_box.hide()
            self.best_label.setText(translate("SweepView", "<b>Epochs to the target cost:</b> write a target cost "
                                              "before Start."))
            return
        if best is None:
            self.best_box.hide()
            self.best_label.setText(translate("SweepView", "<b>Best:</b> no run has finished yet.")
                                    if len(results) == 0 else
                                    translate("SweepView", "<b>Best:</b> no run has a value for this measure yet."))
            return
        self.best_box.setRect(QRectF(best.column + 0.03, best.row + 0.03, 0.94, 0.94))
        self.best_box.show()
        rate = results.learning_rates[best.column]
        label = METRICS[metric].text
        partial = "" if len(results) == results.total else translate(
            "SweepView", " (so far: {done} of {total} runs)").format(done=len(results), total=results.total)
        text = (translate("SweepView", "<b>Best: {configuration} at α = {rate}</b> — median {metric} {value} over "
                          "{count} seed{partial}.") if best.runs == 1 else
                translate("SweepView", "<b>Best: {configuration} at α = {rate}</b> — median {metric} {value} over "
                          "{count} seeds{partial}."))
        self.best_label.setText(text.format(configuration=html_escape(results.row_labels[best.row]),
                                            rate=f"{rate:.3g}", metric=label, value=f"{best.value:.4g}",
                                            count=best.runs, partial=partial))

    # ------------------------------------------------------------------ clicking a square
    @Slot(object)
    def _on_heatmap_click(self, event) -> None:
        if self.results is None:
            return
        point = self.heatmap_plot.getPlotItem().vb.mapSceneToView(event.scenePos())
        column, row = math.floor(point.x()), math.floor(point.y())
        if 0 <= row < len(self.results.rows) and 0 <= column < len(self.results.learning_rates):
            self.open_square(row, column)

    def open_square(self, row: int, column: int) -> bool:
        """Ask the window to open the run of a square (its median seed) in the Training tab."""
        if self.results is None:
            return False
        cell = self.results.representative(row, column, self.metric)
        if cell is None:
            return False
        self.status_label.setText(translate("SweepView", "Opened {run} in the Training tab.").format(
            run=html_escape(cell_text(cell))))
        self.runRequested.emit(cell)
        return True

    # ------------------------------------------------------------------ export
    def plot_items(self) -> dict:
        return {"heatmap": self.heatmap_plot.getPlotItem(), "curves": self.curves_plot.getPlotItem()}

    def _on_export(self, key: str) -> None:
        if key == "csv":
            path = ask_save_path(self, translate("SweepView", "Save the sweep's runs"), "sweep.csv",
                                 translate("SweepView", "CSV table (*.csv)"))
            if path:
                self.export_csv(path)
            return
        path = ask_save_path(self, translate("SweepView", "Save the plot"), f"sweep_{key}.png",
                             translate("SweepView", "PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self.export_plot(key, path)

    def export_plot(self, key: str, path) -> str | None:
        """Save the heatmap or the curves (``key``) as PNG or SVG; returns the path or None."""
        try:
            written = export_plot_item(self.plot_items()[key], path)
        except OSError as exc:
            self.status_label.setText(html_escape(exc))
            return None
        self.status_label.setText(translate("SweepView", "Saved {path}.").format(path=html_escape(written)))
        return written

    def export_csv(self, path) -> str | None:
        """Write one row per finished run (the command line's record fields)."""
        from optstudio.gui.views.sweep_data import record_table  # noqa: PLC0415
        if self.results is None:
            return None
        columns, rows = record_table(self.results)
        try:
            with open(path, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(columns)
                for row in rows:
                    writer.writerow(["" if v is None else v for v in row])
        except OSError as exc:
            self.status_label.setText(html_escape(translate("SweepView", "cannot write {path}: {error}").format(
                path=path, error=exc.strerror or exc)))
            return None
        self.status_label.setText(translate("SweepView", "Saved {path}.").format(path=html_escape(path)))
        return str(path)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return translate("SweepView", "{seconds} s").format(seconds=f"{seconds:.1f}" if seconds < 10 else f"{seconds:.0f}")
    minutes, sec = divmod(int(round(seconds)), 60)
    return translate("SweepView", "{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{sec:02d}")
