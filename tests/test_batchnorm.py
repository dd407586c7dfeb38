"""Batch normalisation (``Network(…, batch_norm_layers=…)``, formulas in optstudio.core.batchnorm):
gradients, running statistics, prediction, storage binding, training through the real trainer,
experiment files."""

import itertools

import numpy as np
import pytest

from optstudio.core.build import build_engine, build_network
from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.plugins.manager import get_plugin_manager


def build_trainer(exp):
    """The run of a one-run engine (the tests below read it like the old trainer)."""
    return build_engine(exp, get_plugin_manager()).runs[0]
from optstudio.core.datasets import load_dataset
from optstudio.core.gradcheck import gradient_check
from optstudio.core.network import Network, augment

ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "linear"]
LOSSES = ["bce", "softmax", "mse"]


def _data(rng, n_x, m, n_classes):
    X = rng.standard_normal((n_x, m))
    y = np.arange(m) % n_classes
    rng.shuffle(y)
    return X, y


def _perturb_bn(net, rng):
    """γ, ν away from 1, 0 (so their gradients are checked at a generic point)."""
    for l in net.bn_layers:
        net.gamma[l][...] = rng.uniform(0.5, 1.5, net.gamma[l].shape)
        net.nu[l][...] = rng.normal(0.0, 0.3, net.nu[l].shape)


def _kink_free(net, X, rng, tries=30):
    """Re-draw until no hidden pre-activation Z̃ is within 1e-3 of ReLU's kink at 0."""
    m = X.shape[1]
    for _ in range(tries):
        net.cost(X, np.zeros((net.layer_dims[-1], m)))
        if min(np.abs(net._buffers[m].Z[l]).min() for l in range(1, net.L)) > 1e-3:
            return
        net.initialize("xavier", rng)
        _perturb_bn(net, rng)
    raise AssertionError("could not find parameters away from the kink")


def _reference_forward(net, X, stats):
    """A plain, allocation-happy implementation of the formulas, for comparison.

    ``stats="batch"`` normalises with the statistics of X, ``"running"`` with the running ones."""
    A = X
    for l in range(1, net.L + 1):
        if l in net.bn_layers:
            Z = net.W[l] @ A
            if stats == "batch":
                mu = Z.mean(axis=1, keepdims=True)
                var = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
            else:
                mu, var = net.running_mean[l], net.running_var[l]
            Z = net.gamma[l] * (Z - mu) / np.sqrt(var + net.eps) + net.nu[l]
        else:
            Z = net.W[l] @ A + net.b[l]
        if l < net.L:
            A = net.activations[l](Z)
        elif net.output_activation == "softmax":
            e = np.exp(Z - Z.max(axis=0))
            A = e / e.sum(axis=0)
        else:
            A = net._out_act(Z)
    return A


# ------------------------------------------------------------------ gradients
@pytest.mark.parametrize("activation,loss", list(itertools.product(ACTIVATIONS, LOSSES)))
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_gradient_check_every_activation_and_loss(activation, loss, l2):
    rng = np.random.default_rng(11)
    n_classes = 3 if loss == "softmax" else 2
    n_y = n_classes if loss == "softmax" else 1
    net = Network([4, 5, 3, n_y], [activation, activation], batch_norm_layers=[1, 2], loss=loss,
                           output_activation="sigmoid", l2=l2, leaky_alpha=0.05)
    net.initialize("xavier", rng)
    _perturb_bn(net, rng)
    X, y = _data(rng, 4, 10, n_classes)
    if activation in ("relu", "leaky_relu"):
        _kink_free(net, X, rng)
    assert net.bn_layers == (1, 2)
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


@pytest.mark.parametrize("bn_layers", [[1], [2], [3], [1, 3], []])
def test_gradient_check_some_layers_mixed_activations(bn_layers):
    rng = np.random.default_rng(5)
    net = Network([3, 6, 4, 5, 3], ["tanh", "sigmoid", "leaky_relu"], loss="softmax",
                  l2=0.3, batch_norm_layers=bn_layers, leaky_alpha=0.1)
    net.initialize("xavier", rng)
    _perturb_bn(net, rng)
    X, y = _data(rng, 3, 12, 3)
    _kink_free(net, X, rng)
    assert net.bn_layers == tuple(bn_layers)
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


