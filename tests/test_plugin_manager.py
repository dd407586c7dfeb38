"""The plugin manager: discovery, validation, error reporting and the run-time guard.

Every broken plugin here is a real file written into a temporary plugin folder. Each case also
checks that the other plugins (fake built-ins plus a good drop-in file) still load and work.
The real built-in modules are only used by the last test, so these tests do not depend on them.
"""

from __future__ import annotations

import math
import os
import re
import sys
from pathlib import Path

import numpy as np
import pytest

from optstudio import paths
from optstudio.plugins import manager as manager_mod
from optstudio.plugins.manager import (
    GuardedOptimizer,
    GuardedSchedule,
    PluginError,
    PluginManager,
    PluginRuntimeError,
    get_plugin_manager,
)

pytestmark = pytest.mark.usefixtures("fake_builtins")

GOOD = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec, Schedule, ScheduleInfo


class HalfStep(Optimizer):
    def __init__(self, factor):
        self.factor = factor

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= self.factor * learning_rate * grads[name]


class Halving(Schedule):
    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate * 0.5 ** epoch


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="good-gd", label="Good GD", description="d", formula="f",
                          factory=HalfStep, params=(ParamSpec("factor", 0.5, min=0.0, max=1.0),))]


@hookimpl
def optstudio_schedules():
    return [ScheduleInfo(name="good-halving", label="Halving", description="d", formula="f",
                         factory=Halving)]
'''


# ------------------------------------------------------------------------------ helpers


def load(*folders, **kwargs) -> PluginManager:
    kwargs.setdefault("load_entry_points", False)
    return PluginManager(plugin_dirs=list(folders), **kwargs)


def line_of(path: Path, marker: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            return number
    raise AssertionError(f"{marker!r} not in {path}")


def quadratic_run(opt, steps: int = 50, lr: float = 0.1) -> float:
    """Minimise 0.5·|W|² with ``opt``; return the final |W|."""
    params = {"W": np.array([[1.0, -2.0, 0.5], [0.3, 0.0, -1.0]]), "b": np.array([2.0])}
    opt.init(params)
    for t in range(1, steps + 1):
        grads = {name: p.copy() for name, p in params.items()}
        opt.update(params, grads, t, lr)
    return float(sum(np.abs(p).sum() for p in params.values()))


def assert_healthy(pm: PluginManager, good: bool = True) -> None:
    """The fake built-ins (and the good drop-in plugin) are loaded and work."""
    assert list(pm.optimizers)[:2] == ["gd", "momentum"]
    assert pm.is_builtin("optimizer", "gd") and pm.source("optimizer", "gd") == "built-in"
    assert quadratic_run(pm.create_optimizer("gd")) < 0.1
    assert quadratic_run(pm.create_optimizer("momentum"), steps=200) < 0.1
    assert pm.create_schedule("constant").rate(0.1, 3, 30, [1.0]) == 0.1
    if good:
        assert "good-gd" in pm.optimizers and "good-halving" in pm.schedules
        assert not pm.is_builtin("optimizer", "good-gd")
        assert quadratic_run(pm.create_optimizer("good-gd", {"factor": 1.0})) < 0.1
        assert pm.create_schedule("good-halving").rate(0.1, 2, 0, []) == pytest.approx(0.025)


def only_error(pm: PluginManager) -> PluginError:
    assert len(pm.errors) == 1, pm.errors
    return pm.errors[0]


# ------------------------------------------------------------------------------ discovery


def test_good_plugin_loads_after_builtins(write_plugin):
    path = write_plugin(GOOD, "good.py")
    pm = load(path.parent)
    assert pm.errors == []
    assert list(pm.optimizers) == ["gd", "momentum", "good-gd"]
    assert list(pm.schedules) == ["constant", "good-halving"]
    assert pm.source("optimizer", "good-gd") == str(path)
    assert pm.source("schedule", "good-halving") == str(path)
    assert os.path.isabs(pm.source("optimizer", "good-gd"))
    assert_healthy(pm)


def test_syntax_error_names_file_and_line(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl

        def optstudio_optimizers(:   # <-- here
            return []
    ''', "broken_syntax.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert error.plugin == "broken_syntax"
    assert error.file == str(path)
    assert error.line == line_of(path, "<-- here")
    assert error.message.startswith("SyntaxError:")
    assert "\n" not in error.message
    assert str(error) == f"broken_syntax: {path}:{error.line}: {error.message}"
    assert not [m for m in sys.modules if m.startswith("optstudio_plugin_broken_syntax_")]
    assert_healthy(pm)


