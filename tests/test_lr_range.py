"""The learning-rate range test (core/lr_range.py) and ``optstudio lr-range``."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from optstudio.cli import main
from optstudio.core.build import build_engine, build_network
from optstudio.core.datasets import DataSpec, load_dataset
from optstudio.core.experiment import Experiment, NetworkSpec, OptimizerSpec, TrainingSpec
from optstudio.core.lr_range import RULE, range_test, rate_sequence, suggest
from optstudio.plugins.manager import get_plugin_manager


def test_rate_sequence_exactly():
    rates = rate_sequence(1e-6, 10.0, 300)
    assert len(rates) == 300
    assert rates == [1e-6 * (10.0 / 1e-6) ** (i / 299) for i in range(300)]
    assert rates[0] == 1e-6 and rates[-1] == pytest.approx(10.0, rel=1e-15)
    ratios = np.array(rates[1:]) / np.array(rates[:-1])
    np.testing.assert_allclose(ratios, 1e7 ** (1 / 299), rtol=1e-12)     # exponential growth
    assert rate_sequence(0.5, 2.0, 2) == [0.5, 2.0]


@pytest.mark.parametrize("args, fragment", [
    ((0.0, 1.0, 10), "start learning rate must be a number > 0"),
    ((1.0, 0.5, 10), "must be larger than its start"),
    ((1e-3, 1.0, 1), "at least 2 steps"),
    ((1e-3, math.inf, 10), "stop learning rate"),
])
def test_rate_sequence_errors(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        rate_sequence(*args)


def experiment(optimizer="gd", batch=1000, l2=0.1):
    exp = Experiment()
    exp.data = DataSpec(name="moons", samples=60, noise=0.2, data_seed=1, test_fraction=0.0)
    exp.network = NetworkSpec(hidden=[4], activations=["tanh"], loss="bce", init="he", l2=l2)
    exp.optimizer = OptimizerSpec(name=optimizer, learning_rate=0.01)
    exp.training = TrainingSpec(mini_batch_size=batch, epochs=5, seed=3)
    return exp


def test_full_batch_gradient_descent_range_test_step_by_step():
    """θ ← θ − α_i·∇J(θ) with α_i from the formula, J after each update, written out by hand."""
    exp = experiment()
    result = range_test(build_engine(exp, get_plugin_manager()), 1e-4, 100.0, 40, divergence=1e9)
    dataset = load_dataset(exp.data)
    net, _ = build_network(exp, dataset)
    X, Y = dataset.X_train, net.encode_labels(dataset.y_train)
    expected_costs = []
    for i in range(40):
        alpha = 1e-4 * (100.0 / 1e-4) ** (i / 39)
        net.loss_and_grad(X, Y)                      # the gradient of J, L2 included
        net.theta -= alpha * net.grad
        expected_costs.append(net.cost(X, Y))
    assert result.rates == [1e-4 * (100.0 / 1e-4) ** (i / 39) for i in range(40)]
    np.testing.assert_allclose(result.costs, expected_costs, rtol=1e-10)
    assert result.status == "finished" and result.planned_steps == 40
    assert result.initial_cost == pytest.approx(build_network(exp, dataset)[0].cost(X, Y), rel=1e-13)


def test_the_suggestion_rule():
    rates = [0.001, 0.01, 0.1, 1.0, 10.0]
    costs = [0.70, 0.69, 0.50, 0.30, 0.90]
    suggested, lowest, steepest = suggest(rates, costs)
    assert lowest == 1.0 and suggested == pytest.approx(0.1)
    slope = np.gradient(costs, np.log(rates))
    assert steepest == rates[int(np.argmin(slope[:4]))] == 0.1
    assert all(math.isnan(v) for v in suggest([], []))
    assert RULE == "α at the lowest cost / 10"


def test_range_test_stops_when_the_cost_blows_up():
    result = range_test(build_engine(experiment(batch=16), get_plugin_manager()), 1e-3, 1e4, 200)
    assert result.status == "diverged" and "times its lowest value" in result.message
    assert len(result.rates) < 200
    assert all(math.isfinite(c) for c in result.costs)
    assert result.costs[-1] > 4 * min(result.costs[:-1])
    assert result.suggested == pytest.approx(result.rates[int(np.argmin(result.costs))] / 10)


def test_mini_batches_span_several_epochs():
    engine = build_engine(experiment("momentum", batch=16), get_plugin_manager())       # 4 mini-batches
    result = range_test(engine, 1e-5, 1e-2, 30)
    assert result.status == "finished" and len(result.costs) == 30
    assert engine.runs[0].t == 30


ARGS = ["lr-range", "--dataset", "moons", "--samples", "60", "--layers", "4", "--optimizer", "adam",
        "--batch-size", "16", "--seed", "3"]


def test_cli_json(capsys):
    code = main(ARGS + ["--start", "1e-5", "--stop", "1", "--steps", "50", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert {"points", "suggested", "rule", "min_cost_rate", "steepest_rate", "steps", "steps_done"} <= set(data)
    rates = [p[0] for p in data["points"]]
    assert rates == [1e-5 * (1 / 1e-5) ** (i / 49) for i in range(len(rates))]
    costs = [p[1] for p in data["points"]]
    assert data["suggested"] == pytest.approx(rates[int(np.argmin(costs))] / 10)
    assert data["optimizer"] == "adam"


def test_cli_text(capsys):
    code = main(ARGS + ["--steps", "30"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "learning-rate range test" in out and "Suggested learning rate:" in out


@pytest.mark.parametrize("extra, fragment", [
    (["--start", "0"], "start learning rate must be a number > 0"),
    (["--start", "1", "--stop", "0.1"], "must be larger than its start"),
    (["--steps", "1"], "at least 2 steps"),
    (["--divergence", "1"], "--divergence must be a number > 1"),
    (["--optimizer", "nope"], "nope"),
])
def test_cli_bad_input(capsys, extra, fragment):
    code = main(ARGS + extra)
    _out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in err