def test_gradient_check_mse_with_linear_output_and_several_units():
    rng = np.random.default_rng(2)
    net = Network([2, 4, 3], "tanh", batch_norm_layers=[1], loss="mse", output_activation="linear", l2=0.1)
    net.initialize("he", rng)
    _perturb_bn(net, rng)
    X, y = _data(rng, 2, 8, 3)
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


def test_bias_of_a_batch_normalised_layer_is_unused_and_its_gradient_exactly_zero():
    rng = np.random.default_rng(0)
    net = Network([2, 4, 3, 1], "tanh", batch_norm_layers=[1]).initialize("he", rng)
    X, y = _data(rng, 2, 16, 2)
    Y = net.encode_labels(y)
    net.loss_and_grad(X, Y)
    assert np.all(net.db[1] == 0.0)
    assert np.any(net.db[2] != 0.0) and np.any(net.db[3] != 0.0)   # ordinary layers keep their bias
    before = net.cost(X, Y), net.predict_proba(X)
    net.b[1][...] = 5.0
    assert net.cost(X, Y) == before[0]
    assert np.array_equal(net.predict_proba(X), before[1])


def test_l2_applies_to_weights_only():
    rng = np.random.default_rng(4)
    X, y = _data(rng, 2, 10, 2)
    grads = []
    for l2 in (0.0, 2.0):
        net = Network([2, 4, 1], "tanh", batch_norm_layers=[1],
                      l2=l2).initialize("he", np.random.default_rng(1))
        net.loss_and_grad(X, net.encode_labels(y))
        grads.append({k: v.copy() for k, v in net.grads.items()})
    for key in ("dgamma1", "dnu1", "db1", "db2"):
        np.testing.assert_array_equal(grads[0][key], grads[1][key])
    np.testing.assert_allclose(grads[1]["dW1"] - grads[0]["dW1"], 2.0 / 10 * net.W[1], atol=1e-15)
    assert net.l2_term(10) == pytest.approx(2.0 / 20 * (np.sum(net.W[1] ** 2) + np.sum(net.W[2] ** 2)))


def test_normalisation_makes_the_layer_scale_invariant():
    rng = np.random.default_rng(8)
    # exactly invariant for ε → 0 (with ε > 0 up to a relative change of order ε/σ²)
    net = Network([3, 5, 1], "relu", batch_norm_layers=[1], eps=1e-14).initialize("he", rng)
    X, y = _data(rng, 3, 20, 2)
    Y = net.encode_labels(y)
    cost = net.cost(X, Y)
    net.loss_and_grad(X, Y)
    dW = net.dW[1].copy()
    net.W[1] *= 3.0
    assert net.cost(X, Y) == pytest.approx(cost, rel=1e-9)
    net.loss_and_grad(X, Y)
    np.testing.assert_allclose(net.dW[1], dW / 3.0, rtol=1e-6, atol=1e-14)


# ------------------------------------------------------------------ interface
def test_parameter_names_layout_and_split():
    net = Network([2, 5, 3, 1], "relu", batch_norm_layers=[1, 2])
    assert list(net.params) == ["W1", "b1", "gamma1", "nu1", "W2", "b2", "gamma2", "nu2", "W3", "b3"]
    assert list(net.grads) == ["dW1", "db1", "dgamma1", "dnu1", "dW2", "db2", "dgamma2", "dnu2", "dW3", "db3"]
    assert net.n_params == 5 * 3 + 10 + 3 * 6 + 6 + 1 * 4 == net.theta.size == net.grad.size
    assert net.params["gamma2"].shape == net.params["nu2"].shape == (3, 1)
    # every parameter is a view of theta (each entry exactly once), every gradient a view of grad
    seen = np.zeros(net.n_params, dtype=int)
    net.theta[:] = 0.0
    for key, value in net.params.items():
        assert np.shares_memory(value, net.theta)
        assert np.shares_memory(net.grads["d" + key], net.grad)
        value[...] = 1.0
        seen += net.theta != 0
        net.theta[:] = 0.0
    assert np.all(seen == 1)
    # split gives the same layout for any vector (e.g. an optimizer's state)
    flat = np.arange(net.n_params, dtype=float)
    net.theta[:] = flat
    parts = net.split(flat)
    assert list(parts) == list(net.params)
    for key in parts:
        np.testing.assert_array_equal(parts[key], net.params[key])
    assert not net.weight_mask()[net._bn_offsets[1]:net._bn_offsets[1] + 10].any()
    assert net.weight_mask().sum() == 2 * 5 + 5 * 3 + 3


