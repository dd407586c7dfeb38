"""Tests of the built-in optimizers (optstudio/plugins/builtin_optimizers.py).

* gd, momentum and adam reproduce the test cases of the optimization notebook
  (shared/seeds/000_e68e2ebda9ca78a0.txt) to the digits it prints;
* every torch-style optimizer reproduces torch.optim to 1e-10 relative, using the trajectories in
  tests/reference/torch_optimizers.json (written by tests/reference/make_torch_reference.py;
  torch itself is not needed here);
* the homework's Adam (no bias correction, ε inside the root) matches a direct formula;
* layers vs one flat vector, names, dtypes, state, effective_step, descriptors and pluggy.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pluggy
import pytest

import optstudio.plugins.hookspecs as hookspecs
from optstudio.plugins import builtin_optimizers as bo
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec

REFERENCE = Path(__file__).parent / "reference" / "torch_optimizers.json"
NAMES = ("gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", "adamw", "adamax", "nadam", "amsgrad")
ADAPTIVE = ("rmsprop", "adam", "adagrad", "adamw", "adamax", "nadam", "amsgrad")
ORDER = ("W1", "b1", "W2", "b2")


@pytest.fixture(scope="module")
def infos() -> dict[str, OptimizerInfo]:
    return {info.name: info for info in bo.optstudio_optimizers()}


# ---------------------------------------------------------------------------------------------
# The notebook's test cases
# ---------------------------------------------------------------------------------------------


def notebook_case():
    """``update_parameters_with_*_test_case()``: seed 1, then W1, b1, W2, b2, dW1, db1, dW2, db2."""
    np.random.seed(1)
    params = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1),
              "W2": np.random.randn(3, 3), "b2": np.random.randn(3, 1)}
    grads = {"W1": np.random.randn(2, 3), "b1": np.random.randn(2, 1),
             "W2": np.random.randn(3, 3), "b2": np.random.randn(3, 1)}
    return params, grads


def printed(text: str):
    """Parse a numpy-printed array; returns (values, tolerances) where each tolerance is half a
    unit of the last printed digit (plus float slack): "reproduces the printed digits"."""
    numbers = re.findall(r"-?\d+\.\d*(?:e[-+]?\d+)?", text)
    values, tols = [], []
    for number in numbers:
        mantissa, _, exponent = number.partition("e")
        decimals = len(mantissa.split(".")[1])
        scale = 10.0 ** int(exponent or 0)
        values.append(float(number))
        tols.append(0.5 * 10.0 ** -decimals * scale * (1 + 1e-6) + 1e-15)
    return np.array(values), np.array(tols)


def assert_printed(actual: np.ndarray, text: str) -> None:
    expected, tol = printed(text)
    flat = np.asarray(actual).ravel()
    assert flat.shape == expected.shape, (flat, expected)
    error = np.abs(flat - expected)
    assert np.all(error <= tol), f"\nactual   {flat}\nexpected {expected}\nerror    {error}"


# "Expected Output" blocks of the notebook, copied as printed.
GD_EXPECTED = {
    "W1": "[[ 1.63535156 -0.62320365 -0.53718766] [-1.07799357 0.85639907 -2.29470142]]",
    "b1": "[[ 1.74604067] [-0.75184921]]",
    "W2": "[[ 0.32171798 -0.25467393 1.46902454] [-2.05617317 -0.31554548 -0.3756023 ] "
          "[ 1.1404819 -1.09976462 -0.1612551 ]]",
    "b2": "[[-0.88020257] [ 0.02561572] [ 0.57539477]]",
}
MOMENTUM_EXPECTED = {
    "W1": "[[ 1.62544598 -0.61290114 -0.52907334] [-1.07347112 0.86450677 -2.30085497]]",
    "b1": "[[ 1.74493465] [-0.76027113]]",
    "W2": "[[ 0.31930698 -0.24990073 1.4627996 ] [-2.05974396 -0.32173003 -0.38320915] "
          "[ 1.13444069 -1.0998786 -0.1713109 ]]",
    "b2": "[[-0.87809283] [0.04055394] [0.58207317]]",
}
V_EXPECTED = {
    "W1": "[[-0.11006192 0.11447237 0.09015907] [0.05024943 0.09008559 -0.06837279]]",
    "b1": "[[-0.01228902] [-0.09357694]]",
    "W2": "[[-0.02678881 0.05303555 -0.06916608] [-0.03967535 -0.06871727 -0.08452056] "
          "[-0.06712461 -0.00126646 -0.11173103]]",
    "b2": "[[0.02344157] [0.16598022] [0.07420442]]",
}
ADAM_EXPECTED = {
    "W1": "[[ 1.63178673 -0.61919778 -0.53561312] [-1.08040999 0.85796626 -2.29409733]]",
    "b1": "[[ 1.75225313] [-0.75376553]]",
    "W2": "[[ 0.32648046 -0.25681174 1.46954931] [-2.05269934 -0.31497584 -0.37661299] "
          "[ 1.14121081 -1.09245036 -0.16498684]]",
    "b2": "[[-0.88529978] [ 0.03477238] [ 0.57537385]]",
}
S_EXPECTED = {
    "W1": "[[ 0.00121136 0.00131039 0.00081287] [ 0.0002525 0.00081154 0.00046748]]",
    "b1": "[[ 1.51020075e-05] [ 8.75664434e-04]]",
    "W2": "[[ 7.17640232e-05 2.81276921e-04 4.78394595e-04] [ 1.57413361e-04 4.72206320e-04 "
          "7.14372576e-04] [ 4.50571368e-04 1.60392066e-07 1.24838242e-03]]",
    "b2": "[[ 5.49507194e-05] [ 2.75494327e-03] [ 5.50629536e-04]]",
}


def test_printed_parser_tolerances():
    values, tols = printed("[[ 1.51020075e-05 -0.0002525 ] [0.25]]")
    assert values.tolist() == [1.51020075e-05, -0.0002525, 0.25]
    assert tols[0] == pytest.approx(0.5e-8 * 1e-5, rel=1e-5)
    assert tols[1] == pytest.approx(0.5e-7, rel=1e-5)
    assert tols[2] == pytest.approx(0.5e-2, rel=1e-5)


def test_gd_reproduces_notebook(infos):
    params, grads = notebook_case()
    opt = infos["gd"].create()
    opt.init(params)
    opt.update(params, grads, 1, 0.01)
    for name in ORDER:
        assert_printed(params[name], GD_EXPECTED[name])


def test_momentum_reproduces_notebook(infos):
    params, grads = notebook_case()
    opt = infos["momentum"].create(beta=0.9)
    opt.init(params)
    opt.update(params, grads, 1, 0.01)
    for name in ORDER:
        assert_printed(params[name], MOMENTUM_EXPECTED[name])
        assert_printed(opt.v[name], V_EXPECTED[name])


def test_adam_default_reproduces_notebook_at_t2(infos):
    # update_parameters_with_adam(parameters, grads, v, s, t=2): fresh zero state, t = 2, α = 0.01
    params, grads = notebook_case()
    opt = infos["adam"].create()
    opt.init(params)
    opt.update(params, grads, 2, 0.01)
    for name in ORDER:
        assert_printed(params[name], ADAM_EXPECTED[name])
        assert_printed(opt.v[name], V_EXPECTED[name])
        assert_printed(opt.s[name], S_EXPECTED[name])


def test_adam_epsilon_outside_root_misses_two_notebook_digits(infos):
    """Why ε sits inside the root by default: with ε outside (torch), W2[2][1] and b2[0] differ
    from the notebook's expected output in the printed digits."""
    params, grads = notebook_case()
    opt = infos["adam"].create(epsilon_inside_root=False)
    opt.init(params)
    opt.update(params, grads, 2, 0.01)
    assert params["W2"][2, 1] == pytest.approx(-1.09244991, abs=5e-9)
    assert params["b2"][0, 0] == pytest.approx(-0.88529979, abs=5e-9)
    assert abs(params["W2"][2, 1] - -1.09245036) > 1e-7
    for name in ("W1", "b1"):
        assert_printed(params[name], ADAM_EXPECTED[name])


