"""``optstudio sweep``: a grid of optimizers × learning rates × seeds (× hyperparameters), trained
as stacks on this machine's cores or on a Dask cluster.

Examples::

    optstudio sweep --preset notebook --optimizers gd,momentum,adam --lr 1e-4:1e-1:10 --seeds 3 --epochs 2000
    optstudio sweep --optimizers adam --lr 0.001,0.01 --grid beta2=0.99,0.999 --grid mini_batch_size=32,64
    optstudio sweep --config sweep.toml --out results.csv            # Ctrl-C, then the same with --resume
    optstudio sweep --lab 07 --json
    optstudio sweep --preset notebook --optimizers gd,adam --lr 1e-3:1:7 --scheduler tcp://teacher:8786

The run with seed S is exactly the run ``optstudio run --seed S`` makes with the same flags.
``--json`` prints one JSON object per run as it finishes; ``--out`` writes the tidy table (CSV
or JSON) as runs finish, so an interrupted sweep keeps its finished runs and ``--resume``
continues it. Progress with an estimate of the time left goes to the terminal (not when piped,
nor with ``--json``).
"""

from __future__ import annotations

import csv
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import add_experiment_flags, check_output_file, experiment_from_args, parse_assignments
from optstudio.cli.progress import Progress, wanted
from optstudio.cli.run import status_word
from optstudio.cli.tables import word
from optstudio.cli.training import sweep_events
from optstudio.core.history import format_number
from optstudio.core.i18n import display_width, ljust_display, rjust_display, translate
from optstudio.core.sweep import (RECORD_FIELDS, CellResult, Sweep, SweepProgress, SweepSpec,
                                  parse_learning_rates, parse_seeds)

__all__ = ["register", "cmd_sweep", "ResultsFile", "read_results", "format_summary"]


