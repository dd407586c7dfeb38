"""Reddi et al.'s online problem (core/online.py): Adam fails, AMSGrad converges."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optstudio.core.online import reddi_gradient, run_online
from optstudio.plugins.manager import get_plugin_manager


@pytest.fixture(scope="module")
def manager():
    return get_plugin_manager()


def test_the_gradient_sequence():
    assert [reddi_gradient(t, 3.0) for t in range(1, 8)] == [3.0, -1.0, -1.0, 3.0, -1.0, -1.0, 3.0]


def test_gradient_descent_step_by_step(manager):
    """x ← clip(x − α·g_t, −1, 1), and R_T/T = (Σ f_t(x_t) − min_x Σ f_t(x))/T written out."""
    result = run_online(manager.create_optimizer("gd"), 0.3, 20, C=4.0, start=0.5)
    x, xs, paid, total, regrets = 0.5, [0.5], 0.0, 0.0, []
    for t in range(1, 21):
        g = 4.0 if t % 3 == 1 else -1.0
        paid += g * x
        total += g
        regrets.append((paid - min(total * -1.0, total * 1.0)) / t)
        x = min(1.0, max(-1.0, x - 0.3 * g))
        xs.append(x)
    np.testing.assert_allclose(result.x, xs, rtol=0, atol=1e-15)
    np.testing.assert_allclose(result.average_regret, regrets, rtol=1e-14)
    assert result.status == "finished" and result.steps_done == 20


def test_adam_goes_to_the_worst_point_and_amsgrad_to_the_best(manager):
    """Reddi et al.'s Theorem 1 setting: β1 = 0, β2 = 1/(1 + C²), α_t = α/√t."""
    schedule = manager.create_schedule("inverse-sqrt", {})
    params = {"beta1": 0.0, "beta2": 1 / (1 + 3.0 ** 2)}
    adam = run_online(manager.create_optimizer("adam", params), 0.1, 3000, C=3.0, schedule=schedule)
    amsgrad = run_online(manager.create_optimizer("amsgrad", params), 0.1, 3000, C=3.0, schedule=schedule)
    assert adam.final_x == pytest.approx(1.0, abs=1e-3)
    assert adam.final_average_regret == pytest.approx(2 * (3.0 - 2) / 3, abs=0.05)     # 2(C − 2)/3 at x = 1
    assert amsgrad.final_x < -0.99
    assert amsgrad.final_average_regret < 0.1
    assert np.all(np.abs(adam.x) <= 1) and np.all(np.abs(amsgrad.x) <= 1)
    assert adam.rates[:3] == [0.1, 0.1 / math.sqrt(2), 0.1 / math.sqrt(3)]


def test_bad_arguments(manager):
    gd = manager.create_optimizer("gd")
    with pytest.raises(ValueError, match="C must be > 2"):
        run_online(gd, 0.1, 10, C=2.0)
    with pytest.raises(ValueError, match="start must be in the feasible set"):
        run_online(gd, 0.1, 10, start=2.0)
    with pytest.raises(ValueError, match="whole number"):
        run_online(gd, 0.1, 0)


def test_a_failing_optimizer_ends_its_run(manager):
    class Broken:
        def init(self, params):
            pass

        def update(self, params, grads, t, rate):
            if t == 3:
                raise RuntimeError("boom")
            params["x"] -= rate * grads["x"]

    result = run_online(Broken(), 0.1, 10)
    assert result.status == "failed" and "boom" in result.message
    assert result.steps_done == 2 and len(result.average_regret) == 2
