"""Plugins ▸ Open plugin folder: the user's drop-in folder in the system's file manager.

The folder is :func:`optstudio.paths.user_plugin_dir` (every way of starting OptStudio looks
there); it is created when missing, so the file manager has something to show and a plugin file
can be dropped in at once. Plugins ▸ Reload plugins then loads it without a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from optstudio import paths
from optstudio.gui.i18n import translate

__all__ = ["open_plugin_folder", "drop_hint"]


def drop_hint() -> str:
    """The Plugins menu's line telling where plugin files go."""
    return translate("PluginFolder", "Drop plugin files (*.py) into {folder}").format(folder=paths.user_plugin_dir())


def open_plugin_folder(window) -> Path | None:
    """Create the user plugin folder if needed and open it; a problem is a one-line message.
    Returns the folder, or None when it could not be created or opened."""
    folder = paths.user_plugin_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        window.show_message(translate("PluginFolder", "Cannot create the plugin folder"),
                            f"{folder}: {exc.strerror or exc}")
        return None
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        window.show_message(translate("PluginFolder", "Cannot open the plugin folder"),
                            translate("PluginFolder", "No file manager opened {folder}: open it yourself and drop "
                                                      "plugin files (*.py) there.").format(folder=folder))
        return None
    message = translate("PluginFolder", "Opened {folder}: drop plugin files there, then Plugins ▸ Reload plugins")
    window.statusBar().showMessage(message.format(folder=folder), 8000)
    return folder
