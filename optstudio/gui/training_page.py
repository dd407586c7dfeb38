"""The Training tab: the window's own training, "a comparison of one" on a run controller.

:class:`TrainingPage` holds the views (decision boundary or PCA view, network, confusion matrix,
cost, accuracy and α per epoch) and keeps one run in step with the settings
(:class:`~optstudio.gui.experiment_settings.ExperimentSettings`):

* new data, another network, seed or shuffling: a fresh, untrained run (:meth:`rebuild`);
* the optimizer, α, the schedule, the mini-batch size and the epochs: live changes, sent to the
  :class:`~optstudio.gui.controller.RunController` with their values (engine commands, applied
  between two steps, also while paused);
* after a divergence or a plugin failure a change builds a fresh run instead.

The run's first picture (the untrained network's decision boundary) is computed in the worker's
thread like every other one; :attr:`TrainingPage.pictureReady` says when it is drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from optstudio.core.build import Plan, build_engine
from optstudio.core.datasets import DataError
from optstudio.core.experiment import ExperimentError, output_units
from optstudio.gui.controller import RunController, RunState
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.network_view import NetworkDrawing
from optstudio.gui.plots import BoundaryView, ConfusionView, CurvePlot
from optstudio.gui.snapshot import SnapshotMaker

__all__ = ["TrainingPage", "BOUNDARY_TAB", "PCA_TAB"]

BOUNDARY_TAB = QT_TRANSLATE_NOOP("Pages", "Decision boundary")
PCA_TAB = QT_TRANSLATE_NOOP("TrainingPage", "Predictions (PCA)")


class TrainingPage(QSplitter):
    """The Training tab's views and its run. Signals (GUI thread):

    * ``pictureReady``: a fresh run's first picture is drawn (Start is possible);
    * ``snapshotApplied`` / ``framePainted``: a snapshot was applied / is on screen;
    * ``trainingFinished(status)``: a run request ended (finished, paused, stopped, diverged, failed);
    * ``problem(str)``: a one-line problem to show (the run could not be built, or diverged);
    * ``problemSolved``: a fresh run was built (the problem is gone).
    """

    pictureReady = Signal()
    snapshotApplied = Signal(object)
    framePainted = Signal()
    trainingFinished = Signal(str)
    problem = Signal(str, str)        # title, one-line message
    problemSolved = Signal()

    def __init__(self, settings, manager, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("plot_splitter")
        self.settings = settings
        self.manager = manager
        self.data = None                 # LoadedData (from the window's data thread)
        self.maker: SnapshotMaker | None = None
        self.snapshots_applied = 0
        self.last_inside: dict | None = None
        self.want_inside = False
        self.controller = RunController(manager, name="training", parent=self)
        self.controller.snapshotReady.connect(self._on_snapshot)
        self.controller.runFinished.connect(self._on_run_finished)
        self.controller.commandFailed.connect(
            lambda text: self.problem.emit(translate("TrainingPage", "Cannot apply the change"), text))
        self._awaiting_picture = False
        self._build()
        self.boundary.boundsChanged.connect(self._on_bounds)
        settings.networkChanged.connect(self.rebuild)
        settings.initChanged.connect(self.rebuild)
        settings.optimizerChanged.connect(self._live(self.controller.set_optimizer))
        settings.learningRateChanged.connect(self._live(self.controller.set_learning_rate))
        settings.scheduleChanged.connect(self._live(self.controller.set_schedule))
        settings.miniBatchSizeChanged.connect(self._live(self.controller.set_mini_batch_size))
        settings.epochsChanged.connect(self._on_epochs)
        settings.errorsChanged.connect(self._on_errors)

    def _build(self) -> None:
        self.boundary = BoundaryView()
        self.network_view = NetworkDrawing()
        self.confusion = ConfusionView()
        training, test = translate("TrainingPage", "training"), translate("TrainingPage", "test")
        self.cost_plot = CurvePlot(translate("TrainingPage", "Cost per epoch"), translate("TrainingPage", "cost J"),
                                   [("cost", training, "#1f77b4", False), ("test_cost", test, "#ff7f0e", True)],
                                   log_toggle=True, y_limits=(0.0, None))
        self.accuracy_plot = CurvePlot(translate("TrainingPage", "Accuracy per epoch"),
                                       translate("TrainingPage", "accuracy (%)"),
                                       [("train_accuracy", training, "#1f77b4", False),
                                        ("test_accuracy", test, "#ff7f0e", True)], scale=100.0,
                                       legend_at="bottom", y_limits=(0.0, 100.0))
        self.rate_plot = CurvePlot(translate("TrainingPage", "Learning rate α per epoch"), "α",
                                   [("learning_rate", "α", "#2ca02c", False)],
                                   log_toggle=True, y_limits=(0.0, None))
        self.curves = (self.cost_plot, self.accuracy_plot, self.rate_plot)
        self.views = QTabWidget()
        self.views.setObjectName("views")
        for widget, text, tip in (
                (self.boundary, translate("Pages", BOUNDARY_TAB),
                 translate("TrainingPage", "What the network predicts everywhere in the input space, with the data.")),
                (self.network_view, translate("Pages", "Network"),
                 translate("TrainingPage", "The network's weights: blue positive, red negative, thicker = larger.")),
                (self.confusion, translate("Pages", "Confusion matrix"),
                 translate("TrainingPage", "How many examples of each true class get each predicted class."))):
            self.views.addTab(widget, text)
            self.views.setTabToolTip(self.views.count() - 1, tip)
        self.curve_tabs = QTabWidget()
        self.curve_tabs.addTab(self.accuracy_plot, translate("TrainingPage", "Accuracy"))
        self.curve_tabs.addTab(self.rate_plot, translate("TrainingPage", "Learning rate"))
        self.curve_tabs.setTabToolTip(0, translate("TrainingPage", "Share of correctly classified examples after each "
                                                                   "epoch."))
        self.curve_tabs.setTabToolTip(1, translate("TrainingPage", "The learning rate α the schedule used in each "
                                                                   "epoch."))
        self.curve_splitter = QSplitter(Qt.Orientation.Vertical)
        self.curve_splitter.setObjectName("curve_splitter")
        self.curve_splitter.addWidget(self.cost_plot)
        self.curve_splitter.addWidget(self.curve_tabs)
        self.addWidget(self.views)
        self.addWidget(self.curve_splitter)
        self.setSizes([480, 420])
        self.curve_splitter.setSizes([400, 320])

    # ------------------------------------------------------------------ the run
    @property
    def state(self) -> RunState:
        return self.controller.state

    def set_data(self, data) -> None:
        """Newly loaded data (a LoadedData, or None while loading or when it failed)."""
        self.data = data
        if data is not None and data.dataset is not None:
            ds = data.dataset
            self.confusion.set_classes(ds.class_names)
            has_test = ds.m_test > 0
            self.cost_plot.set_enabled({"cost", "test_cost"} if has_test else {"cost"})
            self.accuracy_plot.set_enabled({"train_accuracy", "test_accuracy"} if has_test else {"train_accuracy"})
            self.views.setTabText(0, translate("Pages", BOUNDARY_TAB) if data.pca is None
                                  else translate("TrainingPage", PCA_TAB))
        else:
            self.boundary.set_data(None)
        self.rebuild()

    def output_units(self) -> int | None:
        """Output units of the network for the loaded data (None: no data, or a loss that does
        not fit it; the network panel says why)."""
        if self.data is None or self.data.dataset is None:
            return None
        try:
            return output_units(self.settings.experiment().network, self.data.dataset.n_classes)
        except ExperimentError:
            return None

    @Slot()
    def rebuild(self, *_args) -> None:
        """A fresh, untrained run from the settings (or none, while something must be fixed)."""
        self._clear_views()
        units = self.output_units()
        if units is None or not self.settings.valid:
            self.controller.clear()
            return
        exp = self.settings.experiment()
        try:
            label = self.manager.optimizer_info(exp.optimizer.name).label
            engine = build_engine(exp, self.manager, dataset=self.data.dataset, label=label)
        except (ExperimentError, DataError, ValueError, KeyError) as exc:
            self.controller.clear()
            self.problem.emit(translate("TrainingPage", "Cannot build the trainer"), str(exc).strip("'\""))
            return
        except Exception as exc:  # noqa: BLE001 - a plugin crashing while being built
            self.controller.clear()
            self.problem.emit(translate("TrainingPage", "Cannot build the trainer"), f"{type(exc).__name__}: {exc}")
            return
        data = self.data
        kind = "probability" if units == 1 else "class"
        maker = SnapshotMaker(self.controller.generation + 1, data.view, data.dataset.n_classes,
                              draw_index=data.train_index)
        maker.grid_kind = kind
        maker.want_inside = self.want_inside
        self.boundary.set_data(data, kind)
        maker.bounds = self.boundary.grid_bounds()
        self.maker = maker
        run = engine.runs[0]
        labels = self._layer_labels(exp.network)
        self.network_view.set_architecture(run.network.layer_dims, labels)
        plan = Plan([engine], engine.runs, [exp], [label])
        self._awaiting_picture = True
        self.problemSolved.emit()
        self.controller.load(plan, lambda status, final: maker(run, force=final, status=status),
                             epochs=exp.training.epochs)

    @staticmethod
    def _layer_labels(spec) -> list[str]:
        out = {"bce": "sigmoid", "softmax": "softmax"}.get(spec.loss, spec.output_activation)
        return ["", *spec.activations, out]

    def _clear_views(self) -> None:
        for plot in self.curves:
            plot.clear()
            plot.set_span(self.settings.epochs)
        self.last_inside = None

    def _live(self, send):
        """A live change: to the controller, or (nothing to change: no run, or it failed) a
        fresh run with the new settings."""
        def change(value) -> None:
            if self.controller.plan is None or self.controller.state == RunState.FAILED:
                self.rebuild()
            else:
                send(value)
        return change

    @Slot(int)
    def _on_epochs(self, epochs: int) -> None:
        for plot in self.curves:
            plot.set_span(epochs)
        self._live(self.controller.set_epochs)(epochs)

    @Slot(list)
    def _on_errors(self, _errors: list) -> None:
        if self.controller.plan is None and self.settings.valid and self.data is not None:
            self.rebuild()

    def set_inside_wanted(self, on: bool) -> None:
        """Whether running snapshots carry the "inside the optimizer" data (a plain bool the
        training thread reads)."""
        self.want_inside = bool(on)
        if self.maker is not None:
            self.maker.want_inside = self.want_inside

    @Slot(tuple)
    def _on_bounds(self, bounds: tuple) -> None:
        if self.maker is not None:
            self.maker.bounds = bounds
            if not self.controller.state == RunState.RUNNING:
                self.controller.refresh()      # a new picture for the area now shown

    # ------------------------------------------------------------------ snapshots
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        if snap.records:
            for plot in self.curves:
                plot.append(snap.records)
        self.boundary.set_snapshot(snap)
        if snap.weights is not None:
            self.network_view.set_weights(snap.weights, snap.units, snap.peak)
        if snap.confusion is not None:
            self.confusion.set_counts(snap.confusion, snap.confusion_set)
        if snap.inside is not None:
            self.last_inside = snap.inside
        self.snapshots_applied += 1
        self.snapshotApplied.emit(snap)
        self.paint_now()
        self.framePainted.emit()
        if self._awaiting_picture:
            self._awaiting_picture = False
            self.pictureReady.emit()

    def paint_now(self) -> None:
        """Draw the frame now, in one go, while the training thread waits with the GIL released.

        Only the scene updates of the plots and the window's paint request are processed here
        (not other queued calls, which keep their turn in the event loop)."""
        for plot in (self.boundary, *self.curves):
            QCoreApplication.sendPostedEvents(plot.plot.scene(), QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(self.window(), QEvent.Type.UpdateRequest)

    @Slot(object)
    def _on_run_finished(self, outcome) -> None:
        if outcome.status in ("diverged", "failed"):
            title = (translate("TrainingPage", "Training diverged") if outcome.status == "diverged"
                     else translate("TrainingPage", "Training failed"))
            self.problem.emit(title, translate("TrainingPage", "{message} Change the settings (or press Reset) to "
                                                               "try again.").format(message=outcome.message))
        self.trainingFinished.emit(outcome.status)

    def plot_items(self) -> dict:
        return {"boundary": self.boundary.export_item(), "cost": self.cost_plot.export_item(),
                "accuracy": self.accuracy_plot.export_item(), "learning_rate": self.rate_plot.export_item()}

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        return self.controller.shutdown(timeout_ms)
