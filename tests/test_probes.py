"""Measurements between the engine's events (core/probes.py): sharpness per epoch, the Adam
preconditioned sharpness, per-layer gradient norms and update/weight ratios.

Expected values come from elsewhere: the Hessian from second differences of the cost, gradients
from a separate network's backward pass or the engine's own last mini-batch gradient, Adam's
preconditioner from its state written out with the course's formula.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from optstudio.core.build import build_engine
from optstudio.core.datasets import DataSpec
from optstudio.core.experiment import Experiment, NetworkSpec, OptimizerSpec, TrainingSpec
from optstudio.core.hessian import Objective, clone_network
from optstudio.core.probes import Tracker, parse_tracks, preconditioned_threshold
from optstudio.plugins.manager import get_plugin_manager

from test_hessian import hessian_from_costs


@pytest.fixture(scope="module")
def manager():
    return get_plugin_manager()


def experiment(optimizer="gd", lr=0.5, epochs=6, batch=1000, hidden=(3,), activation="tanh", l2=0.1, params=None):
    exp = Experiment()
    exp.data = DataSpec(name="moons", samples=40, noise=0.2, data_seed=0, test_fraction=0.0)
    exp.network = NetworkSpec(hidden=list(hidden), activations=[activation] * len(hidden), loss="bce", init="he",
                              l2=l2)
    exp.optimizer = OptimizerSpec(name=optimizer, learning_rate=lr, params=dict(params or {}))
    exp.training = TrainingSpec(mini_batch_size=batch, epochs=epochs, seed=2)
    return exp


def train(engine, tracker):
    for event in engine.steps(mini_batches=tracker.needs_steps):
        tracker.observe(event)


def test_sharpness_each_epoch_is_the_top_eigenvalue_of_the_full_hessian(manager):
    engine = build_engine(experiment(), manager)
    run = engine.runs[0]
    tracker = Tracker(engine.runs, ["sharpness"], tol=1e-8, max_iterations=3000)
    expected = {}
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    for event in engine.steps():
        tracker.observe(event)
        theta = run.network.theta.copy()
        expected[event.epoch] = np.linalg.eigvalsh(hessian_from_costs(objective.cost, theta)).max()
    values = tracker.values(run)
    assert sorted(values) == list(range(6))
    for epoch, value in values.items():
        assert value["sharpness"] == pytest.approx(expected[epoch], rel=1e-5)
        assert value["two_over_alpha"] == 2 / 0.5
        assert "preconditioned_sharpness" not in value          # gradient descent has no preconditioner
    rows = tracker.history(run)
    assert [r["epoch"] for r in rows] == list(range(6))
    assert [r["cost"] for r in rows] == run.history.costs
    assert all(r["sharpness"] == values[r["epoch"]]["sharpness"] for r in rows)


def test_measuring_does_not_change_training(manager):
    plain = build_engine(experiment(batch=8, epochs=4), manager)
    plain.run()
    tracked = build_engine(experiment(batch=8, epochs=4), manager)
    train(tracked, Tracker(tracked.runs, ["sharpness", "layers"]))
    assert tracked.runs[0].history.costs == plain.runs[0].history.costs
    assert np.array_equal(tracked.runs[0].network.theta, plain.runs[0].network.theta)


def test_every_and_the_last_epoch(manager):
    engine = build_engine(experiment(epochs=7), manager)
    tracker = Tracker(engine.runs, "sharpness", every=3)
    train(engine, tracker)
    rows = tracker.history(engine.runs[0])
    assert [r["epoch"] for r in rows if r["sharpness"] is not None] == [0, 3, 6]
    assert all(r["sharpness"] is None for r in rows if r["epoch"] not in (0, 3, 6))


def test_adam_preconditioned_sharpness(manager):
    """λ_max(P^(−1/2)·H·P^(−1/2)) with P = diag(√ŝ + ε), ŝ = s/(1 − β2^t), from Adam's state s."""
    params = {"beta1": 0.9, "beta2": 0.99, "epsilon": 1e-8, "epsilon_inside_root": False}
    engine = build_engine(experiment("adam", lr=0.05, epochs=5, params=params), manager)
    run = engine.runs[0]
    tracker = Tracker(engine.runs, ["sharpness"], tol=1e-8, max_iterations=3000)
    train(engine, tracker)
    value = tracker.values(run)[4]
    t = run.t
    s = run.optimizer.s["theta"]
    d = 1.0 / (np.sqrt(s / (1 - 0.99 ** t)) + 1e-8)
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    H = hessian_from_costs(objective.cost, run.network.theta.copy())
    expected = np.linalg.eigvalsh(np.sqrt(d)[:, None] * H * np.sqrt(d)[None, :]).max()
    assert value["preconditioned_sharpness"] == pytest.approx(expected, rel=1e-5)
    assert value["preconditioned_threshold"] == pytest.approx((2 + 2 * 0.9) / ((1 - 0.9) * 0.05))   # 38/α
    assert value["sharpness"] == pytest.approx(np.linalg.eigvalsh(H).max(), rel=1e-5)


