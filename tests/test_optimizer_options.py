"""The optimizer options a teacher comparing OptStudio with torch.optim looks for (issue 13):
RMSprop ``centered`` and ``momentum``; NAdam with decoupled weight decay; Adagrad ``lr_decay``
(with ``initial_accumulator_value``); AdamW with λ = 0; Nesterov in the lecture's look-ahead form.

* torch itself: the trajectories in tests/reference/torch_optimizers.json (written by
  tests/reference/make_torch_reference.py with torch 2.13.0 in float64), compared by
  tests/test_optimizers.py::test_matches_torch for every case; here, that the new cases are there;
* torch's single-tensor algorithms written out by hand in numpy (float64), over more steps;
* the look-ahead form of Nesterov against the lecture's rule run literally, with the gradient
  evaluated at W − α·β·v by the test itself, on a quadratic and on logistic regression;
* every new option stacked: one optimizer for k runs gives each row its single run bit for bit
  (``check_stacked``, and the state arrays row by row);
* the default settings keep their state, and their numbers, exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from optstudio.core.optim import (DECOUPLED_WEIGHT_DECAY, SHARED_PARAMS, Chain, DecoupledWeightDecay, OptimizerInfo,
                                  check_stacked)
from optstudio.plugins import builtin_optimizers as bo

REFERENCE = Path(__file__).parent / "reference" / "torch_optimizers.json"


@pytest.fixture(scope="module")
def infos() -> dict[str, OptimizerInfo]:
    return {info.name: info for info in bo.optstudio_optimizers()}


def gradients(seed: int, steps: int, size: int = 7):
    """A start vector and ``steps`` gradients whose scale changes from step to step."""
    rng = np.random.default_rng(seed)
    start = rng.normal(size=size)
    grads = [rng.normal(size=size) * 10.0 ** rng.uniform(-2, 0.5) for _ in range(steps)]
    return start, grads


def run(opt, start, grads, rates):
    """Run ``opt`` from ``start`` on ``grads`` (one learning rate per step, or one for all)."""
    params = {"w": start.copy()}
    opt.init(params)
    rates = rates if isinstance(rates, (list, tuple)) else [rates] * len(grads)
    for t, (g, lr) in enumerate(zip(grads, rates), start=1):
        opt.update(params, {"w": g.copy()}, t, lr)
    return params["w"]


# ---------------------------------------------------------------------------------------------
# The torch reference file holds the new cases
# ---------------------------------------------------------------------------------------------


def test_reference_file_has_the_new_options():
    cases = {case["id"]: case for case in json.loads(REFERENCE.read_text(encoding="utf-8"))["cases"]}
    expected = {
        "rmsprop-centered": ("rmsprop", "centered=True"),
        "rmsprop-momentum": ("rmsprop", "momentum=0.9"),
        "rmsprop-centered-momentum-wd": ("rmsprop", "momentum=0.5"),
        "adagrad-lr-decay": ("adagrad", "lr_decay=0.1"),
        "adagrad-lr-decay-init": ("adagrad", "initial_accumulator_value=0.3"),
        "adamw-no-decay": ("adamw", "weight_decay=0.0"),
        "nadam-decoupled": ("nadam", "decoupled_weight_decay=True"),
        "nadam-decoupled-strong": ("nadam", "decoupled_weight_decay=True"),
        "nesterov-lookahead": ("nesterov", "nesterov=True"),
        "nesterov-lookahead-wd": ("nesterov", "nesterov=True"),
    }
    for case_id, (optimizer, torch_text) in expected.items():
        case = cases[case_id]
        assert case["optimizer"] == optimizer and torch_text in case["torch"], case_id
        assert len(case["steps"]) == 5
    assert cases["nesterov-lookahead"]["hyperparameters"]["form"] == "lookahead"
    # the look-ahead form is checked against torch's own SGD numbers: same torch call as "nesterov"
    assert cases["nesterov-lookahead"]["torch"] == cases["nesterov"]["torch"]
    assert cases["nesterov-lookahead-wd"]["torch"] == cases["nesterov-wd"]["torch"]


# ---------------------------------------------------------------------------------------------
# RMSprop: centered and momentum, against torch's algorithm written out
# ---------------------------------------------------------------------------------------------


def torch_rmsprop(start, grads, lr, alpha, eps, centered, momentum, weight_decay=0.0):
    """torch.optim.RMSprop's _single_tensor_rmsprop (torch 2.13), in numpy."""
    param = start.copy()
    square_avg = np.zeros_like(param)
    grad_avg = np.zeros_like(param)
    buf = np.zeros_like(param)
    for grad in grads:
        if weight_decay:
            grad = grad + weight_decay * param
        square_avg = square_avg * alpha + (1 - alpha) * grad * grad
        if centered:
            grad_avg = grad_avg + (1 - alpha) * (grad - grad_avg)          # lerp_(grad, 1 − alpha)
            avg = np.sqrt(square_avg - grad_avg * grad_avg)
        else:
            avg = np.sqrt(square_avg)
        avg = avg + eps
        if momentum > 0:
            buf = buf * momentum + grad / avg
            param = param - lr * buf
        else:
            param = param - lr * grad / avg
    return param, square_avg, grad_avg, buf