def test_initialize_defaults_and_same_weights_as_plain_network():
    net = Network([2, 5, 3, 1], "relu", batch_norm_layers=[1, 2]).initialize("he", np.random.RandomState(3))
    plain = Network([2, 5, 3, 1], "relu").initialize("he", np.random.RandomState(3))
    for l in range(1, 4):
        np.testing.assert_array_equal(net.W[l], plain.W[l])
        np.testing.assert_array_equal(net.b[l], plain.b[l])
    for l in (1, 2):
        assert np.all(net.gamma[l] == 1.0) and np.all(net.nu[l] == 0.0)
        assert np.all(net.running_mean[l] == 0.0) and np.all(net.running_var[l] == 1.0)
    net.gamma[1][...] = 3.0
    net.loss_and_grad(np.ones((2, 4)), np.ones((1, 4)))
    assert net.bn_steps == 1
    net.initialize("he", np.random.default_rng(0))
    assert np.all(net.gamma[1] == 1.0) and net.bn_steps == 0 and np.all(net.running_var[1] == 1.0)


def test_get_set_parameters_and_running_stats_round_trip():
    rng = np.random.default_rng(1)
    net = Network([2, 4, 3, 1], "tanh", batch_norm_layers=[1, 2]).initialize("he", rng)
    _perturb_bn(net, rng)
    X, y = _data(rng, 2, 30, 2)
    net.loss_and_grad(X, net.encode_labels(y))
    params, stats = net.get_parameters(), net.running_stats()
    assert set(stats) == {"mean1", "var1", "mean2", "var2"}
    other = Network([2, 4, 3, 1], "tanh", batch_norm_layers=[1, 2])
    other.set_parameters(params)
    other.set_running_stats(stats)
    np.testing.assert_array_equal(other.theta, net.theta)
    np.testing.assert_array_equal(other.predict_proba(X), net.predict_proba(X))
    with pytest.raises(KeyError):
        other.set_running_stats({"mean3": np.zeros((1, 1))})


@pytest.mark.parametrize("layers", [[], (), range(1, 1)])
def test_no_batch_norm_layers_behaves_like_the_plain_network(layers):
    rng = np.random.default_rng(3)
    X, y = _data(rng, 2, 9, 3)
    net = Network([2, 4, 3, 3], "relu", loss="softmax", l2=0.2,
                  batch_norm_layers=layers).initialize("he", np.random.default_rng(9))
    plain = Network([2, 4, 3, 3], "relu", loss="softmax", l2=0.2).initialize("he", np.random.default_rng(9))
    for n in (net, plain):
        assert n.bn_layers == () and n.batch_norm is False and n.running_stats() == {}
        # the plain passes, not the batch-normalised ones, and the plain layout
        assert not {"forward_augmented", "loss_and_grad_augmented", "cost"} & set(vars(n))
        assert list(n.params) == ["W1", "b1", "W2", "b2", "W3", "b3"]
        assert n.n_params == 4 * 3 + 3 * 5 + 3 * 4
        assert n.gamma == n.nu == n.dgamma == n.dnu == [None] * 4
    assert "batch norm" not in plain.describe()
    np.testing.assert_array_equal(net.theta, plain.theta)
    Y = net.encode_labels(y)
    assert net.loss_and_grad(X, Y) == plain.loss_and_grad(X, Y)
    np.testing.assert_array_equal(net.grad, plain.grad)
    np.testing.assert_array_equal(net.forward(X), plain.forward(X))
    assert net.cost(X, Y) == plain.cost(X, Y)


@pytest.mark.parametrize("kwargs,message", [
    ({"batch_norm_layers": [3]}, "output layer"),
    ({"batch_norm_layers": [0]}, "does not exist"),
    ({"batch_norm_layers": [4]}, "does not exist"),
    ({"batch_norm_layers": ["1"]}, "layer numbers"),
    ({"momentum": 1.0}, "momentum"),
    ({"momentum": -0.1}, "momentum"),
    ({"eps": 0.0}, "ε"),
])
def test_bad_arguments_give_one_line_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Network([2, 3, 3, 1], "relu", **kwargs)


