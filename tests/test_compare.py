"""Compare mode: k runs batched in one stacked pass give the numbers of k separate trainers."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from optstudio.core.batched import BatchedNetworks, BatchedRun, BatchedTrainer, bind_network
from optstudio.core.compare import build_comparison, compare_runs
from optstudio.core.datasets import DataSpec
from optstudio.core.experiment import Experiment, build_trainer, notebook_preset
from optstudio.core.network import Network
from optstudio.core.trainer import Trainer
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


def separate(experiments, manager):
    """What compare mode did before: one trainer after the other."""
    trainers = [build_trainer(exp, manager) for exp in experiments]
    for trainer in trainers:
        trainer.run()
    return trainers


def assert_same_history(run, trainer, rtol=1e-10):
    a, b = run.history, trainer.history
    assert len(a) == len(b)
    assert [r.epoch for r in a.records] == [r.epoch for r in b.records]
    for name in RECORD_FIELDS:
        np.testing.assert_allclose(a.column(name), b.column(name), rtol=rtol, atol=0, equal_nan=True,
                                   err_msg=f"{name} differs")
    np.testing.assert_allclose(run.network.theta, trainer.network.theta, rtol=rtol, atol=1e-300)
    assert (run.status, run.message, run.epoch, run.t) == (trainer.status, trainer.message, trainer.epoch,
                                                           trainer.t)


# ============================================================================ exactness
def test_notebook_comparison_matches_separate_trainers(manager):
    exps, labels = notebook_experiments(300)
    comparison = build_comparison(exps, manager, labels=labels)
    assert len(comparison.groups) == 1 and isinstance(comparison.groups[0], BatchedTrainer)
    assert all(isinstance(r, BatchedRun) for r in comparison.runs)
    comparison.run()
    for run, trainer in zip(comparison.runs, separate(exps, manager)):
        assert run.label in labels
        assert_same_history(run, trainer)
        assert run.result().train_accuracy == trainer.result().train_accuracy
    assert comparison.status == "finished"


def test_full_notebook_comparison_reproduces_the_table(manager):
    exps, labels = notebook_experiments(10000)
    runs = compare_runs(exps, manager, labels=labels)
    table = {label: round(run.result().train_accuracy, 6) for label, run in zip(labels, runs)}
    assert table == {"Gradient descent": 0.796667, "Momentum": 0.796667, "Adam": 0.94}
    assert [run.epoch for run in runs] == [10000] * 3
    assert [run.status for run in runs] == ["finished"] * 3


ACTIVATION_CASES = [["relu", "relu"], ["leaky_relu", "tanh"], ["sigmoid", "linear"], ["tanh", "relu"]]
LOSS_CASES = [("bce", "sigmoid", 2), ("softmax", "sigmoid", 3), ("mse", "sigmoid", 2), ("mse", "linear", 3)]


@pytest.mark.parametrize("activations", ACTIVATION_CASES)
@pytest.mark.parametrize("loss, output, classes", LOSS_CASES)
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_batched_networks_match_single_networks(activations, loss, output, classes, l2):
    rng = np.random.default_rng(7)
    n_y = 1 if loss == "bce" or (loss == "mse" and classes == 2) else classes
    dims = [3, 6, 4, n_y]
    nets = [Network(dims, activations, loss=loss, output_activation=output, l2=l2, leaky_alpha=0.05)
            .initialize("xavier", rng) for _ in range(3)]
    for net in nets:
        net.theta += 0.1 * rng.standard_normal(net.n_params)   # non-zero biases too
    stack = BatchedNetworks.from_networks(nets)
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
    stack = BatchedNetworks([2, 5, 2, 1], "relu", k=3)
    stack.Wt[2][1, 0, 0] = 7.0
    stack.b[1][2, 3, 0] = -2.0
    assert stack.theta[1, 15] == 7.0 and stack.theta[2, 3 * 3 + 2] == -2.0
    net = stack.network(1)
    assert net.params["W2"][0, 0] == 7.0 and np.shares_memory(net.theta, stack.theta)
    with pytest.raises(ValueError):
        BatchedNetworks.from_networks([Network([2, 3, 1]), Network([2, 4, 1])])


def test_schedules_l2_softmax_and_test_set_match_separate_trainers(manager):
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
    comparison = build_comparison(exps, manager)
    assert len(comparison.groups) == 1
    comparison.run()
    for run, trainer in zip(comparison.runs, separate(exps, manager)):
        assert_same_history(run, trainer)
        assert np.isfinite(run.history.column("test_cost")).all()
        assert run.optimizer_state().keys() == trainer.optimizer_state().keys()
        for label, arrays in run.optimizer_state().items():
            for name, arr in arrays.items():
                np.testing.assert_allclose(arr, trainer.optimizer_state()[label][name], rtol=1e-10)
        step_a, step_b = run.effective_step(), trainer.effective_step()
        assert (step_a is None) == (step_b is None)


def test_default_preset_full_batch_and_decision_grids(manager):
    base = Experiment()
    base.data = DataSpec(name="moons", samples=120, noise=0.2, data_seed=2, test_fraction=0.0)
    base.training.epochs = 25
    base.training.mini_batch_size = 500          # batch gradient descent: no shuffling
    exps = [base.variant({"optimizer": {"name": n, "learning_rate": 0.05}}) for n in ("gd", "momentum", "adam")]
    comparison = build_comparison(exps, manager)
    comparison.run()
    trainers = separate(exps, manager)
    batch = comparison.groups[0]
    grids = batch.decision_grids(40)
    for i, (run, trainer) in enumerate(zip(comparison.runs, trainers)):
        assert_same_history(run, trainer)
        xs, ys, values = comparison.decision_grid(i, 40)
        xs2, ys2, values2 = trainer.decision_grid(40)
        np.testing.assert_array_equal(xs, xs2)
        np.testing.assert_allclose(values, values2, rtol=1e-12)
        np.testing.assert_allclose(grids[i][2], values2, rtol=1e-12)
        assert batch.decision_grid(i, 40)[2].shape == (40, 40)


# ============================================================================ one run ends alone
def test_a_diverging_run_stops_alone(manager):
    base = notebook_preset()
    base.training.epochs = 60
    base.network.loss = "mse"
    base.network.output_activation = "linear"
    runs = [{"label": "GD α=100", "optimizer": {"name": "gd", "learning_rate": 100.0}},
            {"label": "GD", "optimizer": {"name": "gd", "learning_rate": 0.01}},
            {"label": "Adam", "optimizer": {"name": "adam", "learning_rate": 0.001}}]
    exps = [base.variant(r) for r in runs]
    runs_out = compare_runs(exps, manager, labels=[r["label"] for r in runs])
    trainers = separate(exps, manager)
    bad = runs_out[0]
    assert bad.status == "diverged" and trainers[0].status == "diverged"
    assert bad.message == trainers[0].message and "diverged at epoch" in bad.message
    assert 0 < bad.epoch < 60 and len(bad.history) == bad.epoch
    # the frozen run keeps its own (diverged) weights, out of the batch
    assert not np.shares_memory(bad.network.theta, bad.batch.nets.theta)
    for run, trainer in zip(runs_out, trainers):
        assert_same_history(run, trainer)
    assert [r.status for r in runs_out[1:]] == ["finished", "finished"]
    batch = runs_out[1].batch
    assert batch.status == "finished" and "GD α=100" in batch.message


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


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="flaky", label="Flaky", description="fails on purpose",
                          formula="W = W − α·dW", factory=Flaky,
                          params=(ParamSpec("fail_at", 7, min=1, max=10**9, kind="int"),))]
'''


def test_a_plugin_that_raises_fails_only_its_run(write_plugin):
    path = write_plugin(BROKEN_PLUGIN, name="flaky_opt.py")
    manager = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert "flaky" in manager.optimizers, manager.errors
    runs = [{"label": "GD", "optimizer": {"name": "gd"}},
            {"label": "Flaky", "optimizer": {"name": "flaky", "learning_rate": 0.0007, "params": {"fail_at": 7}}},
            {"label": "Adam", "optimizer": {"name": "adam"}}]
    exps, labels = notebook_experiments(30, runs)
    runs_out = compare_runs(exps, manager, labels=labels)
    trainers = separate(exps, manager)
    flaky = runs_out[1]
    assert flaky.status == "failed" and "flaky optimizer gave up" in flaky.message
    assert flaky.epoch == 1 and len(flaky.history) == 1          # step 7 is in epoch 1
    for run, trainer in zip(runs_out, trainers):
        assert_same_history(run, trainer)
    assert [r.status for r in runs_out] == ["finished", "failed", "finished"]
    assert any("flaky" in str(e) for e in manager.errors)


# ============================================================================ grouping
def test_runs_that_cannot_be_batched_fall_back_and_keep_their_order(manager):
    base = notebook_preset()
    base.training.epochs = 4
    patches = [{"training": {"mini_batch_size": 300}, "optimizer": {"name": "gd"}},
               {"training": {"mini_batch_size": 64}, "optimizer": {"name": "momentum"}},
               {"training": {"mini_batch_size": 1}, "optimizer": {"name": "gd"}},
               {"training": {"mini_batch_size": 64}, "optimizer": {"name": "adam"}},
               {"network": {"init": "xavier"}, "optimizer": {"name": "adam"}}]
    exps = [base.variant(p) for p in patches]
    comparison = build_comparison(exps, manager, labels=[f"r{i}" for i in range(5)])
    kinds = [type(r) for r in comparison.runs]
    assert kinds == [Trainer, BatchedRun, Trainer, BatchedRun, Trainer]
    assert len(comparison.groups) == 4
    assert comparison.runs[1].batch is comparison.runs[3].batch
    comparison.run()
    runs = comparison.runs
    for run, trainer in zip(runs, separate(exps, manager)):
        assert_same_history(run, trainer)
    assert [r.status for r in runs] == ["finished"] * 5


def test_batched_false_and_batch_norm_train_one_after_the_other(manager):
    exps, labels = notebook_experiments(3)
    comparison = build_comparison(exps, manager, labels=labels, batched=False)
    assert all(isinstance(r, Trainer) for r in comparison.runs)
    for exp in exps:
        exp.network.batch_norm = True
    comparison = build_comparison(exps, manager, labels=labels)
    assert all(isinstance(r, Trainer) for r in comparison.runs)
    comparison.run()
    assert [r.status for r in comparison.runs] == ["finished"] * 3


def test_facades_work_with_the_cli_table(manager):
    from optstudio.cli import run_object
    exps, labels = notebook_experiments(20)
    runs = compare_runs(exps, manager, labels=labels)
    objs = [run_object(run, exp, label) for run, exp, label in zip(runs, exps, labels)]
    assert [o["label"] for o in objs] == labels
    assert all(o["status"] == "finished" and o["epochs"] == 20 and o["steps"] == 100 for o in objs)
    assert objs[2]["train_accuracy"] == runs[2].history.records[-1].train_accuracy


# ============================================================================ controls
def test_step_mode_and_live_changes_match_the_trainer(manager):
    exps, labels = notebook_experiments(12)
    comparison = build_comparison(exps, manager, labels=labels)
    trainers = [build_trainer(exp, manager) for exp in exps]
    comparison.run(max_epochs=5)
    for t in trainers:
        t.run(max_epochs=5)
    assert [r.status for r in comparison.runs] == ["paused"] * 3
    new_opt = manager.create_optimizer("momentum", {"beta": 0.5})
    comparison.runs[0].apply_changes(learning_rate=0.01)
    comparison.runs[2].apply_changes(optimizer=new_opt)
    trainers[0].apply_changes(learning_rate=0.01)
    trainers[2].apply_changes(optimizer=manager.create_optimizer("momentum", {"beta": 0.5}))
    comparison.run()
    for t in trainers:
        t.run()
    for run, trainer in zip(comparison.runs, trainers):
        assert_same_history(run, trainer)
    assert comparison.runs[2].optimizer is new_opt


def wait_for(predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.005)
    return False


def test_pause_resume_and_stop_from_another_thread(manager):
    exps, labels = notebook_experiments(1_000_000)
    calls = []
    comparison = build_comparison(exps, manager, labels=labels, callback=calls.append)
    batch = comparison.groups[0]
    thread = threading.Thread(target=comparison.run)
    thread.start()
    try:
        assert wait_for(lambda: batch.epoch >= 3)
        comparison.pause()
        assert wait_for(lambda: comparison.status == "paused")
        assert [r.status for r in comparison.runs] == ["paused"] * 3
        epoch = batch.epoch
        time.sleep(0.2)
        assert batch.epoch == epoch
        comparison.resume()
        assert wait_for(lambda: batch.epoch >= epoch + 3)
    finally:
        comparison.stop()
        thread.join(20)
    assert not thread.is_alive()
    assert [r.status for r in comparison.runs] == ["stopped"] * 3
    assert comparison.status == "stopped"
    assert len({r.epoch for r in comparison.runs}) == 1
    assert all(len(r.history) == r.epoch for r in comparison.runs)
    assert calls and all(c is comparison for c in calls)
    # bounded rate: far fewer reports than epochs (one every 1/30 s plus the forced ones)
    assert len(calls) < batch.epoch


def test_one_run_can_be_stopped_while_the_others_continue(manager):
    exps, labels = notebook_experiments(40)
    comparison = build_comparison(exps, manager, labels=labels)
    momentum = comparison.runs[1]

    def callback(comp):
        if momentum.batch.epoch >= 10 and not momentum.frozen:
            momentum.stop()

    comparison.callback = callback
    momentum.batch.report_interval = 0.0
    comparison.run()
    assert momentum.status == "stopped" and 10 <= momentum.epoch < 40
    assert [comparison.runs[i].status for i in (0, 2)] == ["finished", "finished"]
    trainers = separate([exps[0], exps[2]], manager)
    assert_same_history(comparison.runs[0], trainers[0])
    assert_same_history(comparison.runs[2], trainers[1])
    short = notebook_experiments(momentum.epoch)[0][1]
    reference = separate([short], manager)[0]
    np.testing.assert_array_equal(momentum.history.column("cost"), reference.history.column("cost"))
    np.testing.assert_array_equal(momentum.network.theta, reference.network.theta)


def test_bind_network_keeps_the_network_usable():
    net = Network([2, 4, 1]).initialize("he", np.random.default_rng(0))
    X = np.random.default_rng(1).standard_normal((2, 10))
    before = net.forward(X).copy()
    theta, grad = net.theta.copy(), np.zeros(net.n_params)
    net.theta[:] = 0.0
    bind_network(net, theta, grad)
    np.testing.assert_array_equal(net.forward(X), before)
    assert net.params["W1"].base is not None and np.shares_memory(net.params["W1"], theta)
