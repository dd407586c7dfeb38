"""The training thread starts, stops and ends cleanly; the window stays responsive."""

import gc
import time

import numpy as np
from PySide6.QtCore import QObject, QTimer, Slot

from optstudio.gui.worker import live_threads


def test_close_during_training_ends_the_thread(qtbot, qtlog, make_window, small_experiment):
    window = make_window(small_experiment(epochs=1_000_000))
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        assert window.start_action.isEnabled()
        window.start_action.trigger()
    controller = window.controller
    thread = controller.thread
    assert thread is not None and thread.isRunning()
    assert window.close()
    assert not thread.isRunning()
    assert controller.plan.status == "stopped"
    assert live_threads() == []
    messages = [m.message for m in qtlog.records]
    assert not any("Destroyed while thread" in m for m in messages)


def test_close_while_paused(qtbot, make_window, small_experiment):
    window = make_window(small_experiment(epochs=1_000_000))
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    window.pause_training()
    qtbot.waitUntil(lambda: window.controller.worker_paused, timeout=10000)
    window.close()
    assert live_threads() == []


def test_fifty_start_stop_cycles(qtbot, qtlog, make_window, small_experiment):
    window = make_window(small_experiment(epochs=1_000_000))
    first_generation = window.controller.generation
    started = 0
    runs = []
    for i in range(50):
        assert window.start_training(), f"cycle {i}"
        runs.append(window.controller.run)
        started += window.controller.thread is not None and window.controller.thread.isRunning()
        if i % 10 == 0:           # now and then let it really train before stopping
            with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
                pass
        window.reset_training()  # stops the run (without waiting for it) and builds a fresh one
        # one training thread for every run: never one per run
        assert len([t for t in live_threads() if t.objectName().startswith("optstudio-training")]) <= 1, i
    assert started == 50
    assert window.controller.generation == first_generation + 50
    assert window.controller.run.epoch == 0
    # every discarded run has stopped training
    qtbot.waitUntil(lambda: all(r.engine.status != "running" for r in runs), timeout=10000)
    assert not any("Destroyed while thread" in m.message for m in qtlog.records)


def test_window_garbage_collected_without_close(qtbot, small_experiment):
    """Even a window that is never closed must not leave a running QThread to be destroyed."""
    from optstudio.gui.main_window import MainWindow

    window = MainWindow(small_experiment(epochs=1_000_000), restore=False, remember=False)
    with qtbot.waitSignal(window.dataReady, timeout=30000):
        window.show()
    with qtbot.waitSignal(window.snapshotApplied, timeout=10000):
        window.start_training()
    threads = list(live_threads())
    assert len(threads) == 2                 # data loader + training
    window.hide()
    window.deleteLater()
    del window
    gc.collect()
    qtbot.waitUntil(lambda: live_threads() == [], timeout=10000)


class _Ticker(QObject):
    def __init__(self):
        super().__init__()
        self.ticks = []

    @Slot()
    def tick(self):
        self.ticks.append(time.perf_counter())


def test_event_loop_stays_responsive_while_training(qtbot, make_window):
    """The notebook workload; the real figure comes from benchmarks/bench_gui_responsiveness.py.

    The bound is generous (a loaded 2-core CI machine); the benchmark measures ~25-40 ms.
    """
    from optstudio.core.experiment import notebook_preset

    exp = notebook_preset()
    exp.runs = []
    exp.training.epochs = 1500
    window = make_window(exp)
    ticker = _Ticker()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(ticker.tick)
    timer.start()
    with qtbot.waitSignal(window.trainingFinished, timeout=60000):
        ticker.ticks.append(time.perf_counter())
        window.start_training()
    ticker.ticks.append(time.perf_counter())
    timer.stop()
    gaps = np.diff(ticker.ticks) * 1000
    assert window.snapshots_applied > 5
    assert gaps.max() < 250, f"event loop stalled {gaps.max():.0f} ms"


def test_garbage_is_collected_in_the_gui_thread_while_the_windows_threads_run(qtbot, make_window):
    """A Qt object freed by Python's collector in a worker thread deadlocked with the GUI thread:
    while the window's threads run, only the GUI thread collects (optstudio.gui.gc_guard)."""
    import gc
    import threading

    window = make_window()
    assert not gc.isenabled()
    threads = []

    def callback(phase, _info):
        if phase == "start":
            threads.append(threading.current_thread() is threading.main_thread())

    gc.callbacks.append(callback)
    try:
        for _ in range(3000):              # garbage with cycles
            cycle = []
            cycle.append(cycle)
        qtbot.waitUntil(lambda: len(threads) > 0, timeout=5000)
        assert all(threads)
    finally:
        gc.callbacks.remove(callback)
    window.close()
    assert live_threads() == [] and gc.isenabled()
