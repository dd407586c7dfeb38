"""Launch time of the window, against a bare PySide6 window holding one pyqtgraph plot.

Runs fresh interpreters one after the other (interleaved, so that both see the same machine load)
and takes the median over ``--runs`` runs (at least 5) of the time from starting the interpreter
to the moment the window is on screen with its content drawn:

1. the floor: ``QApplication`` + ``QMainWindow`` holding one ``pyqtgraph.PlotWidget`` with one
   curve, shown and painted;
2. OptStudio: the application set up as ``python main.py`` does (Fusion style, icon, pyqtgraph
   options), :class:`~optstudio.gui.main_window.MainWindow` shown, until ``dataReady``: the data
   loaded and the untrained network's decision boundary drawn, then painted.

Each child prints one line when it is there and leaves at once (``os._exit``: no clean-up time
counted). The target is OptStudio ≤ 2 × the floor. Bytecode: like an installation, the
commands run with ``PYTHONPYCACHEPREFIX`` set to a temporary folder filled by a warm-up run
(``--as-is`` keeps the environment unchanged).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_launch.py [--runs 7] [--as-is]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0

BARE = textwrap.dedent("""
    import os, sys
    from PySide6.QtWidgets import QApplication, QMainWindow
    import pyqtgraph as pg
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    window = QMainWindow()
    plot = pg.PlotWidget()
    plot.plot([0, 1, 2, 3], [0, 1, 0, 1])
    window.setCentralWidget(plot)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()                      # painted, not only shown
    print("ready", flush=True)
    os._exit(0)
""")

OPTSTUDIO = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    import optstudio.gui
    from PySide6.QtWidgets import QApplication
    from optstudio.gui.icon import app_icon
    from optstudio.gui.main_window import MainWindow
    from optstudio.gui.plots import configure_pyqtgraph
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setApplicationName("OptStudio")
    app.setWindowIcon(app_icon())
    configure_pyqtgraph()
    window = MainWindow()

    def drawn():
        app.processEvents()
        window.repaint()                  # the decision boundary painted
        print("ready", flush=True)
        os._exit(0)

    window.dataReady.connect(drawn)
    window.show()
    app.exec()
""")


def run_once(code: str, env: dict) -> float:
    """Seconds from starting the interpreter to its "ready" line."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(60)
    if line.strip() != "ready":
        tail = (proc.stderr.read().strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"bench_gui_launch: a child failed (exit {proc.returncode}): {tail}")
    return elapsed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs of each command, the median is kept (at least 5)")
    ap.add_argument("--as-is", action="store_true", help="run with the environment unchanged")
    args = ap.parse_args(argv)
    if args.runs < 5:
        ap.error("--runs must be at least 5 (the median of fewer runs is too noisy)")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PYTHONSTARTUP", None)
    config = tempfile.TemporaryDirectory(prefix="optstudio-launch-")
    env["OPTSTUDIO_CONFIG_DIR"] = config.name        # a first start: nothing to restore
    cache = None
    if not args.as_is:
        cache = tempfile.TemporaryDirectory(prefix="optstudio-pyc-")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache.name
    commands = [("bare PySide6 window + one pyqtgraph plot", BARE),
                ("OptStudio window with the data drawn", OPTSTUDIO.format(root=str(ROOT)))]
    try:
        for _label, code in commands:               # warm-up: bytecode cache, OS file cache
            run_once(code, env)
        times: list[list[float]] = [[] for _ in commands]
        for _ in range(args.runs):
            for i, (_label, code) in enumerate(commands):
                times[i].append(run_once(code, env))
    finally:
        config.cleanup()
        if cache is not None:
            cache.cleanup()
    print(f"Launch to a drawn window, median of {args.runs} fresh interpreters each "
          f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    medians = [statistics.median(t) for t in times]
    for (label, _code), med, t in zip(commands, medians, times):
        print(f"  {label:<44} {med:6.3f} s   (fastest {min(t):.3f}, slowest {max(t):.3f})")
    ratio = medians[1] / medians[0]
    print(f"  ratio: {ratio:.2f}x the bare window   (target ≤ {TARGET:g}x: {'met' if ratio <= TARGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
