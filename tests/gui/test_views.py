"""The views in the main window: tabs and shortcuts, labs, inside view, schedule preview, closing."""

import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from optstudio.core.experiment import Experiment

ROOT = Path(__file__).resolve().parents[2]

PAGE_TEXTS = ["Training", "Compare optimizers", "Trajectories (2-D)", "Inside the optimizer", "Schedule preview",
              "Averages (EWA)", "Sweep", "Why it behaves so"]


# ------------------------------------------------------------------------------------- tabs
def test_the_tabs_exist_and_keep_the_training_views(make_window):
    window = make_window()
    assert [window.pages.tabText(i) for i in range(window.pages.count())] == PAGE_TEXTS
    assert [window.training_page.views.tabText(i) for i in range(window.training_page.views.count())] == [
        "Decision boundary", "Network", "Confusion matrix"]
    assert window.current_page == "training"
    for key, attribute, cls in (("compare", "compare", "CompareView"),
                                ("trajectory", "trajectory", "TrajectoryView"),
                                ("inside", "inside", "InsideView"),
                                ("schedule", "schedule", "SchedulePreview"),
                                ("ewa", "ewa", "EwaView")):
        window.show_view(key)
        assert window.current_page == key
        view = getattr(window.pages, attribute)
        assert type(view).__name__ == cls
        assert window.pages.currentWidget().isAncestorOf(view) and view.isVisible()
    window.show_view("confusion")
    assert window.current_page == "training" and window.training_page.views.currentIndex() == 2
    with pytest.raises(KeyError):
        window.show_view("nope")


