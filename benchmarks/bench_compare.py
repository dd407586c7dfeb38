"""Comparison speed: k optimizers stacked in one engine against k separate engines.

Runs in one process, on the notebook workload (moons 300, layers [2, 5, 2, 1] relu-relu-sigmoid,
mini-batch 64, notebook seeds, 10000 epochs) with the notebook's three optimizers: gradient
descent, Momentum and Adam (α = 0.0007):

1. stacked: ``build_plan(...).run()`` (one engine, one stacked forward/backward pass per
   mini-batch, three optimizer calls);
2. separate: three ``build_engine(...).run()`` one after the other.

It prints both times, the ratio (target ≥ 2.5×) and checks that both give the same train accuracy
table and bit-identical cost histories. Timing is noisy on a loaded machine: each measurement is
repeated (``--repeat``) and the best time is kept.

``--optimizers adam,rmsprop,…`` compares other optimizers (same notebook workload, α = 0.0007
unless the optimizer needs otherwise): the gain grows with the number of runs, since the stacked
pass costs little more than one run's while the optimizer calls stay one per run.

Usage: python benchmarks/bench_compare.py [--epochs 10000] [--repeat 2] [--quick] [--optimizers LIST]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from optstudio.core.build import build_engine, build_plan  # noqa: E402
from optstudio.core.datasets import load_dataset  # noqa: E402
from optstudio.core.experiment import notebook_preset  # noqa: E402
from optstudio.plugins.manager import PluginManager  # noqa: E402


OPTIMIZERS: list[str] | None = None


def experiments(epochs: int):
    base = notebook_preset()
    base.training.epochs = epochs
    runs = base.runs if OPTIMIZERS is None else [{"label": n, "optimizer": {"name": n}} for n in OPTIMIZERS]
    return [base.variant(run) for run in runs], [run["label"] for run in runs]


def time_batched(epochs: int, manager):
    exps, labels = experiments(epochs)
    plan = build_plan(exps, manager, labels)
    assert len(plan.engines) == 1, "the notebook comparison should be one stack"
    start, cpu = time.perf_counter(), time.process_time()
    plan.run()
    return time.perf_counter() - start, time.process_time() - cpu, plan.runs


def time_separate(epochs: int, manager):
    exps, _labels = experiments(epochs)
    dataset = load_dataset(exps[0].data)
    engines = [build_engine(exp, manager, dataset=dataset) for exp in exps]
    start, cpu = time.perf_counter(), time.process_time()
    for engine in engines:
        engine.run()
    return time.perf_counter() - start, time.process_time() - cpu, [e.runs[0] for e in engines]


def main(argv=None) -> int:
    from optstudio.core.blas import limit_blas_threads
    limit_blas_threads()  # as the CLI and the window do; the same for every contender
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=2, help="measure each way this many times, keep the best")
    ap.add_argument("--quick", action="store_true", help="1000 epochs instead of 10000")
    ap.add_argument("--optimizers", help="comma-separated optimizer names (default: the notebook's gd, "
                                         "momentum, adam)")
    args = ap.parse_args(argv)
    global OPTIMIZERS
    if args.optimizers:
        OPTIMIZERS = [n.strip() for n in args.optimizers.split(",") if n.strip()]
    epochs = 1000 if args.quick else args.epochs
    manager = PluginManager(load_entry_points=False, plugin_dirs=[])
    _, labels = experiments(epochs)
    print(f"Notebook workload: moons 300, [2, 5, 2, 1], batch 64, notebook seeds, {epochs} epochs; "
          f"{', '.join(labels)}")
    t_batched = t_separate = c_batched = c_separate = float("inf")
    runs = trainers = None
    for _ in range(max(1, args.repeat)):   # interleaved, so that both see the same machine load
        t, c, trainers = time_separate(epochs, manager)
        t_separate, c_separate = min(t_separate, t), min(c_separate, c)
        t, c, runs = time_batched(epochs, manager)
        t_batched, c_batched = min(t_batched, t), min(c_batched, c)
    print(f"  {len(labels)} separate engines    {t_separate:7.2f} s   (CPU {c_separate:.2f} s)")
    print(f"  one stacked engine    {t_batched:7.2f} s   (CPU {c_batched:.2f} s)")
    print(f"  speed-up: {t_separate / t_batched:.2f}x   (target ≥ 2.5x; CPU time {c_separate / c_batched:.2f}x, "
          f"less sensitive to other processes)")
    print(f"  {'run':<18} {'separate':>10} {'stacked':>10}")
    same = True
    for label, trainer, run in zip(labels, trainers, runs):
        a, b = trainer.result().train_accuracy, run.result().train_accuracy
        print(f"  {label:<18} {a:10.6f} {b:10.6f}")
        same &= a == b and np.array_equal(trainer.history.column("cost"), run.history.column("cost"))
    print(f"  same accuracies and cost histories: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
