"""The Sweep tab: a grid trained in a worker thread, its cells equal to ``optstudio sweep --json``,
Stop keeping the finished cells, a failing plugin marking its cells, a click opening the run in
the Training tab, and lab 12's grid shown when the lab is opened."""

from __future__ import annotations

import json
import math
import statistics

import pytest
from PySide6.QtCore import QPointF, Qt

from optstudio.cli import main
from optstudio.core.experiment import notebook_preset
from optstudio.core.sweep import Sweep, SweepSpec
from optstudio.gui.views.sweep_data import (METRICS, SweepResults, format_learning_rates, format_seeds, grid_spec,
                                            training_experiment)
from optstudio.gui.views.sweep_view import _FAILED, SweepView
from optstudio.plugins.manager import PluginManager

EPOCHS = 25


def base_experiment(epochs=EPOCHS, preset="notebook"):
    exp = notebook_preset()
    exp.runs = []
    exp.training.epochs = epochs
    if preset == "default":
        exp.training.preset = "default"
        exp.data.test_fraction = 0.25
    return exp


def make_view(qtbot, manager, base):
    view = SweepView(manager)
    qtbot.addWidget(view)
    view.resize(1000, 650)
    view.show()
    view.set_base_experiment(base)
    return view


def set_grid(view, optimizers, lr, seeds, grid="", target=""):
    for i in range(view.optimizer_list.count()):
        item = view.optimizer_list.item(i)
        name = item.data(Qt.ItemDataRole.UserRole)
        item.setCheckState(Qt.CheckState.Checked if name in optimizers else Qt.CheckState.Unchecked)
    view.lr_field.setText(lr)
    view.seeds_field.setText(seeds)
    view.grid_field.setText(grid)
    view.target_field.setText(target)


def run_sweep(qtbot, view, timeout=60000):
    with qtbot.waitSignal(view.sweepFinished, timeout=timeout) as blocker:
        assert view.start()
    assert not view.is_running()
    return blocker.args[0]


# ------------------------------------------------------------------------------ Qt-free parts
def test_grid_fields_become_a_spec_and_bad_fields_name_themselves():
    spec = grid_spec(["gd", "adam"], "1e-4:1:9", "3", "beta2=0.99,0.999", "0.3")
    assert spec.optimizers == ["gd", "adam"] and len(spec.learning_rates) == 9
    assert spec.learning_rates[0] == pytest.approx(1e-4) and spec.learning_rates[-1] == pytest.approx(1.0)
    assert spec.seeds == [0, 1, 2] and spec.grid == {"beta2": ["0.99", "0.999"]} and spec.target_cost == 0.3
    assert format_learning_rates(spec.learning_rates) == "0.0001:1:9"
    assert format_learning_rates([0.01, 0.1]) == "0.01,0.1" and format_seeds([0, 1, 2]) == "3"
    assert format_seeds([1, 5]) == "1,5"
    for args, fragment in ((([], "0.1", "1"), "optimizers"), ((["gd"], "", "1"), "learning rates"),
                           ((["gd"], "1:2", "1"), "learning rates"), ((["gd"], "0.1", "x"), "seeds"),
                           ((["gd"], "0.1", "1", "beta2"), "extra grid"), ((["gd"], "0.1", "1", "", "abc"), "target")):
        with pytest.raises(ValueError, match=fragment) as info:
            grid_spec(*args)
        assert "\n" not in str(info.value)


