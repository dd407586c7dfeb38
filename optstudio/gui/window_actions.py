"""The window's actions: what File, Edit, Training, View, Plugins and Help offer, the tool bar,
and which actions are possible now (:func:`update_actions`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QSizePolicy, QStyle, QWidget

from optstudio.gui.controller import RunState
from optstudio.gui.dialogs import ShortcutsDialog, about_text
from optstudio.gui.lab_editor import open_lab_editor
from optstudio.gui.pages import PAGE_TRAINING, VIEW_KEYS
from optstudio.gui.plugin_folder import drop_hint, open_plugin_folder
from optstudio.gui.share import copy_experiment, paste_experiment
from optstudio.gui.speed_control import SpeedControl
from optstudio.gui.status_display import TrainingStatus

__all__ = ["build_actions", "update_actions", "show_shortcuts"]

_STATE_TEXTS = {RunState.IDLE: "Ready", RunState.RUNNING: "Training…", RunState.PAUSED: "Paused",
                RunState.STEPPING: "One epoch…", RunState.STOPPED: "Stopped", RunState.FINISHED: "Finished",
                RunState.FAILED: "Stopped: see the message"}
_ELSEWHERE = "This tab has its own buttons. Start, Step and Reset train the network of the Training tab (Ctrl+1)."


def _action(w, text: str, slot, shortcuts=(), tip: str = "", icon=None) -> QAction:
    action = QAction(text, w)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    if icon is not None:
        action.setIcon(w.style().standardIcon(icon))
    action.triggered.connect(slot)
    w.addAction(action)
    return action


def build_actions(w) -> None:
    """The actions (``w.start_action``, …), menus, tool bar (with the state, the speed and the
    progress) and the status bar's labels of window ``w``."""
    SP, files = QStyle.StandardPixmap, w.files

    def act(text, slot, shortcuts=(), tip="", icon=None) -> QAction:
        return _action(w, text, slot, shortcuts, tip, icon)

    w.start_action = act("Start", w._on_start_pause, ["Space"], "Start training, or pause it (Space)",
                         SP.SP_MediaPlay)
    w.step_action = act("Step", w.step_epoch, ["S", "Ctrl+Right"],
                        "Train exactly one epoch, then pause (S or Ctrl+→)", SP.SP_MediaSkipForward)
    w.reset_action = act("Reset", w.reset_training, ["Ctrl+R"],
                         "Forget the training: new initial weights from the seed (Ctrl+R)", SP.SP_BrowserReload)
    w.new_action = act("&New", w._on_new, [QKeySequence.StandardKey.New],
                       "Start over with the default experiment")
    w.open_action = act("&Open experiment…", files.open_dialog, ["Ctrl+O"],
                        "Open an experiment or lab file (JSON or TOML)")
    w.open_lab_action = act("Open &lab…", w._on_open_lab, ["Ctrl+L"],
                            "Choose one of the bundled labs: ready-made experiments with instructions (Ctrl+L)")
    w.notebook_action = act("Open the notebook's lab", w._on_notebook,
                            tip="The course notebook's setting: moons 300, [2, 5, 2, 1], Adam, α = 0.0007, "
                                "mini-batches of 64, its seeds")
    w.save_action = act("&Save experiment", files.save, ["Ctrl+S"], "Save every setting to the current file")
    w.save_as_action = act("Save experiment &as…", files.save_as, ["Ctrl+Shift+S"],
                           "Save every setting to a new JSON or TOML file")
    w.save_lab_action = act("Save as &lab…", lambda: open_lab_editor(w),
                            tip="Save this experiment as a lab: a title, instructions, fixed settings and "
                                "hidden views, for students")
    w.copy_text_action = act("&Copy experiment as text", lambda: copy_experiment(w), ["Ctrl+Shift+C"],
                             "Put the experiment on the clipboard as one line (for a chat or a slide)")
    w.paste_text_action = act("&Paste experiment", lambda: paste_experiment(w), ["Ctrl+Shift+V"],
                              "Open an experiment copied as text (Edit ▸ Copy experiment as text)")
    w.plugin_folder_action = act("Open plugin folder", lambda: open_plugin_folder(w),
                                 tip="Open the folder where plugin files go (created if missing)")
    w.plugin_hint_action = QAction(drop_hint(), w)
    w.plugin_hint_action.setEnabled(False)
    w.csv_action = act("Export history as CSV…", w.files.export_history_dialog,
                       tip="Cost, accuracy and α of every epoch as a table")
    w.quit_action = act("&Quit", w.close, ["Ctrl+Q"], "Close OptStudio")
    w.plugins_action = act("Plugins and plugin errors…", w._on_plugins,
                           tip="Every optimizer and schedule, where it comes from, and what failed to load")
    w.reload_action = act("Reload plugins", w.reload_plugins,
                          tip="Load the plugin folders again: a file dropped in appears without a restart")
    w.shortcuts_action = act("Keyboard shortcuts", lambda: show_shortcuts(w), ["F1"], "List the keyboard shortcuts")
    w.about_action = act("About OptStudio", lambda: QMessageBox.about(w, "About OptStudio", about_text()),
                         tip="Version and purpose")
    w.view_actions: dict[str, QAction] = {}
    for number, (key, text, page, _tab) in enumerate(VIEW_KEYS, start=1):
        where = "the Training tab's " if page == PAGE_TRAINING else "the tab "
        action = act(text, lambda _c=False, key=key: w.show_view(key), [f"Ctrl+{number}"],
                     f"Show {where}“{text}” (Ctrl+{number})")
        action.setData(key)
        w.view_actions[key] = action
    w.sweep_action = act("Sweep", lambda: w.show_view("sweep"), ["Ctrl+9"], "Show the tab “Sweep” (Ctrl+9)")
    w.export_actions: dict[str, QAction] = {}
    for key, text in (("boundary", "Decision boundary"), ("cost", "Cost"), ("accuracy", "Accuracy"),
                      ("learning_rate", "Learning rate")):
        w.export_actions[key] = act(f"{text}…", lambda _c=False, key=key: w.files.export_plot_dialog(key),
                                    tip=f"Save the {text.lower()} plot as PNG or SVG")
    bar = w.menuBar()
    menus = {"&File": [w.new_action, w.open_action, w.open_lab_action, w.notebook_action, None,
                       w.save_action, w.save_as_action, w.save_lab_action, None, "export",
                       w.csv_action, None, w.quit_action],
             "&Edit": [w.copy_text_action, w.paste_text_action],
             "&Training": [w.start_action, w.step_action, w.reset_action],
             "&View": [*list(w.view_actions.values())[:3], None, *list(w.view_actions.values())[3:],
                       w.sweep_action],
             "&Plugins": [w.plugins_action, w.reload_action, None, w.plugin_folder_action,
                          w.plugin_hint_action],
             "&Help": [w.shortcuts_action, w.plugins_action, None, w.about_action]}
    for title, items in menus.items():
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
            elif item == "export":
                export = menu.addMenu("Export plot as PNG or SVG")
                for action in w.export_actions.values():
                    export.addAction(action)
            else:
                menu.addAction(item)
    tools = w.addToolBar("Training")
    tools.setObjectName("training_toolbar")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tools.setMovable(False)
    for action in (w.start_action, w.step_action, w.reset_action):
        tools.addAction(action)
    tools.addSeparator()
    w.status = TrainingStatus()
    w.speed_control = SpeedControl()
    w.speed_control.paceChanged.connect(lambda pace: w.controller.set_pace(pace or None))
    w.controller.set_pace(w.speed_control.pace)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    w._training_widgets = [tools.addWidget(widget) for widget in (w.status.state_label, w.speed_control)]
    tools.addWidget(spacer)
    w._training_widgets.append(tools.addWidget(w.status.progress))
    for label in w.status.labels:
        w.statusBar().addPermanentWidget(label)


