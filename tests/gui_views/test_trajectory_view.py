"""TrajectoryView: contour plot, clicked start point, paths from the core, animation."""

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from optstudio.core.functions2d import get_function
from optstudio.core.trajectory import run_trajectory
from optstudio.gui.views.trajectory_view import DEFAULT_OPTIMIZERS, TrajectoryView


@pytest.fixture
def view(qtbot, manager):
    v = TrajectoryView(manager)
    qtbot.addWidget(v)
    v.resize(1000, 650)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.pause()


def _click_at(view, x, y):
    vb = view.plot.getPlotItem().getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(x, y))
    widget_pos = view.plot.mapFromScene(scene_pos)
    QTest.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, widget_pos)


def test_builds_with_the_ellipse_and_four_optimizers(view, manager):
    assert view.function.name == "ellipse"
    assert [c["name"] for c in view.configs] == list(DEFAULT_OPTIMIZERS)
    assert set(view.opt_rows) == set(manager.optimizers)        # every plugin optimizer is offered
    assert np.allclose(view.start_point, get_function("ellipse").start)
    assert len(view.iso_items) > 5 and view.image.image is not None
    assert view.max_frame == view.steps.value()
    assert "zig-zag" in view.lesson.text()


def test_clicking_the_plot_sets_the_start_and_recomputes(qtbot, view):
    with qtbot.waitSignal(view.pathsChanged, timeout=5000):
        _click_at(view, -5.0, 1.0)
    assert view.start_point == pytest.approx([-5.0, 1.0], abs=0.1)
    assert view.x_edit.value() == pytest.approx(view.start_point[0], rel=1e-3)
    assert view.y_edit.value() == pytest.approx(view.start_point[1], rel=1e-3)
    for result in view.results:
        assert np.allclose(result.path[0], view.start_point)
    assert view.is_playing()          # a click starts the animation


def test_typing_the_start_point_recomputes(qtbot, view):
    view.x_edit.setText("4")
    view.y_edit.setText("-1.5")
    with qtbot.waitSignal(view.pathsChanged, timeout=5000):
        view.y_edit.editingFinished.emit()
    assert view.start_point == pytest.approx([4.0, -1.5])


def test_paths_are_run_trajectory_output(view, manager):
    view.noise.setValue(0.3)
    view.seed.setValue(7)
    view.set_start(-6.0, 1.5, play=False)
    for config, result in zip(view.configs, view.results):
        expected = run_trajectory("ellipse", manager.create_optimizer(config["name"]), config["learning_rate"],
                                  view.steps.value(), [-6.0, 1.5], noise=0.3, seed=7)
        np.testing.assert_array_equal(result.path, expected.path)
        np.testing.assert_array_equal(result.values, expected.values)
    view.show_all()
    for curve, result in zip(view.path_items, view.results):
        x, y = curve.getData()
        np.testing.assert_array_equal(np.column_stack([x, y]), result.path)


def test_animation_advances_to_the_end(qtbot, view):
    view.reset()
    assert view.shown_steps() == 0
    x, _ = view.path_items[0].getData()
    assert len(x) == 1
    view.speed.setValue(view.speed.maximum())
    view.play()
    qtbot.waitUntil(lambda: view.shown_steps() > 0, timeout=3000)
    qtbot.waitUntil(lambda: not view.is_playing(), timeout=5000)
    assert view.shown_steps() == view.max_frame
    x, _ = view.path_items[0].getData()
    assert len(x) == view.results[0].steps_done + 1


def test_diverged_run_is_marked(view):
    view.set_checked({"gd"}, rates={"gd": 1.5})   # y is multiplied by 1 − 2α = −2 each step
    assert view.results[0].status == "diverged"
    assert "diverged at step" in view.status.text().lower()
    view.show_all()                               # (the legend tells what the shown step is)
    legend_text = view.legend.items[0][1].text
    assert "diverged" in legend_text
    x, _ = view.end_items[0].getData()
    assert len(x) == 1


def test_legend_shows_the_final_value(view):
    view.set_checked({"adam"})
    text = view.legend.items[0][1].text
    assert "f = " in text and "Adam" in text


def test_other_functions(view):
    for name in ("rosenbrock", "beale", "saddle", "rastrigin"):
        view.set_function(name)
        fn = get_function(name)
        assert np.allclose(view.start_point, fn.start)
        assert view.results and all(r.path.shape[1] == 2 for r in view.results)
    view.function_combo.setCurrentIndex(view.function_combo.findData("ellipse"))
    assert view.function.name == "ellipse"
