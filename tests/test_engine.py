"""The engine with one run: history, events, commands between steps, pausing and stopping as
the iterator's business, divergence, failing plugins, the history's CSV."""

import csv
import math
import threading
import time

import numpy as np
import pytest

from optstudio.core.build import build_engine
from optstudio.core.datasets import DataSpec
from optstudio.core.engine import EpochEvent, StepEvent
from optstudio.core.experiment import Experiment
from optstudio.core.history import EpochRecord, History
from optstudio.plugins.manager import PluginManager, get_plugin_manager


@pytest.fixture
def manager():
    return get_plugin_manager()


def small_experiment(**training):
    exp = Experiment()
    exp.data = DataSpec(name="moons", samples=120, noise=0.2, data_seed=1, test_fraction=0.25)
    exp.optimizer.name = "adam"
    exp.optimizer.learning_rate = 0.01
    exp.training.epochs = training.get("epochs", 50)
    exp.training.mini_batch_size = training.get("mini_batch_size", 32)
    return exp


def engine_for(exp, manager=None):
    return build_engine(exp, manager if manager is not None else get_plugin_manager())


def costs(run):
    return run.history.column("cost")


# ============================================================================ history
def test_history_records_every_epoch():
    engine = engine_for(small_experiment(epochs=30))
    result, = engine.run()
    run = engine.runs[0]
    assert result.status == "finished" and result.epochs == 30
    assert len(run.history) == 30 and engine.epoch == run.epoch == 30
    steps_per_epoch = math.ceil(90 / 32)
    assert result.steps == 30 * steps_per_epoch == engine.t == run.t
    rec = run.history[-1]
    assert rec.epoch == 29
    assert 0 <= rec.train_accuracy <= 1 and 0 <= rec.test_accuracy <= 1
    assert rec.cost > 0 and rec.test_cost > 0 and rec.grad_norm > 0
    assert rec.learning_rate == 0.01
    records = run.history.records
    assert all(b.elapsed >= a.elapsed for a, b in zip(records, records[1:]))
    # the recorded cost is J on the training set: recompute it from the final weights
    cost, acc = run.network.evaluate(engine.data.X, engine.data.y)
    assert cost == pytest.approx(rec.cost, rel=1e-12) and acc == rec.train_accuracy
    # Adam on moons learns something
    assert run.history[-1].cost < run.history[0].cost
    assert engine.status == "finished"


def test_same_seed_same_numbers_and_generator_mode():
    a = engine_for(small_experiment(epochs=10))
    b = engine_for(small_experiment(epochs=10))
    a.run(), b.run()
    np.testing.assert_array_equal(costs(a.runs[0]), costs(b.runs[0]))
    exp = small_experiment(epochs=10)
    exp.training.seed = 2
    c = engine_for(exp)
    c.run()
    assert not np.array_equal(costs(a.runs[0]), costs(c.runs[0]))


def test_batch_size_m_is_batch_gd_and_1_is_sgd():
    exp = small_experiment(epochs=3, mini_batch_size=1000)
    assert engine_for(exp).run()[0].steps == 3
    exp.training.mini_batch_size = 1
    assert engine_for(exp).run()[0].steps == 3 * 90


def test_history_csv(tmp_path):
    engine = engine_for(small_experiment(epochs=5))
    engine.run()
    history = engine.runs[0].history
    path = tmp_path / "h.csv"
    history.write_csv(path)
    rows = list(csv.DictReader(path.open()))
    assert len(rows) == 5 and tuple(rows[0]) == History.FIELDS
    assert float(rows[4]["cost"]) == history[4].cost
    for row in rows:   # every column is a number
        for name, text in row.items():
            float(text)


