"""Headless commands: ``optstudio run | compare | plugins | trajectory | lab``.

Every command builds an :class:`~optstudio.core.experiment.Experiment` and hands it to the core.
Bad input prints one line on stderr and exits with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, Sequence

from optstudio.core.datasets import DataError, DataSpec, load_dataset
from optstudio.core.experiment import Experiment, ExperimentError, build_trainer, notebook_preset
from optstudio.core.analysis import cost_shape, epochs_to_reach, oscillation_index

__all__ = ["main", "CLIError"]


class CLIError(Exception):
    """Bad input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not the whole usage text
        raise CLIError(message)


def _positive_int_list(text: str) -> list[int]:
    text = text.strip()
    if not text:
        return []
    widths = []
    for part in text.split(","):
        part = part.strip()
        try:
            value = int(part)
        except ValueError:
            raise CLIError(f"--layers: {part!r} is not a whole number (write widths like 5,2)") from None
        if value < 1:
            raise CLIError(f"--layers: layer width must be at least 1, got {value}")
        widths.append(value)
    return widths


def _assignments(items: Sequence[str] | None, flag: str) -> dict[str, str]:
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CLIError(f"{flag} expects NAME=VALUE, got {item!r}")
        out[name.strip()] = value.strip()
    return out


def _add_experiment_flags(p: argparse.ArgumentParser, *, single_optimizer: bool = True) -> None:
    g = p.add_argument_group("data")
    g.add_argument("--config", metavar="FILE", help="start from an experiment file (JSON or TOML)")
    g.add_argument("--preset", choices=["notebook"], help="the course notebook's exact set-up and seeds")
    g.add_argument("--dataset", help="moons, circles, blobs, xor, spirals, linear, digits, iris, "
                                     "breast_cancer, or a CSV/NPZ/IDX file")
    g.add_argument("--samples", type=int)
    g.add_argument("--noise", type=float)
    g.add_argument("--factor", type=float, help="circles: inner/outer radius ratio")
    g.add_argument("--centers", type=int, help="blobs: number of classes")
    g.add_argument("--classes", help="keep only these labels, e.g. 0,1")
    g.add_argument("--data-seed", type=int)
    g.add_argument("--test-fraction", type=float)
    g.add_argument("--standardize", action="store_true", default=None)
    g = p.add_argument_group("network")
    g.add_argument("--layers", help="hidden layer widths, e.g. 5,2 (\"\" for none)")
    g.add_argument("--activation", help="hidden activation, or one per layer: relu,tanh")
    g.add_argument("--init", help="he, xavier, normal, small, zeros")
    g.add_argument("--loss", help="bce, softmax, mse")
    g.add_argument("--output-activation", help="output activation for the mse loss")
    g.add_argument("--l2", type=float, help="L2 regularisation λ")
    g = p.add_argument_group("optimization")
    if single_optimizer:
        g.add_argument("--optimizer", help="optimizer name (see `optstudio plugins`)")
    g.add_argument("--lr", type=float, help="learning rate α")
    g.add_argument("--set", action="append", metavar="NAME=VALUE", help="optimizer hyperparameter (repeatable)")
    g.add_argument("--schedule", help="learning-rate schedule name")
    g.add_argument("--schedule-set", action="append", metavar="NAME=VALUE", help="schedule parameter")
    g.add_argument("--batch-size", type=int, help="mini-batch size (m = batch GD, 1 = SGD)")
    g.add_argument("--epochs", type=int)
    g.add_argument("--seed", type=int, help="seed for initialisation and shuffling")
    g = p.add_argument_group("output")
    g.add_argument("--print-every", type=int, metavar="N", help="print the cost every N epochs")
    g.add_argument("--json", action="store_true", help="print one JSON result instead of text")
    g.add_argument("--history", metavar="FILE.csv", help="write the per-epoch history as CSV")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="optstudio", description="OptStudio: see how neural networks are optimized.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    run = sub.add_parser("run", help="train one network and print its costs and accuracy")
    _add_experiment_flags(run)
    cmp_ = sub.add_parser("compare", help="train several optimizers from the same initial weights")
    cmp_.add_argument("--optimizers", help="comma-separated optimizer names (default gd,momentum,adam)")
    cmp_.add_argument("--target-cost", type=float, help="report the epochs each run needs to reach this cost")
    cmp_.add_argument("--table", metavar="FILE.csv", help="write the summary table as CSV")
    _add_experiment_flags(cmp_, single_optimizer=False)
    plugins = sub.add_parser("plugins", help="list optimizers, schedules and plugin errors")
    plugins.add_argument("--json", action="store_true")
    _add_subcommand_hooks(sub)
    return p


