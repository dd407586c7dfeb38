"""The trainer: history, controls from another thread, progress rate, divergence, changes."""

import csv
import math
import threading

import numpy as np
import pytest

from optstudio.core.datasets import DataSpec
from optstudio.core.experiment import Experiment, build_trainer
from optstudio.core.trainer import History


def small_experiment(**training):
    exp = Experiment()
    exp.data = DataSpec(name="moons", samples=120, noise=0.2, data_seed=1, test_fraction=0.25)
    exp.optimizer.name = "adam"
    exp.optimizer.learning_rate = 0.01
    exp.training.epochs = training.get("epochs", 50)
    exp.training.mini_batch_size = training.get("mini_batch_size", 32)
    return exp


def test_history_records_every_epoch():
    trainer = build_trainer(small_experiment(epochs=30))
    result = trainer.run()
    assert result.status == "finished" and result.epochs == 30
    assert len(trainer.history) == 30
    steps_per_epoch = math.ceil(90 / 32)
    assert result.steps == 30 * steps_per_epoch
    rec = trainer.history[-1]
    assert rec.epoch == 29
    assert 0 <= rec.train_accuracy <= 1 and 0 <= rec.test_accuracy <= 1
    assert rec.cost > 0 and rec.test_cost > 0 and rec.grad_norm > 0
    assert rec.learning_rate == 0.01
    assert all(b.elapsed >= a.elapsed for a, b in zip(trainer.history.records, trainer.history.records[1:]))
    # the recorded cost is J on the training set: recompute it from the final weights
    net = trainer.network
    cost, acc = net.evaluate(trainer.X, trainer.y)
    assert cost == pytest.approx(rec.cost, rel=1e-12) and acc == rec.train_accuracy
    # Adam on moons learns something
    assert trainer.history[-1].cost < trainer.history[0].cost


def test_same_seed_same_numbers_and_generator_mode():
    a = build_trainer(small_experiment(epochs=10))
    b = build_trainer(small_experiment(epochs=10))
    a.run(), b.run()
    np.testing.assert_array_equal(a.history.column("cost"), b.history.column("cost"))
    exp = small_experiment(epochs=10)
    exp.training.seed = 2
    c = build_trainer(exp)
    c.run()
    assert not np.array_equal(a.history.column("cost"), c.history.column("cost"))


def test_batch_size_m_is_batch_gd_and_1_is_sgd():
    exp = small_experiment(epochs=3, mini_batch_size=1000)
    t = build_trainer(exp)
    assert t.run().steps == 3
    exp.training.mini_batch_size = 1
    t = build_trainer(exp)
    assert t.run().steps == 3 * 90


def test_history_csv(tmp_path):
    trainer = build_trainer(small_experiment(epochs=5))
    trainer.run()
    path = tmp_path / "h.csv"
    trainer.history.write_csv(path)
    rows = list(csv.DictReader(path.open()))
    assert len(rows) == 5 and tuple(rows[0]) == History.FIELDS
    assert float(rows[4]["cost"]) == trainer.history[4].cost


def test_divergence_stops_with_a_clear_message_and_keeps_history():
    exp = small_experiment(epochs=200)
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 50.0
    exp.network.loss = "mse"               # square loss with a linear output: GD blows up
    exp.network.output_activation = "linear"
    trainer = build_trainer(exp)
    result = trainer.run()
    assert result.status == "diverged" and result.diverged
    assert f"epoch {result.epochs}" in result.message
    assert "lower learning rate" in result.message
    assert len(trainer.history) == result.epochs < 200
    assert all(math.isfinite(r.cost) for r in trainer.history.records)


def test_pause_resume_and_stop_from_another_thread():
    exp = small_experiment(epochs=10**6)
    events = []
    paused = threading.Event()

    def callback(tr):
        events.append((tr.epoch, tr.status))
        if tr.status == "paused":
            paused.set()

    trainer = build_trainer(exp, callback=callback, report_interval=0.01)
    worker = threading.Thread(target=trainer.run)
    worker.start()
    try:
        trainer.pause()
        assert paused.wait(10), "pause was not reported"
        epoch_at_pause = trainer.epoch
        assert trainer.status == "paused"
        # nothing moves while paused
        assert not worker.join(0.2) and trainer.epoch == epoch_at_pause
        trainer.resume()
        deadline = threading.Event()
        for _ in range(200):
            if trainer.epoch > epoch_at_pause:
                break
            deadline.wait(0.01)
        assert trainer.epoch > epoch_at_pause
    finally:
        trainer.stop()
        worker.join(10)
    assert not worker.is_alive()
    assert trainer.status == "stopped" and trainer.result().status == "stopped"
    assert len(trainer.history) == trainer.epoch


