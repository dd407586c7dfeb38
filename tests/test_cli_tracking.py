"""``optstudio run --track … --save-weights …`` and the standard-normal initialiser."""

from __future__ import annotations

import json

import numpy as np
import pytest

from optstudio.cli import main
from optstudio.core.datasets import DataSpec, load_dataset
from optstudio.core.network import Network, initialize_parameters
from optstudio.core.experiment import Experiment

from test_hessian import hessian_from_costs

ARGS = ["run", "--dataset", "moons", "--samples", "60", "--test-fraction", "0", "--layers", "3",
        "--activation", "tanh", "--l2", "0.1", "--optimizer", "gd", "--lr", "0.5", "--batch-size", "60",
        "--epochs", "5", "--seed", "2"]


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def training_data():
    spec = DataSpec(name="moons", samples=60, noise=Experiment().data.noise, test_fraction=0.0)
    dataset = load_dataset(spec)
    return dataset.X_train, dataset.y_train


def test_track_sharpness_json_history_and_saved_weights(capsys, tmp_path):
    weights = tmp_path / "final.npz"
    code, out, err = run_cli(capsys, *ARGS, "--track", "sharpness", "--json", "--save-weights", str(weights))
    assert code == 0, err
    data = json.loads(out)
    history = data["history"]
    assert [r["epoch"] for r in history] == [0, 1, 2, 3, 4]
    assert all({"epoch", "cost", "sharpness", "two_over_alpha"} <= set(r) for r in history)
    assert history[-1]["cost"] == data["final_cost"]
    # the saved weights: a plain npz (no pickle) holding W1, b1, W2, b2
    with np.load(weights, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    assert sorted(arrays) == ["W1", "W2", "b1", "b2"]
    assert arrays["W1"].shape == (3, 2) and arrays["b2"].shape == (1, 1)
    net = Network([2, 3, 1], ["tanh"], loss="bce", l2=0.1)
    net.set_parameters(arrays)
    X, y = training_data()
    Y = net.encode_labels(y)
    assert net.cost(X, Y) == pytest.approx(data["final_cost"], rel=1e-12)
    # the last epoch's sharpness: the top eigenvalue of the Hessian of J at those weights
    theta = net.theta.copy()

    def cost(t):
        net.theta[...] = t
        return net.cost(X, Y)

    expected = np.linalg.eigvalsh(hessian_from_costs(cost, theta)).max()
    assert history[-1]["sharpness"] == pytest.approx(expected, rel=1e-3)
    assert history[-1]["two_over_alpha"] == 4.0


def test_track_layers_json(capsys, tmp_path):
    weights = tmp_path / "w.npz"
    code, out, err = run_cli(capsys, *ARGS, "--track", "layers", "--json", "--save-weights", str(weights))
    assert code == 0, err
    last = json.loads(out)["history"][-1]
    assert "sharpness" not in last
    with np.load(weights, allow_pickle=False) as npz:
        net = Network([2, 3, 1], ["tanh"], loss="bce", l2=0.1)
        net.set_parameters({k: npz[k] for k in npz.files})
    X, y = training_data()
    net.loss_and_grad(X, net.encode_labels(y))
    assert [x["layer"] for x in last["layers"]] == [1, 2]
    for x in last["layers"]:
        assert x["grad_norm"] == pytest.approx(np.linalg.norm(net.grads[f"dW{x['layer']}"]), rel=1e-10)
        assert x["weight_norm"] == pytest.approx(np.linalg.norm(net.W[x["layer"]]), rel=1e-12)
        assert x["update_ratio"] > 0


def test_track_every_and_text_tables(capsys):
    code, out, _ = run_cli(capsys, *ARGS, "--track", "sharpness,layers", "--track-every", "2", "--print-every", "1")
    assert code == 0
    assert "sharpness (largest eigenvalue of the Hessian of J)" in out
    assert "gradient norm ‖dW[l]‖" in out and "‖dW1‖" in out and "ΔW1/W1" in out
    sharp = out[out.index("sharpness (largest"):out.index("gradient norm")]
    assert [line.split("|")[0].strip() for line in sharp.splitlines()[3:] if line.strip()] == ["0", "2", "4"]


def test_plain_run_has_no_history(capsys):
    code, out, _ = run_cli(capsys, *ARGS, "--json")
    assert code == 0 and "history" not in json.loads(out)


def test_batch_norm_weights_and_running_statistics_are_saved(capsys, tmp_path):
    config = tmp_path / "bn.json"
    exp = Experiment()
    exp.network.batch_norm = True
    exp.training.epochs = 3
    exp.data.samples = 60
    exp.save(config)
    weights = tmp_path / "bn.npz"
    code, _, err = run_cli(capsys, "run", "--config", str(config), "--save-weights", str(weights))
    assert code == 0, err
    with np.load(weights, allow_pickle=False) as npz:
        names = sorted(npz.files)
        assert npz["gamma1"].shape == (5, 1) and npz["running_var2"].shape == (2, 1)
    assert names == sorted(["W1", "b1", "gamma1", "nu1", "W2", "b2", "gamma2", "nu2", "W3", "b3",
                            "running_mean1", "running_var1", "running_mean2", "running_var2"])


@pytest.mark.parametrize("extra, fragment", [
    (["--track", "curvature"], "--track: unknown tracked quantity 'curvature'"),
    (["--track-every", "2"], "--track-every needs --track"),
    (["--track", "sharpness", "--track-every", "0"], "--track-every must be at least 1"),
    (["--save-weights", "/no/such/folder/w.npz"], "cannot write weights file"),
])
def test_bad_input_is_one_line(capsys, extra, fragment):
    code, out, err = run_cli(capsys, *ARGS, *extra)
    assert code == 2 and out == ""                     # refused before training
    lines = err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in err


def test_standard_normal_initialiser_is_unscaled_randn():
    (W1, b1), (W2, _b2) = initialize_parameters([3, 4, 2], "standard_normal", np.random.RandomState(7))
    reference = np.random.RandomState(7)
    np.testing.assert_array_equal(W1, reference.randn(4, 3))
    np.testing.assert_array_equal(W2, reference.randn(2, 4))
    assert not b1.any()
    assert initialize_parameters([3, 4], "randn", np.random.RandomState(7))[0][0].shape == (4, 3)   # alias
