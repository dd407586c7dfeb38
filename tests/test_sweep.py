"""Sweeps: stacked optimizers (k runs in one update, bit for bit the single optimizers), row groups in
the engine, the grid, the ``optstudio sweep`` command (exactly ``optstudio run`` per cell), results
files, resume, failures, retries and the local process pool. The Dask cluster is in
test_sweep_cluster.py."""

from __future__ import annotations

import concurrent.futures
import csv
import json
import math
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import numpy as np
import pytest

from optstudio.cli import main
from optstudio.core.build import build_engine
from optstudio.core.engine import Engine
from optstudio.core.experiment import Experiment, ExperimentError, notebook_preset
from optstudio.core.optim import DescriptorError, OptimizerInfo, ParamSpec
from optstudio.core.sweep import (CellResult, Sweep, SweepProgress, SweepSpec, log_spaced, parse_learning_rates,
                                  parse_seeds, run_task)
from optstudio.plugins.manager import PluginManager, get_plugin_manager


@pytest.fixture(scope="module")
def manager():
    return PluginManager(load_entry_points=False, plugin_dirs=[])


def base_experiment(epochs=30, preset="notebook"):
    exp = notebook_preset()
    exp.runs = []
    exp.training.epochs = epochs
    if preset == "default":
        exp.training.preset = "default"
        exp.data.test_fraction = 0.25
    return exp


def results(sweep, **kwargs):
    return [e for e in sweep.run(**kwargs) if isinstance(e, CellResult)]


def single(cell, manager):
    engine = build_engine(cell.experiment, manager)
    engine.run()
    return engine.runs[0]


RESULT_FIELDS = ("final_cost", "final_test_cost", "train_accuracy", "test_accuracy", "epochs", "steps", "status")


def assert_same_as_single(record, run):
    r = run.result()
    expected = {"final_cost": r.final_cost, "final_test_cost": r.final_test_cost, "train_accuracy": r.train_accuracy,
                "test_accuracy": r.test_accuracy, "epochs": r.epochs, "steps": r.steps, "status": r.status}
    for name in RESULT_FIELDS:
        want = expected[name]
        if isinstance(want, float) and not math.isfinite(want):
            want = None
        assert record[name] == want, (name, record[name], want)
    assert record["message"] == r.message


# ============================================================================ stacked optimizers
def _rows(info, k, rng):
    """k rows of hyperparameters: random values in each float spec's range, defaults in some rows."""
    rows = []
    for i in range(k):
        values = {}
        for spec in info.own_params:
            if spec.kind != "float" or i % 3 == 0:
                continue
            lo = spec.min if spec.min is not None else 0.0
            hi = min(spec.max if spec.max is not None else 1.0, lo + 1.0)
            values[spec.name] = float(np.exp(rng.uniform(np.log(max(lo, 1e-12)), np.log(hi)))) if spec.log \
                else float(rng.uniform(lo, hi))
        rows.append(values)
    return rows


VARIANTS = [("gd", {}), ("momentum", {}), ("momentum", {"form": "sum"}), ("nesterov", {}), ("rmsprop", {}),
            ("adam", {}), ("adam", {"bias_correction": False}), ("adam", {"epsilon_inside_root": False}),
            ("adagrad", {}), ("adamw", {}), ("adamax", {}), ("nadam", {}), ("amsgrad", {})]