@pytest.mark.parametrize("centered, momentum", [(True, 0.0), (False, 0.9), (True, 0.5), (True, 0.99)])
def test_rmsprop_centered_and_momentum_match_torch_formula(infos, centered, momentum):
    start, grads = gradients(11, 40)
    lr, beta, eps = 0.01, 0.9, 1e-6
    opt = infos["rmsprop"].create(beta=beta, epsilon=eps, centered=centered, momentum=momentum)
    got = run(opt, start, grads, lr)
    want, s, g, v = torch_rmsprop(start, grads, lr, beta, eps, centered, momentum)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(opt.s["w"], s, rtol=1e-13)
    labels = dict(opt.state_names)
    if centered:
        np.testing.assert_allclose(opt.g["w"], g, rtol=1e-12, atol=1e-15)
        assert labels["g"] == "gradient average g"
    if momentum:
        np.testing.assert_allclose(opt.v["w"], v, rtol=1e-12, atol=1e-15)
        assert labels["v"] == "velocity v"
    assert set(opt.state()) == set(labels.values())


def test_rmsprop_with_weight_decay_centered_momentum_matches_torch_formula(infos):
    start, grads = gradients(12, 30)
    opt = infos["rmsprop"].create(beta=0.8, epsilon=1e-4, centered=True, momentum=0.5, weight_decay=0.1)
    want = torch_rmsprop(start, grads, 0.02, 0.8, 1e-4, True, 0.5, weight_decay=0.1)[0]
    np.testing.assert_allclose(run(opt, start, grads, 0.02), want, rtol=1e-12)


def test_centered_rmsprop_takes_a_rounded_negative_variance_as_zero(infos):
    """With a constant gradient, s − g² → 0 and rounding makes some components a hair negative:
    torch's root gives NaN there; OptStudio takes max(s − g², 0) and keeps going."""
    x = np.linspace(0.1, 3.0, 200)
    grads = [x] * 300
    start = np.zeros_like(x)
    with np.errstate(invalid="ignore"):
        torch_param = torch_rmsprop(start, grads, 0.01, 0.5, 1e-8, True, 0.0)[0]
    assert np.any(np.isnan(torch_param))                 # torch's root of a negative number
    opt = infos["rmsprop"].create(beta=0.5, centered=True)
    got = run(opt, start, grads, 0.01)
    assert np.any(opt.s["w"] - opt.g["w"] ** 2 < 0)     # the clamp was needed here too
    assert np.all(np.isfinite(got))
    finite = ~np.isnan(torch_param)
    np.testing.assert_allclose(got[finite], torch_param[finite], rtol=1e-12)
    step = opt.effective_step(0.01)["w"]
    assert np.all(np.isfinite(step)) and np.all(step > 0)
    # a zero variance means the largest step α/ε; the rest are α/(√(s − g²) + ε)
    variance = np.maximum(opt.s["w"] - opt.g["w"] ** 2, 0.0)
    np.testing.assert_allclose(step, 0.01 / (np.sqrt(variance) + 1e-8), rtol=1e-15)


def test_rmsprop_defaults_keep_their_state_and_numbers(infos):
    """centered off and μ = 0: the plain loop, no g or v arrays (nothing extra in the hot loop)."""
    opt = infos["rmsprop"].create()
    assert opt.state_names == (("s", "squared-gradient average s"),)
    start, grads = gradients(13, 10)
    plain = run(opt, start, grads, 0.01)
    assert not hasattr(opt, "g") and not hasattr(opt, "v")
    # torch's formula, operation for operation as the plain loop does it
    w, s = start.copy(), np.zeros_like(start)
    for g in grads:
        s = s * 0.9 + (g * g) * (1 - 0.9)
        w = w - (g / (np.sqrt(s) + 1e-8)) * 0.01
    np.testing.assert_array_equal(plain, w)