def _add_subcommand_hooks(sub) -> None:
    """Commands that live in their own modules register here (trajectory, lab)."""
    for module_name in ("optstudio.cli_trajectory", "optstudio.cli_lab", "optstudio.cli_desktop"):
        try:
            module = __import__(module_name, fromlist=["register"])
        except ImportError:
            continue
        module.register(sub)


# ---------------------------------------------------------------------- experiment from flags
def experiment_from_args(args: argparse.Namespace, manager=None) -> Experiment:
    if getattr(args, "config", None):
        exp = Experiment.load(args.config)
    elif getattr(args, "preset", None) == "notebook":
        exp = notebook_preset()
    else:
        exp = Experiment()
    d = exp.data
    if args.dataset is not None:
        if args.dataset != d.name and args.preset != "notebook":
            d.preset = "default"
        d.name = args.dataset
    for flag, attr in (("samples", "samples"), ("noise", "noise"), ("factor", "factor"),
                       ("centers", "centers"), ("data_seed", "data_seed"),
                       ("test_fraction", "test_fraction")):
        value = getattr(args, flag)
        if value is not None:
            setattr(d, attr, value)
    if args.standardize:
        d.standardize = True
    if args.classes is not None:
        d.classes = [c.strip() for c in args.classes.split(",") if c.strip()]
        d.classes = [int(c) if c.lstrip("-").isdigit() else c for c in d.classes]
    n = exp.network
    if args.layers is not None:
        n.hidden = _positive_int_list(args.layers)
        if args.activation is None:
            first = n.activations[0] if n.activations else "relu"
            n.activations = [first] * len(n.hidden)
    if args.activation is not None:
        acts = [a.strip() for a in args.activation.split(",") if a.strip()]
        if len(acts) == 1:
            acts = acts * len(n.hidden)
        n.activations = acts
    for flag, attr in (("init", "init"), ("loss", "loss"), ("output_activation", "output_activation"),
                       ("l2", "l2")):
        value = getattr(args, flag)
        if value is not None:
            setattr(n, attr, value)
    o = exp.optimizer
    if getattr(args, "optimizer", None) is not None and args.optimizer != o.name:
        o.name, o.params = args.optimizer, {}
        if args.lr is None and args.preset != "notebook" and not args.config:
            o.learning_rate = _default_lr(args.optimizer, manager)
    if args.lr is not None:
        if not (args.lr > 0 and math.isfinite(args.lr)):
            raise CLIError(f"--lr must be a number > 0, got {args.lr:g}")
        o.learning_rate = args.lr
    o.params.update(_assignments(args.set, "--set"))
    s = exp.schedule
    if args.schedule is not None and args.schedule != s.name:
        s.name, s.params = args.schedule, {}
    s.params.update(_assignments(args.schedule_set, "--schedule-set"))
    t = exp.training
    if args.batch_size is not None:
        if args.batch_size < 1:
            raise CLIError(f"--batch-size must be at least 1, got {args.batch_size}")
        t.mini_batch_size = args.batch_size
    if args.epochs is not None:
        if args.epochs < 0:
            raise CLIError(f"--epochs must be at least 0, got {args.epochs}")
        t.epochs = args.epochs
    if args.seed is not None:
        t.seed = args.seed
    if args.preset == "notebook":
        t.preset = "notebook"
    exp.validate()
    return exp


