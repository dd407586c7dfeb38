"""The OptStudio main window: a shell of menus, tool bar, settings column, pages and status bar.

Data flows one way: the panels on the left → the settings object
(:class:`~optstudio.gui.experiment_settings.ExperimentSettings`) → the Training tab
(:class:`~optstudio.gui.training_page.TrainingPage`, one run on a
:class:`~optstudio.gui.controller.RunController`) and the comparison
(:class:`~optstudio.gui.compare_sync.CompareSync`) → engine commands → snapshots → views. The
window loads the data (in its data thread), shows the state, asks before discarding a trained
run, and opens, saves and exports files (:mod:`.files`, :mod:`.export`, :mod:`.window_state`).
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QSizePolicy, QSplitter, QStyle, QVBoxLayout,
    QWidget,
)

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.compare_sync import CompareSync
from optstudio.gui.controller import RunState
from optstudio.gui.dataset_panel import DatasetPanel
from optstudio.gui.dialogs import LabDialog, PluginDialog, ShortcutsDialog, about_text
from optstudio.gui.experiment_settings import ExperimentSettings
from optstudio.gui.files import ExperimentFiles, checked_experiment
from optstudio.gui.lab_editor import open_lab_editor
from optstudio.gui.lab_lock import LabLock
from optstudio.gui.lab_panel import LabPanel
from optstudio.gui.network_panel import NetworkPanel
from optstudio.gui.notice import NoticeBar, html_escape
from optstudio.gui.optimizer_panel import OptimizerPanel
from optstudio.gui.pages import PAGE_COMPARE, PAGE_SCHEDULE, PAGE_TRAINING, PAGES, STANDALONE_PAGES, TRAINING_PAGES, VIEW_KEYS, Pages
from optstudio.gui.pages import PAGE_SWEEP
from optstudio.gui.plot_export import export_plot_item
from optstudio.gui.plugin_folder import drop_hint, open_plugin_folder
from optstudio.gui.settings import open_settings
from optstudio.gui.share import copy_experiment, paste_experiment
from optstudio.gui.speed_control import SpeedControl
from optstudio.gui.status_display import TrainingStatus
from optstudio.gui.training_page import TrainingPage
from optstudio.gui.views_glue import ViewsGlue
from optstudio.gui.widgets import INVALID_STYLE, CollapsibleSection
from optstudio.gui.window_state import restore_window, save_window, stored_experiment
from optstudio.gui.worker import DataLoaderThread, LoadedData
from optstudio.plugins.manager import get_plugin_manager

__all__ = ["MainWindow"]

_STATE_TEXTS = {RunState.IDLE: "Ready", RunState.RUNNING: "Training…", RunState.PAUSED: "Paused",
                RunState.STEPPING: "One epoch…", RunState.STOPPED: "Stopped", RunState.FINISHED: "Finished",
                RunState.FAILED: "Stopped: see the message"}
_ELSEWHERE = "This tab has its own buttons. Start, Step and Reset train the network of the Training tab (Ctrl+1)."


class MainWindow(QMainWindow):
    """The application window. Signals (for the screenshot mode, tests and anything that drives it):
    ``dataReady`` (data loaded and the fresh run's picture drawn: Start is possible),
    ``snapshotApplied``, ``framePainted`` (… and on screen), ``trainingFinished(status)``."""

    dataReady = Signal()
    snapshotApplied = Signal()
    framePainted = Signal()
    trainingFinished = Signal(str)

    def __init__(self, experiment: Experiment | None = None, *, manager=None, restore: bool = True,
                 remember: bool = True, confirm: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.manager = manager if manager is not None else get_plugin_manager()
        self.remember = remember
        self.confirm = confirm              # ask before discarding a trained run
        self.path: Path | None = None
        self.folders: dict[str, str] = {}
        self.data: LoadedData | None = None
        self.last_message: QMessageBox | None = None
        self._data_request = 0
        self._closed = False
        self.setObjectName("OptStudioMainWindow")
        self.setStyleSheet(INVALID_STYLE)
        self.settings = ExperimentSettings(parent=self)
        self.files = ExperimentFiles(self)
        self.loader = DataLoaderThread(self)
        self.loader.loader.loaded.connect(self._on_data_loaded, Qt.ConnectionType.QueuedConnection)
        self._build()
        stored = open_settings() if restore else None
        explicit = experiment is not None
        if experiment is None and stored is not None:
            experiment = stored_experiment(stored, self.manager)
        shown = experiment or self.default_experiment()
        if not self.load_experiment(shown, load_data=False):
            shown = self.default_experiment()
            self.load_experiment(shown, load_data=False)
        self.fit_to_screen()
        if stored is not None:
            restore_window(self, stored)
        self.show_lab_parts(shown, switch=explicit)
        self.show_plugin_problems()
        self._update_actions()
        QTimer.singleShot(0, self._request_data)   # after the window is on screen

    # =========================================================================== building
    def _build(self) -> None:
        self.dataset_panel, self.network_panel = DatasetPanel(), NetworkPanel()
        self.optimizer_panel = OptimizerPanel(self.manager)
        self.settings.bind(self.dataset_panel, self.network_panel, self.optimizer_panel)
        self.lab_panel = LabPanel()
        self.lab_section = CollapsibleSection("Instructions", self.lab_panel)
        self.lab_section.setObjectName("instructions")
        self.dataset_section = CollapsibleSection("Dataset", self.dataset_panel)
        self.network_section = CollapsibleSection("Network", self.network_panel)
        self.optimizer_section = CollapsibleSection("Optimizer and training", self.optimizer_panel)
        self.page_note = QLabel()
        self.page_note.setObjectName("page_note")
        self.page_note.setWordWrap(True)
        self.page_note.setStyleSheet("QLabel#page_note { background: #eef3fb; border: 1px solid #b8c9e6; "
                                     "border-radius: 4px; padding: 6px; }")
        self.page_note.hide()
        column = QWidget()
        column.setObjectName("controls")
        col = QVBoxLayout(column)
        col.setContentsMargins(6, 6, 6, 6)
        col.setSpacing(8)
        for widget in (self.page_note, self.lab_section, self.dataset_section, self.network_section,
                       self.optimizer_section):
            col.addWidget(widget)
        col.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setMinimumWidth(300)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.training_page = page = TrainingPage(self.settings, self.manager)
        self.controller = page.controller
        self.pages = Pages(self.manager, page)
        self.compare_sync = CompareSync(self.settings, self)
        self.glue = ViewsGlue(self)
        from optstudio.gui.views.sweep_sync import SweepSync  # noqa: PLC0415
        self.sweep_sync = SweepSync(self, PAGE_SWEEP)
        self.pages.currentChanged.connect(self._on_page_changed)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.scroll)
        self.main_splitter.addWidget(self.pages)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([380, 900])
        self.notice, self.plugin_notice = NoticeBar("error"), NoticeBar("warning")
        self.plugin_notice.setObjectName("plugin_notice")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.plugin_notice)
        layout.addWidget(self.notice)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        from optstudio.gui.views.research_glue import ResearchGlue  # noqa: PLC0415
        self.research_glue = ResearchGlue(self)  # “Why it behaves so”, File ▸ Export weights…
        self.lab_lock = LabLock(self)           # a lab's locked settings and hidden views

        page.pictureReady.connect(self.dataReady)
        page.snapshotApplied.connect(self._on_snapshot)
        page.framePainted.connect(self.framePainted)
        page.trainingFinished.connect(self._on_training_finished)
        page.problem.connect(lambda title, text: self.notice.show_notice(
            f"<b>{html_escape(title)}.</b> {html_escape(text)}", "training"))
        page.problemSolved.connect(lambda: self.notice.hide_kind("training"))
        self.controller.stateChanged.connect(self._update_actions)
        self.controller.planChanged.connect(self._on_plan)
        self.settings.errorsChanged.connect(self._update_actions)
        self.settings.epochsChanged.connect(lambda _n: self.status.show(self.settings.epochs))
        self.settings.miniBatchSizeChanged.connect(
            lambda _n: setattr(self.status, "steps_per_epoch", self.glue.steps_per_epoch()))
        self.settings.dataChanged.connect(self._on_data_changed)

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
        SP, act, files = QStyle.StandardPixmap, self._action, self.files
        self.start_action = act("Start", self._on_start_pause, ["Space"], "Start training, or pause it (Space)",
                                SP.SP_MediaPlay)
        self.step_action = act("Step", self.step_epoch, ["S", "Ctrl+Right"],
                               "Train exactly one epoch, then pause (S or Ctrl+→)", SP.SP_MediaSkipForward)
        self.reset_action = act("Reset", self.reset_training, ["Ctrl+R"],
                                "Forget the training: new initial weights from the seed (Ctrl+R)", SP.SP_BrowserReload)
        self.new_action = act("&New", self._on_new, [QKeySequence.StandardKey.New],
                              "Start over with the default experiment")
        self.open_action = act("&Open experiment…", files.open_dialog, ["Ctrl+O"],
                               "Open an experiment or lab file (JSON or TOML)")
        self.open_lab_action = act("Open &lab…", self._on_open_lab, ["Ctrl+L"],
                                   "Choose one of the bundled labs: ready-made experiments with instructions (Ctrl+L)")
        self.notebook_action = act("Open the notebook's lab", self._on_notebook,
                                   tip="The course notebook's setting: moons 300, [2, 5, 2, 1], Adam, α = 0.0007, "
                                       "mini-batches of 64, its seeds")
        self.save_action = act("&Save experiment", files.save, ["Ctrl+S"], "Save every setting to the current file")
        self.save_as_action = act("Save experiment &as…", files.save_as, ["Ctrl+Shift+S"],
                                  "Save every setting to a new JSON or TOML file")
        self.save_lab_action = act("Save as &lab…", lambda: open_lab_editor(self),
                                   tip="Save this experiment as a lab: a title, instructions, fixed settings and "
                                       "hidden views, for students")
        self.copy_text_action = act("&Copy experiment as text", lambda: copy_experiment(self), ["Ctrl+Shift+C"],
                                    "Put the experiment on the clipboard as one line (for a chat or a slide)")
        self.paste_text_action = act("&Paste experiment", lambda: paste_experiment(self), ["Ctrl+Shift+V"],
                                     "Open an experiment copied as text (Edit ▸ Copy experiment as text)")
        self.plugin_folder_action = act("Open plugin folder", lambda: open_plugin_folder(self),
                                        tip="Open the folder where plugin files go (created if missing)")
        self.plugin_hint_action = QAction(drop_hint(), self)
        self.plugin_hint_action.setEnabled(False)
        self.csv_action = act("Export history as CSV…", self._on_export_csv,
                              tip="Cost, accuracy and α of every epoch as a table")
        self.quit_action = act("&Quit", self.close, ["Ctrl+Q"], "Close OptStudio")
        self.plugins_action = act("Plugins and plugin errors…", self._on_plugins,
                                  tip="Every optimizer and schedule, where it comes from, and what failed to load")
        self.reload_action = act("Reload plugins", self.reload_plugins,
                                 tip="Load the plugin folders again: a file dropped in appears without a restart")
        self.shortcuts_action = act("Keyboard shortcuts", self._on_shortcuts, ["F1"], "List the keyboard shortcuts")
        self.about_action = act("About OptStudio", lambda: QMessageBox.about(self, "About OptStudio", about_text()),
                                tip="Version and purpose")
        self.view_actions: dict[str, QAction] = {}
        for number, (key, text, page, _tab) in enumerate(VIEW_KEYS, start=1):
            where = "the Training tab's " if page == PAGE_TRAINING else "the tab "
            action = act(text, lambda _c=False, key=key: self.show_view(key), [f"Ctrl+{number}"],
                         f"Show {where}“{text}” (Ctrl+{number})")
            action.setData(key)
            self.view_actions[key] = action
        self.sweep_action = act("Sweep", lambda: self.show_view("sweep"), ["Ctrl+9"], "Show the tab “Sweep” (Ctrl+9)")
        self.export_actions: dict[str, QAction] = {}
        for key, text in (("boundary", "Decision boundary"), ("cost", "Cost"), ("accuracy", "Accuracy"),
                          ("learning_rate", "Learning rate")):
            self.export_actions[key] = act(f"{text}…", lambda _c=False, key=key: self._on_export_plot(key),
                                           tip=f"Save the {text.lower()} plot as PNG or SVG")
        bar = self.menuBar()
        menus = {"&File": [self.new_action, self.open_action, self.open_lab_action, self.notebook_action, None,
                           self.save_action, self.save_as_action, self.save_lab_action, None, "export",
                           self.csv_action, None, self.quit_action],
                 "&Edit": [self.copy_text_action, self.paste_text_action],
                 "&Training": [self.start_action, self.step_action, self.reset_action],
                 "&View": [*list(self.view_actions.values())[:3], None, *list(self.view_actions.values())[3:],
                           self.sweep_action],
                 "&Plugins": [self.plugins_action, self.reload_action, None, self.plugin_folder_action,
                              self.plugin_hint_action],
                 "&Help": [self.shortcuts_action, self.plugins_action, None, self.about_action]}
        for title, items in menus.items():
            menu = bar.addMenu(title)
            for item in items:
                if item is None:
                    menu.addSeparator()
                elif item == "export":
                    export = menu.addMenu("Export plot as PNG or SVG")
                    for action in self.export_actions.values():
                        export.addAction(action)
                else:
                    menu.addAction(item)
        tools = self.addToolBar("Training")
        tools.setObjectName("training_toolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.setMovable(False)
        for action in (self.start_action, self.step_action, self.reset_action):
            tools.addAction(action)
        tools.addSeparator()
        self.status = TrainingStatus()
        self.speed_control = SpeedControl()
        self.speed_control.paceChanged.connect(lambda pace: self.controller.set_pace(pace or None))
        self.controller.set_pace(self.speed_control.pace)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._training_widgets = [tools.addWidget(w) for w in (self.status.state_label, self.speed_control)]
        tools.addWidget(spacer)
        self._training_widgets.append(tools.addWidget(self.status.progress))
        for label in self.status.labels:
            self.statusBar().addPermanentWidget(label)

    def fit_to_screen(self, screen=None) -> None:
        """1280 × 800, or less when the screen (without task bar and title bar) is smaller."""
        screen = screen or self.screen()
        width, height = 1280, 800
        if screen is not None:
            area = screen.availableGeometry()
            frame = max(self.frameGeometry().height() - self.geometry().height(), 0) or 32
            width, height = min(width, area.width()), min(height, area.height() - frame)
        self.resize(width, height)

    # =========================================================================== experiment
    def load_experiment(self, experiment: Experiment, *, load_data: bool = True, ask: bool = False) -> bool:
        """Show ``experiment`` (checked against the plugins first: an unknown optimizer or schedule,
        also in a lab's runs, is a message and nothing changes). ``ask``: first ask whether a
        trained run may be discarded. Returns False when nothing was loaded."""
        if ask and not self.confirm_discard("open another experiment"):
            return False
        try:
            exp = checked_experiment(experiment, self.manager)
        except ExperimentError as exc:
            if ask:
                raise
            self.notice.show_notice(f"Could not show the experiment: {html_escape(exc)}. Using the defaults.",
                                    "notice")
            return False
        self._shown_data = exp.data
        self.settings.load(exp)
        self.lab_panel.set_lab(exp.title, exp.instructions)
        self.lab_section.setVisible(self.lab_panel.has_lab())
        self.lab_section.setExpanded(True)
        self.update_title()
        if load_data:
            self._request_data()
        return True

    def experiment(self) -> Experiment:
        """Every setting the window shows (from the settings object, not the widgets)."""
        return self.settings.experiment()

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

    def update_title(self) -> None:
        """The lab's title and the file; Qt adds the application's name (never twice)."""
        exp = self.settings.experiment()
        parts = [p for p in (exp.title, self.path.name if self.path else "") if p]
        self.setWindowTitle(" — ".join(parts) or "OptStudio")

    def show_lab_parts(self, experiment: Experiment, *, switch: bool) -> None:
        self.glue.show_lab_parts(experiment, switch=switch)
        self.research_glue.show_lab_parts(experiment, switch=switch)
        self.sweep_sync.show_lab_parts(experiment, switch=switch)

    # =========================================================================== data
    @Slot()
    def _request_data(self) -> None:
        if self._closed:
            return
        self.data = None
        self.training_page.set_data(None)
        self.dataset_panel.show_error(None)
        self._data_request = self.loader.request(self.settings.data)
        self._update_actions()

    @Slot(object)
    def _on_data_changed(self, spec) -> None:
        """The dataset panel describes other data: ask first when it is another data set (or
        file) and a trained run would be lost; then load it."""
        if spec == self._shown_data:
            return
        if spec.name != self._shown_data.name and not self.confirm_discard("load other data"):
            self.settings.set_data(self._shown_data)
            self.dataset_panel.set_spec(self._shown_data)
            return
        self._shown_data = spec
        self._request_data()

    @Slot(int, object)
    def _on_data_loaded(self, request_id: int, data: LoadedData) -> None:
        if request_id != self._data_request or self._closed:
            return                               # an older request: a newer one is coming
        panel = self.dataset_panel
        if data.dataset is None:
            panel.show_error(data.error)
            panel.info.setText("")
            panel.preview.clear()
            self.network_panel.set_io(None, None)
            self._update_actions()
            return
        self.data = data
        ds = data.dataset
        _freeze_startup_objects()
        axis = tuple(ds.feature_names[:2]) if data.pca is None else ("PC 1", "PC 2")
        panel.preview.show_points(data.train_xy, data.y_train_drawn, data.test_xy, data.y_test_drawn,
                                  ds.class_names, axis)
        shown = "" if data.pca is None else " (drawn as a 2-D PCA projection)"
        if len(data.train_index) < ds.m_train:
            shown += f" · {len(data.train_index):,} points drawn"
        panel.info.setText(f"<b>{ds.m_train:,}</b> training and <b>{ds.m_test:,}</b> test examples · "
                           f"<b>{ds.n_features}</b> features{shown} · <b>{ds.n_classes}</b> classes")
        self.network_panel.set_io(ds.n_features, ds.n_classes)
        self.training_page.set_data(data)
        self.glue.update_schedule_preview()
        self._update_actions()

    # =========================================================================== training
    @Slot()
    def _on_start_pause(self) -> None:
        if self.controller.state == RunState.RUNNING:
            self.pause_training()
        else:
            self.start_training()

    def can_start(self) -> bool:
        return not self._closed and self.settings.valid and self.controller.can_start()

    def start_training(self) -> bool:
        """Start or resume. Returns False (and does nothing) if that is not possible now."""
        self.controller.flush()
        return self.can_start() and self.controller.start()

    def pause_training(self) -> None:
        self.controller.pause()

    def step_epoch(self) -> bool:
        """Train exactly one epoch (from idle, paused or finished)."""
        self.controller.flush()
        return not self._closed and self.settings.valid and self.controller.step()

    def reset_training(self) -> bool:
        """New initial weights from the seed (after asking, if a trained run would be lost)."""
        if not self.confirm_discard("reset the training"):
            return False
        if self.data is None:
            self._request_data()
        else:
            self.training_page.rebuild()
        return True

    def trained(self) -> bool:
        """Whether discarding the Training tab's run (or a comparison that trains) loses work."""
        run = self.controller.run
        compare = self.pages.built(PAGE_COMPARE)
        return (run is not None and (run.t > 0 or self.controller.in_run)) or bool(compare and compare.is_running())

    def confirm_discard(self, what: str) -> bool:
        """True when nothing trained would be lost, or the student agrees to lose it."""
        if not self.confirm or self._closed or not self.trained():
            return True
        return self.ask("Discard the training?", f"To {what}, the network trained so far (and its curves) "
                                                 f"will be discarded. Continue?")

    def ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is discard

    @Slot(object)
    def _on_plan(self, plan) -> None:
        self.status.steps_per_epoch = self.glue.steps_per_epoch()
        self.status.reset(self.settings.epochs)
        self.glue.on_new_run()
        self._update_actions()

    @Slot(object)
    def _on_snapshot(self, snap) -> None:
        self.status.add(snap, self.settings.epochs)
        self.glue.on_snapshot(snap)
        self.snapshotApplied.emit()

    @Slot(str)
    def _on_training_finished(self, status: str) -> None:
        if status == "finished":
            self.statusBar().showMessage(self.controller.run.message if self.controller.run else "Finished.", 8000)
        self.trainingFinished.emit(status)

    @property
    def state(self) -> RunState:
        return self.controller.state

    @property
    def snapshots_applied(self) -> int:
        return self.training_page.snapshots_applied

    def trains_here(self) -> bool:
        """Whether the current page shows the window's own training (Start/Step/Reset apply)."""
        return self.pages.currentIndex() in TRAINING_PAGES

    @Slot()
    def _update_actions(self, *_args) -> None:
        state, here, errors = self.controller.state, self.trains_here(), self.settings.errors
        running = state == RunState.RUNNING
        can = self.can_start()
        paused = state == RunState.PAUSED or (state == RunState.FINISHED and can)
        self.start_action.setText("Pause" if running else "Resume" if paused else "Start")
        icon = QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay
        self.start_action.setIcon(self.style().standardIcon(icon))
        self.start_action.setEnabled(here and (running or can))
        if running:
            tip = "Pause training (Space)"
        elif not here:
            tip = _ELSEWHERE
        elif errors:
            tip = "Fix the fields marked in red first:\n" + "\n".join(errors)
        elif self.data is None:
            tip = "Waiting for the data"
        elif state == RunState.FINISHED and not can:
            tip = "Finished: raise the number of epochs to continue, or Reset"
        else:
            tip = "Continue training (Space)" if paused else "Start training (Space)"
        self.start_action.setToolTip(tip)
        self.step_action.setEnabled(here and self.settings.valid and self.controller.can_step())
        self.reset_action.setEnabled(here)
        self.step_action.setToolTip("Train exactly one epoch, then pause (S or Ctrl+→)" if here else _ELSEWHERE)
        self.reset_action.setToolTip("Forget the training: new initial weights from the seed (Ctrl+R)"
                                     if here else _ELSEWHERE)
        self.csv_action.setEnabled(self.controller.run is not None)
        if self.data is None:
            text = "Fix the data settings" if self.dataset_panel.error.text() else "Loading data…"
        elif errors:
            text = "Fix the fields marked in red"
        elif self.controller.plan is None:
            text = "Fix the network settings"
        else:
            text = _STATE_TEXTS[state]
        self.status.set_state_text(text)

    # =========================================================================== pages
    def show_view(self, key: str) -> None:
        """Show a view: ``boundary``, ``network``, ``confusion`` (tabs of Training), ``training``,
        ``compare``, ``trajectory``, ``inside``, ``schedule`` or ``ewa``."""
        for view_key, _text, page, tab in VIEW_KEYS:
            if view_key == key:
                if tab is not None:
                    self.training_page.views.setCurrentIndex(tab)
                self.pages.setCurrentIndex(page)
                return
        if key not in PAGES:
            raise KeyError(f"unknown view {key!r}")
        self.pages.setCurrentIndex(PAGES[key])

    @property
    def current_page(self) -> str:
        return self.pages.key()

    @Slot(int)
    def _on_page_changed(self, index: int) -> None:
        # the 2-D trajectories and the EWA example have their own settings: the data, network and
        # optimizer settings (which they do not use) make room for a note; the instructions stay
        standalone = index in STANDALONE_PAGES
        for section in (self.dataset_section, self.network_section, self.optimizer_section):
            section.setVisible(not standalone)
        self.page_note.setText(f"<b>{self.pages.tabText(index)}</b> has its own settings, next to its plot. The "
                               f"dataset, network and optimizer settings are for the tabs Training, Compare "
                               f"optimizers, Inside the optimizer and Schedule preview (Ctrl+1 … Ctrl+7).")
        self.page_note.setVisible(standalone)
        here = self.trains_here()
        for widget in (*self._training_widgets, *self.status.labels):
            widget.setVisible(here)
        if index == PAGE_SCHEDULE:         # the settings the preview follows
            self.scroll.widget().layout().activate()
            self.scroll.verticalScrollBar().setValue(self.optimizer_section.y() - 4)
        self._update_actions()
        self.glue.on_page(index)

    # =========================================================================== files and plugins
    @Slot()
    def _on_new(self) -> None:
        if self.load_experiment(self.default_experiment(), ask=True):
            self.path = None
            self.update_title()
            self.show_lab_parts(self.settings.experiment(), switch=False)

    @Slot()
    def _on_notebook(self) -> None:
        from optstudio.core.experiment import notebook_preset  # noqa: PLC0415
        if self.load_experiment(notebook_preset(), ask=True):
            self.path = None
            self.update_title()

    def open_experiment(self, path) -> bool:
        return self.files.open_experiment(path)

    def open_lab(self, lab) -> bool:
        return self.files.open_lab(lab)

    def save_experiment(self, path) -> bool:
        return self.files.save_experiment(path)

    @Slot()
    def _on_open_lab(self) -> None:
        dialog = LabDialog(parent=self)
        if dialog.exec() == LabDialog.DialogCode.Accepted and dialog.selected_path is not None:
            self.open_lab(dialog.selected_path)

    def _export_path(self, title: str, name: str, filters: str) -> str:
        folder = self.folders.get("export") or self.files.folder()
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), filters)
        if path:
            self.folders["export"] = str(Path(path).parent)
        return path

    def _on_export_plot(self, key: str) -> None:
        path = self._export_path("Export plot", f"{key}.png", "PNG image (*.png);;SVG drawing (*.svg)")
        if path:
            self.export_plot(key, path)

    def export_plot(self, key: str, path) -> bool:
        """Save one plot as PNG (by default) or SVG (``.svg``); see :mod:`optstudio.gui.plot_export`."""
        try:
            written = export_plot_item(self.training_page.plot_items()[key], path)
        except OSError as exc:
            self.show_message("Cannot export the plot", str(exc))
            return False
        self.statusBar().showMessage(f"Saved {written}", 5000)
        return True

    @Slot()
    def _on_export_csv(self) -> None:
        path = self._export_path("Export history", "history.csv", "CSV table (*.csv)")
        if path:
            self.export_history(path)

    def export_history(self, path) -> bool:
        run = self.controller.run
        if run is None or not len(run.history):
            self.show_message("Nothing to export", "Train at least one epoch first.", QMessageBox.Icon.Information)
            return False
        try:
            run.history.write_csv(path)
        except OSError as exc:
            self.show_message("Cannot export the history", f"{path}: {exc.strerror or exc}")
            return False
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    @Slot()
    def _on_plugins(self) -> None:
        PluginDialog(self.manager, self).exec()

    @Slot()
    def _on_shortcuts(self) -> None:
        ShortcutsDialog([self.start_action, self.step_action, self.reset_action, self.new_action, self.open_action,
                         self.open_lab_action, self.save_action, self.save_as_action, self.quit_action,
                         *self.view_actions.values(), self.shortcuts_action], self).exec()

    def show_plugin_problems(self) -> None:
        """A notice bar while plugins failed to load (with the way to see and retry them)."""
        errors = self.manager.errors
        if not errors:
            self.plugin_notice.hide_notice()
            return
        first = errors[0]
        where = f"{first.plugin}: " if getattr(first, "plugin", "") else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        self.plugin_notice.show_notice(
            f"<b>{len(errors)} plugin problem{'s' if len(errors) > 1 else ''}</b>: {html_escape(where)}"
            f"{html_escape(first.message)}{more}. Everything else works.", "plugins",
            [("Show the errors…", self._on_plugins), ("Reload plugins", self.reload_plugins)])

    @Slot()
    def reload_plugins(self) -> None:
        """Load the plugins again (a file dropped into a plugin folder appears at once)."""
        manager = get_plugin_manager(refresh=True)
        self.manager = manager
        self.controller.registry = self.training_page.manager = manager
        exp = self.settings.experiment()
        self.optimizer_panel.set_manager(manager)
        try:
            exp = checked_experiment(exp, manager)
        except ExperimentError as exc:
            self.notice.show_notice(f"After reloading the plugins: {html_escape(exc)}. Using the defaults.", "notice")
            self.load_experiment(self.default_experiment())
        else:
            self.optimizer_panel.set_specs(exp.optimizer, exp.schedule, exp.training)
        compare = self.pages.built(PAGE_COMPARE)
        self.pages.set_manager(manager, keep=(PAGE_COMPARE,) if compare and compare.is_running() else ())
        self.show_plugin_problems()
        self.statusBar().showMessage(f"Plugins reloaded: {len(manager.optimizers)} optimizers, "
                                     f"{len(manager.schedules)} schedules.", 6000)

    def show_message(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the caller (the window stays usable)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        box.open()
        self.last_message = box
        return box

    # =========================================================================== closing
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._closed and not self.confirm_discard("quit"):
            event.ignore()
            return
        if self.remember and not self._closed:
            try:
                save_window(self, open_settings())
            except Exception:  # noqa: BLE001 - never keep the user from quitting
                pass
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Stop training and end every thread (idempotent). The window starts no new work."""
        self._closed = True
        self.compare_sync.closed = True
        self.glue.shutdown()
        self.research_glue.shutdown()
        self.sweep_sync.shutdown()
        self.training_page.shutdown()
        self.loader.shutdown()


_FROZEN = False


def _freeze_startup_objects() -> None:
    """Move everything alive after start-up (Qt, pyqtgraph, numpy modules: about 140,000 objects)
    out of the garbage collector's reach, once: a full collection over them takes ~120 ms, in
    whichever thread happens to trigger it, and froze the window now and then while training."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.collect()
        gc.freeze()