def register(subparsers) -> None:
    """Add the ``sweep`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser("sweep", help="train a grid of optimizers × learning rates × seeds",
                              description="Train every combination of optimizers, learning rates, seeds and "
                                          "hyperparameter values; each run is the run `optstudio run` makes "
                                          "with those settings.")
    g = p.add_argument_group("the grid")
    g.add_argument("--optimizers", help="comma-separated optimizer names (default: --optimizer, or the "
                                        "experiment's)")
    g.add_argument("--seeds", help="number of seeds (3 = seeds 0, 1, 2) or a list such as 1,5,9")
    g.add_argument("--grid", action="append", metavar="NAME=V1,V2",
                   help="values of an optimizer or schedule hyperparameter, or of mini_batch_size (repeatable)")
    g.add_argument("--target-cost", type=float, help="report the epochs each run needs to reach this cost")
    g.add_argument("--lab", metavar="NAME", help="start from a bundled lab's experiment and sweep (e.g. 07)")
    g = p.add_argument_group("where it runs")
    g.add_argument("--jobs", type=int, metavar="N", help="worker processes on this machine (default: one per core; "
                                                      "a small sweep trains in this process)")
    g.add_argument("--scheduler", metavar="tcp://HOST:8786", help="run on a Dask cluster (pip install "
                                                                  "\"optstudio[cluster]\")")
    g.add_argument("--out", metavar="FILE.csv|FILE.json", help="write every run's result, as runs finish")
    g.add_argument("--resume", action="store_true", help="continue the sweep in --out: skip its finished runs")
    add_experiment_flags(p)
    for action in p._actions:        # --lr takes a range or a list here
        if action.dest == "lr":
            action.type = None
            action.metavar = "START:STOP:COUNT|A,B,…"
            action.help = "learning rates: log-spaced start:stop:count (e.g. 1e-4:1e-1:10) or a comma list"
        elif action.dest == "json":
            action.help = "print one JSON object per run as runs finish"
    p.set_defaults(handler=cmd_sweep)


# ---------------------------------------------------------------------- the command
def cmd_sweep(args, manager) -> int:
    if args.history:
        raise CLIError(translate("cli_sweep", "--history is not available for sweeps (see --out)"))
    if args.print_every is not None:
        raise CLIError(translate("cli_sweep", "--print-every is not available for sweeps"))
    if args.resume and not args.out:
        raise CLIError(translate("cli_sweep", "--resume needs --out FILE: the file of the sweep to continue"))
    if args.out and Path(args.out).suffix.lower() not in (".csv", ".json"):
        raise CLIError(translate("cli_sweep", "--out: write a .csv or a .json file, got {path}").format(path=repr(args.out)))
    check_output_file(args.out, "results file")
    if args.jobs is not None and args.jobs < 1:
        raise CLIError(translate("cli_sweep", "--jobs must be at least 1, got {value}").format(value=args.jobs))
    if args.lab:
        if args.config:
            raise CLIError(translate("cli_sweep", "give either --lab or --config, not both"))
        from optstudio.labs import find_lab
        args.config = str(find_lab(args.lab))
    lr_text, args.lr = args.lr, None
    set_params = parse_assignments(args.set, "--set")
    args.set = None
    exp = experiment_from_args(args, manager)
    spec = SweepSpec.from_dict(exp.extras.get("sweep", {}), where="sweep section")
    try:
        if args.optimizers is not None:
            spec.optimizers = [n.strip() for n in args.optimizers.split(",") if n.strip()]
            if not spec.optimizers:
                raise CLIError(translate("cli_sweep", "--optimizers needs at least one optimizer name"))
        elif args.optimizer is not None:
            spec.optimizers = [exp.optimizer.name]
        if lr_text is not None:
            spec.learning_rates = parse_learning_rates(lr_text, "--lr")
        if args.seeds is not None:
            spec.seeds = parse_seeds(args.seeds, "--seeds")
        elif args.seed is not None:
            spec.seeds = [exp.training.seed]
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    if args.batch_size is not None:
        spec.grid.pop("mini_batch_size", None)
    spec.params.update(set_params)
    for name, values in parse_assignments(args.grid, "--grid").items():
        values = [v.strip() for v in values.split(",") if v.strip()]
        if not values:
            raise CLIError(translate("cli_sweep", "--grid {name}: give values such as {name}=0.9,0.99").format(name=name))
        spec.grid[{"batch_size": "mini_batch_size"}.get(name, name)] = values
    if args.target_cost is not None:
        if not math.isfinite(args.target_cost):
            raise CLIError(translate("cli_sweep", "--target-cost must be a finite number"))
        spec.target_cost = args.target_cost
    sweep = Sweep(exp, spec, manager)

    results = ResultsFile(args.out, sweep, spec) if args.out else None
    done_keys: set[str] = set()
    kept: list[dict] = []
    if results is not None:
        if args.resume and Path(args.out).exists():
            for record in results.resumable(read_results(args.out)):
                cell = sweep.cell_of(record)
                if cell is not None and cell.key not in done_keys:
                    record["index"] = cell.index
                    kept.append(record)
                    done_keys.add(cell.key)
        results.start(kept)
    todo = [c for c in sweep.cells if c.key not in done_keys]
    executor = _executor(args, sum(c.experiment.training.epochs for c in todo))
    progress = _Progress(enabled=wanted(args.json))
    records = list(kept)
    start = time.perf_counter()
    interrupted = False
    try:
        workers = executor.workers if executor is not None else 1
        from optstudio.plugins.manager import get_plugin_manager
        for event in sweep_events(sweep, executor=executor, workers=workers, skip=done_keys,
                                  registry_factory=get_plugin_manager if executor is not None else None):
            if isinstance(event, SweepProgress):
                progress.show(event)
                continue
            assert isinstance(event, CellResult)
            records.append(event.record)
            if results is not None:
                results.add(event.record)
            if args.json:
                print(json.dumps(event.record), flush=True)
            progress.show(event.progress)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        progress.clear()
        if results is not None:
            results.close()
        if executor is not None:
            executor.close(cancel=interrupted)
    if interrupted:
        if args.out:
            print(translate("cli_sweep", "optstudio: interrupted; {done} of {total} runs are in {file}: run the same command with --resume to continue")
                  .format(done=len(records), total=len(sweep.cells), file=args.out), file=sys.stderr)
        else:
            print(translate("cli_sweep", "optstudio: interrupted"), file=sys.stderr)
        return 130
    if not args.json:
        print(format_summary(records, sweep, time.perf_counter() - start, resumed=len(kept)))
    return 1 if any(r.get("status") == "failed" for r in records) else 0


#: a sweep of fewer run-epochs than this trains in this process: starting worker processes
#: (a second or so) would take longer than the sweep
POOL_WORK = 20_000


def _executor(args, run_epochs: int):
    """None (train here), a LocalPool or a DaskCluster."""
    from optstudio.executors import ClusterError, DaskCluster, LocalPool, default_jobs
    if args.scheduler:
        if args.jobs is not None:
            raise CLIError(translate("cli_sweep", "give either --jobs (this machine) or --scheduler (a Dask cluster), not both"))
        try:
            return DaskCluster(args.scheduler)
        except ClusterError as exc:
            raise CLIError(str(exc)) from None
    jobs = args.jobs or default_jobs()
    if jobs == 1 or (args.jobs is None and run_epochs < POOL_WORK):
        return None
    return LocalPool(jobs)


# ---------------------------------------------------------------------- progress
class _Progress:
    """The sweep's progress on stderr (a terminal only): the share of the work done, with tqdm's
    elapsed time and ETA, and how many runs are done."""

    WORK = 1000      # the bar counts thousandths of the sweep's work

    def __init__(self, enabled: bool):
        self.bar = Progress(self.WORK, translate("cli_sweep", "sweep"), enabled=enabled,
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {postfix} [{elapsed}<{remaining}]")

    def show(self, p: SweepProgress) -> None:
        self.bar.advance_to(int(self.WORK * p.fraction),
                            note=translate("cli_sweep", "{done}/{total} runs").format(done=p.done, total=p.total))

    def clear(self) -> None:
        self.bar.close()


# ---------------------------------------------------------------------- the results file
class ResultsFile:
    """``--out``: a CSV table (one row per run, appended as runs finish) or a JSON file
    (``{"optstudio_sweep": 1, "runs": [...]}``, rewritten at most once a second and at the end).
    ``sweep`` in every record identifies the sweep's fixed settings, for ``--resume``."""

    def __init__(self, path: str, sweep: Sweep, spec: SweepSpec):
        self.path = Path(path)
        self.csv = self.path.suffix.lower() == ".csv"
        self.grid = list(spec.grid)
        self.columns = (list(RECORD_FIELDS[:6]) + self.grid + list(RECORD_FIELDS[6:])
                        + ["optimizer_params", "schedule_params"])
        self.fingerprint = sweep.fingerprint
        self.records: list[dict] = []
        self._fh = None
        self._writer = None
        self._written = 0.0

    def resumable(self, old: list[dict]) -> list[dict]:
        """The records of ``old`` to keep when resuming: those of this sweep that finished or
        diverged (failed and stopped runs are trained again). CLIError for another sweep's file."""
        if not old:
            return []
        others = {r.get("sweep") for r in old} - {self.fingerprint}
        if others:
            raise CLIError(translate("cli_sweep", "--resume: {path} holds another sweep (data, network, training or fixed hyperparameters differ); write to another file or leave out --resume")
                           .format(path=self.path))
        return [r for r in old if r.get("status") in ("finished", "diverged")]

    def start(self, kept: list[dict]) -> None:
        self.records = list(kept)
        try:
            if self.csv:
                self._fh = open(self.path, "w", newline="", encoding="utf-8")
                self._writer = csv.writer(self._fh)
                self._writer.writerow(self.columns)
                for record in kept:
                    self._writer.writerow(self._row(record))
                self._fh.flush()
            else:
                self._write_json()
        except OSError as exc:
            raise CLIError(translate("cli_sweep", "cannot write results file {path}: {reason}").format(
                path=repr(str(self.path)), reason=exc.strerror or exc)) from None

    def _row(self, record: dict) -> list[str]:
        row = []
        for column in self.columns:
            value = record.get(column)
            if column in ("optimizer_params", "schedule_params"):
                value = value if isinstance(value, str) else json.dumps(value or {}, sort_keys=True)
            elif column in self.grid and column not in record:
                value = _grid_value(record, column)
            row.append("" if value is None else format_number(value))
        return row

    def add(self, record: dict) -> None:
        self.records.append(record)
        if self.csv:
            self._writer.writerow(self._row(record))
            self._fh.flush()
        elif time.perf_counter() - self._written >= 1.0:
            self._write_json()

    def _write_json(self) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"optstudio_sweep": 1, "runs": self.records}, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        self._written = time.perf_counter()

    def close(self) -> None:
        if self.csv:
            if self._fh is not None:
                self._fh.close()
                self._fh = None
        else:
            self._write_json()