@pytest.mark.parametrize("name, fixed", VARIANTS, ids=[f"{n}-{'-'.join(f)}" if f else n for n, f in VARIANTS])
def test_a_stacked_builtin_is_bit_identical_to_k_single_optimizers(manager, name, fixed):
    """k rows with their own α, β, ε … updated by one object give, row by row, exactly the numbers
    of k single optimizers (the reference: the single optimizers themselves, row by row)."""
    rng = np.random.default_rng(hash(name) % 1000)
    info = manager.optimizer_info(name)
    assert info.stackable
    k, P = 6, 17
    rows = [dict(r, **fixed) for r in _rows(info, k, rng)]
    stacked = info.create_stacked(rows)
    singles = [info.create(**r) for r in rows]
    theta = rng.standard_normal((k, P))
    grads = np.empty((k, P))
    thetas = [theta[i].copy() for i in range(k)]
    stacked.init({"theta": theta})
    for opt, th in zip(singles, thetas):
        opt.init({"theta": th})
    rates = np.exp(rng.uniform(np.log(1e-4), 0.0, size=(k, 1)))
    for t in range(1, 41):
        grads[...] = rng.standard_normal((k, P)) * rng.uniform(1e-3, 3.0)
        grads[0, :3] = 0.0                                   # exact zeros, as a dead ReLU gives
        stacked.update({"theta": theta}, {"theta": grads}, t, rates)
        for i, (opt, th) in enumerate(zip(singles, thetas)):
            opt.update({"theta": th}, {"theta": grads[i].copy()}, t, float(rates[i, 0]))
    for i in range(k):
        np.testing.assert_array_equal(theta[i], thetas[i], err_msg=f"row {i} ({rows[i]})")
    # the state the window shows, row by row
    for label, arrays in stacked.state().items():
        for i, opt in enumerate(singles):
            np.testing.assert_array_equal(arrays["theta"][i], opt.state()[label]["theta"])


WRONG_STACKED = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec


class Heavy(Optimizer):
    """Momentum whose stacked version gets its β wrong (it uses the first row's for every row)."""

    state_names = (("v", "velocity v"),)

    def __init__(self, beta=0.9, rows=None):
        self.beta = beta if rows is None else float(np.asarray(beta)[0, 0])

    def update(self, params, grads, t, learning_rate):
        for name, p in params.items():
            v = self.v[name]
            v *= self.beta
            v += grads[name]
            p -= learning_rate * v


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="heavy", label="Heavy", description="", formula="v = β·v + dW; W = W − α·v",
                          factory=Heavy, params=(ParamSpec("beta", 0.9, min=0.0, max=0.99),), stackable=True)]
