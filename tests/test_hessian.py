"""The Hessian of the training cost (core/hessian.py) and its largest eigenvalue (sharpness).

Every expected value is computed another way: the full Hessian by second differences of the cost
alone (no gradient code), then numpy.linalg.eigvalsh; the closed form of a quadratic cost.
"""

from __future__ import annotations

import numpy as np
import pytest

from optstudio.core.hessian import Objective, clone_network, top_eigenvalue
from optstudio.core.network import Network, augment
from optstudio.core.probes import sharpness


def small_problem(activations=("tanh",), loss="bce", dims=(2, 3, 1), l2=0.2, seed=0, m=12, output_activation=None):
    rng = np.random.default_rng(seed)
    net = Network(list(dims), list(activations), loss=loss, l2=l2, output_activation=output_activation)
    net.initialize("xavier", rng)
    net.theta += 0.1 * rng.standard_normal(net.n_params)        # biases too, away from 0
    X = rng.standard_normal((dims[0], m))
    if loss == "mse":
        return net, X, rng.standard_normal((dims[-1], m))
    y = rng.integers(0, max(2, dims[-1]), m)
    return net, X, net.encode_labels(y)


def hessian_from_costs(cost, theta, h=1e-4):
    """H[i, j] ≈ (J(θ+h·eᵢ+h·eⱼ) − J(θ+h·eᵢ−h·eⱼ) − J(θ−h·eᵢ+h·eⱼ) + J(θ−h·eᵢ−h·eⱼ))/(4h²)."""
    n = theta.size
    H = np.empty((n, n))
    E = np.eye(n) * h
    for i in range(n):
        for j in range(i, n):
            value = (cost(theta + E[i] + E[j]) - cost(theta + E[i] - E[j])
                     - cost(theta - E[i] + E[j]) + cost(theta - E[i] - E[j])) / (4 * h * h)
            H[i, j] = H[j, i] = value
    return H


def test_the_objective_is_the_networks_cost_and_leaves_the_network_alone():
    net, X, Y = small_problem()
    before = net.theta.copy(), net.grad.copy()
    objective = Objective(net, X, Y=Y)
    theta = net.theta + 0.3
    assert objective.cost(theta) == pytest.approx(_reference_cost(net, theta, X, Y), rel=1e-13)
    cost, grad = objective.gradient(net.theta)
    net_copy = clone_network(net)
    loss = net_copy.loss_and_grad(X, Y)
    assert cost == pytest.approx(loss + net_copy.l2_term(X.shape[1]), rel=1e-13)
    np.testing.assert_allclose(grad, net_copy.grad, rtol=1e-13)
    assert np.array_equal(net.theta, before[0]) and np.array_equal(net.grad, before[1])


def _reference_cost(net, theta, X, Y):
    other = clone_network(net)
    other.theta[...] = theta
    return other.cost(X, Y)


@pytest.mark.parametrize("activations, loss, dims, output_activation", [
    (("tanh", "sigmoid"), "bce", (3, 4, 3, 1), None),
    (("sigmoid",), "softmax", (3, 4, 3), None),
    (("tanh", "linear"), "mse", (3, 4, 3, 2), "tanh"),
    (("sigmoid",), "mse", (3, 5, 1), "sigmoid"),
    ((), "mse", (3, 2), "linear"),
    (("relu", "leaky_relu"), "bce", (3, 5, 4, 1), None),
])
def test_exact_hessian_vector_product_matches_the_hessian_of_the_cost(activations, loss, dims, output_activation):
    """The R-operator against H built from costs alone (second differences), for every activation
    and loss (ReLU away from its kink: random biases make an exact 0 unlikely)."""
    net, X, Y = small_problem(activations, loss, dims, output_activation=output_activation)
    objective = Objective(net, X, Y=Y)
    assert objective.hvp_method == "exact"
    H = hessian_from_costs(objective.cost, net.theta.copy())
    rng = np.random.default_rng(5)
    for _ in range(3):
        v = rng.standard_normal(net.n_params)
        np.testing.assert_allclose(objective.hvp(net.theta, v), H @ v, rtol=1e-5, atol=1e-5 * np.abs(H).max())