def test_missing_module_import(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl
        import optstudio_no_such_module_xyz  # <-- here
    ''', "needs_dep.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert (error.plugin, error.file, error.line) == ("needs_dep", str(path), line_of(path, "<-- here"))
    assert error.message == "ModuleNotFoundError: No module named 'optstudio_no_such_module_xyz'"
    assert not [m for m in sys.modules if m.startswith("optstudio_plugin_needs_dep_")]
    assert_healthy(pm)


def test_hook_that_raises(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import Schedule, ScheduleInfo

        @hookimpl
        def optstudio_optimizers():
            return {}["missing"]  # <-- here

        class Const(Schedule):
            def rate(self, initial_rate, epoch, step, costs):
                return initial_rate

        @hookimpl
        def optstudio_schedules():  # the other hook of the same plugin still counts
            return [ScheduleInfo(name="still-here", label="S", description="", formula="",
                                 factory=Const)]
    ''', "raiser.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert (error.file, error.line) == (str(path), line_of(path, "<-- here"))
    assert error.message == "optstudio_optimizers raised KeyError: 'missing'"
    assert "still-here" in pm.schedules
    assert_healthy(pm)


def test_hook_returning_non_descriptors(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import Optimizer, OptimizerInfo, Schedule, ScheduleInfo

        class Plain(Optimizer):
            def update(self, params, grads, t, learning_rate):
                pass

        class Const(Schedule):
            def rate(self, initial_rate, epoch, step, costs):
                return initial_rate

        @hookimpl  # <-- optimizers (a function's first line is its decorator's)
        def optstudio_optimizers():
            return [
                {"name": "dict-opt"},
                ScheduleInfo(name="wrong-hook", label="W", description="", formula="", factory=Const),
                OptimizerInfo(name="kept", label="Kept", description="", formula="", factory=Plain),
            ]

        @hookimpl  # <-- schedules
        def optstudio_schedules():
            return None
    ''', "rubbish.py")
    pm = load(path.parent)
    messages = [e.message for e in pm.errors]
    assert len(messages) == 3, messages
    assert messages[0].startswith("optstudio_optimizers returned {'name': 'dict-opt'}, not an OptimizerInfo")
    assert "ScheduleInfo belongs in optstudio_schedules" in messages[1]
    assert messages[2] == "optstudio_schedules returned None; it must return a list of ScheduleInfo"
    assert pm.errors[0].line == line_of(path, "<-- optimizers")
    assert pm.errors[2].line == line_of(path, "<-- schedules")
    assert "kept" in pm.optimizers and "wrong-hook" not in pm.schedules
    assert_healthy(pm)


@pytest.mark.parametrize("descriptor, expected", [
    ('OptimizerInfo(name="Bad Name", label="B", description="", formula="", factory=Plain)',
     "invalid descriptor in optstudio_optimizers: optimizer name 'Bad Name' must be lower-case"),
    ('OptimizerInfo(name="logbad", label="B", description="", formula="", factory=Plain,\n'
     '                  params=(ParamSpec("eps", 1e-8, min=0.0, log=True),))',
     "invalid descriptor in optstudio_optimizers: parameter 'eps': a log-scale parameter needs min > 0"),
])
def test_invalid_descriptor(write_plugin, descriptor, expected):
    write_plugin(GOOD, "good.py")
    path = write_plugin(f'''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec

class Plain(Optimizer):
    def update(self, params, grads, t, learning_rate):
        pass

@hookimpl
def optstudio_optimizers():
    return [
        {descriptor},  # <-- here
    ]
''', "invalid.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert error.message.startswith(expected), error.message
    assert error.file == str(path)
    # The traceback frame inside the plugin file: the line building the descriptor.
    assert line_of(path, "OptimizerInfo(name=") <= error.line <= line_of(path, "<-- here")
    assert_healthy(pm)


def test_builtin_name_cannot_be_shadowed(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import Optimizer, OptimizerInfo

        class Evil(Optimizer):
            def update(self, params, grads, t, learning_rate):
                raise AssertionError("the built-in must be used")

        @hookimpl
        def optstudio_optimizers():
            return [OptimizerInfo(name="gd", label="Fake GD", description="", formula="", factory=Evil),
                    OptimizerInfo(name="evil-extra", label="X", description="", formula="", factory=Evil)]
    ''', "shadow.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert error.message == (f"optimizer 'gd' from {path} rejected: the name is already provided by "
                             f"built-in")
    assert error.plugin == "shadow" and error.file == str(path)
    assert pm.optimizers["gd"].label == "Gradient descent"
    assert pm.source("optimizer", "gd") == "built-in"
    assert "evil-extra" in pm.optimizers
    assert_healthy(pm)


def test_duplicate_between_drop_in_files_first_wins(write_plugin, tmp_path):
    template = '''
        from optstudio import hookimpl
        from optstudio.plugins.types import Schedule, ScheduleInfo

        class Fixed(Schedule):
            def rate(self, initial_rate, epoch, step, costs):
                return {value}

        @hookimpl
        def optstudio_schedules():
            return [ScheduleInfo(name="twin", label="Twin", description="", formula="", factory=Fixed)]
    '''
    first = write_plugin(template.format(value=1.0), "a_first.py", folder="one")
    second = write_plugin(template.format(value=2.0), "b_second.py", folder="one")
    third = write_plugin(template.format(value=3.0), "c_third.py", folder="two")
    write_plugin(GOOD, "good.py", folder="two")
    pm = load(first.parent, third.parent)
    assert [e.message for e in pm.errors] == [
        f"schedule 'twin' from {second} rejected: the name is already provided by {first}",
        f"schedule 'twin' from {third} rejected: the name is already provided by {first}",
    ]
    assert pm.source("schedule", "twin") == str(first)
    assert pm.create_schedule("twin").rate(0.5, 0, 0, []) == 1.0
    assert_healthy(pm)


# ------------------------------------------------------------------------------ the guard

RUNTIME = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, Schedule, ScheduleInfo


class InitFails(Optimizer):
    def init(self, params):
        raise RuntimeError("cannot init")  # <-- init


class UpdateFails(Optimizer):
    def update(self, params, grads, t, learning_rate):
        if t == 3:
            self.helper(t)

    def helper(self, t):
        raise ValueError(f"boom at {t}")  # <-- update


class Rebinds(Optimizer):
    def __init__(self):
        self.shape = None

    def update(self, params, grads, t, learning_rate):  # <-- rebind
        for name in params:
            new = params[name] - learning_rate * grads[name]
            params[name] = new if self.shape is None else np.zeros(self.shape)


class MakesNaN(Optimizer):
    def update(self, params, grads, t, learning_rate):  # <-- nan
        for name, W in params.items():
            W -= learning_rate * grads[name]
            if t == 2:
                W[...] = np.sqrt(-1.0 - np.abs(W))


class Stateful(Optimizer):
    state_names = (("v", "velocity v"),)
    extra = "forwarded"

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            self.v[name] += grads[name]
            W -= learning_rate * grads[name]

    def effective_step(self, learning_rate):
        return {name: np.full_like(v, learning_rate) for name, v in self.v.items()}


class Returns(Schedule):
    def __init__(self, value):
        self.value = value

    def rate(self, initial_rate, epoch, step, costs):  # <-- rate
        return initial_rate if epoch < 3 else self.value


class RateFails(Schedule):
    def rate(self, initial_rate, epoch, step, costs):
        return 1 / 0  # <-- rate fails


def returns(value):
    return lambda: Returns(value)


@hookimpl
def optstudio_optimizers():
    def info(name, cls):
        return OptimizerInfo(name=name, label=name, description="", formula="", factory=cls)
    return [info("init-fails", InitFails), info("update-fails", UpdateFails), info("rebinds", Rebinds),
            info("makes-nan", MakesNaN), info("stateful", Stateful)]


@hookimpl
def optstudio_schedules():
    def info(name, factory, per="epoch"):
        return ScheduleInfo(name=name, label=name, description="", formula="", factory=factory, per=per)
    return [info("negative", returns(-1)), info("zero", returns(0.0)), info("nan", returns(float("nan"))),
            info("text", returns("fast")), info("flag", returns(True)), info("numpy", returns(np.float32(0.5))),
            info("per-step-negative", returns(-2.5), per="step"), info("rate-fails", RateFails)]
'''


@pytest.fixture
def runtime(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin(RUNTIME, "runtime.py")
    pm = load(path.parent)
    assert pm.errors == []
    return pm, path


def test_optimizer_raising_in_init(runtime):
    pm, path = runtime
    opt = pm.create_optimizer("init-fails")
    with pytest.raises(PluginRuntimeError) as info:
        opt.init({"W": np.zeros(3)})
    error = info.value.error
    assert error is only_error(pm)
    assert (error.plugin, error.file, error.line) == ("runtime", str(path), line_of(path, "<-- init"))
    assert error.message == "optimizer 'init-fails' raised in init: RuntimeError: cannot init"
    assert str(info.value) == str(error)
    assert_healthy(pm)


def test_optimizer_raising_in_update(runtime):
    pm, path = runtime
    opt = pm.create_optimizer("update-fails")
    params = {"W": np.ones((2, 3))}
    opt.init(params)
    opt.update(params, {"W": np.ones((2, 3))}, 1, 0.1)
    opt.update(params, {"W": np.ones((2, 3))}, 2, 0.1)
    for _ in range(2):  # the same failure twice is recorded once
        with pytest.raises(PluginRuntimeError) as info:
            opt.update(params, {"W": np.ones((2, 3))}, 3, 0.1)
    error = info.value.error
    assert error == only_error(pm)
    assert error.file == str(path)
    assert error.line == line_of(path, "<-- update")  # the deepest frame in the plugin file
    assert error.message == "optimizer 'update-fails' raised in update at step 3: ValueError: boom at 3"
    assert isinstance(info.value.__cause__, ValueError)
    assert_healthy(pm)


def test_rebinding_same_shape_is_copied_back(runtime):
    pm, _path = runtime
    opt = pm.create_optimizer("rebinds")
    W = np.ones((2, 3))
    params = {"W1": W}
    opt.init(params)
    opt.update(params, {"W1": np.ones((2, 3))}, 1, 0.25)
    assert params["W1"] is W
    np.testing.assert_allclose(W, 0.75)
    assert pm.errors == []


def test_rebinding_to_a_wrong_shape_is_an_error(runtime):
    pm, path = runtime
    opt = pm.create_optimizer("rebinds")
    opt.inner.shape = (3,)
    params = {"W1": np.ones((2, 3))}
    opt.init(params)
    with pytest.raises(PluginRuntimeError) as info:
        opt.update(params, {"W1": np.ones((2, 3))}, 1, 0.1)
    error = info.value.error
    assert "optimizer 'rebinds' returned an array of shape (3,) for 'W1', expected (2, 3)" in error.message
    assert (error.file, error.line) == (str(path), line_of(path, "<-- rebind"))
    assert params["W1"].shape == (2, 3)
    assert_healthy(pm)


def test_producing_nan_from_finite_inputs(runtime):
    pm, path = runtime
    opt = pm.create_optimizer("makes-nan")
    params = {"W": np.ones((2, 3)), "b": np.zeros(1)}
    opt.init(params)
    grads = {"W": np.ones((2, 3)), "b": np.ones(1)}
    opt.update(params, grads, 1, 0.1)
    with np.errstate(invalid="ignore"), pytest.raises(PluginRuntimeError) as info:
        opt.update(params, grads, 2, 0.1)
    error = info.value.error
    assert error.message.startswith("optimizer 'makes-nan' produced NaN at step 2")
    assert (error.file, error.line) == (str(path), line_of(path, "<-- nan"))
    assert_healthy(pm)


def test_nan_from_nan_gradients_is_not_the_plugins_fault(runtime):
    pm, _path = runtime
    opt = pm.create_optimizer("good-gd")
    params = {"W": np.ones(3)}
    opt.init(params)
    opt.update(params, {"W": np.array([1.0, np.nan, 1.0])}, 1, 0.1)  # no error: NaN came in
    assert np.isnan(params["W"][1])
    opt.update(params, {"W": np.ones(3)}, 2, 0.1)  # params were not finite before: no error
    assert pm.errors == []


def test_builtin_divergence_is_left_to_the_trainer(runtime):
    pm, _path = runtime
    opt = pm.create_optimizer("gd")
    params = {"W": np.full(3, 1e308)}
    opt.init(params)
    with np.errstate(over="ignore"):
        opt.update(params, {"W": np.full(3, -1e308)}, 1, 10.0)
    assert np.isinf(params["W"]).all()
    assert pm.errors == []


def test_huge_but_finite_parameters_are_not_reported(runtime):
    pm, _path = runtime
    opt = pm.create_optimizer("good-gd")
    params = {"W": np.full(4, 1e308)}  # the cheap sum() check overflows, the values are fine
    opt.init(params)
    with np.errstate(over="ignore"):
        opt.update(params, {"W": np.zeros(4)}, 1, 0.1)
    assert pm.errors == []


@pytest.mark.parametrize("name, shown", [
    ("negative", "-1"), ("zero", "0"), ("nan", "nan"), ("text", "'fast'"), ("flag", "True"),
])
def test_schedule_returning_a_bad_rate(runtime, name, shown):
    pm, path = runtime
    schedule = pm.create_schedule(name)
    assert schedule.rate(0.1, 2, 20, [1.0, 0.9]) == 0.1
    with pytest.raises(PluginRuntimeError) as info:
        schedule.rate(0.1, 3, 30, [1.0, 0.9, 0.8])
    error = info.value.error
    assert error.message.startswith(f"schedule {name!r} returned {shown} at epoch 3;"), error.message
    assert (error.file, error.line) == (str(path), line_of(path, "<-- rate"))
    assert_healthy(pm)


def test_schedule_rate_checks_more(runtime):
    pm, path = runtime
    value = pm.create_schedule("numpy").rate(0.1, 5, 0, [])
    assert value == 0.5 and type(value) is float
    with pytest.raises(PluginRuntimeError, match=r"returned -2.5 at epoch 4, step 400"):
        pm.create_schedule("per-step-negative").rate(0.1, 4, 400, [])
    with pytest.raises(PluginRuntimeError) as info:
        pm.create_schedule("rate-fails").rate(0.1, 0, 0, [])
    error = info.value.error
    assert error.message == "schedule 'rate-fails' raised in rate at epoch 0: ZeroDivisionError: division by zero"
    assert error.line == line_of(path, "<-- rate fails")
    assert isinstance(pm.create_schedule("constant"), GuardedSchedule)
    assert pm.create_schedule("constant").rate(0.0, 0, 0, []) == 0.0  # the caller's zero, not a bug


def test_guard_exposes_state_and_inner(runtime):
    pm, _path = runtime
    opt = pm.create_optimizer("stateful")
    assert isinstance(opt, GuardedOptimizer)
    assert opt.state_names == (("v", "velocity v"),)
    params = {"W": np.zeros(2)}
    opt.init(params)
    opt.update(params, {"W": np.ones(2)}, 1, 0.5)
    np.testing.assert_allclose(opt.state()["velocity v"]["W"], 1.0)
    np.testing.assert_allclose(opt.effective_step(0.5)["W"], 0.5)
    assert opt.extra == "forwarded" and opt.v is opt.inner.v
    assert type(opt.inner).__name__ == "Stateful"
    assert pm.create_optimizer("gd").effective_step(0.1) is None
    with pytest.raises(AttributeError):
        opt.no_such_attribute


def test_guard_accepts_duck_typed_objects(write_plugin):
    path = write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import OptimizerInfo

        class Duck:  # not an Optimizer subclass: only the methods matter
            def init(self, params):
                pass

            def update(self, params, grads, t, learning_rate):
                for name, W in params.items():
                    W -= learning_rate * grads[name]

        @hookimpl
        def optstudio_optimizers():
            return [OptimizerInfo(name="duck", label="Duck", description="", formula="", factory=Duck)]
    ''', "duck.py")
    pm = load(path.parent)
    opt = pm.create_optimizer("duck")
    assert quadratic_run(opt) < 0.1
    assert opt.state() == {} and opt.state_names == () and opt.effective_step(0.1) is None
    assert pm.errors == []