'''


def test_check_stacked_passes_the_builtins_and_catches_a_wrong_plugin(manager, write_plugin):
    from optstudio.core.optim import check_stacked
    for name in manager.optimizers:
        info = manager.optimizer_info(name)
        check_stacked(info, _rows(info, 4, np.random.default_rng(1)))
    folder = write_plugin(WRONG_STACKED, name="heavy.py").parent
    plugins = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    info = plugins.optimizer_info("heavy")
    check_stacked(info, [{"beta": 0.5}, {"beta": 0.5}])          # equal rows hide the bug
    with pytest.raises(ValueError, match="row 1 .*differs from its single run at step 2"):
        check_stacked(info, [{"beta": 0.5}, {"beta": 0.8}])


def test_stack_signature_and_create_stacked_rules(manager):
    adam = manager.optimizer_info("adam")
    assert adam.stack_signature({"beta1": 0.8}) == adam.stack_signature({"beta1": 0.95})
    assert adam.stack_signature({"bias_correction": False}) != adam.stack_signature({})
    assert adam.stack_signature({"weight_decay": 1e-3}) is None         # a shared piece: run by run
    with pytest.raises(ValueError, match="share their true/false"):
        adam.create_stacked([{}, {"bias_correction": False}])
    with pytest.raises(ValueError, match="beta1"):
        adam.create_stacked([{"beta1": 2.0}])
    opt = adam.create_stacked([{"beta1": 0.8}, {}])
    assert opt.rows == 2 and opt.beta1.shape == (2, 1) and opt.beta1[1, 0] == 0.9


def test_the_stackable_flag_is_part_of_the_descriptor():
    def factory(**kwargs):
        return object()
    assert OptimizerInfo("x", "X", "", "", factory).stackable is False
    with pytest.raises(DescriptorError, match="stackable must be True or False"):
        OptimizerInfo("x", "X", "", "", factory, stackable="yes")
    info = OptimizerInfo("x", "X", "", "", factory, params=(ParamSpec("beta", 0.9, min=0, max=1),))
    assert info.stack_signature({}) is None
    with pytest.raises(ValueError, match="cannot update several runs"):
        info.create_stacked([{}])


# ============================================================================ row groups in the engine
def _engine(exps, manager, groups=None):
    from optstudio.core.build import build_network, make_shuffler
    from optstudio.core.datasets import load_dataset
    dataset = load_dataset(exps[0].data)
    nets = [build_network(e, dataset) for e in exps]
    row_groups = []
    for start, stop in groups or ():
        info = manager.optimizer_info(exps[start].optimizer.name)
        row_groups.append((range(start, stop), info.create_stacked([e.optimizer.params for e in exps[start:stop]])))
    return Engine([n for n, _ in nets], dataset, [manager.create_optimizer(e.optimizer.name, e.optimizer.params)
                                                   for e in exps],
                  [e.optimizer.learning_rate for e in exps],
                  schedules=[manager.create_schedule(e.schedule.name, e.schedule.params) for e in exps],
                  schedule_pers=[manager.schedule_info(e.schedule.name).per for e in exps],
                  mini_batch_size=exps[0].training.mini_batch_size, epochs=exps[0].training.epochs,
                  shuffler=make_shuffler(exps[0], nets[0][1]), row_groups=row_groups)


def _variants(base, specs):
    out = []
    for name, rate, params in specs:
        exp = base.copy()
        exp.optimizer.name, exp.optimizer.learning_rate, exp.optimizer.params = name, rate, dict(params)
        out.append(exp)
    return out


def test_row_groups_train_exactly_like_separate_runs_and_a_run_diverges_alone(manager):
    base = base_experiment(40)
    base.network.loss = "mse"                   # a linear output, so that a large α blows up
    base.network.output_activation = "linear"
    exps = _variants(base, [("adam", 0.001, {}), ("adam", 0.01, {"beta1": 0.8}), ("adam", 3.0, {}),
                            ("gd", 0.1, {}), ("gd", 2.2, {}), ("momentum", 0.05, {"form": "sum"})])
    engine = _engine(exps, manager, groups=[(0, 3), (3, 5)])
    assert [r.group is not None for r in engine.runs] == [True] * 5 + [False]
    engine.run()
    statuses = [r.status for r in engine.runs]
    assert statuses.count("diverged") == 1 and statuses[4] == "diverged", statuses
    for run, exp in zip(engine.runs, exps):
        alone = build_engine(exp, manager)
        alone.run()
        one = alone.runs[0]
        assert (run.status, run.message, run.epoch, run.t) == (one.status, one.message, one.epoch, one.t)
        for name in ("cost", "train_accuracy", "grad_norm", "last_batch_cost", "learning_rate"):
            np.testing.assert_array_equal(run.history.column(name), one.history.column(name))
        np.testing.assert_array_equal(run.network.theta, one.network.theta)
    # the optimizer's state, as the window shows it, is the run's row
    state = engine.runs[1].optimizer_state()
    assert set(state) == {"velocity v", "squared-gradient average s"} and set(state["velocity v"]) >= {"W1", "b1"}


def test_a_per_step_schedule_in_a_row_group(manager):
    base = base_experiment(12)
    base.schedule.name = "inverse-time"
    base.schedule.params = {"decay_rate": 0.5}
    exps = _variants(base, [("rmsprop", 0.01, {}), ("rmsprop", 0.003, {"beta": 0.8})])
    for e in exps:
        e.schedule.name = "exponential"
        e.schedule.params = {}
    if manager.schedule_info("exponential").per != "step":
        per_step = [n for n in manager.schedules if manager.schedule_info(n).per == "step"]
        if not per_step:
            pytest.skip("no per-step schedule")
        for e in exps:
            e.schedule.name = per_step[0]
    engine = _engine(exps, manager, groups=[(0, 2)])
    engine.run()
    for run, exp in zip(engine.runs, exps):
        one = build_engine(exp, manager)
        one.run()
        np.testing.assert_array_equal(run.network.theta, one.runs[0].network.theta)
        np.testing.assert_array_equal(run.history.column("learning_rate"), one.runs[0].history.column("learning_rate"))


def test_a_new_optimizer_for_one_run_dissolves_its_group_and_keeps_the_state(manager):
    base = base_experiment(10)
    exps = _variants(base, [("adam", 0.01, {}), ("adam", 0.003, {})])
    engine = _engine(exps, manager, groups=[(0, 2)])
    alone = [build_engine(e, manager) for e in exps]
    for e in [engine] + alone:
        e.run(until=5)
    engine.set_optimizer(manager.create_optimizer("adam", {"beta2": 0.99}), run=1)
    alone[1].set_optimizer(manager.create_optimizer("adam", {"beta2": 0.99}))
    for e in [engine] + alone:
        e.run()
    assert engine.groups == [] and all(r.group is None for r in engine.runs)
    for run, one in zip(engine.runs, alone):
        np.testing.assert_array_equal(run.network.theta, one.runs[0].network.theta)


# ============================================================================ the grid
def test_learning_rates_seeds_and_the_section():
    assert parse_learning_rates("1e-4:1e-1:4") == pytest.approx([1e-4, 1e-3, 1e-2, 1e-1], rel=1e-12)
    assert parse_learning_rates("1e-4:1e-1:4")[0] == 1e-4 and parse_learning_rates("1e-4:1e-1:4")[-1] == 0.1
    assert parse_learning_rates("0.01, 0.1") == [0.01, 0.1]
    assert parse_learning_rates({"start": 0.5, "stop": 0.5, "count": 1}) == [0.5]
    assert log_spaced(1, 100, 3) == pytest.approx([1, 10, 100])
    assert parse_seeds("3") == [0, 1, 2] and parse_seeds("1,5,9") == [1, 5, 9] and parse_seeds([4]) == [4]
    for bad, fragment in [("1e-4:1e-1", "start:stop:count"), ("0:1:3", "> 0"), ("1e-4:1:x", "whole number"),
                          ("abc", "must be a number")]:
        with pytest.raises(ValueError, match=fragment):
            parse_learning_rates(bad, "--lr")
    with pytest.raises(ValueError, match="seeds"):
        parse_seeds("0")
    spec = SweepSpec.from_dict({"optimizers": ["gd", "adam"], "learning_rates": {"start": 1e-3, "stop": 1e-1,
                                "count": 3}, "seeds": 2, "grid": {"batch_size": [32, 64]}, "target_cost": 0.3})
    assert spec.grid == {"mini_batch_size": [32, 64]} and spec.seeds == [0, 1] and len(spec.learning_rates) == 3
    assert SweepSpec.from_dict(spec.to_dict()) == spec
    for bad, fragment in [({"optimisers": []}, "unknown setting 'optimisers'"), ({"seeds": -1}, "seeds"),
                          ({"grid": {"beta": 0.9}}, "list of values"), ({"target_cost": "low"}, "target_cost")]:
        with pytest.raises(ExperimentError, match=fragment):
            SweepSpec.from_dict(bad)


def test_cells_cover_the_grid_only_where_it_applies(manager):
    spec = SweepSpec.from_dict({"optimizers": ["gd", "adam"], "learning_rates": [0.01, 0.1], "seeds": 2,
                                "grid": {"beta2": [0.99, 0.999], "mini_batch_size": [32, 64]}})
    sweep = Sweep(base_experiment(5), spec, manager)
    gd = [c for c in sweep.cells if c.optimizer == "gd"]
    adam = [c for c in sweep.cells if c.optimizer == "adam"]
    assert len(gd) == 2 * 2 * 2 and len(adam) == 2 * 2 * 2 * 2          # beta2 is Adam's only
    assert {c.values["beta2"] for c in adam} == {0.99, 0.999} and "beta2" not in gd[0].values
    assert {c.experiment.training.mini_batch_size for c in gd} == {32, 64}
    assert len({c.key for c in sweep.cells}) == len(sweep.cells)
    # stacks: the mini-batch size splits them; within a stack each optimizer kind is one row group
    tasks = sweep.tasks()
    assert sorted(len(t.cells) for t in tasks) == [12, 12]
    for t in tasks:
        assert [stop - start for start, stop in t.payload["row_groups"]] == [8, 4]
    for bad, fragment in [({"optimizers": ["nope"]}, "unknown optimizer 'nope'"),
                          ({"grid": {"gamma": [1, 2]}}, "grid 'gamma'"),
                          ({"optimizers": ["adam"], "grid": {"beta1": [1.5]}}, "beta1"),
                          ({"params": {"beta": 0.5}, "optimizers": ["adam"]}, "no optimizer of the sweep")]:
        with pytest.raises(ExperimentError, match=fragment):
            Sweep(base_experiment(5), SweepSpec.from_dict(bad), manager)


# ============================================================================ exactness
def test_every_cell_is_exactly_the_single_run(manager):
    """A small grid in both presets: each cell's result equals the single run's, number for number
    (the default preset draws its mini-batches from the seed: one stack per seed)."""
    for preset in ("notebook", "default"):
        spec = SweepSpec.from_dict({"optimizers": ["gd", "momentum", "adam", "nadam"],
                                    "learning_rates": "1e-3:3e-1:3", "seeds": 2, "target_cost": 0.5})
        sweep = Sweep(base_experiment(25, preset), spec, manager)
        tasks = sweep.tasks()
        assert len(tasks) == (1 if preset == "notebook" else 2)
        records = results(sweep)
        assert sorted(r.record["index"] for r in records) == list(range(len(sweep.cells)))
        for event in records:
            run = single(event.cell, manager)
            assert_same_as_single(event.record, run)
            expected = next((i + 1 for i, c in enumerate(run.history.costs) if c <= 0.5), None)
            assert event.record["epochs_to_target"] == expected


def test_progress_events_and_cancel(manager):
    spec = SweepSpec.from_dict({"optimizers": ["gd", "adam"], "learning_rates": [0.01, 0.1], "seeds": 2})
    sweep = Sweep(base_experiment(60, "default"), spec, manager)
    events = list(sweep.run(progress_every=0.0))
    progress = [e for e in events if isinstance(e, SweepProgress)]
    finished = [e for e in events if isinstance(e, CellResult)]
    assert len(finished) == 8 and progress
    fractions = [e.fraction if isinstance(e, SweepProgress) else e.progress.fraction for e in events]
    assert fractions == sorted(fractions) and finished[-1].progress.fraction == 1.0
    assert finished[-1].progress.done == 8 and finished[-1].progress.eta == 0.0
    assert any(p.eta is not None and p.eta > 0 for p in progress)
    # cancel from the consumer: nothing more comes, the runs already reported stay complete
    seen = []
    for event in sweep.run(progress_every=0.0):
        seen.append(event)
        if isinstance(event, CellResult):
            sweep.cancel()
    assert sum(isinstance(e, CellResult) for e in seen) == 4    # one stack (one seed) of 4 runs
    events = sweep.run()
    sweep.cancel()                          # before the first event (a window's Stop right after Start)
    assert list(events) == []


# ============================================================================ failures
FAILING_PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec


class Fragile(Optimizer):
    """Plain gradient descent that raises once α is above 0.05."""

    def update(self, params, grads, t, learning_rate):
        if learning_rate > 0.05 and t > 3:
            raise RuntimeError("too fast for me")
        for name, p in params.items():
            p -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="fragile", label="Fragile", description="fails", formula="W = W − α·dW",
                          factory=Fragile)]
'''


