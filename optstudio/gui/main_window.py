"""The OptStudio main window: settings on the left, live plots in the centre.

The window is a view of the core. It builds an :class:`Experiment` from its widgets
(:meth:`MainWindow.experiment_from_widgets`), asks :func:`~optstudio.core.build.build_engine` for
the core engine (inside :class:`~optstudio.gui.worker.TrainingSession`) and draws the snapshots
the training thread sends. It never runs training code itself.

Changing the data or the network discards the run and shows a fresh, untrained one. Changing the
optimizer, its hyperparameters, α, the schedule or the number of epochs applies to the running
(or paused) run from its next step (engine commands, ``TrainingSession.apply_changes``).

The plot area is a row of pages (:attr:`MainWindow.pages`): "Training" (decision boundary,
network, confusion matrix and the curves of the window's own training) and the views of
:mod:`optstudio.gui.views`: "Compare optimizers" (runs the window's data/network/training settings
with several optimizers; a lab's ``runs`` become its configurations), "Trajectories (2-D)",
"Inside the optimizer" (fed from the training snapshots), "Schedule preview" (α over the planned
epochs, from the optimizer panel) and "Averages (EWA)". Ctrl+1 … Ctrl+8 switch between them.
"""

from __future__ import annotations

import gc
import json
import math
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QProgressBar, QScrollArea,
    QSizePolicy, QSplitter, QStyle, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from optstudio.core.datasets import DataError
from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.dataset_panel import DatasetPanel
from optstudio.gui.dialogs import LabDialog, PluginDialog, ShortcutsDialog, about_text
from optstudio.gui.formatting import format_count, format_duration, format_number
from optstudio.gui.network_panel import NetworkPanel
from optstudio.gui.network_view import NetworkDrawing
from optstudio.gui.optimizer_panel import OptimizerPanel
from optstudio.gui.plots import BoundaryView, ConfusionView, CurvePlot
from optstudio.gui.settings import open_settings
from optstudio.gui.views.compare_view import CompareView
from optstudio.gui.views.ewa_view import EwaView
from optstudio.gui.views.inside_view import InsideView
from optstudio.gui.views.schedule_preview import SchedulePreview
from optstudio.gui.views.trajectory_view import TrajectoryView
from optstudio.gui.widgets import INVALID_STYLE, CollapsibleSection
from optstudio.gui.worker import DataLoaderThread, LoadedData, TrainingSession
from optstudio.plugins.manager import get_plugin_manager
from optstudio.core.optim import validate_params

__all__ = ["MainWindow"]

EXPERIMENT_FILTER = "OptStudio experiments (*.json *.toml);;JSON (*.json);;TOML (*.toml)"
SETTINGS_EXPERIMENT = "session/experiment"

STATE_IDLE, STATE_RUNNING, STATE_PAUSED, STATE_STEPPING, STATE_FINISHED, STATE_FAILED = (
    "idle", "running", "paused", "stepping", "finished", "failed")

# the pages of the plot area, in tab order
PAGE_TRAINING, PAGE_COMPARE, PAGE_TRAJECTORY, PAGE_INSIDE, PAGE_SCHEDULE, PAGE_EWA = range(6)
PAGES = {"training": PAGE_TRAINING, "compare": PAGE_COMPARE, "trajectory": PAGE_TRAJECTORY,
         "inside": PAGE_INSIDE, "schedule": PAGE_SCHEDULE, "ewa": PAGE_EWA}
# what Ctrl+1 … Ctrl+8 show: (key, menu text, page, tab of the Training page or None)
VIEW_KEYS = [
    ("boundary", "Decision boundary", PAGE_TRAINING, 0),
    ("network", "Network", PAGE_TRAINING, 1),
    ("confusion", "Confusion matrix", PAGE_TRAINING, 2),
    ("compare", "Compare optimizers", PAGE_COMPARE, None),
    ("trajectory", "Trajectories (2-D)", PAGE_TRAJECTORY, None),
    ("inside", "Inside the optimizer", PAGE_INSIDE, None),
    ("schedule", "Schedule preview", PAGE_SCHEDULE, None),
    ("ewa", "Averages (EWA)", PAGE_EWA, None),
]


