"""Pictures of the window in Chinese: ``python tools/screenshots_zh.py [OUT_DIR]``.

The real window (offscreen unless a display is set), in zh_CN, trained for a few epochs, then every
page (and the Training page's tabs) at 1366×768, and the Training page at 1280×720 and 1920×1080.
Needs a CJK font (``fonts-noto-cjk`` on Debian/Ubuntu). Default OUT_DIR: docs/zh.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    out = Path(argv[0] if argv else Path(__file__).resolve().parent.parent / "docs" / "zh")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from optstudio.core.experiment import Experiment
    from optstudio.gui.i18n import has_font_for, install_language
    from optstudio.gui.main_window import MainWindow
    from optstudio.gui.pages import PAGES, VIEW_KEYS
    from optstudio.gui.plots import configure_pyqtgraph

    configure_pyqtgraph()
    install_language("zh_CN", app)
    if not has_font_for("zh_CN"):
        print("warning: no CJK font (install fonts-noto-cjk): the pictures will show boxes", file=sys.stderr)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    exp = Experiment()
    exp.training.epochs = 300
    window = MainWindow(exp, restore=False, remember=False, confirm=False)
    window.speed_control.set_pace(None)
    window.resize(1366, 768)
    window.show()
    settle(800)
    done = QEventLoop()
    window.trainingFinished.connect(lambda *_: done.quit())
    QTimer.singleShot(60000, done.quit)
    window.start_training()
    done.exec()
    settle()
    saved = []
    keys = [key for key, _text, _page, tab in VIEW_KEYS if tab is not None] + [k for k in PAGES if k != "training"]
    for key in keys:
        window.show_view(key)
        settle(600)
        path = out / f"zh_{key}_1366x768.png"
        window.grab().save(str(path))
        saved.append(path)
    window.show_view("boundary")
    for width, height in ((1280, 720), (1920, 1080)):
        window.resize(width, height)
        settle(600)
        path = out / f"zh_window_{width}x{height}.png"
        window.grab().save(str(path))
        saved.append(path)
    print("\n".join(str(p) for p in saved))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
