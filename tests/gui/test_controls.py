"""Start, pause, resume, step, reset; every view is updated by a run."""

import numpy as np
from PySide6.QtCore import QThread

from optstudio.gui.controller import RunState

STATE_FINISHED, STATE_PAUSED, STATE_RUNNING = RunState.FINISHED, RunState.PAUSED, RunState.RUNNING


def test_window_opens_ready(make_window, small_experiment):
    window = make_window(small_experiment())
    assert window.controller.plan is not None
    assert window.controller.run.epoch == 0
    assert window.start_action.isEnabled()
    assert window.network_panel.dims_label.text().replace("<b>", "").startswith("layer_dims = [2, 5, 2, 1]")
    assert "<b>30</b> parameters" in window.network_panel.dims_label.text()   # 5·3 + 2·6 + 1·3
    # the untrained network's picture is already there
    assert window.training_page.boundary.has_image
    assert window.training_page.network_view.weights is not None


def test_short_run_updates_every_view(qtbot, make_window, small_experiment, run_to_end):
    window = make_window(small_experiment(epochs=40))
    weights_before = [w.copy() for w in window.training_page.network_view.weights]
    image_before = window.training_page.boundary.image.image.copy()
    assert run_to_end(window) == "finished"
    assert window.state == STATE_FINISHED
    for plot in (window.training_page.cost_plot, window.training_page.accuracy_plot, window.training_page.rate_plot):
        assert plot.point_count() == 40
        x, y = plot.curves[next(iter(plot.enabled))].getData()
        assert len(x) > 0 and np.isfinite(y).all()
    assert window.training_page.boundary.has_image
    assert not np.array_equal(window.training_page.boundary.image.image, image_before)
    assert window.training_page.network_view.updates >= 2
    assert any(not np.allclose(a, b) for a, b in zip(weights_before, window.training_page.network_view.weights))
    counts = window.training_page.confusion.counts
    ds = window.data.dataset
    assert counts is not None and counts.sum() == ds.m_test
    assert "Epoch 40 / 40" in window.status.epoch_label.text()
    assert window.status.progress.value() == 40
    assert not window.start_action.isEnabled()          # finished: raise the epochs to continue


def test_pause_resume_and_step(qapp, qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    trainer = window.controller.run
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        assert window.start_training()
    assert window.state == STATE_RUNNING
    assert window.start_action.text() == "Pause"
    window.pause_training()
    assert window.state == STATE_PAUSED
    assert window.start_action.text() == "Resume"
    qtbot.waitUntil(lambda: window.status.snap is not None and window.status.snap.status == "paused", timeout=10000)
    paused_at = trainer.epoch
    assert window.status.snap.epoch == paused_at
    # paused means paused: the trainer waits inside run()
    for _ in range(20):
        qapp.processEvents()
    assert trainer.epoch == paused_at and window.controller.worker_paused

    # one step from inside the paused run
    with qtbot.waitSignal(window.trainingFinished, timeout=10000) as blocker:
        assert window.step_epoch()
    assert blocker.args == ["paused"]
    assert trainer.epoch == paused_at + 1
    assert window.state == STATE_PAUSED
    assert window.training_page.cost_plot.point_count() == paused_at + 1

    # resume continues from there
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        assert window.start_training()
    qtbot.waitUntil(lambda: trainer.epoch > paused_at + 1, timeout=10000)
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)


def test_step_from_idle_and_reset(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=50))
    first = window.controller.run
    initial = first.network.theta.copy()
    with qtbot.waitSignal(window.trainingFinished, timeout=10000):
        assert window.step_epoch()
    assert first.epoch == 1
    assert window.training_page.cost_plot.point_count() == 1
    with qtbot.waitSignal(window.trainingFinished, timeout=10000):
        window.step_epoch()
    assert first.epoch == 2
    window.reset_training()
    assert window.controller.run is not first
    assert window.controller.run.epoch == 0
    assert window.training_page.cost_plot.point_count() == 0
    assert first.engine.status != "running"          # the old run trains no more
    # the same seed gives the same initial weights again
    assert np.array_equal(window.controller.run.network.theta, initial)


def test_receivers_run_in_the_gui_thread(qtbot, make_window, small_experiment, run_to_end):
    window = make_window(small_experiment(epochs=20))
    seen = []
    # (a plain function receiver runs in the emitter's thread: the views' slot's thread)
    window.training_page.snapshotApplied.connect(
        lambda _snap: seen.append(QThread.currentThread() is window.thread()))
    run_to_end(window)
    assert seen and all(seen)


