"""Start-up time: ``optstudio run --epochs 1`` against ``python -c "import numpy"``.

Runs fresh interpreters one after the other (interleaved, so that all see the same machine
load) and takes the median wall time of each command over ``--runs`` runs (at least 5):

1. ``python -c "import numpy"`` -- the floor: OptStudio's core needs numpy and nothing else;
2. ``python -m optstudio run --epochs 1`` (default experiment: moons 300 with a test split);
3. ``python -m optstudio run --preset notebook --epochs 1`` (the course's lab).

It prints each median (with the fastest and slowest run, and the median CPU time), the ratio
to the numpy import (target ≤ 3x; wall time, and CPU time, which other processes disturb less) and, from one ``python -X importtime`` run of command 2, the packages whose
imports cost most and whether scikit-learn, scipy, pluggy, threadpoolctl or Qt got loaded (and
by which OptStudio module).

Bytecode: an installed OptStudio has its ``.pyc`` files; a source checkout run with
``PYTHONDONTWRITEBYTECODE=1`` recompiles every module of the package on each start (about
0.1 s here). By default the commands run with ``PYTHONPYCACHEPREFIX`` set to a temporary folder
(after one warm-up run), as an installation would; ``--as-is`` keeps the environment unchanged.

Usage: python benchmarks/bench_startup.py [--runs 7] [--epochs 1] [--as-is] [--no-importtime]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 3.0
WATCHED = ("sklearn", "scipy", "pluggy", "threadpoolctl", "PySide6", "pyqtgraph")


def commands(epochs: int) -> list[tuple[str, list[str]]]:
    py = sys.executable
    return [
        ('python -c "import numpy"', [py, "-c", "import numpy"]),
        (f"optstudio run --epochs {epochs}", [py, "-m", "optstudio", "run", "--epochs", str(epochs)]),
        (f"optstudio run --preset notebook --epochs {epochs}",
         [py, "-m", "optstudio", "run", "--preset", "notebook", "--epochs", str(epochs)]),
    ]


def run_once(argv: list[str], env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU = user + system time of the child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["(no message)"]
        raise SystemExit(f"bench_startup: {' '.join(argv[1:])} failed (exit {proc.returncode}): {tail[0]}")
    return elapsed, cpu


def import_report(argv: list[str], env: dict, top: int = 8) -> None:
    """From one ``-X importtime`` run: the packages that cost most (own modules' time, summed)
    and, for the watched heavy packages, which OptStudio module pulled them in."""
    proc = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []  # (self µs, cumulative µs, depth, name), children before their parent
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or line.count("|") != 2:
            continue
        own, cumulative, name = line[len("import time:"):].split("|")
        try:
            own_us, cumulative_us = int(own), int(cumulative)
        except ValueError:
            continue  # the header line
        depth = (len(name) - len(name.lstrip(" "))) // 2
        rows.append((own_us, cumulative_us, depth, name.strip()))
    parent: dict[int, int | None] = {}
    stack: list[int] = []
    for i in range(len(rows) - 1, -1, -1):  # a parent is listed after its children, one level up
        while stack and rows[stack[-1]][2] >= rows[i][2]:
            stack.pop()
        parent[i] = stack[-1] if stack else None
        stack.append(i)
    per_package: dict[str, int] = {}
    for own, _, _, name in rows:
        per_package[name.split(".")[0]] = per_package.get(name.split(".")[0], 0) + own
    total = sum(per_package.values())
    print(f"  imports of one run (python -X importtime): {len(rows)} modules, {total / 1e3:.0f} ms; "
          f"time in each package's own modules:")
    for name, own in sorted(per_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {own / 1e3:8.1f} ms  {name}")
    for package in WATCHED:
        outer = [i for i, r in enumerate(rows) if r[3].split(".")[0] == package
                 and (parent[i] is None or rows[parent[i]][3].split(".")[0] != package)]
        if not outer:
            print(f"  {package}: not loaded")
            continue
        by = []
        for i in outer:
            j = parent[i]
            while j is not None and not rows[j][3].startswith("optstudio"):
                j = parent[j]
            by.append(f"{rows[i][3]} {rows[i][1] / 1e3:.1f} ms via {rows[j][3] if j is not None else 'the start-up'}")
        print(f"  {package}: loaded ({'; '.join(by)})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs of each command, the median is kept (at least 5)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--as-is", action="store_true",
                    help="run with the environment unchanged (no bytecode cache if PYTHONDONTWRITEBYTECODE is set)")
    ap.add_argument("--no-importtime", action="store_true", help="skip the -X importtime report")
    args = ap.parse_args(argv)
    if args.runs < 5:
        ap.error("--runs must be at least 5 (the median of fewer runs is too noisy)")

    env = dict(os.environ)
    env.pop("PYTHONSTARTUP", None)
    cache = None
    if not args.as_is:
        cache = tempfile.TemporaryDirectory(prefix="optstudio-pyc-")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache.name
    cmds = commands(args.epochs)
    try:
        for _, cmd in cmds:  # warm-up: fills the bytecode cache and the OS file cache
            run_once(cmd, env)
        times: list[list[float]] = [[] for _ in cmds]
        cpus: list[list[float]] = [[] for _ in cmds]
        for _ in range(args.runs):  # interleaved, so that every command sees the same load
            for i, (_, cmd) in enumerate(cmds):
                wall, cpu = run_once(cmd, env)
                times[i].append(wall)
                cpus[i].append(cpu)

        mode = "environment as is" if args.as_is else "bytecode cached, as installed"
        print(f"Start-up wall time, median of {args.runs} fresh interpreters each ({mode}; "
              f"Python {sys.version.split()[0]}, {os.cpu_count()} cores)")
        base, base_cpu = statistics.median(times[0]), statistics.median(cpus[0])
        worst = worst_cpu = 0.0
        for i, (label, _) in enumerate(cmds):
            med, cpu = statistics.median(times[i]), statistics.median(cpus[i])
            note = "" if i == 0 else f"   {med / base:4.2f}x numpy (CPU {cpu / base_cpu:4.2f}x)"
            print(f"  {label:<44} {med:6.3f} s   (fastest {min(times[i]):.3f}, slowest {max(times[i]):.3f}; "
                  f"CPU {cpu:.3f} s){note}")
            if i:
                worst, worst_cpu = max(worst, med / base), max(worst_cpu, cpu / base_cpu)
        print(f"  ratio to the numpy import: {worst:.2f}x   (target ≤ {TARGET:g}x: "
              f"{'met' if worst <= TARGET else 'NOT met'}; CPU time {worst_cpu:.2f}x, less sensitive to "
              f"other processes; load average {os.getloadavg()[0]:.1f})")
        if not args.no_importtime:
            import_report(cmds[1][1], env)
    finally:
        if cache is not None:
            cache.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
