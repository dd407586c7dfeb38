"""The shared optimizer pieces of optstudio/core/optim.py: weight decay (coupled and decoupled),
clipping by global norm and by value, the Chain that runs them before an optimizer's update, and
how OptimizerInfo and the registry offer them to every optimizer.

The expected values are torch's algorithms written out by hand in numpy (float64), independently
of the code under test: torch.optim.SGD/Adam/AdamW's single-tensor loops and
torch.nn.utils.clip_grad_norm_/clip_grad_value_.
"""

from __future__ import annotations

import inspect
import math
import sys

import numpy as np
import pytest

from optstudio.core.optim import (CLIP_NORM, CLIP_VALUE, DECOUPLED_WEIGHT_DECAY, SHARED_NAMES, SHARED_PARAMS,
                                  WEIGHT_DECAY, Chain, ClipByGlobalNorm, ClipByValue, CoupledWeightDecay,
                                  DecoupledWeightDecay, DescriptorError, Optimizer, OptimizerInfo, ParamSpec,
                                  Transform, with_shared)
from optstudio.plugins import builtin_optimizers as bo
from optstudio.plugins.manager import PluginManager, PluginRuntimeError

SHAPES = {"W1": (4, 3), "b1": (4, 1), "W2": (2, 4), "b2": (2, 1)}


@pytest.fixture(scope="module")
def infos() -> dict[str, OptimizerInfo]:
    return {info.name: info for info in bo.optstudio_optimizers()}


def problem(seed: int = 0, steps: int = 8, scale: float = 1.0):
    """Parameters and a list of gradient dicts; ``scale`` makes the gradients large or small."""
    rng = np.random.default_rng(seed)
    params = {name: rng.normal(size=shape) for name, shape in SHAPES.items()}
    grads = [{name: scale * rng.normal(size=shape) for name, shape in SHAPES.items()} for _ in range(steps)]
    return params, grads


def copy(d):
    return {k: v.copy() for k, v in d.items()}


def run(opt, params, grads, lr):
    """Run ``opt`` on copies; returns the final parameters. The gradients must stay untouched."""
    params = copy(params)
    originals = [copy(g) for g in grads]
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        opt.update(params, g, t, lr)
    for g, original in zip(grads, originals):
        for k in g:
            np.testing.assert_array_equal(g[k], original[k])  # the caller's gradients are never changed
    return params


# ---------------------------------------------------------------------------------------------
# torch's algorithms, by hand
# ---------------------------------------------------------------------------------------------


def torch_clip_grad_norm(grads, max_norm):
    """torch.nn.utils.clip_grad_norm_(norm_type=2): the norm of the per-tensor norms."""
    norms = [np.linalg.norm(g.ravel()) for g in grads.values()]
    total = np.linalg.norm(np.array(norms))
    clip_coef = max_norm / (total + 1e-6)
    clamped = min(clip_coef, 1.0)
    return {k: g * clamped for k, g in grads.items()}, total


def torch_clip_grad_value(grads, c):
    return {k: np.clip(g, -c, c) for k, g in grads.items()}


def torch_sgd(params, grads_seq, lr, momentum=0.0, nesterov=False, weight_decay=0.0, clip_norm=None,
              clip_value=None):
    p = copy(params)
    buf = None
    for g in grads_seq:
        if clip_norm is not None:
            g, _ = torch_clip_grad_norm(g, clip_norm)
        if clip_value is not None:
            g = torch_clip_grad_value(g, clip_value)
        d = {k: g[k] + weight_decay * p[k] for k in p}  # grad.add(param, alpha=weight_decay)
        if momentum:
            buf = copy(d) if buf is None else {k: momentum * buf[k] + d[k] for k in p}
            d = {k: d[k] + momentum * buf[k] for k in p} if nesterov else buf
        p = {k: p[k] - lr * d[k] for k in p}
    return p