def test_adam_matches_notebook_formula_directly(infos):
    """The notebook's formula, written out: v, s, corrected, W − α·v^c/√(s^c + ε)."""
    for t in (1, 2, 7):
        params, grads = notebook_case()
        expected = {}
        for name in ORDER:
            v = 0.1 * grads[name]
            s = 0.001 * grads[name] ** 2
            vc = v / (1 - 0.9 ** t)
            sc = s / (1 - 0.999 ** t)
            expected[name] = params[name] - 0.01 * vc / np.sqrt(sc + 1e-8)
        opt = infos["adam"].create()
        opt.init(params)
        opt.update(params, grads, t, 0.01)
        for name in ORDER:
            np.testing.assert_allclose(params[name], expected[name], rtol=1e-13, atol=0)


# ---------------------------------------------------------------------------------------------
# torch.optim references
# ---------------------------------------------------------------------------------------------


def _reference():
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


_CASES = _reference()["cases"]


def test_reference_file_covers_every_torch_style_optimizer():
    covered = {case["optimizer"] for case in _CASES}
    assert {"nesterov", "adagrad", "adamw", "adamax", "nadam", "amsgrad", "rmsprop", "adam"} <= covered
    data = _reference()
    assert data["dtype"] == "float64"
    assert len(data["grads"]) == 5 and all(len(case["steps"]) == 5 for case in _CASES)


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_matches_torch(case, infos):
    data = _reference()
    opt = infos[case["optimizer"]].create(**case["hyperparameters"])
    params = {"theta": np.array(data["initial"], dtype=np.float64)}
    opt.init(params)
    for t, (grad, expected) in enumerate(zip(data["grads"], case["steps"]), start=1):
        opt.update(params, {"theta": np.array(grad)}, t, case["learning_rate"])
        np.testing.assert_allclose(params["theta"], expected, rtol=1e-10, atol=0,
                                   err_msg=f"{case['torch']} step {t}")


