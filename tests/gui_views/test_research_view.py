"""The “Why it behaves so” page: each panel shows the core's numbers for the same run, checked
against independent computations (a full Hessian by finite differences, the costs of the initial
and final weights, the range test's α sequence, the gradients themselves); the window opens the
page for labs 07–11 (lab 10: Reddi et al.'s online problem, the core's numbers), “Use this α” sets the learning-rate field, File ▸ Export weights…
writes a plain .npz."""

import math

import numpy as np
import pytest

from optstudio.core.build import build_engine
from optstudio.core.experiment import Experiment
from optstudio.core.hessian import Objective
from optstudio.core.landscape import WeightPath, plane
from optstudio.core.lr_range import range_test, rate_sequence
from optstudio.core.probes import Tracker
from optstudio.gui.views.research_data import analyse, auto_every
from optstudio.gui.views.research_view import PANELS, RULE_OF_THUMB, ResearchView


def small(optimizer="gd", rate=0.1, epochs=30, batch=300, **network):
    exp = Experiment()
    exp.data.test_fraction = 0.0
    exp.optimizer.name = optimizer
    exp.optimizer.learning_rate = rate
    exp.training.epochs = epochs
    exp.training.mini_batch_size = batch
    for key, value in network.items():
        setattr(exp.network, key, value)
    return exp


def trained(exp, manager, every):
    """The core's own run of ``exp``: (run, tracker, weight path, initial objective)."""
    engine = build_engine(exp, manager)
    run = engine.runs[0]
    tracker = Tracker([run], ("sharpness", "layers"), every=every)
    path = WeightPath(run)
    for event in engine.steps(mini_batches=True):
        tracker.observe(event)
        path.observe(event)
    return run, tracker, path


@pytest.fixture
def view(qtbot, manager):
    v = ResearchView(manager)
    qtbot.addWidget(v)
    v.resize(1100, 650)
    v.show()
    yield v
    v.shutdown()


def measure(qtbot, view, exp, every=None):
    view.set_experiment(exp)
    view.every_box.setValue(every or 0)
    with qtbot.waitSignal(view.analysisFinished, timeout=60000) as blocker:
        assert view.start_analysis()
    assert blocker.args == [True], view.status.text()
    return view.analysis