def torch_adamw(params, grads_seq, lr, weight_decay, beta1=0.9, beta2=0.999, eps=1e-8, clip_norm=None):
    """torch.optim.AdamW (and torch.optim.Adam when weight_decay = 0), _single_tensor_adamw."""
    p = copy(params)
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(x) for k, x in p.items()}
    for step, g in enumerate(grads_seq, start=1):
        if clip_norm is not None:
            g, _ = torch_clip_grad_norm(g, clip_norm)
        for k in p:
            p[k] = p[k] * (1 - lr * weight_decay)
            m[k] = m[k] + (1 - beta1) * (g[k] - m[k])  # exp_avg.lerp_(grad, 1 - beta1)
            v[k] = v[k] * beta2 + (1 - beta2) * g[k] * g[k]
            bias_correction1 = 1 - beta1 ** step
            bias_correction2 = 1 - beta2 ** step
            step_size = lr / bias_correction1
            denom = np.sqrt(v[k]) / math.sqrt(bias_correction2) + eps
            p[k] = p[k] - step_size * m[k] / denom
    return p


def assert_close(actual, expected, rtol=1e-12):
    for k in expected:
        np.testing.assert_allclose(actual[k], expected[k], rtol=rtol, atol=1e-14, err_msg=k)


# ---------------------------------------------------------------------------------------------
# The pieces against torch's formulas
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.0, 0.01, 0.3])
def test_adam_plus_decoupled_decay_is_torch_adamw(infos, lam):
    params, grads = problem(1)
    lr = 0.02
    expected = torch_adamw(params, grads, lr, lam)
    composed = infos["adam"].create(epsilon_inside_root=False, decoupled_weight_decay=lam)
    assert isinstance(composed, Chain) == (lam != 0)
    assert_close(run(composed, params, grads, lr), expected)
    # AdamW is Adam + the same piece: the same numbers, bit for bit
    adamw = infos["adamw"].create(weight_decay=lam)
    assert isinstance(adamw, bo.AdamW) and not isinstance(adamw, Chain)
    assert issubclass(bo.AdamW, bo.Adam)
    result = run(adamw, params, grads, lr)
    composed_again = run(infos["adam"].create(epsilon_inside_root=False, decoupled_weight_decay=lam),
                         params, grads, lr)
    for k in SHAPES:
        np.testing.assert_array_equal(result[k], composed_again[k])


def test_decoupled_decay_on_gradient_descent(infos):
    """W ← W·(1 − α·λ), then W ← W − α·dW (torch AdamW's order)."""
    params, grads = problem(2)
    lr, lam = 0.05, 0.2
    expected = copy(params)
    for g in grads:
        expected = {k: expected[k] * (1 - lr * lam) - lr * g[k] for k in expected}
    assert_close(run(infos["gd"].create(decoupled_weight_decay=lam), params, grads, lr), expected, rtol=1e-13)


@pytest.mark.parametrize("scale,clips", [(5.0, True), (1e-3, False)])
def test_clip_norm_is_torch_clip_grad_norm(infos, scale, clips):
    params, grads = problem(3, scale=scale)
    max_norm, lr = 1.0, 0.05
    _, total = torch_clip_grad_norm(grads[0], max_norm)
    assert (total > max_norm) == clips
    expected = torch_sgd(params, grads, lr, momentum=0.9, nesterov=True, clip_norm=max_norm)
    opt = infos["nesterov"].create(beta=0.9, clip_norm=max_norm)
    assert isinstance(opt, Chain) and isinstance(opt.transforms[0], ClipByGlobalNorm)
    assert_close(run(opt, params, grads, lr), expected)
    assert opt.transforms[0].last_norm == pytest.approx(torch_clip_grad_norm(grads[-1], 1.0)[1], rel=1e-13)
    if not clips:  # below the threshold the gradients pass unchanged: bit-identical to no clipping
        plain = run(infos["nesterov"].create(beta=0.9), params, grads, lr)
        clipped = run(infos["nesterov"].create(beta=0.9, clip_norm=max_norm), params, grads, lr)
        for k in SHAPES:
            np.testing.assert_array_equal(clipped[k], plain[k])


def test_clip_norm_is_one_norm_over_all_parameters():
    """The global norm, not one norm per array: every array is scaled by the same factor."""
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0], [4.0]])}  # ‖·‖ = 5
    out = {k: np.empty_like(g) for k, g in grads.items()}
    clip = ClipByGlobalNorm(2.5)
    clip.init(grads)
    result = clip.apply({}, grads, out, 0.1)
    assert result is out
    coef = 2.5 / (5.0 + 1e-6)
    np.testing.assert_allclose(out["a"], [3.0 * coef, 0.0], rtol=1e-15)
    np.testing.assert_allclose(out["b"], [[0.0], [4.0 * coef]], rtol=1e-15)
    assert clip.last_norm == 5.0


