"""2-D test functions, optimizer trajectories and the `optstudio trajectory` command."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from optstudio.core.functions2d import FUNCTIONS, Function2D, get_function
from optstudio.core.trajectory import (DIVERGENCE_LIMIT, TrajectoryResult, parse_start,
                                       run_trajectories, run_trajectory)
from optstudio.plugins.manager import PluginManager, get_plugin_manager


# ============================================================================ functions2d

POINTS = [(-1.3, 0.7), (0.4, -2.1), (2.2, 1.1), (0.0, 0.0), (-0.35, 0.15), (1.7, -0.45)]


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_gradient_matches_central_differences(name):
    fn = FUNCTIONS[name]
    h = 1e-6
    for x, y in POINTS + [fn.start]:
        g = fn.grad(np.array([x, y]))
        assert g.shape == (2,)
        num = np.array([
            (fn.f(np.array([x + h, y])) - fn.f(np.array([x - h, y]))) / (2 * h),
            (fn.f(np.array([x, y + h])) - fn.f(np.array([x, y - h]))) / (2 * h),
        ])
        scale = max(1.0, float(np.max(np.abs(g))))
        assert np.allclose(g, num, rtol=1e-6, atol=1e-5 * scale), (name, x, y, g, num)


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_record_fields_and_vectorised_f(name):
    fn = FUNCTIONS[name]
    assert isinstance(fn, Function2D) and fn.name == name
    assert fn.label and fn.formula.startswith("f(x, y) =") and fn.lesson
    xmin, xmax, ymin, ymax = fn.bounds
    assert xmin < fn.start[0] < xmax and ymin < fn.start[1] < ymax
    for mx, my in fn.minima:
        assert xmin <= mx <= xmax and ymin <= my <= ymax
        assert np.allclose(fn.grad(np.array([mx, my])), 0.0, atol=1e-12)
    xs, ys = np.linspace(xmin, xmax, 7), np.linspace(ymin, ymax, 5)
    X, Y = np.meshgrid(xs, ys)
    Z = fn.f(np.array([X, Y]))
    assert Z.shape == (5, 7)
    assert Z[2, 3] == pytest.approx(fn.f(np.array([X[2, 3], Y[2, 3]])))
    assert isinstance(fn.f(np.array(fn.start)), float)
    assert fn.grad(np.array([X, Y])).shape == (2, 5, 7)


def test_known_values():
    assert get_function("ellipse").f([1.0, 2.0]) == pytest.approx(4.05)
    assert get_function("rosenbrock").f([1.0, 1.0]) == 0.0
    assert get_function("rosenbrock").f([0.0, 0.0]) == 1.0
    assert get_function("beale").f([3.0, 0.5]) == pytest.approx(0.0, abs=1e-24)
    assert get_function("beale").f([0.0, 0.0]) == pytest.approx(1.5 ** 2 + 2.25 ** 2 + 2.625 ** 2)
    assert get_function("saddle").f([2.0, 3.0]) == -5.0
    assert get_function("saddle").minima == ()
    assert get_function("rastrigin").f([0.0, 0.0]) == pytest.approx(0.0, abs=1e-12)
    assert get_function("rastrigin").f([1.0, 1.0]) == pytest.approx(2.0)
    assert np.array_equal(get_function("ellipse").grad([1.0, 2.0]), [0.1, 4.0])


def test_unknown_function():
    with pytest.raises(ValueError, match=r"unknown function 'nope' \(available: ellipse, rosenbrock"):
        get_function("nope")
    fn = get_function("saddle")
    assert get_function(fn) is fn
    with pytest.raises(ValueError, match="expected a point"):
        fn.grad(np.array([1.0, 2.0, 3.0]))


# ============================================================================ trajectory

@pytest.fixture
def manager():
    return get_plugin_manager()


def _ellipse_grad(p):
    return np.array([0.1 * p[0], 2.0 * p[1]])


def test_gd_matches_hand_formula(manager):
    alpha, n = 0.9, 40
    res = run_trajectory("ellipse", manager.create_optimizer("gd"), alpha, n, (-9.0, 2.0))
    p = np.array([-9.0, 2.0])
    expected = [p.copy()]
    for _ in range(n):
        p = p - alpha * _ellipse_grad(p)
        expected.append(p.copy())
    assert res.status == "finished"
    assert res.path.shape == (n + 1, 2) and res.values.shape == (n + 1,)
    assert np.allclose(res.path, expected, rtol=0, atol=1e-12)
    assert np.allclose(res.values, [0.05 * x * x + y * y for x, y in expected], rtol=0, atol=1e-12)
    # the lecture's zig-zag: y changes sign every step with α = 0.9
    assert all(np.sign(res.path[k, 1]) == -np.sign(res.path[k + 1, 1]) for k in range(n))
    assert np.array_equal(res.rates, np.full(n, alpha))


@pytest.mark.parametrize("beta", [0.9, 0.5])
def test_momentum_average_form_matches_hand_formula(manager, beta):
    alpha, n = 0.3, 60
    opt = manager.create_optimizer("momentum", {"beta": beta, "form": "average"})
    res = run_trajectory("ellipse", opt, alpha, n, (-9.0, 2.0))
    p, v = np.array([-9.0, 2.0]), np.zeros(2)
    expected = [p.copy()]
    for _ in range(n):
        v = beta * v + (1 - beta) * _ellipse_grad(p)
        p = p - alpha * v
        expected.append(p.copy())
    assert np.allclose(res.path, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("inside", [True, False])
def test_adam_matches_hand_formula_with_bias_correction(manager, inside):
    alpha, n, b1, b2, eps = 0.1, 80, 0.9, 0.999, 1e-8
    opt = manager.create_optimizer("adam", {"epsilon_inside_root": inside})
    res = run_trajectory("ellipse", opt, alpha, n, (1.0, 1.0))
    p, v, s = np.array([1.0, 1.0]), np.zeros(2), np.zeros(2)
    expected = [p.copy()]
    for t in range(1, n + 1):
        g = _ellipse_grad(p)
        v = b1 * v + (1 - b1) * g
        s = b2 * s + (1 - b2) * g ** 2
        vc = v / (1 - b1 ** t)
        sc = s / (1 - b2 ** t)
        p = p - alpha * (vc / np.sqrt(sc + eps) if inside else vc / (np.sqrt(sc) + eps))
        expected.append(p.copy())
    assert np.allclose(res.path, expected, rtol=0, atol=1e-12)
    # first Adam step is ≈ α·sign(g) in each coordinate
    assert np.allclose(res.path[1], [0.9, 0.9], atol=1e-6)


def test_optimizer_sees_one_xy_array():
    seen = []

    class Spy:
        def init(self, params):
            seen.append(("init", sorted(params), params["xy"].shape))

        def update(self, params, grads, t, learning_rate):
            seen.append(("update", sorted(params), sorted(grads), t, learning_rate))
            params["xy"] -= learning_rate * grads["xy"]

    res = run_trajectory("saddle", Spy(), 0.1, 3, (1.0, 0.5))
    assert seen[0] == ("init", ["xy"], (2,))
    assert [s[3] for s in seen[1:]] == [1, 2, 3]
    assert all(s[1] == ["xy"] and s[2] == ["xy"] and s[4] == 0.1 for s in seen[1:])
    assert np.allclose(res.path[-1], [1.0 * 0.8 ** 3, 0.5 * 1.2 ** 3])


def test_default_start_and_steps_zero(manager):
    res = run_trajectory("rosenbrock", manager.create_optimizer("gd"), 0.001, 0)
    assert res.path.shape == (1, 2) and np.array_equal(res.path[0], [-1.5, 2.0])
    assert res.status == "finished" and res.rates.shape == (0,)


def test_divergence_keeps_path_and_suggests_lower_rate(manager):
    res = run_trajectory("ellipse", manager.create_optimizer("gd"), 1.5, 200, (-9.0, 2.0))
    assert res.status == "diverged" and res.diverged
    assert "step" in res.message and "lower learning rate" in res.message
    k = res.steps_done
    assert 0 < k < 200
    assert f"step {k + 1}" in res.message
    assert np.all(np.isfinite(res.path)) and np.all(np.isfinite(res.values))
    assert np.max(np.abs(res.path)) <= DIVERGENCE_LIMIT
    assert res.path.shape == (k + 1, 2) and res.values.shape == (k + 1,) and res.rates.shape == (k,)


def test_saddle_escape_is_reported_as_unbounded(manager):
    res = run_trajectory("saddle", manager.create_optimizer("gd"), 0.05, 2000)
    assert res.status == "diverged" and "no minimum" in res.message
    assert abs(res.path[-1, 0]) < 1e-6 and abs(res.path[-1, 1]) > 1e5


def test_non_finite_point_is_diverged():
    class Blow:
        def init(self, params):
            pass

        def update(self, params, grads, t, learning_rate):
            if t == 3:
                params["xy"][0] = np.nan
            else:
                params["xy"] -= learning_rate * grads["xy"]

    res = run_trajectory("ellipse", Blow(), 0.1, 10, (1.0, 1.0))
    assert res.status == "diverged" and "step 3" in res.message and "nan" in res.message
    assert res.steps_done == 2


def test_plugin_error_gives_failed(write_plugin, tmp_path):
    write_plugin("""
        from optstudio import hookimpl
        from optstudio.plugins.types import Optimizer, OptimizerInfo

        class Broken(Optimizer):
            def update(self, params, grads, t, learning_rate):
                if t == 4:
                    raise RuntimeError("boom")
                params["xy"] -= learning_rate * grads["xy"]

        @hookimpl
        def optstudio_optimizers():
            return [OptimizerInfo(name="broken", label="Broken", description="", formula="",
                                  factory=Broken)]
    """, name="broken.py")
    mgr = PluginManager(plugin_dirs=[tmp_path / "plugins"])
    assert "broken" in mgr.optimizers, mgr.errors
    res = run_trajectory("ellipse", mgr.create_optimizer("broken"), 0.1, 10, (1.0, 1.0))
    assert res.status == "failed"
    assert "boom" in res.message and "\n" not in res.message
    assert res.steps_done == 3
    results = run_trajectories("ellipse", [{"name": "broken"}, {"name": "gd"}], 10, (1.0, 1.0),
                               manager=mgr)
    assert [r.status for r in results] == ["failed", "finished"]


def test_noise_is_reproducible_and_changes_path(manager):
    def run(seed, noise=0.5):
        return run_trajectory("ellipse", manager.create_optimizer("gd"), 0.1, 20, (-9.0, 2.0),
                              noise=noise, seed=seed)

    a, b, c, clean = run(1), run(1), run(2), run(0, noise=0.0)
    assert np.array_equal(a.path, b.path)
    assert not np.allclose(a.path, c.path)
    assert not np.allclose(a.path, clean.path)
    # the noise is noise·N(0, 1) from default_rng(seed)
    rng = np.random.default_rng(1)
    p = np.array([-9.0, 2.0])
    g = _ellipse_grad(p) + 0.5 * rng.standard_normal(2)
    assert np.allclose(a.path[1], p - 0.1 * g, rtol=0, atol=1e-14)


def test_schedule_treats_each_step_as_an_epoch(manager):
    calls = []

    class Halving:
        def rate(self, initial_rate, epoch, step, costs):
            calls.append((epoch, step, list(costs)))
            return initial_rate / (1 + epoch)

    res = run_trajectory("ellipse", manager.create_optimizer("gd"), 0.5, 4, (2.0, 1.0),
                         schedule=Halving())
    assert [c[:2] for c in calls] == [(0, 0), (1, 1), (2, 2), (3, 3)]
    assert [len(c[2]) for c in calls] == [1, 2, 3, 4]
    assert calls[2][2] == pytest.approx(list(res.values[:3]))
    assert np.allclose(res.rates, [0.5, 0.25, 0.5 / 3, 0.125])

    sched = manager.create_schedule("inverse-time", {"decay_rate": 1.0})
    res2 = run_trajectory("ellipse", manager.create_optimizer("gd"), 0.5, 4, (2.0, 1.0),
                          schedule=sched, schedule_per=manager.schedule_info("inverse-time").per)
    assert np.allclose(res2.path, res.path, rtol=0, atol=1e-15)


def test_bad_schedule_rate_fails():
    class Zero:
        def rate(self, initial_rate, epoch, step, costs):
            return 0.0 if epoch == 2 else initial_rate

    res = run_trajectory("ellipse", get_plugin_manager().create_optimizer("gd"), 0.1, 5, (1.0, 1.0),
                         schedule=Zero())
    assert res.status == "failed" and "step 3" in res.message and res.steps_done == 2


def test_state_history(manager):
    res = run_trajectory("ellipse", manager.create_optimizer("momentum"), 0.1, 5, (1.0, 1.0),
                         record_state=True)
    assert len(res.state_history) == 6
    assert np.array_equal(res.state_history[0]["velocity v"], [0.0, 0.0])
    v1 = 0.1 * _ellipse_grad(np.array([1.0, 1.0]))
    assert np.allclose(res.state_history[1]["velocity v"], v1)
    assert res.state_history[1]["velocity v"] is not res.state_history[2]["velocity v"]
    assert run_trajectory("ellipse", manager.create_optimizer("gd"), 0.1, 2, (1.0, 1.0)).state_history is None


@pytest.mark.parametrize("start", ["1", "a,b", (1.0,), (1.0, 2.0, 3.0), (1.0, math.inf), "1,2,3", ""])
def test_bad_start(start):
    with pytest.raises(ValueError, match="start point"):
        parse_start(start, get_function("ellipse"))


def test_parse_start_text():
    assert np.array_equal(parse_start(" -9 , 2.5 "), [-9.0, 2.5])
    assert np.array_equal(parse_start(None, get_function("beale")), [1.0, 1.5])


@pytest.mark.parametrize("kwargs, match", [
    ({"learning_rate": 0.0}, "learning rate"),
    ({"learning_rate": -1.0}, "learning rate"),
    ({"learning_rate": math.nan}, "learning rate"),
    ({"steps": -1}, "steps"),
    ({"steps": 2.5}, "steps"),
    ({"noise": -0.1}, "noise"),
    ({"schedule_per": "batch"}, "schedule_per"),
    ({"function": "nope"}, "unknown function"),
])
def test_bad_arguments(manager, kwargs, match):
    args = {"function": "ellipse", "learning_rate": 0.1, "steps": 3}
    extra = {k: v for k, v in kwargs.items() if k not in args}
    args.update({k: v for k, v in kwargs.items() if k in args})
    with pytest.raises(ValueError, match=match):
        run_trajectory(args["function"], manager.create_optimizer("gd"), args["learning_rate"],
                       args["steps"], (1.0, 1.0), **extra)


def test_run_trajectories(manager):
    configs = [
        {"name": "gd", "learning_rate": 0.9},
        {"name": "momentum", "learning_rate": 0.9, "params": {"beta": 0.9}, "label": "heavy ball"},
        {"name": "adam", "learning_rate": 0.1, "schedule": "exponential",
         "schedule_params": {"base": 0.99}},
        {"name": "rmsprop"},
    ]
    results = run_trajectories("ellipse", configs, 50, None, noise=0.1, seed=3, manager=manager)
    assert [r.label for r in results] == ["gd", "heavy ball", "adam", "rmsprop"]
    assert all(isinstance(r, TrajectoryResult) and r.status == "finished" for r in results)
    assert all(np.array_equal(r.path[0], [-9.0, 2.0]) for r in results)
    assert results[2].rates[1] == pytest.approx(0.1 * 0.99)
    assert results[3].rates[0] == manager.optimizer_info("rmsprop").default_learning_rate
    alone = run_trajectory("ellipse", manager.create_optimizer("gd"), 0.9, 50, None, noise=0.1, seed=3)
    assert np.array_equal(results[0].path, alone.path)
    # momentum smooths the zig-zag: y changes sign far less often than with plain GD
    flips = [int(np.sum(np.diff(np.sign(r.path[:, 1])) != 0)) for r in results[:2]]
    assert flips[0] >= 40 and flips[1] < flips[0] // 2

    with pytest.raises(ValueError, match=r"run 2 \(nope\): unknown optimizer 'nope'"):
        run_trajectories("ellipse", [{"name": "gd"}, {"name": "nope"}], 5, manager=manager)
    with pytest.raises(ValueError, match=r"run 1 .*unknown parameter 'zeta'"):
        run_trajectories("ellipse", [{"name": "gd", "params": {"zeta": 1}}], 5, manager=manager)


def test_to_dict_is_json_ready(manager):
    res = run_trajectory("ellipse", manager.create_optimizer("gd"), 0.1, 3, (1.0, 1.0), label="x")
    data = json.loads(json.dumps(res.to_dict()))
    assert len(data["path"]) == 4 and data["status"] == "finished" and data["label"] == "x"


def test_core_modules_do_not_import_qt():
    code = ("import sys, optstudio.core.functions2d, optstudio.core.trajectory, optstudio.core.ewa, "
            "optstudio.cli.trajectory; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ============================================================================ CLI

def _cli(argv):
    from optstudio.cli import main
    return main(argv)


def test_cli_json(capsys):
    rc = _cli(["trajectory", "--function", "ellipse", "--optimizer", "adam", "--lr", "0.1",
               "--steps", "5", "--start", "1,1", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out)
    assert data["function"] == "ellipse" and data["optimizer"] == "adam"
    assert data["learning_rate"] == 0.1 and data["steps"] == 5 and data["start"] == [1.0, 1.0]
    assert len(data["path"]) == 6 and data["path"][0] == [1.0, 1.0]
    assert len(data["values"]) == 6 and data["values"][0] == pytest.approx(1.05)
    assert data["status"] == "finished" and data["message"]
    expected = run_trajectory("ellipse", get_plugin_manager().create_optimizer("adam"), 0.1, 5, (1.0, 1.0))
    assert np.allclose(data["path"], expected.path, rtol=0, atol=1e-15)


def test_cli_defaults_and_set(capsys):
    rc = _cli(["trajectory", "--function", "beale", "--optimizer", "momentum",
               "--set", "beta=0.5", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0
    assert data["steps"] == 100 and len(data["path"]) == 101
    assert data["start"] == [1.0, 1.5] and data["status"] == "finished"
    assert data["learning_rate"] == get_plugin_manager().optimizer_info("momentum").default_learning_rate


def test_cli_negative_start_and_schedule(capsys):
    rc = _cli(["trajectory", "--function", "saddle", "--optimizer", "gd", "--lr", "0.05",
               "--start", "-2,-0.01", "--steps", "4", "--schedule", "exponential",
               "--schedule-set", "base=0.9", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["start"] == [-2.0, -0.01] and len(data["path"]) == 5


def test_cli_text_table(capsys):
    rc = _cli(["trajectory", "--function", "ellipse", "--optimizer", "gd", "--lr", "0.9",
               "--steps", "30"])
    out = capsys.readouterr().out
    assert rc == 0
    lines = out.splitlines()
    rows = [line for line in lines if line.strip() and line.split()[0].isdigit()]
    assert [int(r.split()[0]) for r in rows] == list(range(0, 31, 3))
    assert "final point" in out and "f = " in out


def test_cli_diverged_text(capsys):
    rc = _cli(["trajectory", "--function", "ellipse", "--optimizer", "gd", "--lr", "1.5",
               "--steps", "500"])
    out = capsys.readouterr().out
    assert rc == 0 and "diverged" in out and "lower learning rate" in out


@pytest.mark.parametrize("argv, match", [
    (["--function", "nope"], "unknown function 'nope'"),
    (["--optimizer", "nope"], "unknown optimizer 'nope'"),
    (["--lr", "0"], "--lr"),
    (["--lr", "-0.1"], "--lr"),
    (["--steps", "0"], "--steps"),
    (["--steps", "x"], "--steps"),
    (["--start", "1"], "--start"),
    (["--start", "a,b"], "--start"),
    (["--set", "zeta=1"], "unknown parameter 'zeta'"),
    (["--set", "oops"], "--set expects NAME=VALUE"),
    (["--schedule", "nope"], "unknown schedule 'nope'"),
    (["--schedule-set", "base=0.9"], "--schedule-set needs --schedule"),
    (["--noise", "-1"], "--noise"),
])
def test_cli_bad_input(capsys, argv, match):
    rc = _cli(["trajectory", "--steps", "3", *argv] if "--steps" not in argv else ["trajectory", *argv])
    err = capsys.readouterr().err
    assert rc == 2
    assert match in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_subprocess_json():
    proc = subprocess.run([sys.executable, "-m", "optstudio", "trajectory", "--function", "ellipse",
                           "--optimizer", "adam", "--lr", "0.1", "--steps", "5", "--start", "1,1",
                           "--json"], capture_output=True, text=True,
                          cwd=str(Path(__file__).resolve().parents[1]),
                          env={**os.environ, "OPTSTUDIO_DISABLE_PLUGINS": "1"})
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["path"]) == 6