def test_stop_while_paused_ends_the_thread():
    trainer = build_trainer(small_experiment(epochs=10**6))
    trainer.pause()
    worker = threading.Thread(target=trainer.run)
    worker.start()
    trainer.stop()
    worker.join(10)
    assert not worker.is_alive()
    assert trainer.status == "stopped"


def test_progress_is_reported_at_a_bounded_rate():
    calls = []
    trainer = build_trainer(small_experiment(epochs=400), callback=lambda tr: calls.append(tr.epoch),
                            report_interval=10.0)
    trainer.run()
    # a 10-second interval allows only the first report and the forced one at the end
    assert calls == [1, 400]


def test_step_one_epoch_at_a_time():
    trainer = build_trainer(small_experiment(epochs=5))
    for i in range(1, 4):
        trainer.run(max_epochs=1)
        assert trainer.epoch == i and len(trainer.history) == i
    trainer.run()
    assert trainer.epoch == 5 and trainer.status == "finished"
    trainer.run(max_epochs=1)  # stepping beyond the plan is allowed
    assert trainer.epoch == 6


def test_changes_apply_before_the_next_update_and_keep_state():
    from optstudio.plugins.manager import get_plugin_manager
    manager = get_plugin_manager()
    exp = small_experiment(epochs=20)
    exp.optimizer.name = "momentum"
    trainer = build_trainer(exp, manager)
    trainer.run(max_epochs=5)
    velocity = trainer.optimizer_state()["velocity v"]["W1"].copy()
    assert np.abs(velocity).sum() > 0
    new = manager.create_optimizer("momentum", {"beta": 0.5})
    trainer.apply_changes(learning_rate=0.002, optimizer=new, epochs=8)
    trainer.run()
    assert trainer.epoch == 8
    assert trainer.history[-1].learning_rate == 0.002
    assert trainer.optimizer is new
    assert trainer.optimizer.inner.beta == 0.5


def test_per_step_schedule_changes_the_rate_within_an_epoch():
    exp = small_experiment(epochs=3)
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 0.1
    exp.schedule.name = "inverse-sqrt-step"
    trainer = build_trainer(exp)
    trainer.run()
    rates = trainer.history.column("learning_rate")
    assert rates[0] > rates[1] > rates[2]


def test_decision_grid_and_optimizer_views():
    trainer = build_trainer(small_experiment(epochs=5))
    trainer.run()
    xs, ys, values = trainer.decision_grid(40)
    assert xs.shape == (40,) and ys.shape == (40,) and values.shape == (40, 40)
    assert ((values >= 0) & (values <= 1)).all()
    steps = trainer.effective_step()
    assert set(steps) == set(trainer.network.params)
    assert all((s > 0).all() for s in steps.values())
    state = trainer.optimizer_state()
    assert set(state) == {"velocity v", "squared-gradient average s"}


def test_failing_plugin_fails_the_run_not_the_host(tmp_path, monkeypatch):
    (tmp_path / "bad_opt.py").write_text(
        "from optstudio import hookimpl\n"
        "from optstudio.plugins.types import Optimizer, OptimizerInfo\n"
        "class Bad(Optimizer):\n"
        "    def update(self, params, grads, t, learning_rate):\n"
        "        if t == 7:\n"
        "            raise RuntimeError('boom')\n"
        "@hookimpl\n"
        "def optstudio_optimizers():\n"
        "    return [OptimizerInfo(name='bad', label='Bad', description='fails', formula='-', factory=Bad)]\n")
    from optstudio.plugins.manager import PluginManager
    manager = PluginManager(load_entry_points=False, plugin_dirs=[tmp_path])
    exp = small_experiment(epochs=20)
    exp.optimizer.name = "bad"
    trainer = build_trainer(exp, manager)
    result = trainer.run()
    assert result.status == "failed"
    assert "boom" in result.message and "bad" in result.message
    assert len(trainer.history) == 2  # 3 steps per epoch: the 7th step is in the third epoch
    assert any("boom" in e.message for e in manager.errors)


def test_more_epochs_after_the_end_and_a_new_batch_size():
    trainer = build_trainer(small_experiment(epochs=4))
    assert trainer.run().status == "finished"
    trainer.apply_changes(epochs=7, mini_batch_size=90)
    result = trainer.run()
    assert result.status == "finished" and result.epochs == 7
    assert result.steps == 4 * 3 + 3 * 1   # 3 mini-batches of 32 before, one batch of 90 after
    with pytest.raises(ValueError, match="mini-batch"):
        trainer.apply_changes(mini_batch_size=0)
