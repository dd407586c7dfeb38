"""CompareView: configurations trained side by side in a worker thread."""

import csv
import math
import time

import numpy as np
import pytest
from PySide6.QtGui import QImage

from optstudio.core.build import build_plan
from optstudio.core.experiment import notebook_preset
from optstudio.gui.views import live_view_threads
from optstudio.gui.views.compare_view import CompareView

EPOCHS = 6


@pytest.fixture
def view(qtbot, manager):
    v = CompareView(manager)
    qtbot.addWidget(v)
    v.resize(1000, 650)
    v.show()
    yield v
    assert v.shutdown(20000)


def _train(qtbot, view, epochs=EPOCHS):
    view.epochs.setValue(epochs)
    with qtbot.waitSignal(view.trainingFinished, timeout=30000):
        assert view.start()
    assert not view.is_running()


def test_builds_with_the_notebooks_three_optimizers(view):
    names = [row.optimizer_name() for row in view.rows]
    assert names == ["gd", "momentum", "adam"]
    assert [c["label"] for c in view.configurations()] == ["Gradient descent", "Momentum", "Adam"]
    assert view.rows[1].form.values()["beta"] == pytest.approx(0.9)
    assert all(row.learning_rate.value() == pytest.approx(0.0007) for row in view.rows)
    assert view.epochs.value() == 2000
    assert view.stop_button.isEnabled() is False


