"""The network: gradients against finite differences, initialisers, the notebook's conventions."""

import itertools

import numpy as np
import pytest

from optstudio.core.gradcheck import gradient_check
from optstudio.core.network import Network, augment, initialize_parameters

ACTIVATIONS = ["relu", "leaky_relu", "tanh", "sigmoid", "linear"]


def _data(rng, n_x, m, n_classes):
    X = rng.standard_normal((n_x, m))
    y = np.arange(m) % n_classes
    rng.shuffle(y)
    return X, y


@pytest.mark.parametrize("activation,loss", list(itertools.product(ACTIVATIONS, ["bce", "softmax", "mse"])))
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_gradient_check_every_activation_and_loss(activation, loss, l2):
    rng = np.random.default_rng(7)
    n_classes = 3 if loss == "softmax" else 2
    n_y = n_classes if loss == "softmax" else 1
    net = Network([4, 5, 3, n_y], [activation, activation], loss=loss,
                  output_activation="sigmoid", l2=l2, leaky_alpha=0.05)
    net.initialize("xavier", rng)
    X, y = _data(rng, 4, 9, n_classes)
    if activation in ("relu", "leaky_relu"):
        # keep pre-activations away from the kink at 0, where finite differences are not defined
        for _ in range(20):
            net.forward(X)
            zs = [np.abs(net._buffers[9].Z[l]).min() for l in (1, 2)]
            if min(zs) > 1e-3:
                break
            net.initialize("xavier", rng)
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


@pytest.mark.parametrize("output_activation", ["linear", "sigmoid", "tanh"])
def test_gradient_check_square_loss_several_outputs(output_activation):
    rng = np.random.default_rng(3)
    net = Network([3, 4, 3], ["tanh"], loss="mse", output_activation=output_activation)
    net.initialize("normal", rng)
    X, y = _data(rng, 3, 6, 3)
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


def test_no_hidden_layer_is_logistic_regression():
    rng = np.random.default_rng(0)
    net = Network([2, 1], [], loss="bce").initialize("he", rng)
    X, y = _data(rng, 2, 10, 2)
    assert net.L == 1 and net.n_params == 3
    assert gradient_check(net, X, net.encode_labels(y)) < 1e-7


def test_square_loss_matches_the_homework_formula():
    rng = np.random.default_rng(1)
    net = Network([3, 2, 1], ["relu"], loss="mse", output_activation="linear").initialize("normal", rng)
    X = rng.standard_normal((3, 5))
    Y = rng.standard_normal((1, 5))
    A = net.predict_proba(X)
    assert net.cost(X, Y) == pytest.approx(np.sum((A - Y) ** 2) / (2 * 5), rel=1e-12)


def test_cross_entropy_is_numerically_safe():
    net = Network([1, 1], [], loss="bce")
    net.W[1][...] = 1000.0
    X = np.array([[1.0, -1.0]])
    cost = net.cost(X, np.array([[0.0, 1.0]]))  # confidently wrong on both: a = 1 for y = 0 …
    assert np.isfinite(cost) and cost == pytest.approx(1000.0)
    soft = Network([1, 3], [], loss="softmax")
    soft.W[1][...] = np.array([[800.0], [0.0], [-800.0]])
    assert np.isfinite(soft.cost(X, soft.encode_labels(np.array([2, 0]))))


def test_he_initialisation_is_the_notebooks():
    # the notebook: np.random.seed(3); W[l] = randn(n[l], n[l-1]) * sqrt(2 / n[l-1]); b = 0
    np.random.seed(3)
    expected = []
    dims = [2, 5, 2, 1]
    for l in range(1, 4):
        expected.append(np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2 / dims[l - 1]))
    net = Network(dims, "relu").initialize("he", np.random.RandomState(3))
    for l in range(1, 4):
        np.testing.assert_array_equal(net.W[l], expected[l - 1])
        np.testing.assert_array_equal(net.b[l], 0.0)


def test_initialisers_scale():
    rng = np.random.default_rng(0)
    dims = [400, 300]
    for method, std in [("he", np.sqrt(2 / 400)), ("xavier", np.sqrt(2 / 700)),
                        ("normal", np.sqrt(1 / 400)), ("small", 0.01)]:
        (W, b), = initialize_parameters(dims, method, rng)
        assert W.std() == pytest.approx(std, rel=0.02)
        assert not b.any()
    (W, _), = initialize_parameters(dims, "zeros", rng)
    assert not W.any()
    with pytest.raises(ValueError, match="unknown initialiser"):
        initialize_parameters(dims, "magic", rng)


