"""What the window remembers between sessions (an INI file, see :mod:`optstudio.gui.settings`):
its size and splitters, the page and view shown, the last experiment, the folders of the file
dialogs and the training speed."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray

from optstudio.core.experiment import Experiment

__all__ = ["stored_experiment", "restore_window", "save_window", "SETTINGS_EXPERIMENT"]

SETTINGS_EXPERIMENT = "session/experiment"
_SPLITTERS = ("main_splitter", "plot_splitter", "curve_splitter")


def _splitters(window) -> dict:
    page = window.training_page
    return {"main_splitter": window.main_splitter, "plot_splitter": page, "curve_splitter": page.curve_splitter}


def stored_experiment(settings, manager) -> Experiment | None:
    """The last session's experiment, if it is readable and its plugins are there (else None)."""
    text = settings.value(SETTINGS_EXPERIMENT)
    if not isinstance(text, str) or not text:
        return None
    try:
        exp = Experiment.from_dict(json.loads(text), where="the last session")
        manager.optimizer_info(exp.optimizer.name)
        manager.schedule_info(exp.schedule.name)
        return exp
    except Exception:  # noqa: BLE001 - a corrupt stored experiment is ignored silently
        return None


def restore_window(window, settings) -> None:
    """Size, layout, page, view, folders and speed from the last session (what is missing or
    unreadable keeps its default)."""
    value = settings.value("window/geometry")
    if isinstance(value, (QByteArray, bytes)):
        window.restoreGeometry(QByteArray(value))
    value = settings.value("window/state")
    if isinstance(value, (QByteArray, bytes)):
        window.restoreState(QByteArray(value))
    for key, splitter in _splitters(window).items():
        value = settings.value(f"window/{key}")
        if isinstance(value, (QByteArray, bytes)):
            splitter.restoreState(QByteArray(value))
    for key, widget in (("window/view_tab", window.training_page.views), ("window/page", window.pages)):
        try:
            widget.setCurrentIndex(int(settings.value(key)))
        except (TypeError, ValueError):
            pass
    for key in ("data", "experiment"):
        folder = settings.value(f"paths/{key}_folder")
        if isinstance(folder, str) and folder:
            window.folders[key] = folder
    window.dataset_panel.folder = window.folders.get("data", "")
    try:
        window.speed_control.set_index(int(settings.value("training/speed")))
    except (TypeError, ValueError):
        pass


def save_window(window, settings) -> None:
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for key, splitter in _splitters(window).items():
        settings.setValue(f"window/{key}", splitter.saveState())
    settings.setValue("window/view_tab", window.training_page.views.currentIndex())
    settings.setValue("window/page", window.pages.currentIndex())
    folders = dict(window.folders)
    if window.dataset_panel.folder:
        folders["data"] = window.dataset_panel.folder
    for key, folder in folders.items():
        settings.setValue(f"paths/{key}_folder", folder)
    settings.setValue("training/speed", window.speed_control.index())
    if window.settings.valid:
        try:
            settings.setValue(SETTINGS_EXPERIMENT, json.dumps(window.experiment().to_dict()))
        except (TypeError, ValueError):
            pass
    settings.sync()