def test_results_medians_bands_best_and_representative(manager):
    spec = SweepSpec.from_dict({"optimizers": ["gd", "adam"], "learning_rates": [0.01, 0.1], "seeds": 3})
    sweep = Sweep(base_experiment(), spec, manager)
    results = SweepResults(sweep.cells, {"gd": "Gradient descent", "adam": "Adam"}, target_cost=0.3)
    costs = {}
    for cell in sweep.cells:              # made-up values, so that the medians are known
        cost = 0.1 * (cell.index + 1)
        costs[cell.index] = cost
        status = "failed" if (cell.optimizer, cell.learning_rate, cell.seed) == ("adam", 0.1, 2) else "finished"
        results.add({"index": cell.index, "status": status, "final_cost": cost, "train_accuracy": 1 - cost,
                     "epochs_to_target": None, "message": "boom" if status == "failed" else ""})
    assert results.row_labels == ["Gradient descent", "Adam"] and results.learning_rates == [0.01, 0.1]
    square = results.square(0, 1, "final_cost")       # gd, α = 0.1: cells 3, 4, 5
    assert square.value == pytest.approx(statistics.median([0.4, 0.5, 0.6])) and square.runs == 3
    failed = results.square(1, 1, "final_cost")       # adam 0.1: cells 9, 10 finished, 11 failed
    assert failed.value == pytest.approx((1.0 + 1.1) / 2) and failed.statuses == {"finished": 2, "failed": 1}
    curves = results.curves("final_cost")
    assert curves[1]["min"] == pytest.approx([0.7, 1.0]) and curves[1]["max"] == pytest.approx([0.9, 1.1])
    assert results.best("final_cost").row == 0 and results.best("final_cost").column == 0
    best_accuracy = results.best("train_accuracy")
    assert (best_accuracy.row, best_accuracy.column) == (0, 0)       # the highest accuracy
    assert results.representative(0, 1, "final_cost").seed == 1      # the median seed
    assert results.square(0, 0, "epochs_to_target").text == "never"  # finished, target never reached
    results.target_cost = None                                          # no target: no epochs to it
    assert results.square(0, 0, "epochs_to_target").text == "—" and results.best("epochs_to_target") is None
    assert [c.index for c, _r in results.failures()] == [11]
    # epochs to the target: a run that never reached it is +inf in the median, left out of the band
    results.target_cost = 0.3
    for index, epochs in ((3, 5), (4, None), (5, 7), (0, None), (1, None), (2, 9)):
        results.records[index]["epochs_to_target"] = epochs
    assert results.square(0, 1, "epochs_to_target").value == 7          # median of 5, 7, +inf
    assert results.square(0, 0, "epochs_to_target").text == "never"    # median of 9, +inf, +inf
    curve = results.curves("epochs_to_target")[0]
    assert curve["learning_rates"] == [0.1] and curve["median"] == [7] and curve["max"] == [7]


def test_training_experiment_keeps_the_window_and_takes_the_run():
    window = base_experiment()
    window.title = "My sweep"
    window.extras["sweep"] = {"optimizers": ["adam"]}
    spec = SweepSpec.from_dict({"optimizers": ["adam"], "learning_rates": [0.02], "seeds": [4],
                                "grid": {"beta2": [0.99]}})
    cell = Sweep(window, spec, PluginManager(load_entry_points=False, plugin_dirs=[])).cells[0]
    exp = training_experiment(window, cell)
    assert exp.title == "My sweep" and exp.extras["sweep"] == {"optimizers": ["adam"]}
    assert exp.optimizer.name == "adam" and exp.optimizer.learning_rate == 0.02
    assert exp.optimizer.params["beta2"] == 0.99 and exp.training.seed == 4
    assert exp.data == window.data and exp.network == window.network