def test_history_csv_with_numpy_scalars(tmp_path):
    """numpy >= 2.3 prints np.float64(0.5) as 'np.float64(0.5)' under repr: never in the CSV."""
    history = History()
    history.append(EpochRecord(epoch=np.int64(3), cost=np.float64(0.125), test_cost=np.float64(math.nan),
                               train_accuracy=np.float64(0.75), test_accuracy=np.float32(0.5),
                               learning_rate=np.float64(1e-3), grad_norm=np.float64(2.5),
                               elapsed=np.float64(0.01), last_batch_cost=np.float64(0.2)))
    history.append(EpochRecord(epoch=4, cost=0.1, test_cost=0.2, train_accuracy=0.8, test_accuracy=0.7,
                               learning_rate=1e-3, grad_norm=2.0, elapsed=0.02, last_batch_cost=0.15))
    path = tmp_path / "h.csv"
    history.write_csv(path)
    text = path.read_text(encoding="utf-8")
    assert "np." not in text and "float64" not in text and "int64" not in text
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == 2
    for row in rows:
        for name, value in row.items():
            float(value)
    assert rows[0]["epoch"] == "3" and float(rows[0]["cost"]) == 0.125
    assert math.isnan(float(rows[0]["test_cost"]))
    assert float(rows[0]["learning_rate"]) == 1e-3


# ============================================================================ events
@pytest.mark.parametrize("size", [1, 32, 45, 90, 1000])
def test_mini_batch_events_then_an_epoch_event(size):
    engine = engine_for(small_experiment(epochs=3, mini_batch_size=size))
    per_epoch = math.ceil(90 / size)
    events = list(engine.steps(mini_batches=True))
    assert len(events) == 3 * (per_epoch + 1)
    t = 0
    for epoch in range(3):
        chunk = events[epoch * (per_epoch + 1):(epoch + 1) * (per_epoch + 1)]
        *steps, end = chunk
        assert all(type(e) is StepEvent for e in steps) and type(end) is EpochEvent
        for j, step in enumerate(steps, start=1):
            t += 1
            assert (step.epoch, step.step, step.batch, step.batches) == (epoch, t, j, per_epoch)
            assert step.engine is engine
        assert end.epoch == epoch and end.runs == engine.runs and end.ended == []
    assert engine.t == t == 3 * per_epoch


def test_epoch_events_only_by_default():
    engine = engine_for(small_experiment(epochs=4))
    events, last_records = [], []
    for event in engine.steps():
        events.append(event)
        last_records.append(event.runs[0].history.last.epoch)   # the event's epoch is recorded
    assert [type(e) for e in events] == [EpochEvent] * 4
    assert [e.epoch for e in events] == [0, 1, 2, 3] == last_records
    assert all(e.runs == engine.runs and e.ended == [] for e in events)


def test_step_one_epoch_at_a_time():
    engine = engine_for(small_experiment(epochs=5))
    run = engine.runs[0]
    for i in range(1, 4):
        events = list(engine.steps(until=engine.epoch + 1))
        assert len(events) == 1 and events[0].epoch == i - 1
        assert engine.epoch == i and len(run.history) == i
        assert run.status == "paused" and engine.status == "paused"
    engine.run()
    assert engine.epoch == 5 and run.status == "finished"
    # stepping beyond the plan is allowed
    events = list(engine.steps(until=engine.epoch + 1))
    assert len(events) == 1 and engine.epoch == 6 and len(run.history) == 6
    assert engine.run(until=engine.epoch + 1)[0].epochs == 7
    # the same numbers as an uninterrupted run of 7 epochs
    straight = engine_for(small_experiment(epochs=7))
    straight.run()
    np.testing.assert_array_equal(costs(run), costs(straight.runs[0]))


# ============================================================================ pause, stop, continue
def test_pause_commands_continue_and_stop():
    """Pausing is not asking for the next event; stopping is closing the generator."""
    engine = engine_for(small_experiment(epochs=10**6))
    run = engine.runs[0]
    gen = engine.steps()
    for _ in range(3):
        next(gen)
    assert engine.epoch == 3 and run.status == "running" and engine.status == "running"
    # paused: nothing moves while the generator is not asked for more, commands are queued
    theta = run.network.theta.copy()
    engine.set_learning_rate(0.002)
    time.sleep(0.05)
    assert engine.epoch == 3 and len(run.history) == 3
    np.testing.assert_array_equal(run.network.theta, theta)
    event = next(gen)
    assert event.epoch == 3 and engine.epoch == 4 and run.history[-1].learning_rate == 0.002
    gen.close()
    assert run.status == "stopped" and engine.status == "stopped" and run.result().status == "stopped"
    assert len(run.history) == engine.epoch == run.epoch == 4
    theta = run.network.theta.copy()
    assert not np.array_equal(theta, 0.0)
    # a later steps() continues from there
    gen = engine.steps()
    next(gen)
    assert engine.epoch == 5 and len(run.history) == 5
    gen.close()
    assert run.status == "stopped"
    # the same numbers as a run that was never paused nor stopped
    straight = engine_for(small_experiment(epochs=10**6))
    straight.run(until=3)
    straight.set_learning_rate(0.002)
    straight.run(until=5)
    np.testing.assert_array_equal(costs(run), costs(straight.runs[0]))
    np.testing.assert_array_equal(run.network.theta, straight.runs[0].network.theta)