def test_batch_norm_attributes_and_description():
    net = Network([2, 5, 3, 1], "relu", batch_norm_layers=range(1, 3), momentum=0.8, eps=1e-4,
                  bias_correction=False)
    assert type(net) is Network
    assert net.bn_layers == (1, 2) and net.batch_norm is True
    assert (net.momentum, net.eps, net.bias_correction, net.training, net.bn_steps) == (0.8, 1e-4, False, False, 0)
    assert net.describe().endswith("batch norm on hidden layer(s) 1, 2")
    assert Network([2, 5, 3, 1], "relu", batch_norm_layers=[2, 2, np.int64(2)]).bn_layers == (2,)
    # settings are checked even when no layer is batch-normalised
    with pytest.raises(ValueError, match="momentum"):
        Network([2, 3, 1], "relu", momentum=1.5)


def test_bind_storage_moves_every_view_and_training_gives_the_same_numbers():
    rng = np.random.default_rng(12)
    X, y = _data(rng, 2, 24, 3)
    kwargs = dict(loss="softmax", l2=0.1, batch_norm_layers=[1, 2])
    net = Network([2, 5, 4, 3], ["tanh", "relu"], **kwargs).initialize("he", np.random.default_rng(4))
    _perturb_bn(net, rng)
    twin = Network([2, 5, 4, 3], ["tanh", "relu"], **kwargs)
    twin.set_parameters(net.get_parameters())
    Y = net.encode_labels(y)
    # one step on each, so both have buffers and running statistics before the binding
    for n in (net, twin):
        n.loss_and_grad(X, Y)
        n.theta -= 0.1 * n.grad
    old_theta, old_grad = net.theta, net.grad
    old_values = old_theta.copy()
    old_params = dict(net.params)

    theta, grad = np.zeros((2, net.n_params)), np.zeros((2, net.n_params))
    theta[1] = net.theta
    row_theta, row_grad = theta[1], grad[1]
    assert net.bind_storage(row_theta, row_grad) is net
    assert net.theta is row_theta and net.grad is row_grad
    assert list(net.params) == list(old_params)            # same names, same dicts, new views
    for key, value in net.params.items():
        assert np.shares_memory(value, theta[1]) and not np.shares_memory(value, old_theta)
        assert np.shares_memory(net.grads["d" + key], grad[1])
        assert not np.shares_memory(net.grads["d" + key], old_grad)
        np.testing.assert_array_equal(value, old_params[key])
    for l in (1, 2):
        for view, flat in ((net.gamma[l], theta), (net.nu[l], theta), (net.dgamma[l], grad), (net.dnu[l], grad)):
            assert np.shares_memory(view, flat[1])
        assert net.params[f"gamma{l}"] is net.gamma[l] and net.params[f"nu{l}"] is net.nu[l]
        assert net.grads[f"dgamma{l}"] is net.dgamma[l] and net.grads[f"dnu{l}"] is net.dnu[l]
    # changing theta through the new array changes γ, ν, W as the network sees them
    g = net._bn_offsets[2]
    theta[1, g:g + 4] = [2.0, 3.0, 4.0, 5.0]
    theta[1, g + 4:g + 8] = -1.0
    np.testing.assert_array_equal(net.gamma[2].ravel(), [2.0, 3.0, 4.0, 5.0])
    np.testing.assert_array_equal(net.params["nu2"], -np.ones((4, 1)))
    theta[1, 0] = 7.0
    assert net.W[1][0, 0] == 7.0 and net.params["W1"][0, 0] == 7.0
    twin.gamma[2].ravel()[:] = [2.0, 3.0, 4.0, 5.0]
    twin.nu[2][...] = -1.0
    twin.W[1][0, 0] = 7.0
    np.testing.assert_array_equal(net.theta, twin.theta)
    np.testing.assert_array_equal(old_theta, old_values)          # the old array is left alone
    # a training step after the binding gives the same numbers as the unbound twin
    for _ in range(2):
        assert net.loss_and_grad(X, Y) == twin.loss_and_grad(X, Y)
        np.testing.assert_array_equal(net.grad, twin.grad)
        np.testing.assert_array_equal(grad[1], twin.grad)
        for n in (net, twin):
            n.theta -= 0.1 * n.grad
        np.testing.assert_array_equal(theta[1], twin.theta)
    assert not theta[0].any() and not grad[0].any()          # the other row is left alone
    for key, value in twin.running_stats().items():
        np.testing.assert_array_equal(net.running_stats()[key], value)
    assert net.cost(X, Y) == twin.cost(X, Y)
    np.testing.assert_array_equal(net.predict_proba(X), twin.predict_proba(X))
    np.testing.assert_array_equal(net.split(grad[1])["gamma1"], twin.split(twin.grad)["gamma1"])
    np.testing.assert_array_equal(old_theta, old_values)
    with pytest.raises(ValueError, match="shape"):
        net.bind_storage(np.zeros(net.n_params - 8), np.zeros(net.n_params - 8))