def test_a_failing_plugin_marks_its_cells_and_the_others_go_on(write_plugin):
    folder = write_plugin(FAILING_PLUGIN, name="fragile.py").parent
    manager = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    spec = SweepSpec.from_dict({"optimizers": ["fragile", "gd"], "learning_rates": [0.01, 0.1], "seeds": 1})
    sweep = Sweep(base_experiment(10), spec, manager)
    by_cell = {(e.cell.optimizer, e.cell.learning_rate): e.record for e in results(sweep)}
    assert by_cell[("fragile", 0.1)]["status"] == "failed"
    assert "too fast for me" in by_cell[("fragile", 0.1)]["message"]
    assert by_cell[("fragile", 0.01)]["status"] == "finished"   # not stackable: its own row, its own fate
    assert by_cell[("gd", 0.1)]["status"] == by_cell[("gd", 0.01)]["status"] == "finished"
    # the third-party optimizer trains one row at a time and still equals its single run
    cell = next(c for c in sweep.cells if c.optimizer == "fragile" and c.learning_rate == 0.01)
    assert_same_as_single(by_cell[("fragile", 0.01)], single(cell, manager))


class FlakyExecutor:
    """Runs tasks in this process; the first ``failures`` submissions fail as a dead worker does."""

    def __init__(self, failures):
        self.failures = failures
        self.submitted = 0

    def submit(self, fn, *args):
        self.submitted += 1
        future = concurrent.futures.Future()
        if self.failures > 0:
            self.failures -= 1
            future.set_exception(BrokenProcessPool("A worker process terminated abruptly"))
        else:
            future.set_result(fn(*args))
        return future