def _default_lr(name: str, manager) -> float:
    try:
        return manager.optimizer_info(name).default_learning_rate
    except (ValueError, KeyError):
        return 0.01  # the unknown name is reported when the trainer is built


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def run_object(trainer, exp: Experiment, label: str | None = None) -> dict:
    r = trainer.result()
    batch_costs = trainer.history.column("last_batch_cost").tolist()  # the curve the notebook plots
    return {
        "label": label or exp.optimizer.name,
        "optimizer": exp.optimizer.name,
        "optimizer_params": {k: _clean(v) for k, v in exp.optimizer.params.items()},
        "learning_rate": exp.optimizer.learning_rate,
        "schedule": exp.schedule.name,
        "mini_batch_size": exp.training.mini_batch_size,
        "epochs": r.epochs,
        "steps": r.steps,
        "train_accuracy": _clean(r.train_accuracy),
        "test_accuracy": _clean(r.test_accuracy),
        "final_cost": _clean(r.final_cost),
        "final_test_cost": _clean(r.final_test_cost),
        "cost_shape": cost_shape(batch_costs),
        "oscillation_index": _clean(oscillation_index(batch_costs)),
        "seconds": r.seconds,
        "diverged": r.diverged,
        "status": r.status,
        "message": r.message,
    }


def _fmt_acc(value: float) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.6f}"