# ---------------------------------------------------------------------------------------------
# The homework's Adam, and other direct formulas
# ---------------------------------------------------------------------------------------------


def test_homework_adam_without_bias_correction_epsilon_in_root(infos):
    """Homework: v = β1·v + (1 − β1)·g, s = β2·s + (1 − β2)·g², w = w − η·v/√(s + ε)."""
    rng = np.random.default_rng(3)
    w0 = rng.normal(size=(3, 4))
    grads = [rng.normal(size=(3, 4)) for _ in range(6)]
    beta1, beta2, eps, lr = 0.8, 0.9, 1e-8, 0.1
    w, v, s = w0.copy(), np.zeros_like(w0), np.zeros_like(w0)
    opt = infos["adam"].create(beta1=beta1, beta2=beta2, epsilon=eps, bias_correction=False,
                               epsilon_inside_root=True)
    params = {"w": w0.copy()}
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        v = beta1 * v + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g ** 2
        w = w - lr * v / np.sqrt(s + eps)
        opt.update(params, {"w": g}, t, lr)
        np.testing.assert_allclose(params["w"], w, rtol=1e-13)
        np.testing.assert_allclose(opt.v["w"], v, rtol=1e-13)
        np.testing.assert_allclose(opt.s["w"], s, rtol=1e-13)


def test_adam_without_bias_correction_epsilon_outside(infos):
    rng = np.random.default_rng(4)
    w0 = rng.normal(size=5)
    w, v, s = w0.copy(), 0.0, 0.0
    opt = infos["adam"].create(bias_correction=False, epsilon_inside_root=False, epsilon=1e-4)
    params = {"w": w0.copy()}
    opt.init(params)
    for t in range(1, 5):
        g = rng.normal(size=5)
        v = 0.9 * v + 0.1 * g
        s = 0.999 * s + 0.001 * g ** 2
        w = w - 0.01 * v / (np.sqrt(s) + 1e-4)
        opt.update(params, {"w": g}, t, 0.01)
        np.testing.assert_allclose(params["w"], w, rtol=1e-13)


