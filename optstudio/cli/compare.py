"""``optstudio compare``: train several optimizers from the same initial weights, print a table.

Examples::

    optstudio compare --preset notebook --epochs 2000
    optstudio compare --optimizers gd,momentum,adam --target-cost 0.3 --table results.csv --json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import add_experiment_flags, check_output_file, experiment_from_args
from optstudio.cli.results import json_ready, run_object
from optstudio.cli.run import write_history
from optstudio.cli.tables import format_table, write_table_csv
from optstudio.cli.progress import wanted
from optstudio.cli.training import comparison_runs, train_runs
from optstudio.core.analysis import epochs_to_reach
from optstudio.core.i18n import localized, translate

__all__ = ["register", "cmd_compare"]


def register(subparsers) -> None:
    """Add the ``compare`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser("compare", help="train several optimizers from the same initial weights")
    p.add_argument("--optimizers", help="comma-separated optimizer names (default gd,momentum,adam)")
    p.add_argument("--target-cost", type=float, help="report the epochs each run needs to reach this cost")
    p.add_argument("--table", metavar="FILE.csv", help="write the summary table as CSV")
    add_experiment_flags(p, single_optimizer=False)
    p.set_defaults(handler=cmd_compare)


def cmd_compare(args, manager) -> int:
    args.optimizer = None
    exp = experiment_from_args(args, manager)
    names = [n.strip() for n in args.optimizers.split(",") if n.strip()] if args.optimizers else None
    if args.optimizers is not None and not names:
        raise CLIError(translate("cli_compare", "--optimizers needs at least one optimizer name"))
    check_output_file(args.history, "history file")
    check_output_file(args.table, "table file")
    runs = comparison_runs(exp, names, manager)
    results, interrupted = train_runs(runs, manager, progress=wanted(args.json))
    objects = []
    for (label, variant), trainer in zip(runs, results):
        obj = run_object(trainer, variant, label)
        if args.target_cost is not None:
            obj["epochs_to_target"] = json_ready(epochs_to_reach(trainer.history.costs, args.target_cost))
        objects.append(obj)
        if args.history:
            write_history(trainer, history_path(args.history, label))
    if args.table:
        write_table_csv(objects, args.table)
    if args.json:
        print(json.dumps(objects, indent=2))
    else:
        print(format_table(_shown_labels(objects, runs, exp, manager), target=args.target_cost))
    if interrupted:                      # Ctrl-C: the table so far is printed and written, then 130
        print(translate("cli_compare", "optstudio: interrupted; the results so far are above"), file=sys.stderr)
        return 130
    return 1 if any(o["status"] == "failed" for o in objects) else 0


def _shown_labels(objects: list[dict], runs, exp, manager) -> list[dict]:
    """The table's rows with their labels in the language of the messages: as the experiment
    file translates them, else a label that only names the optimizer (the notebook's
    "Momentum") as the optimizer's own translation. JSON, CSV and history files keep the labels."""
    shown = []
    for obj, (label, variant) in zip(objects, runs):
        text = exp.shown_run_label(label)
        info = manager.optimizers.get(variant.optimizer.name)
        if text == label and info is not None and label == info.label:
            text = localized(getattr(info, "translations", None), "label", info.label)
        shown.append({**obj, "label": text})
    return shown


def history_path(path: str, label: str) -> str:
    """One history file per run: ``hist.csv`` and the run ``Adam`` → ``hist_adam.csv``."""
    stem = Path(path)
    return str(stem.with_name(f"{stem.stem}_{_slug(label)}{stem.suffix or '.csv'}"))


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "run"