def finite_difference_hessian(objective, theta, h=1e-5):
    n = theta.size
    H = np.empty((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = h
        H[:, i] = (objective.gradient(theta + e)[1] - objective.gradient(theta - e)[1]) / (2 * h)
    return (H + H.T) / 2


# ------------------------------------------------------------------------------ sharpness
def test_sharpness_panel_shows_the_trackers_values_and_the_hessians_top_eigenvalue(qtbot, view, manager):
    exp = small("gd", 0.5, epochs=30)
    measure(qtbot, view, exp, every=3)
    run, tracker, _ = trained(exp, manager, every=3)
    rows = [r for r in tracker.history(run) if r.get("sharpness") is not None]
    x, y = view.sharpness.curve.getData()
    np.testing.assert_array_equal(x, [r["epoch"] for r in rows])
    np.testing.assert_allclose(y, [r["sharpness"] for r in rows], rtol=1e-12)
    _, limit = view.sharpness.limit.getData()
    np.testing.assert_allclose(limit, 2 / 0.5)
    assert rows[-1]["epoch"] == 29 and 0 in x           # every 3rd epoch and the last
    # independent: the largest eigenvalue of the full Hessian of J at the final weights
    data = run.engine.data
    objective = Objective(run.network, data.X, Y=data.Y)
    H = finite_difference_hessian(objective, run.network.theta.copy())
    assert y[-1] == pytest.approx(np.linalg.eigvalsh(H)[-1], rel=2e-3)
    assert view.sharpness.pre_plot.isHidden()              # plain gradient descent: no preconditioner
    assert "2/α = <b>4</b>" in view.sharpness.summary.text()


def test_preconditioned_sharpness_for_adam(qtbot, view, manager):
    exp = small("adam", 0.01, epochs=12)
    measure(qtbot, view, exp, every=4)
    run, tracker, _ = trained(exp, manager, every=4)
    rows = [r for r in tracker.history(run) if r.get("preconditioned_sharpness") is not None]
    assert not view.sharpness.pre_plot.isHidden()
    _, y = view.sharpness.pre_curve.getData()
    np.testing.assert_allclose(y, [r["preconditioned_sharpness"] for r in rows], rtol=1e-12)
    _, limit = view.sharpness.pre_limit.getData()
    np.testing.assert_allclose(limit, (2 + 2 * 0.9) / ((1 - 0.9) * 0.01))      # 38/α


# ------------------------------------------------------------------------------ landscape
def test_landscape_ends_are_the_costs_of_the_initial_and_final_weights(qtbot, view, manager):
    exp = small("gd", 0.5, epochs=25)
    view.directions.setCurrentIndex(view.directions.findData("random"))
    view.resolution.setValue(9)
    analysis = measure(qtbot, view, exp)
    run, _, path = trained(exp, manager, every=auto_every(25))
    data = run.engine.data
    initial = build_engine(exp, manager).runs[0].network     # the same seed: the same initial weights
    j0 = float(initial.cost(data.X, data.Y))
    j1 = float(run.network.cost(data.X, data.Y))
    t, costs = view.landscape.line_curve.getData()
    assert t[0] == 0 and t[-1] == 1
    assert costs[0] == pytest.approx(j0, rel=1e-12) and costs[-1] == pytest.approx(j1, rel=1e-12)
    assert j1 < j0
    # the plane is the core's plane on the same path (random directions, seed 0)
    epochs, thetas = path.points()
    expected = plane(Objective(run.network, data.X, Y=data.Y), thetas, epochs, kind="random", resolution=9,
                     rng=np.random.default_rng(0))
    np.testing.assert_allclose(analysis.plane.costs, expected.costs, rtol=1e-12)
    np.testing.assert_allclose(view.landscape.image.image, np.log10(expected.costs), rtol=1e-12)
    px, py = view.landscape.path_curve.getData()
    np.testing.assert_allclose(np.c_[px, py], expected.path, atol=1e-12)
    assert expected.costs[4, 4] == pytest.approx(j1, rel=1e-12)      # the centre is the final weights


def test_pca_plane_holds_the_path(qtbot, view):
    view.directions.setCurrentIndex(view.directions.findData("pca"))
    view.resolution.setValue(7)
    analysis = measure(qtbot, view, small("gd", 0.5, epochs=20))
    assert analysis.plane.kind == "pca" and sum(analysis.plane.explained) <= 1 + 1e-12
    px, py = view.landscape.path_curve.getData()
    a, b = analysis.plane.a, analysis.plane.b
    assert a[0] <= px.min() and px.max() <= a[-1] and b[0] <= py.min() and py.max() <= b[-1]
    assert "principal directions" in view.landscape.summary.text()


def test_a_path_too_short_for_pca_falls_back_to_random_directions(qtbot, view):
    assert view.directions.currentData() == "pca"                     # the default: the path is visible
    analysis = measure(qtbot, view, small("gd", 0.5, epochs=1))        # initial + 1 epoch: 2 points
    assert analysis.plane is not None and analysis.plane.kind == "random"
    assert "random directions instead" in view.landscape.summary.text()


# ------------------------------------------------------------------------------ range test
def test_range_test_panel_is_the_core_range_test(qtbot, view, manager):
    exp = small("gd", 0.1, batch=64)
    view.set_experiment(exp)
    view.range_test.set_settings(1e-4, 10.0, 60)
    with qtbot.waitSignal(view.rangeTestFinished, timeout=60000) as blocker:
        assert view.start_range_test()
    assert blocker.args == [True]
    expected = range_test(build_engine(exp, manager), 1e-4, 10.0, 60)
    rates, costs = view.range_test.curve.getOriginalDataset()
    assert list(rates) == rate_sequence(1e-4, 10.0, 60)[:len(rates)]        # the α sequence exactly
    np.testing.assert_allclose(costs, expected.costs, rtol=1e-12)
    assert view.range_test.suggested() == pytest.approx(expected.suggested, rel=1e-15)
    assert expected.suggested == pytest.approx(rates[int(np.argmin(costs))] / 10)
    assert view.range_test.suggested_line.value() == pytest.approx(math.log10(expected.suggested))
    assert view.range_test.use_button.isEnabled()
    with qtbot.waitSignal(view.useLearningRate) as used:
        view.range_test.use_button.click()
    assert used.args[0] == pytest.approx(expected.suggested)


def test_range_test_refuses_a_reversed_range(view):
    view.range_test.set_settings(1.0, 0.5, 50)
    assert not view.start_range_test()
    assert "must be larger" in view.range_test.summary.text()


# ------------------------------------------------------------------------------ layers
def test_layer_panel_shows_the_gradient_norms_themselves(qtbot, view, manager):
    exp = small("gd", 0.3, epochs=10, batch=64, hidden=[6, 5, 4], activations=["sigmoid"] * 3)
    measure(qtbot, view, exp, every=1)
    run, tracker, _ = trained(exp, manager, every=1)
    assert len(view.layers.grad_curves) == 4 and len(view.layers.ratio_curves) == 4
    data = run.engine.data
    grads = Objective(run.network, data.X, Y=data.Y).gradient(run.network.theta.copy())[1]
    blocks = run.network.split(grads)
    for l, curve in enumerate(view.layers.grad_curves, start=1):
        x, y = curve.getOriginalDataset()
        assert list(x) == list(range(10))
        assert y[-1] == pytest.approx(np.linalg.norm(blocks[f"W{l}"]), rel=1e-12)
        rows = tracker.history(run)
        np.testing.assert_allclose(y, [r["layers"][l - 1]["grad_norm"] for r in rows], rtol=1e-12)
        _, ratio = view.layers.ratio_curves[l - 1].getOriginalDataset()
        np.testing.assert_allclose(ratio, [r["layers"][l - 1]["update_ratio"] for r in rows], rtol=1e-12)
    assert view.layers.rule.value() == pytest.approx(math.log10(RULE_OF_THUMB))


# ------------------------------------------------------------------------------ worker
def test_measuring_runs_off_the_gui_thread_and_stops(qtbot, view):
    view.set_experiment(small("gd", 0.1, epochs=100_000, batch=64))
    seen = []
    view.runner.progress.connect(lambda done, total: seen.append(done))
    with qtbot.waitSignal(view.analysisFinished, timeout=60000) as blocker:
        assert view.start_analysis()
        assert view.is_running() and not view.measure_button.isEnabled()
        qtbot.waitUntil(lambda: len(seen) >= 3, timeout=30000)      # the GUI thread keeps running
        view.stop()
    assert blocker.args == [False]
    assert "Stopped" in view.status.text() and view.measure_button.isEnabled()


def test_shutdown_while_measuring_ends_the_thread(qtbot, manager):
    from optstudio.gui.views import live_view_threads

    view = ResearchView(manager)
    qtbot.addWidget(view)
    view.set_experiment(small("gd", 0.1, epochs=100_000, batch=64))
    seen = []
    view.runner.progress.connect(lambda done, total: seen.append(done))
    assert view.start_analysis() and view.start_range_test()
    qtbot.waitUntil(lambda: len(seen) >= 1, timeout=30000)
    view.shutdown()
    assert not live_view_threads() and not view.is_running()


def test_a_bad_experiment_is_one_line(qtbot, view):
    exp = small()
    exp.optimizer.name = "no-such-optimizer"
    view.set_experiment(exp)
    with qtbot.waitSignal(view.analysisFinished, timeout=30000) as blocker:
        view.start_analysis()
    assert blocker.args == [False]
    assert "no-such-optimizer" in view.status.text() and "Traceback" not in view.status.text()


def test_panels_export_their_plots(qtbot, view, tmp_path, monkeypatch):
    import optstudio.gui.views.research_view as rv

    measure(qtbot, view, small("gd", 0.5, epochs=5))
    for panel in (view.sharpness, view.landscape, view.range_test, view.layers):
        for action in panel.export.menu().actions():
            out = tmp_path / f"{action.text().rstrip('…').replace(' ', '_')}.png"
            monkeypatch.setattr(rv, "ask_save_path", lambda *_a, out=out: str(out))
            action.trigger()
            assert out.is_file() and out.stat().st_size > 1000
    assert [k for k, _ in PANELS] == ["sharpness", "landscape", "lr_range", "layers", "online"]


# ------------------------------------------------------------------------------ the window
@pytest.fixture
def window(qtbot):
    from optstudio.gui.main_window import MainWindow

    w = MainWindow(None, restore=False, remember=False, confirm=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    with qtbot.waitSignal(w.dataReady, timeout=30000):
        w.show()
    yield w
    w.confirm = False
    w.close()


@pytest.mark.parametrize("lab, panel, run", [("07_vanishing_gradients", "layers", 1),
                                             ("08_edge_of_stability", "sharpness", 2),
                                             ("09_learning_rate_range_test", "lr_range", 1),
                                             ("11_weight_decay", "layers", 1)])
def test_labs_open_their_view(qtbot, window, lab, panel, run):
    from optstudio.gui.pages import PAGE_RESEARCH
    from optstudio.labs import find_lab

    assert window.open_lab(find_lab(lab))
    assert window.pages.currentIndex() == PAGE_RESEARCH
    view = window.pages.research
    assert view.current_panel() == panel and view.run_combo.currentIndex() == run
    assert view.run_combo.currentText().startswith("lab: ")
    if lab == "09_learning_rate_range_test":
        assert view.range_test.settings() == (1e-6, 10.0, 300)


def test_lab_10_opens_the_online_panel_with_the_labs_numbers(qtbot, window, manager):
    from optstudio.cli.lab_views import online_objects
    from optstudio.gui.pages import PAGE_RESEARCH
    from optstudio.labs import find_lab, load_lab
    from optstudio.labs.views import lab_view

    view = window.pages.built(PAGE_RESEARCH)
    if view is not None:
        assert not view.online.results
    assert window.open_lab(find_lab("10_adam_amsgrad"))
    assert window.pages.currentIndex() == PAGE_RESEARCH
    view = window.pages.research
    assert view.current_panel() == "online"
    assert view.online.settings() == (3.0, 3000)
    qtbot.waitUntil(lambda: not view.online_runner.busy() and len(view.online.results) == 3, timeout=60000)
    assert [r.label for r in view.online.results] == [s.label for s in lab_view(load_lab("10")).runs]
    # the numbers `optstudio lab 10` prints
    for obj, result, curve in zip(online_objects(lab_view(load_lab("10")), manager), view.online.results,
                                  view.online.x_curves):
        assert result.final_x == obj["final_x"] and result.final_average_regret == obj["average_regret"]
        t, x = curve.getOriginalDataset()
        for step, value in obj["x_at"].items():
            assert x[int(step) - 1] == value and t[int(step) - 1] == int(step)
    assert "x = <b>1</b>" in view.online.summary.text()
    # another lab: its own panels, the online panel back to its defaults
    assert window.open_lab(find_lab("09_learning_rate_range_test"))
    assert view.current_panel() == "lr_range" and not view.online.from_lab


def test_a_lab_without_such_a_view_keeps_its_page(window):
    from optstudio.gui.pages import PAGE_RESEARCH
    from optstudio.labs import find_lab

    assert window.open_lab(find_lab("01_notebook_optimizers"))
    assert window.pages.currentIndex() != PAGE_RESEARCH
    window.show_view("research")
    assert window.pages.research.run_combo.isHidden()


def test_use_this_alpha_sets_the_learning_rate_field(qtbot, window):
    window.show_view("research")
    view = window.pages.research
    view.range_test.set_settings(1e-4, 10.0, 40)
    with qtbot.waitSignal(view.rangeTestFinished, timeout=60000):
        view.start_range_test()
    alpha = view.range_test.suggested()
    view.range_test.use_button.click()
    assert window.optimizer_panel.learning_rate.value() == pytest.approx(alpha, rel=1e-3)
    assert window.settings.learning_rate == pytest.approx(window.optimizer_panel.learning_rate.value())


def test_measuring_uses_the_window_settings(qtbot, window):
    window.show_view("research")
    view = window.pages.research
    window.optimizer_panel.epochs.setValue(6)
    with qtbot.waitSignal(view.analysisFinished, timeout=60000) as blocker:
        view.start_analysis()
    assert blocker.args == [True]
    assert len(view.analysis.rows) == 6


def test_export_weights_is_a_plain_npz(qtbot, window, tmp_path, run_to_end=None):
    glue = window.research_glue
    assert glue.export_action in window.menuBar().actions()[0].menu().actions()
    assert not glue.export_weights(tmp_path / "none.npz")         # nothing trained yet
    window.optimizer_panel.epochs.setValue(3)
    with qtbot.waitSignal(window.trainingFinished, timeout=30000):
        assert window.start_training()
    out = tmp_path / "w.npz"
    assert glue.export_weights(out)
    with np.load(out) as saved:                                    # allow_pickle=False by default
        params = window.controller.run.network.get_parameters()
        assert sorted(saved.files) == sorted(params)
        for key, value in params.items():
            np.testing.assert_array_equal(saved[key], value)
    assert not glue.export_weights(tmp_path / "missing" / "w.npz")
    assert "cannot write weights file" in window.last_message.text()


def test_the_measured_run_is_the_windows_run(qtbot, window):
    """Same settings, same seed: the page's run ends at exactly the weights the window's training
    reaches (so its numbers describe the run the student watched)."""
    window.optimizer_panel.epochs.setValue(5)
    with qtbot.waitSignal(window.trainingFinished, timeout=30000):
        assert window.start_training()
    window.show_view("research")
    view = window.pages.research
    with qtbot.waitSignal(view.analysisFinished, timeout=60000) as blocker:
        view.start_analysis()
    assert blocker.args == [True]
    np.testing.assert_array_equal(view.analysis.final_theta, window.controller.run.network.theta)


def test_weights_file_holds_batch_norm_statistics(tmp_path, manager):
    from optstudio.cli.tracking import save_weights
    from optstudio.core.weights_file import weights_arrays, write_weights

    exp = small("adam", 0.01, epochs=3, batch=64, batch_norm=True)
    engine = build_engine(exp, manager)
    engine.run()
    network = engine.runs[0].network
    write_weights(network, tmp_path / "core.npz")
    save_weights(engine.runs[0], str(tmp_path / "cli.npz"))       # optstudio run --save-weights
    with np.load(tmp_path / "core.npz") as core, np.load(tmp_path / "cli.npz") as cli:
        assert sorted(core.files) == sorted(cli.files) == sorted(weights_arrays(network))
        assert {"W1", "b1", "gamma1", "running_mean1", "running_var1"} <= set(core.files)
        for key in core.files:
            np.testing.assert_array_equal(core[key], cli[key])
    with pytest.raises(OSError, match="cannot write weights file"):
        write_weights(network, tmp_path / "no" / "w.npz")


# ------------------------------------------------------------------------------ online problem
def run_online_panel(qtbot, view):
    with qtbot.waitSignal(view.onlineFinished, timeout=60000) as blocker:
        assert view.start_online()
    assert blocker.args == [True], view.online.summary.text()
    return view.online.results


def test_online_panel_is_the_cores_online_problem(qtbot, view, manager):
    from optstudio.core.online import run_online

    view.show_panel("online")
    assert view.current_panel() == "online"
    assert view.online.settings() == (3.0, 3000)                  # lab 10's settings by default
    results = run_online_panel(qtbot, view)
    assert len(results) == len(view.online.x_curves) == len(view.online.regret_curves) == 3
    for spec, result, x_curve, r_curve in zip(view.online.runs, results, view.online.x_curves,
                                              view.online.regret_curves):
        expected = run_online(manager.create_optimizer(spec.optimizer, spec.params), spec.learning_rate, 3000, C=3.0,
                              start=0.0, schedule=manager.create_schedule(spec.schedule, spec.schedule_params))
        t, x = x_curve.getOriginalDataset()
        np.testing.assert_array_equal(t, np.arange(1, 3001))
        np.testing.assert_array_equal(x, expected.x[1:])           # x after step t
        t, regret = r_curve.getOriginalDataset()
        np.testing.assert_array_equal(regret, expected.average_regret)
        assert len(t) == 3000
    adam, amsgrad, adam_999 = results
    assert adam.final_x == 1.0 and adam.final_average_regret == pytest.approx(0.644, abs=5e-4)     # lab 10's table
    assert amsgrad.final_x == pytest.approx(-0.999, abs=5e-4) and amsgrad.final_average_regret == pytest.approx(
        0.0638, abs=5e-4)
    assert adam_999.final_x == -1.0
    assert view.online.best_line.value() == -1.0
    assert view.online.worst_line.value() == pytest.approx(2 / 3)


def test_online_panel_takes_c_and_steps(qtbot, view, manager):
    from optstudio.core.online import run_online

    view.online.c_box.setValue(5.0)
    view.online.steps_box.setValue(200)
    results = run_online_panel(qtbot, view)
    spec = view.online.runs[1]
    expected = run_online(manager.create_optimizer(spec.optimizer, spec.params), 0.1, 200, C=5.0,
                          schedule=manager.create_schedule(spec.schedule))
    np.testing.assert_array_equal(results[1].x, expected.x)
    assert view.online.worst_line.value() == pytest.approx(2.0)
    assert "C = 5" in view.online.summary.text()


@pytest.mark.parametrize("C, steps, words", [(2.0, 3000, "C must be larger than 2"), (1.0, 100, "larger than 2"),
                                             (3.0, 0, "at least 1 step")])
def test_online_panel_refuses_bad_fields_in_one_line(qtbot, view, C, steps, words):
    view.online.c_box.setValue(C)
    view.online.steps_box.setValue(steps)
    assert words in view.online.message.text() and "\n" not in view.online.message.text()
    assert not view.online.run_button.isEnabled()
    assert not view.start_online() and not view.online_runner.busy()
    assert words in view.online.message.text()
    view.online.c_box.setValue(3.0)
    view.online.steps_box.setValue(50)
    assert view.online.message.text() == "" and view.online.run_button.isEnabled()
    assert len(run_online_panel(qtbot, view)) == 3


def test_online_panel_with_an_unknown_optimizer_is_one_line(qtbot, view):
    from optstudio.labs.views import OnlineRunSpec

    view.online.runs = [OnlineRunSpec("nothing", "no-such-optimizer", 0.1)]
    view.online.steps_box.setValue(10)
    with qtbot.waitSignal(view.onlineFinished, timeout=30000) as blocker:
        assert view.start_online()
    assert blocker.args == [False]
    text = view.online.summary.text()
    assert "no-such-optimizer" in text and "Traceback" not in text and view.online.run_button.isEnabled()


def test_online_panel_stops_and_shuts_down(qtbot, manager):
    from optstudio.gui.views import live_view_threads

    view = ResearchView(manager)
    qtbot.addWidget(view)
    view.online.steps_box.setValue(200_000)
    assert view.online.steps_box.value() == 200_000
    with qtbot.waitSignal(view.onlineFinished, timeout=60000) as blocker:
        assert view.start_online()
        assert view.online.stop_button.isEnabled() and not view.online.run_button.isEnabled()
        view.online.stop_button.click()
    assert blocker.args == [False] and "Stopped" in view.online.summary.text()
    assert view.online.run_button.isEnabled() and not view.online.stop_button.isEnabled()
    assert view.start_online()
    view.shutdown()                       # while it runs: asks it to stop and waits
    assert not live_view_threads() and not view.is_running()


def test_the_measure_bar_is_hidden_on_the_online_panel(qtbot, manager):
    view = ResearchView(manager)
    qtbot.addWidget(view)
    view.show()
    assert view.measure_bar.isVisible()
    view.show_panel("online")
    assert view.current_panel() == "online" and not view.measure_bar.isVisible()
    view.tabs.setCurrentIndex(0)
    assert view.measure_bar.isVisible()