def test_trains_fills_curves_boundaries_table_and_exports(qtbot, view, tmp_path):
    _train(qtbot, view)
    assert len(view.curves) == 3
    for curve in view.curves:
        x, y = curve.getData()
        assert list(x) == list(range(EPOCHS))
        assert np.all(np.isfinite(y))
    assert view.boundaries.has_grid == [True, True, True]
    image = view.boundaries.images[0].image
    assert image is not None and image.shape[0] > 10
    assert view.table.rowCount() == 3
    # (long headings are shown on two lines)
    header = [view.table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(view.table.columnCount())]
    assert header[:4] == ["optimizer", "train accuracy", "final cost", "cost shape"]
    assert header[4].startswith("epochs to cost")
    assert view.table.item(2, 0).text() == "Adam"
    assert view.table.item(2, header.index("status")).text() == "finished"
    assert view.table.item(0, 1).text().endswith("%")

    csv_path = view.export_csv(tmp_path / "table.csv")
    with open(csv_path, encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == header
    assert [r[0] for r in rows[1:]] == ["Gradient descent", "Momentum", "Adam"]

    png_path = view.export_png(tmp_path / "figure.png")
    img = QImage(str(png_path))
    assert not img.isNull() and img.width() >= 900


def test_view_shows_what_the_core_computes(qtbot, view, manager):
    """The same experiments trained one after the other by the core give the same numbers."""
    _train(qtbot, view)
    exps, labels = view.experiments()
    plan = build_plan(exps, manager, labels)
    plan.run()
    trainers = plan.runs
    for i, trainer in enumerate(trainers):
        assert view.series_data["cost"][i] == pytest.approx(trainer.history.costs, rel=1e-9)
        assert view.summaries[i].train_accuracy == pytest.approx(trainer.result().train_accuracy)


def test_identical_configurations_start_from_the_same_weights(qtbot, view):
    view.set_configurations([{"optimizer": {"name": "gd"}}, {"optimizer": {"name": "gd"}}])
    labels = [c["label"] for c in view.configurations()]
    assert len(set(labels)) == 2          # duplicates get distinct labels
    _train(qtbot, view, epochs=3)
    a, b = view.series_data["cost"]
    assert a == b


def test_target_spin_box_updates_epochs_to_reach(qtbot, view):
    _train(qtbot, view)
    col = view.table.columnCount() - 2
    view.target.setValue(5.0)             # every cost is below 5 after the first epoch
    assert [view.table.item(r, col).text() for r in range(3)] == ["1", "1", "1"]
    view.target.setValue(0.001)
    assert view.table.item(0, col).text() == "never"


def test_stop_ends_the_thread(qtbot, view):
    view.epochs.setValue(1_000_000)
    assert view.start()
    assert view.stop_button.isEnabled()
    qtbot.waitUntil(lambda: all(len(e) >= 2 for e in view.epochs_data), timeout=20000)
    with qtbot.waitSignal(view.trainingFinished, timeout=20000):
        view.stop()
    assert not view.is_running()
    assert live_view_threads() == []
    assert {s.status for s in view.summaries} == {"stopped"}
    assert view.start_button.isEnabled()
    assert "Stopped" in view.status.text()


def test_progress_is_rate_limited(qtbot, view):
    view.epochs.setValue(400)
    begin = time.perf_counter()
    with qtbot.waitSignal(view.trainingFinished, timeout=30000):
        view.start()
    elapsed = time.perf_counter() - begin
    assert all(len(e) == 400 for e in view.epochs_data)
    # at most 30 snapshots per second, plus the first (points) and the final one
    assert 2 <= view.progress_count <= 30 * elapsed + 3


def test_bad_learning_rate_is_one_line_and_starts_nothing(view):
    view.rows[0].learning_rate.setText("-1")
    assert view.start() is False
    assert not view.is_running()
    assert "Gradient descent" in view.status.text()
    assert "\n" not in view.status.text()


def test_base_experiment_runs_become_the_configurations(view):
    exp = notebook_preset()
    exp.training.epochs = 50
    exp.runs = [{"label": "Plain", "optimizer": {"name": "gd", "learning_rate": 0.3}},
                {"optimizer": {"name": "rmsprop"}, "schedule": {"name": "inverse-time", "params": {"decay_rate": 0.5}}}]
    view.set_base_experiment(exp)
    assert view.epochs.value() == 50
    assert [row.optimizer_name() for row in view.rows] == ["gd", "rmsprop"]
    assert view.rows[0].learning_rate.value() == pytest.approx(0.3)
    assert view.rows[1].schedule_name() == "inverse-time"
    assert view.rows[1].schedule_form.values()["decay_rate"] == pytest.approx(0.5)
    labels = [c["label"] for c in view.configurations()]
    assert labels[0] == "Plain"
    exps, _ = view.experiments()
    assert exps[1].optimizer.name == "rmsprop" and exps[1].schedule.name == "inverse-time"
    assert all(e.data.to_dict() == exp.data.to_dict() for e in exps)


def test_add_and_remove_configurations(view):
    row = view.add_configuration()
    assert len(view.rows) == 4 and row.optimizer_name() == "adam"
    view._remove_row(view.rows[0])
    assert [r.optimizer_name() for r in view.rows] == ["momentum", "adam", "adam"]
    assert not math.isnan(view.rows[0].learning_rate.value())


def test_pause_and_continue(qtbot, view):
    view.epochs.setValue(100_000)
    assert view.start()
    qtbot.waitUntil(lambda: all(len(e) >= 1 for e in view.epochs_data), timeout=20000)
    view.pause()
    assert view.pause_button.text() == "Continue"
    # the runs stop advancing: two snapshots apart the epoch count is the same
    qtbot.waitUntil(lambda: view.summaries[0].status == "paused", timeout=20000)
    done = [len(e) for e in view.epochs_data]
    qtbot.wait(100)
    assert [len(e) for e in view.epochs_data] == done
    view.resume()
    qtbot.waitUntil(lambda: len(view.epochs_data[0]) > done[0], timeout=20000)
    with qtbot.waitSignal(view.trainingFinished, timeout=20000):
        view.pause()
        view.stop()        # stopping while paused works
    assert not view.pause_button.isChecked()


def test_run_patches_keep_their_training_and_network_changes(qtbot, view):
    """Lab runs may change more than the optimizer (lab 03: mini-batch sizes, lab 04: initialisation)."""
    view.set_configurations([
        {"label": "Batch GD", "optimizer": {"name": "gd"}, "training": {"mini_batch_size": 300}},
        {"optimizer": {"name": "gd"}, "network": {"init": "zeros"}},
    ])
    assert view.rows[0].extra == {"training": {"mini_batch_size": 300}}
    assert view.rows[0].extra_label.isVisibleTo(view.rows[0]) and "mini-batch size 300" in view.rows[0].extra_label.text()
    assert view.configurations()[1]["network"] == {"init": "zeros"}
    assert "initialisation zeros" in view.configurations()[1]["label"]
    exps, labels = view.experiments()
    assert exps[0].training.mini_batch_size == 300 and exps[1].network.init == "zeros"
    assert labels[0] == "Batch GD"
    assert "also:" in view.lesson.text()
    _train(qtbot, view, epochs=2)
    assert [s.status for s in view.summaries] == ["finished", "finished"]
    view.set_configurations([{"optimizer": {"name": "adam"}}])
    assert view.rows[0].extra == {} and not view.rows[0].extra_label.isVisibleTo(view.rows[0])
    assert "only the optimizer differs" in view.lesson.text()


def test_table_cost_shape_uses_the_last_mini_batch_curve_like_the_cli():
    import numpy as np

    from optstudio.core.analysis import cost_shape
    from optstudio.gui.views.compare_data import RunSummary, summary_table

    smooth = np.linspace(1.0, 0.1, 200)
    zigzag = smooth + np.where(np.arange(200) % 2, 0.5, 0.0)
    run = RunSummary(label="GD", costs=smooth, full_costs=smooth, batch_costs=zigzag, status="finished")
    header, rows = summary_table([run], 0.5)
    shape = rows[0][header.index("cost shape")]
    assert shape == cost_shape(zigzag.tolist()) == "oscillating"
