"""The OptStudio main window: a shell of menus, tool bar, settings column, pages and status bar.

Data flows one way: the panels on the left → the settings object
(:class:`~optstudio.gui.experiment_settings.ExperimentSettings`) → the Training tab
(:class:`~optstudio.gui.training_page.TrainingPage`, one run on a
:class:`~optstudio.gui.controller.RunController`) and the comparison
(:class:`~optstudio.gui.compare_sync.CompareSync`) → engine commands → snapshots → views. The
window loads the data (in its data thread), shows the state, asks before discarding a trained
run, and opens, saves and exports files (:mod:`.files`, :mod:`.window_state`); the actions and
menus are built in :mod:`.window_actions`.
"""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QSplitter, QVBoxLayout, QWidget

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.compare_sync import CompareSync
from optstudio.gui.controller import RunState
from optstudio.gui.dataset_panel import DatasetPanel
from optstudio.gui.dialogs import LabDialog, PluginDialog
from optstudio.gui.experiment_settings import ExperimentSettings
from optstudio.gui.files import ExperimentFiles, checked_experiment
from optstudio.gui.i18n import current_language, has_font_for, localized, translate
from optstudio.gui.lab_lock import LabLock
from optstudio.gui.lab_panel import LabPanel
from optstudio.gui.network_panel import NetworkPanel
from optstudio.gui.notice import NoticeBar, html_escape
from optstudio.gui.optimizer_panel import OptimizerPanel
from optstudio.gui.pages import (PAGE_COMPARE, PAGE_SCHEDULE, PAGE_SWEEP, PAGES, STANDALONE_PAGES, TRAINING_PAGES,
                                 VIEW_KEYS, Pages)
from optstudio.gui.plugin_reload import reload_plugins, show_plugin_problems
from optstudio.gui.settings import open_settings
from optstudio.gui.training_page import TrainingPage
from optstudio.gui.views_glue import ViewsGlue
from optstudio.gui.widgets import INVALID_STYLE, CollapsibleSection
from optstudio.gui.window_actions import build_actions, update_actions
from optstudio.gui.window_state import restore_window, save_window, stored_experiment
from optstudio.gui.worker import DataLoaderThread, LoadedData
from optstudio.plugins.manager import get_plugin_manager

