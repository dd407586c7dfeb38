"""The loss landscape (core/landscape.py) and ``optstudio landscape``."""

from __future__ import annotations

import json

import numpy as np
import pytest

from optstudio.cli import main
from optstudio.core.build import build_engine, build_network
from optstudio.core.datasets import DataSpec, load_dataset
from optstudio.core.experiment import Experiment, NetworkSpec, OptimizerSpec, TrainingSpec
from optstudio.core.hessian import Objective
from optstudio.core.landscape import WeightPath, line_profile, pca_directions, plane, random_directions
from optstudio.plugins.manager import get_plugin_manager


def experiment(epochs=30):
    exp = Experiment()
    exp.data = DataSpec(name="moons", samples=80, noise=0.2, data_seed=0, test_fraction=0.25)
    exp.network = NetworkSpec(hidden=[5, 3], activations=["relu", "tanh"], loss="bce", init="he", l2=0.05)
    exp.optimizer = OptimizerSpec(name="adam", learning_rate=0.02)
    exp.training = TrainingSpec(mini_batch_size=16, epochs=epochs, seed=4)
    return exp


@pytest.fixture(scope="module")
def trained():
    exp = experiment()
    engine = build_engine(exp, get_plugin_manager())
    run = engine.runs[0]
    path = WeightPath(run, max_points=8)
    for event in engine.steps():
        path.observe(event)
    return exp, engine, run, path


def test_line_end_points_are_the_costs_of_the_initial_and_final_weights(trained):
    exp, engine, run, path = trained
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    initial_net, _ = build_network(exp, load_dataset(exp.data))            # the same seed: the initial weights
    assert np.array_equal(path.initial, initial_net.theta)
    line = line_profile(objective, path.initial, run.network.theta, points=11)
    initial_cost, _ = initial_net.evaluate(engine.data.X, engine.data.y)
    assert line.costs[0] == line.initial_cost == pytest.approx(initial_cost, rel=1e-12)
    assert line.costs[-1] == line.final_cost == pytest.approx(run.history.last.cost, rel=1e-12)
    np.testing.assert_array_equal(line.t, np.linspace(0, 1, 11))
    # a point inside: J((1 − t)·θ₀ + t·θ₁) by the network itself
    net = initial_net
    net.theta[...] = 0.7 * path.initial + 0.3 * run.network.theta
    assert line.costs[3] == pytest.approx(net.evaluate(engine.data.X, engine.data.y)[0], rel=1e-12)
    extended = line_profile(objective, path.initial, run.network.theta, points=5, start=-0.5, stop=1.5)
    assert extended.t.tolist() == [-0.5, 0.0, 0.5, 1.0, 1.5]
    assert extended.costs[1] == line.costs[0] and extended.costs[3] == line.costs[-1]


def test_weight_path_keeps_at_most_max_points_evenly(trained):
    _exp, _engine, run, path = trained
    epochs, thetas = path.points()
    assert epochs[0] == -1 and epochs[-1] == 29
    assert len(epochs) <= 8 + 1 and thetas.shape == (len(epochs), run.network.n_params)
    assert np.array_equal(thetas[-1], run.network.theta)
    inner = epochs[1:-1]
    assert all(b - a == path.stride for a, b in zip(inner, inner[1:]))


def test_random_directions_are_filter_normalised(trained):
    _exp, _engine, run, _path = trained
    theta = run.network.theta.copy()
    first, second = random_directions(run.network, theta, np.random.default_rng(0))
    assert not np.allclose(first, second)
    for d in (first, second):
        parts, weights = run.network.split(d), run.network.split(theta)
        for name, block in parts.items():
            if name.startswith("W"):
                np.testing.assert_allclose(np.linalg.norm(block, axis=1), np.linalg.norm(weights[name], axis=1))
            else:
                assert not block.any()                       # biases are not moved