def _grid_value(record: dict, name: str):
    if name == "mini_batch_size":
        return record.get("mini_batch_size")
    for section in ("optimizer_params", "schedule_params"):
        params = record.get(section)
        if isinstance(params, dict) and name in params:
            return params[name]
    return None


def read_results(path: str) -> list[dict]:
    """The records of a results file written by ``--out`` (CSV values come back as text, except
    ``index`` and the JSON columns). CLIError for a file that is not one."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CLIError(translate("cli_sweep", "--resume: cannot read {path}: {reason}").format(
            path=repr(path), reason=getattr(exc, "strerror", None) or exc)) from None
    try:
        if p.suffix.lower() == ".json":
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("runs"), list):
                raise ValueError("no list of runs")
            records = [r for r in data["runs"] if isinstance(r, dict)]
        else:
            records = list(csv.DictReader(text.splitlines()))
            for r in records:
                for column in ("optimizer_params", "schedule_params"):
                    r[column] = json.loads(r.get(column) or "{}")
        for r in records:
            r["index"] = int(r["index"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CLIError(translate("cli_sweep", "--resume: {path} is not a results file of optstudio sweep ({error})").format(
            path=path, error=exc)) from None
    return records


# ---------------------------------------------------------------------- the summary
def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def format_summary(records: list[dict], sweep: Sweep, seconds: float, resumed: int = 0) -> str:
    """The median final cost over the seeds for each configuration (rows) and learning rate
    (columns), the best configuration, and how many runs finished, diverged or failed."""
    by_key: dict[tuple, dict[float, list]] = {}
    statuses: dict[str, int] = {}
    rates = sorted({c.learning_rate for c in sweep.cells})
    for record in records:
        cell = sweep.cells[record["index"]]
        statuses[record["status"]] = statuses.get(record["status"], 0) + 1
        row = (cell.optimizer,) + tuple(f"{k}={v}" for k, v in cell.values.items())
        by_key.setdefault(row, {}).setdefault(cell.learning_rate, []).append(record)
    seeds = len({c.seed for c in sweep.cells})
    if seeds != 1:
        title = translate("cli_sweep", "Median final cost over {seeds} seeds (rows: configuration, columns: learning rate α; '—': no run finished)")
    else:
        title = translate("cli_sweep", "Median final cost over {seeds} seed (rows: configuration, columns: learning rate α; '—': no run finished)")
    lines = [title.format(seeds=seeds)]
    labels = [" ".join(key) for key in by_key]
    configuration = translate("cli_sweep", "configuration")
    width = max([display_width(configuration)] + [display_width(label) for label in labels])
    lines.append(ljust_display(configuration, width) + "".join(f"{rate:>10.3g}" for rate in rates))
    best = None
    for key, label in zip(by_key, labels):
        cells = []
        for rate in rates:
            runs = by_key[key].get(rate, [])
            costs = [_number(r.get("final_cost")) for r in runs if r.get("status") == "finished"]
            costs = [c for c in costs if c is not None]
            if costs:
                median = statistics.median(costs)
                cells.append(f"{median:>10.4f}")
                if best is None or median < best[0]:
                    accuracy = statistics.median([_number(r.get("train_accuracy")) or 0.0 for r in runs
                                                  if r.get("status") == "finished"])
                    best = (median, label, rate, accuracy)
            elif any(r.get("status") == "diverged" for r in runs):
                cells.append(rjust_display(word("diverged"), 10))
            elif runs:
                cells.append(rjust_display(status_word(runs[0].get("status", "?")), 10))
            else:
                cells.append(f"{'—':>10}")
        lines.append(ljust_display(label, width) + "".join(cells))
    if best is not None:
        lines.append(translate("cli_sweep", "Best: {configuration} at α = {rate}: median final cost {cost}, median train accuracy {accuracy}")
                     .format(configuration=best[1], rate=f"{best[2]:.3g}", cost=f"{best[0]:.4f}",
                             accuracy=f"{best[3]:.4f}"))
    counts = ", ".join(f"{n} {status_word(status)}" for status, n in sorted(statuses.items()))
    if resumed:
        lines.append(translate("cli_sweep", "{count} runs ({resumed} from the results file): {counts}; {seconds} s")
                     .format(count=len(records), resumed=resumed, counts=counts, seconds=f"{seconds:.1f}"))
    else:
        lines.append(translate("cli_sweep", "{count} runs: {counts}; {seconds} s")
                     .format(count=len(records), counts=counts, seconds=f"{seconds:.1f}"))
    for record in records:
        if record.get("status") == "failed":
            lines.append(f"{sweep.cells[record['index']].label}: {record.get('message')}")
    return "\n".join(lines)
