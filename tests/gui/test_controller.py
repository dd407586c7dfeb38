"""The run controller: one state machine and one worker for the Training tab and the comparison;
live changes travel as values and become engine commands, once."""

import sys
import textwrap
import time

import pytest

from optstudio.gui.controller import RunController, RunState


def _spy(engine, method):
    """Record the calls of ``engine.method`` (the controller sends its commands through them)."""
    calls = []
    original = getattr(engine, method)

    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    setattr(engine, method, spy)
    return calls


def _paused(qtbot, window):
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        assert window.start_training()
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)


def test_states_are_an_enum(make_window, small_experiment, qtbot):
    window = make_window(small_experiment(epochs=100000))
    assert window.state is RunState.IDLE and isinstance(window.state, RunState)
    seen = []
    window.controller.stateChanged.connect(seen.append)
    _paused(qtbot, window)
    assert seen == [RunState.RUNNING, RunState.PAUSED]
    assert all(isinstance(s, RunState) for s in seen)


def test_choosing_another_optimizer_queues_its_alpha_once(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    _paused(qtbot, window)
    run = window.controller.run
    engine = run.engine
    rates, optimizers = _spy(engine, "set_learning_rate"), _spy(engine, "set_optimizer")
    window.optimizer_panel.select_optimizer("momentum")
    default = window.manager.optimizers["momentum"].default_learning_rate
    assert [args[0] for args in rates] == [default]          # one α command: the new default
    assert len(optimizers) == 1
    before = run.epoch
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    qtbot.waitUntil(lambda: run.epoch > before + 1, timeout=10000)
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)
    assert run.history.column("learning_rate")[-1] == pytest.approx(default)
    assert run.optimizer.name == "momentum"
    assert window.controller.run is run                        # a live change, no new run


def test_a_typed_learning_rate_reaches_the_engine_as_its_value(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    _paused(qtbot, window)
    carried = []
    window.settings.learningRateChanged.connect(carried.append)
    rates = _spy(window.controller.run.engine, "set_learning_rate")
    window.optimizer_panel.learning_rate.setText("0.0123")
    assert carried == [0.0123]                                 # the signal carries the value
    assert [args[0] for args in rates] == [0.0123]             # and the engine gets it, once
    assert window.experiment().optimizer.learning_rate == 0.0123


def test_mini_batch_size_is_a_live_change(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=100000))
    _paused(qtbot, window)
    run = window.controller.run
    window.optimizer_panel.batch.setValue(16)
    assert window.controller.run is run
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    qtbot.waitUntil(lambda: run.engine.mini_batch_size == 16, timeout=10000)
    window.pause_training()


def test_training_and_compare_share_the_controller_class_and_its_worker(qtbot, make_window):
    from optstudio.gui.worker import PlanWorker

    window = make_window()
    compare = window.pages.compare
    assert type(compare.controller) is type(window.controller) is RunController
    assert isinstance(compare.controller.worker, PlanWorker) and isinstance(window.controller.worker, PlanWorker)
    import optstudio.gui.views.compare_view as compare_view
    import optstudio.gui.worker as worker

    for module in (compare_view, worker):
        for gone in ("CompareWorker", "CompareSession", "TrainingWorker", "TrainingSession"):
            assert not hasattr(module, gone)


def test_compare_gets_live_learning_rate_pause_and_stopping_one_run(qtbot):
    from optstudio.gui.views.compare_view import CompareView
    from optstudio.plugins.manager import get_plugin_manager

    view = CompareView(get_plugin_manager())
    qtbot.addWidget(view)
    view.show()
    view.epochs.setValue(1_000_000)
    assert view.start()
    qtbot.waitUntil(lambda: all(len(e) >= 2 for e in view.epochs_data), timeout=20000)
    runs = view.controller.runs
    # a run's α, typed while it trains: held while typing, then applied to that run only
    view.rows[2].learning_rate.setText("0.05")
    view.controller.flush()
    qtbot.waitUntil(lambda: runs[2].learning_rate == 0.05, timeout=10000)
    assert runs[0].learning_rate == pytest.approx(0.0007)
    # stop one run, the others go on
    view.rows[0].stop_button.click()
    qtbot.waitUntil(lambda: runs[0].status == "stopped", timeout=10000)
    done = runs[0].epoch
    qtbot.waitUntil(lambda: runs[1].epoch > done + 3, timeout=10000)
    assert runs[0].epoch == done and runs[1].status == "running"
    view.pause()
    qtbot.waitUntil(lambda: view.controller.worker_paused, timeout=10000)
    with qtbot.waitSignal(view.trainingFinished, timeout=20000):
        view.stop()
    assert view.summaries[0].status == "stopped"
    assert view.shutdown(20000)


SLOW_PLUGIN = '''
import threading
import time

import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo

STARTED = threading.Event()


class Slow(Optimizer):
    def update(self, params, grads, t, learning_rate):
        STARTED.set()
        time.sleep(1.5)              # a slow plugin's step (the GIL is free meanwhile)
        for name, W in params.items():
            W -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="slow-test", label="Slow (test)", description="sleeps in every step",
                          formula="W = W − α·dW", factory=Slow)]
'''


@pytest.fixture
def slow_manager(tmp_path, monkeypatch):
    folder = tmp_path / "slow_plugins"
    folder.mkdir()
    (folder / "slow_test.py").write_text(textwrap.dedent(SLOW_PLUGIN), encoding="utf-8")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    from optstudio.plugins.manager import get_plugin_manager

    yield get_plugin_manager(refresh=True)
    monkeypatch.delenv("OPTSTUDIO_PLUGIN_PATH")
    get_plugin_manager(refresh=True)


def test_reset_does_not_wait_for_a_slow_plugins_step(qtbot, slow_manager, make_window, small_experiment):
    exp = small_experiment(epochs=100)
    exp.optimizer.name, exp.optimizer.params, exp.optimizer.learning_rate = "slow-test", {}, 0.1
    window = make_window(exp)
    started = next(m.STARTED for m in list(sys.modules.values()) if hasattr(m, "STARTED") and "slow" in m.__name__)
    assert window.start_training()
    qtbot.waitUntil(started.is_set, timeout=10000)          # the worker is inside the 1.5 s step
    old = window.controller.run
    begin = time.perf_counter()
    assert window.reset_training()
    took = time.perf_counter() - begin
    assert took < 0.5, f"Reset waited {took:.2f} s"
    assert window.controller.run is not old and window.controller.run.epoch == 0
    assert window.state == RunState.IDLE
    # the fresh run's picture comes once the old step is over
    with qtbot.waitSignal(window.dataReady, timeout=20000):
        pass
    assert old.status != "running"
