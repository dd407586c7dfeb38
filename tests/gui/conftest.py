"""Fixtures for the main window's tests (pytest-qt, offscreen, no sleeps)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before anything imports Qt

import gc  # noqa: E402
import threading  # noqa: E402

import pytest  # noqa: E402

import optstudio.gui  # noqa: E402,F401 - applies the PySide6 6.12 / Python 3.11 work-around first


def _top_level_widgets(app_class) -> list:
    """``QApplication.topLevelWidgets()`` without a collection while PySide wraps them.

    The list is a copy of C++ pointers; wrapping each allocates, an allocation may run the
    cyclic collector, and the collector may destroy a closed window of an earlier test that
    Python owned -- whose pointer is still further down the copied list (a segfault in CI).
    So: collect first, and no collection until every widget has its wrapper (a reference).
    """
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return list(app_class.topLevelWidgets())
    finally:
        if enabled:
            gc.enable()


@pytest.fixture(autouse=True)
def _dangling_qthreads(qapp, qtbot):
    """Fail a test that leaves a QThread (or a Python thread) of the GUI running.

    Like napari's ``_dangling_qthreads``: every QThread the window creates is registered in
    ``optstudio.gui.worker`` (``live_threads()``), every QThread of a view (the comparison) in
    ``optstudio.gui.views`` (``live_view_threads()``); after the test (and after pytest-qt closed
    the test's widgets) none may still run. A leftover thread is ended so the next tests can run.
    """
    from optstudio.gui.views import live_view_threads
    from optstudio.gui.worker import live_threads as window_threads

    def live_threads():               # the window's threads and its views' (comparison) threads
        threads = window_threads()
        return threads + [t for t in live_view_threads() if t not in threads]

    before = {t.ident for t in threading.enumerate()}
    yield
    # widgets registered with qtbot are closed by pytest-qt after this fixture's teardown
    # started; close any window still open so its threads end here
    from optstudio.gui.main_window import MainWindow
    from PySide6.QtWidgets import QApplication

    for widget in _top_level_widgets(QApplication):
        if isinstance(widget, MainWindow):
            widget.confirm = False
            widget.close()
    left = live_threads()
    py_left = [t for t in threading.enumerate()
               if t.ident not in before and t.is_alive() and not isinstance(t, threading._DummyThread)]
    if left or py_left:
        names = [t.objectName() or "QThread" for t in left] + [t.name for t in py_left]
        for thread in left:
            thread.quit()
            thread.wait(10000)
        pytest.fail(f"threads still running after the test: {', '.join(names)}")


@pytest.fixture
def make_window(qtbot):
    """``make_window(experiment=None, restore=False, remember=False, wait=True, confirm=False,
    full_speed=True)`` -> MainWindow with its data loaded and an untrained run ready (``dataReady``).
    Closed after the test. ``confirm=False``: no question before discarding a trained run;
    ``full_speed``: the speed control at full speed (tests of the speed itself say otherwise)."""
    from optstudio.gui.main_window import MainWindow

    windows = []

    def make(experiment=None, *, restore=False, remember=False, wait=True, confirm=False, full_speed=True):
        window = MainWindow(experiment, restore=restore, remember=remember, confirm=confirm)
        windows.append(window)        # qtbot only keeps a weak reference
        # (pytest-qt closes it after the test: a question would wait for an answer there)
        qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "confirm", False))
        window.resize(1280, 800)
        if full_speed:
            window.speed_control.set_pace(None)
        if wait:
            with qtbot.waitSignal(window.dataReady, timeout=30000):
                window.show()
        else:
            window.show()
        return window

    yield make
    for window in windows:
        window.confirm = False        # (a test's question would wait for an answer)
        window.close()


@pytest.fixture
def small_experiment():
    """The default experiment with few epochs (fast)."""
    from optstudio.core.experiment import Experiment

    def make(epochs=40, **training):
        exp = Experiment()
        exp.training.epochs = epochs
        for key, value in training.items():
            setattr(exp.training, key, value)
        return exp

    return make


@pytest.fixture
def run_to_end(qtbot):
    """``run_to_end(window)``: press Start and wait until the run ends; returns the status."""

    def run(window, timeout=30000):
        with qtbot.waitSignal(window.trainingFinished, timeout=timeout) as blocker:
            assert window.start_training()
        return blocker.args[0]

    return run