def test_clip_value_is_torch_clip_grad_value(infos):
    params, grads = problem(4, scale=3.0)
    lr, c = 0.01, 0.5
    expected = torch_sgd(params, grads, lr, momentum=0.8, clip_value=c)
    # momentum form "sum" is torch's SGD momentum
    opt = infos["momentum"].create(beta=0.8, form="sum", clip_value=c)
    assert [type(s) for s in opt.transforms] == [ClipByValue]
    assert_close(run(opt, params, grads, lr), expected)


def test_coupled_decay_on_gd_and_order_with_clipping(infos):
    """torch: clip_grad_norm_ on .grad, then step() adds λ·W (so the decay is not clipped)."""
    params, grads = problem(5, scale=4.0)
    lr, lam = 0.03, 0.1
    assert_close(run(infos["gd"].create(weight_decay=lam), params, grads, lr),
                 torch_sgd(params, grads, lr, weight_decay=lam), rtol=1e-13)
    opt = infos["gd"].create(weight_decay=lam, clip_norm=1.0, clip_value=0.2)
    assert [type(s) for s in opt.transforms] == [ClipByGlobalNorm, ClipByValue, CoupledWeightDecay]
    assert_close(run(opt, params, grads, lr),
                 torch_sgd(params, grads, lr, weight_decay=lam, clip_norm=1.0, clip_value=0.2), rtol=1e-13)


def test_clip_norm_with_adamw(infos):
    params, grads = problem(6, scale=10.0)
    lr = 0.01
    expected = torch_adamw(params, grads, lr, 0.05, clip_norm=2.0)
    assert_close(run(infos["adamw"].create(weight_decay=0.05, clip_norm=2.0), params, grads, lr), expected)


def test_all_shared_pieces_together_keep_float32(infos):
    params = {"x": np.linspace(-1, 1, 5, dtype=np.float32)}
    grads = {"x": np.full(5, 3.0, np.float32)}
    opt = infos["adam"].create(weight_decay=0.01, decoupled_weight_decay=0.01, clip_norm=1.0, clip_value=0.1)
    opt.init(params)
    for t in range(1, 4):
        opt.update(params, grads, t, 0.01)
    assert params["x"].dtype == np.float32 and np.all(np.isfinite(params["x"]))


# ---------------------------------------------------------------------------------------------
# Chain: an Optimizer, no wrapper when nothing is on, no allocation per step
# ---------------------------------------------------------------------------------------------


class Recorder(Optimizer):
    """Plain gradient descent that remembers the gradient arrays it was given."""

    state_names = (("seen", "last gradient"),)

    def __init__(self):
        self.received = []

    def update(self, params, grads, t, learning_rate):
        self.t = t
        self.received.append(dict(grads))
        for name, W in params.items():
            W -= learning_rate * grads[name]

    def effective_step(self, learning_rate):
        return {"x": np.array(learning_rate)}


def test_no_wrapper_when_all_shared_values_are_zero(infos):
    inner = Recorder()
    assert with_shared(inner) is inner
    assert with_shared(inner, weight_decay=0.0, decoupled_weight_decay=0, clip_norm=0.0, clip_value=0) is inner
    for name, info in infos.items():
        assert not isinstance(info.create(), Chain), name
        assert not isinstance(info.create(**{n: 0.0 for n in (p.name for p in info.shared_params)}), Chain)
    pm = PluginManager(load_entry_points=False, builtins_only=True)
    for name in pm.optimizers:
        zeros = {p.name: 0.0 for p in pm.optimizer_info(name).shared_params}
        assert not isinstance(pm.create_optimizer(name).inner, Chain)
        assert not isinstance(pm.create_optimizer(name, zeros).inner, Chain)
    assert isinstance(pm.create_optimizer("adam", {"clip_norm": 1.0}).inner, Chain)


