"""The window's actions: what File, Edit, Training, View, Plugins and Help offer, the tool bar,
and which actions are possible now (:func:`update_actions`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMessageBox, QSizePolicy, QStyle, QWidget

from optstudio.gui.controller import RunState
from optstudio.gui.dialogs import ShortcutsDialog, about_text
from optstudio.gui.i18n import (LANGUAGES, QT_TRANSLATE_NOOP, SYSTEM, current_language, language_setting,
                                resolve_language, save_language_setting, translate)
from optstudio.gui.lab_editor import open_lab_editor
from optstudio.gui.pages import PAGE_TRAINING, VIEW_KEYS, view_text
from optstudio.gui.plugin_folder import drop_hint, open_plugin_folder
from optstudio.gui.share import copy_experiment, paste_experiment
from optstudio.gui.speed_control import SpeedControl
from optstudio.gui.status_display import TrainingStatus

__all__ = ["build_actions", "update_actions", "show_shortcuts", "choose_language", "LANGUAGE_CHOICES"]

_STATE_TEXTS = {RunState.IDLE: QT_TRANSLATE_NOOP("WindowActions", "Ready"),
                RunState.RUNNING: QT_TRANSLATE_NOOP("WindowActions", "Training…"),
                RunState.PAUSED: QT_TRANSLATE_NOOP("WindowActions", "Paused"),
                RunState.STEPPING: QT_TRANSLATE_NOOP("WindowActions", "One epoch…"),
                RunState.STOPPED: QT_TRANSLATE_NOOP("WindowActions", "Stopped"),
                RunState.FINISHED: QT_TRANSLATE_NOOP("WindowActions", "Finished"),
                RunState.FAILED: QT_TRANSLATE_NOOP("WindowActions", "Stopped: see the message")}
_ELSEWHERE = QT_TRANSLATE_NOOP("WindowActions", "This tab has its own buttons. Start, Step and Reset train the "
                               "network of the Training tab (Ctrl+1).")
#: View ▸ Language: (setting, menu text); the languages' names are shown as they are, in their own language
LANGUAGE_CHOICES = ((SYSTEM, QT_TRANSLATE_NOOP("WindowActions", "System")), *LANGUAGES.items())


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

    w.start_action = act(translate("WindowActions", "Start"), w._on_start_pause, ["Space"],
                         translate("WindowActions", "Start training, or pause it (Space)"), SP.SP_MediaPlay)
    w.step_action = act(translate("WindowActions", "Step"), w.step_epoch, ["S", "Ctrl+Right"],
                        translate("WindowActions", "Train exactly one epoch, then pause (S or Ctrl+→)"),
                        SP.SP_MediaSkipForward)
    w.reset_action = act(translate("WindowActions", "Reset"), w.reset_training, ["Ctrl+R"],
                         translate("WindowActions", "Forget the training: new initial weights from the seed (Ctrl+R)"),
                         SP.SP_BrowserReload)
    w.new_action = act(translate("WindowActions", "&New"), w._on_new, [QKeySequence.StandardKey.New],
                       translate("WindowActions", "Start over with the default experiment"))
    w.open_action = act(translate("WindowActions", "&Open experiment…"), files.open_dialog, ["Ctrl+O"],
                        translate("WindowActions", "Open an experiment or lab file (JSON or TOML)"))
    w.open_lab_action = act(translate("WindowActions", "Open &lab…"), w._on_open_lab, ["Ctrl+L"],
                            translate("WindowActions", "Choose one of the bundled labs: ready-made experiments "
                                                       "with instructions (Ctrl+L)"))
    w.notebook_action = act(translate("WindowActions", "Open the notebook's lab"), w._on_notebook,
                            tip=translate("WindowActions", "The course notebook's setting: moons 300, [2, 5, 2, 1], "
                                                           "Adam, α = 0.0007, mini-batches of 64, its seeds"))
    w.save_action = act(translate("WindowActions", "&Save experiment"), files.save, ["Ctrl+S"],
                        translate("WindowActions", "Save every setting to the current file"))
    w.save_as_action = act(translate("WindowActions", "Save experiment &as…"), files.save_as, ["Ctrl+Shift+S"],
                           translate("WindowActions", "Save every setting to a new JSON or TOML file"))
    w.save_lab_action = act(translate("WindowActions", "Save as &lab…"), lambda: open_lab_editor(w),
                            tip=translate("WindowActions", "Save this experiment as a lab: a title, instructions, "
                                                           "fixed settings and hidden views, for students"))
    w.copy_text_action = act(translate("WindowActions", "&Copy experiment as text"), lambda: copy_experiment(w),
                             ["Ctrl+Shift+C"],
                             translate("WindowActions", "Put the experiment on the clipboard as one line (for a "
                                                        "chat or a slide)"))
    w.paste_text_action = act(translate("WindowActions", "&Paste experiment"), lambda: paste_experiment(w),
                              ["Ctrl+Shift+V"],
                              translate("WindowActions", "Open an experiment copied as text (Edit ▸ Copy "
                                                         "experiment as text)"))
    w.plugin_folder_action = act(translate("WindowActions", "Open plugin folder"), lambda: open_plugin_folder(w),
                                 tip=translate("WindowActions", "Open the folder where plugin files go (created if "
                                                                "missing)"))
    w.plugin_hint_action = QAction(drop_hint(), w)
    w.plugin_hint_action.setEnabled(False)
    w.csv_action = act(translate("WindowActions", "Export history as CSV…"), w.files.export_history_dialog,
                       tip=translate("WindowActions", "Cost, accuracy and α of every epoch as a table"))
    w.quit_action = act(translate("WindowActions", "&Quit"), w.close, ["Ctrl+Q"],
                        translate("WindowActions", "Close OptStudio"))
    w.plugins_action = act(translate("WindowActions", "Plugins and plugin errors…"), w._on_plugins,
                           tip=translate("WindowActions", "Every optimizer and schedule, where it comes from, and "
                                                          "what failed to load"))
    w.reload_action = act(translate("WindowActions", "Reload plugins"), w.reload_plugins,
                          tip=translate("WindowActions", "Load the plugin folders again: a file dropped in appears "
                                                         "without a restart"))
    w.shortcuts_action = act(translate("WindowActions", "Keyboard shortcuts"), lambda: show_shortcuts(w), ["F1"],
                             translate("WindowActions", "List the keyboard shortcuts"))
    w.about_action = act(translate("WindowActions", "About OptStudio"),
                         lambda: QMessageBox.about(w, translate("WindowActions", "About OptStudio"), about_text()),
                         tip=translate("WindowActions", "Version and purpose"))
    w.view_actions: dict[str, QAction] = {}
    for number, (key, text, page, _tab) in enumerate(VIEW_KEYS, start=1):
        text = view_text(text)
        if page == PAGE_TRAINING:
            tip = translate("WindowActions", "Show the Training tab's “{view}” (Ctrl+{number})")
        else:
            tip = translate("WindowActions", "Show the tab “{view}” (Ctrl+{number})")
        action = act(text, lambda _c=False, key=key: w.show_view(key), [f"Ctrl+{number}"],
                     tip.format(view=text, number=number))
        action.setData(key)
        w.view_actions[key] = action
    sweep = view_text("Sweep")
    w.sweep_action = act(sweep, lambda: w.show_view("sweep"), ["Ctrl+9"],
                         translate("WindowActions", "Show the tab “{view}” (Ctrl+{number})").format(view=sweep,
                                                                                                   number=9))
    w.export_actions: dict[str, QAction] = {}
    for key, text, tip in (
            ("boundary", translate("WindowActions", "Decision boundary…"),
             translate("WindowActions", "Save the decision boundary plot as PNG or SVG")),
            ("cost", translate("WindowActions", "Cost…"),
             translate("WindowActions", "Save the cost plot as PNG or SVG")),
            ("accuracy", translate("WindowActions", "Accuracy…"),
             translate("WindowActions", "Save the accuracy plot as PNG or SVG")),
            ("learning_rate", translate("WindowActions", "Learning rate…"),
             translate("WindowActions", "Save the learning rate plot as PNG or SVG"))):
        w.export_actions[key] = act(text, lambda _c=False, key=key: w.files.export_plot_dialog(key), tip=tip)
    build_language_actions(w)
    bar = w.menuBar()
    views = list(w.view_actions.values())
    menus = {
        translate("WindowActions", "&File"): [w.new_action, w.open_action, w.open_lab_action, w.notebook_action,
                                              None, w.save_action, w.save_as_action, w.save_lab_action, None,
                                              "export", w.csv_action, None, w.quit_action],
        translate("WindowActions", "&Edit"): [w.copy_text_action, w.paste_text_action],
        translate("WindowActions", "&Training"): [w.start_action, w.step_action, w.reset_action],
        translate("WindowActions", "&View"): [*views[:3], None, *views[3:], w.sweep_action, None, "language"],
        translate("WindowActions", "&Plugins"): [w.plugins_action, w.reload_action, None, w.plugin_folder_action,
                                                 w.plugin_hint_action],
        translate("WindowActions", "&Help"): [w.shortcuts_action, w.plugins_action, None, w.about_action]}
    for title, items in menus.items():
        menu = bar.addMenu(title)
        for item in items:
            if item is None:
                menu.addSeparator()
            elif item == "export":
                export = menu.addMenu(translate("WindowActions", "Export plot as PNG or SVG"))
                for action in w.export_actions.values():
                    export.addAction(action)
            elif item == "language":
                w.language_menu = menu.addMenu(translate("WindowActions", "&Language"))
                w.language_menu.setObjectName("language_menu")
                w.language_menu.setToolTipsVisible(True)
                for action in w.language_actions.values():
                    w.language_menu.addAction(action)
            else:
                menu.addAction(item)
    tools = w.addToolBar(translate("WindowActions", "Training"))
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
    w.start_action.setText(translate("WindowActions", "Pause") if running
                           else translate("WindowActions", "Resume") if paused
                           else translate("WindowActions", "Start"))
    icon = QStyle.StandardPixmap.SP_MediaPause if running else QStyle.StandardPixmap.SP_MediaPlay
    w.start_action.setIcon(w.style().standardIcon(icon))
    w.start_action.setEnabled(here and (running or can))
    if running:
        tip = translate("WindowActions", "Pause training (Space)")
    elif not here:
        tip = translate("WindowActions", _ELSEWHERE)
    elif errors:
        tip = translate("WindowActions", "Fix the fields marked in red first:") + "\n" + "\n".join(errors)
    elif w.data is None:
        tip = translate("WindowActions", "Waiting for the data")
    elif state == RunState.FINISHED and not can:
        tip = translate("WindowActions", "Finished: raise the number of epochs to continue, or Reset")
    else:
        tip = (translate("WindowActions", "Continue training (Space)") if paused
               else translate("WindowActions", "Start training (Space)"))
    w.start_action.setToolTip(tip)
    w.step_action.setEnabled(here and w.settings.valid and w.controller.can_step())
    w.reset_action.setEnabled(here)
    elsewhere = translate("WindowActions", _ELSEWHERE)
    w.step_action.setToolTip(translate("WindowActions", "Train exactly one epoch, then pause (S or Ctrl+→)")
                             if here else elsewhere)
    w.reset_action.setToolTip(translate("WindowActions", "Forget the training: new initial weights from the seed "
                                                         "(Ctrl+R)") if here else elsewhere)
    w.csv_action.setEnabled(w.controller.run is not None)
    if w.data is None:
        text = (translate("WindowActions", "Fix the data settings") if w.dataset_panel.error.text()
                else translate("WindowActions", "Loading data…"))
    elif errors:
        text = translate("WindowActions", "Fix the fields marked in red")
    elif w.controller.plan is None:
        text = translate("WindowActions", "Fix the network settings")
    else:
        text = translate("WindowActions", _STATE_TEXTS[state])
    w.status.set_state_text(text)


def show_shortcuts(w) -> None:
    ShortcutsDialog([w.start_action, w.step_action, w.reset_action, w.new_action, w.open_action,
                     w.open_lab_action, w.save_action, w.save_as_action, w.quit_action,
                     *w.view_actions.values(), w.shortcuts_action], w).exec()


# ------------------------------------------------------------------------------ View ▸ Language
def build_language_actions(w) -> None:
    """``w.language_actions``: System, English, 中文 (checkable, one checked: the saved setting)."""
    group = QActionGroup(w)
    group.setExclusive(True)
    saved = language_setting()
    w.language_actions: dict[str, QAction] = {}
    for code, text in LANGUAGE_CHOICES:
        action = QAction(translate("WindowActions", text) if code == SYSTEM else text, w)
        action.setCheckable(True)
        action.setChecked(code == saved)
        action.setData(code)
        if code == SYSTEM:
            tip = translate("WindowActions", "The language of the system ({language})").format(
                language=LANGUAGES[resolve_language(SYSTEM)])
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _c=False, code=code: choose_language(w, code))
        group.addAction(action)
        w.language_actions[code] = action
    w.language_group = group


def choose_language(w, code: str) -> bool:
    """Save the Language setting ``code`` (``system``, ``en`` or ``zh_CN``); the window says when
    it takes effect. Returns True when the setting means another language than the window's now."""
    save_language_setting(code)
    for key, action in getattr(w, "language_actions", {}).items():
        action.setChecked(key == code)
    other = resolve_language(code) != current_language()
    if other:
        w.statusBar().showMessage(translate("WindowActions", "The language changes when you restart OptStudio."))
    else:
        w.statusBar().showMessage(translate("WindowActions", "OptStudio is already in this language."), 5000)
    return other