# ------------------------------------------------------------------ forward, modes, statistics
def test_forward_matches_reference_in_both_modes():
    rng = np.random.default_rng(6)
    net = Network([3, 5, 4, 3], ["tanh", "relu"], batch_norm_layers=[1, 2],
                  loss="softmax").initialize("he", rng)
    _perturb_bn(net, rng)
    for l in net.bn_layers:
        net.running_mean[l][...] = rng.normal(size=net.running_mean[l].shape)
        net.running_var[l][...] = rng.uniform(0.5, 2.0, net.running_var[l].shape)
    X, y = _data(rng, 3, 15, 3)
    Y = net.encode_labels(y)
    np.testing.assert_allclose(net.forward(X), _reference_forward(net, X, "running"), rtol=1e-12)
    np.testing.assert_allclose(net.train_mode().forward(X), _reference_forward(net, X, "batch"), rtol=1e-12)
    net.eval()
    A = _reference_forward(net, X, "batch")
    assert net.cost(X, Y) == pytest.approx(-np.sum(Y * np.log(A)) / 15, rel=1e-12)
    A = _reference_forward(net, X, "running")
    cost, acc = net.evaluate(X, y)
    assert cost == pytest.approx(-np.sum(Y * np.log(A)) / 15, rel=1e-12)
    assert acc == np.mean(A.argmax(axis=0) == y)


def test_only_loss_and_grad_updates_the_running_statistics():
    rng = np.random.default_rng(1)
    net = Network([2, 4, 1], "relu", batch_norm_layers=[1]).initialize("he", rng)
    X, y = _data(rng, 2, 20, 2)
    Y = net.encode_labels(y)
    stats = net.running_stats()
    net.cost(X, Y)
    net.forward(X)
    net.train_mode().forward(X)
    net.eval()
    net.evaluate(X, y)
    net.predict(X)
    for key, value in net.running_stats().items():
        np.testing.assert_array_equal(value, stats[key])
    assert net.bn_steps == 0
    net.loss_and_grad(X, Y)
    assert net.bn_steps == 1
    assert not np.array_equal(net.running_mean[1], stats["mean1"])


def test_gradient_check_is_deterministic_and_leaves_running_stats_to_loss_and_grad():
    rng = np.random.default_rng(2)
    net = Network([2, 4, 1], "tanh", batch_norm_layers=[1]).initialize("he", rng)
    X, y = _data(rng, 2, 10, 2)
    Y = net.encode_labels(y)
    first = gradient_check(net, X, Y)
    assert net.bn_steps == 1          # one loss_and_grad; the many cost() calls did not count
    assert gradient_check(net, X, Y) == first