def test_rmsprop_momentum_effective_step_is_the_preconditioner(infos):
    """With momentum, ΔW = −α·v, and v − μ·v_old = dW·effective_step/α."""
    start, grads = gradients(15, 6)
    opt = infos["rmsprop"].create(momentum=0.9, centered=True)
    params = {"w": start.copy()}
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        v_old = opt.v["w"].copy()
        before = params["w"].copy()
        opt.update(params, {"w": g}, t, 0.01)
    np.testing.assert_allclose(params["w"] - before, -0.01 * opt.v["w"], rtol=1e-13)
    np.testing.assert_allclose(opt.v["w"] - 0.9 * v_old, g * opt.effective_step(0.01)["w"] / 0.01, rtol=1e-10)


# ---------------------------------------------------------------------------------------------
# Adagrad: lr_decay and initial_accumulator_value
# ---------------------------------------------------------------------------------------------


def torch_adagrad(start, grads, lr, lr_decay, initial, eps):
    """torch.optim.Adagrad's _single_tensor_adagrad (dense gradients), in numpy."""
    param = start.copy()
    state_sum = np.full_like(param, initial)
    for step, grad in enumerate(grads, start=1):
        clr = lr / (1 + (step - 1) * lr_decay)
        state_sum = state_sum + grad * grad
        std = np.sqrt(state_sum) + eps
        param = param - clr * (grad / std)
    return param, state_sum


@pytest.mark.parametrize("lr_decay, initial", [(0.1, 0.0), (0.5, 0.3), (1e-3, 2.0), (0.0, 0.7)])
def test_adagrad_lr_decay_and_initial_value_match_torch_formula(infos, lr_decay, initial):
    start, grads = gradients(21, 30)
    opt = infos["adagrad"].create(lr_decay=lr_decay, initial_accumulator_value=initial, epsilon=1e-6)
    got = run(opt, start, grads, 0.1)
    want, state_sum = torch_adagrad(start, grads, 0.1, lr_decay, initial, 1e-6)
    np.testing.assert_allclose(got, want, rtol=1e-13)
    np.testing.assert_allclose(opt.s["w"], state_sum, rtol=1e-14)
    # the effective step is the latest update's: α/(1 + (t − 1)·d)/(√s + ε)
    t = len(grads)
    np.testing.assert_allclose(opt.effective_step(0.1)["w"],
                               0.1 / (1 + (t - 1) * lr_decay) / (np.sqrt(state_sum) + 1e-6), rtol=1e-14)


def test_adagrad_lr_decay_zero_is_the_old_update_bit_for_bit(infos):
    start, grads = gradients(22, 12)
    w, s = start.copy(), np.zeros_like(start)
    for g in grads:
        s = s + g * g
        w = w - (g / (np.sqrt(s) + 1e-10)) * 0.1
    np.testing.assert_array_equal(run(infos["adagrad"].create(), start, grads, 0.1), w)


# ---------------------------------------------------------------------------------------------
# NAdam with decoupled weight decay; AdamW with λ = 0
# ---------------------------------------------------------------------------------------------


def test_nadam_decoupled_weight_decay_is_its_own_stackable_parameter(infos):
    nadam = infos["nadam"]
    own = {p.name: p for p in nadam.own_params}
    assert "decoupled_weight_decay" in own and own["decoupled_weight_decay"] not in SHARED_PARAMS
    spec = own["decoupled_weight_decay"]
    assert (spec.default, spec.min, spec.max, spec.label) == (0.0, 0.0, 1.0, DECOUPLED_WEIGHT_DECAY.label)
    assert "decoupled_weight_decay=True" in spec.help
    # offered once, at the place of the shared one; not a shared piece any more, so it stacks
    assert [p.name for p in nadam.all_params].count("decoupled_weight_decay") == 1
    assert nadam.stack_signature({"decoupled_weight_decay": 0.1}) == nadam.stack_signature({})
    assert nadam.stack_signature({"decoupled_weight_decay": 0.1, "weight_decay": 0.1}) is None
    opt = nadam.create(decoupled_weight_decay=0.1)
    assert isinstance(opt, bo.NAdam) and opt.decoupled_weight_decay == 0.1


@pytest.mark.parametrize("lam", [1e-3, 0.1, 0.5])
def test_nadam_decoupled_decay_is_nadam_after_the_shared_decoupled_step(infos, lam):
    """Bit for bit the composition it replaces: Chain(NAdam, DecoupledWeightDecay(λ))."""
    start, grads = gradients(31, 25)
    native = run(infos["nadam"].create(decoupled_weight_decay=lam, momentum_decay=0.1), start, grads, 0.02)
    chained = run(Chain(bo.NAdam(momentum_decay=0.1), pre=(DecoupledWeightDecay(lam),)), start, grads, 0.02)
    np.testing.assert_array_equal(native, chained)