def test_factory_errors(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import OptimizerInfo, ParamSpec

        def strict(a, b):
            if a > b:
                raise ValueError(f"a must not exceed b")
            return object()  # <-- not an optimizer

        def typo(**kwargs):
            return kwargs["wrong"]  # <-- typo

        @hookimpl
        def optstudio_optimizers():
            params = (ParamSpec("a", 1.0), ParamSpec("b", 2.0))
            return [OptimizerInfo(name="strict", label="S", description="", formula="", factory=strict,
                                  params=params),
                    OptimizerInfo(name="typo", label="T", description="", formula="", factory=typo)]
    ''', "factories.py")
    pm = load(path.parent)
    assert pm.errors == []
    with pytest.raises(ValueError, match=r"^optimizer 'strict': a must not exceed b$"):
        pm.create_optimizer("strict", {"a": 3, "b": 2})
    assert pm.errors == []  # a bad combination of values is the user's problem
    with pytest.raises(PluginRuntimeError, match="factory returned <object object"):
        pm.create_optimizer("strict")
    with pytest.raises(PluginRuntimeError) as info:
        pm.create_optimizer("typo")
    assert info.value.error.message == "optimizer 'typo' could not be created: KeyError: 'wrong'"
    assert info.value.error.line == line_of(path, "<-- typo")
    assert len(pm.errors) == 2
    assert_healthy(pm)


# ------------------------------------------------------------------------------ API details


def test_unknown_names_and_bad_params(write_plugin):
    path = write_plugin(GOOD, "good.py")
    pm = load(path.parent)
    with pytest.raises(ValueError, match=r"^unknown optimizer 'nope' \(available: gd, momentum, good-gd\)$"):
        pm.optimizer_info("nope")
    with pytest.raises(ValueError, match=r"^unknown schedule 'nope' \(available: constant, good-halving\)$"):
        pm.create_schedule("nope")
    with pytest.raises(ValueError, match=r"unknown parameter 'betta' for optimizer 'momentum' \(known: beta\)"):
        pm.create_optimizer("momentum", {"betta": 0.5})
    with pytest.raises(ValueError, match=r"optimizer 'momentum': beta must be at most 0.999, got 2"):
        pm.create_optimizer("momentum", {"beta": "2"})
    assert pm.create_optimizer("momentum", {"beta": "0.5"}).inner.beta == 0.5
    with pytest.raises(ValueError):
        pm.source("optimizer", "nope")
    with pytest.raises(ValueError):
        pm.is_builtin("lr-thing", "gd")
    assert pm.optimizer_info("gd") is pm.optimizers["gd"]
    assert pm.schedule_info("constant") is pm.schedules["constant"]
    assert pm.errors == []


def test_plugin_error_str():
    assert str(PluginError("p", "/x/p.py", 3, "SyntaxError: invalid syntax")) == \
        "p: /x/p.py:3: SyntaxError: invalid syntax"
    assert str(PluginError("p", "/x/p.py", None, "m")) == "p: /x/p.py: m"
    assert str(PluginError("dist", None, None, "m")) == "dist: m"


def test_forgotten_hookimpl_and_unknown_hook(write_plugin):
    write_plugin(GOOD, "good.py")
    forgot = write_plugin('''
        def optstudio_optimizers():
            return []
    ''', "forgot.py")
    typo = write_plugin('''
        from optstudio import hookimpl

        @hookimpl  # <-- typo
        def optstudio_optimizer():
            return []
    ''', "typo.py")
    pm = load(forgot.parent)
    assert [str(e) for e in pm.errors] == [
        f"forgot: {forgot}: defines no @hookimpl functions (did you forget @hookimpl above the hook function?)",
        f"typo: {typo}:{line_of(typo, '<-- typo')}: unknown hook 'optstudio_optimizer' "
        f"(OptStudio hooks: optstudio_optimizers, optstudio_schedules)",
    ]
    assert_healthy(pm)


def test_file_selection_and_helper_imports(write_plugin, tmp_path):
    folder = tmp_path / "plugins"
    write_plugin('''
        from optstudio import hookimpl
        from optstudio.plugins.types import OptimizerInfo
        from _shared_helper_for_test import Helper  # a sibling module, not a plugin itself

        @hookimpl
        def optstudio_optimizers():
            return [OptimizerInfo(name="helped", label="H", description="", formula="", factory=Helper)]
    ''', "helped.py")
    write_plugin('''
        from optstudio.plugins.types import Optimizer

        class Helper(Optimizer):
            def update(self, params, grads, t, learning_rate):
                for name, W in params.items():
                    W -= learning_rate * grads[name]
    ''', "_shared_helper_for_test.py")
    (folder / "notes.txt").write_text("not python", encoding="utf-8")
    (folder / "old.py.bak").write_text("syntax error (", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.py").write_text("syntax error (", encoding="utf-8")
    try:
        pm = load(folder, tmp_path / "does-not-exist")
        assert pm.errors == []
        assert list(pm.optimizers) == ["gd", "momentum", "helped"]
        assert quadratic_run(pm.create_optimizer("helped")) < 0.1
        assert [p.name for p in pm.plugins][2:] == ["helped"]
    finally:
        sys.modules.pop("_shared_helper_for_test", None)


def test_same_stem_in_two_folders_gets_unique_modules(write_plugin):
    template = '''
        from optstudio import hookimpl
        from optstudio.plugins.types import Optimizer, OptimizerInfo

        class Mine(Optimizer):
            def update(self, params, grads, t, learning_rate):
                pass

        @hookimpl
        def optstudio_optimizers():
            return [OptimizerInfo(name="{name}", label="x", description="", formula="", factory=Mine)]
    '''
    one = write_plugin(template.format(name="from-one"), "same.py", folder="one")
    two = write_plugin(template.format(name="from-two"), "same.py", folder="two")
    pm = load(one.parent, two.parent, one.parent)  # a repeated folder is scanned once
    assert pm.errors == []
    assert pm.source("optimizer", "from-one") == str(one)
    assert pm.source("optimizer", "from-two") == str(two)
    keys = [record.key for record in pm.plugins if record.name == "same"]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert all(re.fullmatch(r"optstudio_plugin_same_[0-9a-f]{8}", key) for key in keys)
    assert sys.modules[keys[0]].__file__ == str(one)
    assert sys.modules[keys[1]].__file__ == str(two)


def test_hook_with_wrong_signature(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin('''
        from optstudio import hookimpl

        @hookimpl
        def optstudio_optimizers(config):
            return []
    ''', "signature.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert error.file == str(path)
    assert error.message.startswith("could not be registered: PluginValidationError: Plugin 'signature'")
    assert "'config'" in error.message and "\n" not in error.message
    assert not [m for m in sys.modules if m.startswith("optstudio_plugin_signature_")]
    assert_healthy(pm)


def test_sys_path_is_restored(write_plugin):
    write_plugin(GOOD, "good.py")
    folder = write_plugin('''
        import sys
        sys.path.append("/somewhere/else")
        sys.path.insert(0, "/first")
    ''', "meddles.py").parent
    write_plugin("raise RuntimeError('at import')\n", "fails.py")
    write_plugin("import sys\nsys.path = ['/replaced']\n", "rebinds_path.py")
    before = list(sys.path)
    before_object = sys.path
    pm = load(folder)
    assert sys.path == before and sys.path is before_object
    assert str(folder) not in sys.path
    assert len(pm.errors) == 3  # fails.py + two files without hooks
    assert_healthy(pm)


def test_import_time_system_exit_is_contained(write_plugin):
    write_plugin(GOOD, "good.py")
    path = write_plugin("import sys\nsys.exit(3)\n", "exits.py")
    pm = load(path.parent)
    error = only_error(pm)
    assert error.message == "SystemExit: 3" and error.line == 2
    assert_healthy(pm)


# ------------------------------------------------------------------------------ entry points


class FakeDist:
    def __init__(self, name, version):
        self.name = name
        self.version = version
        self.metadata = {"Name": name}


class FakeEntryPoint:
    group = "optstudio.plugins"

    def __init__(self, name, value, dist, loader):
        self.name, self.value, self.dist, self._loader = name, value, dist, loader
        self.loaded = 0

    def load(self):
        self.loaded += 1
        return self._loader()


@pytest.fixture
def fake_entry_points(tmp_path, monkeypatch, write_plugin):
    """A good installed package ``goodpkg`` (1.2) and one ``badpkg`` whose module fails."""
    monkeypatch.delenv("OPTSTUDIO_NO_ENTRY_POINTS", raising=False)
    site = tmp_path / "site"
    write_plugin(GOOD.replace('"good-gd"', '"ep-gd"').replace('"good-halving"', '"ep-halving"'),
                 "plugin.py", folder=site / "optstudio_test_goodpkg")
    (site / "optstudio_test_goodpkg" / "__init__.py").write_text("", encoding="utf-8")
    write_plugin('''
        import optstudio_test_not_installed_dep  # <-- here
    ''', "plugin.py", folder=site / "optstudio_test_badpkg")
    (site / "optstudio_test_badpkg" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    for name in list(sys.modules):
        if name.startswith(("optstudio_test_goodpkg", "optstudio_test_badpkg")):
            monkeypatch.delitem(sys.modules, name)
    import importlib

    eps = [
        FakeEntryPoint("good", "optstudio_test_goodpkg.plugin", FakeDist("goodpkg", "1.2"),
                       lambda: importlib.import_module("optstudio_test_goodpkg.plugin")),
        FakeEntryPoint("bad", "optstudio_test_badpkg.plugin", FakeDist("badpkg", "0.1"),
                       lambda: importlib.import_module("optstudio_test_badpkg.plugin")),
    ]
    groups = []

    def entry_points(**kwargs):
        groups.append(kwargs.get("group"))
        return [ep for ep in eps if ep.group == kwargs.get("group")]

    monkeypatch.setattr(manager_mod, "entry_points", entry_points)
    yield eps, groups, site
    for name in list(sys.modules):
        if name.startswith(("optstudio_test_goodpkg", "optstudio_test_badpkg")):
            del sys.modules[name]


def test_entry_points_one_good_one_failing(fake_entry_points, write_plugin):
    eps, groups, site = fake_entry_points
    folder = write_plugin(GOOD, "good.py").parent
    pm = PluginManager(plugin_dirs=[folder])
    assert groups == ["optstudio.plugins"]
    assert list(pm.optimizers) == ["gd", "momentum", "ep-gd", "good-gd"]  # entry points before files
    assert pm.source("optimizer", "ep-gd") == "goodpkg 1.2 (entry point)"
    assert not pm.is_builtin("optimizer", "ep-gd")
    assert quadratic_run(pm.create_optimizer("ep-gd", {"factor": 1.0})) < 0.1
    error = only_error(pm)
    bad_file = site / "optstudio_test_badpkg" / "plugin.py"
    assert error.plugin == "badpkg"
    assert os.path.samefile(error.file, bad_file)
    assert error.line == line_of(bad_file, "<-- here")
    assert "failed to load: ModuleNotFoundError: No module named 'optstudio_test_not_installed_dep'" in error.message
    assert_healthy(pm)


def test_entry_point_runtime_error_points_into_the_package(fake_entry_points, monkeypatch):
    eps, _groups, site = fake_entry_points
    pm = PluginManager(plugin_dirs=[])
    opt = pm.create_optimizer("ep-gd")
    opt.init({"W": np.zeros(2)})
    with pytest.raises(PluginRuntimeError) as info:
        opt.update({"W": np.zeros(2)}, {}, 1, 0.1)  # KeyError inside the package's update
    error = info.value.error
    assert error.plugin == "goodpkg"
    assert os.path.samefile(error.file, site / "optstudio_test_goodpkg" / "plugin.py")
    assert error.message == "optimizer 'ep-gd' raised in update at step 1: KeyError: 'W'"


def test_entry_points_can_be_switched_off(fake_entry_points, monkeypatch):
    eps, groups, _site = fake_entry_points
    pm = PluginManager(load_entry_points=False, plugin_dirs=[])
    assert groups == [] and "ep-gd" not in pm.optimizers
    monkeypatch.setenv("OPTSTUDIO_NO_ENTRY_POINTS", "1")
    pm = PluginManager(plugin_dirs=[])
    assert groups == [] and all(ep.loaded == 0 for ep in eps)
    assert pm.errors == []


def test_broken_entry_point_listing(monkeypatch):
    monkeypatch.delenv("OPTSTUDIO_NO_ENTRY_POINTS", raising=False)

    def entry_points(**kwargs):
        raise OSError("broken metadata")

    monkeypatch.setattr(manager_mod, "entry_points", entry_points)
    pm = PluginManager(plugin_dirs=[])
    assert only_error(pm).message == "could not list installed plugins: OSError: broken metadata"
    assert_healthy(pm, good=False)


# ------------------------------------------------------------------------------ environment


def test_disable_plugins_env_loads_builtins_only(fake_entry_points, write_plugin, monkeypatch):
    eps, groups, _site = fake_entry_points
    folder = write_plugin(GOOD, "good.py").parent
    write_plugin("syntax error (", "broken.py")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("OPTSTUDIO_DISABLE_PLUGINS", "1")
    for pm in (PluginManager(), PluginManager(plugin_dirs=[folder]), get_plugin_manager(refresh=True)):
        assert list(pm.optimizers) == ["gd", "momentum"]
        assert list(pm.schedules) == ["constant"]
        assert pm.errors == [] and pm.builtins_only
    assert groups == [] and all(ep.loaded == 0 for ep in eps)
    pm = PluginManager(plugin_dirs=[folder], builtins_only=False)  # the argument wins
    assert "good-gd" in pm.optimizers and "ep-gd" in pm.optimizers
    assert sorted(e.plugin for e in pm.errors) == ["badpkg", "broken"]
    monkeypatch.setenv("OPTSTUDIO_DISABLE_PLUGINS", "0")
    assert "good-gd" in PluginManager(plugin_dirs=[folder]).optimizers


def test_default_discovery_folders(write_plugin, tmp_path, monkeypatch):
    user_dir = paths.user_plugin_dir()
    assert user_dir == Path(os.environ["OPTSTUDIO_CONFIG_DIR"]) / "plugins"  # conftest isolation
    user_file = write_plugin(GOOD, "user_good.py", folder=user_dir)
    env_one = write_plugin(GOOD.replace('"good-gd"', '"env-gd"').replace('"good-halving"', '"env-h"'),
                           "env.py", folder="env1")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", os.pathsep.join(
        [str(tmp_path / "missing"), str(env_one.parent), "", str(user_dir)]))
    pm = get_plugin_manager()
    assert pm is get_plugin_manager()
    assert pm.errors == []
    repo_dir = paths.repo_plugin_dir()
    assert repo_dir is not None and pm.plugin_dirs[0] == repo_dir.resolve()
    assert pm.plugin_dirs[1:] == [user_dir.resolve(), env_one.parent]
    assert pm.source("optimizer", "good-gd") == str(user_file)
    assert pm.source("optimizer", "env-gd") == str(env_one)
    assert pm.source("optimizer", "lion") == str((repo_dir / "lion.py").resolve())
    names = list(pm.optimizers)
    assert names.index("lion") < names.index("good-gd") < names.index("env-gd")
    assert get_plugin_manager(refresh=True) is not pm


def test_user_config_dir_per_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("OPTSTUDIO_CONFIG_DIR", str(tmp_path / "cfg"))
    assert paths.user_config_dir() == tmp_path / "cfg"
    assert paths.user_plugin_dir() == tmp_path / "cfg" / "plugins"
    monkeypatch.delenv("OPTSTUDIO_CONFIG_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.user_config_dir() == tmp_path / "xdg" / "optstudio"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert paths.user_config_dir() == tmp_path / "home" / ".config" / "optstudio"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert paths.user_plugin_dir() == tmp_path / "home" / ".config" / "optstudio" / "plugins"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.user_config_dir() == tmp_path / "home" / "Library" / "Application Support" / "OptStudio"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
    assert paths.user_config_dir() == tmp_path / "appdata" / "OptStudio"


# ------------------------------------------------------------------------------ real built-ins


def test_real_builtins_through_the_same_door(monkeypatch, write_plugin):
    """With the real built-in modules (skipped until they exist)."""
    import importlib

    # The fake_builtins fixture (module-wide) patched BUILTIN_PLUGINS; use the real ones here.
    real = ("optstudio.plugins.builtin_optimizers", "optstudio.plugins.builtin_schedules")
    for module in real:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            pytest.skip(f"built-in module not available yet: {exc}")
    monkeypatch.setattr(manager_mod, "BUILTIN_PLUGINS", real)
    path = write_plugin(GOOD.replace('"good-gd"', '"adam"'), "shadow_adam.py")
    pm = load(path.parent)
    expected = ["gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", "adamw", "adamax", "nadam",
                "amsgrad"]
    assert list(pm.optimizers)[: len(expected)] == expected
    for name in ("constant", "inverse-time", "fixed-interval", "exponential", "inverse-sqrt", "step",
                 "cosine", "plateau"):
        assert name in pm.schedules and pm.is_builtin("schedule", name)
    assert [e.message for e in pm.errors] == [
        f"optimizer 'adam' from {path} rejected: the name is already provided by built-in"]
    for name in expected:
        assert pm.is_builtin("optimizer", name)
        opt = pm.create_optimizer(name)
        assert isinstance(opt, GuardedOptimizer)
        final = quadratic_run(opt, steps=300, lr=pm.optimizers[name].default_learning_rate * 10)
        assert math.isfinite(final), name
    for name in pm.schedules:
        schedule = pm.create_schedule(name)
        costs: list[float] = []
        for epoch in range(5):
            rate = schedule.rate(0.1, epoch, epoch * 10, costs)
            assert rate > 0
            costs.append(1.0 / (epoch + 1))
    assert len(pm.errors) == 1
