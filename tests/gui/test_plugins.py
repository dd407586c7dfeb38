"""A plugin dropped into a plugin folder appears with a form generated from its ParamSpecs."""

import textwrap

import pytest

PLUGIN = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec, Schedule, ScheduleInfo


class Signum(Optimizer):
    state_names = (("v", "velocity v"),)

    def __init__(self, beta, eps, warmup, nesterov, mode):
        self.beta = beta

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            v = self.v[name]
            v *= self.beta
            v += (1 - self.beta) * grads[name]
            W -= learning_rate * np.sign(v)


class Boom(Optimizer):
    def update(self, params, grads, t, learning_rate):
        raise RuntimeError("boom at step %d" % t)


class Halving(Schedule):
    def __init__(self, every):
        self.every = every

    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate * 0.5 ** (epoch // self.every)


@hookimpl
def optstudio_optimizers():
    return [
        OptimizerInfo(
            name="signum-test", label="Signum (test)", description="sign of the momentum",
            formula="v = β·v + (1−β)·dW;  W = W − α·sign(v)", factory=Signum, default_learning_rate=0.003,
            params=(
                ParamSpec("beta", 0.85, min=0.0, max=0.999, label="β", help="momentum of the sign"),
                ParamSpec("eps", 1e-7, min=1e-12, max=1e-2, log=True, label="ε", help="a tiny number"),
                ParamSpec("warmup", 5, min=0, max=100, kind="int", label="warm-up", help="steps to warm up"),
                ParamSpec("nesterov", True, kind="bool", label="Nesterov", help="look ahead"),
                ParamSpec("mode", "fast", kind="choice", choices=("fast", "slow"), label="mode",
                          help="how to go"),
            ),
        ),
        OptimizerInfo(name="boom-test", label="Boom (test)", description="always fails", formula="W = ?",
                      factory=Boom),
    ]


@hookimpl
def optstudio_schedules():
    return [ScheduleInfo(name="halving-test", label="Halving (test)", description="halves α",
                         formula="α = α0 · 0.5^⌊epoch/every⌋", factory=Halving,
                         params=(ParamSpec("every", 10, min=1, max=1000, kind="int", label="every",
                                           help="epochs between halvings"),))]
'''


@pytest.fixture
def plugin_manager(tmp_path, monkeypatch):
    folder = tmp_path / "my_plugins"
    folder.mkdir()
    (folder / "signum_test.py").write_text(textwrap.dedent(PLUGIN), encoding="utf-8")
    (folder / "broken_test.py").write_text("import nonexistent_module_xyz\n", encoding="utf-8")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    from optstudio.plugins.manager import get_plugin_manager

    return get_plugin_manager(refresh=True)


def test_plugin_optimizer_gets_a_generated_form(plugin_manager, make_window, small_experiment):
    assert "signum-test" in plugin_manager.optimizers
    window = make_window(small_experiment())
    assert window.manager is plugin_manager
    panel = window.optimizer_panel
    names = [panel.optimizer.itemData(i) for i in range(panel.optimizer.count())]
    assert "signum-test" in names
    assert "Signum (test)" in panel.optimizer.itemText(names.index("signum-test"))
    panel.select_optimizer("signum-test")
    form = panel.form
    assert list(form.fields) == ["beta", "eps", "warmup", "nesterov", "mode"]
    assert form.values() == {"beta": 0.85, "eps": 1e-7, "warmup": 5, "nesterov": True, "mode": "fast"}
    assert form.fields["eps"].text() == "1e-7"
    assert form.fields["eps"].log
    assert form.fields["beta"].maximum() == pytest.approx(0.999)
    assert form.fields["warmup"].maximum() == 100
    for name, text in (("beta", "momentum of the sign"), ("eps", "a tiny number"), ("warmup", "steps to warm up"),
                       ("nesterov", "look ahead"), ("mode", "how to go")):
        assert text in form.fields[name].toolTip()
    assert panel.formula.text() == "v = β·v + (1−β)·dW;  W = W − α·sign(v)"
    assert panel.learning_rate.value() == pytest.approx(0.003)      # the plugin's suggested α
    assert not panel.lr_hint.isHidden()
    exp = window.experiment()
    assert exp.optimizer.name == "signum-test" and exp.optimizer.params["mode"] == "fast"


def test_plugin_optimizer_trains_and_schedule_form(qtbot, plugin_manager, make_window, small_experiment,
                                                    run_to_end):
    window = make_window(small_experiment(epochs=12))
    panel = window.optimizer_panel
    panel.select_optimizer("signum-test")
    panel.schedule.setCurrentIndex(panel.schedule.findData("halving-test"))
    assert list(panel.schedule_form.fields) == ["every"]
    panel.schedule_form.fields["every"].setValue(4)
    assert "0.5^" in panel.schedule_formula.text()
    assert run_to_end(window) == "finished"
    rates = window.controller.run.history.column("learning_rate")
    assert rates[0] == pytest.approx(0.003) and rates[-1] == pytest.approx(0.003 / 4)


def test_failing_plugin_shows_a_message_and_window_stays_usable(qtbot, plugin_manager, make_window,
                                                                small_experiment, run_to_end):
    window = make_window(small_experiment(epochs=12))
    window.optimizer_panel.select_optimizer("boom-test")
    assert run_to_end(window) == "failed"
    assert "boom at step 1" in window.notice.text()
    assert not window.start_action.isEnabled()
    assert any("boom" in e.message for e in plugin_manager.errors)
    # back to a working optimizer: a fresh trainer, Start works again
    window.optimizer_panel.select_optimizer("adam")
    assert window.start_action.isEnabled()
    assert run_to_end(window) == "finished"


def test_plugin_dialog_lists_sources_and_errors(plugin_manager, make_window, small_experiment):
    from optstudio.gui.dialogs import PluginDialog

    window = make_window(small_experiment())
    dialog = PluginDialog(plugin_manager, window)
    table = dialog.optimizer_table
    rows = {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}
    assert rows["adam"] == "built-in"
    assert rows["signum-test"].endswith("signum_test.py")
    errors = dialog.error_table
    assert errors.rowCount() == len(plugin_manager.errors) >= 1
    assert any("nonexistent_module_xyz" in errors.item(r, 2).text() for r in range(errors.rowCount()))
    dialog.close()