def test_a_lost_task_is_retried_once_then_reported(manager):
    spec = SweepSpec.from_dict({"optimizers": ["gd"], "learning_rates": [0.01, 0.1], "seeds": 1})
    sweep = Sweep(base_experiment(5), spec, manager)
    flaky = FlakyExecutor(failures=1)
    retried = results(sweep, executor=flaky, registry_factory=lambda: manager)
    assert flaky.submitted == 2 and [r.record["status"] for r in retried] == ["finished", "finished"]
    assert retried[0].record == results(sweep)[0].record | {"seconds": retried[0].record["seconds"]}
    dead = FlakyExecutor(failures=2)
    lost = results(sweep, executor=dead, registry_factory=lambda: manager)
    assert dead.submitted == 2
    assert [r.record["status"] for r in lost] == ["failed", "failed"]
    assert "failed on a worker twice" in lost[0].record["message"] and "terminated abruptly" in lost[0].record["message"]


def _registry_that_dies_once():
    """In a worker process: the first call ends the process (as a crash would), later ones work."""
    import os
    marker = Path(os.environ["OPTSTUDIO_TEST_DIE_ONCE"])
    if not marker.exists():
        marker.write_text("died", encoding="utf-8")
        os._exit(3)
    return get_plugin_manager()


def test_a_worker_process_that_dies_has_its_task_retried(manager, tmp_path, monkeypatch):
    from optstudio.executors import LocalPool
    monkeypatch.setenv("OPTSTUDIO_TEST_DIE_ONCE", str(tmp_path / "died"))
    spec = SweepSpec.from_dict({"optimizers": ["gd"], "learning_rates": [0.01, 0.1], "seeds": 1})
    sweep = Sweep(base_experiment(5), spec, manager)
    pool = LocalPool(1)
    try:
        events = results(sweep, executor=pool, registry_factory=_registry_that_dies_once)
    finally:
        pool.close()
    assert (tmp_path / "died").exists()
    assert [e.record["status"] for e in events] == ["finished", "finished"]
    expected = {e.record["index"]: e.record["final_cost"] for e in results(sweep)}
    assert {e.record["index"]: e.record["final_cost"] for e in events} == expected