class MainWindow(QMainWindow):
    """The whole application window.

    Signals (for the screenshot mode, tests and anything that drives the window):

    * ``dataReady``: data loaded and a fresh trainer built (Start becomes possible);
    * ``snapshotApplied``: the views were updated from a training snapshot;
    * ``framePainted``: ... and painted (the training thread may send the next one);
    * ``trainingFinished(status)``: a run ended (finished, paused, stopped, diverged, failed).
    """

    dataReady = Signal()
    snapshotApplied = Signal()
    framePainted = Signal()     # the views of the last snapshot are on screen
    trainingFinished = Signal(str)

    def __init__(self, experiment: Experiment | None = None, *, manager=None, restore: bool = True,
                 remember: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager if manager is not None else get_plugin_manager()
        self.remember = remember
        self.setWindowTitle("OptStudio")
        self.setObjectName("OptStudioMainWindow")
        self.setStyleSheet(INVALID_STYLE)
        self._base = Experiment()          # keeps what no widget shows (title, runs, extras, …)
        self._path: Path | None = None
        self._data: LoadedData | None = None
        self._data_request = 0
        self._session: TrainingSession | None = None
        self._generation = 0
        self._state = STATE_IDLE
        self._step_pending = False
        self._loading = False
        self._zombies: list[TrainingSession] = []
        self._closed = False
        self._pending_live: set[str] = set()
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.timeout.connect(self._flush_live)
        self._rate_t: float | None = None
        self._rate_steps = 0
        self._rate_epochs = 0
        self._steps_per_s = math.nan
        self._epochs_per_s = math.nan
        self.last_message: QMessageBox | None = None
        self._last_snap = None
        self._last_record = None
        self._last_inside: dict | None = None    # the newest "inside the optimizer" data
        self._inside_shown = True                # … is what the inside view shows
        self._compare_key: str | None = None     # the shared settings the compare view has
        self._compare_pending: bool | None = None   # a sync waiting for the comparison to end (with runs?)
        self._trajectory_lab: Experiment | None = None   # the lab whose trajectory section the view shows
        self._applying_trajectory = False
        self.snapshots_applied = 0

        self.loader = DataLoaderThread(self)
        self.loader.loader.loaded.connect(self._on_data_loaded, Qt.ConnectionType.QueuedConnection)

        self._build_views()
        self._build_controls()
        self._build_layout()
        self._build_actions()
        self._build_statusbar()

        settings = open_settings() if restore else None
        explicit = experiment is not None
        if experiment is None and settings is not None:
            experiment = self._stored_experiment(settings)
        shown = experiment or self.default_experiment()
        try:
            self.load_experiment_into_widgets(shown, load_data=False)
        except ExperimentError as exc:
            shown = self.default_experiment()
            self.load_experiment_into_widgets(shown, load_data=False)
            if experiment is not None:
                self.show_banner(f"Could not show the experiment: {_html(str(exc))}. Using the defaults.",
                                 kind="notice")
        self.resize(1280, 800)
        if settings is not None:
            self._restore_layout(settings)
        # a file given on the command line opens like File ▸ Open lab…; a restored session stays
        # on the page it was on
        self._show_lab_parts(shown, switch=explicit)
        self._show_numbers()
        self._update_actions()
        QTimer.singleShot(0, self._request_data)   # after the window is on screen

    # =========================================================================== building
    def _build_views(self) -> None:
        self.boundary = BoundaryView()
        self.network_view = NetworkDrawing()
        self.confusion = ConfusionView()
        self.cost_plot = CurvePlot("Cost per epoch", "cost J",
                                   [("cost", "training", "#1f77b4", False),
                                    ("test_cost", "test", "#ff7f0e", True)],
                                   log_toggle=True, y_limits=(0.0, None))
        self.accuracy_plot = CurvePlot("Accuracy per epoch", "accuracy (%)",
                                       [("train_accuracy", "training", "#1f77b4", False),
                                        ("test_accuracy", "test", "#ff7f0e", True)], scale=100.0,
                                       legend_at="bottom", y_limits=(0.0, 100.0))
        self.rate_plot = CurvePlot("Learning rate α per epoch", "α",
                                   [("learning_rate", "α", "#2ca02c", False)], log_toggle=True,
                                   y_limits=(0.0, None))
        self.views = QTabWidget()
        self.views.setObjectName("views")
        self.views.addTab(self.boundary, "Decision boundary")
        self.views.addTab(self.network_view, "Network")
        self.views.addTab(self.confusion, "Confusion matrix")
        self.views.setTabToolTip(0, "What the network predicts everywhere in the input space, with the data.")
        self.views.setTabToolTip(1, "The network's weights: blue positive, red negative, thicker = larger.")
        self.views.setTabToolTip(2, "How many examples of each true class get each predicted class.")
        self.curve_tabs = QTabWidget()
        self.curve_tabs.addTab(self.accuracy_plot, "Accuracy")
        self.curve_tabs.addTab(self.rate_plot, "Learning rate")
        self.curve_tabs.setTabToolTip(0, "Share of correctly classified examples after each epoch.")
        self.curve_tabs.setTabToolTip(1, "The learning rate α the schedule used in each epoch.")
        # the other pages' views are built when first needed (see _page_view): the window opens
        # as fast as before, and a view nobody looks at costs nothing
        self._page_views: dict[int, QWidget] = {}
        self._page_holders: dict[int, QWidget] = {}
        for page in (PAGE_COMPARE, PAGE_TRAJECTORY, PAGE_INSIDE, PAGE_SCHEDULE, PAGE_EWA):
            holder = QWidget()
            holder.setObjectName(f"page_{page}")
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            self._page_holders[page] = holder
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet("QFrame#banner { background: #ffebee; border: 1px solid #e57373; "
                                  "border-radius: 4px; } QLabel { color: #b71c1c; }")
        self.banner_label = QLabel()
        self.banner_label.setWordWrap(True)
        self.banner_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.hide_banner)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.banner_label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.banner.hide()

    def _build_controls(self) -> None:
        self.dataset_panel = DatasetPanel()
        self.network_panel = NetworkPanel()
        self.optimizer_panel = OptimizerPanel(self.manager)
        self.lab_title = QLabel()
        self.lab_title.setWordWrap(True)
        font = self.lab_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.lab_title.setFont(font)
        self.lab_text = QLabel()
        self.lab_text.setWordWrap(True)
        self.lab_text.setTextFormat(Qt.TextFormat.MarkdownText)
        self.lab_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.lab_text.setOpenExternalLinks(False)
        lab_body = QWidget()
        lab_layout = QVBoxLayout(lab_body)
        lab_layout.setContentsMargins(6, 2, 6, 6)
        lab_layout.addWidget(self.lab_title)
        lab_layout.addWidget(self.lab_text)
        lab_body.setStyleSheet("background: #fffde7;")
        self.lab_section = CollapsibleSection("Instructions", lab_body)
        self.lab_section.setObjectName("instructions")
        self.dataset_section = CollapsibleSection("Dataset", self.dataset_panel)
        self.network_section = CollapsibleSection("Network", self.network_panel)
        self.optimizer_section = CollapsibleSection("Optimizer and training", self.optimizer_panel)

        self.dataset_panel.changed.connect(self._on_dataset_changed)
        self.dataset_panel.validityChanged.connect(self._on_validity_changed)
        self.network_panel.changed.connect(self._on_network_changed)
        self.network_panel.validityChanged.connect(self._on_validity_changed)
        self.optimizer_panel.validityChanged.connect(self._on_validity_changed)
        self.optimizer_panel.optimizerChanged.connect(self._on_optimizer_changed)
        self.optimizer_panel.learningRateChanged.connect(self._on_learning_rate_changed)
        self.optimizer_panel.scheduleChanged.connect(self._on_schedule_changed)
        self.optimizer_panel.epochsChanged.connect(self._on_epochs_changed)
        self.optimizer_panel.resetNeeded.connect(self._on_reset_needed)
        # the schedule preview follows everything that shapes α over the planned training
        for signal in (self.optimizer_panel.scheduleChanged, self.optimizer_panel.learningRateChanged,
                       self.optimizer_panel.epochsChanged, self.optimizer_panel.resetNeeded,
                       self.optimizer_panel.validityChanged):
            signal.connect(self._update_schedule_preview)

    def _build_layout(self) -> None:
        column = QWidget()
        column.setObjectName("controls")
        col = QVBoxLayout(column)
        col.setContentsMargins(6, 6, 6, 6)
        col.setSpacing(8)
        self.page_note = QLabel()
        self.page_note.setObjectName("page_note")
        self.page_note.setWordWrap(True)
        self.page_note.setStyleSheet("QLabel#page_note { background: #eef3fb; border: 1px solid #b8c9e6; "
                                     "border-radius: 4px; padding: 6px; }")
        self.page_note.hide()
        col.addWidget(self.page_note)
        for section in (self.lab_section, self.dataset_section, self.network_section, self.optimizer_section):
            col.addWidget(section)
        col.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(300)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.curve_splitter = QSplitter(Qt.Orientation.Vertical)
        self.curve_splitter.setObjectName("curve_splitter")
        self.curve_splitter.addWidget(self.cost_plot)
        self.curve_splitter.addWidget(self.curve_tabs)
        self.plot_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.plot_splitter.setObjectName("plot_splitter")
        self.plot_splitter.addWidget(self.views)
        self.plot_splitter.addWidget(self.curve_splitter)
        self.pages = QTabWidget()
        self.pages.setObjectName("pages")
        self.pages.setDocumentMode(True)
        tips = {
            PAGE_TRAINING: "Train the network set up on the left: decision boundary, network, confusion matrix, "
                           "cost, accuracy and α (Ctrl+1, Ctrl+2, Ctrl+3).",
            PAGE_COMPARE: "Train several optimizers at the same time on the data and network set up on the left, "
                          "from the same initial weights, and compare them (Ctrl+4).",
            PAGE_TRAJECTORY: "Watch optimizers walk down 2-D test functions such as an elongated ellipse or a "
                             "saddle; click on the plot to start from there (Ctrl+5).",
            PAGE_INSIDE: "What the optimizer of the training on the left does with each parameter: its own "
                         "learning rate (Adam, RMSprop), its velocity (momentum) (Ctrl+6).",
            PAGE_SCHEDULE: "The learning rate α the schedule chosen on the left will use in each of the planned "
                           "epochs, before you train (Ctrl+7).",
            PAGE_EWA: "Exponentially weighted averages, the idea behind momentum, RMSprop and Adam, on the "
                      "notes' temperature example (Ctrl+8).",
        }
        holders = self._page_holders
        for page, (widget, text) in enumerate(((self.plot_splitter, "Training"),
                                               (holders[PAGE_COMPARE], "Compare optimizers"),
                                               (holders[PAGE_TRAJECTORY], "Trajectories (2-D)"),
                                               (holders[PAGE_INSIDE], "Inside the optimizer"),
                                               (holders[PAGE_SCHEDULE], "Schedule preview"),
                                               (holders[PAGE_EWA], "Averages (EWA)"))):
            self.pages.addTab(widget, text)
            self.pages.setTabToolTip(page, tips[page])
        self.pages.currentChanged.connect(self._on_page_changed)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.scroll)
        self.main_splitter.addWidget(self.pages)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([380, 900])
        self.plot_splitter.setSizes([480, 420])
        self.curve_splitter.setSizes([400, 320])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcuts=(), tip: str = "", icon=None) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        SP = QStyle.StandardPixmap
        self.start_action = self._action("Start", self._on_start_pause, ["Space"],
                                         "Start training, or pause it (Space)", SP.SP_MediaPlay)
        self.step_action = self._action("Step", self._on_step, ["S", "Ctrl+Right"],
                                        "Train exactly one epoch, then pause (S or Ctrl+→)", SP.SP_MediaSkipForward)
        self.reset_action = self._action("Reset", self._on_reset, ["Ctrl+R"],
                                         "Forget the training: new initial weights from the seed (Ctrl+R)",
                                         SP.SP_BrowserReload)
        self.new_action = self._action("&New", self._on_new, [QKeySequence.StandardKey.New],
                                       "Start over with the default experiment")
        self.open_action = self._action("&Open experiment…", self._on_open, ["Ctrl+O"],
                                        "Open an experiment or lab file (JSON or TOML)")
        self.open_lab_action = self._action("Open &lab…", self._on_open_lab, ["Ctrl+L"],
                                            "Choose one of the bundled labs: ready-made experiments with "
                                            "instructions (Ctrl+L)")
        self.notebook_action = self._action("Open the notebook's lab", self._on_notebook,
                                            tip="The course notebook's setting: moons 300, [2, 5, 2, 1], Adam, "
                                                "α = 0.0007, mini-batches of 64, its seeds")
        self.save_action = self._action("&Save experiment", self._on_save, ["Ctrl+S"],
                                        "Save every setting to the current file")
        self.save_as_action = self._action("Save experiment &as…", self._on_save_as, ["Ctrl+Shift+S"],
                                           "Save every setting to a new JSON or TOML file")
        self.csv_action = self._action("Export history as CSV…", self._on_export_csv,
                                       tip="Cost, accuracy and α of every epoch as a table")
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"], "Close OptStudio")
        self.plugins_action = self._action("Plugins and plugin errors…", self._on_plugins,
                                           tip="Every optimizer and schedule, where it comes from, and what failed "
                                               "to load")
        self.shortcuts_action = self._action("Keyboard shortcuts", self._on_shortcuts, ["F1"],
                                             "List the keyboard shortcuts")
        self.about_action = self._action("About OptStudio", self._on_about, tip="Version and purpose")
        self.view_actions: dict[str, QAction] = {}
        for number, (key, text, page, _tab) in enumerate(VIEW_KEYS, start=1):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setData(key)
            where = "the Training tab's " if page == PAGE_TRAINING else "the tab "
            action.setToolTip(f"Show {where}“{text}” (Ctrl+{number})")
            action.setStatusTip(action.toolTip())
            action.triggered.connect(self._on_view_action)
            self.addAction(action)
            self.view_actions[key] = action
        self.export_actions: dict[str, QAction] = {}
        for key, text in (("boundary", "Decision boundary"), ("cost", "Cost"), ("accuracy", "Accuracy"),
                          ("learning_rate", "Learning rate")):
            action = QAction(f"{text}…", self)
            action.setData(key)
            action.setToolTip(f"Save the {text.lower()} plot as PNG or SVG")
            action.triggered.connect(self._on_export_plot)
            self.export_actions[key] = action

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.new_action, self.open_action, self.open_lab_action, self.notebook_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        export = file_menu.addMenu("Export plot as PNG or SVG")
        for action in self.export_actions.values():
            export.addAction(action)
        file_menu.addAction(self.csv_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        train_menu = bar.addMenu("&Training")
        for action in (self.start_action, self.step_action, self.reset_action):
            train_menu.addAction(action)
        view_menu = bar.addMenu("&View")
        for key, action in self.view_actions.items():
            view_menu.addAction(action)
            if key == "confusion":
                view_menu.addSeparator()
        plugin_menu = bar.addMenu("&Plugins")
        plugin_menu.addAction(self.plugins_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.plugins_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

        tools = self.addToolBar("Training")
        tools.setObjectName("training_toolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.setMovable(False)
        for action in (self.start_action, self.step_action, self.reset_action):
            tools.addAction(action)
        tools.addSeparator()
        self.state_label = QLabel()
        self.state_label.setContentsMargins(8, 0, 8, 0)
        longest = max(("Loading data…", "Fix the data settings", "Fix the network settings",
                       "Stopped: see the message", "One epoch…", "Training…"),
                      key=self.state_label.fontMetrics().horizontalAdvance)
        self.state_label.setMinimumWidth(self.state_label.fontMetrics().horizontalAdvance(longest) + 20)
        self.state_label.setToolTip("What the trainer is doing")
        self._training_widgets = [tools.addWidget(self.state_label)]   # shown on the pages that train
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tools.addWidget(spacer)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setMinimumWidth(260)
        self.progress.setMaximumWidth(380)
        self.progress.setTextVisible(True)
        self.progress.setToolTip("Epochs done out of the planned number, and the estimated time left")
        self._training_widgets.append(tools.addWidget(self.progress))

    def _build_statusbar(self) -> None:
        bar = self.statusBar()
        self.epoch_label = QLabel()
        self.cost_label = QLabel()
        self.accuracy_label = QLabel()
        self.speed_label = QLabel()
        tips = ("Epochs completed", "Training cost J of the last epoch (test cost in brackets)",
                "Share of training examples classified correctly (test in brackets)",
                "Optimizer steps (mini-batch updates) per second")
        widths = ("Epoch 10,000 / 10,000", "cost 0.0000 (test 0.0000)", "accuracy 100.0 % (test 100.0 %)",
                  "100,000 steps/s")
        for label, tip, text in zip((self.epoch_label, self.cost_label, self.accuracy_label, self.speed_label),
                                    tips, widths):
            label.setToolTip(tip)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(text) + 8)
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)

    # =========================================================================== experiment <-> widgets
    def experiment_from_widgets(self) -> Experiment:
        """Every setting shown in the window as an Experiment (plus what it keeps from the file:
        title, instructions, runs, extras, network details without a widget)."""
        exp = self._base.copy()
        exp.data = self.dataset_panel.spec()
        exp.network = self.network_panel.spec(base=exp.network)
        exp.optimizer = self.optimizer_panel.optimizer_spec()
        exp.schedule = self.optimizer_panel.schedule_spec()
        exp.training = self.optimizer_panel.training_spec()
        return exp

    def load_experiment_into_widgets(self, experiment: Experiment, *, load_data: bool = True) -> None:
        """Show ``experiment`` in the widgets. Raises ExperimentError (nothing changed) if it
        names an optimizer or schedule that is not installed or has bad hyperparameters."""
        exp = experiment.copy()
        exp.validate()
        try:
            opt = self.manager.optimizer_info(exp.optimizer.name)
            sched = self.manager.schedule_info(exp.schedule.name)
            exp.optimizer.params = opt.validate(exp.optimizer.params)
            exp.schedule.params = validate_params(sched.params, exp.schedule.params,
                                                  f"schedule {exp.schedule.name!r}")
        except (ValueError, KeyError) as exc:
            raise ExperimentError(str(exc).strip("'\"")) from None
        self._loading = True
        try:
            self._base = exp.copy()
            self.dataset_panel.set_spec(exp.data)
            self.network_panel.set_spec(exp.network)
            self.optimizer_panel.set_specs(exp.optimizer, exp.schedule, exp.training)
        finally:
            self._loading = False
        self.lab_title.setText(exp.title)
        self.lab_title.setVisible(bool(exp.title))
        self.lab_text.setText(exp.instructions)
        self.lab_text.setVisible(bool(exp.instructions))
        self.lab_section.setVisible(bool(exp.title or exp.instructions))
        self.lab_section.setExpanded(True)
        self._update_title()
        self._update_schedule_preview()
        self._sync_compare(with_runs=True)
        if load_data:
            self._request_data()

    def default_experiment(self) -> Experiment:
        """``Experiment()``, with the first available optimizer/schedule if its own are missing
        (e.g. a broken built-in plugin: the window must still open)."""
        exp = Experiment()
        if exp.optimizer.name not in self.manager.optimizers and self.manager.optimizers:
            name, info = next(iter(self.manager.optimizers.items()))
            exp.optimizer.name, exp.optimizer.params = name, {}
            exp.optimizer.learning_rate = float(info.default_learning_rate)
        if exp.schedule.name not in self.manager.schedules and self.manager.schedules:
            exp.schedule.name, exp.schedule.params = next(iter(self.manager.schedules)), {}
        return exp

    def _update_title(self) -> None:
        parts = ["OptStudio"]
        if self._base.title:
            parts.append(self._base.title)
        if self._path is not None:
            parts.append(self._path.name)
        self.setWindowTitle(" — ".join(parts))

    # =========================================================================== data
    @Slot()
    def _request_data(self) -> None:
        if self._closed:
            return
        self._discard_session()
        self._data = None
        self.dataset_panel.show_error(None)
        self._set_state(STATE_IDLE)
        self.state_label.setText("Loading data…")
        self._data_request = self.loader.request(self.dataset_panel.spec())
        self._update_actions()

    @Slot(int, object)
    def _on_data_loaded(self, request_id: int, data: LoadedData) -> None:
        if request_id != self._data_request:
            return                               # an older request: a newer one is coming
        preview = self.dataset_panel.preview
        if data.dataset is None:
            self._data = None
            self.dataset_panel.show_error(data.error)
            self.dataset_panel.info.setText("")
            preview.clear()
            self.boundary.set_data(None)
            self.network_panel.set_io(None, None)
            self.state_label.setText("Fix the data settings")
            self._update_actions()
            return
        self._data = data
        ds = data.dataset
        _freeze_startup_objects()
        self.dataset_panel.show_error(None)
        axis = tuple(ds.feature_names[:2]) if data.pca is None else ("PC 1", "PC 2")
        preview.show_points(data.train_xy, data.y_train_drawn, data.test_xy, data.y_test_drawn, ds.class_names, axis)
        shown = "" if data.pca is None else " (drawn as a 2-D PCA projection)"
        if len(data.train_index) < ds.m_train:
            shown += f" · {len(data.train_index):,} points drawn"
        self.dataset_panel.info.setText(
            f"<b>{ds.m_train:,}</b> training and <b>{ds.m_test:,}</b> test examples · "
            f"<b>{ds.n_features}</b> features{shown} · <b>{ds.n_classes}</b> classes")
        self.network_panel.set_io(ds.n_features, ds.n_classes)
        self.confusion.set_classes(ds.class_names)
        self._update_schedule_preview()
        has_test = ds.m_test > 0
        self.cost_plot.set_enabled({"cost", "test_cost"} if has_test else {"cost"})
        self.accuracy_plot.set_enabled({"train_accuracy", "test_accuracy"} if has_test else {"train_accuracy"})
        self._new_session()

    # =========================================================================== sessions
    def _fields_valid(self) -> bool:
        return self.dataset_panel.is_valid() and self.network_panel.is_valid() and self.optimizer_panel.is_valid()

    def field_errors(self) -> list[str]:
        return self.dataset_panel.errors() + self.network_panel.errors() + self.optimizer_panel.errors()

    def _new_session(self) -> None:
        """Discard the trainer and build a fresh one from the widgets (untrained)."""
        self._discard_session()
        if self._closed:
            return
        self._reset_views()
        if self._data is None or self._data.dataset is None or not self._fields_valid():
            self._update_actions()
            return
        if self.network_panel.layer_dims() is None:     # e.g. bce with 3 classes: shown in the panel
            self.state_label.setText("Fix the network settings")
            self._update_actions()
            return
        experiment = self.experiment_from_widgets()
        self._generation += 1
        try:
            session = TrainingSession(experiment, self.manager, self._data, self._generation, parent=self)
        except (ExperimentError, DataError, ValueError) as exc:
            self.show_banner(f"Cannot build the trainer: {_html(str(exc))}")
            self._update_actions()
            return
        except Exception as exc:  # noqa: BLE001 - a plugin crashing while being built
            self.show_banner(f"Cannot build the trainer: {type(exc).__name__}: {_html(str(exc))}")
            self._update_actions()
            return
        session.connect(self._on_snapshot, self._on_run_finished)
        session.set_inside_wanted(self.pages.currentIndex() == PAGE_INSIDE)
        self._session = session
        self._hide_training_banner()
        self.boundary.set_data(self._data, "probability" if session.output_units == 1 else "class")
        self.network_view.set_architecture(session.run.network.layer_dims, self._layer_labels())
        self.network_panel.drawing.set_architecture(session.run.network.layer_dims)
        self._apply_snapshot(session.initial_snapshot())
        self._set_state(STATE_IDLE)
        self._update_actions()
        self.dataReady.emit()

    def _layer_labels(self) -> list[str]:
        spec = self.network_panel.spec()
        out = {"bce": "sigmoid", "softmax": "softmax"}.get(spec.loss, spec.output_activation)
        return ["", *spec.activations, out]

    def _discard_session(self) -> None:
        session, self._session = self._session, None
        self._step_pending = False
        self._pending_live.clear()
        self._live_timer.stop()
        if session is None:
            return
        if not session.shutdown():
            self._zombies.append(session)      # still finishing an epoch: waited for on close
        else:
            session.setParent(None)
            session.deleteLater()

    def _reset_views(self) -> None:
        span = int(self.optimizer_panel.epochs.value())
        for plot in (self.cost_plot, self.accuracy_plot, self.rate_plot):
            plot.clear()
            plot.set_span(span)
        self._rate_t = None
        self._steps_per_s = self._epochs_per_s = math.nan
        self._last_snap = None
        self._last_record = None
        self._last_inside = None
        self._inside_shown = True
        if PAGE_INSIDE in self._page_views:
            self.inside_view.clear()
        self._show_numbers()

    # =========================================================================== controls
    @Slot()
    def _on_start_pause(self) -> None:
        if self._state == STATE_RUNNING:
            self.pause_training()
        else:
            self.start_training()

    def can_start(self) -> bool:
        s = self._session
        return (s is not None and not self._closed and self._fields_valid()
                and self._state not in (STATE_RUNNING, STATE_STEPPING, STATE_FAILED)
                and s.run.epoch < int(self.optimizer_panel.epochs.value()))

    def start_training(self) -> bool:
        """Start or resume. Returns False (and does nothing) if that is not possible now."""
        self._flush_live()
        if not self.can_start():
            return False
        s = self._session
        trainer = s.run
        target = int(self.optimizer_panel.epochs.value())
        if s.in_run:                       # paused inside run(): continue it
            s.resume()
        elif trainer.epoch >= trainer.epochs:   # finished, then the epochs were raised
            s.apply_changes(epochs=target)
            s.request_run(target - trainer.epoch)
        else:
            s.request_run(0)
        self._rate_t = None
        self._set_state(STATE_RUNNING)
        self._update_actions()
        return True

    def pause_training(self) -> None:
        self._flush_live()
        if self._session is not None and self._state == STATE_RUNNING:
            self._session.pause()
            self._set_state(STATE_PAUSED)
            self._update_actions()

    @Slot()
    def _on_step(self) -> None:
        self.step_epoch()

    def step_epoch(self) -> bool:
        """Train exactly one epoch (from idle, paused or finished)."""
        self._flush_live()
        s = self._session
        if s is None or self._closed or not self._fields_valid() \
                or self._state in (STATE_RUNNING, STATE_STEPPING, STATE_FAILED):
            return False
        if s.in_run:                       # paused inside run(): end that run, then one epoch
            self._step_pending = True
            s.stop()
        else:
            s.request_run(1)
        self._set_state(STATE_STEPPING)
        self._update_actions()
        return True

    @Slot()
    def _on_reset(self) -> None:
        self.reset_training()

    def reset_training(self) -> None:
        if self._data is None:
            self._request_data()
        else:
            self._new_session()

    @Slot()
    def _on_reset_needed(self) -> None:
        if not self._loading:
            self._new_session()
            self._sync_compare()

    # =========================================================================== snapshots
    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        session = self._session
        if session is None or snap.generation != session.generation:
            return                               # from a discarded trainer
        try:
            self._apply_snapshot(snap)
            self._paint_now()
        finally:
            session.frame_done()
            self.framePainted.emit()

    def _paint_now(self) -> None:
        """Draw the frame now, in one go, while the training thread waits with the GIL released.

        Only the scene updates of the plots and the window's paint request are processed here
        (not other queued calls, which keep their turn in the event loop).
        """
        scenes = [plot.plot.scene() for plot in (self.boundary, self.cost_plot, self.accuracy_plot, self.rate_plot)]
        if self.pages.currentIndex() == PAGE_INSIDE:
            scenes += [self.inside_view.step_plot.scene(), self.inside_view.bar_plot.scene()]
        for scene in scenes:
            QCoreApplication.sendPostedEvents(scene, QEvent.Type.MetaCall)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.UpdateRequest)

    def _apply_snapshot(self, snap) -> None:
        if snap.records:
            self.cost_plot.append(snap.records)
            self.accuracy_plot.append(snap.records)
            self.rate_plot.append(snap.records)
        self.boundary.set_snapshot(snap)
        if snap.weights is not None:
            self.network_view.set_weights(snap.weights)
            self.network_panel.drawing.set_weights(snap.weights)
        if snap.confusion is not None:
            self.confusion.set_counts(snap.confusion, snap.confusion_set)
        if snap.inside is not None:
            self._last_inside = snap.inside
            self._inside_shown = False
            if self.pages.currentIndex() == PAGE_INSIDE:
                self._show_inside()
        self._measure_rate(snap)
        self._last_snap = snap
        if snap.records:
            self._last_record = snap.records[-1]
        self._show_numbers()
        self.snapshots_applied += 1
        self.snapshotApplied.emit()

    def _measure_rate(self, snap) -> None:
        now = snap.made_at or time.perf_counter()
        if self._rate_t is None or snap.status != "running":
            if snap.status == "running":
                self._rate_t, self._rate_steps, self._rate_epochs = now, snap.steps, snap.epoch
            else:
                self._rate_t = None
            return
        dt = now - self._rate_t
        if dt < 0.2:
            return
        steps = (snap.steps - self._rate_steps) / dt
        epochs = (snap.epoch - self._rate_epochs) / dt
        a = 0.5 if math.isfinite(self._steps_per_s) else 1.0
        self._steps_per_s = a * steps + (1 - a) * (self._steps_per_s if math.isfinite(self._steps_per_s) else 0)
        self._epochs_per_s = a * epochs + (1 - a) * (self._epochs_per_s if math.isfinite(self._epochs_per_s) else 0)
        self._rate_t, self._rate_steps, self._rate_epochs = now, snap.steps, snap.epoch

    def _show_numbers(self) -> None:
        """Status bar and progress bar from the last snapshot."""
        snap, record = self._last_snap, self._last_record
        target = int(self.optimizer_panel.epochs.value())
        epoch = snap.epoch if snap is not None else 0
        self.epoch_label.setText(f"Epoch {epoch:,} / {target:,}")
        if record is None:
            self.cost_label.setText("cost –")
            self.accuracy_label.setText("accuracy –")
        else:
            test = f" (test {format_number(record.test_cost, 4)})" if math.isfinite(record.test_cost) else ""
            self.cost_label.setText(f"cost {format_number(record.cost, 4)}{test}")
            test = f" (test {record.test_accuracy * 100:.1f} %)" if math.isfinite(record.test_accuracy) else ""
            self.accuracy_label.setText(f"accuracy {record.train_accuracy * 100:.1f} %{test}")
        running = snap is not None and snap.status == "running"
        if running and math.isfinite(self._steps_per_s):
            self.speed_label.setText(f"{format_count(self._steps_per_s)} steps/s")
        elif not running:
            # paused or over: the run's average speed (pure training time, pauses excluded)
            if record is not None and snap is not None and snap.steps and record.elapsed > 0:
                self.speed_label.setText(f"{format_count(snap.steps / record.elapsed)} steps/s on average")
            else:
                self.speed_label.setText("– steps/s")
        self.progress.setMaximum(max(target, 1))
        self.progress.setValue(min(epoch, target))
        eta = ""
        if running and math.isfinite(self._epochs_per_s) and self._epochs_per_s > 0 and target > epoch:
            eta = f" · ETA {format_duration((target - epoch) / self._epochs_per_s)}"
        self.progress.setFormat(f"{epoch:,} / {target:,} epochs{eta}")

    @Slot(object)
    def _on_run_finished(self, outcome) -> None:
        session = self._session
        if session is None or outcome.generation != session.generation:
            return
        session.in_run = False
        if self._step_pending:
            self._step_pending = False
            session.request_run(1)
            return
        status = outcome.status
        if status == "finished":
            self._set_state(STATE_FINISHED)
            self.statusBar().showMessage(outcome.message, 8000)
        elif status in ("diverged", "failed"):
            self._set_state(STATE_FAILED)
            title = "Training diverged" if status == "diverged" else "Training failed"
            self.show_banner(f"<b>{title}.</b> {_html(outcome.message)} "
                             f"Change the settings (or press Reset) to try again.")
        else:                               # paused / stopped: can continue
            self._set_state(STATE_PAUSED)
        self._update_actions()
        self.trainingFinished.emit(status)

    # =========================================================================== live changes
    def _live_trainer(self):
        """The trainer that already trained (changes apply to it), or None (rebuild instead)."""
        s = self._session
        if s is None or self._loading or not self._fields_valid():
            return None
        if (s.run.epoch == 0 and not s.in_run) or self._state == STATE_FAILED:
            return None               # untrained, or diverged/failed: start over with the change
        return s.run

    def _apply_live(self, **changes) -> None:
        trainer = self._live_trainer()
        if trainer is None:
            if not self._loading:
                self._new_session() if self._fields_valid() else self._update_actions()
            return
        try:
            self._session.apply_changes(**changes)
        except Exception as exc:  # noqa: BLE001 - a plugin failing to build
            self.show_banner(f"Cannot apply the change: {exc}")
            return
        if self._state == STATE_FAILED:
            return
        self.statusBar().showMessage("The change applies from the next step.", 4000)
        self._update_actions()

    # While training runs, a change is applied once the typing has stopped for LIVE_DELAY_MS
    # (typing "5000" into Epochs must not end the run at "5"; "7e-4" must not train with α = 7).
    # Paused, idle or finished: at once. Start, Step and Pause apply what is pending first.
    LIVE_DELAY_MS = 400

    def _live_change(self, kind: str) -> None:
        if self._loading:
            return
        if self._state == STATE_RUNNING and self._live_trainer() is not None:
            self._pending_live.add(kind)
            self._live_timer.start(self.LIVE_DELAY_MS)
            self._update_actions()
            return
        self._apply_kind(kind)

    @Slot()
    def _flush_live(self) -> None:
        self._live_timer.stop()
        kinds, self._pending_live = self._pending_live, set()
        for kind in ("optimizer", "learning_rate", "schedule", "epochs"):
            if kind in kinds:
                self._apply_kind(kind)

    def _apply_kind(self, kind: str) -> None:
        panel = self.optimizer_panel
        if kind == "epochs":
            target = int(panel.epochs.value())
            session = self._session
            if session is not None and panel.epochs.is_valid():
                session.apply_changes(epochs=target)   # from the next epoch (or the next run)
                if self._state == STATE_FINISHED and session.run.epoch < target:
                    self._set_state(STATE_PAUSED)
            self._update_actions()
            return
        if self._live_trainer() is None:
            self._apply_live()            # nothing trained yet (or failed): a fresh trainer
            return
        try:
            if kind == "optimizer":
                optimizer = self.manager.create_optimizer(panel.optimizer_name(), panel.form.values())
                self._apply_live(optimizer=optimizer, learning_rate=panel.learning_rate.value())
            elif kind == "learning_rate":
                self._apply_live(learning_rate=panel.learning_rate.value())
            elif kind == "schedule":
                schedule = self.manager.create_schedule(panel.schedule_name(), panel.schedule_form.values())
                per = self.manager.schedule_info(panel.schedule_name()).per
                self._apply_live(schedule=schedule, schedule_per=per)
        except Exception:  # noqa: BLE001 - bad values are shown inline by the panel
            self._update_actions()

    @Slot()
    def _on_optimizer_changed(self) -> None:
        self._live_change("optimizer")

    @Slot()
    def _on_learning_rate_changed(self) -> None:
        self._live_change("learning_rate")

    @Slot()
    def _on_schedule_changed(self) -> None:
        self._live_change("schedule")

    @Slot()
    def _on_epochs_changed(self) -> None:
        target = int(self.optimizer_panel.epochs.value())
        for plot in (self.cost_plot, self.accuracy_plot, self.rate_plot):
            plot.set_span(target)
        self._show_numbers()
        self._live_change("epochs")
        self._update_actions()
        self._sync_compare()

    @Slot()
    def _on_dataset_changed(self) -> None:
        if not self._loading:
            self._request_data()
            self._sync_compare()

    @Slot()
    def _on_network_changed(self) -> None:
        if not self._loading:
            self._new_session()
            self._sync_compare()

    @Slot()
    def _on_validity_changed(self) -> None:
        if self._loading:
            return
        if self._session is None and self._data is not None and self._fields_valid():
            self._new_session()
        self._update_actions()

    # =========================================================================== state display
    def _set_state(self, state: str) -> None:
        self._state = state
        texts = {STATE_IDLE: "Ready", STATE_RUNNING: "Training…", STATE_PAUSED: "Paused",
                 STATE_STEPPING: "One epoch…", STATE_FINISHED: "Finished", STATE_FAILED: "Stopped: see the message"}
        self.state_label.setText(texts.get(state, state))

    @property
    def state(self) -> str:
        return self._state

    @property
    def session(self) -> TrainingSession | None:
        return self._session

    def trains_here(self) -> bool:
        """Whether the current page shows the window's own training (Start/Step/Reset apply)."""
        return self.pages.currentIndex() in (PAGE_TRAINING, PAGE_INSIDE, PAGE_SCHEDULE)

    def _update_actions(self) -> None:
        running = self._state == STATE_RUNNING
        here = self.trains_here()
        elsewhere = ("This tab has its own buttons. Start, Step and Reset train the network of the "
                     "Training tab (Ctrl+1).")
        SP = QStyle.StandardPixmap
        if running:
            self.start_action.setText("Pause")
            self.start_action.setIcon(self.style().standardIcon(SP.SP_MediaPause))
            self.start_action.setEnabled(True)
            self.start_action.setToolTip("Pause training (Space)")
        else:
            paused = self._state == STATE_PAUSED or (self._state == STATE_FINISHED and self.can_start())
            self.start_action.setText("Resume" if paused else "Start")
            self.start_action.setIcon(self.style().standardIcon(SP.SP_MediaPlay))
            can = self.can_start()
            self.start_action.setEnabled(can and here)
            errors = self.field_errors()
            if not here:
                tip = elsewhere
            elif errors:
                tip = "Fix the fields marked in red first:\n" + "\n".join(errors)
            elif self._data is None:
                tip = "Waiting for the data"
            elif self._state == STATE_FINISHED and not can:
                tip = "Finished: raise the number of epochs to continue, or Reset"
            else:
                tip = "Start training (Space)" if not paused else "Continue training (Space)"
            self.start_action.setToolTip(tip)
        stepping = self._state == STATE_STEPPING
        self.step_action.setEnabled(here and self._session is not None and self._fields_valid() and not running
                                    and not stepping and self._state != STATE_FAILED)
        self.reset_action.setEnabled(here)
        self.step_action.setToolTip("Train exactly one epoch, then pause (S or Ctrl+→)" if here else elsewhere)
        self.reset_action.setToolTip("Forget the training: new initial weights from the seed (Ctrl+R)"
                                     if here else elsewhere)
        self.csv_action.setEnabled(self._session is not None)

    # =========================================================================== pages and views
    def _page_view(self, page: int) -> QWidget:
        """The view of ``page``, built (and brought up to date) the first time it is needed."""
        view = self._page_views.get(page)
        if view is not None:
            return view
        if page == PAGE_COMPARE:
            view = CompareView(self.manager)
            view.setObjectName("compare_view")
            view.runningChanged.connect(self._on_compare_running)
        elif page == PAGE_TRAJECTORY:
            view = TrajectoryView(self.manager)
            view.setObjectName("trajectory_view")
            view.function_combo.currentIndexChanged.connect(self._on_trajectory_function)
        elif page == PAGE_INSIDE:
            view = InsideView(self.manager)
            view.setObjectName("inside_view")
        elif page == PAGE_SCHEDULE:
            view = SchedulePreview(self.manager)
            view.setObjectName("schedule_preview")
            view.set_controls_visible(False)
        elif page == PAGE_EWA:
            view = EwaView(self.manager)
            view.setObjectName("ewa_view")
        else:
            raise KeyError(page)
        self._page_views[page] = view
        self._page_holders[page].layout().addWidget(view)
        view.show()              # (at once, not at the next turn of the event loop)
        if page == PAGE_COMPARE:
            self._compare_key = None
            self._sync_compare(with_runs=True)
            if self._base.runs:
                view.set_status(f"Press ▶ Start to train the {len(self._base.runs)} configurations "
                                f"of “{self._base.title or 'the experiment'}” side by side.")
        elif page == PAGE_TRAJECTORY and self._trajectory_lab is not None:
            from optstudio.labs import trajectory_view_settings  # noqa: PLC0415
            try:
                settings = trajectory_view_settings(self._trajectory_lab, manager=self.manager)
            except ExperimentError:
                settings = None
            if settings:
                self._apply_trajectory(settings)
        elif page == PAGE_INSIDE:
            self._inside_shown = self._last_inside is None
            if self._last_inside is not None:
                self._show_inside()
        elif page == PAGE_SCHEDULE:
            self._update_schedule_preview()
        return view

    @property
    def compare_view(self) -> CompareView:
        """The "Compare optimizers" view (built on first use)."""
        return self._page_view(PAGE_COMPARE)

    @property
    def trajectory_view(self) -> TrajectoryView:
        """The "Trajectories (2-D)" view (built on first use)."""
        return self._page_view(PAGE_TRAJECTORY)

    @property
    def inside_view(self) -> InsideView:
        """The "Inside the optimizer" view (built on first use)."""
        return self._page_view(PAGE_INSIDE)

    @property
    def schedule_preview(self) -> SchedulePreview:
        """The "Schedule preview" view (built on first use)."""
        return self._page_view(PAGE_SCHEDULE)

    @property
    def ewa_view(self) -> EwaView:
        """The "Averages (EWA)" view (built on first use)."""
        return self._page_view(PAGE_EWA)

    def show_view(self, key: str) -> None:
        """Show a view: ``boundary``, ``network``, ``confusion`` (pages of Training), ``training``,
        ``compare``, ``trajectory``, ``inside``, ``schedule`` or ``ewa``."""
        for view_key, _text, page, tab in VIEW_KEYS:
            if view_key == key:
                if tab is not None:
                    self.views.setCurrentIndex(tab)
                self.pages.setCurrentIndex(page)
                return
        if key not in PAGES:
            raise KeyError(f"unknown view {key!r}")
        self.pages.setCurrentIndex(PAGES[key])

    @property
    def current_page(self) -> str:
        return next(key for key, index in PAGES.items() if index == self.pages.currentIndex())

    @Slot()
    def _on_view_action(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.show_view(str(action.data()))

    @Slot(int)
    def _on_page_changed(self, index: int) -> None:
        # the 2-D trajectories and the EWA example have their own settings: the data, network
        # and optimizer settings (which they do not use) make room for a note; the lab's
        # instructions stay
        standalone = index in (PAGE_TRAJECTORY, PAGE_EWA)
        for section in (self.dataset_section, self.network_section, self.optimizer_section):
            section.setVisible(not standalone)
        if standalone:
            name = self.pages.tabText(index)
            self.page_note.setText(
                f"<b>{name}</b> has its own settings, next to its plot. The dataset, network and optimizer "
                f"settings are for the tabs Training, Compare optimizers, Inside the optimizer and Schedule "
                f"preview (Ctrl+1 … Ctrl+7).")
        self.page_note.setVisible(standalone)
        # the window's own training (state, progress, cost in the status bar) only where it is shown
        here = self.trains_here()
        for action in self._training_widgets:
            action.setVisible(here)
        for label in (self.epoch_label, self.cost_label, self.accuracy_label, self.speed_label):
            label.setVisible(here)
        if index == PAGE_SCHEDULE:         # the settings the preview follows
            self.scroll.widget().layout().activate()      # (sections may have just reappeared)
            self.scroll.verticalScrollBar().setValue(self.optimizer_section.y() - 4)
        self._update_actions()
        if index in self._page_holders:
            self._page_view(index)             # built the first time its page is shown
        if self._session is not None:
            self._session.set_inside_wanted(index == PAGE_INSIDE)
        if index == PAGE_INSIDE:
            self._show_inside()
        elif index == PAGE_COMPARE:
            self._sync_compare()
        trajectory = self._page_views.get(PAGE_TRAJECTORY)
        if index != PAGE_TRAJECTORY and trajectory is not None and trajectory.is_playing():
            trajectory.pause()

    def _show_inside(self) -> None:
        """Draw the newest "inside the optimizer" data if the view does not show it yet."""
        if self._last_inside is not None and not self._inside_shown:
            self.inside_view.set_snapshot(self._last_inside)
            self._inside_shown = True

    def steps_per_epoch(self) -> int:
        """⌈training examples / mini-batch size⌉ (1 while the data is not loaded)."""
        if self._data is None or self._data.dataset is None:
            return 1
        batch = max(int(self.optimizer_panel.batch.value()), 1)
        return max(1, math.ceil(self._data.dataset.m_train / batch))

    @Slot()
    def _update_schedule_preview(self) -> None:
        """α over the planned epochs from the optimizer panel's schedule, α, epochs, batch size."""
        if PAGE_SCHEDULE not in self._page_views:
            return                        # (done when the preview is built)
        panel = self.optimizer_panel
        problems = []
        if not panel.learning_rate.is_valid():
            problems.append(f"learning rate α: {panel.learning_rate.error_message()}")
        problems += [f"schedule {e}" for e in panel.schedule_form.errors()]
        for key in ("epochs", "batch"):
            field = panel.training_rows[key].field
            if not field.is_valid():
                problems.append(f"{key}: {field.error_message()}")
        if panel.schedule_error.text():
            problems.append(panel.schedule_error.text())
        if problems:
            self.schedule_preview.show_problem(f"Fix the optimizer settings on the left first: {problems[0]}")
            return
        self.schedule_preview.set_schedule(panel.schedule_name(), panel.schedule_form.values(),
                                           float(panel.learning_rate.value()), int(panel.epochs.value()),
                                           self.steps_per_epoch())

    def _sync_compare(self, *, with_runs: bool = False) -> None:
        """Give the comparison the window's data, network and training settings (and, with
        ``with_runs``, the experiment's runs as its configurations). Waits while it trains."""
        view = self._page_views.get(PAGE_COMPARE)
        if self._closed or view is None:
            return                        # (done when the view is built)
        if view.is_running():
            if with_runs:
                self._compare_pending = True
                view.stop()                # a new lab replaces the comparison
            elif self._compare_pending is None:
                self._compare_pending = False
            return
        if self._fields_valid():
            try:
                exp = self.experiment_from_widgets()
            except Exception:  # noqa: BLE001 - a field the panels did not flag: try later
                return
        elif with_runs:
            exp = self._base.copy()
        else:
            return
        data = exp.to_dict()
        key = json.dumps({k: data.get(k) for k in ("data", "network", "training")}, sort_keys=True, default=str)
        if not with_runs:
            if key == self._compare_key:
                return
            exp.runs = []              # keep the student's configurations
        self._compare_key = key
        view.set_base_experiment(exp)

    @Slot(bool)
    def _on_compare_running(self, running: bool) -> None:
        if running or self._compare_pending is None:
            return
        with_runs, self._compare_pending = self._compare_pending, None
        self._sync_compare(with_runs=with_runs)

    # =========================================================================== banner, messages
    def show_banner(self, html: str, kind: str = "training") -> None:
        """A red message above the plots. ``kind="training"`` (training and trainer problems)
        disappears with the next fresh trainer; a ``"notice"`` stays until closed."""
        self._banner_kind = kind
        self.banner_label.setText(html)
        self.banner.show()

    @Slot()
    def hide_banner(self) -> None:
        self.banner.hide()

    def _hide_training_banner(self) -> None:
        if getattr(self, "_banner_kind", "training") == "training":
            self.banner.hide()

    @property
    def banner_text(self) -> str:
        return self.banner_label.text() if self.banner.isVisible() else ""

    def show_message(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the caller (the window stays usable)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.open()
        self.last_message = box
        return box

    # =========================================================================== files
    @Slot()
    def _on_new(self) -> None:
        self._path = None
        self.load_experiment_into_widgets(self.default_experiment())

    @Slot()
    def _on_notebook(self) -> None:
        from optstudio.core.experiment import notebook_preset  # noqa: PLC0415
        self._path = None
        self.load_experiment_into_widgets(notebook_preset())

    @Slot()
    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open experiment", self._dialog_dir(), EXPERIMENT_FILTER)
        if path:
            self.open_experiment(path)

    def open_experiment(self, path) -> bool:
        """Load an experiment file; on any problem show a message and keep the current one."""
        path = Path(path)
        try:
            experiment = Experiment.load(path)
            self.load_experiment_into_widgets(experiment)
        except (ExperimentError, DataError, ValueError) as exc:
            self.show_message("Cannot open the experiment", f"{path.name}: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001
            self.show_message("Cannot open the experiment", f"{path.name}: {type(exc).__name__}: {exc}")
            return False
        self._path = path
        self._update_title()
        self._show_lab_parts(experiment, switch=True)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    @Slot()
    def _on_open_lab(self) -> None:
        dialog = LabDialog(parent=self)
        if dialog.exec() == LabDialog.DialogCode.Accepted and dialog.selected_path is not None:
            self.open_lab(dialog.selected_path)

    def open_lab(self, lab) -> bool:
        """Open a bundled lab (name, number or file; see :func:`optstudio.labs.find_lab`) or any
        lab file: fill the widgets, show the instructions, give the comparison its runs and the
        trajectory view its settings, and show the page the lab is about. On a problem: a message,
        nothing changed."""
        from optstudio.labs import find_lab, lab_dir, load_lab  # noqa: PLC0415

        try:
            path = find_lab(lab)
            experiment = load_lab(path)
            self.load_experiment_into_widgets(experiment)
        except (ExperimentError, DataError, ValueError) as exc:
            self.show_message("Cannot open the lab", f"{lab if isinstance(lab, str) else Path(lab).name}: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001
            self.show_message("Cannot open the lab", f"{type(exc).__name__}: {exc}")
            return False
        try:
            bundled = path.resolve().parent == lab_dir()
        except OSError:
            bundled = False
        self._path = None if bundled else path       # Save must not overwrite a bundled lab
        self._update_title()
        self._show_lab_parts(experiment, switch=True)
        self.statusBar().showMessage(f"Opened the lab {path.name}", 5000)
        return True

    def _show_lab_parts(self, experiment: Experiment, *, switch: bool) -> None:
        """The parts of a lab beyond the widgets: its trajectory section goes to the trajectory
        view; with ``switch``, the page the lab is about is shown (comparison, trajectories or
        training)."""
        from optstudio.labs import has_trajectory, trajectory_view_settings  # noqa: PLC0415

        page = PAGE_COMPARE if experiment.runs else None
        self._trajectory_lab = None
        if has_trajectory(experiment):
            try:
                settings = trajectory_view_settings(experiment, manager=self.manager)
            except ExperimentError as exc:
                self.show_banner(f"The lab's trajectory section cannot be shown: {_html(str(exc))}", kind="notice")
            else:
                if settings:
                    self._trajectory_lab = experiment.copy()
                    if PAGE_TRAJECTORY in self._page_views:    # (else when the view is built)
                        self._apply_trajectory(settings)
                    if page is None:
                        page = PAGE_TRAJECTORY
        if switch:
            self.pages.setCurrentIndex(PAGE_TRAINING if page is None else page)
        compare = self._page_views.get(PAGE_COMPARE)
        if experiment.runs and compare is not None and not compare.is_running():
            compare.set_status(f"Press ▶ Start to train the {len(experiment.runs)} configurations "
                               f"of “{experiment.title or 'the experiment'}” side by side.")

    @Slot(int)
    def _on_trajectory_function(self, _index: int) -> None:
        """Another function chosen in the trajectory view: a lab's settings for it, if any."""
        from optstudio.labs import trajectory_view_settings  # noqa: PLC0415

        lab = self._trajectory_lab
        name = self.trajectory_view.function_combo.currentData()
        if lab is None or not name or self._applying_trajectory:
            return
        try:
            settings = trajectory_view_settings(lab, str(name), manager=self.manager)
        except ExperimentError:
            return                      # the lab says nothing about this function: the view's defaults
        if settings:
            self._apply_trajectory(settings)

    def _apply_trajectory(self, settings: dict) -> None:
        self._applying_trajectory = True
        try:
            self.trajectory_view.apply_settings(settings)
        finally:
            self._applying_trajectory = False

    @Slot()
    def _on_save(self) -> None:
        if self._path is None:
            self._on_save_as()
        else:
            self.save_experiment(self._path)

    @Slot()
    def _on_save_as(self) -> None:
        start = str(self._path) if self._path else str(Path(self._dialog_dir()) / "experiment.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save experiment", start, EXPERIMENT_FILTER)
        if path:
            if Path(path).suffix.lower() not in (".json", ".toml"):
                path += ".json"
            self.save_experiment(path)

    def save_experiment(self, path) -> bool:
        path = Path(path)
        errors = self.field_errors()
        if errors:
            self.show_message("Cannot save yet", "Some fields are not valid:\n" + "\n".join(errors))
            return False
        try:
            self.experiment_from_widgets().save(path)
        except (OSError, ExperimentError, ValueError) as exc:
            self.show_message("Cannot save the experiment", f"{path}: {exc}")
            return False
        self._path = path
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _dialog_dir(self) -> str:
        return str(self._path.parent) if self._path else str(Path.home())

    def plot_items(self) -> dict:
        return {"boundary": self.boundary.export_item(), "cost": self.cost_plot.export_item(),
                "accuracy": self.accuracy_plot.export_item(), "learning_rate": self.rate_plot.export_item()}

    @Slot()
    def _on_export_plot(self) -> None:
        key = self.sender().data()
        path, _ = QFileDialog.getSaveFileName(self, "Export plot", str(Path(self._dialog_dir()) / f"{key}.png"),
                                              "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            self.export_plot(key, path)

    def export_plot(self, key: str, path) -> bool:
        """Save one plot as PNG (by default) or SVG (``.svg``); see :mod:`optstudio.gui.plot_export`."""
        from optstudio.gui.plot_export import export_plot_item  # noqa: PLC0415 - only needed here

        try:
            path = export_plot_item(self.plot_items()[key], path)
        except OSError as exc:
            self.show_message("Cannot export the plot", str(exc))
            return False
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    @Slot()
    def _on_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export history", str(Path(self._dialog_dir()) / "history.csv"),
                                              "CSV table (*.csv)")
        if path:
            self.export_history(path)

    def export_history(self, path) -> bool:
        if self._session is None or not len(self._session.run.history):
            self.show_message("Nothing to export", "Train at least one epoch first.", QMessageBox.Icon.Information)
            return False
        try:
            self._session.run.history.write_csv(path)
        except OSError as exc:
            self.show_message("Cannot export the history", f"{path}: {exc}")
            return False
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    # =========================================================================== help
    @Slot()
    def _on_plugins(self) -> None:
        PluginDialog(self.manager, self).exec()

    @Slot()
    def _on_shortcuts(self) -> None:
        ShortcutsDialog([self.start_action, self.step_action, self.reset_action, self.new_action, self.open_action,
                         self.open_lab_action, self.save_action, self.save_as_action, self.quit_action,
                         *self.view_actions.values(), self.shortcuts_action],
                        self).exec()

    @Slot()
    def _on_about(self) -> None:
        QMessageBox.about(self, "About OptStudio", about_text())

    # =========================================================================== settings
    def _stored_experiment(self, settings) -> Experiment | None:
        text = settings.value(SETTINGS_EXPERIMENT)
        if not isinstance(text, str) or not text:
            return None
        try:
            exp = Experiment.from_dict(json.loads(text), where="the last session")
            self.manager.optimizer_info(exp.optimizer.name)
            self.manager.schedule_info(exp.schedule.name)
            return exp
        except Exception:  # noqa: BLE001 - a corrupt stored experiment is ignored silently
            return None

    def _restore_layout(self, settings) -> None:
        for key, widget in (("window/geometry", None), ("window/main_splitter", self.main_splitter),
                            ("window/plot_splitter", self.plot_splitter),
                            ("window/curve_splitter", self.curve_splitter), ("window/state", "state")):
            value = settings.value(key)
            if not isinstance(value, (QByteArray, bytes)):
                continue
            value = QByteArray(value)
            if widget is None:
                self.restoreGeometry(value)
            elif widget == "state":
                self.restoreState(value)
            else:
                widget.restoreState(value)
        for key, widget in (("window/view_tab", self.views), ("window/page", self.pages)):
            try:
                widget.setCurrentIndex(int(settings.value(key)))
            except (TypeError, ValueError):
                pass

    def save_settings(self) -> None:
        settings = open_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/main_splitter", self.main_splitter.saveState())
        settings.setValue("window/plot_splitter", self.plot_splitter.saveState())
        settings.setValue("window/curve_splitter", self.curve_splitter.saveState())
        settings.setValue("window/view_tab", self.views.currentIndex())
        settings.setValue("window/page", self.pages.currentIndex())
        if self._fields_valid():
            try:
                settings.setValue(SETTINGS_EXPERIMENT, json.dumps(self.experiment_from_widgets().to_dict()))
            except (TypeError, ValueError):
                pass
        settings.sync()

    # =========================================================================== closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.remember:
            try:
                self.save_settings()
            except Exception:  # noqa: BLE001 - never keep the user from quitting
                pass
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop training and end every thread (idempotent). The window starts no new work."""
        self._closed = True
        trajectory = self._page_views.get(PAGE_TRAJECTORY)
        if trajectory is not None:
            trajectory.pause()
        compare = self._page_views.get(PAGE_COMPARE)
        if compare is not None:
            comparison = compare.session        # keep it (and its thread) alive until it has ended
            if not compare.shutdown() and comparison is not None:
                comparison.thread.wait()
        self._discard_session()
        for session in self._zombies:
            session.stop()
            if session.thread is not None:
                session.thread.quit()
                session.thread.wait()
        self._zombies = []
        self.loader.shutdown()


_FROZEN = False


def _freeze_startup_objects() -> None:
    """Move everything alive after start-up (Qt, pyqtgraph, numpy, scikit-learn modules: about
    140,000 objects) out of the garbage collector's reach, once.

    A full collection over them takes ~120 ms, in whichever thread happens to trigger it, and
    froze the window now and then while training. They live as long as the process anyway.
    """
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()


def _html(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
