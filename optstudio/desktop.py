"""Menu entry for Linux desktops: write or remove ``optstudio.desktop`` (no Qt here).

``optstudio install-desktop`` (see :mod:`optstudio.cli.install_desktop`) calls
:func:`install_desktop_file`, which writes ``$XDG_DATA_HOME/applications/optstudio.desktop``
(default ``~/.local/share/applications``) following the freedesktop.org Desktop Entry
Specification, so OptStudio appears in the application menu under Education and Science::

    [Desktop Entry]
    Type=Application
    Name=OptStudio
    Exec=/home/me/.local/bin/optstudio-gui       (or: /usr/bin/python3 -m optstudio.gui.app)
    Icon=/…/site-packages/optstudio/gui/resources/icon.png
    Categories=Education;ArtificialIntelligence;
    …

``Exec`` is the installed ``optstudio-gui`` launcher if one is on ``PATH``, else the running
Python with ``-m optstudio.gui.app`` (plus ``Path=`` the source checkout when OptStudio is not
installed), and inside a standalone (PyInstaller) build the executable itself.
:func:`uninstall_desktop_file` removes the file again. Nothing here touches the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from optstudio.core.i18n import translate

__all__ = [
    "DESKTOP_FILE_NAME", "applications_dir", "desktop_file_path", "icon_path", "launcher_command",
    "desktop_entry", "install_desktop_file", "uninstall_desktop_file", "exec_line",
    "DesktopError", "FALLBACK_ICON",
]

DESKTOP_FILE_NAME = "optstudio.desktop"
#: A themed icon name used when the packaged icon file is missing.
FALLBACK_ICON = "applications-science"
GUI_SCRIPT = "optstudio-gui"
GUI_MODULE = "optstudio.gui.app"


class DesktopError(ValueError):
    """The menu entry cannot be written or removed; the message is one line."""


def _data_home() -> Path:
    xdg = os.environ.get("XDG_DATA_HOME", "").strip()
    # The XDG Base Directory spec says a relative path must be ignored.
    if xdg and os.path.isabs(xdg):
        return Path(xdg)
    return Path.home() / ".local" / "share"


def applications_dir(data_home: str | Path | None = None) -> Path:
    """``<data home>/applications``: ``$XDG_DATA_HOME`` or ``~/.local/share`` (not created)."""
    return (Path(data_home) if data_home is not None else _data_home()) / "applications"


def desktop_file_path(data_home: str | Path | None = None) -> Path:
    return applications_dir(data_home) / DESKTOP_FILE_NAME


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def icon_path() -> Path:
    """The packaged icon, ``optstudio/gui/resources/icon.png`` (it may be missing)."""
    return _package_dir() / "gui" / "resources" / "icon.png"


def _source_checkout_root() -> Path | None:
    """The folder holding the ``optstudio`` package when it is not an installed copy."""
    root = _package_dir().parent
    if root.name.lower() in ("site-packages", "dist-packages"):
        return None
    return root


def launcher_command() -> tuple[list[str], Path | None]:
    """(command, working folder or ``None``) that starts the window."""
    if getattr(sys, "frozen", False):  # a PyInstaller build: the executable is the app
        return [str(Path(sys.executable).resolve())], None
    script = shutil.which(GUI_SCRIPT)
    if script:
        return [str(Path(script).resolve())], None
    # ``python -m`` finds the package from the working folder when it is not installed.
    return [str(Path(sys.executable).resolve()), "-m", GUI_MODULE], _source_checkout_root()


# Desktop Entry Specification, "The Exec key": arguments with reserved characters are quoted,
# and inside quotes ", `, $ and \ are escaped with a backslash. The value is then a string
# value, in which a backslash is written as \\ (so a literal backslash ends up as \\\\).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _quote_arg(arg: str) -> str:
    if arg == "" or any(c in _RESERVED for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{inner}"'
    return arg.replace("%", "%%")


def _string_value(text: str) -> str:
    """Escape a value of type string (backslash, newline, tab, CR)."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))


def exec_line(command: Sequence[str]) -> str:
    """The ``Exec=`` value for ``command`` (quoted and escaped as the specification asks)."""
    if not command:
        raise DesktopError("the launcher command is empty")
    return _string_value(" ".join(_quote_arg(str(a)) for a in command))


def desktop_entry(command: Sequence[str], icon: str | Path, working_dir: str | Path | None = None) -> str:
    """The text of ``optstudio.desktop``."""
    try:
        from optstudio import __version__ as version
    except ImportError:  # pragma: no cover
        version = ""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=OptStudio",
        "GenericName=Neural network optimization lab",
        "Comment=See how neural networks are optimized: GD, Momentum, RMSProp, Adam and more, live",
        f"Exec={exec_line(command)}",
        f"TryExec={_string_value(str(command[0]))}",
        f"Icon={_string_value(str(icon))}",
        "Terminal=false",
        "Categories=Education;ArtificialIntelligence;",
        "Keywords=neural network;optimization;gradient descent;Adam;machine learning;",
        "StartupNotify=true",
        "StartupWMClass=OptStudio",   # the window's WM_CLASS: Qt uses the application name
    ]
    if working_dir is not None:
        lines.insert(lines.index("Terminal=false"), f"Path={_string_value(str(working_dir))}")
    if version:
        lines.append(f"X-OptStudio-Version={version}")
    return "\n".join(lines) + "\n"


def _refresh_menu_cache(folder: Path) -> None:
    """Tell the desktop about the change (optional tool; failures do not matter)."""
    tool = shutil.which("update-desktop-database")
    if not tool:
        return
    try:
        subprocess.run([tool, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        pass


def install_desktop_file(data_home: str | Path | None = None, *, command: Sequence[str] | None = None,
                         icon: str | Path | None = None, working_dir: str | Path | None = None,
                         refresh: bool = True) -> Path:
    """Write the menu entry and return its path.

    ``command``/``icon``/``working_dir`` default to :func:`launcher_command` and
    :func:`icon_path` (:data:`FALLBACK_ICON` when the icon file is missing). Raises
    :class:`DesktopError` with a one-line message.
    """
    if command is None:
        command, default_dir = launcher_command()
        if working_dir is None:
            working_dir = default_dir
    if icon is None:
        packaged = icon_path()
        icon = packaged if packaged.is_file() else FALLBACK_ICON
    text = desktop_entry(command, icon, working_dir)
    path = desktop_file_path(data_home)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise DesktopError(translate("desktop", "cannot write {path}: {reason}").format(path=repr(str(path)), reason=exc.strerror or exc)) from None
    if refresh:
        _refresh_menu_cache(path.parent)
    return path


def uninstall_desktop_file(data_home: str | Path | None = None, *, refresh: bool = True) -> Path | None:
    """Remove the menu entry; its former path, or ``None`` if there was none."""
    path = desktop_file_path(data_home)
    if not path.exists():
        return None
    try:
        path.unlink()
    except OSError as exc:
        raise DesktopError(translate("desktop", "cannot remove {path}: {reason}").format(path=repr(str(path)), reason=exc.strerror or exc)) from None
    if refresh:
        _refresh_menu_cache(path.parent)
    return path