__all__ = ["MainWindow"]

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
        self.check_font()
        QTimer.singleShot(0, self._request_data)   # after the window is on screen

    # =========================================================================== building
    def _build(self) -> None:
        self.dataset_panel, self.network_panel = DatasetPanel(), NetworkPanel()
        self.optimizer_panel = OptimizerPanel(self.manager)
        self.settings.bind(self.dataset_panel, self.network_panel, self.optimizer_panel)
        self.lab_panel = LabPanel()
        self.lab_section = CollapsibleSection(translate("MainWindow", "Instructions"), self.lab_panel)
        self.lab_section.setObjectName("instructions")
        self.dataset_section = CollapsibleSection(translate("MainWindow", "Dataset"), self.dataset_panel)
        self.network_section = CollapsibleSection(translate("MainWindow", "Network"), self.network_panel)
        self.optimizer_section = CollapsibleSection(translate("MainWindow", "Optimizer and training"),
                                                    self.optimizer_panel)
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
        build_actions(self)
        from optstudio.gui.views.research_glue import ResearchGlue  # noqa: PLC0415
        self.research_glue = ResearchGlue(self)  # “Why it behaves so”, File ▸ Export weights…
        self.lab_lock = LabLock(self)           # a lab's locked settings and hidden views

        page.pictureReady.connect(self.dataReady)
        page.snapshotApplied.connect(self._on_snapshot)
        page.framePainted.connect(self.framePainted)
        page.trainingFinished.connect(self._on_training_finished)
        page.problem.connect(lambda title, text: self.notice.show_notice(
            translate("MainWindow", "<b>{title}.</b> {text}").format(title=html_escape(title),
                                                                     text=html_escape(text)), "training"))
        page.problemSolved.connect(lambda: self.notice.hide_kind("training"))
        self.controller.stateChanged.connect(self._update_actions)
        self.controller.planChanged.connect(self._on_plan)
        self.settings.errorsChanged.connect(self._update_actions)
        self.settings.epochsChanged.connect(lambda _n: self.status.show(self.settings.epochs))
        self.settings.miniBatchSizeChanged.connect(
            lambda _n: setattr(self.status, "steps_per_epoch", self.glue.steps_per_epoch()))
        self.settings.dataChanged.connect(self._on_data_changed)

    def check_font(self) -> bool:
        """In Chinese without a font that draws it: a note in the status bar (in both languages, as
        the Chinese half may not be readable). Returns whether the font is there."""
        language = current_language()
        if has_font_for(language):
            return True
        self.statusBar().showMessage("No Chinese font found: install one (e.g. fonts-noto-cjk) and restart. "
                                     "需要中文字体（例如 fonts-noto-cjk）。")
        return False

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
        if ask and not self.confirm_discard(translate("MainWindow", "open another experiment")):
            return False
        try:
            exp = checked_experiment(experiment, self.manager)
        except ExperimentError as exc:
            if ask:
                raise
            self.notice.show_notice(translate("MainWindow", "Could not show the experiment: {problem}. Using the "
                                                  "defaults.").format(problem=html_escape(exc)), "notice")
            return False
        self._shown_data = exp.data
        self.settings.load(exp)
        translations = getattr(exp, "translations", None)
        self.lab_panel.set_lab(localized(translations, "title", exp.title),
                               localized(translations, "instructions", exp.instructions))
        self.lab_section.setVisible(self.lab_panel.has_lab())
        self.lab_section.setExpanded(True)
        self.update_title()
        if load_data:
            self._request_data()
        return True

    def experiment(self) -> Experiment:
        """Every setting the window shows (from the settings object, not the widgets), with the
        Sweep tab's grid if the student edited it."""
        exp = self.settings.experiment()
        sweep = getattr(self, "sweep_sync", None)        # (not yet while the window is built)
        if sweep is not None:
            sweep.apply(exp)
        return exp

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
        title = localized(getattr(exp, "translations", None), "title", exp.title)
        parts = [p for p in (title, self.path.name if self.path else "") if p]
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
        if spec.name != self._shown_data.name and not self.confirm_discard(translate("MainWindow", "load other data")):
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
        shown = "" if data.pca is None else translate("MainWindow", " (drawn as a 2-D PCA projection)")
        if len(data.train_index) < ds.m_train:
            shown += translate("MainWindow", " · {count} points drawn").format(count=f"{len(data.train_index):,}")
        panel.info.setText(translate("MainWindow", "<b>{train}</b> training and <b>{test}</b> test examples · "
                                                   "<b>{features}</b> features{shown} · <b>{classes}</b> classes")
                           .format(train=f"{ds.m_train:,}", test=f"{ds.m_test:,}", features=ds.n_features,
                                   shown=shown, classes=ds.n_classes))
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
        if not self.confirm_discard(translate("MainWindow", "reset the training")):
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
        return self.ask(translate("MainWindow", "Discard the training?"),
                        translate("MainWindow", "To {what}, the network trained so far (and its curves) will be "
                                                "discarded. Continue?").format(what=what))

    def ask(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        discard = box.addButton(translate("MainWindow", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
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
        if snap.weights is not None:                 # the small drawing in the network panel too
            self.network_panel.drawing.set_weights(snap.weights, snap.units, snap.peak)
        self.glue.on_snapshot(snap)
        self.snapshotApplied.emit()

    @Slot(str)
    def _on_training_finished(self, status: str) -> None:
        if status == "finished":
            self.statusBar().showMessage(self.controller.run.message if self.controller.run
                                         else translate("MainWindow", "Finished."), 8000)
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
        update_actions(self)

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
        self.page_note.setText(translate("MainWindow", "<b>{page}</b> has its own settings, next to its plot. The "
                                                       "dataset, network and optimizer settings are for the tabs "
                                                       "Training, Compare optimizers, Inside the optimizer and "
                                                       "Schedule preview (Ctrl+1 … Ctrl+7).")
                               .format(page=self.pages.tabText(index)))
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
        return self.files.export_path(title, name, filters)

    def export_plot(self, key: str, path) -> bool:
        return self.files.export_plot(key, path)

    def export_history(self, path) -> bool:
        return self.files.export_history(path)

    @Slot()
    def _on_plugins(self) -> None:
        PluginDialog(self.manager, self).exec()

    def show_plugin_problems(self) -> None:
        show_plugin_problems(self)

    @Slot()
    def reload_plugins(self) -> None:
        """Load the plugins again (see :mod:`optstudio.gui.plugin_reload`)."""
        reload_plugins(self)

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
        if not self._closed and not self.confirm_discard(translate("MainWindow", "quit")):
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
    whichever thread happens to trigger it, and froze the window now and then while training.
    (``gc.freeze()`` alone costs nothing; a ``gc.collect()`` before it would cost ~50 ms on the
    way to the first picture, to free a little garbage.)"""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()
