"""Stacked runs: k runs in one engine (one stacked pass) give the numbers of k separate engines,
bit for bit; one run can end (stop, diverge, fail) while the others go on."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from optstudio.core.build import build_engine, build_plan
from optstudio.core.datasets import DataSpec
from optstudio.core.engine import EpochEvent, Run
from optstudio.core.experiment import Experiment, notebook_preset
from optstudio.core.network import Network
from optstudio.core.stack import NetworkStack, SingleStack
from optstudio.plugins.manager import PluginManager

RECORD_FIELDS = ("cost", "test_cost", "train_accuracy", "test_accuracy", "learning_rate", "grad_norm",
                 "last_batch_cost")


@pytest.fixture(scope="module")
def manager():
    return PluginManager(load_entry_points=False, plugin_dirs=[])


def notebook_experiments(epochs: int, runs=None):
    base = notebook_preset()
    base.training.epochs = epochs
    runs = base.runs if runs is None else runs
    return [base.variant(run) for run in runs], [run.get("label", f"run {i}") for i, run in enumerate(runs)]


def separate(experiments, manager, until=None):
    """One engine of one run per experiment, trained one after the other."""
    engines = [build_engine(exp, manager) for exp in experiments]
    for engine in engines:
        engine.run(until=until)
    return [engine.runs[0] for engine in engines]


def assert_same_history(run, other, rtol=None):
    """Bit for bit (``rtol=None``): every recorded number, the weights, status, message, epoch and
    step count."""
    a, b = run.history, other.history
    assert len(a) == len(b)
    assert [r.epoch for r in a.records] == [r.epoch for r in b.records]
    for name in RECORD_FIELDS:
        if rtol is None:
            np.testing.assert_array_equal(a.column(name), b.column(name), err_msg=f"{name} differs")
        else:
            np.testing.assert_allclose(a.column(name), b.column(name), rtol=rtol, atol=0, equal_nan=True,
                                       err_msg=f"{name} differs")
    if rtol is None:
        np.testing.assert_array_equal(run.network.theta, other.network.theta)
    else:
        np.testing.assert_allclose(run.network.theta, other.network.theta, rtol=rtol, atol=1e-300)
    assert (run.status, run.message, run.epoch, run.t) == (other.status, other.message, other.epoch, other.t)


# ============================================================================ exactness
def test_notebook_plan_matches_separate_engines(manager):
    exps, labels = notebook_experiments(300)
    plan = build_plan(exps, manager, labels)
    assert len(plan.engines) == 1 and isinstance(plan.engines[0].stack, NetworkStack)
    assert all(isinstance(r, Run) and r.engine is plan.engines[0] for r in plan.runs)
    assert [r.label for r in plan.runs] == labels and [r.index for r in plan.runs] == [0, 1, 2]
    plan.run()
    for run, single in zip(plan.runs, separate(exps, manager)):
        assert isinstance(single.engine.stack, SingleStack)
        assert_same_history(run, single)
        assert run.result().train_accuracy == single.result().train_accuracy
    assert plan.status == "finished"


def test_full_notebook_comparison_reproduces_the_table(manager):
    exps, labels = notebook_experiments(10000)
    plan = build_plan(exps, manager, labels)
    results = plan.run()
    table = {label: round(r.train_accuracy, 6) for label, r in zip(labels, results)}
    assert table == {"Gradient descent": 0.796667, "Momentum": 0.796667, "Adam": 0.94}
    assert [run.epoch for run in plan.runs] == [10000] * 3
    assert [run.status for run in plan.runs] == ["finished"] * 3


ACTIVATION_CASES = [["relu", "relu"], ["leaky_relu", "tanh"], ["sigmoid", "linear"], ["tanh", "relu"]]
LOSS_CASES = [("bce", "sigmoid", 2), ("softmax", "sigmoid", 3), ("mse", "sigmoid", 2), ("mse", "linear", 3)]


@pytest.mark.parametrize("activations", ACTIVATION_CASES)
@pytest.mark.parametrize("loss, output, classes", LOSS_CASES)
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_stacked_networks_match_single_networks(activations, loss, output, classes, l2):
    rng = np.random.default_rng(7)
    n_y = 1 if loss == "bce" or (loss == "mse" and classes == 2) else classes
    dims = [3, 6, 4, n_y]
    nets = [Network(dims, activations, loss=loss, output_activation=output, l2=l2, leaky_alpha=0.05)
            .initialize("xavier", rng) for _ in range(3)]
    for net in nets:
        net.theta += 0.1 * rng.standard_normal(net.n_params)   # non-zero biases too
    stack = NetworkStack.from_networks(nets)
    X = rng.standard_normal((3, 300))
    y = rng.integers(0, classes, 300)
    Y = nets[0].encode_labels(y)
    Xa = np.vstack([X, np.ones((1, 300))])
    for m in (64, 44, 1, 300):
        losses = stack.loss_and_grad_augmented(Xa[:, :m], Y[:, :m])
        for i, net in enumerate(nets):
            loss_i = net.loss_and_grad_augmented(Xa[:, :m], Y[:, :m])
            assert losses[i] == pytest.approx(loss_i, rel=1e-12, abs=0)
            np.testing.assert_allclose(stack.grad[i], net.grad, rtol=1e-12, atol=1e-300)
    costs, accs = stack.evaluate(X, y)
    A = stack.forward(X)
    for i, net in enumerate(nets):
        cost, acc = net.evaluate(X, y)
        assert costs[i] == pytest.approx(cost, rel=1e-12, abs=0)
        assert accs[i] == acc
        np.testing.assert_allclose(A[i], net.forward(X), rtol=1e-12, atol=1e-300)
    assert stack.cost(X, Y) == pytest.approx(costs, rel=1e-12)


def test_stack_blocks_are_views_of_theta():
    stack = NetworkStack([2, 5, 2, 1], "relu", k=3)
    stack.Wt[2][1, 0, 0] = 7.0
    stack.b[1][2, 3, 0] = -2.0
    assert stack.theta[1, 15] == 7.0 and stack.theta[2, 3 * 3 + 2] == -2.0
    net = stack.network(1)
    assert net.params["W2"][0, 0] == 7.0 and np.shares_memory(net.theta, stack.theta)
    with pytest.raises(ValueError):
        NetworkStack.from_networks([Network([2, 3, 1]), Network([2, 4, 1])])


def test_schedules_l2_softmax_and_test_set_match_separate_engines(manager):
    base = Experiment()
    base.data = DataSpec(name="blobs", samples=240, centers=3, noise=1.2, data_seed=5, test_fraction=0.25)
    base.network.hidden = [6, 4]
    base.network.activations = ["tanh", "relu"]
    base.network.loss = "softmax"
    base.network.l2 = 0.05
    base.training.epochs = 40
    base.training.mini_batch_size = 50
    base.training.seed = 11
    runs = [
        {"optimizer": {"name": "gd", "learning_rate": 0.2}, "schedule": {"name": "inverse-time",
                                                                        "params": {"decay_rate": 0.1}}},
        {"optimizer": {"name": "rmsprop", "learning_rate": 0.01},
         "schedule": {"name": "inverse-sqrt-step"}},                       # per step
        {"optimizer": {"name": "nesterov", "learning_rate": 0.05},
         "schedule": {"name": "plateau", "params": {"patience": 2, "factor": 0.5}}},   # uses the costs
        {"optimizer": {"name": "adamw", "learning_rate": 0.01}},
    ]
    exps = [base.variant(r) for r in runs]
    plan = build_plan(exps, manager)
    assert len(plan.engines) == 1 and plan.engines[0].k == 4
    plan.run()
    # 180 training examples in mini-batches of 50: the last one has 30 (see the tests below)
    for run, single in zip(plan.runs, separate(exps, manager)):
        assert_same_history(run, single)
        assert np.isfinite(run.history.column("test_cost")).all()
        state, single_state = run.optimizer_state(), single.optimizer_state()
        assert state.keys() == single_state.keys()
        for label, arrays in state.items():
            assert arrays.keys() == single_state[label].keys()
            for name, arr in arrays.items():
                np.testing.assert_array_equal(arr, single_state[label][name])
        step_a, step_b = run.effective_step(), single.effective_step()
        assert (step_a is None) == (step_b is None)
        if step_a is not None:
            for name in step_a:
                np.testing.assert_array_equal(step_a[name], step_b[name])


def test_stacked_runs_are_bit_identical_with_a_short_last_mini_batch(manager):
    base = Experiment()
    base.data = DataSpec(name="moons", samples=240, noise=0.2, data_seed=5, test_fraction=0.25)  # m = 180
    base.training.epochs = 40
    base.training.mini_batch_size = 50
    base.training.seed = 11
    exps = [base.variant({"optimizer": {"name": n, "learning_rate": 0.01}}) for n in ("gd", "adam")]
    plan = build_plan(exps, manager)
    assert len(plan.engines) == 1 and plan.engines[0].k == 2
    plan.run()
    for run, single in zip(plan.runs, separate(exps, manager)):
        assert_same_history(run, single)


def test_stack_gradient_of_a_short_column_slice_is_bit_identical():
    rng = np.random.default_rng(7)
    nets = [Network([2, 5, 2, 1], "relu").initialize("he", rng) for _ in range(2)]
    stack = NetworkStack.from_networks(nets)
    X = rng.standard_normal((2, 180))
    Y = nets[0].encode_labels(rng.integers(0, 2, 180))
    Xa = np.vstack([X, np.ones((1, 180))])
    Xk, Yk = Xa[:, 150:], Y[:, 150:]          # the last mini-batch of 50: 30 columns, a view
    stack.loss_and_grad_augmented(Xk, Yk)
    for i, net in enumerate(nets):
        net.loss_and_grad_augmented(Xk, Yk)
        np.testing.assert_array_equal(stack.grad[i], net.grad)


def test_default_preset_full_batch_and_decision_grids(manager):
    base = Experiment()
    base.data = DataSpec(name="moons", samples=120, noise=0.2, data_seed=2, test_fraction=0.0)
    base.training.epochs = 25
    base.training.mini_batch_size = 500          # batch gradient descent: no shuffling
    exps = [base.variant({"optimizer": {"name": n, "learning_rate": 0.05}}) for n in ("gd", "momentum", "adam")]
    plan = build_plan(exps, manager)
    plan.run()
    singles = separate(exps, manager)
    engine = plan.engines[0]
    grids = engine.decision_grids(40)
    for i, (run, single) in enumerate(zip(plan.runs, singles)):
        assert_same_history(run, single)
        xs, ys, values = run.decision_grid(40)
        xs2, ys2, values2 = single.decision_grid(40)
        np.testing.assert_array_equal(xs, xs2)
        np.testing.assert_array_equal(ys, ys2)
        np.testing.assert_allclose(values, values2, rtol=1e-12)
        np.testing.assert_allclose(grids[i][2], values2, rtol=1e-12)
        assert grids[i][2].shape == (40, 40)


# ============================================================================ one run ends alone
def test_a_diverging_run_stops_alone(manager):
    base = notebook_preset()
    base.training.epochs = 60
    base.network.loss = "mse"
    base.network.output_activation = "linear"
    runs = [{"label": "GD α=2.2", "optimizer": {"name": "gd", "learning_rate": 2.2}},
            {"label": "GD", "optimizer": {"name": "gd", "learning_rate": 0.01}},
            {"label": "GD α=100", "optimizer": {"name": "gd", "learning_rate": 100.0}},
            {"label": "Adam", "optimizer": {"name": "adam", "learning_rate": 0.001}}]
    exps = [base.variant(r) for r in runs]
    plan = build_plan(exps, manager, [r["label"] for r in runs])
    events = list(plan.steps())
    singles = separate(exps, manager)
    bad, worse = plan.runs[0], plan.runs[2]
    for run, single in ((bad, singles[0]), (worse, singles[2])):
        assert run.status == "diverged" and single.status == "diverged"
        assert run.message == single.message and f"diverged at epoch {run.epoch}" in run.message
        assert "lower learning rate" in run.message
        assert len(run.history) == run.epoch
        # the frozen run keeps its own (diverged) weights, out of the stack
        assert not np.shares_memory(run.network.theta, run.engine.stack.theta)
    assert 0 < bad.epoch < 60 and worse.epoch == 0       # α = 100 blows up in the first epoch
    # the event of the epoch a run diverged in says so
    ended = [e for e in events if isinstance(e, EpochEvent) and e.ended]
    assert [(e.epoch, e.ended) for e in ended] == [(0, [worse]), (bad.epoch, [bad])]
    assert len(ended[0].runs) == 3 and len(ended[1].runs) == 2 and bad not in ended[1].runs
    for run, single in zip(plan.runs, singles):
        assert_same_history(run, single)
    assert [r.status for r in plan.runs] == ["diverged", "finished", "diverged", "finished"]
    # the grids of all runs, frozen ones from their own weights
    grids = plan.engines[0].decision_grids(30)
    for run, single, grid in zip(plan.runs, singles, grids):
        np.testing.assert_array_equal(grid[2], run.decision_grid(30)[2])
        if run.status == "finished":
            np.testing.assert_allclose(grid[2], single.decision_grid(30)[2], rtol=1e-12)
    assert plan.engines[0].status == "finished" and plan.status == "finished"


BROKEN_PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec


class Flaky(Optimizer):
    def __init__(self, fail_at):
        self.fail_at = fail_at

    def update(self, params, grads, t, learning_rate):
        if t == self.fail_at:
            raise RuntimeError("flaky optimizer gave up")
        for name, p in params.items():
            p -= learning_rate * grads[name]


class NoInit(Optimizer):
    def init(self, params):
        raise RuntimeError("cannot make my state")

    def update(self, params, grads, t, learning_rate):
        for name, p in params.items():
            p -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="flaky", label="Flaky", description="fails on purpose",
                          formula="W = W − α·dW", factory=Flaky,
                          params=(ParamSpec("fail_at", 7, min=1, max=10**9, kind="int"),)),
            OptimizerInfo(name="noinit", label="No init", description="init fails on purpose",
                          formula="W = W − α·dW", factory=NoInit)]
'''


def test_a_plugin_that_raises_fails_only_its_run(write_plugin):
    path = write_plugin(BROKEN_PLUGIN, name="flaky_opt.py")
    manager = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert "flaky" in manager.optimizers, manager.errors
    runs = [{"label": "GD", "optimizer": {"name": "gd"}},
            {"label": "Flaky", "optimizer": {"name": "flaky", "learning_rate": 0.0007, "params": {"fail_at": 7}}},
            {"label": "Adam", "optimizer": {"name": "adam"}}]
    exps, labels = notebook_experiments(30, runs)
    plan = build_plan(exps, manager, labels)
    assert len(plan.engines) == 1
    plan.run()
    singles = separate(exps, manager)
    flaky = plan.runs[1]
    assert flaky.status == "failed" and "flaky optimizer gave up" in flaky.message
    assert flaky.epoch == 1 and len(flaky.history) == 1          # step 7 is in epoch 1
    for run, single in zip(plan.runs, singles):
        assert_same_history(run, single)
    assert [r.status for r in plan.runs] == ["finished", "failed", "finished"]
    assert any("flaky" in str(e) for e in manager.errors)


def test_a_plugin_whose_init_raises_fails_only_its_run(write_plugin):
    path = write_plugin(BROKEN_PLUGIN, name="flaky_opt.py")
    manager = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert "noinit" in manager.optimizers, manager.errors
    runs = [{"label": "GD", "optimizer": {"name": "gd"}},
            {"label": "No init", "optimizer": {"name": "noinit", "learning_rate": 0.0007}},
            {"label": "Adam", "optimizer": {"name": "adam"}}]
    exps, labels = notebook_experiments(30, runs)
    plan = build_plan(exps, manager, labels)
    assert len(plan.engines) == 1
    initial = plan.runs[1].network.theta.copy()
    plan.run()
    singles = separate(exps, manager)
    bad = plan.runs[1]
    assert bad.status == "failed" and "cannot make my state" in bad.message
    assert bad.epoch == 0 and bad.t == 0 and len(bad.history) == 0
    np.testing.assert_array_equal(bad.network.theta, initial)     # never updated
    for run, single in zip(plan.runs, singles):
        assert_same_history(run, single)
    assert [r.status for r in plan.runs] == ["finished", "failed", "finished"]
    assert any("cannot make my state" in str(e) for e in manager.errors)


# ============================================================================ grouping
def test_runs_that_cannot_be_stacked_fall_back_and_keep_their_order(manager):
    base = notebook_preset()
    base.training.epochs = 4
    patches = [{"training": {"mini_batch_size": 300}, "optimizer": {"name": "gd"}},
               {"training": {"mini_batch_size": 64}, "optimizer": {"name": "momentum"}},
               {"training": {"mini_batch_size": 1}, "optimizer": {"name": "gd"}},
               {"training": {"mini_batch_size": 64}, "optimizer": {"name": "adam"}},
               {"network": {"init": "xavier"}, "optimizer": {"name": "adam"}}]
    exps = [base.variant(p) for p in patches]
    plan = build_plan(exps, manager, [f"r{i}" for i in range(5)])
    assert [r.label for r in plan.runs] == [f"r{i}" for i in range(5)]
    assert [r.engine.k for r in plan.runs] == [1, 2, 1, 2, 1]
    assert len(plan.engines) == 4
    assert plan.runs[1].engine is plan.runs[3].engine
    assert [r.index for r in plan.runs] == [0, 0, 0, 1, 0]
    plan.run()
    for run, single in zip(plan.runs, separate(exps, manager)):
        assert_same_history(run, single)
    assert [r.status for r in plan.runs] == ["finished"] * 5


def test_stacked_false_gives_every_run_its_own_engine(manager):
    exps, labels = notebook_experiments(3)
    plan = build_plan(exps, manager, labels, stacked=False)
    assert len(plan.engines) == 3 and all(e.k == 1 for e in plan.engines)
    assert [r.engine for r in plan.runs] == plan.engines
    plan.run()
    stacked = build_plan(exps, manager, labels)
    stacked.run()
    for run, other in zip(plan.runs, stacked.runs):
        assert_same_history(run, other)


def test_batch_norm_networks_train_through_a_plan_each_in_its_own_engine(manager):
    exps, labels = notebook_experiments(3)
    for exp in exps:
        exp.network.batch_norm = True
    plan = build_plan(exps, manager, labels)
    assert len(plan.engines) == 3 and all(e.k == 1 for e in plan.engines)
    assert [r.engine for r in plan.runs] == plan.engines
    assert all(r.network.bn_layers == (1, 2) for r in plan.runs)
    results = plan.run()
    assert [r.status for r in results] == ["finished"] * 3 and plan.status == "finished"
    assert all(r.epochs == 3 and r.steps == 15 for r in results)
    for run, single in zip(plan.runs, separate(exps, manager)):
        assert np.isfinite(run.history.column("cost")).all()
        assert_same_history(run, single)
    # a batch-normalised and a plain network of the same experiment are not stacked together
    plain, _ = notebook_experiments(3)
    mixed = build_plan([exps[0], plain[0]], manager)
    assert len(mixed.engines) == 2
    assert [r.status for r in mixed.run()] == ["finished"] * 2


def test_closing_a_plan_of_several_engines_and_continuing(manager):
    exps, labels = notebook_experiments(4)
    for exp in exps:
        exp.network.batch_norm = True           # one engine per run, trained one after the other
    plan = build_plan(exps, manager, labels)
    gen = plan.steps()
    next(gen)
    gen.close()
    assert [r.status for r in plan.runs] == ["stopped"] * 3 and plan.status == "stopped"
    assert [r.epoch for r in plan.runs] == [1, 0, 0]
    assert "before it started" in plan.runs[1].message
    results = plan.run()
    assert [r.status for r in results] == ["finished"] * 3 and [r.epochs for r in results] == [4] * 3
    straight = build_plan(exps, manager, labels)
    straight.run()
    for run, other in zip(plan.runs, straight.runs):
        assert_same_history(run, other)


def test_runs_work_with_the_cli_table(manager):
    from optstudio.cli import run_object
    exps, labels = notebook_experiments(20)
    plan = build_plan(exps, manager, labels)
    plan.run()
    objs = [run_object(run, exp, label) for run, exp, label in zip(plan.runs, exps, labels)]
    assert [o["label"] for o in objs] == labels
    assert all(o["status"] == "finished" and o["epochs"] == 20 and o["steps"] == 100 for o in objs)
    assert objs[2]["train_accuracy"] == plan.runs[2].history.records[-1].train_accuracy


# ============================================================================ controls
def test_step_mode_and_live_changes_match_separate_engines(manager):
    exps, labels = notebook_experiments(12)
    plan = build_plan(exps, manager, labels)
    engines = [build_engine(exp, manager) for exp in exps]
    plan.run(until=5)
    for e in engines:
        e.run(until=5)
    assert [r.status for r in plan.runs] == ["paused"] * 3 and plan.status == "paused"
    engine = plan.engines[0]
    new_opt = manager.create_optimizer("momentum", {"beta": 0.5})
    engine.set_learning_rate(0.01, run=0)
    engine.set_optimizer(new_opt, run=plan.runs[2])
    engines[0].set_learning_rate(0.01)
    engines[2].set_optimizer(manager.create_optimizer("momentum", {"beta": 0.5}))
    plan.run()
    for e in engines:
        e.run()
    for run, e in zip(plan.runs, engines):
        assert_same_history(run, e.runs[0])
    assert plan.runs[2].optimizer is new_opt
    assert plan.runs[0].history[-1].learning_rate == 0.01 and plan.runs[1].history[-1].learning_rate == 0.0007


def test_pause_commands_continue_and_stop(manager):
    exps, labels = notebook_experiments(1_000_000)
    plan = build_plan(exps, manager, labels)
    engine = plan.engines[0]
    gen = plan.steps()
    for _ in range(3):
        event = next(gen)
    assert event.epoch == 2 and engine.epoch == 3 and plan.status == "running"
    # paused: not asking for events; commands wait for the next step
    theta = engine.stack.theta.copy()
    engine.set_learning_rate(0.001, run=1)
    assert engine.epoch == 3
    np.testing.assert_array_equal(engine.stack.theta, theta)
    for _ in range(3):
        event = next(gen)
    assert engine.epoch == 6 and [len(r.history) for r in plan.runs] == [6] * 3
    assert plan.runs[1].history[-1].learning_rate == 0.001
    gen.close()
    assert [r.status for r in plan.runs] == ["stopped"] * 3
    assert plan.status == "stopped" and engine.status == "stopped"
    assert all(len(r.history) == r.epoch == 6 for r in plan.runs)
    # a later steps() continues where it stopped
    plan.run(until=8)
    assert [r.epoch for r in plan.runs] == [8] * 3 and [r.status for r in plan.runs] == ["paused"] * 3
    # the same numbers as separate engines that were never stopped
    engines = [build_engine(exp, manager) for exp in exps]
    for e in engines:
        e.run(until=3)
    engines[1].set_learning_rate(0.001)
    for e in engines:
        e.run(until=8)
    for run, e in zip(plan.runs, engines):
        assert_same_history(run, e.runs[0])


def test_one_run_can_be_stopped_while_the_others_continue(manager):
    exps, labels = notebook_experiments(40)
    plan = build_plan(exps, manager, labels)
    engine = plan.engines[0]
    momentum = plan.runs[1]
    for event in plan.steps():
        if engine.epoch == 10:
            engine.stop_run(momentum)
    assert momentum.status == "stopped" and momentum.epoch == 10 and len(momentum.history) == 10
    assert [plan.runs[i].status for i in (0, 2)] == ["finished", "finished"]
    singles = separate([exps[0], exps[2]], manager)
    assert_same_history(plan.runs[0], singles[0])
    assert_same_history(plan.runs[2], singles[1])
    reference = separate([exps[1]], manager, until=10)[0]
    np.testing.assert_array_equal(momentum.history.column("cost"), reference.history.column("cost"))
    np.testing.assert_array_equal(momentum.network.theta, reference.network.theta)
    assert momentum.t == reference.t == 50
    # stopped for good: continuing the engine does not train it
    engine.set_epochs(42)
    plan.run()
    assert momentum.epoch == 10 and momentum.status == "stopped"
    assert [plan.runs[i].epoch for i in (0, 2)] == [42, 42]


def test_stop_run_by_index_before_training_starts(manager):
    exps, labels = notebook_experiments(10)
    plan = build_plan(exps, manager, labels)
    engine = plan.engines[0]
    initial = plan.runs[0].network.theta.copy()
    engine.stop_run(0)
    plan.run()
    gd = plan.runs[0]
    assert gd.status == "stopped" and gd.epoch == 0 and gd.t == 0 and len(gd.history) == 0
    np.testing.assert_array_equal(gd.network.theta, initial)
    assert [r.status for r in plan.runs[1:]] == ["finished", "finished"]
    for run, single in zip(plan.runs[1:], separate(exps[1:], manager)):
        assert_same_history(run, single)


def test_commands_from_another_thread_reach_every_run(manager):
    exps, labels = notebook_experiments(1_000_000)
    plan = build_plan(exps, manager, labels)
    engine = plan.engines[0]
    started = threading.Event()

    def send():
        started.wait(10)
        for i in range(200):
            engine.set_learning_rate(0.0007 + i * 1e-6, run=i % 3)
        for i in range(3):
            engine.stop_run(i)

    sender = threading.Thread(target=send)
    sender.start()
    try:
        for event in plan.steps(mini_batches=True):
            started.set()
            assert engine.epoch < 10**5, "a stop sent from the other thread was lost"
    finally:
        sender.join(20)
    assert not sender.is_alive()
    assert [r.status for r in plan.runs] == ["stopped"] * 3
    assert [r.learning_rate for r in plan.runs] == [0.0007 + i * 1e-6 for i in (198, 199, 197)]
    assert not engine.apply_commands()


def test_bind_storage_keeps_the_network_usable():
    net = Network([2, 4, 1]).initialize("he", np.random.default_rng(0))
    X = np.random.default_rng(1).standard_normal((2, 10))
    before = net.forward(X).copy()
    theta, grad = net.theta.copy(), np.zeros(net.n_params)
    net.theta[:] = 0.0
    net.bind_storage(theta, grad)
    np.testing.assert_array_equal(net.forward(X), before)
    assert net.params["W1"].base is not None and np.shares_memory(net.params["W1"], theta)