def test_preconditioned_threshold_without_momentum():
    class RMS:
        pass
    assert preconditioned_threshold(RMS(), 0.01) == pytest.approx(200.0)


def test_layer_gradient_norms_are_the_gradients_of_j(manager):
    engine = build_engine(experiment(batch=16, epochs=3, hidden=(4, 3)), manager)
    run = engine.runs[0]
    tracker = Tracker(engine.runs, ["layers"])
    for event in engine.steps(mini_batches=True):
        tracker.observe(event)
        if event.__class__.__name__ != "EpochEvent":
            continue
        # the gradient of J over the whole training set, by a separate network's backward pass
        net = clone_network(run.network)
        net.loss_and_grad(engine.data.X, engine.data.Y)
        layers = tracker.values(run)[event.epoch]["layers"]
        assert [x["layer"] for x in layers] == [1, 2, 3]
        for x in layers:
            l = x["layer"]
            assert x["grad_norm"] == pytest.approx(np.linalg.norm(net.grads[f"dW{l}"]), rel=1e-12)
            assert x["weight_norm"] == pytest.approx(np.linalg.norm(run.network.W[l]), rel=1e-12)
        # gradient descent's last update was α·dW of the epoch's last mini-batch (the engine's grad)
        for x in layers:
            l = x["layer"]
            step = 0.5 * run.network.grads[f"dW{l}"]
            before = run.network.W[l] + step
            assert x["update_ratio"] == pytest.approx(np.linalg.norm(step) / np.linalg.norm(before), rel=1e-9)


def test_update_ratio_with_one_mini_batch_per_epoch(manager):
    """Full-batch GD: the epoch's only update starts from the previous epoch's weights."""
    engine = build_engine(experiment(batch=1000, epochs=3, hidden=(4,)), manager)
    run = engine.runs[0]
    tracker = Tracker(engine.runs, ["layers"])
    assert tracker.needs_steps
    before = run.network.get_parameters()
    for event in engine.steps(mini_batches=True):
        tracker.observe(event)
        if event.__class__.__name__ == "EpochEvent":
            for x in tracker.values(run)[event.epoch]["layers"]:
                old = before[f"W{x['layer']}"]
                new = run.network.W[x["layer"]]
                assert x["update_ratio"] == pytest.approx(np.linalg.norm(new - old) / np.linalg.norm(old), rel=1e-12)
            before = run.network.get_parameters()


def test_zero_weights_have_no_update_ratio(manager):
    exp = experiment(batch=1000, epochs=1, hidden=(3,))
    exp.network.init = "zeros"
    engine = build_engine(exp, manager)
    tracker = Tracker(engine.runs, ["layers"])
    train(engine, tracker)
    layers = tracker.values(engine.runs[0])[0]["layers"]
    assert all(math.isnan(x["update_ratio"]) for x in layers)      # ‖W‖ was 0 before the update


def test_stacked_runs_are_measured_each_on_its_own_weights(manager):
    from optstudio.core.build import build_plan
    exps = [experiment("gd", lr=0.5, epochs=3), experiment("gd", lr=1.0, epochs=3)]
    plan = build_plan(exps, manager, ["slow", "fast"])
    assert len(plan.engines) == 1 and plan.engines[0].k == 2
    tracker = Tracker(plan.runs, ["sharpness"], tol=1e-8, max_iterations=3000)
    for event in plan.steps():
        tracker.observe(event)
    for run in plan.runs:
        objective = Objective(run.network, run.engine.data.X, Y=run.engine.data.Y)
        H = hessian_from_costs(objective.cost, run.network.theta.copy())
        assert tracker.values(run)[2]["sharpness"] == pytest.approx(np.linalg.eigvalsh(H).max(), rel=1e-5)
    assert tracker.values(plan.runs[0])[2]["two_over_alpha"] == 4.0
    assert tracker.values(plan.runs[1])[2]["two_over_alpha"] == 2.0


@pytest.mark.parametrize("value, fragment", [
    ("", "nothing to track"), ("sharpness,curvature", "unknown tracked quantity 'curvature'"), ([3], "is a name"),
])
def test_parse_tracks_errors(value, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_tracks(value)


def test_parse_tracks():
    assert parse_tracks(" Layers, sharpness,layers") == ("layers", "sharpness")
    with pytest.raises(ValueError, match="whole number"):
        Tracker([], ["sharpness"], every=0)
