"""How responsive is the window while it trains? (the real window, offscreen, at full speed)

Trains through the real GUI code path (the run controller's worker thread, snapshot signals,
views) while a 5 ms QTimer ticks in the GUI thread. The largest gap between two ticks is the
longest time the event loop was stalled (target: under 30 ms). Start is pressed 0.3 s after the
window is ready, like a student would. The workloads (``--workload``, default all three):

* ``notebook``: moons 300, layer_dims [2, 5, 2, 1], Adam, mini-batches of 64, the notebook's seeds;
* ``digits``: the 64-pixel digits (standardised, 20 % test), [64, 32, 16, 10] softmax, Adam;
* ``wide``: moons, layer_dims [2, 256, 256, 1], Adam.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_responsiveness.py [--workload notebook]
        [--epochs N] [--repeat 3] [--frame-wait SECONDS] [--visible-tab boundary|network|confusion] [--timeline]

Prints one line per run (max and 99th-percentile gap, ticks, epochs/s, snapshots drawn, frame
times) and the worst gap over all runs. ``--frame-wait 0`` turns off the training thread's wait for
each frame (see optstudio.gui.worker.FRAME_WAIT); ``--timeline`` lists what both threads did around
the worst gap.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=("notebook", "digits", "wide", "all"), default="all")
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run (default: per workload)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--frame-wait", type=float, default=None,
                        help="override optstudio.gui.worker.FRAME_WAIT (seconds the training thread waits for "
                             "the window to draw a snapshot; 0 = no wait)")
    parser.add_argument("--visible-tab", default="boundary", choices=("boundary", "network", "confusion"))
    parser.add_argument("--timeline", action="store_true", help="print what happened around the worst gap")
    args = parser.parse_args(argv)
    os.environ.setdefault("OPTSTUDIO_CONFIG_DIR", tempfile.mkdtemp(prefix="optstudio-bench-"))

    from PySide6.QtCore import QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from optstudio.core.datasets import DataSpec
    from optstudio.core.experiment import notebook_preset
    from optstudio.gui import worker
    from optstudio.gui.main_window import MainWindow

    worker_events: list[tuple[str, float]] = []
    if args.timeline:
        # the worker's report is plain Python called in the training thread (not a Qt slot): safe to wrap
        original = worker.PlanWorker._report

        def report(self, job, status, final):
            worker_events.append(("   [training thread] report begins", time.perf_counter()))
            done = original(self, job, status, final)
            worker_events.append(("   [training thread] report done", time.perf_counter()))
            return done

        worker.PlanWorker._report = report
    if args.frame_wait is not None:
        worker.FRAME_WAIT = args.frame_wait
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")

    class Probe(QObject):
        """Lives in the GUI thread; every receiver is a slot of this object."""

        def __init__(self, window, loop):
            super().__init__()
            self.window, self.loop = window, loop
            self.ticks: list[float] = []
            self.frames: list[float] = []
            self.events: list[tuple[str, float]] = []
            self.frame_start: float | None = None
            self.measuring = False
            self.status = "?"

        @Slot()
        def tick(self):
            if self.measuring:
                self.ticks.append(time.perf_counter())

        @Slot()
        def ready(self):
            QTimer.singleShot(300, self.start)

        @Slot()
        def start(self):
            self.t0 = time.perf_counter()
            self.ticks = [self.t0]
            self.events.append(("Start pressed", self.t0))
            self.measuring = True
            self.window.start_training()
            self.start_call = time.perf_counter() - self.t0

        @Slot()
        def snapshot_applied(self):
            if self.measuring:
                self.frame_start = time.perf_counter()
                self.events.append(("snapshot applied", self.frame_start))

        @Slot()
        def frame_painted(self):
            if self.measuring and self.frame_start is not None:
                now = time.perf_counter()
                self.frames.append(now - self.frame_start)
                self.events.append(("frame painted", now))
            self.frame_start = None

        @Slot(str)
        def finished(self, status):
            self.status = status
            self.t1 = time.perf_counter()
            self.ticks.append(self.t1)
            self.measuring = False
            self.loop.quit()

    def experiment(workload: str):
        exp = notebook_preset()
        exp.runs = []
        exp.training.epochs = 3000
        if workload == "digits":
            exp.data = DataSpec(name="digits", test_fraction=0.2, standardize=True)
            exp.network.hidden, exp.network.activations, exp.network.loss = [32, 16], ["relu", "relu"], "softmax"
            exp.optimizer.learning_rate, exp.training.epochs = 0.001, 300
        elif workload == "wide":
            exp.network.hidden, exp.network.activations = [256, 256], ["relu", "relu"]
            exp.training.epochs = 1000
        if args.epochs:
            exp.training.epochs = args.epochs
        return exp

    def measure(workload, exp):
        return _measure(args, app, worker, MainWindow, Probe, worker_events, workload, exp)

    summary = []
    for workload in (("notebook", "digits", "wide") if args.workload == "all" else (args.workload,)):
        summary.append((workload, *measure(workload, experiment(workload))))
    print(f"largest event-loop stall while training, over {args.repeat} runs each (frame_wait={worker.FRAME_WAIT}; "
          f"load average {os.getloadavg()[0]:.1f}):")
    for workload, worst, epochs in summary:
        print(f"  {workload:<9} {worst:6.1f} ms   ({epochs} epochs; target < 30 ms: {'met' if worst < 30 else 'NOT met'})")
    return 0


def _measure(args, app, worker, MainWindow, Probe, worker_events, workload, exp):
    import numpy as np
    from PySide6.QtCore import QEventLoop, QTimer

    results = []
    for run in range(args.repeat):
        window = MainWindow(exp, restore=False, remember=False, confirm=False)
        window.resize(1280, 800)
        window.speed_control.set_pace(None)
        window.show()
        window.training_page.views.setCurrentIndex({"boundary": 0, "network": 1, "confusion": 2}[args.visible_tab])
        loop = QEventLoop()
        probe = Probe(window, loop)
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(probe.tick)
        timer.start()
        window.dataReady.connect(probe.ready)
        window.snapshotApplied.connect(probe.snapshot_applied)
        window.framePainted.connect(probe.frame_painted)
        window.trainingFinished.connect(probe.finished)
        worker_events.clear()
        loop.exec()
        timer.stop()
        window.close()
        window.deleteLater()
        app.processEvents()

        ticks = np.array(probe.ticks)
        gaps = np.diff(ticks) * 1000
        worst = int(np.argmax(gaps))
        seconds = probe.t1 - probe.t0
        frames = np.array(probe.frames) * 1000 if probe.frames else np.array([np.nan])
        results.append(gaps.max())
        epochs = exp.training.epochs
        print(f"{workload} run {run + 1}: max gap {gaps.max():.1f} ms · p99 {np.percentile(gaps, 99):.1f} ms · "
              f"{len(gaps)} ticks · {seconds:.2f} s ({epochs / seconds:.0f} epochs/s) · "
              f"{window.snapshots_applied} snapshots · {probe.status} · worst gap starts "
              f"{(ticks[worst] - ticks[0]) * 1000:.0f} ms after Start · frame (snapshot → painted) mean "
              f"{np.nanmean(frames):.1f} ms, max {np.nanmax(frames):.1f} ms · start_training() "
              f"{probe.start_call * 1000:.1f} ms")
        if args.timeline:
            a, b = ticks[worst], ticks[worst + 1]
            for name, t in sorted(probe.events + worker_events, key=lambda e: e[1]):
                if a - 0.05 <= t <= b + 0.05:
                    print(f"    {(t - ticks[0]) * 1000:8.1f} ms  {name}")
    return max(results), exp.training.epochs


if __name__ == "__main__":
    sys.exit(main())