def test_random_plane_grid_and_projection(trained):
    _exp, engine, run, path = trained
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    epochs, thetas = path.points()
    grid = plane(objective, thetas, epochs, kind="random", resolution=5, span=0.5, rng=np.random.default_rng(1))
    assert grid.costs.shape == (5, 5) and grid.a.tolist() == grid.b.tolist() == [-0.5, -0.25, 0.0, 0.25, 0.5]
    assert grid.costs[2, 2] == grid.center_cost == pytest.approx(run.history.last.cost, rel=1e-12)
    first, second = random_directions(objective.network, thetas[-1], np.random.default_rng(1))
    assert grid.costs[0, 4] == objective.cost(thetas[-1] + 0.5 * first - 0.5 * second)
    np.testing.assert_allclose(grid.path[-1], [0, 0], atol=1e-12)
    # the projection is the least-squares fit
    a, b = grid.path[0]
    residual = thetas[0] - thetas[-1] - a * first - b * second
    assert abs(residual @ first) < 1e-8 * np.linalg.norm(first) ** 2
    assert abs(residual @ second) < 1e-8 * np.linalg.norm(second) ** 2


def test_pca_plane_is_spanned_by_the_path(trained):
    _exp, engine, run, path = trained
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    epochs, thetas = path.points()
    first, second, explained = pca_directions(thetas, thetas[-1])
    assert first @ first == pytest.approx(1) and second @ second == pytest.approx(1) and abs(first @ second) < 1e-12
    centred = thetas - thetas.mean(axis=0)
    variances = np.linalg.svd(centred, compute_uv=False) ** 2
    np.testing.assert_allclose(explained, variances[:2] / variances.sum())
    grid = plane(objective, thetas, epochs, kind="pca", resolution=6)
    np.testing.assert_allclose(grid.path, (thetas - thetas[-1]) @ np.stack([first, second], axis=1))
    assert grid.a.min() <= grid.path[:, 0].min() and grid.a.max() >= grid.path[:, 0].max()
    assert grid.b.min() <= grid.path[:, 1].min() and grid.b.max() >= grid.path[:, 1].max()
    i, j = 4, 1
    assert grid.costs[i, j] == objective.cost(thetas[-1] + grid.a[j] * first + grid.b[i] * second)


def test_plane_input_errors(trained):
    _exp, engine, run, path = trained
    objective = Objective(run.network, engine.data.X, Y=engine.data.Y)
    epochs, thetas = path.points()
    with pytest.raises(ValueError, match="unknown directions"):
        plane(objective, thetas, epochs, kind="spiral")
    with pytest.raises(ValueError, match="at least 3 epochs"):
        plane(objective, thetas[:2], epochs[:2], kind="pca")
    with pytest.raises(ValueError, match="at least 2 points"):
        line_profile(objective, thetas[0], thetas[-1], points=1)


ARGS = ["landscape", "--dataset", "moons", "--samples", "80", "--layers", "5,3", "--activation", "tanh",
        "--optimizer", "adam", "--lr", "0.02", "--epochs", "20", "--batch-size", "16", "--seed", "4"]


@pytest.mark.parametrize("directions", ["random", "pca"])
def test_cli_json(capsys, directions):
    code = main(ARGS + ["--directions", directions, "--resolution", "4", "--line-points", "6", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"line", "plane", "run"}
    line, grid = data["line"], data["plane"]
    assert len(line["t"]) == len(line["cost"]) == 6
    assert line["cost"][-1] == line["final_cost"] == pytest.approx(data["run"]["final_cost"], rel=1e-12)
    assert grid["directions"] == directions and len(grid["cost"]) == 4 and all(len(r) == 4 for r in grid["cost"])
    assert grid["trajectory_epochs"][0] == -1 and grid["trajectory_epochs"][-1] == 19
    assert len(grid["trajectory"]) == len(grid["trajectory_epochs"])
    assert (len(grid["explained_variance"]) == 2) == (directions == "pca")


def test_cli_text(capsys):
    code = main(ARGS + ["--resolution", "3", "--line-points", "3"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Cost along the line" in out and "Cost on the plane" in out and "Weight path projected" in out


@pytest.mark.parametrize("extra, fragment", [
    (["--resolution", "1"], "--resolution must be between 2 and 201"),
    (["--line-range", "1,0"], "--line-range must go from a smaller t"),
    (["--line-range", "a"], "--line-range must be two numbers"),
    (["--span", "0"], "--span must be a number > 0"),
    (["--directions", "up"], "invalid choice"),
])
def test_cli_bad_input(capsys, extra, fragment):
    code = main(ARGS + extra)
    _out, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in err
