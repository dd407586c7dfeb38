"""Shared pytest fixtures. Keep each area's fixtures in its own marked section."""

from __future__ import annotations

import os
import socket
import sys
import textwrap
from pathlib import Path

import pytest

# Qt tests run without a screen everywhere (CI, a teacher's laptop over ssh, …).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# =============================================================================================
# No network: OptStudio never touches the network, and the whole suite runs with sockets blocked.
# =============================================================================================

class NetworkAccessError(RuntimeError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkAccessError("a test tried to use the network; OptStudio must work offline")


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self, address, *args):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect(self, address, *args)
    _refuse()


def _guarded_connect_ex(self, address, *args):
    if self.family == getattr(socket, "AF_UNIX", None):
        return _real_connect_ex(self, address, *args)
    _refuse()


def pytest_configure(config):
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse


# =============================================================================================
# Plugin system (optstudio.plugins.manager): isolation from the machine + fake built-ins
# =============================================================================================


@pytest.fixture(autouse=True)
def _isolate_plugins(tmp_path_factory, monkeypatch):
    """Keep every test away from the user's plugins and installed entry-point plugins.

    * ``OPTSTUDIO_CONFIG_DIR`` -> a fresh temporary folder (so the user plugin folder is empty);
    * ``OPTSTUDIO_PLUGIN_PATH`` and ``OPTSTUDIO_DISABLE_PLUGINS`` removed;
    * ``OPTSTUDIO_NO_ENTRY_POINTS=1``: installed distributions' plugins are not loaded;
    * the cached default plugin manager is reset before and after the test.
    """
    monkeypatch.setenv("OPTSTUDIO_CONFIG_DIR", str(tmp_path_factory.mktemp("optstudio-config")))
    monkeypatch.delenv("OPTSTUDIO_PLUGIN_PATH", raising=False)
    monkeypatch.delenv("OPTSTUDIO_DISABLE_PLUGINS", raising=False)
    monkeypatch.setenv("OPTSTUDIO_NO_ENTRY_POINTS", "1")
    # English, whatever the tester's locale (tests of the Chinese set it themselves)
    monkeypatch.setenv("LANG", "C.UTF-8")
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    try:
        from optstudio.plugins import manager
    except ImportError:  # keep other areas' tests running if the plugin manager is broken
        manager = None
    if manager is not None:
        manager.reset_plugin_manager()
    yield
    if manager is not None:
        manager.reset_plugin_manager()


FAKE_BUILTIN_OPTIMIZERS = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec


class GD(Optimizer):
    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= learning_rate * grads[name]


class Momentum(Optimizer):
    state_names = (("v", "velocity v"),)

    def __init__(self, beta):
        self.beta = beta

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            v = self.v[name]
            v *= self.beta
            v += (1 - self.beta) * grads[name]
            W -= learning_rate * v


@hookimpl
def optstudio_optimizers():
    return [
        OptimizerInfo(name="gd", label="Gradient descent", description="plain", formula="W = W - α·dW",
                      factory=GD),
        OptimizerInfo(name="momentum", label="Momentum", description="heavy ball",
                      formula="v = β·v + (1−β)·dW; W = W − α·v", factory=Momentum,
                      params=(ParamSpec("beta", 0.9, min=0.0, max=0.999),)),
    ]
'''

FAKE_BUILTIN_SCHEDULES = '''
from optstudio import hookimpl
from optstudio.plugins.types import Schedule, ScheduleInfo


class Constant(Schedule):
    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate


@hookimpl
def optstudio_schedules():
    return [ScheduleInfo(name="constant", label="Constant", description="α = α0", formula="α = α0",
                         factory=Constant)]
'''


@pytest.fixture
def fake_builtins(tmp_path, monkeypatch):
    """Replace the real built-ins by two small modules: optimizers gd, momentum; schedule constant.

    Makes plugin-manager tests independent of the real built-in modules. Returns the folder
    holding the two fake modules.
    """
    from optstudio.plugins import manager

    folder = tmp_path / "fake_builtins"
    folder.mkdir()
    names = ("optstudio_test_fake_builtin_optimizers", "optstudio_test_fake_builtin_schedules")
    for name, source in zip(names, (FAKE_BUILTIN_OPTIMIZERS, FAKE_BUILTIN_SCHEDULES)):
        (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setattr(manager, "BUILTIN_PLUGINS", names)
    yield folder
    for name in names:
        sys.modules.pop(name, None)


@pytest.fixture
def write_plugin(tmp_path):
    """``write_plugin(source, name="p.py", folder="plugins") -> Path``: a real plugin file."""

    def write(source: str, name: str = "plugin.py", folder: str | Path = "plugins") -> Path:
        directory = Path(folder) if Path(folder).is_absolute() else tmp_path / folder
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
        return path.resolve()

    return write


# ============================================================================ end plugin system
