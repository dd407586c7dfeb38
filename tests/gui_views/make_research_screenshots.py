"""Screenshots of the “Why it behaves so” page in the window, one per panel and size:
docs/gui_research_<panel>_<width>x<height>.png.

    cd /work/main && QT_QPA_PLATFORM=offscreen python tests/gui_views/make_research_screenshots.py

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

OUT = ROOT / "docs"
SIZES = ((1280, 720), (1920, 1080))
# panel: (lab, what to run)
SHOTS = {"sharpness": ("08_edge_of_stability", "measure"), "landscape": ("08_edge_of_stability", "measure"),
         "lr_range": ("09_learning_rate_range_test", "range"), "layers": ("07_vanishing_gradients", "measure")}


def _wait(app, condition, timeout=300.0):
    start = time.time()
    while not condition():
        app.processEvents()
        if time.time() - start > timeout:
            raise TimeoutError("the view did not finish in time")
        time.sleep(0.005)


def main(names) -> None:
    app = QApplication.instance() or QApplication([])
    import optstudio.gui  # noqa: F401
    from optstudio.gui.main_window import MainWindow
    from optstudio.labs import find_lab

    window = MainWindow(None, restore=False, remember=False, confirm=False)
    window.show()
    for name in names:
        lab, what = SHOTS[name]
        window.open_lab(find_lab(lab))
        view = window.pages.research
        view.show_panel(name)
        view.directions.setCurrentIndex(view.directions.findData("pca" if name == "landscape" else "random"))
        done = []
        if what == "measure":
            view.analysisFinished.connect(done.append)
            view.start_analysis()
        else:
            view.rangeTestFinished.connect(done.append)
            view.start_range_test()
        _wait(app, lambda: done)
        for width, height in SIZES:
            window.resize(width, height)
            for _ in range(10):
                app.processEvents()
            path = OUT / f"gui_research_{name}_{width}x{height}.png"
            window.grab().save(str(path))
            print("wrote", path)
    window.confirm = False
    window.close()
    window.shutdown() if hasattr(window, "shutdown") else None


if __name__ == "__main__":
    main(sys.argv[1:] or list(SHOTS))
