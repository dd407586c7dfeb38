"""Pictures of the main window for the docs and for looking at it (not a test).

    QT_QPA_PLATFORM=offscreen python tests/gui/make_screenshots.py [OUT_DIR]   (default: docs/)

Writes gui_*.png: each tab, the settings column, data with more features, several classes,
invalid input, a lab file with instructions, the plugin dialog, and gui_tab_*.png: the pages next
to "Training" (compare, trajectory, inside, schedule, ewa), all at 1280×800. The README picture
(docs/screenshot.png) comes from the real screenshot mode:
``python main.py --epochs 300 --screenshot docs/screenshot.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("OPTSTUDIO_CONFIG_DIR", tempfile.mkdtemp(prefix="optstudio-shots-"))

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    import optstudio.gui  # noqa: F401 - the PySide6 work-around first
    from optstudio.core.experiment import Experiment, notebook_preset
    from optstudio.gui.dialogs import PluginDialog
    from optstudio.gui.icon import app_icon
    from optstudio.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())

    def wait(signal, ms=60000):
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle(ms=150):
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def window_for(exp):
        w = MainWindow(exp, restore=False, remember=False, confirm=False)
        w.resize(1280, 800)
        w.speed_control.set_pace(None)
        w.show()
        wait(w.dataReady)
        return w

    def train(w):
        w.start_training()
        wait(w.trainingFinished)
        settle()

    def shot(w, name):
        settle()
        w.grab().save(str(out / name))
        print("wrote", out / name)

    # 1. the default experiment trained, each tab
    exp = Experiment()
    exp.training.epochs = 300
    w = window_for(exp)
    train(w)
    shot(w, "gui_boundary.png")
    w.training_page.views.setCurrentIndex(1)
    shot(w, "gui_network.png")
    w.training_page.views.setCurrentIndex(2)
    shot(w, "gui_confusion.png")
    w.training_page.views.setCurrentIndex(0)
    w.training_page.curve_tabs.setCurrentIndex(1)
    w.training_page.cost_plot.log_box.setChecked(True)
    shot(w, "gui_learning_rate_log_cost.png")
    w.scroll.verticalScrollBar().setValue(w.network_section.y() - 4)
    shot(w, "gui_network_panel.png")
    w.scroll.verticalScrollBar().setValue(w.optimizer_section.y() - 4)
    shot(w, "gui_optimizer_panel.png")
    # invalid input
    w.optimizer_panel.learning_rate.setText("-1")
    w.optimizer_panel.form.fields["beta1"].lineEdit().setText("1.5")
    shot(w, "gui_invalid_input.png")
    w.close()

    # 2. more than two features: digits, PCA view
    exp = Experiment()
    exp.data.name = "digits"
    exp.data.test_fraction = 0.25
    exp.data.standardize = True
    exp.network.hidden = [32, 16]
    exp.network.loss = "softmax"
    exp.training.epochs = 40
    w = window_for(exp)
    train(w)
    shot(w, "gui_digits_pca.png")
    w.training_page.views.setCurrentIndex(2)
    shot(w, "gui_digits_confusion.png")
    w.training_page.views.setCurrentIndex(1)
    shot(w, "gui_digits_network.png")
    w.close()

    # 3. several classes on a plane: blobs with softmax
    exp = Experiment()
    exp.data.name = "blobs"
    exp.data.centers = 4
    exp.data.noise = 1.2
    exp.network.loss = "softmax"
    exp.network.hidden = [8, 8]
    exp.training.epochs = 200
    w = window_for(exp)
    train(w)
    shot(w, "gui_blobs.png")
    w.close()

    # 4. a lab file: the notebook's lab with its title
    exp = notebook_preset()
    exp.instructions = ("Train with **Adam** (α = 0.0007) and watch the boundary.\n\n"
                        "Then choose *Momentum* and *Gradient descent*: which one separates the moons?")
    exp.training.epochs = 2000
    w = window_for(exp)
    train(w)
    shot(w, "gui_lab.png")
    dialog = PluginDialog(w.manager, w)
    dialog.show()
    settle()
    dialog.grab().save(str(out / "gui_plugins_dialog.png"))
    print("wrote", out / "gui_plugins_dialog.png")
    dialog.close()
    w.close()

    # 5. the other pages of the plot area, at 1280×800
    exp = Experiment()
    exp.training.epochs = 300
    w = window_for(exp)
    train(w)
    w.show_view("inside")
    shot(w, "gui_tab_inside.png")
    panel = w.optimizer_panel
    panel.schedule.setCurrentIndex(panel.schedule.findData("inverse-time"))
    panel.schedule_form.fields["decay_rate"].setValue(0.02)
    panel.learning_rate.setText("0.01")
    w.show_view("schedule")
    shot(w, "gui_tab_schedule.png")
    w.show_view("ewa")
    shot(w, "gui_tab_ewa.png")
    w.open_lab("01")                     # the notebook's comparison, shortened
    wait(w.dataReady)
    view = w.pages.compare
    view.epochs.setValue(2000)
    view.start()
    wait(view.trainingFinished, 120000)
    settle(300)
    shot(w, "gui_tab_compare.png")
    w.open_lab("06")                     # optimizer paths
    wait(w.dataReady)
    w.pages.trajectory.show_all()
    w.lab_section.setExpanded(False)     # (the long instructions would push the PNG over 300 KB)
    shot(w, "gui_tab_trajectory.png")
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
