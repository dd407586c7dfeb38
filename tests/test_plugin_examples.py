"""The example plugins in the repository's plugins/ folder, the plugin guide, and the report."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from optstudio import paths
from optstudio.plugins.manager import PluginManager, PluginRuntimeError
from optstudio.plugins.report import format_plugins_report, plugins_report

pytestmark = pytest.mark.usefixtures("fake_builtins")

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "plugins.md"
EXAMPLES = ("lion.py", "cyclical_lr.py")


def default_manager() -> PluginManager:
    """Default discovery: repo plugins/ + (empty, isolated) user folder + OPTSTUDIO_PLUGIN_PATH."""
    return PluginManager(load_entry_points=False)


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, flags=re.S | re.M)


def minimise_quadratic(opt, lr: float, steps: int) -> np.ndarray:
    """f(x, y) = 0.5·(x² + 10·y²) from (3, −2); returns the final point."""
    scale = np.array([1.0, 10.0])
    params = {"theta": np.array([3.0, -2.0])}
    opt.init(params)
    for t in range(1, steps + 1):
        opt.update(params, {"theta": scale * params["theta"]}, t, lr)
    return params["theta"]


# ------------------------------------------------------------------------------ example plugins


def test_examples_load_from_the_repo_plugins_folder():
    pm = default_manager()
    assert pm.errors == []
    assert paths.repo_plugin_dir() == REPO / "plugins"
    assert pm.source("optimizer", "lion") == str((REPO / "plugins" / "lion.py").resolve())
    assert pm.source("schedule", "cyclical") == str((REPO / "plugins" / "cyclical_lr.py").resolve())
    assert not pm.is_builtin("optimizer", "lion") and not pm.is_builtin("schedule", "cyclical")
    lion = pm.optimizer_info("lion")
    assert lion.default_learning_rate == 1e-4
    assert {p.name: p.default for p in lion.params} == {"beta1": 0.9, "beta2": 0.99, "weight_decay": 0.0}
    cyclical = pm.schedule_info("cyclical")
    assert cyclical.per == "step"
    assert {p.name: p.default for p in cyclical.params} == {
        "max_rate_factor": 6.0, "step_size": 200, "mode": "triangular"}


@pytest.mark.parametrize("name", EXAMPLES)
def test_examples_use_only_the_public_api(name):
    tree = ast.parse((REPO / "plugins" / name).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.update(f"{node.module}.{alias.name}" for alias in node.names)
    allowed = re.compile(r"^(numpy|math|optstudio\.hookimpl|optstudio\.plugins\.types\.\w+)$")
    assert imported and all(allowed.match(name) for name in imported), imported
    assert ast.get_docstring(tree)


def test_lion_update_rule():
    pm = default_manager()
    opt = pm.create_optimizer("lion", {"beta1": 0.5, "beta2": 0.75, "weight_decay": 0.1})
    assert opt.state_names == (("m", "momentum m"),)
    W = np.array([[1.0, -2.0], [0.5, 3.0]])
    params = {"W": W}
    opt.init(params)
    m = np.array([[0.2, 0.0], [-4.0, 0.0]])
    opt.inner.m["W"][...] = m
    dW = np.array([[-1.0, 1.0], [2.0, 0.0]])
    expected_W = W - 0.1 * (np.sign(0.5 * m + 0.5 * dW) + 0.1 * W)
    expected_m = 0.75 * m + 0.25 * dW
    opt.update(params, {"W": dW}, 1, 0.1)
    assert params["W"] is W  # in place
    np.testing.assert_allclose(W, expected_W)
    np.testing.assert_allclose(opt.state()["momentum m"]["W"], expected_m)


def test_lion_minimises_a_quadratic():
    pm = default_manager()
    theta = minimise_quadratic(pm.create_optimizer("lion"), lr=0.01, steps=2000)
    assert np.abs(theta).max() < 0.05  # sign steps: it ends within a few α of the minimum
    with_decay = minimise_quadratic(pm.create_optimizer("lion", {"weight_decay": 1.0}), lr=0.01, steps=2000)
    assert np.abs(with_decay).max() < 0.05
    assert pm.errors == []


def test_cyclical_rates_follow_the_triangle():
    pm = default_manager()
    schedule = pm.create_schedule("cyclical", {"max_rate_factor": 5, "step_size": 10})
    a0 = 0.02
    rates = [schedule.rate(a0, 0, step, []) for step in range(0, 61)]
    expected = [a0 + (5 * a0 - a0) * max(0.0, 1 - abs(step / 10 - 2 * (1 + step // 20) + 1))
                for step in range(0, 61)]
    np.testing.assert_allclose(rates, expected)
    assert rates[0] == pytest.approx(a0) and rates[10] == pytest.approx(5 * a0)
    assert rates[20] == pytest.approx(a0) and rates[30] == pytest.approx(5 * a0)
    assert rates[5] == pytest.approx(3 * a0)  # halfway up
    assert all(b > a for a, b in zip(rates[0:10], rates[1:11]))  # rising ...
    assert all(b < a for a, b in zip(rates[10:20], rates[11:21]))  # ... then falling
    halving = pm.create_schedule("cyclical", {"max_rate_factor": 5, "step_size": 10, "mode": "triangular2"})
    peaks = [halving.rate(a0, 0, step, []) for step in (10, 30, 50)]
    np.testing.assert_allclose(peaks, [5 * a0, 3 * a0, 2 * a0])  # the height halves per cycle
    assert min(halving.rate(a0, 0, s, []) for s in range(200)) == pytest.approx(a0)
    with pytest.raises(ValueError, match="mode must be one of triangular, triangular2"):
        pm.create_schedule("cyclical", {"mode": "sine"})
    assert pm.errors == []


# ------------------------------------------------------------------------------ the guide


def test_guide_optimizer_works_as_a_drop_in_file(tmp_path):
    blocks = python_blocks(GUIDE.read_text(encoding="utf-8"))
    code = blocks[0]
    assert len(code.strip().splitlines()) < 30
    folder = tmp_path / "dropin"
    folder.mkdir()
    path = folder / "signum.py"
    path.write_text(code, encoding="utf-8")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    assert pm.errors == []
    assert pm.source("optimizer", "signum") == str(path.resolve())
    opt = pm.create_optimizer("signum")
    assert opt.state_names == (("v", "velocity v"),)
    theta = minimise_quadratic(opt, lr=0.01, steps=2000)
    assert np.abs(theta).max() < 0.1
    assert set(opt.state()) == {"velocity v"}


def test_guide_schedule_works_too(tmp_path):
    blocks = python_blocks(GUIDE.read_text(encoding="utf-8"))
    schedule_code = next(b for b in blocks if "optstudio_schedules" in b)
    folder = tmp_path / "dropin"
    folder.mkdir()
    (folder / "halving.py").write_text(schedule_code, encoding="utf-8")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    assert pm.errors == []
    schedule = pm.create_schedule("halving", {"every": 2})
    assert [schedule.rate(0.8, e, 0, []) for e in range(5)] == [0.8, 0.8, 0.4, 0.4, 0.2]


def test_guide_documents_the_essentials():
    text = GUIDE.read_text(encoding="utf-8")
    for needle in ('[project.entry-points."optstudio.plugins"]', 'myopt = "myopt_pkg.plugin"',
                   "OPTSTUDIO_PLUGIN_PATH", "OPTSTUDIO_DISABLE_PLUGINS", "~/.config/optstudio/plugins",
                   "%APPDATA%", "Library/Application Support/OptStudio", "optstudio plugins",
                   "Plugins", "in place", "NaN", "shape", "choices", "log", "help"):
        assert needle in text, needle


# ------------------------------------------------------------------------------ the report

BROKEN = '''
from optstudio import hookimpl

@hookimpl
def optstudio_optimizers():
    return [  # never closed
'''


def test_report_lists_plugins_and_errors(tmp_path, monkeypatch):
    folder = tmp_path / "extra"
    folder.mkdir()
    broken = folder / "broken.py"
    broken.write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    pm = default_manager()
    assert len(pm.errors) == 1

    report = plugins_report(pm)
    assert json.loads(json.dumps(report)) == report
    optimizers = {entry["name"]: entry for entry in report["optimizers"]}
    schedules = {entry["name"]: entry for entry in report["schedules"]}
    assert list(optimizers)[:2] == ["gd", "momentum"] and "lion" in optimizers
    lion = optimizers["lion"]
    assert lion["source"] == str((REPO / "plugins" / "lion.py").resolve())
    assert lion["label"] == "Lion" and "sign(c)" in lion["formula"] and lion["description"]
    assert lion["params"][0] == {"name": "beta1", "label": "β1", "default": 0.9, "min": 0.0,
                                 "max": 0.9999, "log": False, "kind": "float", "choices": [],
                                 "help": lion["params"][0]["help"]}
    assert optimizers["gd"]["source"] == "built-in"
    mode = schedules["cyclical"]["params"][2]
    assert mode["kind"] == "choice" and mode["choices"] == ["triangular", "triangular2"]
    assert report["errors"] == [{"plugin": "broken", "file": str(broken.resolve()),
                                 "line": pm.errors[0].line, "message": pm.errors[0].message}]
    assert pm.errors[0].message.startswith("SyntaxError")

    text = format_plugins_report(pm)
    assert "Optimizers" in text and "Schedules" in text
    assert text.index("Optimizers") < text.index("Schedules") < text.index("Plugin errors:")
    assert re.search(r"^  lion +Lion +\[" + re.escape(lion["source"]) + r"\]$", text, flags=re.M)
    assert re.search(r"^  cyclical +Cyclical \(triangular\) +\[.*cyclical_lr\.py\]$", text, flags=re.M)
    assert re.search(r"^  gd +Gradient descent +\[built-in\]$", text, flags=re.M)
    assert "beta1 = 0.9" in text and "step_size = 200" in text and "mode = triangular" in text
    assert f"  broken: {broken.resolve()}:{pm.errors[0].line}: SyntaxError" in text
    assert "No plugin errors." not in text


def test_report_without_errors_and_runtime_errors_show_up(tmp_path):
    pm = default_manager()
    assert format_plugins_report(pm).endswith("No plugin errors.")
    assert plugins_report(pm)["errors"] == []
    # A run-time failure recorded by the guard appears in the report afterwards.
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "flaky.py").write_text(
        "from optstudio import hookimpl\n"
        "from optstudio.plugins.types import Optimizer, OptimizerInfo\n"
        "class Flaky(Optimizer):\n"
        "    def update(self, params, grads, t, learning_rate):\n"
        "        raise ArithmeticError('flaky')\n"
        "@hookimpl\n"
        "def optstudio_optimizers():\n"
        "    return [OptimizerInfo(name='flaky', label='Flaky', description='', formula='', factory=Flaky)]\n",
        encoding="utf-8")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    opt = pm.create_optimizer("flaky")
    opt.init({"W": np.zeros(1)})
    with pytest.raises(PluginRuntimeError):
        opt.update({"W": np.zeros(1)}, {"W": np.zeros(1)}, 7, 0.1)
    text = format_plugins_report(pm)
    assert (f"flaky: {(folder / 'flaky.py').resolve()}:5: optimizer 'flaky' raised in update at step 7: "
            f"ArithmeticError: flaky") in text
