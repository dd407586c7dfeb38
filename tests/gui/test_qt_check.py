"""When Qt cannot start (Linux without the xcb libraries): one line naming them, not Qt's abort."""

import os
import subprocess
import sys
from pathlib import Path

from optstudio.gui import qt_check

ROOT = Path(__file__).resolve().parents[2]
README_LINE = "sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0"


def test_missing_packages_are_named_in_library_order():
    absent = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}
    assert qt_check.missing_xcb_packages(lambda soname: soname not in absent) == ["libxcb-icccm4", "libxcb-keysyms1"]
    assert qt_check.missing_xcb_packages(lambda soname: True) == []


def test_the_real_check_names_only_known_packages():
    missing = qt_check.missing_xcb_packages()
    assert set(missing) <= set(qt_check.XCB_LIBRARIES.values())


def test_the_check_applies_only_where_qt_would_use_xcb():
    applies = qt_check.xcb_check_applies
    assert applies({"DISPLAY": ":0"}, "linux")
    assert not applies({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not applies({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not applies({}, "linux")
    assert not applies({"DISPLAY": ":0"}, "win32")
    assert not applies({"DISPLAY": ":0"}, "darwin")


def test_one_line_with_the_missing_libraries_and_the_readme_apt_line():
    line = qt_check.xcb_problem({"DISPLAY": ":0"}, "linux", missing=lambda: ["libxcb-icccm4", "libxcb-keysyms1"])
    assert "\n" not in line
    assert "(libxcb-icccm4, libxcb-keysyms1)" in line
    assert line.endswith(README_LINE)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(package in readme for package in qt_check.README_PACKAGES)
    # a missing library README does not name is added to the line
    other = qt_check.xcb_problem({"DISPLAY": ":0"}, "linux", missing=lambda: ["libxcb-randr0"])
    assert other.endswith(README_LINE + " libxcb-randr0")
    assert qt_check.xcb_problem({"DISPLAY": ":0"}, "linux", missing=lambda: []) is None
    assert qt_check.xcb_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", missing=lambda: ["x"]) is None


def _start(code: str):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":99"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_app_prints_one_line_and_exits_1_before_qt_starts():
    if not sys.platform.startswith("linux"):
        return
    done = _start("import optstudio.gui.qt_check as q\n"
                  "q.missing_xcb_packages = lambda: ['libxcb-icccm4', 'libxcb-keysyms1']\n"
                  "from optstudio.gui.app import main\n"
                  "raise SystemExit(main([]))\n")
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("optstudio-gui: error: the window cannot start")
    assert "libxcb-icccm4, libxcb-keysyms1" in lines[0] and README_LINE in lines[0]
    assert "Qt platform plugin" not in done.stderr and done.stdout == ""