def test_chain_scratch_is_allocated_once_and_grads_are_left_alone():
    inner = Recorder()
    chain = Chain(inner, (ClipByValue(0.5), CoupledWeightDecay(0.1)))
    params = {"x": np.array([1.0, -2.0]), "y": np.array(3.0)}
    chain.init(params)
    grads = {"x": np.array([2.0, -0.1]), "y": np.array(-4.0)}
    for t in range(1, 4):
        chain.update(params, grads, t, 0.1)
    first = inner.received[0]
    assert all(r[k] is first[k] for r in inner.received for k in first)  # the same scratch every step
    assert all(first[k] is not grads[k] for k in grads)
    np.testing.assert_array_equal(grads["x"], [2.0, -0.1])
    assert float(grads["y"]) == -4.0


def test_chain_is_the_inner_optimizer_for_the_host():
    inner = Recorder()
    chain = Chain(inner, (DecoupledWeightDecay(0.5),))
    assert isinstance(chain, Optimizer) and chain.inner is inner
    params = {"x": np.array([2.0])}
    chain.init(params)
    assert chain._scratch == {}  # a parameter-only chain needs no gradient scratch
    assert chain.state_names == (("seen", "last gradient"),)
    assert chain.seen is inner.seen and set(chain.state()) == {"last gradient"}
    chain.update(params, {"x": np.array([1.0])}, 1, 0.1)
    np.testing.assert_allclose(params["x"], [2.0 * (1 - 0.1 * 0.5) - 0.1])
    assert chain.t == 1
    chain.t = 7  # what the trainer's _carry_state does: it must reach the inner optimizer
    assert inner.t == 7
    assert chain.effective_step(0.3)["x"] == 0.3
    assert "DecoupledWeightDecay(weight_decay=0.5)" in repr(chain)
    assert not hasattr(Chain(object(), ()), "t")
    with pytest.raises(TypeError, match="not a Transform"):
        Chain(inner, (object(),))


def test_custom_transform_in_a_chain():
    class Double(Transform):
        def apply(self, params, grads, out, learning_rate):
            for name in self._names:
                np.multiply(grads[name], 2.0, out=out[name])
            return out

    params = {"x": np.array([1.0])}
    chain = Chain(bo.GradientDescent(), (Double(), Double()))
    chain.init(params)
    chain.update(params, {"x": np.array([1.0])}, 1, 0.1)
    np.testing.assert_allclose(params["x"], [1.0 - 0.4])


# ---------------------------------------------------------------------------------------------
# Declared once, offered to every optimizer
# ---------------------------------------------------------------------------------------------


def test_shared_specs_are_declared_once():
    assert SHARED_NAMES == ("weight_decay", "decoupled_weight_decay", "clip_norm", "clip_value")
    assert SHARED_PARAMS == (WEIGHT_DECAY, DECOUPLED_WEIGHT_DECAY, CLIP_NORM, CLIP_VALUE)
    for spec in SHARED_PARAMS:
        assert spec.default == 0.0 and spec.min == 0.0 and spec.max is not None and len(spec.help) > 20
        assert spec.coerce(0) == 0.0


def test_every_builtin_offers_the_shared_params(infos):
    names = {name: [p.name for p in info.all_params] for name, info in infos.items()}
    assert names["gd"] == list(SHARED_NAMES)
    assert names["momentum"] == ["beta", "form", *SHARED_NAMES]
    # the seven with torch's coupled weight_decay keep it where it was, as the shared spec itself
    for name in ("nesterov", "rmsprop", "adam", "adagrad", "adamax", "nadam", "amsgrad"):
        info = infos[name]
        assert WEIGHT_DECAY in info.params and WEIGHT_DECAY not in info.own_params, name
        assert names[name][-4:] == list(SHARED_NAMES)
        assert "weight_decay" not in inspect.signature(type(info.create())).parameters, name
    # AdamW's own weight_decay is decoupled: no second decoupled decay, no coupled one
    adamw = infos["adamw"]
    assert adamw.native == ("decoupled_weight_decay",)
    assert names["adamw"] == ["beta1", "beta2", "epsilon", "weight_decay", "clip_norm", "clip_value"]
    assert {p.name: p.default for p in adamw.own_params}["weight_decay"] == 0.01
    adamw.create(weight_decay=0.0)  # λ = 0 is allowed
    with pytest.raises(ValueError, match=r"unknown parameter 'decoupled_weight_decay' for optimizer 'adamw'"):
        adamw.create(decoupled_weight_decay=0.1)


