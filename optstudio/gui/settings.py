"""Where the window remembers things between runs: an INI file in the user's config folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from optstudio.paths import user_config_dir

__all__ = ["settings_path", "open_settings"]


def settings_path() -> Path:
    """``<user config dir>/optstudio.ini`` (``OPTSTUDIO_CONFIG_DIR`` moves it)."""
    return user_config_dir() / "optstudio.ini"


def open_settings() -> QSettings:
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # read-only home: QSettings then simply cannot save
    return QSettings(str(path), QSettings.Format.IniFormat)
