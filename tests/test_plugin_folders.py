"""A plugin file dropped into the user plugin folder README names appears in every way of starting
OptStudio; `optstudio plugins --json` lists the folders it searched, in order."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo


class Halving(Optimizer):
    def update(self, params, grads, t, learning_rate):
        for name, p in params.items():
            p -= 0.5 * learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="halving-test", label="Halving", description="half a GD step",
                          formula="W = W − α/2·dW", factory=Halving)]
'''


def _user_folder(tmp_path) -> tuple[dict, Path]:
    config = tmp_path / "config"
    folder = config / "plugins"
    folder.mkdir(parents=True)
    (folder / "halving.py").write_text(PLUGIN, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("OPTSTUDIO_DISABLE_PLUGINS", "OPTSTUDIO_PLUGIN_PATH",
                                                               "PYTHONPATH")}
    env["OPTSTUDIO_CONFIG_DIR"] = str(config)
    return env, folder


def _report(command, env, cwd) -> dict:
    out = subprocess.run([*command, "plugins", "--json"], capture_output=True, text=True, env=env, cwd=cwd,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_python_m_optstudio_from_anywhere_sees_the_user_folder(tmp_path):
    env, folder = _user_folder(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    report = _report([sys.executable, "-m", "optstudio"], env, tmp_path)
    assert "halving-test" in [o["name"] for o in report["optimizers"]]
    assert report["user_folder"] == str(folder)
    searched = [f["path"] for f in report["folders"]]
    assert str(folder.resolve()) in searched or str(folder) in searched
    assert searched.index(str(ROOT / "plugins")) < searched.index(str(folder))   # the order searched


def test_the_installed_command_sees_the_user_folder(tmp_path):
    """The `optstudio` console script pip installed (CI installs the package into .venv), run from
    a folder that is not the checkout: it imports the installed copy, not this source tree."""
    script = Path(sys.executable).parent / ("optstudio.exe" if sys.platform == "win32" else "optstudio")
    if not script.exists():
        script = shutil.which("optstudio")
        if script is None:
            pytest.skip("no installed optstudio command next to this Python")
    env, folder = _user_folder(tmp_path)
    report = _report([str(script)], env, tmp_path)
    assert "halving-test" in [o["name"] for o in report["optimizers"]]
    assert report["user_folder"] == str(folder)
