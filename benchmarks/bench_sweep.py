"""Sweep speed: a 100-run sweep against one single run, 2 cores against 1, a Dask cluster.

The notebook workload (moons 300, layers [2, 5, 2, 1] relu-relu-sigmoid, mini-batches of 64, 2000
epochs, the notebook preset): a sweep of 5 optimizers (gd, momentum, rmsprop, adam, adagrad) × 10
learning rates (1e-4 … 1e-1, log-spaced) × 2 seeds = 100 runs, against one single run (Adam,
α = 0.0007, what `optstudio run --preset notebook` trains). It prints:

1. one core: the sweep trained in this process (stacks of runs, stacked optimizer updates) and one
   single run, CPU time (less sensitive to other processes than wall time) and wall time, best
   of ``--repeat``; the ratio (target ≤ 10×) and the time per run and update;
2. two cores: the same sweep on a pool of 2 worker processes (joblib), wall time, against 1 core;
3. a Dask LocalCluster of 2 worker processes on 127.0.0.1 (when `distributed` is installed), wall
   time, against the local runs;

and checks that every mode gives the same numbers.

Usage: python benchmarks/bench_sweep.py [--epochs 2000] [--repeat 3] [--quick]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from optstudio.core.build import build_engine  # noqa: E402
from optstudio.core.experiment import notebook_preset  # noqa: E402
from optstudio.core.sweep import CellResult, Sweep, SweepSpec  # noqa: E402
from optstudio.plugins.manager import get_plugin_manager  # noqa: E402

OPTIMIZERS = ["gd", "momentum", "rmsprop", "adam", "adagrad"]


def base(epochs: int):
    exp = notebook_preset()
    exp.runs = []
    exp.training.epochs = epochs
    return exp


def timed(fn, repeat: int):
    """(best CPU seconds, best wall seconds, last result) over ``repeat`` calls."""
    cpu = wall = float("inf")
    result = None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu = min(cpu, time.process_time() - c0)
        wall = min(wall, time.perf_counter() - w0)
    return cpu, wall, result


def records(events) -> dict:
    return {e.record["index"]: {k: v for k, v in e.record.items() if k != "seconds"}
            for e in events if isinstance(e, CellResult)}


def main(argv=None) -> int:
    from optstudio.core.blas import limit_blas_threads
    limit_blas_threads(1)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="200 epochs, one repeat")
    args = ap.parse_args(argv)
    epochs, repeat = (200, 1) if args.quick else (args.epochs, args.repeat)
    manager = get_plugin_manager()
    spec = SweepSpec.from_dict({"optimizers": OPTIMIZERS, "learning_rates": "1e-4:1e-1:10", "seeds": 2})
    sweep = Sweep(base(epochs), spec, manager)
    runs, updates = len(sweep.cells), epochs * 5           # 300 examples in mini-batches of 64: 5 per epoch
    stacks = len(sweep.tasks())
    print(f"Notebook workload: moons 300, [2, 5, 2, 1], batch 64, {epochs} epochs; sweep of {runs} runs "
          f"({len(OPTIMIZERS)} optimizers × 10 learning rates × 2 seeds) in {stacks} stack{'s' * (stacks != 1)}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores (other processes slow the "
          f"parallel figures down)")

    single = base(epochs)
    single.optimizer.name, single.optimizer.learning_rate = "adam", 0.0007
    cpu_1, wall_1, _ = timed(lambda: build_engine(single, manager).run(), repeat)
    cpu_s, wall_s, here = timed(lambda: list(sweep.run()), repeat)
    here = records(here)
    print("1. one core")
    print(f"   one single run (Adam)      {cpu_1:7.2f} s CPU  {wall_1:7.2f} s wall   "
          f"{1e6 * cpu_1 / updates:6.1f} µs per update")
    print(f"   the {runs}-run sweep          {cpu_s:7.2f} s CPU  {wall_s:7.2f} s wall   "
          f"{1e6 * cpu_s / (updates * runs):6.2f} µs per run and update")
    print(f"   sweep / single run: {cpu_s / cpu_1:.1f}× CPU, {wall_s / wall_1:.1f}× wall   (target ≤ 10×; "
          f"{runs} separate runs would be about {runs}×)")

    from optstudio.executors import LocalPool
    pool = LocalPool(2)
    try:
        list(sweep.run(executor=pool, workers=2, registry_factory=get_plugin_manager))   # start the workers
        _cpu, wall_2, there = timed(lambda: list(sweep.run(executor=pool, workers=2,
                                                           registry_factory=get_plugin_manager)), repeat)
    finally:
        pool.close()
    same_pool = records(there) == here
    print("2. two cores (joblib process pool, started before timing)")
    print(f"   the sweep on 2 processes    {wall_2:7.2f} s wall   speed-up over 1 core: {wall_s / wall_2:.2f}×   "
          f"same results: {'yes' if same_pool else 'NO'}")

    try:
        from distributed import LocalCluster
    except ImportError:
        print("3. Dask: not installed (pip install \".[cluster]\")")
        return 0
    from optstudio.executors import DaskCluster
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as cluster:
        dask = DaskCluster(cluster.scheduler_address)
        try:
            list(sweep.run(executor=dask, workers=2, registry_factory=get_plugin_manager))  # warm the workers
            _cpu, wall_d, there = timed(lambda: list(sweep.run(executor=dask, workers=2,
                                                               registry_factory=get_plugin_manager)), repeat)
        finally:
            dask.close()
    same_dask = records(there) == here
    print("3. Dask LocalCluster, 2 worker processes on 127.0.0.1 (started before timing)")
    print(f"   the sweep on the cluster    {wall_d:7.2f} s wall   speed-up over 1 core: {wall_s / wall_d:.2f}×, "
          f"over the 2-process pool: {wall_2 / wall_d:.2f}×   same results: {'yes' if same_dask else 'NO'}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0 if same_pool and same_dask else 1


if __name__ == "__main__":
    sys.exit(main())