def _train_printing(trainer, exp: Experiment, print_every: int | None, out) -> None:
    """Run the trainer, printing ``Cost after epoch i: x`` lines like the notebook.

    With the notebook preset the printed cost is the last mini-batch's, exactly as the notebook
    prints it; otherwise it is the epoch's mean training cost."""
    if not print_every:
        trainer.run()
        return
    notebook = exp.training.preset == "notebook"
    printed = 0
    while trainer.epoch < trainer.epochs and trainer.status not in ("diverged", "failed", "stopped"):
        next_print = ((trainer.epoch // print_every) * print_every)
        if next_print < trainer.epoch:
            next_print += print_every
        trainer.run(max_epochs=max(1, next_print - trainer.epoch + 1))
        for rec in trainer.history.records[printed:]:
            if rec.epoch % print_every == 0:
                cost = rec.last_batch_cost if notebook else rec.cost
                print(f"Cost after epoch {rec.epoch}: {cost:f}", file=out)
        printed = len(trainer.history)
    if trainer.epoch >= trainer.epochs and trainer.status == "paused":
        trainer.status = "finished"


def cmd_run(args, manager) -> int:
    exp = experiment_from_args(args, manager)
    trainer = build_trainer(exp, manager)
    print_every = args.print_every
    if print_every is not None and print_every < 1:
        raise CLIError(f"--print-every must be at least 1, got {print_every}")
    if print_every is None and not args.json:
        print_every = 1000 if exp.training.epochs >= 1000 else max(1, exp.training.epochs // 10 or 1)
    _train_printing(trainer, exp, None if args.json else print_every, sys.stdout)
    if args.history:
        _write_history(trainer, args.history)
    obj = run_object(trainer, exp)
    if args.json:
        print(json.dumps(obj, indent=2))
    else:
        print(f"{exp.optimizer.name}: {obj['status']} after {obj['epochs']} epochs "
              f"({obj['steps']} updates) in {obj['seconds']:.2f} s")
        if obj["status"] in ("diverged", "failed"):
            print(obj["message"])
        print(f"Train accuracy: {_fmt_acc(obj['train_accuracy'])}")
        print(f"Test accuracy: {_fmt_acc(obj['test_accuracy'])}")
        if obj["final_cost"] is not None:
            print(f"Final cost: {obj['final_cost']:.6f}")
    return 1 if obj["status"] == "failed" else 0


def _write_history(trainer, path: str) -> None:
    try:
        trainer.history.write_csv(path)
    except OSError as exc:
        raise CLIError(f"cannot write history file {path!r}: {exc.strerror or exc}") from None


def comparison_runs(exp: Experiment, names: list[str] | None) -> list[tuple[str, Experiment]]:
    """(label, experiment) per run: from ``--optimizers``, else the experiment's runs, else the
    notebook's three (gd, momentum, adam)."""
    if names:
        runs = [{"label": name, "optimizer": {"name": name}} for name in names]
        if exp.optimizer.name in names:
            runs[names.index(exp.optimizer.name)]["optimizer"]["params"] = dict(exp.optimizer.params)
    elif exp.runs:
        runs = exp.runs
    else:
        runs = [{"label": n, "optimizer": {"name": n}} for n in ("gd", "momentum", "adam")]
    out = []
    for i, patch in enumerate(runs):
        variant = exp.variant(patch, where=f"run {i + 1}")
        out.append((patch.get("label") or variant.optimizer.name, variant))
    return out


def cmd_compare(args, manager) -> int:
    args.optimizer = None
    exp = experiment_from_args(args, manager)
    names = [n.strip() for n in args.optimizers.split(",") if n.strip()] if args.optimizers else None
    if args.optimizers is not None and not names:
        raise CLIError("--optimizers needs at least one optimizer name")
    runs = comparison_runs(exp, names)
    from optstudio.core.compare import compare_runs
    results = compare_runs([e for _, e in runs], manager, labels=[label for label, _ in runs])
    objects = []
    for (label, variant), trainer in zip(runs, results):
        obj = run_object(trainer, variant, label)
        if args.target_cost is not None:
            obj["epochs_to_target"] = epochs_to_reach(trainer.history.costs, args.target_cost)
        objects.append(obj)
        if args.history:
            stem = Path(args.history)
            _write_history(trainer, str(stem.with_name(f"{stem.stem}_{_slug(label)}{stem.suffix or '.csv'}")))
    if args.table:
        write_table_csv(objects, args.table)
    if args.json:
        print(json.dumps(objects, indent=2))
    else:
        print(format_table(objects, target=args.target_cost))
    return 1 if any(o["status"] == "failed" for o in objects) else 0


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "run"


TABLE_COLUMNS = ("optimizer", "train accuracy", "test accuracy", "final cost", "cost shape", "seconds")


def _table_rows(objects: list[dict], target: float | None) -> tuple[list[str], list[list[str]]]:
    header = list(TABLE_COLUMNS)
    if target is not None:
        header.append(f"epochs to cost {target:g}")
    rows = []
    for o in objects:
        row = [o["label"], _fmt_acc(o["train_accuracy"]), _fmt_acc(o["test_accuracy"]),
               "n/a" if o["final_cost"] is None else f"{o['final_cost']:.6f}",
               "diverged" if o["diverged"] else (o["status"] if o["status"] == "failed" else o["cost_shape"]),
               f"{o['seconds']:.2f}"]
        if target is not None:
            row.append("never" if o.get("epochs_to_target") is None else str(o["epochs_to_target"]))
        rows.append(row)
    return header, rows


def format_table(objects: list[dict], target: float | None = None) -> str:
    header, rows = _table_rows(objects, target)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
    out = [line(header), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    for o in objects:
        if o["status"] in ("diverged", "failed"):
            out.append(f"{o['label']}: {o['message']}")
    return "\n".join(out)


def write_table_csv(objects: list[dict], path: str, target: float | None = None) -> None:
    header, rows = _table_rows(objects, target)
    write_csv_rows(path, header, rows)


def write_csv_rows(path: str, header: list[str], rows: list[list[str]]) -> None:
    """Write a table as CSV; a file that cannot be written is a one-line CLIError."""
    import csv
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        raise CLIError(f"cannot write table file {path!r}: {exc.strerror or exc}") from None


def cmd_plugins(args, manager) -> int:
    from optstudio.plugins.report import format_plugins_report, plugins_report
    if args.json:
        print(json.dumps(plugins_report(manager), indent=2, default=str))
    else:
        print(format_plugins_report(manager))
    return 0


COMMANDS = {"run": cmd_run, "compare": cmd_compare, "plugins": cmd_plugins}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return 0
        from optstudio.core.blas import limit_blas_threads
        from optstudio.plugins.manager import get_plugin_manager
        limit_blas_threads()
        manager = get_plugin_manager()
        handler = COMMANDS.get(args.command) or args.handler
        return handler(args, manager)
    except (CLIError, ExperimentError, DataError, ValueError) as exc:
        print(f"optstudio: error: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("optstudio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _one_line(exc: BaseException) -> str:
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    text = text.strip()
    return text.splitlines()[0] if text else type(exc).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
