"""Before the window starts on Linux: are the system libraries Qt's xcb plugin needs there?

Without them Qt aborts with a long message that blames another library ("could not load the Qt
platform plugin "xcb" … even though it was found", core dumped). :func:`missing_xcb_packages`
tries to load each library the xcb plugin of PySide6 6.5+ links to (``ctypes.CDLL`` of its
soname, about a millisecond for all: they are loaded moments later by Qt anyway) and names the
Debian/Ubuntu packages of those that are missing; :func:`xcb_problem` makes that the one line the
app prints instead of Qt's abort.

The check runs only where Qt would use xcb: Linux, a ``DISPLAY``, no ``WAYLAND_DISPLAY`` (Qt then
prefers its Wayland plugin) and no ``QT_QPA_PLATFORM`` set by the user (``offscreen``, ``wayland``,
``vnc`` … need none of these libraries).
"""

from __future__ import annotations

import ctypes
import os
import sys
from typing import Callable, Mapping

__all__ = ["XCB_LIBRARIES", "README_PACKAGES", "missing_xcb_packages", "xcb_check_applies", "xcb_problem",
           "install_line"]

#: soname of each library the xcb platform plugin loads -> the Debian/Ubuntu package holding it.
#: The first five are the ones a stock desktop lacks (README's Install section names them).
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-render.so.0": "libxcb-render0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
}
#: the packages README's Install section names
README_PACKAGES = ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0", "libxkbcommon-x11-0")


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages(loads: Callable[[str], bool] = _loads) -> list[str]:
    """The packages (in :data:`XCB_LIBRARIES` order) whose library cannot be loaded."""
    return [package for soname, package in XCB_LIBRARIES.items() if not loads(soname)]


def xcb_check_applies(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt would start its xcb plugin here (see the module docstring)."""
    env = os.environ if environ is None else environ
    return ((platform or sys.platform).startswith("linux") and bool(env.get("DISPLAY"))
            and not env.get("WAYLAND_DISPLAY") and not env.get("QT_QPA_PLATFORM"))


def install_line(packages: list[str]) -> str:
    return "sudo apt-get install " + " ".join(packages)


def xcb_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                missing: Callable[[], list[str]] | None = None) -> str | None:
    """One line naming the missing libraries and the ``apt-get`` line, or None when Qt can start
    (or the check does not apply)."""
    if not xcb_check_applies(environ, platform):
        return None
    packages = (missing or missing_xcb_packages)()
    if not packages:
        return None
    # README's line installs the usual missing ones in one go; other missing ones are added
    line = install_line(list(README_PACKAGES) + [p for p in packages if p not in README_PACKAGES])
    return (f"the window cannot start: Qt's xcb plugin needs system libraries that are missing "
            f"({', '.join(packages)}); install them with: {line}")