# ------------------------------------------------------------------------------ the tab
def test_small_grid_equals_the_command_lines_records(qtbot, manager, tmp_path, capsys):
    """2 optimizers × 2 α × 1 seed: every square is the record `optstudio sweep --json` prints for
    the same experiment and grid, number for number."""
    base = base_experiment(EPOCHS, "default")
    config = tmp_path / "base.json"
    config.write_text(json.dumps(base.to_dict()), encoding="utf-8")
    view = make_view(qtbot, manager, base)
    set_grid(view, ["gd", "adam"], "0.01,0.1", "1", target="0.65")
    assert "4 runs" in view.summary_label.text()
    assert run_sweep(qtbot, view) == "finished"
    capsys.readouterr()
    assert main(["sweep", "--config", str(config), "--optimizers", "gd,adam", "--lr", "0.01,0.1", "--seeds", "1",
                 "--target-cost", "0.65", "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(records) == 4 == len(view.results)
    results = view.results
    assert results.row_labels == ["Gradient descent", "Adam"]
    for record in records:
        row = ["gd", "adam"].index(record["optimizer"])
        column = results.learning_rates.index(record["learning_rate"])
        for metric in ("final_cost", "train_accuracy", "test_accuracy"):
            assert results.square(row, column, metric).value == record[metric]     # exactly
        steps = results.square(row, column, "epochs_to_target")
        assert steps.value == record["epochs_to_target"] or (steps.value is None and record["epochs_to_target"] is None)
        mine = results.records[next(c.index for c in results.squares[(row, column)])]
        for field in ("final_cost", "final_test_cost", "train_accuracy", "test_accuracy", "epochs", "steps",
                      "status", "seed", "optimizer_params"):
            assert mine[field] == record[field], field
    # the best configuration is named: the lowest final cost of the four
    best = min(records, key=lambda r: r["final_cost"])
    label = {"gd": "Gradient descent", "adam": "Adam"}[best["optimizer"]]
    assert f"Best: {label} at α = {best['learning_rate']:.3g}" in view.best_label.text()
    # the heatmap's title and the curves follow the chosen measure
    view.metric_combo.setCurrentIndex(list(METRICS).index("train_accuracy"))
    assert "train accuracy" in view.heatmap_plot.getPlotItem().titleLabel.text
    assert view.curves_plot.getPlotItem().getAxis("left").labelText == "train accuracy"
    # exports: both plots as PNG and SVG, the runs as CSV
    for key in ("heatmap", "curves"):
        for suffix in (".png", ".svg"):
            path = tmp_path / f"{key}{suffix}"
            assert view.export_plot(key, path) == str(path) and path.stat().st_size > 0
    table = tmp_path / "runs.csv"
    assert view.export_csv(table) == str(table)
    assert len(table.read_text(encoding="utf-8").splitlines()) == 5
    assert view.export_plot("heatmap", tmp_path / "missing" / "x.png") is None
    assert "does not exist" in view.status_label.text()


def test_squares_fill_in_and_stop_keeps_the_finished_cells(qtbot, manager):
    """The default preset trains one stack per seed: Stop after the first results keeps those runs
    (complete), the others stay empty, and Start is possible again."""
    view = make_view(qtbot, manager, base_experiment(150, "default"))
    set_grid(view, ["gd", "adam"], "0.01,0.1", "5")
    view.every = 0.0                       # every result at once (the window uses 0.1 s)
    seen = []
    view.resultsChanged.connect(lambda: seen.append(len(view.results)))
    with qtbot.waitSignal(view.sweepFinished, timeout=60000) as blocker:
        assert view.start()
        assert view.is_running() and not view.start_button.isEnabled() and view.stop_button.isEnabled()
        # stop as soon as the first result leaves the worker (in its thread: no race with the sweep)
        worker = view._worker
        worker.resultsReady.connect(lambda _r: worker.stop(), Qt.ConnectionType.DirectConnection)
    assert blocker.args == ["stopped"]
    kept = view.results
    assert 0 < len(kept) < kept.total == 20
    assert all(r["status"] == "finished" and r["epochs"] == 150 for r in kept.records.values())
    squares = [s for row in kept.matrix("final_cost") for s in row]
    assert any(s.runs == 0 for s in squares) or any(s.runs < s.seeds for s in squares)
    assert "Stopped" in view.status_label.text() and f"{len(kept)} of 20" in view.status_label.text()
    assert view.start_button.isEnabled() and not view.stop_button.isEnabled()
    assert seen and seen[-1] == len(kept)
    # Start again with the same grid continues: the finished runs are kept, not trained again
    before = dict(kept.records)
    with qtbot.waitSignal(view.sweepFinished, timeout=60000) as blocker:
        assert view.start()
    assert blocker.args == ["finished"]
    assert len(view.results) == 20 and all(r["status"] == "finished" for r in view.results.records.values())
    assert all(view.results.records[i] is record for i, record in before.items())
    # another grid starts afresh
    set_grid(view, ["gd", "adam"], "0.01,0.2", "5")
    with qtbot.waitSignal(view.sweepFinished, timeout=60000):
        assert view.start()
    assert not any(view.results.records[i] is record for i, record in before.items())


def test_bad_fields_are_shown_next_to_them_and_nothing_starts(qtbot, manager):
    view = make_view(qtbot, manager, base_experiment())
    set_grid(view, ["gd"], "0.1:1", "1")
    assert view.error_label.isVisible() and "learning rates" in view.error_label.text()
    assert not view.start()
    set_grid(view, ["gd"], "0.1", "1", grid="beta2=0.9")       # gd has no β2
    assert not view.start() and "beta2" in view.error_label.text()
    assert not view.is_running()
    set_grid(view, ["gd"], "0.1", "1")
    view.set_base_experiment(base_experiment(), problem="fix the settings marked in red on the left first: x")
    assert not view.start() and "marked in red" in view.error_label.text()
    view.set_base_experiment(base_experiment())
    assert not view.error_label.isVisible()


FAILING_PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo


class Fragile(Optimizer):
    """Plain gradient descent that raises once α is above 0.05."""

    def update(self, params, grads, t, learning_rate):
        if learning_rate > 0.05 and t > 3:
            raise RuntimeError("too fast for me")
        for name, p in params.items():
            p -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="fragile", label="Fragile", description="fails", formula="W = W - a dW",
                          factory=Fragile)]