def test_unknown_parameter_message_lists_own_and_shared(infos):
    with pytest.raises(ValueError) as info:
        infos["momentum"].create(betta=0.5)
    assert str(info.value) == ("unknown parameter 'betta' for optimizer 'momentum' (known: beta, form) "
                               "(shared by all optimizers: weight_decay, decoupled_weight_decay, "
                               "clip_norm, clip_value)")
    with pytest.raises(ValueError, match=r"optimizer 'gd': clip_norm must be at least 0, got -1"):
        infos["gd"].create(clip_norm=-1)


def test_descriptor_rules_for_native():
    def make(**kwargs):
        return OptimizerInfo(name="x", label="X", description="", formula="", factory=Recorder, **kwargs)

    with pytest.raises(DescriptorError, match="native 'weight_decy' is not a shared parameter"):
        make(native=("weight_decy",))
    with pytest.raises(DescriptorError, match="native must be a tuple"):
        make(native="clip_norm")
    with pytest.raises(DescriptorError, match="both in native and listed"):
        make(params=(WEIGHT_DECAY,), native=("weight_decay",))
    info = make(native=("clip_norm", "clip_value"))
    assert [p.name for p in info.all_params] == ["weight_decay", "decoupled_weight_decay"]


THIRD_PARTY = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec

RECEIVED = []


class SignGD(Optimizer):
    def __init__(self, **kwargs):
        RECEIVED.append(kwargs)

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= learning_rate * grads[name]
            if t == 3:
                raise ArithmeticError("boom at 3")  # <-- raise


class OwnDecay(Optimizer):
    def __init__(self, weight_decay):
        RECEIVED.append({"weight_decay": weight_decay})
        self.weight_decay = weight_decay

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= learning_rate * (grads[name] + self.weight_decay * W)


class MakesNaN(Optimizer):
    def update(self, params, grads, t, learning_rate):
        for W in params.values():
            W *= np.nan  # <-- nan


@hookimpl
def optstudio_optimizers():
    return [
        OptimizerInfo(name="third-gd", label="Third GD", description="gd", formula="W = W − α·dW",
                      factory=SignGD),
        OptimizerInfo(name="own-decay", label="Own decay", description="own λ", formula="W = W − α·(dW + λ·W)",
                      factory=OwnDecay,
                      params=(ParamSpec("weight_decay", 0.0, min=0.0, max=1.0, help="mine"),)),
        OptimizerInfo(name="third-nan", label="NaN", description="nan", formula="W = NaN", factory=MakesNaN),
    ]