def torch_nadam(start, grads, lr, beta1, beta2, eps, weight_decay, psi, decoupled):
    """torch.optim.NAdam's _single_tensor_nadam (not capturable), in numpy."""
    param = start.copy()
    exp_avg = np.zeros_like(param)
    exp_avg_sq = np.zeros_like(param)
    mu_product = 1.0
    for step, grad in enumerate(grads, start=1):
        bias_correction2 = 1 - beta2 ** step
        if weight_decay:
            if decoupled:
                param = param * (1 - lr * weight_decay)
            else:
                grad = grad + weight_decay * param
        mu = beta1 * (1.0 - 0.5 * 0.96 ** (step * psi))
        mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((step + 1) * psi))
        mu_product *= mu
        exp_avg = exp_avg + (1 - beta1) * (grad - exp_avg)
        exp_avg_sq = exp_avg_sq * beta2 + (1 - beta2) * grad * grad
        denom = np.sqrt(exp_avg_sq / bias_correction2) + eps
        mu_product_next = mu_product * mu_next
        param = param + (-lr * (1.0 - mu) / (1.0 - mu_product)) * (grad / denom)
        param = param + ((-lr * mu_next) / (1.0 - mu_product_next)) * (exp_avg / denom)
    return param


def test_nadam_decoupled_matches_torch_formula_and_differs_from_coupled(infos):
    start, grads = gradients(32, 40)
    lam, lr = 0.2, 0.02
    decoupled = run(infos["nadam"].create(decoupled_weight_decay=lam), start, grads, lr)
    coupled = run(infos["nadam"].create(weight_decay=lam), start, grads, lr)
    np.testing.assert_allclose(decoupled, torch_nadam(start, grads, lr, 0.9, 0.999, 1e-8, lam, 4e-3, True),
                               rtol=1e-11)
    np.testing.assert_allclose(coupled, torch_nadam(start, grads, lr, 0.9, 0.999, 1e-8, lam, 4e-3, False),
                               rtol=1e-11)
    assert np.max(np.abs(decoupled - coupled)) > 1e-4


def test_nadam_default_has_no_decay_step(infos):
    opt = infos["nadam"].create()
    assert opt._decay is None and opt.decoupled_weight_decay == 0.0


def test_adamw_with_zero_decay_is_torch_adam(infos):
    """λ = 0 is allowed (the field's minimum), and then AdamW is Adam with ε outside the root, bit
    for bit; torch.optim.AdamW(weight_decay=0) is the reference file's case adamw-no-decay."""
    assert {p.name: p for p in infos["adamw"].params}["weight_decay"].min == 0.0
    opt = infos["adamw"].create(weight_decay=0.0)
    assert opt._decay is None
    start, grads = gradients(41, 20)
    adam = run(infos["adam"].create(epsilon_inside_root=False), start, grads, 0.01)
    np.testing.assert_array_equal(run(opt, start, grads, 0.01), adam)
    for text in ("0", "0.0", 0):
        assert infos["adamw"].validate({"weight_decay": text})["weight_decay"] == 0.0