def test_run_task_is_plain_data_in_and_out(manager):
    spec = SweepSpec.from_dict({"optimizers": ["adam"], "learning_rates": [0.01], "seeds": 2})
    sweep = Sweep(base_experiment(5), spec, manager)
    task, = sweep.tasks()
    payload = json.loads(json.dumps(task.payload))        # nothing but JSON travels to a worker
    records = run_task(payload, lambda: manager)
    assert json.loads(json.dumps(records)) == records
    assert [r["index"] for r in records] == [0, 1]


def test_local_process_pool_gives_the_same_results(manager):
    from optstudio.executors import LocalPool
    spec = SweepSpec.from_dict({"optimizers": ["gd", "adam"], "learning_rates": [0.01, 0.1], "seeds": 2})
    sweep = Sweep(base_experiment(20, "default"), spec, manager)
    here = {e.record["index"]: e.record for e in results(sweep)}
    pool = LocalPool(2)
    try:
        there = {e.record["index"]: e.record for e in results(sweep, executor=pool, workers=2,
                                                                 registry_factory=get_plugin_manager)}
    finally:
        pool.close()
    assert set(here) == set(there)
    for index in here:
        assert {k: v for k, v in here[index].items() if k != "seconds"} == \
               {k: v for k, v in there[index].items() if k != "seconds"}