def update_actions(w) -> None:
    """Start/Pause, Step, Reset and the state text as the run, the fields and the page allow."""
    state, here, errors = w.controller.state, w.trains_here(), w.settings.errors
    running = state == RunState.RUNNING
    can = w.can_start()
    paused = state == RunState.PAUSED or (state == RunState.FINISHED and can)
    w.start_action.setText("Pause" if running else "Resume" if paused else "Start")
    icon = QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay
    w.start_action.setIcon(w.style().standardIcon(icon))
    w.start_action.setEnabled(here and (running or can))
    if running:
        tip = "Pause training (Space)"
    elif not here:
        tip = _ELSEWHERE
    elif errors:
        tip = "Fix the fields marked in red first:\n" + "\n".join(errors)
    elif w.data is None:
        tip = "Waiting for the data"
    elif state == RunState.FINISHED and not can:
        tip = "Finished: raise the number of epochs to continue, or Reset"
    else:
        tip = "Continue training (Space)" if paused else "Start training (Space)"
    w.start_action.setToolTip(tip)
    w.step_action.setEnabled(here and w.settings.valid and w.controller.can_step())
    w.reset_action.setEnabled(here)
    w.step_action.setToolTip("Train exactly one epoch, then pause (S or Ctrl+→)" if here else _ELSEWHERE)
    w.reset_action.setToolTip("Forget the training: new initial weights from the seed (Ctrl+R)"
                              if here else _ELSEWHERE)
    w.csv_action.setEnabled(w.controller.run is not None)
    if w.data is None:
        text = "Fix the data settings" if w.dataset_panel.error.text() else "Loading data…"
    elif errors:
        text = "Fix the fields marked in red"
    elif w.controller.plan is None:
        text = "Fix the network settings"
    else:
        text = _STATE_TEXTS[state]
    w.status.set_state_text(text)


def show_shortcuts(w) -> None:
    ShortcutsDialog([w.start_action, w.step_action, w.reset_action, w.new_action, w.open_action,
                     w.open_lab_action, w.save_action, w.save_as_action, w.quit_action,
                     *w.view_actions.values(), w.shortcuts_action], w).exec()