def test_central_differences_agree_with_the_r_operator():
    net, X, Y = small_problem(("tanh", "tanh"), "softmax", (3, 4, 4, 3))
    exact = Objective(net, X, Y=Y)
    central = Objective(net, X, Y=Y, hvp="central")
    v = np.random.default_rng(1).standard_normal(net.n_params)
    np.testing.assert_allclose(central.hvp(net.theta, v), exact.hvp(net.theta, v), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("method", ["exact", "central"])
def test_sharpness_is_the_largest_eigenvalue_of_the_full_hessian(method):
    net, X, Y = small_problem(("tanh",), "bce", (2, 4, 1), l2=0.5)
    objective = Objective(net, X, Y=Y, hvp=method)
    theta = net.theta.copy()
    expected = np.linalg.eigvalsh(hessian_from_costs(objective.cost, theta)).max()
    estimate = sharpness(objective, theta, tol=1e-8, max_iterations=2000)
    assert estimate.converged
    assert estimate.value == pytest.approx(expected, rel=1e-5)
    # its vector is a unit eigenvector
    assert np.linalg.norm(estimate.vector) == pytest.approx(1.0)
    np.testing.assert_allclose(objective.hvp(theta, estimate.vector), estimate.value * estimate.vector, atol=1e-4 * expected)


def test_sharpness_of_a_quadratic_cost_is_its_closed_form():
    """No hidden layer, linear output, square loss: J = 1/(2m)·‖W·X + b − Y‖² + λ/(2m)·‖W‖² is a
    quadratic in θ = [W | b] with Hessian 1/m·(X̃·X̃ᵀ + λ·diag(1, …, 1, 0)) for each output row."""
    rng = np.random.default_rng(3)
    m, lam = 40, 2.0
    X = rng.standard_normal((4, m)) * np.array([[3.0], [1.0], [0.5], [0.1]])
    Y = rng.standard_normal((2, m))
    net = Network([4, 2], [], loss="mse", output_activation="linear", l2=lam).initialize("he", rng)
    Xa = augment(X)
    block = (Xa @ Xa.T + lam * np.diag([1.0, 1.0, 1.0, 1.0, 0.0])) / m
    expected = np.linalg.eigvalsh(block).max()
    objective = Objective(net, X, Y=Y)
    for theta in (net.theta.copy(), rng.standard_normal(net.n_params)):   # the same everywhere
        assert sharpness(objective, theta, tol=1e-10, max_iterations=5000).value == pytest.approx(expected, rel=1e-8)


def test_preconditioned_sharpness_is_the_largest_eigenvalue_of_d_h_d():
    net, X, Y = small_problem(("tanh",), "bce", (2, 4, 1))
    objective = Objective(net, X, Y=Y)
    theta = net.theta.copy()
    d = np.random.default_rng(2).uniform(0.1, 3.0, net.n_params)          # a diagonal P⁻¹
    H = hessian_from_costs(objective.cost, theta)
    expected = np.linalg.eigvalsh(np.sqrt(d)[:, None] * H * np.sqrt(d)[None, :]).max()
    assert expected == pytest.approx(np.linalg.eigvals(np.diag(d) @ H).real.max(), rel=1e-8)  # = λ_max(P⁻¹H)
    estimate = sharpness(objective, theta, inverse_preconditioner=d, tol=1e-8, max_iterations=5000)
    assert estimate.value == pytest.approx(expected, rel=1e-5)


def test_power_iteration_finds_the_largest_eigenvalue_when_a_negative_one_dominates():
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    eigenvalues = np.array([-9.0, -2.0, 0.5, 1.0, 2.0, 3.0])
    A = Q @ np.diag(eigenvalues) @ Q.T
    estimate = top_eigenvalue(lambda v: A @ v, rng.standard_normal(6), tol=1e-10, max_iterations=5000)
    assert estimate.value == pytest.approx(3.0, rel=1e-7)
    # warm start from the answer: converged at once
    again = top_eigenvalue(lambda v: A @ v, estimate.vector, tol=1e-6)
    assert again.iterations <= 2 and again.value == pytest.approx(3.0, rel=1e-7)


def test_power_iteration_refuses_a_zero_start():
    with pytest.raises(ValueError, match="non-zero"):
        top_eigenvalue(lambda v: v, np.zeros(3))


def test_batch_normalised_networks_use_central_differences_of_the_full_set_cost():
    rng = np.random.default_rng(4)
    net = Network([2, 4, 3, 1], ["tanh", "tanh"], batch_norm_layers=[1, 2]).initialize("he", rng)
    X = rng.standard_normal((2, 16))
    Y = net.encode_labels(rng.integers(0, 2, 16))
    objective = Objective(net, X, Y=Y)
    assert objective.hvp_method == "central"
    with pytest.raises(ValueError, match="batch normalisation"):
        Objective(net, X, Y=Y, hvp="exact")
    theta = net.theta.copy()
    assert objective.cost(theta) == pytest.approx(net.cost(X, Y), rel=1e-13)
    H = hessian_from_costs(objective.cost, theta)
    v = rng.standard_normal(net.n_params)
    np.testing.assert_allclose(objective.hvp(theta, v), H @ v, rtol=1e-4, atol=1e-4 * np.abs(H).max())


def test_bad_arguments_are_one_line_errors():
    net, X, Y = small_problem()
    with pytest.raises(ValueError, match="unknown Hessian-vector product"):
        Objective(net, X, Y=Y, hvp="magic")
    with pytest.raises(ValueError, match=r"\(2, m\) array"):
        Objective(net, X[:1], Y=Y)
    objective = Objective(net, X, Y=Y)
    with pytest.raises(ValueError, match="θ must have shape"):
        objective.cost(np.zeros(3))