# ============================================================================ the command
def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_cells_equal_optstudio_run_exactly(capsys):
    flags = ["--preset", "notebook", "--epochs", "15", "--layers", "5,2"]
    code, out, err = run_cli(capsys, "sweep", *flags, "--optimizers", "gd,adam", "--lr", "1e-3:1e-1:3",
                             "--seeds", "2", "--json", "--jobs", "1", "--set", "beta1=0.8")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 12 and err == ""
    records = [json.loads(line) for line in lines]
    for record in records:
        args = ["run", *flags, "--optimizer", record["optimizer"], "--lr", repr(record["learning_rate"]),
                "--seed", str(record["seed"]), "--json"]
        if record["optimizer"] == "adam":
            args += ["--set", "beta1=0.8"]
            assert record["optimizer_params"]["beta1"] == 0.8
        code, out, err = run_cli(capsys, *args)
        assert code == 0, err
        single_run = json.loads(out)
        for name in RESULT_FIELDS + ("message", "mini_batch_size", "learning_rate"):
            assert record[name] == single_run[name], (name, record, single_run)


def test_cli_text_table_csv_json_and_grid(capsys, tmp_path):
    out_csv = tmp_path / "sweep.csv"
    code, out, err = run_cli(capsys, "sweep", "--preset", "notebook", "--epochs", "10", "--optimizers", "gd,adam",
                             "--lr", "0.01,0.1", "--seeds", "2", "--grid", "beta2=0.99,0.999", "--out", str(out_csv),
                             "--target-cost", "0.6", "--jobs", "1")
    assert code == 0, err
    assert "Median final cost over 2 seeds" in out and "adam beta2=0.99" in out and "Best:" in out
    assert "12 runs: 12 finished" in out
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == 12
    assert set(rows[0]) >= {"optimizer", "learning_rate", "seed", "beta2", "final_cost", "train_accuracy",
                            "test_accuracy", "epochs_to_target", "seconds", "status"}
    assert {r["beta2"] for r in rows if r["optimizer"] == "adam"} == {"0.99", "0.999"}
    assert all(r["beta2"] == "" for r in rows if r["optimizer"] == "gd")
    out_json = tmp_path / "sweep.json"
    code, out, err = run_cli(capsys, "sweep", "--preset", "notebook", "--epochs", "10", "--optimizers", "adam",
                             "--lr", "0.01", "--seeds", "1,2", "--out", str(out_json), "--jobs", "1",
                             "--grid", "batch_size=32,64")
    assert code == 0, err
    data = json.loads(out_json.read_text(encoding="utf-8"))
    assert [r["mini_batch_size"] for r in data["runs"]] == [32, 32, 64, 64] or \
           sorted(r["mini_batch_size"] for r in data["runs"]) == [32, 32, 64, 64]
    assert {r["seed"] for r in data["runs"]} == {1, 2}