def test_parameter_views_share_the_flat_buffer():
    net = Network([2, 5, 2, 1], "relu").initialize("he", np.random.default_rng(0))
    assert net.n_params == 2 * 5 + 5 + 5 * 2 + 2 + 2 + 1
    net.theta[:] = np.arange(net.n_params)
    names = sorted(net.params)
    assert names == ["W1", "W2", "W3", "b1", "b2", "b3"]
    total = sum(net.params[k].size for k in names)
    assert total == net.n_params
    values = np.sort(np.concatenate([net.params[k].ravel() for k in names]))
    np.testing.assert_array_equal(values, np.arange(net.n_params))
    split = net.split(net.theta)
    for k in names:
        np.testing.assert_array_equal(split[k], net.params[k])
    assert net.weight_mask().sum() == 10 + 10 + 2


def test_layer_view_gradients_match_the_flat_gradient():
    rng = np.random.default_rng(2)
    net = Network([2, 3, 1], ["tanh"]).initialize("he", rng)
    X, y = _data(rng, 2, 8, 2)
    net.loss_and_grad(X, net.encode_labels(y))
    grads = net.split(net.grad)
    for key, g in net.grads.items():
        np.testing.assert_array_equal(g, grads[key[1:]])
    # the augmented entry point gives the same gradient
    g1 = net.grad.copy()
    net.loss_and_grad_augmented(augment(X), net.encode_labels(y))
    np.testing.assert_array_equal(g1, net.grad)


def test_invalid_networks_are_refused():
    with pytest.raises(ValueError, match="one output unit"):
        Network([2, 3], [], loss="bce")
    with pytest.raises(ValueError, match="unknown loss"):
        Network([2, 1], [], loss="hinge")
    with pytest.raises(ValueError, match="unknown activation"):
        Network([2, 3, 1], ["swish"])
    with pytest.raises(ValueError, match="positive"):
        Network([2, 0, 1], ["relu"])
    with pytest.raises(ValueError, match="λ"):
        Network([2, 1], [], l2=-1)


def test_plain_network_has_the_batch_norm_interface_with_nothing_in_it():
    rng = np.random.default_rng(4)
    net = Network([2, 4, 3], "tanh", loss="softmax").initialize("he", rng)
    assert net.bn_layers == () and net.batch_norm is False and net.bn_steps == 0
    assert net.running_stats() == {} and net._bn_offsets == {}
    assert "batch norm" not in net.describe()
    # the plain passes are the class's own methods, with their precomputed plans
    assert type(net).forward_augmented is Network.forward_augmented
    assert not {"forward_augmented", "loss_and_grad_augmented", "cost"} & set(vars(net))
    X, y = _data(rng, 2, 7, 3)
    A = net.predict_proba(X)
    np.testing.assert_array_equal(net.train_mode().predict_proba(X), A)   # no statistics to switch
    net.eval()
    net.reset_batch_norm()
    np.testing.assert_array_equal(net.predict_proba(X), A)
    with pytest.raises(KeyError, match="running statistic"):
        net.set_running_stats({"mean1": np.zeros((4, 1))})


def test_bind_storage_moves_the_views_of_a_plain_network():
    rng = np.random.default_rng(6)
    net = Network([2, 4, 1], ["relu"]).initialize("he", rng)
    twin = Network([2, 4, 1], ["relu"])
    twin.set_parameters(net.get_parameters())
    X, y = _data(rng, 2, 8, 2)
    Y = net.encode_labels(y)
    net.loss_and_grad(X, Y)                      # buffers (and their plans) exist before binding
    theta, grad = net.theta.copy(), np.zeros(net.n_params)
    net.bind_storage(theta, grad)
    for key, value in net.params.items():
        assert np.shares_memory(value, theta) and np.shares_memory(net.grads["d" + key], grad)
    theta[0] = 5.0
    twin.W[1][0, 0] = 5.0
    assert net.loss_and_grad(X, Y) == twin.loss_and_grad(X, Y)
    np.testing.assert_array_equal(grad, twin.grad)