def test_momentum_sum_form_is_average_form_with_scaled_rate(infos):
    """Lecture notes: v = β·v + dW amounts to α/(1 − β) in the average form."""
    rng = np.random.default_rng(5)
    grads = [rng.normal(size=6) for _ in range(5)]
    start = rng.normal(size=6)
    a = {"x": start.copy()}
    b = {"x": start.copy()}
    avg = infos["momentum"].create(beta=0.8, form="average")
    total = infos["momentum"].create(beta=0.8, form="sum")
    avg.init(a)
    total.init(b)
    for t, g in enumerate(grads, start=1):
        avg.update(a, {"x": g}, t, 0.05)
        total.update(b, {"x": g}, t, 0.05 * (1 - 0.8))
    np.testing.assert_allclose(a["x"], b["x"], rtol=1e-12)


def test_rmsprop_direct_formula(infos):
    rng = np.random.default_rng(6)
    w0 = rng.normal(size=4)
    w, s = w0.copy(), np.zeros(4)
    opt = infos["rmsprop"].create()
    params = {"w": w0.copy()}
    opt.init(params)
    for t in range(1, 6):
        g = rng.normal(size=4)
        s = 0.9 * s + 0.1 * g ** 2
        w = w - 0.001 * g / (np.sqrt(s) + 1e-8)
        opt.update(params, {"w": g}, t, 0.001)
    np.testing.assert_allclose(params["w"], w, rtol=1e-13)


def test_nadam_momentum_product_recomputed_when_t_jumps(infos):
    steady = infos["nadam"].create()
    steady.init({"x": np.zeros(2)})
    for t in range(1, 8):
        steady.update({"x": np.zeros(2)}, {"x": np.ones(2)}, t, 0.01)
    jumped = infos["nadam"].create()
    jumped.init({"x": np.zeros(2)})
    assert jumped._mu_product_at(7) == pytest.approx(steady._mu_product, rel=1e-14)
    expected = math.prod(0.9 * (1 - 0.5 * 0.96 ** (i * 4e-3)) for i in range(1, 8))
    assert steady._mu_product == pytest.approx(expected, rel=1e-14)


# ---------------------------------------------------------------------------------------------
# Layout independence, in-place updates, dtypes
# ---------------------------------------------------------------------------------------------

SHAPES = {"W1": (4, 2), "b1": (4, 1), "W2": (3, 4), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}


def _layers_and_grads(seed=0):
    rng = np.random.default_rng(seed)
    params = {name: rng.normal(size=shape) for name, shape in SHAPES.items()}
    grads = [{name: rng.normal(size=shape) * 10.0 ** rng.uniform(-3, 0) for name, shape in SHAPES.items()}
             for _ in range(6)]
    return params, grads


def _flat(d):
    return np.concatenate([d[name].ravel() for name in SHAPES])


def _nondefault(name):
    return {"nesterov": {"weight_decay": 0.01}, "adam": {"weight_decay": 0.01},
            "rmsprop": {"weight_decay": 0.01}, "amsgrad": {"weight_decay": 0.01},
            "momentum": {"form": "sum"}}.get(name, {})


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("variant", ["defaults", "other"])
def test_layers_and_flat_vector_give_the_same_result(name, variant, infos):
    values = {} if variant == "defaults" else _nondefault(name)
    layers, grads = _layers_and_grads()
    flat = {"theta": _flat(layers)}
    renamed = {f"p{i}": layers[n].copy() for i, n in enumerate(reversed(list(SHAPES)))}
    a, b, c = infos[name].create(**values), infos[name].create(**values), infos[name].create(**values)
    a.init(layers)
    b.init(flat)
    c.init(renamed)
    for t, g in enumerate(grads, start=1):
        a.update(layers, g, t, 0.01)
        b.update(flat, {"theta": _flat(g)}, t, 0.01)
        c.update(renamed, {f"p{i}": g[n] for i, n in enumerate(reversed(list(SHAPES)))}, t, 0.01)
    np.testing.assert_allclose(_flat(layers), flat["theta"], rtol=1e-14, atol=1e-15)
    for i, n in enumerate(reversed(list(SHAPES))):
        np.testing.assert_array_equal(renamed[f"p{i}"], layers[n])


