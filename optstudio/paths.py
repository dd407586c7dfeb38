"""Where OptStudio keeps per-user files, and where the repository's plugin folder is.

Plain Python (no Qt), so the CLI, the plugin manager and the tests can use it.

* :func:`user_config_dir` -- ``OPTSTUDIO_CONFIG_DIR`` if set; otherwise
  ``%APPDATA%\\OptStudio`` on Windows, ``~/Library/Application Support/OptStudio`` on macOS,
  and ``$XDG_CONFIG_HOME/optstudio`` (default ``~/.config/optstudio``) elsewhere.
* :func:`user_plugin_dir` -- ``<user config dir>/plugins``: drop-in plugin files.
* :func:`repo_plugin_dir` -- the top-level ``plugins/`` folder of a source checkout, or
  ``None`` when OptStudio runs from an installed wheel.

None of these functions creates the folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["user_config_dir", "user_plugin_dir", "repo_plugin_dir", "CONFIG_DIR_ENV"]

#: Environment variable that overrides the per-user configuration folder.
CONFIG_DIR_ENV = "OPTSTUDIO_CONFIG_DIR"


def user_config_dir() -> Path:
    """The per-user configuration folder (not created)."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA", "").strip()
        base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
        return base / "OptStudio"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "OptStudio"
    xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
    # The XDG spec says to ignore a relative XDG_CONFIG_HOME.
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".config"
    return base / "optstudio"


def user_plugin_dir() -> Path:
    """The per-user drop-in plugin folder (not created)."""
    return user_config_dir() / "plugins"


def repo_plugin_dir() -> Path | None:
    """The repository's top-level ``plugins/`` folder, or ``None`` if there is none.

    That folder sits next to the ``optstudio`` package in a source checkout. In an installed
    wheel the package's parent is ``site-packages``; a ``plugins`` folder there belongs to
    somebody else, so it is not used.
    """
    import optstudio

    package_dir = Path(optstudio.__file__).resolve().parent
    root = package_dir.parent
    if root.name.lower() in ("site-packages", "dist-packages"):
        return None
    folder = root / "plugins"
    if not folder.is_dir() or (folder / "__init__.py").exists():
        # A regular package called ``plugins`` is some other project's code, not ours.
        return None
    return folder