'''


def test_a_failing_plugin_marks_its_cells_and_the_others_go_on(qtbot, tmp_path):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "fragile.py").write_text(FAILING_PLUGIN, encoding="utf-8")
    manager = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    view = make_view(qtbot, manager, base_experiment(10))
    set_grid(view, ["fragile", "gd"], "0.01,0.1", "1")
    assert run_sweep(qtbot, view) == "finished"
    results = view.results
    row = results.row_labels.index("Fragile")
    failed = results.square(row, 1, "final_cost")
    assert failed.text == "failed" and failed.value is None and "too fast for me" in failed.message
    assert results.square(row, 0, "final_cost").value is not None
    gd = results.row_labels.index("Gradient descent")
    assert all(results.square(gd, c, "final_cost").value is not None for c in range(2))
    colors = view.square_colors(results.matrix("final_cost"), "final_cost")
    assert tuple(colors[row, 1][:3]) == (_FAILED.red(), _FAILED.green(), _FAILED.blue())
    assert "1 run failed" in view.status_label.text() and "too fast for me" in view.status_label.text()
    texts = {(x, y): text for x, y, text, _color in view.square_texts.texts}
    assert texts[(1.5, row + 0.5)] == "failed"


# ------------------------------------------------------------------------------ in the window
@pytest.fixture
def window(qtbot):
    from optstudio.gui.main_window import MainWindow

    made = []

    def make(experiment):
        w = MainWindow(experiment, restore=False, remember=False, confirm=False)
        made.append(w)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        with qtbot.waitSignal(w.dataReady, timeout=30000):
            w.show()
        return w

    yield make
    for w in made:
        w.confirm = False
        w.close()


def test_clicking_a_square_opens_its_run_in_the_training_tab(qtbot, window):
    w = window(base_experiment(EPOCHS))
    w.show_view("sweep")
    assert w.current_page == "sweep"
    view = w.pages.sweep
    assert view.base is not None and view.base.training.epochs == EPOCHS
    set_grid(view, ["gd", "adam"], "0.003,0.03", "1")
    w.settings.set_errors("network", ["hidden layers: write widths such as 5, 2"])
    assert not view.start() and "hidden layers" in view.error_label.text()
    w.settings.set_errors("network", [])
    assert run_sweep(qtbot, view) == "finished"
    # click the square Adam (row 1) × α = 0.003 (column 0) with the mouse
    plot = view.heatmap_plot
    scene_point = plot.getPlotItem().vb.mapViewToScene(QPointF(0.5, 1.5))
    point = plot.mapFromScene(scene_point)
    with qtbot.waitSignal(w.dataReady, timeout=30000):
        with qtbot.waitSignal(view.runRequested, timeout=5000) as blocker:
            qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    cell = blocker.args[0]
    assert (cell.optimizer, cell.learning_rate, cell.seed) == ("adam", 0.003, 0)
    assert w.current_page == "training"
    exp = w.settings.experiment()
    assert exp.optimizer.name == "adam" and exp.optimizer.learning_rate == 0.003 and exp.training.seed == 0
    assert exp.training.epochs == EPOCHS and exp.data == base_experiment().data
    # the Training tab's run is that run: train it and compare with the sweep's record
    with qtbot.waitSignal(w.trainingFinished, timeout=60000):
        assert w.start_training()
    record = view.results.records[cell.index]
    result = w.controller.run.result()
    assert result.final_cost == record["final_cost"] and result.train_accuracy == record["train_accuracy"]


def test_lab_12_opens_on_the_sweep_tab_with_its_grid(qtbot, window):
    w = window(base_experiment(EPOCHS))
    assert w.open_lab("12")
    assert w.current_page == "sweep"
    view = w.pages.sweep
    assert view.checked_optimizers() == ["gd", "adam"]
    assert view.lr_field.text() == "0.0001:1:9" and view.seeds_field.text() == "3"
    assert view.target_field.text() == "0.3"
    spec = view.spec()
    assert len(spec.learning_rates) == 9 and spec.seeds == [0, 1, 2] and spec.target_cost == 0.3
    assert view.base.training.epochs == 1000 and "54 runs" in view.summary_label.text()
    assert not math.isnan(spec.learning_rates[0])


def test_an_edited_grid_is_saved_with_the_experiment_and_opens_again(qtbot, window, tmp_path):
    import json

    w = window(base_experiment(EPOCHS))
    assert w.open_lab("12")
    view = w.pages.sweep
    path = tmp_path / "unchanged.json"
    assert w.save_experiment(path)
    section = json.loads(path.read_text(encoding="utf-8"))["sweep"]
    assert section["optimizers"] == ["gd", "adam"] and section["target_cost"] == 0.3
    # the student types another grid: Save keeps it (the lab's other sweep settings too)
    view.lr_field.clear()
    qtbot.keyClicks(view.lr_field, "0.01,0.1")
    view.target_field.selectAll()
    qtbot.keyClick(view.target_field, Qt.Key.Key_Delete)     # typed away
    momentum = next(view.optimizer_list.item(i) for i in range(view.optimizer_list.count())
                    if view.optimizer_list.item(i).data(Qt.ItemDataRole.UserRole) == "momentum")
    momentum.setCheckState(Qt.CheckState.Checked)
    path = tmp_path / "edited.json"
    assert w.save_experiment(path)
    section = json.loads(path.read_text(encoding="utf-8"))["sweep"]
    assert section["learning_rates"] == [0.01, 0.1]
    assert section["optimizers"] == ["gd", "momentum", "adam"] and section["seeds"] == [0, 1, 2]
    assert "target_cost" not in section                   # emptied: gone
    # a mistake in a field: the file keeps the last good grid
    qtbot.keyClicks(view.lr_field, "x")
    assert w.save_experiment(tmp_path / "bad.json")
    assert json.loads((tmp_path / "bad.json").read_text(encoding="utf-8"))["sweep"]["learning_rates"] == [0.01, 0.1]
    # reloading the plugins rebuilds the tab: the grid the student typed stays
    from optstudio.gui.plugin_reload import reload_plugins
    reload_plugins(w)
    w.show_view("sweep")
    assert w.pages.sweep.spec().learning_rates == [0.01, 0.1]
    assert w.save_experiment(tmp_path / "reloaded.json")
    reloaded = json.loads((tmp_path / "reloaded.json").read_text(encoding="utf-8"))["sweep"]
    assert reloaded["learning_rates"] == [0.01, 0.1] and reloaded["optimizers"] == ["gd", "momentum", "adam"]
    # opening the saved file shows its grid
    other = window(base_experiment(EPOCHS))
    assert other.open_experiment(path)
    other.show_view("sweep")
    assert other.pages.sweep.spec().learning_rates == [0.01, 0.1]
    assert other.pages.sweep.checked_optimizers() == ["gd", "momentum", "adam"]


def test_closing_the_window_or_reloading_plugins_mid_sweep_ends_the_thread(qtbot, window):
    w = window(base_experiment(400, "default"))
    view = w.pages.sweep
    set_grid(view, ["gd", "adam", "momentum"], "1e-3:1e-1:4", "4")
    assert view.start() and view.is_running()
    w.reload_plugins()                     # the tab is built again for the new plugins
    assert not view.is_running()           # (the old one stopped and ended its thread)
    new = w.pages.sweep
    assert new is not view and new.base is not None and new.base.training.epochs == 400
    set_grid(new, ["gd"], "0.01,0.1", "2")
    assert new.start() and new.is_running()
    w.close()                              # shutdown: the sweep is cancelled, the thread ends
    assert not new.is_running()


def test_an_unreachable_dask_scheduler_is_one_line_and_nothing_trains(qtbot, manager):
    pytest.importorskip("distributed")
    view = make_view(qtbot, manager, base_experiment())
    set_grid(view, ["gd"], "0.01,0.1", "1")
    view.scheduler_field.setText("tcp://127.0.0.1:9")          # (nothing listens on the discard port)
    assert run_sweep(qtbot, view, timeout=60000) == "failed"
    text = view.status_label.text()         # (the suite refuses sockets: that is the reason here)
    assert text.startswith("The sweep stopped: ") and "\n" not in text and "Traceback" not in text
    assert view.results is None and view.start_button.isEnabled()