@pytest.mark.parametrize("name", NAMES)
def test_update_is_in_place_and_leaves_gradients_alone(name, infos):
    params, grads = _layers_and_grads(1)
    originals = {k: v for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    grad_copy = {k: v.copy() for k, v in grads[0].items()}
    opt = infos[name].create(**_nondefault(name))
    opt.init(params)
    opt.update(params, grads[0], 1, 0.01)
    for k in params:
        assert params[k] is originals[k]
        assert not np.array_equal(params[k], before[k])
        np.testing.assert_array_equal(grads[0][k], grad_copy[k])
    assert opt.t == 1


@pytest.mark.parametrize("name", NAMES)
def test_float32_parameters_stay_float32(name, infos):
    params = {"x": np.linspace(-1, 1, 5, dtype=np.float32), "y": np.float32(2.0) * np.ones((2, 2), np.float32)}
    grads = {"x": np.full(5, 0.5, np.float32), "y": np.full((2, 2), -0.25, np.float32)}
    opt = infos[name].create()
    opt.init(params)
    for t in range(1, 4):
        opt.update(params, grads, t, 0.01)
    assert params["x"].dtype == np.float32 and params["y"].dtype == np.float32
    assert np.all(np.isfinite(params["x"])) and np.all(np.isfinite(params["y"]))


@pytest.mark.parametrize("name", NAMES)
def test_zero_dimensional_parameters_work(name, infos):
    """A point on a 2-D function may be given as two 0-d arrays."""
    params = {"x": np.array(1.5), "y": np.array(-0.5)}
    opt = infos[name].create()
    opt.init(params)
    for t in range(1, 4):
        opt.update(params, {"x": 2 * params["x"], "y": 20 * params["y"]}, t, 0.01)
    assert abs(float(params["x"])) < 1.5 and abs(float(params["y"])) < 0.5


@pytest.mark.parametrize("name", NAMES)
def test_init_resets_state(name, infos):
    params, grads = _layers_and_grads(2)
    start = {k: v.copy() for k, v in params.items()}
    opt = infos[name].create()
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        opt.update(params, g, t, 0.01)
    first = _flat(params)
    params = {k: v.copy() for k, v in start.items()}
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        opt.update(params, g, t, 0.01)
    np.testing.assert_array_equal(_flat(params), first)


# ---------------------------------------------------------------------------------------------
# State and effective step
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_state_names_expose_arrays_shaped_like_parameters(name, infos):
    params, grads = _layers_and_grads(3)
    opt = infos[name].create()
    opt.init(params)
    opt.update(params, grads[0], 1, 0.01)
    state = opt.state()
    assert len(state) == len(opt.state_names)
    for attr, label in opt.state_names:
        assert isinstance(label, str) and label
        arrays = getattr(opt, attr)
        assert state[label] is arrays
        assert set(arrays) == set(params)
        for k in params:
            assert arrays[k].shape == params[k].shape
    if name != "gd":
        assert opt.state_names  # every method with memory shows it


def test_expected_state_names(infos):
    attrs = {name: tuple(a for a, _ in infos[name].create().state_names) for name in NAMES}
    assert attrs["gd"] == ()
    assert attrs["momentum"] == ("v",) and attrs["nesterov"] == ("v",)
    assert attrs["rmsprop"] == ("s",) and attrs["adagrad"] == ("s",)
    assert attrs["adam"] == ("v", "s") and attrs["adamw"] == ("v", "s") and attrs["nadam"] == ("v", "s")
    assert attrs["adamax"] == ("v", "u")
    assert attrs["amsgrad"] == ("v", "s", "s_max")


@pytest.mark.parametrize("name", ["gd", "momentum", "nesterov"])
def test_effective_step_none_for_non_adaptive(name, infos):
    opt = infos[name].create()
    params, grads = _layers_and_grads(4)
    opt.init(params)
    opt.update(params, grads[0], 1, 0.01)
    assert opt.effective_step(0.01) is None


@pytest.mark.parametrize("name", ADAPTIVE)
def test_effective_step_shapes(name, infos):
    params, grads = _layers_and_grads(5)
    opt = infos[name].create()
    opt.init(params)
    before = opt.effective_step(0.01)  # before any update: finite, no warnings
    assert set(before) == set(params) and all(np.all(np.isfinite(a)) for a in before.values())
    for t, g in enumerate(grads, start=1):
        opt.update(params, g, t, 0.01)
    steps = opt.effective_step(0.01)
    assert set(steps) == set(params)
    for k in params:
        assert steps[k].shape == params[k].shape
        assert np.all(steps[k] > 0) and np.all(np.isfinite(steps[k]))
    doubled = opt.effective_step(0.02)
    for k in params:
        np.testing.assert_allclose(doubled[k], 2 * steps[k], rtol=1e-15)


def _one_step_change(name, values, t_steps=4, lr=0.01):
    """Run t_steps updates; return (optimizer, gradient of the last step, parameter change)."""
    rng = np.random.default_rng(7)
    params = {"w": rng.normal(size=6)}
    opt = bo_info(name).create(**values)
    opt.init(params)
    g = None
    for t in range(1, t_steps + 1):
        g = rng.normal(size=6) * (t % 3 + 0.1)
        before = params["w"].copy()
        opt.update(params, {"w": g}, t, lr)
    return opt, g, params["w"] - before


def bo_info(name):
    return {info.name: info for info in bo.optstudio_optimizers()}[name]


def test_effective_step_values():
    lr, t = 0.01, 4
    # rmsprop / adagrad: ΔW = −α/(√s + ε)·dW
    for name in ("rmsprop", "adagrad"):
        opt, g, delta = _one_step_change(name, {}, t, lr)
        np.testing.assert_allclose(delta, -opt.effective_step(lr)["w"] * g, rtol=1e-12)
        np.testing.assert_allclose(opt.effective_step(lr)["w"], lr / (np.sqrt(opt.s["w"]) + opt.epsilon))
    # adam (both ε placements) and amsgrad: ΔW = −α/(√ŝ + ε)·v^corrected
    for name, values in (("adam", {}), ("adam", {"epsilon_inside_root": False}),
                         ("adam", {"bias_correction": False, "epsilon": 1e-3}), ("amsgrad", {})):
        opt, g, delta = _one_step_change(name, values, t, lr)
        bc1 = 1 - 0.9 ** t if opt.__dict__.get("bias_correction", True) else 1.0
        v_hat = opt.v["w"] / bc1
        np.testing.assert_allclose(delta, -opt.effective_step(lr)["w"] * v_hat, rtol=1e-12)
    opt, _, _ = _one_step_change("adam", {}, t, lr)
    s_hat = opt.s["w"] / (1 - 0.999 ** t)
    np.testing.assert_allclose(opt.effective_step(lr)["w"], lr / np.sqrt(s_hat + 1e-8), rtol=1e-14)
    # adamax: ΔW = −α/((1 − β1^t)·u)·v
    opt, g, delta = _one_step_change("adamax", {}, t, lr)
    np.testing.assert_allclose(delta, -opt.effective_step(lr)["w"] * opt.v["w"], rtol=1e-12)
    # adamw: ΔW + α·λ·W_before = −α/(√ŝ + ε)·v^corrected
    rng = np.random.default_rng(8)
    params = {"w": rng.normal(size=6)}
    opt = bo_info("adamw").create(weight_decay=0.1)
    opt.init(params)
    opt.update(params, {"w": rng.normal(size=6)}, 1, lr)
    before = params["w"].copy()
    opt.update(params, {"w": rng.normal(size=6)}, 2, lr)
    shrunk = before * (1 - lr * 0.1)
    np.testing.assert_allclose(params["w"] - shrunk,
                               -opt.effective_step(lr)["w"] * opt.v["w"] / (1 - 0.9 ** 2),
                               rtol=1e-12, atol=1e-15)
    # nadam: α/(√ŝ + ε)
    opt, _, _ = _one_step_change("nadam", {}, t, lr)
    np.testing.assert_allclose(opt.effective_step(lr)["w"],
                               lr / (np.sqrt(opt.s["w"] / (1 - 0.999 ** t)) + 1e-8), rtol=1e-14)


def test_effective_step_shows_per_parameter_rates():
    """Adam's point: a parameter with small gradients gets a larger step than one with large ones."""
    opt = bo_info("adam").create()
    params = {"w": np.zeros(2)}
    opt.init(params)
    for t in range(1, 20):
        opt.update(params, {"w": np.array([10.0, 0.01])}, t, 0.001)
    steps = opt.effective_step(0.001)["w"]
    assert steps[1] > 100 * steps[0]


# ---------------------------------------------------------------------------------------------
# Descriptors and the plugin hook
# ---------------------------------------------------------------------------------------------


def test_all_names_present(infos):
    assert tuple(infos) == NAMES


def test_hook_returns_fresh_valid_descriptors():
    first = bo.optstudio_optimizers()
    assert all(isinstance(info, OptimizerInfo) for info in first)
    assert len({info.name for info in first}) == len(first)


@pytest.mark.parametrize("name", NAMES)
def test_descriptor_is_complete(name, infos):
    info = infos[name]
    # rebuilding it runs the validation again
    OptimizerInfo(name=info.name, label=info.label, description=info.description, formula=info.formula,
                  factory=info.factory, params=info.params, default_learning_rate=info.default_learning_rate)
    assert info.label and info.description and info.formula
    assert "W = W − α" in info.formula or "W = W −" in info.formula
    assert 1e-5 <= info.default_learning_rate <= 0.1
    for spec in info.params:
        assert isinstance(spec, ParamSpec)
        assert len(spec.help) > 20, spec.name
        if spec.kind in ("float", "int"):
            assert spec.min is not None and spec.max is not None, spec.name
            assert spec.min <= spec.default <= spec.max
        if spec.name == "epsilon":
            assert spec.log
    opt = info.create()
    assert isinstance(opt, Optimizer)
    # formula text is the docstring's update rule
    assert info.formula == bo.formula_of(type(opt))
    for line in info.formula.splitlines():
        assert line.strip() in type(opt).__doc__


def test_descriptor_details(infos):
    params = {name: {spec.name: spec for spec in infos[name].params} for name in NAMES}
    assert params["gd"] == {}
    assert "batch size" in infos["gd"].description
    assert params["momentum"]["beta"].default == 0.9
    assert params["momentum"]["form"].choices == ("average", "sum")
    assert params["nesterov"]["beta"].default == 0.9
    assert params["rmsprop"]["beta"].default == 0.9 and params["rmsprop"]["epsilon"].default == 1e-8
    adam = params["adam"]
    assert (adam["beta1"].default, adam["beta2"].default, adam["epsilon"].default) == (0.9, 0.999, 1e-8)
    assert adam["bias_correction"].default is True
    assert adam["epsilon_inside_root"].default is True  # reproduces the notebook's expected output
    assert params["adagrad"]["epsilon"].default == 1e-10
    # λ = 0 is allowed (AdamW without decay is Adam), so the field cannot be log-scale (needs min > 0)
    assert params["adamw"]["weight_decay"].default == 0.01 and params["adamw"]["weight_decay"].min == 0.0
    assert params["adamax"]["epsilon"].default == 1e-8
    assert params["nadam"]["momentum_decay"].default == 4e-3
    assert infos["adam"].default_learning_rate == 0.001
    assert infos["gd"].default_learning_rate == 0.01


def test_invalid_hyperparameters_are_rejected(infos):
    with pytest.raises(ValueError):
        infos["adam"].create(beta1=1.5)
    with pytest.raises(ValueError):
        infos["momentum"].create(form="heavy-ball")
    with pytest.raises(ValueError):
        infos["rmsprop"].create(epsilon=0)
    with pytest.raises(ValueError):
        infos["gd"].create(beta=0.9)


def test_plugin_manager_finds_the_hook():
    pm = pluggy.PluginManager("optstudio")
    pm.add_hookspecs(hookspecs)
    pm.register(bo)
    results = pm.hook.optstudio_optimizers()
    assert len(results) == 1
    assert [info.name for info in results[0]] == list(NAMES)