def test_stop_in_the_middle_of_an_epoch_keeps_the_weights():
    engine = engine_for(small_experiment(epochs=10**6))
    run = engine.runs[0]
    gen = engine.steps(mini_batches=True)
    for _ in range(5):                    # epoch 0 (3 steps + its EpochEvent) and one step of epoch 1
        event = next(gen)
    assert type(event) is StepEvent and event.epoch == 1 and event.step == 4
    theta = run.network.theta.copy()
    gen.close()
    assert run.status == "stopped" and len(run.history) == run.epoch == 1 and engine.t == 4
    np.testing.assert_array_equal(run.network.theta, theta)
    # a later steps() continues from these weights and this step count
    events = list(engine.steps(until=engine.epoch + 1))
    assert [e.epoch for e in events] == [1] and engine.t == run.t == 7 and len(run.history) == 2


def test_a_stop_in_the_middle_of_an_epoch_counts_the_steps_done():
    engine = engine_for(small_experiment(epochs=10**6))
    run = engine.runs[0]
    gen = engine.steps(mini_batches=True)
    for _ in range(5):                    # epoch 0 (3 steps + its EpochEvent) and one step of epoch 1
        next(gen)
    gen.close()
    assert engine.t == 4
    assert run.t == 4 and run.result().steps == 4


def test_a_stop_sent_before_training_starts_is_not_lost():
    engine = engine_for(small_experiment(epochs=10))
    run = engine.runs[0]
    theta = run.network.theta.copy()
    engine.stop_run(0)
    assert list(engine.steps()) == []
    assert run.status == "stopped" and engine.status == "stopped"
    assert len(run.history) == 0 and run.t == 0 and run.epoch == 0 and engine.epoch == 0
    np.testing.assert_array_equal(run.network.theta, theta)
    # stopped for good: a later steps() does not train it either
    assert engine.run()[0].status == "stopped"
    assert len(run.history) == 0 and run.t == 0


def test_commands_from_another_thread_are_all_applied(manager):
    exp = small_experiment(epochs=10**6)
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 0.001
    engine = engine_for(exp, manager)
    run = engine.runs[0]

    class Recorder:
        """An optimizer that records the learning rates it is given."""

        def __init__(self, inner):
            self.inner = inner
            self.rates = []

        def init(self, params):
            self.inner.init(params)

        def update(self, params, grads, t, learning_rate):
            self.rates.append(learning_rate)
            self.inner.update(params, grads, t, learning_rate)

    recorder = Recorder(manager.create_optimizer("gd"))
    engine.set_optimizer(recorder)        # given before training starts: not lost either
    rates = [0.001 * (1 + (i + 1) / 400) for i in range(400)]
    started = threading.Event()

    def send():
        started.wait(10)
        for rate in rates:
            engine.set_learning_rate(rate)
            time.sleep(0.0002)
        engine.stop_run(0)                # queued after the rates: applied after them

    sender = threading.Thread(target=send)
    sender.start()
    try:
        for event in engine.steps(mini_batches=True):
            started.set()
            assert engine.epoch < 10**5, "the stop sent from the other thread was lost"
    finally:
        sender.join(20)
    assert not sender.is_alive()
    assert run.optimizer is recorder
    assert run.status == "stopped" and run.learning_rate == rates[-1]
    assert len(run.history) == run.epoch and run.t == len(recorder.rates) > 0
    seen = recorder.rates
    allowed = {0.001, *rates}
    assert set(seen) <= allowed and seen == sorted(seen)       # applied in the order sent
    assert len(set(seen)) > 2                                   # they arrived while it trained
    assert set(run.history.column("learning_rate")) <= allowed
    assert not engine.apply_commands()                          # nothing left in the queue


