"""The window on lab 12's Sweep tab after its sweep ran: docs/gui_tab_sweep.png (1280 × 720) and,
with ``--sizes``, one picture per size into a folder.

    cd /work/main && QT_QPA_PLATFORM=offscreen python tests/gui_views/make_sweep_screenshot.py [OUT.png] [WxH]

Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402


def _wait(app, condition, timeout=300.0):
    start = time.time()
    while not condition():
        app.processEvents()
        if time.time() - start > timeout:
            raise TimeoutError("not done in time")
        time.sleep(0.005)


def main(out: str = str(ROOT / "docs" / "gui_tab_sweep.png"), size: str = "1280x720") -> None:
    from optstudio.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    width, height = (int(v) for v in size.split("x"))
    window = MainWindow(restore=False, remember=False, confirm=False)
    window.resize(width, height)
    window.show()
    _wait(app, lambda: window.data is not None)
    assert window.open_lab("12")
    _wait(app, lambda: window.data is not None)
    view = window.pages.sweep
    started = time.perf_counter()
    assert view.start()
    _wait(app, lambda: not view.is_running())
    print(f"{len(view.results)} runs in {time.perf_counter() - started:.1f} s: {view.status}")
    for _ in range(20):
        app.processEvents()
    window.grab().save(out)
    print("wrote", out)
    window.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:])