def test_raising_epochs_after_the_end_continues(qtbot, make_window, small_experiment, run_to_end):
    window = make_window(small_experiment(epochs=10))
    run_to_end(window)
    assert not window.start_action.isEnabled()
    window.optimizer_panel.epochs.setValue(15)
    assert window.start_action.isEnabled()
    assert run_to_end(window) == "finished"
    assert window.controller.run.epoch == 15
    assert window.training_page.cost_plot.point_count() == 15


def test_learning_rate_change_while_paused_applies_on_resume(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    trainer = window.controller.run
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)
    before = trainer.epoch
    window.optimizer_panel.learning_rate.setText("0.0123")
    run = window.controller.run
    assert window.controller.run is run              # no reset: the change is queued
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    qtbot.waitUntil(lambda: trainer.epoch > before + 2, timeout=10000)
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)
    rates = trainer.history.column("learning_rate")
    assert rates[before - 1] == 0.001
    assert rates[-1] == 0.0123


def test_network_change_resets(make_window, small_experiment):
    window = make_window(small_experiment())
    first = window.controller.run
    window.network_panel.add_layer(3, "tanh")
    assert window.controller.run is not first
    assert window.controller.run.network.layer_dims == [2, 5, 2, 3, 1]
    assert window.training_page.network_view.dims == [2, 5, 2, 3, 1]


def test_dataset_change_reloads_preview(qtbot, make_window, small_experiment):
    window = make_window(small_experiment())
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.dataset_panel.samples.setValue(120)
    ds = window.data.dataset
    assert ds.m_train + ds.m_test == 120
    assert "96" in window.dataset_panel.info.text()


def test_more_than_two_features_pca_and_confusion(qtbot, make_window, small_experiment, run_to_end):
    exp = small_experiment(epochs=15)
    exp.data.name = "iris"
    exp.data.test_fraction = 0.3
    exp.data.standardize = True
    exp.network.loss = "softmax"
    window = make_window(exp)
    assert window.training_page.boundary.mode == "projection"
    assert window.training_page.network_view.dims[0] == 4 and window.training_page.network_view.dims[-1] == 3
    assert run_to_end(window) == "finished"
    assert window.training_page.boundary.has_image
    assert window.training_page.confusion.counts.shape == (3, 3)
    assert window.training_page.confusion.counts.sum() == window.data.dataset.m_test
    assert window.training_page.confusion.table.rowCount() == 3


def test_bce_with_three_classes_is_explained_inline(qtbot, make_window, small_experiment):
    exp = small_experiment()
    exp.data.name = "blobs"
    window = make_window(exp, wait=False)
    qtbot.waitUntil(lambda: window.network_panel.error.isVisible(), timeout=20000)
    assert "softmax" in window.network_panel.error.text()
    assert window.controller.plan is None
    assert not window.start_action.isEnabled()
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.network_panel.loss.setCurrentIndex(window.network_panel.loss.findData("softmax"))
    assert window.start_action.isEnabled()


def test_keyboard_shortcuts(qtbot, make_window, small_experiment):
    from PySide6.QtCore import Qt

    window = make_window(small_experiment(epochs=100000))
    assert [s.toString() for s in window.start_action.shortcuts()] == ["Space"]
    assert "Ctrl+Right" in [s.toString() for s in window.step_action.shortcuts()]
    assert window.reset_action.shortcut().toString() == "Ctrl+R"
    assert window.open_action.shortcut().toString() == "Ctrl+O"
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.activateWindow()
    window.training_page.views.setFocus()
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        qtbot.keyClick(window.training_page.views, Qt.Key.Key_Space)
    assert window.state == "running"
    qtbot.keyClick(window.training_page.views, Qt.Key.Key_Space)
    assert window.state == "paused"
    first = window.controller.run
    qtbot.keyClick(window.training_page.views, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.run is not first and window.state == "idle"


def test_typing_while_running_applies_only_the_final_value(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    trainer = window.controller.run
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    panel = window.optimizer_panel
    for text in ("7", "7e", "7e-", "7e-4"):          # what typing "7e-4" looks like
        panel.learning_rate.setText(text)
    for value in (5, 50, 500, 500000):              # typing "500000" into Epochs
        panel.epochs.setValue(value)
    assert window.state == STATE_RUNNING
    # (the trainer takes queued changes at the start of its next epoch: wait for that before
    # pausing, or a pause that comes first keeps them queued until it resumes)
    qtbot.waitUntil(lambda: not window.controller.pending and trainer.epoch > 10 and trainer.epochs == 500000,
                    timeout=10000)
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)
    rates = set(trainer.history.column("learning_rate"))
    assert 7.0 not in rates
    assert trainer.epochs == 500000
    assert window.state == STATE_PAUSED