# ============================================================================ commands
def test_changes_apply_before_the_next_update_and_keep_state(manager):
    exp = small_experiment(epochs=20)
    exp.optimizer.name = "momentum"
    engine = engine_for(exp, manager)
    run = engine.runs[0]
    engine.run(until=5)
    velocity = run.optimizer_state()["velocity v"]["W1"].copy()
    assert np.abs(velocity).sum() > 0
    new = manager.create_optimizer("momentum", {"beta": 0.5})
    engine.set_learning_rate(0.002)
    engine.set_optimizer(new)
    engine.set_epochs(8)
    engine.apply_commands()
    assert run.optimizer is new
    np.testing.assert_array_equal(run.optimizer_state()["velocity v"]["W1"], velocity)   # state carried
    engine.run()
    assert engine.epoch == 8 and run.status == "finished"
    assert run.history[-1].learning_rate == 0.002 and run.history[4].learning_rate == 0.01
    assert run.optimizer is new
    assert run.optimizer.inner.beta == 0.5


def test_per_step_schedule_changes_the_rate_within_an_epoch():
    exp = small_experiment(epochs=3)
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 0.1
    exp.schedule.name = "inverse-sqrt-step"
    engine = engine_for(exp)
    engine.run()
    rates = engine.runs[0].history.column("learning_rate")
    assert rates[0] > rates[1] > rates[2]


def test_more_epochs_after_the_end_and_a_new_batch_size():
    engine = engine_for(small_experiment(epochs=4))
    assert engine.run()[0].status == "finished"
    engine.set_epochs(7)
    engine.set_mini_batch_size(90)
    result, = engine.run()
    assert result.status == "finished" and result.epochs == 7
    assert result.steps == 4 * 3 + 3 * 1   # 3 mini-batches of 32 before, one batch of 90 after
    with pytest.raises(ValueError, match="mini-batch"):
        engine.set_mini_batch_size(0)
    with pytest.raises(ValueError, match="epochs"):
        engine.set_epochs(0)
    with pytest.raises(ValueError, match="learning rate"):
        engine.set_learning_rate(-1.0)


def test_set_epochs_after_a_finished_run_continues_it():
    engine = engine_for(small_experiment(epochs=4))
    run = engine.runs[0]
    engine.run()
    assert run.status == "finished" and engine.status == "finished" and run.epoch == 4
    engine.set_epochs(7)
    events = list(engine.steps())
    assert [e.epoch for e in events] == [4, 5, 6]
    assert run.status == "finished" and run.epoch == engine.epochs == 7 and len(run.history) == 7
    assert run.t == 7 * 3
    straight = engine_for(small_experiment(epochs=7))
    straight.run()
    np.testing.assert_array_equal(costs(run), costs(straight.runs[0]))
    np.testing.assert_array_equal(run.network.theta, straight.runs[0].network.theta)


def test_mini_batch_size_changes_at_the_next_epoch():
    engine = engine_for(small_experiment(epochs=4, mini_batch_size=32))
    seen = []
    for event in engine.steps(mini_batches=True):
        if type(event) is StepEvent:
            seen.append((event.epoch, event.batches))
            if (event.epoch, event.batch) == (1, 1):
                engine.set_mini_batch_size(45)       # in the middle of epoch 1
    assert seen == [(0, 3)] * 3 + [(1, 3)] * 3 + [(2, 2)] * 2 + [(3, 2)] * 2
    assert engine.t == 10 and engine.mini_batch_size == 45
    # the same numbers as changing it between epochs 1 and 2
    other = engine_for(small_experiment(epochs=4, mini_batch_size=32))
    other.run(until=2)
    other.set_mini_batch_size(45)
    other.run()
    np.testing.assert_array_equal(costs(engine.runs[0]), costs(other.runs[0]))
    np.testing.assert_array_equal(engine.runs[0].network.theta, other.runs[0].network.theta)


