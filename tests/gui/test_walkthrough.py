"""What trying the window as a student turned up, one test (or more) per finding."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QObject, QRect, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from optstudio.core.experiment import Experiment
from optstudio.gui.controller import RunState

ROOT = Path(__file__).resolve().parents[2]


class _Ticker(QObject):
    """Ticks every 5 ms in the GUI thread: the largest gap is the longest stall."""

    def __init__(self):
        super().__init__()
        self.ticks = [time.perf_counter()]
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @Slot()
    def tick(self):
        self.ticks.append(time.perf_counter())

    def stall_ms(self) -> float:
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        return float(np.diff(self.ticks).max() * 1000)


# ------------------------------------------------------------------------------ too fast to watch
def test_the_default_speed_is_watchable_and_full_speed_is_one_step_away(qtbot, make_window, small_experiment):
    from optstudio.gui.speed_control import DEFAULT_PACE, PACES

    window = make_window(small_experiment(epochs=1000), full_speed=False)
    assert window.speed_control.pace == DEFAULT_PACE == window.controller.pace
    assert PACES[0] <= 2 and PACES[-1] is None             # from a slow pace to full speed
    run = window.controller.run
    begin = time.perf_counter()
    assert window.start_training()
    qtbot.waitUntil(lambda: run.epoch >= 60, timeout=20000)
    # never faster than the pace: 60 epochs at 100 epochs/s take at least 0.6 s
    assert time.perf_counter() - begin >= 60 / DEFAULT_PACE * 0.95
    window.speed_control.set_pace(None)                   # full speed, while it trains
    assert window.controller.pace is None
    with qtbot.waitSignal(window.trainingFinished, timeout=30000):
        pass
    assert run.epoch == 1000


@pytest.mark.parametrize("pace", [20, None])
def test_plots_redraw_at_a_steady_rate_whatever_the_speed(qtbot, make_window, small_experiment, pace):
    window = make_window(small_experiment(epochs=1_000_000), full_speed=pace is None)
    if pace is not None:
        window.speed_control.set_pace(pace)
    frames = []
    window.snapshotApplied.connect(lambda: frames.append(time.perf_counter()))
    assert window.start_training()
    qtbot.waitUntil(lambda: len(frames) >= 25, timeout=20000)
    window.pause_training()
    rate = (len(frames) - 1) / (frames[-1] - frames[0])
    assert rate <= 33, f"{rate:.0f} frames/s"               # at most 30 snapshots a second
    assert rate >= 5, f"{rate:.0f} frames/s"


# ------------------------------------------------------------------------------ classroom screens
def test_every_page_fits_1280_by_720(make_window):
    window = make_window()
    for key in ("training", "compare", "trajectory", "inside", "schedule", "ewa"):
        window.show_view(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 720 - 40, (key, hint)


class _Screen:
    def __init__(self, width, height):
        self._rect = QRect(0, 0, width, height)

    def availableGeometry(self):  # noqa: N802
        return self._rect


@pytest.mark.parametrize("width, height", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_window_opens_within_the_screen(make_window, width, height):
    window = make_window()
    window.fit_to_screen(_Screen(width, height - 40))        # (a task bar takes 40 pixels)
    frame = window.frameGeometry().height() - window.geometry().height()
    assert window.width() <= width and window.height() + frame <= height - 40
    assert window.width() == min(1280, width) and window.height() >= min(800, height - 40) - 40


# ------------------------------------------------------------------------------ invalid input
def _type_and_leave(qtbot, window, field, text):
    window.activateWindow()
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), text)
    qtbot.keyClick(field, Qt.Key.Key_Return)               # Enter …
    window.optimizer_panel.learning_rate.setFocus()        # … and the focus leaves the field


@pytest.mark.parametrize("typed", ["0", "-5"])
def test_a_bad_layer_width_stays_there_marked_with_the_reason(qtbot, make_window, typed):
    window = make_window()
    spin = window.network_panel.layer_rows[0][1]
    _type_and_leave(qtbot, window, spin, typed)
    assert spin.text() == typed                             # what was typed, not the old value
    assert spin.property("invalid")                         # red frame
    error = window.network_panel.layer_errors[0]
    assert not error.isHidden() and "at least 1 unit" in error.text() and typed in error.text()
    assert not window.start_action.isEnabled()
    assert window.status.state_label.text() != "Ready"
    assert "Fix" in window.status.state_label.text()
    assert "layer 1 width" in window.start_action.toolTip()
    spin.lineEdit().setText("4")                            # fixed: all clear again
    assert not spin.property("invalid") and error.isHidden() and window.start_action.isEnabled()
    assert window.status.state_label.text() == "Ready"


def test_mini_batch_size_zero_shows_zero_and_why(qtbot, make_window):
    window = make_window()
    batch = window.optimizer_panel.batch
    _type_and_leave(qtbot, window, batch, "0")
    assert batch.text() == "0" and batch.property("invalid")
    error = window.optimizer_panel.training_rows["batch"].error_label
    assert not error.isHidden() and error.text() == "mini-batch size must be at least 1, got 0"
    assert not window.start_action.isEnabled() and window.status.state_label.text() != "Ready"


def test_the_state_never_says_ready_while_start_is_disabled(qtbot, make_window):
    window = make_window(wait=False)
    qtbot.waitUntil(lambda: window.status.state_label.text() == "Ready", timeout=30000)
    assert window.start_action.isEnabled()
    for text in ("-1", "abc", "0"):
        window.optimizer_panel.learning_rate.setText(text)
        assert not window.start_action.isEnabled() and window.status.state_label.text() != "Ready"
    window.optimizer_panel.learning_rate.setText("0.01")
    assert window.start_action.isEnabled() and window.status.state_label.text() == "Ready"


# ------------------------------------------------------------------------------ data files
def _csv(path: Path, n: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ["x,y,label"] + [f"{i % 7},{(i * 3) % 5},{i % 2}" for i in range(n)]
    path.write_text("\n".join(rows) + "\n")
    return path


def test_a_second_data_file_opens_and_the_dialog_remembers_the_folder(qtbot, make_window, tmp_path, monkeypatch):
    from optstudio.gui import dataset_panel

    first, second = _csv(tmp_path / "a" / "first.csv", 40), _csv(tmp_path / "b" / "second.csv", 60)
    answers, asked_in = [str(first), str(second)], []

    def dialog(_parent, _title, folder, _filters):
        asked_in.append(folder)
        return answers.pop(0), ""

    monkeypatch.setattr(dataset_panel.QFileDialog, "getOpenFileName", staticmethod(dialog))
    window = make_window(restore=True, remember=True)
    combo = window.dataset_panel.combo
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        combo.setCurrentIndex(combo.findData(dataset_panel.OPEN_FILE))
    assert "first.csv" in combo.currentText() and window.data.dataset.m_train + window.data.dataset.m_test == 40
    with qtbot.waitSignal(window.dataReady, timeout=10000):   # "Open file…" again: a second file
        combo.setCurrentIndex(combo.findData(dataset_panel.OPEN_FILE))
    assert "second.csv" in combo.currentText() and window.data.dataset.m_train + window.data.dataset.m_test == 60
    assert asked_in[1] == str(first.parent)                   # the dialog opened where the last file was
    assert window.experiment().data.name == str(second)
    window.close()
    again = make_window(restore=True, remember=True)          # … also in the next session
    assert again.dataset_panel.folder == str(second.parent)


def test_experiment_dialogs_remember_the_folder(make_window, tmp_path, monkeypatch):
    from optstudio.gui import files

    window = make_window()
    path = tmp_path / "labs" / "mine.json"
    path.parent.mkdir()
    assert window.save_experiment(path)
    window.path = None
    asked_in = []
    monkeypatch.setattr(files.QFileDialog, "getOpenFileName",
                        staticmethod(lambda _p, _t, folder, _f: (asked_in.append(folder), ("", ""))[1]))
    window.open_action.trigger()
    assert asked_in == [str(path.parent)]


# ------------------------------------------------------------------------------ plots after new data
def _close(a, b, tol):
    return abs(a - b) <= tol


def test_the_boundary_plot_refits_keeps_the_aspect_ratio_and_the_background_fills_the_axes(qtbot, make_window):
    window = make_window()
    boundary = window.training_page.boundary
    moons = boundary.vb.viewRange()
    with qtbot.waitSignal(window.dataReady, timeout=20000):
        window.dataset_panel.noise.setValue(1.5)            # the same data set, spread three times wider
    data = window.data
    xy = np.hstack([data.train_xy, data.test_xy])
    (x0, x1), (y0, y1) = boundary.vb.viewRange()
    assert x0 <= xy[0].min() and x1 >= xy[0].max() and y0 <= xy[1].min() and y1 >= xy[1].max()
    assert (x1 - x0) > (moons[0][1] - moons[0][0]) * 1.5      # re-fitted, not the old range
    # one unit is as long on both axes (2-D data keeps its aspect ratio)
    px, py = boundary.vb.viewPixelSize()
    assert px == pytest.approx(py, rel=0.02)
    # the coloured background covers exactly what the axes show
    def fills():
        rect = boundary.image_rect()
        (a0, a1), (b0, b1) = boundary.vb.viewRange()
        tol = 0.02 * max(a1 - a0, b1 - b0)
        return rect is not None and boundary.image.isVisible() and all(
            _close(u, v, tol) for u, v in ((rect.left(), a0), (rect.right(), a1), (rect.top(), b0),
                                           (rect.bottom(), b1)))
    qtbot.waitUntil(fills, timeout=10000)


# ------------------------------------------------------------------------------ unknown optimizer in a lab
BAD_LAB = {"optstudio": 1, "title": "Typo lab", "runs": [{"label": "A", "optimizer": {"name": "adamm"}},
                                                       {"optimizer": {"name": "gd"}}]}


def test_a_lab_naming_an_unknown_optimizer_is_refused_like_the_cli(make_window, tmp_path):
    path = tmp_path / "typo.json"
    path.write_text(json.dumps(BAD_LAB), encoding="utf-8")
    window = make_window()
    before = window.experiment().to_dict()
    assert not window.open_lab(path)
    message = window.last_message.text()
    assert "unknown optimizer 'adamm'" in message and "run 1 (A)" in message
    assert window.experiment().to_dict() == before
    cli = subprocess.run([sys.executable, "-m", "optstudio", "lab", str(path), "--epochs", "1"], capture_output=True,
                         text=True, timeout=120, cwd=str(tmp_path),
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert cli.returncode == 2 and "unknown optimizer 'adamm'" in cli.stderr


def test_a_window_started_with_the_bad_lab_says_so(make_window):
    window = make_window(Experiment.from_dict(BAD_LAB))
    assert "unknown optimizer 'adamm'" in window.notice.text()
    assert window.experiment().runs == []                    # the defaults, not gd under the name "A"


def test_the_comparison_refuses_an_unknown_optimizer(qtbot):
    from optstudio.gui.views.compare_view import CompareView
    from optstudio.plugins.manager import get_plugin_manager

    view = CompareView(get_plugin_manager())
    qtbot.addWidget(view)
    view.set_configurations([{"label": "A", "optimizer": {"name": "adamm"}}, {"optimizer": {"name": "gd"}}])
    assert "unknown optimizer 'adamm'" in view.rows[0].error.text() and not view.rows[0].error.isHidden()
    assert not view.start()
    assert "A: unknown optimizer 'adamm'" in view.status.text()
    assert not view.is_running()
    view.rows[0].optimizer.setCurrentIndex(view.rows[0].optimizer.findData("adam"))   # chosen: fine again
    assert view.rows[0].errors() == []


# ------------------------------------------------------------------------------ exports
def test_exports_that_fail_say_so(qtbot, make_window, small_experiment, tmp_path, run_to_end):
    window = make_window(small_experiment(epochs=5))
    run_to_end(window)
    for name in ("cost.png", "boundary.svg"):
        target = tmp_path / "missing" / name
        assert not window.export_plot("cost" if name.startswith("cost") else "boundary", target)
        assert "does not exist" in window.last_message.text() and not target.exists()
        assert not window.statusBar().currentMessage().startswith("Saved")
        window.last_message.close()
    assert not window.export_history(tmp_path / "missing" / "history.csv")
    assert "history" in window.last_message.text().lower() or "No such" in window.last_message.text()
    window.last_message.close()
    assert window.export_plot("cost", tmp_path / "cost.png") and (tmp_path / "cost.png").stat().st_size > 0
    assert window.statusBar().currentMessage().startswith("Saved")


# ------------------------------------------------------------------------------ plugins
GOOD_PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo


class Plain(Optimizer):
    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="dropped-in-test", label="Dropped in (test)", description="plain GD",
                          formula="W = W − α·dW", factory=Plain)]
'''


@pytest.fixture
def plugin_folder(tmp_path, monkeypatch):
    folder = tmp_path / "plugins"
    folder.mkdir()
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    yield folder
    monkeypatch.delenv("OPTSTUDIO_PLUGIN_PATH")
    from optstudio.plugins.manager import get_plugin_manager
    get_plugin_manager(refresh=True)


def test_plugin_failures_show_a_notice_at_start_up_and_reload_finds_a_new_file(qtbot, plugin_folder, make_window):
    from optstudio.plugins.manager import get_plugin_manager

    broken = plugin_folder / "broken_test.py"
    broken.write_text("import nonexistent_module_xyz\n", encoding="utf-8")
    get_plugin_manager(refresh=True)
    window = make_window()
    notice = window.plugin_notice
    assert not notice.isHidden() and "plugin problem" in notice.text() and "nonexistent_module_xyz" in notice.text()
    assert [b.text() for b in notice.buttons] == ["Show the errors…", "Reload plugins"]
    plugins_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Plugins")
    assert window.reload_action in plugins_menu.actions()
    # drop a plugin in, remove the broken one, reload: no restart
    broken.unlink()
    (plugin_folder / "dropped_test.py").write_text(textwrap.dedent(GOOD_PLUGIN), encoding="utf-8")
    window.reload_action.trigger()
    combo = window.optimizer_panel.optimizer
    assert combo.findData("dropped-in-test") >= 0
    assert notice.isHidden()
    assert window.experiment().optimizer.name == "adam"          # the settings shown stay
    window.optimizer_panel.select_optimizer("dropped-in-test")
    with qtbot.waitSignal(window.trainingFinished, timeout=30000) as blocker:
        window.step_epoch()
    assert blocker.args == ["paused"]


# ------------------------------------------------------------------------------ work lost without asking
@pytest.mark.parametrize("action", ["new", "reset", "quit", "data", "lab"])
def test_asks_before_discarding_a_trained_run(qtbot, make_window, small_experiment, run_to_end, action):
    window = make_window(small_experiment(epochs=5), confirm=True)
    questions, answers = [], []
    window.ask = lambda title, text: (questions.append(text), answers.pop(0))[1]
    do = {"new": lambda: window.new_action.trigger(),
          "reset": lambda: window.reset_action.trigger(),
          "quit": lambda: window.close(),
          "data": lambda: window.dataset_panel.choose("circles"),
          "lab": lambda: window.open_lab("05")}[action]
    with qtbot.waitSignal(window.dataReady, timeout=20000):
        window.reset_action.trigger()                         # nothing trained yet: no question
    assert questions == []
    assert run_to_end(window) == "finished"
    run = window.controller.run
    answers.append(False)                                     # "Cancel": nothing changes
    do()
    assert len(questions) == 1 and "discarded" in questions[0]
    assert window.controller.run is run and window.isVisible()
    if action == "data":
        assert window.dataset_panel.combo.currentData() == "moons" and window.experiment().data.name == "moons"
    answers.append(True)                                      # "Discard": it happens
    do()
    assert len(questions) == 2
    if action == "quit":
        assert not window.isVisible()
    else:
        qtbot.waitUntil(lambda: window.controller.run is not run, timeout=20000)


def test_the_question_is_a_real_dialog_with_cancel_as_default(qtbot, make_window, small_experiment, run_to_end):
    window = make_window(small_experiment(epochs=5), confirm=True)
    run_to_end(window)
    run = window.controller.run
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        seen.append((box.windowTitle(), box.defaultButton().text()))
        box.defaultButton().click()

    QTimer.singleShot(100, answer)
    assert not window.reset_training()
    assert seen and seen[0][0] == "Discard the training?" and "Cancel" in seen[0][1]
    assert window.controller.run is run


# ------------------------------------------------------------------------------ labels
def test_softmax_shows_its_own_output_and_saves_no_sigmoid(make_window, tmp_path):
    window = make_window()
    panel = window.network_panel
    assert panel.output_stack.currentWidget() is panel.output_fixed          # bce: its sigmoid, as text
    assert panel.output_fixed.text() == "sigmoid (set by the loss)"
    panel.loss.setCurrentIndex(panel.loss.findData("softmax"))
    assert panel.output_stack.currentWidget() is panel.output_fixed
    assert panel.output_fixed.text() == "softmax (set by the loss)"
    path = tmp_path / "softmax.json"
    assert window.save_experiment(path)
    assert "output_activation" not in json.loads(path.read_text())["network"]
    panel.loss.setCurrentIndex(panel.loss.findData("mse"))
    assert panel.output_stack.currentWidget() is panel.output
    assert window.save_experiment(path)
    assert json.loads(path.read_text())["network"]["output_activation"] == "sigmoid"


def test_the_pca_view_is_not_called_decision_boundary(qtbot, make_window, small_experiment):
    exp = small_experiment()
    exp.data.name, exp.network.loss = "iris", "softmax"
    window = make_window(exp)
    assert window.training_page.views.tabText(0) == "Predictions (PCA)"
    with qtbot.waitSignal(window.dataReady, timeout=20000):
        window.dataset_panel.choose("moons")
        window.network_panel.loss.setCurrentIndex(window.network_panel.loss.findData("bce"))
    assert window.training_page.views.tabText(0) == "Decision boundary"


def test_the_window_title_does_not_repeat_the_application_name(make_window, tmp_path):
    window = make_window()
    assert window.windowTitle() == "OptStudio"
    lab = Experiment(title="Lab 3: momentum")
    window2 = make_window(lab)
    assert window2.windowTitle() == "Lab 3: momentum"        # Qt adds " — OptStudio" itself
    path = tmp_path / "x.json"
    window2.save_experiment(path)
    assert window2.windowTitle() == "Lab 3: momentum — x.json"


def test_the_compare_parameter_summary_is_whole(qtbot):
    from optstudio.gui.views.compare_view import CompareView
    from optstudio.plugins.manager import get_plugin_manager

    view = CompareView(get_plugin_manager())
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    adam = view.rows[2]
    summary = adam.params_summary.text()
    assert "…" not in summary and "bias correction" in summary and "ε = 1e-8" in summary
    assert adam.params_summary.wordWrap() and adam.params_summary.isVisibleTo(view)


def test_start_in_compare_keeps_the_focus_on_its_buttons(qtbot):
    from optstudio.gui.views.compare_view import CompareView
    from optstudio.plugins.manager import get_plugin_manager

    view = CompareView(get_plugin_manager())
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    view.epochs.setValue(5)
    view.start_button.setFocus()
    with qtbot.waitSignal(view.trainingFinished, timeout=30000):
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
        assert QApplication.focusWidget() is not view.target
    assert QApplication.focusWidget() is not view.target
    assert QApplication.focusWidget() is view.start_button
    assert view.shutdown(20000)


def test_the_network_drawing_explains_its_colours(make_window):
    window = make_window()
    texts = [text for text, _color, _width in window.training_page.network_view.LEGEND]
    assert any("positive" in t for t in texts) and any("negative" in t for t in texts) and any("|w|" in t for t in texts)
    window.show_view("network")
    image = window.training_page.network_view.grab().toImage()
    # the legend's box in the top right corner: not plain white
    corner = {image.pixelColor(x, y).name() for x in range(image.width() - 150, image.width() - 10)
              for y in range(10, 60, 4)}
    assert len(corner) > 3


def test_the_inside_views_count_axis_has_whole_numbers_only(qtbot):
    from optstudio.gui.views.inside_view import InsideView
    from optstudio.plugins.manager import get_plugin_manager

    view = InsideView(get_plugin_manager())
    qtbot.addWidget(view)
    axis = view.step_plot.getPlotItem().getAxis("left")
    for top in (1.45, 3.0, 7.5):
        values = [v for _spacing, level in axis.tickValues(0.0, top, 200) for v in level]
        assert values and all(float(v).is_integer() for v in values), (top, values)


def test_a_cyclical_schedule_over_20000_epochs_is_drawn_as_its_band(qtbot):
    from optstudio.gui.views.schedule_preview import SchedulePreview
    from optstudio.plugins.manager import get_plugin_manager

    manager = get_plugin_manager()
    if "cyclical" not in manager.schedules:
        pytest.skip("no cyclical schedule")
    view = SchedulePreview(manager)
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    view.set_schedule("cyclical", {"step_size": 7}, 0.01, 20000, 5)
    x, _y = view.curve.getData()
    assert view.band.isVisible() and (x is None or len(x) == 0)   # no curve of 20000 lines: the band
    edges, low, high = view.band_data
    pixels = view.plot.getPlotItem().getViewBox().width()
    assert len(edges) - 1 <= max(pixels, 200) + 1                 # one slice per pixel column
    lo, hi = 0.01, 0.01 * 6                                        # base and max_rate_factor · α0
    assert np.all(high >= low)
    assert np.median(high - low) > 0.8 * (hi - lo)                 # each column sweeps (almost) the whole cycle
    assert low.min() == pytest.approx(lo, rel=0.05) and high.max() == pytest.approx(hi, rel=0.05)
    view.set_schedule("inverse-time", {"decay_rate": 0.01}, 0.5, 100, 5)   # few samples: the curve itself
    assert not view.band.isVisible() and len(view.curve.getData()[0]) > 0


def test_the_trajectory_legend_shows_the_value_at_the_step_shown(qtbot):
    from optstudio.gui.views.trajectory_view import TrajectoryView
    from optstudio.plugins.manager import get_plugin_manager

    view = TrajectoryView(get_plugin_manager())
    qtbot.addWidget(view)
    view.set_checked({"gd"})
    view.reset()
    result = view.results[0]
    from optstudio.gui.formatting import format_number
    assert f"f = {format_number(result.values[0], 3)}" in view.legend_texts()[0]
    view.show_all()
    assert f"f = {format_number(result.final_value, 3)}" in view.legend_texts()[0]


def test_steps_per_second_and_eta_do_not_jump_after_a_resume():
    from optstudio.gui.speed import SpeedEstimate

    speed, t, steps = SpeedEstimate(), 0.0, 0
    figures = []
    for _ in range(90):                       # 3 s at 90 steps/s (10 steps per epoch), 30 snapshots/s
        t, steps = t + 1 / 30, steps + 3
        speed.update(t, steps, steps // 10, True)
    speed.update(t + 0.01, steps, steps // 10, False)             # paused …
    t += 5.0                                                      # … for 5 s
    for _ in range(60):                                           # resumed at the same speed
        t, steps = t + 1 / 30, steps + 3
        speed.update(t, steps, steps // 10, True)
        figures.append((speed.steps_per_second, speed.seconds_left(steps // 10, 2000, steps, 10)))
    rates = np.array([f[0] for f in figures])
    assert np.all(np.abs(rates - 90) < 1), rates.round(1)            # no jump after the resume
    etas = np.array([f[1] for f in figures])
    assert np.all(np.diff(etas) <= 1e-9) and etas[0] == pytest.approx((2000 * 10 - 273) / 90, rel=1e-6)
    assert speed.average_steps_per_second == pytest.approx(90, rel=0.02)   # the pause left out


# ------------------------------------------------------------------------------ heavy work off the GUI thread
def test_a_hidden_layer_of_width_2048_does_not_freeze_the_window(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=3))
    ticker = _Ticker()
    with qtbot.waitSignal(window.dataReady, timeout=60000):
        window.network_panel.layer_rows[0][1].setValue(2048)
    with qtbot.waitSignal(window.trainingFinished, timeout=60000):
        window.start_training()
    stall = ticker.stall_ms()
    assert window.training_page.network_view.dims[1] == 2048
    # the drawn units only (15 and an ellipsis), cut out in the worker's thread
    assert [w.shape for w in window.training_page.network_view.weights][0] == (15, 2)
    assert stall < 500, f"the window stalled {stall:.0f} ms"


def test_a_megabyte_of_instructions_does_not_freeze_the_window(qtbot, make_window):
    from optstudio.gui.lab_panel import MAX_SHOWN

    exp = Experiment(title="Long lab", instructions=("Read **this** paragraph carefully.\n\n" * 40000)[:1_000_000])
    window = make_window()
    begin = time.perf_counter()
    with qtbot.waitSignal(window.dataReady, timeout=20000):
        window.load_experiment(exp)
        took = time.perf_counter() - begin
    assert took < 0.5, f"{took:.2f} s"
    panel = window.lab_panel
    assert panel.text() == exp.instructions
    assert len(panel.shown_text()) <= MAX_SHOWN and not panel.more.isHidden()
    ticker = _Ticker()
    panel.more.click()
    qtbot.waitUntil(lambda: panel.viewer.loaded, timeout=30000)
    assert ticker.stall_ms() < 150
    assert len(panel.viewer.edit.toPlainText()) == len(exp.instructions)
    panel.viewer.close()


# ------------------------------------------------------------------------------ Ctrl-C
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the thread names in /proc")
def test_ctrl_c_in_the_terminal_quits_cleanly(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPTSTUDIO_CONFIG_DIR": str(tmp_path / "cfg")}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=str(tmp_path), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        names: set = set()
        while "optstudio-data" not in names:                 # the window is up and loads its data
            assert proc.poll() is None and time.monotonic() < deadline
            names = set()
            for task in Path(f"/proc/{proc.pid}/task").glob("*/comm"):
                try:
                    names.add(task.read_text().strip())
                except OSError:
                    pass
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err and "Destroyed while thread" not in err
    assert (tmp_path / "cfg" / "optstudio.ini").is_file()        # closed like File ▸ Quit: settings saved