def test_adamw_zero_decay_through_the_command_line(capsys):
    from optstudio.cli import main
    assert main(["run", "--optimizer", "adamw", "--set", "weight_decay=0", "--epochs", "2", "--samples", "60",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["optimizer"] == "adamw" and out["optimizer_params"].get("weight_decay") == 0.0


# ---------------------------------------------------------------------------------------------
# Nesterov in the lecture's look-ahead form
# ---------------------------------------------------------------------------------------------


class Quadratic:
    """J(W) = ½·(W − c)ᵀ·A·(W − c), A symmetric positive definite (an elongated bowl)."""

    def __init__(self, seed=0, n=6):
        rng = np.random.default_rng(seed)
        q, _ = np.linalg.qr(rng.normal(size=(n, n)))
        self.A = q @ np.diag(np.geomspace(0.05, 5.0, n)) @ q.T
        self.c = rng.normal(size=n)
        self.start = rng.normal(size=n) * 3

    def grad(self, w):
        return self.A @ (w - self.c)


class Logistic:
    """Mean cross-entropy of logistic regression on fixed data: a non-quadratic cost."""

    def __init__(self, seed=1, n=5, m=40):
        rng = np.random.default_rng(seed)
        self.X = rng.normal(size=(m, n))
        self.y = (self.X @ rng.normal(size=n) + 0.3 * rng.normal(size=m) > 0).astype(float)
        self.start = rng.normal(size=n)

    def grad(self, w):
        p = 1.0 / (1.0 + np.exp(-(self.X @ w)))
        return self.X.T @ (p - self.y) / len(self.y)


def lecture_nesterov(problem, rates, beta):
    """The lecture's rule run literally: the gradient evaluated at the look-ahead point."""
    w = problem.start.copy()
    v = np.zeros_like(w)
    ws, vs = [], []
    for lr in rates:
        dw = problem.grad(w - lr * beta * v)             # ∇J(W − α·β·v)
        v = beta * v + dw
        w = w - lr * v
        ws.append(w.copy())
        vs.append(v.copy())
    return ws, vs


def optimizer_path(info, form, problem, rates, beta):
    """The optimizer as the engine drives it: the gradient at the parameters the network holds."""
    opt = info.create(beta=beta, form=form)
    params = {"w": problem.start.copy()}
    opt.init(params)
    thetas, states = [], []
    for t, lr in enumerate(rates, start=1):
        opt.update(params, {"w": problem.grad(params["w"])}, t, lr)
        thetas.append(params["w"].copy())
        states.append({attr: getattr(opt, attr)["w"].copy() for attr, _ in opt.state_names})
    return thetas, states


@pytest.mark.parametrize("problem", [Quadratic(), Logistic()], ids=["quadratic", "logistic"])
@pytest.mark.parametrize("beta", [0.5, 0.9])
def test_lookahead_form_is_the_lecture_rule_and_torch_form_holds_the_lookahead_point(infos, problem, beta):
    """Both forms store Θ = W − α·β·v, where W and v are the lecture's (its gradient evaluated at
    the look-ahead point by this test); the look-ahead form also keeps the lecture's W."""
    lr = 0.05 if isinstance(problem, Quadratic) else 0.5
    rates = [lr] * 60
    ws, vs = lecture_nesterov(problem, rates, beta)
    torch_thetas, torch_states = optimizer_path(infos["nesterov"], "torch", problem, rates, beta)
    look_thetas, look_states = optimizer_path(infos["nesterov"], "lookahead", problem, rates, beta)
    for t, (w, v) in enumerate(zip(ws, vs)):
        theta = w - lr * beta * v
        scale = np.max(np.abs(w)) + 1.0
        np.testing.assert_allclose(torch_thetas[t], theta, rtol=0, atol=1e-12 * scale, err_msg=f"torch, step {t + 1}")
        np.testing.assert_allclose(look_thetas[t], theta, rtol=0, atol=1e-12 * scale, err_msg=f"lookahead, {t + 1}")
        np.testing.assert_allclose(look_states[t]["w"], w, rtol=0, atol=1e-12 * scale)
        np.testing.assert_allclose(look_states[t]["v"], v, rtol=0, atol=1e-12 * (np.max(np.abs(v)) + 1.0))
        np.testing.assert_allclose(torch_states[t]["v"], v, rtol=0, atol=1e-12 * (np.max(np.abs(v)) + 1.0))
    # and it did optimise: the quadratic's minimum is c, the logistic gradient gets small
    if isinstance(problem, Quadratic):
        assert np.linalg.norm(ws[-1] - problem.c) < 0.5 * np.linalg.norm(problem.start - problem.c)
    assert np.linalg.norm(problem.grad(look_thetas[-1])) < np.linalg.norm(problem.grad(problem.start))


def test_the_two_forms_agree_under_a_changing_learning_rate(infos):
    """Θ follows the torch form for any α sequence; W = Θ + α·β·v with the latest α."""
    problem = Quadratic(seed=3)
    rates = list(0.08 / (1.0 + 0.1 * np.arange(40)))
    torch_thetas, _ = optimizer_path(infos["nesterov"], "torch", problem, rates, 0.9)
    look_thetas, look_states = optimizer_path(infos["nesterov"], "lookahead", problem, rates, 0.9)
    for t in range(len(rates)):
        np.testing.assert_allclose(look_thetas[t], torch_thetas[t], rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(look_states[t]["w"], look_thetas[t] + rates[t] * 0.9 * look_states[t]["v"],
                                   rtol=1e-12, atol=1e-13)


def test_lookahead_form_with_decoupled_decay_and_weight_decay_matches_torch_form(infos):
    """Shared pieces act on the parameters the network holds (Θ) in both forms."""
    start, grads = gradients(51, 30)
    for values in ({"decoupled_weight_decay": 0.1}, {"weight_decay": 0.05}, {"clip_norm": 0.5}):
        a = run(infos["nesterov"].create(form="torch", **values), start, grads, 0.05)
        b = run(infos["nesterov"].create(form="lookahead", **values), start, grads, 0.05)
        np.testing.assert_allclose(b, a, rtol=1e-12, atol=1e-13, err_msg=str(values))


def test_nesterov_forms_descriptor_and_state(infos):
    info = infos["nesterov"]
    form = {p.name: p for p in info.params}["form"]
    assert form.kind == "choice" and form.choices == ("torch", "lookahead") and form.default == "torch"
    assert "v = β·v + ∇J(W − α·β·v)" in info.formula and "Θ = W − α·β·v" in info.formula
    assert info.formula.splitlines()[:2] == ["v = β·v + dW", "W = W − α·(dW + β·v)"]
    assert info.create().state_names == (("v", "velocity v"),)
    look = info.create(form="lookahead")
    assert [a for a, _ in look.state_names] == ["v", "w"]
    params = {"w": np.array([1.0, -2.0])}
    look.init(params)
    np.testing.assert_array_equal(look.w["w"], params["w"])   # v = 0: W = Θ before any update
    assert look.w["w"] is not params["w"]
    with pytest.raises(ValueError, match="form must be one of torch, lookahead"):
        info.create(form="sutskever")


def test_lookahead_form_trains_a_network_like_the_torch_form():
    """Through the engine: the same costs, epoch by epoch, to rounding."""
    from optstudio.core.build import build_engine
    from optstudio.core.experiment import notebook_preset
    from optstudio.plugins.manager import PluginManager

    manager = PluginManager(load_entry_points=False, plugin_dirs=[])
    costs = {}
    for form in ("torch", "lookahead"):
        exp = notebook_preset()
        exp.training.epochs = 30
        exp.optimizer.name = "nesterov"
        exp.optimizer.learning_rate = 0.01
        exp.optimizer.params = {"beta": 0.9, "form": form}
        engine = build_engine(exp, manager)
        engine.run()
        run = engine.runs[0]
        costs[form] = np.array(run.history.costs)
    assert len(costs["torch"]) == 30
    np.testing.assert_allclose(costs["lookahead"], costs["torch"], rtol=1e-9)


# ---------------------------------------------------------------------------------------------
# Stacked: each new option, one optimizer for k runs, bit for bit
# ---------------------------------------------------------------------------------------------

STACKS = {
    "rmsprop-centered": ("rmsprop", [{"centered": True, "beta": b, "epsilon": e}
                                     for b, e in ((0.9, 1e-8), (0.5, 1e-3), (0.99, 1e-6), (0.9, 1e-8))]),
    "rmsprop-momentum-mixed": ("rmsprop", [{"momentum": m} for m in (0.0, 0.9, 0.5, 0.0, 0.99)]),
    "rmsprop-momentum-all": ("rmsprop", [{"momentum": m, "beta": b} for m, b in ((0.9, 0.9), (0.3, 0.7), (0.6, 0.99))]),
    "rmsprop-centered-momentum": ("rmsprop", [{"centered": True, "momentum": m, "beta": b}
                                              for m, b in ((0.0, 0.9), (0.9, 0.8), (0.5, 0.99))]),
    "adagrad-lr-decay": ("adagrad", [{"lr_decay": d, "initial_accumulator_value": s}
                                     for d, s in ((0.0, 0.0), (0.1, 0.0), (0.01, 0.5), (1.0, 3.0))]),
    "nadam-decoupled": ("nadam", [{"decoupled_weight_decay": lam, "momentum_decay": psi}
                                  for lam, psi in ((0.0, 4e-3), (0.1, 4e-3), (0.5, 0.1), (1e-3, 0.02))]),
    "adamw-zero-decay": ("adamw", [{"weight_decay": lam} for lam in (0.0, 0.01, 0.0, 0.3)]),
    "adamw-all-zero": ("adamw", [{"weight_decay": 0.0, "beta1": b} for b in (0.9, 0.8)]),
    "nesterov-lookahead": ("nesterov", [{"form": "lookahead", "beta": b} for b in (0.9, 0.5, 0.0, 0.99)]),
}


@pytest.mark.parametrize("case", list(STACKS))
def test_new_options_stack_bit_for_bit(infos, case):
    name, rows = STACKS[case]
    info = infos[name]
    assert info.stackable and len({info.stack_signature(r) for r in rows}) == 1
    check_stacked(info, rows, steps=40)
    # the state a stack shows is, row by row, each single run's (test_sweep's rule)
    rng = np.random.default_rng(5)
    k, size = len(rows), 9
    stacked = info.create_stacked(rows)
    singles = [info.create(**r) for r in rows]
    theta = rng.standard_normal((k, size))
    thetas = [theta[i].copy() for i in range(k)]
    stacked.init({"theta": theta})
    for opt, th in zip(singles, thetas):
        opt.init({"theta": th})
    rates = np.exp(rng.uniform(np.log(1e-3), 0.0, size=(k, 1)))
    for t in range(1, 16):
        grads = rng.standard_normal((k, size))
        stacked.update({"theta": theta}, {"theta": grads}, t, rates)
        for i, (opt, th) in enumerate(zip(singles, thetas)):
            opt.update({"theta": th}, {"theta": grads[i].copy()}, t, float(rates[i, 0]))
    for i in range(k):
        np.testing.assert_array_equal(theta[i], thetas[i])
    for label, arrays in stacked.state().items():
        for i, opt in enumerate(singles):
            np.testing.assert_array_equal(arrays["theta"][i], opt.state()[label]["theta"])
    step = stacked.effective_step(rates)
    if step is not None:
        for i, opt in enumerate(singles):
            np.testing.assert_array_equal(step["theta"][i], opt.effective_step(float(rates[i, 0]))["theta"])


def test_a_mixed_momentum_stack_keeps_v_for_its_rows(infos):
    """Rows with μ > 0 next to rows with μ = 0: the stack keeps v (a run split off the stack takes
    its row), but shows it only when every row has one."""
    info = infos["rmsprop"]
    mixed = info.create_stacked([{"momentum": 0.0}, {"momentum": 0.9}])
    mixed.init({"theta": np.zeros((2, 3))})
    assert hasattr(mixed, "v") and mixed.v["theta"].shape == (2, 3)
    assert [a for a, _ in mixed.state_names] == ["s"]
    full = info.create_stacked([{"momentum": 0.5}, {"momentum": 0.9}])
    assert [a for a, _ in full.state_names] == ["s", "v"]
    with pytest.raises(ValueError, match="share their true/false"):
        info.create_stacked([{"centered": True}, {"centered": False}])
    with pytest.raises(ValueError, match="share their true/false"):
        infos["nesterov"].create_stacked([{"form": "torch"}, {"form": "lookahead"}])


# ---------------------------------------------------------------------------------------------
# Descriptors: the new fields and their messages
# ---------------------------------------------------------------------------------------------


def test_new_specs(infos):
    rms = {p.name: p for p in infos["rmsprop"].params}
    assert rms["centered"].kind == "bool" and rms["centered"].default is False
    assert (rms["momentum"].default, rms["momentum"].min, rms["momentum"].max) == (0.0, 0.0, 0.9999)
    ada = {p.name: p for p in infos["adagrad"].params}
    assert (ada["lr_decay"].default, ada["lr_decay"].min) == (0.0, 0.0)
    assert ada["initial_accumulator_value"].default == 0.0
    assert "centered" in infos["rmsprop"].formula and "μ" in infos["rmsprop"].formula
    assert "(t − 1)" in infos["adagrad"].formula
    assert "decoupled λ > 0: first W = W − α·λ·W" in infos["nadam"].formula
    assert "decoupled_weight_decay=True" in bo.NAdam.__doc__


@pytest.mark.parametrize("name, values, message", [
    ("rmsprop", {"momentum": 1.5}, "optimizer 'rmsprop': momentum must be at most 0.9999, got 1.5"),
    ("rmsprop", {"momentum": -0.1}, "optimizer 'rmsprop': momentum must be at least 0, got -0.1"),
    ("rmsprop", {"centered": "maybe"}, "optimizer 'rmsprop': centered must be true or false, got 'maybe'"),
    ("adagrad", {"lr_decay": -1}, "optimizer 'adagrad': lr_decay must be at least 0, got -1"),
    ("nadam", {"decoupled_weight_decay": 2}, "optimizer 'nadam': decoupled_weight_decay must be at most 1, got 2"),
    ("adamw", {"weight_decay": -0.01}, "optimizer 'adamw': weight_decay must be at least 0, got -0.01"),
    ("nesterov", {"form": "ahead"}, "optimizer 'nesterov': form must be one of torch, lookahead, got 'ahead'"),
])
def test_bad_values_get_one_line_messages(infos, name, values, message):
    with pytest.raises(ValueError) as exc:
        infos[name].create(**values)
    assert str(exc.value) == message


# ---------------------------------------------------------------------------------------------
# The new options keep the optimizer contract: layers or one flat vector, in place, dtypes, reset
# ---------------------------------------------------------------------------------------------

VARIANTS = [("rmsprop", {"centered": True}), ("rmsprop", {"momentum": 0.9}),
            ("rmsprop", {"centered": True, "momentum": 0.5}), ("adagrad", {"lr_decay": 0.1}),
            ("nadam", {"decoupled_weight_decay": 0.1}), ("adamw", {"weight_decay": 0.0}),
            ("nesterov", {"form": "lookahead"})]
VARIANT_IDS = [f"{name}-{'-'.join(f'{k}={v}' for k, v in values.items())}" for name, values in VARIANTS]
SHAPES = {"W1": (4, 2), "b1": (4, 1), "W2": (1, 4), "b2": (1, 1)}


def _layers(seed):
    rng = np.random.default_rng(seed)
    params = {name: rng.normal(size=shape) for name, shape in SHAPES.items()}
    grads = [{name: rng.normal(size=shape) * 10.0 ** rng.uniform(-2, 0) for name, shape in SHAPES.items()}
             for _ in range(6)]
    return params, grads


def _flat(d):
    return np.concatenate([d[name].ravel() for name in SHAPES])


@pytest.mark.parametrize("name, values", VARIANTS, ids=VARIANT_IDS)
def test_new_options_layers_flat_in_place_and_reset(infos, name, values):
    layers, grads = _layers(61)
    start = {k: v.copy() for k, v in layers.items()}
    originals = dict(layers)
    flat = {"theta": _flat(layers)}
    a, b = infos[name].create(**values), infos[name].create(**values)
    a.init(layers)
    b.init(flat)
    for t, g in enumerate(grads, start=1):
        kept = {k: v.copy() for k, v in g.items()}
        a.update(layers, g, t, 0.01)
        b.update(flat, {"theta": _flat(g)}, t, 0.01)
        for k in g:
            np.testing.assert_array_equal(g[k], kept[k])            # gradients untouched
    for k in layers:
        assert layers[k] is originals[k]                                # updated in place
    np.testing.assert_allclose(_flat(layers), flat["theta"], rtol=1e-14, atol=1e-15)
    assert not np.array_equal(_flat(layers), _flat(start))
    # init resets everything: the same run again gives the same numbers
    first = _flat(layers)
    again = {k: v.copy() for k, v in start.items()}
    a.init(again)
    for t, g in enumerate(grads, start=1):
        a.update(again, g, t, 0.01)
    np.testing.assert_array_equal(_flat(again), first)
    for label, arrays in a.state().items():
        assert set(arrays) == set(SHAPES) and all(arrays[k].shape == SHAPES[k] for k in SHAPES), label


@pytest.mark.parametrize("name, values", VARIANTS, ids=VARIANT_IDS)
def test_new_options_keep_float32_and_take_0d_parameters(infos, name, values):
    params = {"x": np.linspace(-1, 1, 5, dtype=np.float32)}
    opt = infos[name].create(**values)
    opt.init(params)
    for t in range(1, 4):
        opt.update(params, {"x": np.full(5, 0.5, np.float32)}, t, 0.01)
    assert params["x"].dtype == np.float32 and np.all(np.isfinite(params["x"]))
    point = {"x": np.array(1.5), "y": np.array(-0.5)}
    opt = infos[name].create(**values)
    opt.init(point)
    for t in range(1, 4):
        opt.update(point, {"x": 2 * point["x"], "y": 20 * point["y"]}, t, 0.01)
    assert abs(float(point["x"])) < 1.5 and abs(float(point["y"])) < 0.5


BINDING = [(i, (name, values)) for i, (name, values) in enumerate(VARIANTS) if name != "adamw"]  # λ = 0: no option


@pytest.mark.parametrize("name, values", [v for _, v in BINDING], ids=[VARIANT_IDS[i] for i, _ in BINDING])
def test_an_option_binds_its_own_update_and_the_default_runs_the_old_loop(infos, name, values):
    """The options' loops are chosen once, when the optimizer is built: a default optimizer's
    update is the class's own loop (nothing tested per call), the option's is its own method."""
    default = infos[name].create()
    assert "update" not in vars(default) and type(default).update is getattr(bo, type(default).__name__).update
    stacked_default = infos[name].create_stacked([{}, {}])
    assert "update" not in vars(stacked_default)
    opt = infos[name].create(**values)
    assert vars(opt)["update"].__self__ is opt and vars(opt)["update"].__name__.startswith("_update_")