def test_ctrl_number_shortcuts_switch_views_and_are_listed(qtbot, make_window):
    window = make_window()
    expected = {"boundary": "Ctrl+1", "network": "Ctrl+2", "confusion": "Ctrl+3", "compare": "Ctrl+4",
                "trajectory": "Ctrl+5", "inside": "Ctrl+6", "schedule": "Ctrl+7", "ewa": "Ctrl+8"}
    assert {k: a.shortcut().toString() for k, a in window.view_actions.items()} == expected
    assert window.open_lab_action.shortcut().toString() == "Ctrl+L"
    window.activateWindow()
    window.training_page.views.setFocus()
    qtbot.keyClick(window.training_page.views, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "inside"
    qtbot.keyClick(window.pages, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "training" and window.training_page.views.currentIndex() == 1
    # Help ▸ Keyboard shortcuts lists them (the dialog is built from these actions)
    from optstudio.gui.dialogs import ShortcutsDialog
    from PySide6.QtWidgets import QTableWidget

    dialog = ShortcutsDialog([window.open_lab_action, *window.view_actions.values()], window)
    table = dialog.findChild(QTableWidget)
    keys = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert keys == ["Ctrl+L"] + [f"Ctrl+{n}" for n in range(1, 9)]
    dialog.close()
    menus = [a.text() for a in window.menuBar().actions()]
    assert "&View" in menus


def test_pages_that_do_not_train_the_window_disable_its_training_buttons(make_window):
    window = make_window()
    assert window.start_action.isEnabled()
    for key in ("compare", "trajectory", "ewa"):
        window.show_view(key)
        assert not window.start_action.isEnabled() and not window.step_action.isEnabled()
        assert "own buttons" in window.start_action.toolTip()
    window.show_view("trajectory")
    assert window.page_note.isVisibleTo(window) and not window.dataset_section.isVisibleTo(window)
    for key in ("inside", "schedule", "training"):
        window.show_view(key)
        assert window.start_action.isEnabled()
        assert window.dataset_section.isVisibleTo(window) and not window.page_note.isVisibleTo(window)


def test_views_are_built_when_first_shown(make_window):
    from optstudio.gui.pages import PAGE_COMPARE, PAGE_TRAJECTORY

    window = make_window()
    assert PAGE_TRAJECTORY not in window.pages.views and PAGE_COMPARE not in window.pages.views
    window.show_view("trajectory")
    assert PAGE_TRAJECTORY in window.pages.views


def test_window_fits_1280_by_800(make_window):
    window = make_window()
    for key in ("training", "compare", "trajectory", "inside", "schedule", "ewa"):
        window.show_view(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 800, (key, hint)
        assert window.width() == 1280 and window.height() == 800


def test_last_page_is_restored(make_window):
    window = make_window(restore=True, remember=True)
    window.show_view("schedule")
    window.close()
    again = make_window(restore=True, remember=True)
    assert again.current_page == "schedule"


# ------------------------------------------------------------------------------------- labs
def test_open_lab_01_fills_the_compare_view(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        assert window.open_lab("01")
    assert window.current_page == "compare"
    view = window.pages.compare
    assert [row.optimizer_name() for row in view.rows] == ["gd", "momentum", "adam"]
    assert [c["label"] for c in view.configurations()] == ["Gradient descent", "Momentum", "Adam"]
    assert all(row.learning_rate.value() == pytest.approx(0.0007) for row in view.rows)
    assert view.epochs.value() == 10000
    assert view.base.training.seed == 3 and view.base.data.name == "moons"
    assert "Start" in view.status.text()
    # the title and instructions are shown; a bundled lab is never saved over
    assert window.lab_section.isVisibleTo(window)
    assert "GD, Momentum and Adam" in window.lab_panel.title.text()
    assert window.lab_panel.text().startswith("1. Train")
    assert window.path is None and "notebook's lab" in window.windowTitle()


def test_open_lab_06_sets_the_trajectory_view(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        assert window.open_lab("06_trajectories")
    assert window.current_page == "trajectory"
    settings = window.pages.trajectory.settings()
    assert settings["function"] == "ellipse" and settings["start"] == [-9.0, 2.0] and settings["steps"] == 100
    assert [(o["name"], o["learning_rate"]) for o in settings["optimizers"]] == [
        ("gd", 0.9), ("momentum", 0.9), ("rmsprop", 0.1), ("adam", 0.3)]
    assert window.pages.trajectory.results          # the paths are computed
    assert "Optimizer paths" in window.lab_panel.title.text() and window.lab_section.isVisibleTo(window)
    # the lab's other function comes with its own settings
    combo = window.pages.trajectory.function_combo
    combo.setCurrentIndex(combo.findData("saddle"))
    settings = window.pages.trajectory.settings()
    assert settings["function"] == "saddle" and settings["start"] == [-2.0, 0.001]
    assert {o["learning_rate"] for o in settings["optimizers"]} == {0.05}


def test_open_lab_dialog_lists_the_labs_and_opens_the_chosen_one(qtbot, make_window, monkeypatch):
    from optstudio.gui import dialogs, main_window
    from optstudio.labs import list_labs

    dialog = dialogs.LabDialog()
    qtbot.addWidget(dialog)
    labs = list_labs()
    assert dialog.table.rowCount() == len(labs) >= 6
    assert [dialog.table.item(r, 0).text() for r in range(len(labs))] == [title for _p, title in labs]
    assert [dialog.table.item(r, 1).text() for r in range(len(labs))] == [p.name for p, _t in labs]
    assert dialog.select("03")
    assert dialog.selected_path.name == "03_mini_batch_size.json"
    assert "comparison of 3 runs" in dialog.preview.text()

    window = make_window()

    def exec_choosing_lab_02(self):
        self.select("02")
        return dialogs.LabDialog.DialogCode.Accepted

    monkeypatch.setattr(main_window.LabDialog, "exec", exec_choosing_lab_02)
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        window.open_lab_action.trigger()
    assert window.current_page == "compare"
    assert len(window.pages.compare.rows) == 6
    assert "decay" in window.lab_panel.title.text().lower()


def test_lab_runs_that_change_more_than_the_optimizer_keep_their_changes(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        assert window.open_lab("03")
    exps, labels = window.pages.compare.experiments()
    assert [e.training.mini_batch_size for e in exps] == [300, 64, 1]
    assert labels[0] == "Batch GD (size 300)"
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        assert window.open_lab("04")
    exps, _labels = window.pages.compare.experiments()
    assert [e.network.init for e in exps] == ["zeros", "small", "xavier", "he"]


def test_a_single_run_lab_shows_the_training_page(qtbot, make_window):
    window = make_window()
    window.show_view("compare")
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        assert window.open_lab("05")
    assert window.current_page == "training"


def test_a_bad_lab_gives_a_message_and_changes_nothing(make_window):
    window = make_window()
    before = window.experiment().to_dict()
    assert not window.open_lab("no_such_lab")
    assert window.last_message is not None and "unknown lab" in window.last_message.text()
    assert window.experiment().to_dict() == before


def test_compare_view_follows_the_windows_shared_settings(qtbot, make_window):
    window = make_window()
    view = window.pages.compare
    rows = [row.optimizer_name() for row in view.rows]
    window.dataset_panel.samples.setValue(123)
    window.network_panel.add_layer(7, "tanh")
    window.optimizer_panel.batch.setValue(32)
    assert view.base.data.samples == 123
    assert view.base.network.hidden == [5, 2, 7]
    assert view.base.training.mini_batch_size == 32
    assert "[5, 2, 7]" in view.base_info.text()
    assert [row.optimizer_name() for row in view.rows] == rows      # the configurations stay


# ------------------------------------------------------------------------------------- inside view
def test_training_updates_the_inside_view_with_adams_effective_steps(qtbot, make_window, small_experiment,
                                                                      run_to_end):
    window = make_window(small_experiment(epochs=5))
    window.show_view("inside")
    assert window.training_page.maker.want_inside
    view = window.pages.inside
    assert view.mode == "empty"
    assert run_to_end(window) == "finished"
    assert view.mode == "adaptive"
    histogram = view.histogram_data()
    assert histogram and sum(int(counts.sum()) for _edges, counts in histogram.values()) == \
        window.controller.run.network.n_params
    assert "Adam" in view.header.text() and "epoch 5" in view.header.text()
    # Reset: nothing trained, nothing inside
    window.reset_training()
    assert view.mode == "empty"


def test_inside_data_waits_for_the_tab(qtbot, make_window, small_experiment, run_to_end):
    from optstudio.gui.pages import PAGE_INSIDE

    exp = small_experiment(epochs=4)
    exp.optimizer.name, exp.optimizer.params, exp.optimizer.learning_rate = "momentum", {"beta": 0.9}, 0.05
    window = make_window(exp)
    assert not window.training_page.maker.want_inside      # running snapshots skip it on other tabs
    assert run_to_end(window) == "finished"
    assert PAGE_INSIDE not in window.pages.views     # not built yet …
    window.show_view("inside")                       # … and shows the end of the run when opened
    view = window.pages.inside
    assert view.mode == "momentum"
    assert all(v is not None and v > 0 for _g, v in view.bar_data().values())
    window.show_view("training")
    assert not window.training_page.maker.want_inside


# ------------------------------------------------------------------------------------- schedule preview
def test_schedule_preview_follows_the_optimizer_panel(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100))
    window.show_view("schedule")
    preview = window.pages.schedule
    panel = window.optimizer_panel
    assert not preview.controls.isVisible()
    panel.schedule.setCurrentIndex(panel.schedule.findData("inverse-time"))
    panel.schedule_form.fields["decay_rate"].setValue(2.0)
    panel.schedule_form.fields["decay_rate"].setValue(1.0)
    panel.learning_rate.setText("0.5")
    x, rates = preview.curve_data()
    assert preview.rate_at_epoch(0) == pytest.approx(0.5)
    assert preview.rate_at_epoch(2) == pytest.approx(0.5 / 3)
    assert x[-1] == pytest.approx(99)
    panel.epochs.setValue(250)
    assert preview.curve_data()[0][-1] == pytest.approx(249)
    assert "inverse-time" in preview.context.text() and "<b>250</b> epochs" in preview.context.text()
    # per-step schedule: steps per epoch = ceil(m_train / batch size)
    m_train = window.controller.plan.engines[0].data.X.shape[1]
    panel.batch.setValue(64)
    if "cyclical" in window.manager.schedules:
        panel.schedule.setCurrentIndex(panel.schedule.findData("cyclical"))
        x, _rates = preview.curve_data()
        assert preview.sampling == "step"
        assert len(x) == 250 * math.ceil(m_train / 64)
    assert f"{math.ceil(m_train / 64)} mini-batch steps" in preview.context.text()
    # a bad α: a message, not a traceback
    panel.learning_rate.setText("-1")
    assert preview.error.isVisibleTo(preview) and "α" in preview.error.text()


def test_schedule_preview_is_right_when_first_opened(make_window, small_experiment):
    exp = small_experiment(epochs=10)
    exp.schedule.name, exp.schedule.params = "inverse-time", {"decay_rate": 1.0}
    exp.optimizer.learning_rate = 0.5
    window = make_window(exp)
    assert window.pages.schedule.rate_at_epoch(2) == pytest.approx(0.5 / 3)


# ------------------------------------------------------------------------------------- closing
def test_close_while_comparing_stops_the_comparison(qtbot, qtlog, make_window):
    from optstudio.gui.views import live_view_threads

    window = make_window()
    window.show_view("compare")
    view = window.pages.compare
    view.epochs.setValue(1_000_000)
    with qtbot.waitSignal(view.runningChanged, timeout=10000):
        assert view.start()
    qtbot.waitUntil(lambda: view.progress_count > 2, timeout=30000)
    thread = view.controller.thread
    assert thread.isRunning()
    assert window.close()
    assert not thread.isRunning()
    assert not view.is_running() and live_view_threads() == []
    assert not any("Destroyed while thread" in m.message for m in qtlog.records)


def test_close_while_the_comparison_is_paused(qtbot, make_window):
    from optstudio.gui.views import live_view_threads

    window = make_window()
    view = window.pages.compare
    view.epochs.setValue(1_000_000)
    assert view.start()
    qtbot.waitUntil(lambda: view.progress_count > 1, timeout=30000)
    view.pause()
    window.close()
    assert live_view_threads() == []


def test_close_while_comparing_in_a_real_process(tmp_path):
    """No "QThread: Destroyed while thread is still running", no crash, exit status 0."""
    script = tmp_path / "close.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import optstudio.gui\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from optstudio.gui.main_window import MainWindow\n"
        "w = MainWindow(restore=False, remember=False, confirm=False)\n"
        "w.show()\n"
        "w.show_view('compare')\n"
        "w.pages.compare.epochs.setValue(1000000)\n"
        "w.pages.compare.start()\n"
        "QTimer.singleShot(1500, w.close)\n"
        "QTimer.singleShot(1600, app.quit)\n"
        "sys.exit(app.exec())\n", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPTSTUDIO_CONFIG_DIR": str(tmp_path / "cfg")}
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env,
                          cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "Destroyed while thread" not in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------------------------------- app
def test_config_accepts_a_lab_name(tmp_path, qapp):
    from PySide6.QtGui import QGuiApplication

    from optstudio.gui.app import main

    out = tmp_path / "lab.png"
    assert main(["--config", "notebook_optimizers", "--epochs", "3", "--screenshot", str(out)]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert QGuiApplication.desktopFileName() == "optstudio"


def test_config_with_an_unknown_lab_exits_2(capsys):
    from optstudio.gui.app import main

    assert main(["--config", "no_such_lab"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "unknown lab" in err


def test_window_opened_with_a_comparison_lab_shows_the_comparison(qtbot, make_window):
    from optstudio.labs import load_lab

    window = make_window(load_lab("01"))
    assert window.current_page == "compare"
    assert [row.optimizer_name() for row in window.pages.compare.rows] == ["gd", "momentum", "adam"]
    plain = make_window(Experiment())
    assert plain.current_page == "training"