@pytest.mark.parametrize("bias_correction", [True, False])
def test_running_statistics_converge_to_the_data_statistics_full_batch(bias_correction):
    rng = np.random.default_rng(0)
    net = Network([3, 4, 2, 1], "tanh", batch_norm_layers=[1, 2],
                  bias_correction=bias_correction).initialize("he", rng)
    X = rng.normal(loc=[[2.0], [-1.0], [0.5]], scale=[[3.0], [0.5], [1.0]], size=(3, 500))
    Y = np.zeros((1, 500))
    for _ in range(400):
        net.loss_and_grad(X, Y)          # parameters unchanged: the statistics are those of X
    Z1 = net.W[1] @ X
    np.testing.assert_allclose(net.running_mean[1], Z1.mean(axis=1, keepdims=True), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(net.running_var[1], Z1.var(axis=1, keepdims=True), rtol=1e-10)
    mu1, var1 = Z1.mean(axis=1, keepdims=True), Z1.var(axis=1, keepdims=True)
    A1 = np.tanh(net.gamma[1] * (Z1 - mu1) / np.sqrt(var1 + net.eps) + net.nu[1])  # training-mode A[1]
    Z2 = net.W[2] @ A1
    np.testing.assert_allclose(net.running_mean[2], Z2.mean(axis=1, keepdims=True), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(net.running_var[2], Z2.var(axis=1, keepdims=True), rtol=1e-9)
    # with running statistics equal to the full-batch ones, evaluation equals training mode on X
    running = net.forward(X).copy()
    np.testing.assert_allclose(running, net.train_mode().forward(X), rtol=1e-8)
    net.eval()


def test_running_statistics_converge_with_mini_batches():
    rng = np.random.default_rng(1)
    net = Network([2, 3, 1], "relu", batch_norm_layers=[1]).initialize("he", rng)
    X = rng.normal(loc=[[5.0], [-2.0]], scale=[[2.0], [0.3]], size=(2, 20000))
    Y = np.zeros((1, 64))
    for k in range(0, 64 * 300, 64):
        net.loss_and_grad(X[:, k:k + 64], Y)
    Z = net.W[1] @ X
    np.testing.assert_allclose(net.running_mean[1], Z.mean(axis=1, keepdims=True),
                               atol=0.1 * Z.std(axis=1).max())
    np.testing.assert_allclose(net.running_var[1], Z.var(axis=1, keepdims=True), rtol=0.15)


def test_bias_correction_takes_the_first_batch_as_is():
    rng = np.random.default_rng(3)
    X = rng.normal(3.0, 2.0, size=(2, 50))
    Y = np.zeros((1, 50))
    net = Network([2, 3, 1], "relu", batch_norm_layers=[1]).initialize("he", np.random.default_rng(0))
    net.loss_and_grad(X, Y)
    Z = net.W[1] @ X
    np.testing.assert_allclose(net.running_mean[1], Z.mean(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(net.running_var[1], Z.var(axis=1, keepdims=True), rtol=1e-12)
    plain = Network([2, 3, 1], "relu", batch_norm_layers=[1],
                    bias_correction=False).initialize("he", np.random.default_rng(0))
    plain.loss_and_grad(X, Y)
    np.testing.assert_allclose(plain.running_mean[1], 0.1 * Z.mean(axis=1, keepdims=True), rtol=1e-12)
    np.testing.assert_allclose(plain.running_var[1], 0.9 + 0.1 * Z.var(axis=1, keepdims=True), rtol=1e-12)


def test_prediction_uses_running_statistics_so_one_example_can_be_predicted():
    rng = np.random.default_rng(4)
    net = Network([2, 5, 3, 1], "relu", batch_norm_layers=[1, 2]).initialize("he", rng)
    _perturb_bn(net, rng)
    X, y = _data(rng, 2, 40, 2)
    for _ in range(5):
        net.loss_and_grad(X, net.encode_labels(y))
    all_at_once = net.predict_proba(X)
    one = net.predict_proba(X[:, 3:4])
    assert one.shape == (1, 1)
    np.testing.assert_allclose(one, all_at_once[:, 3:4], rtol=1e-12)
    np.testing.assert_array_equal(net.predict(X[:, 3:4]), net.predict(X)[3:4])
    np.testing.assert_allclose(all_at_once, _reference_forward(net, X, "running"), rtol=1e-12)
    # training mode with one example: Ẑ = 0, so every example would look the same
    net.train_mode()
    assert not np.allclose(net.predict_proba(X[:, 3:4]), all_at_once[:, 3:4])
    np.testing.assert_allclose(net.forward(X[:, 3:4]), net.forward(X[:, 5:6]))
    net.eval()
    assert np.isfinite(net.evaluate(X[:, :1], y[:1])[0])


def test_mini_batch_of_one_is_finite():
    net = Network([2, 3, 1], "relu", batch_norm_layers=[1]).initialize("he", np.random.default_rng(0))
    loss = net.loss_and_grad(np.array([[1.0], [2.0]]), np.ones((1, 1)))
    assert np.isfinite(loss) and np.all(np.isfinite(net.grad))
    assert np.all(net.dW[1] == 0.0)     # Ẑ = 0 whatever W[1] is: batch norm needs several examples


def test_buffers_are_reused_between_steps():
    rng = np.random.default_rng(0)
    net = Network([2, 4, 1], "relu", batch_norm_layers=[1]).initialize("he", rng)
    Xa = augment(rng.standard_normal((2, 16)))
    Y = np.ones((1, 16))
    net.loss_and_grad_augmented(Xa, Y)
    buf = net._buffers[16]
    arrays = [buf.U[1], buf.Zhat[1], buf.tmp[1], buf.mu[1], buf.Z[1]]
    net.loss_and_grad_augmented(Xa, Y, False)
    assert net._buffers[16] is buf
    assert all(a is b for a, b in zip(arrays, [buf.U[1], buf.Zhat[1], buf.tmp[1], buf.mu[1], buf.Z[1]]))


# ------------------------------------------------------------------ trainer and experiments
def _moons_experiment(epochs=150):
    exp = Experiment()
    exp.network.batch_norm = True
    exp.optimizer.name = "adam"
    exp.optimizer.learning_rate = 0.01
    exp.training.epochs = epochs
    exp.data.test_fraction = 0.2
    exp.training.seed = 2
    return exp


def test_training_on_moons_with_batch_norm_through_the_real_trainer():
    exp = _moons_experiment()
    trainer = build_trainer(exp)
    net = trainer.network
    assert type(net) is Network and net.bn_layers == (1, 2) and net.batch_norm
    before = net.get_parameters()
    result, = trainer.engine.run()
    assert result.status == "finished", result.message
    assert result.train_accuracy > 0.95 and result.test_accuracy > 0.9
    # γ and ν were updated by the optimizer; the unused biases of the normalised layers were not
    for l in (1, 2):
        assert not np.allclose(net.gamma[l], before[f"gamma{l}"])
        assert not np.allclose(net.nu[l], before[f"nu{l}"])
        np.testing.assert_array_equal(net.b[l], before[f"b{l}"])
    assert not np.array_equal(net.b[3], before["b3"])
    assert net.bn_steps == trainer.t
    # what the GUI uses: optimizer state and effective step per parameter, decision grid
    for arrays in trainer.optimizer_state().values():
        assert {"gamma1", "nu1", "gamma2", "nu2"} <= set(arrays)
    assert "nu2" in trainer.effective_step()
    xs, ys, values = trainer.decision_grid(30)
    assert values.shape == (30, 30) and np.all((values >= 0) & (values <= 1))
    # the trainer's accuracy is measured with running statistics
    cost, acc = net.evaluate(trainer.engine.data.X_test, trainer.engine.data.y_test)
    assert acc == result.test_accuracy and cost == pytest.approx(result.final_test_cost)


@pytest.mark.parametrize("optimizer", ["gd", "momentum"])
def test_other_optimizers_update_gamma_and_nu(optimizer):
    exp = _moons_experiment(epochs=5)
    exp.optimizer.name = optimizer
    exp.optimizer.learning_rate = 0.1
    trainer = build_trainer(exp)
    trainer.engine.run()
    net = trainer.network
    assert not np.all(net.gamma[1] == 1.0) and not np.all(net.nu[2] == 0.0)


def test_build_network_chooses_the_class_from_the_spec():
    exp = Experiment()
    dataset = load_dataset(exp.data)
    net, _ = build_network(exp, dataset)
    assert type(net) is Network and net.bn_layers == () and not net.batch_norm
    exp.network.batch_norm = True
    exp.network.l2 = 0.1
    exp.network.activations = ["tanh", "relu"]
    bn, _ = build_network(exp, dataset)
    assert type(bn) is Network and bn.batch_norm
    assert bn.hidden_activations == ["tanh", "relu"] and bn.l2 == 0.1 and bn.bn_layers == (1, 2)
    for l in range(1, 4):
        np.testing.assert_array_equal(bn.W[l], net.W[l])   # same seed, same weights


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_experiment_with_batch_norm_round_trips(tmp_path, suffix):
    exp = _moons_experiment(epochs=3)
    exp.runs = [{"label": "no BN", "network": {"batch_norm": False}}, {"label": "BN"}]
    path = tmp_path / f"bn{suffix}"
    exp.save(path)
    loaded = Experiment.load(path)
    assert loaded.network.batch_norm is True
    assert loaded.to_dict() == exp.to_dict()
    assert loaded.variant(loaded.runs[0]).network.batch_norm is False
    trainer = build_trainer(loaded)
    assert trainer.network.bn_layers == (1, 2)
    assert trainer.engine.run()[0].status == "finished"


def test_batch_norm_setting_must_be_true_or_false(tmp_path):
    data = Experiment().to_dict()
    data["network"]["batch_norm"] = "yes"
    with pytest.raises(ExperimentError, match="batch_norm must be true or false"):
        Experiment.from_dict(data)