def test_cli_interrupted_sweep_keeps_its_runs_and_resume_finishes_it(capsys, tmp_path, monkeypatch):
    from optstudio.cli import sweep as sweep_cli
    argv = ["sweep", "--epochs", "10", "--optimizers", "gd,momentum,adam", "--lr", "0.01,0.1", "--seeds", "2",
            "--jobs", "1", "--dataset", "moons", "--samples", "200"]
    full = tmp_path / "full.csv"
    assert run_cli(capsys, *argv, "--out", str(full))[0] == 0
    out = tmp_path / "part.csv"
    added = []
    original = sweep_cli.ResultsFile.add

    def add_then_interrupt(self, record):
        original(self, record)
        added.append(record["index"])
        if len(added) == 4:
            raise KeyboardInterrupt
    monkeypatch.setattr(sweep_cli.ResultsFile, "add", add_then_interrupt)
    code, _out, err = run_cli(capsys, *argv, "--out", str(out))
    assert code == 130 and "4 of 12 runs are in" in err and "--resume" in err
    monkeypatch.setattr(sweep_cli.ResultsFile, "add", original)
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 4
    trained = []
    real_run = Sweep.run

    def counting_run(self, **kwargs):
        trained.append(len(self.cells) - len(kwargs.get("skip", ())))
        return real_run(self, **kwargs)
    monkeypatch.setattr(Sweep, "run", counting_run)
    code, text, err = run_cli(capsys, *argv, "--out", str(out), "--resume")
    assert code == 0, err
    assert trained == [8] and "12 runs (4 from the results file)" in text

    def table(path):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        return sorted((r["index"], r["final_cost"], r["train_accuracy"], r["status"]) for r in rows)
    assert table(out) == table(full)
    # another sweep's file is refused
    code, _out, err = run_cli(capsys, *argv[:-1], "300", "--out", str(out), "--resume")
    assert code == 2 and "holds another sweep" in err


def test_cli_bad_input_is_one_line(capsys, tmp_path):
    cases = [(["--lr", "1e-4:1e-1"], "start:stop:count"),
             (["--grid", "gamma=1,2"], "grid 'gamma'"),
             (["--optimizers", "gd,nope"], "unknown optimizer 'nope'"),
             (["--resume"], "--resume needs --out"),
             (["--out", str(tmp_path / "x.txt")], ".csv or a .json"),
             (["--seeds", "0"], "seeds"),
             (["--history", "h.csv"], "not available for sweeps"),
             (["--jobs", "0"], "--jobs must be at least 1"),
             (["--scheduler", "tcp://127.0.0.1:1", "--jobs", "2"], "not both")]
    for argv, fragment in cases:
        code, out, err = run_cli(capsys, "sweep", "--epochs", "2", *argv)
        assert code == 2, (argv, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in err, (argv, err)


def test_sweep_section_in_an_experiment_file_and_the_lab(capsys, tmp_path, manager):
    exp = base_experiment(8)
    exp.extras["sweep"] = {"optimizers": ["gd", "adam"], "learning_rates": [0.01, 0.1], "seeds": 2}
    path = tmp_path / "sweep.toml"
    exp.save(path)
    loaded = Experiment.load(path)
    assert loaded.extras["sweep"] == exp.extras["sweep"]
    code, out, err = run_cli(capsys, "sweep", "--config", str(path), "--jobs", "1", "--json")
    assert code == 0, err
    assert len(out.splitlines()) == 8
    code, out, err = run_cli(capsys, "sweep", "--config", str(path), "--jobs", "1", "--json", "--seeds", "1",
                             "--optimizers", "adam")
    assert code == 0, err
    assert len(out.splitlines()) == 2
    bad = tmp_path / "bad.json"
    data = exp.to_dict()
    data["sweep"] = {"learning_rates": "0.1:1"}
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_cli(capsys, "sweep", "--config", str(bad))
    assert code == 2 and "sweep: learning_rates" in err
    # the bundled lab: GD against Adam over 9 learning rates and 3 seeds
    from optstudio.labs import load_lab
    lab = load_lab("12_learning_rate_sensitivity")
    spec = SweepSpec.from_dict(lab.extras["sweep"])
    assert spec.optimizers == ["gd", "adam"] and len(spec.learning_rates) == 9 and spec.seeds == [0, 1, 2]
    assert spec.learning_rates[0] == 1e-4 and spec.learning_rates[-1] == 1.0
    code, out, err = run_cli(capsys, "sweep", "--lab", "12", "--epochs", "5", "--jobs", "1")
    assert code == 0, err
    assert "54 runs: 54 finished" in out