# ============================================================================ divergence
def test_divergence_stops_with_a_clear_message_and_keeps_history():
    exp = small_experiment(epochs=200)
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 50.0
    exp.network.loss = "mse"               # square loss with a linear output: GD blows up
    exp.network.output_activation = "linear"
    engine = engine_for(exp)
    result, = engine.run()
    history = engine.runs[0].history
    assert result.status == "diverged" and result.diverged
    assert f"epoch {result.epochs}" in result.message
    assert "lower learning rate" in result.message
    assert len(history) == result.epochs < 200
    assert all(math.isfinite(r.cost) for r in history.records)
    assert engine.status == "failed"


def test_a_huge_learning_rate_diverges_while_the_cost_is_still_finite():
    """`optstudio run --optimizer gd --lr 1e9`: moons and the default network."""
    exp = Experiment()
    exp.optimizer.name = "gd"
    exp.optimizer.learning_rate = 1e9
    engine = engine_for(exp)
    result, = engine.run()
    run = engine.runs[0]
    assert result.status == "diverged" and result.diverged
    assert f"diverged at epoch {result.epochs}" in result.message
    assert "lower learning rate" in result.message
    assert result.epochs < exp.training.epochs and len(run.history) == result.epochs
    cost, _acc = run.network.evaluate(engine.data.X, engine.data.y)
    assert math.isfinite(cost)            # not inf nor nan: the divergence is the cost's growth
    assert np.isfinite(run.network.theta).all()


# ============================================================================ views
def test_decision_grid_and_optimizer_views():
    engine = engine_for(small_experiment(epochs=5))
    engine.run()
    run = engine.runs[0]
    xs, ys, values = run.decision_grid(40)
    assert xs.shape == (40,) and ys.shape == (40,) and values.shape == (40, 40)
    assert ((values >= 0) & (values <= 1)).all()
    grid, = engine.decision_grids(40)
    np.testing.assert_array_equal(grid[2], values)
    steps = run.effective_step()
    assert set(steps) == set(run.network.params)
    assert all((s > 0).all() for s in steps.values())
    state = run.optimizer_state()
    assert set(state) == {"velocity v", "squared-gradient average s"}


def test_views_before_training():
    engine = engine_for(small_experiment(epochs=5))
    run = engine.runs[0]
    assert run.status == "idle" and engine.status == "idle"
    assert run.effective_step() is None and run.optimizer_state() == {}
    assert run.decision_grid(10)[2].shape == (10, 10)


# ============================================================================ plugins
def test_failing_plugin_fails_the_run_not_the_host(tmp_path):
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
    manager = PluginManager(load_entry_points=False, plugin_dirs=[tmp_path])
    exp = small_experiment(epochs=20)
    exp.optimizer.name = "bad"
    engine = engine_for(exp, manager)
    result, = engine.run()
    assert result.status == "failed"
    assert "boom" in result.message and "bad" in result.message
    assert len(engine.runs[0].history) == 2  # 3 steps per epoch: the 7th step is in the third epoch
    assert any("boom" in e.message for e in manager.errors)
    assert engine.status == "failed"


def test_a_plugin_whose_init_raises_fails_the_run(tmp_path):
    (tmp_path / "bad_init.py").write_text(
        "from optstudio import hookimpl\n"
        "from optstudio.plugins.types import Optimizer, OptimizerInfo\n"
        "class BadInit(Optimizer):\n"
        "    def init(self, params):\n"
        "        raise RuntimeError('no state for you')\n"
        "    def update(self, params, grads, t, learning_rate):\n"
        "        pass\n"
        "@hookimpl\n"
        "def optstudio_optimizers():\n"
        "    return [OptimizerInfo(name='badinit', label='Bad init', description='fails', formula='-',\n"
        "                          factory=BadInit)]\n")
    manager = PluginManager(load_entry_points=False, plugin_dirs=[tmp_path])
    exp = small_experiment(epochs=20)
    exp.optimizer.name = "badinit"
    engine = engine_for(exp, manager)
    theta = engine.runs[0].network.theta.copy()
    result, = engine.run()
    assert result.status == "failed" and "no state for you" in result.message
    assert result.epochs == 0 and result.steps == 0 and len(engine.runs[0].history) == 0
    np.testing.assert_array_equal(engine.runs[0].network.theta, theta)
    assert any("no state for you" in e.message for e in manager.errors)