'''


def line_of(path, marker):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(marker)


@pytest.fixture
def third_party(write_plugin):
    path = write_plugin(THIRD_PARTY, "third.py")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert pm.errors == []
    module = next(m for m in list(sys.modules.values())
                  if getattr(m, "__file__", None) == str(path))
    return pm, path, module


def test_third_party_optimizer_gets_weight_decay_and_clip_norm(third_party):
    pm, _path, module = third_party
    info = pm.optimizer_info("third-gd")
    assert info.params == ()  # the plugin's own descriptor is unchanged
    assert [p.name for p in info.all_params] == list(SHARED_NAMES)
    params, grads = problem(7, steps=2, scale=5.0)
    lr, lam = 0.05, 0.1
    opt = pm.create_optimizer("third-gd", {"weight_decay": lam, "clip_norm": 1.0})
    assert module.RECEIVED[-1] == {}  # the factory never sees the shared parameters
    assert isinstance(opt.inner, Chain) and isinstance(opt.inner.inner, module.SignGD)
    assert_close(run(opt, params, grads, lr),
                 torch_sgd(params, grads, lr, weight_decay=lam, clip_norm=1.0), rtol=1e-13)
    assert pm.errors == []


def test_third_party_param_with_a_shared_name_stays_its_own(third_party):
    pm, _path, module = third_party
    info = pm.optimizer_info("own-decay")
    assert [p.name for p in info.all_params] == ["weight_decay", "decoupled_weight_decay", "clip_norm",
                                                  "clip_value"]
    opt = pm.create_optimizer("own-decay", {"weight_decay": 0.25})
    assert module.RECEIVED[-1] == {"weight_decay": 0.25}
    assert not isinstance(opt.inner, Chain)  # its own decay, not the shared one
    opt = pm.create_optimizer("own-decay", {"weight_decay": 0.25, "decoupled_weight_decay": 0.5})
    assert isinstance(opt.inner, Chain) and [type(s) for s in opt.inner.transforms] == [DecoupledWeightDecay]


def test_guard_blames_the_plugin_line_inside_a_chain(third_party):
    pm, path, _module = third_party
    opt = pm.create_optimizer("third-gd", {"clip_value": 1.0, "decoupled_weight_decay": 0.01})
    assert isinstance(opt.inner, Chain)
    params = {"W": np.ones((2, 3))}
    opt.init(params)
    opt.update(params, {"W": np.ones((2, 3))}, 1, 0.1)
    opt.update(params, {"W": np.ones((2, 3))}, 2, 0.1)
    with pytest.raises(PluginRuntimeError) as info:
        opt.update(params, {"W": np.ones((2, 3))}, 3, 0.1)
    error = info.value.error
    assert error in pm.errors
    assert (error.plugin, error.file, error.line) == ("third", str(path), line_of(path, "<-- raise"))
    assert error.message == "optimizer 'third-gd' raised in update at step 3: ArithmeticError: boom at 3"


def test_guard_nan_check_points_at_the_plugin_inside_a_chain(third_party):
    pm, path, _module = third_party
    opt = pm.create_optimizer("third-nan", {"clip_norm": 1.0})
    assert isinstance(opt.inner, Chain)
    params = {"W": np.ones(3)}
    opt.init(params)
    with np.errstate(invalid="ignore"), pytest.raises(PluginRuntimeError) as info:
        opt.update(params, {"W": np.ones(3)}, 1, 0.1)
    error = info.value.error
    assert error.message.startswith("optimizer 'third-nan' produced NaN at step 1")
    assert (error.file, error.line) == (str(path), line_of(path, "class MakesNaN") + 1)


def test_registry_chain_state_for_the_gui(infos):
    pm = PluginManager(load_entry_points=False, builtins_only=True)
    opt = pm.create_optimizer("adam", {"weight_decay": 0.01, "clip_norm": 1.0})
    params, grads = problem(8, steps=3)
    params = copy(params)
    opt.init(params)
    for t, g in enumerate(grads, start=1):
        opt.update(params, g, t, 0.01)
    assert opt.state_names == (("v", "velocity v"), ("s", "squared-gradient average s"))
    assert set(opt.state()) == {"velocity v", "squared-gradient average s"}
    assert set(opt.effective_step(0.01)) == set(SHAPES)
    assert opt.t == 3 and opt.inner.t == 3
    assert pm.errors == []


def test_lion_example_plugin_unchanged():
    """plugins/lion.py has its own (decoupled) weight_decay: it keeps it and is offered the rest."""
    pm = PluginManager(load_entry_points=False)
    info = pm.optimizer_info("lion")
    assert [p.name for p in info.params] == ["beta1", "beta2", "weight_decay"]
    assert [p.name for p in info.all_params][3:] == ["decoupled_weight_decay", "clip_norm", "clip_value"]
    opt = pm.create_optimizer("lion", {"weight_decay": 0.1})
    assert opt.inner.weight_decay == 0.1 and not isinstance(opt.inner, Chain)
    assert isinstance(pm.create_optimizer("lion", {"clip_norm": 1.0}).inner, Chain)


def test_spec_equality_decides_shared(infos):
    """A spec equal to WEIGHT_DECAY is the shared one; a spec that only shares the name is not."""
    mine = ParamSpec("weight_decay", 0.0, min=0.0, max=1.0, help="the plugin's own decay")
    own = OptimizerInfo(name="x", label="X", description="", formula="", factory=Recorder, params=(mine,))
    shared = OptimizerInfo(name="y", label="Y", description="", formula="", factory=Recorder,
                           params=(WEIGHT_DECAY,))
    assert own.own_params == (mine,) and WEIGHT_DECAY not in own.shared_params
    assert shared.own_params == () and shared.shared_params[0] is WEIGHT_DECAY
    assert own.split({"weight_decay": 0.1}) == ({"weight_decay": 0.1}, {})
    assert shared.split({"weight_decay": 0.1}) == ({}, {"weight_decay": 0.1})
