"""``optstudio lab``: print a lab's instructions and run it headless.

Registered by :mod:`optstudio.cli` through :func:`register`. Examples::

    optstudio lab --list
    optstudio lab 01                       # the notebook's GD / Momentum / Adam table
    optstudio lab 02 --epochs 500          # a shorter version of a long lab
    optstudio lab 06 --steps 50 --json
    optstudio lab my_lab.json --table results.csv

Comparison labs print the same table as ``optstudio compare``; trajectory labs print one row
per function and optimizer (function | optimizer | learning rate | steps | final point |
final f value | status); other labs train their experiment once.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import check_epochs, check_output_file, coerce_params
from optstudio.cli.lab_views import format_view, view_observers, view_results, write_view_csv
from optstudio.cli.results import json_ready, run_object
from optstudio.cli.run import status_word
from optstudio.cli.tables import format_rows, format_table, write_csv_rows, write_table_csv
from optstudio.cli.progress import wanted
from optstudio.cli.training import comparison_runs, train_runs
from optstudio.core.i18n import QT_TRANSLATE_NOOP, display_width, localized, translate

__all__ = ["register", "cmd_lab", "format_trajectory_table", "trajectory_objects"]


def register(subparsers) -> None:
    """Add the ``lab`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser(
        "lab",
        help="print a lab's instructions and run it (see --list)",
        description="Print a lab's title and instructions, run it headless and print its table.")
    p.add_argument("lab", nargs="?", metavar="FILE|NAME",
                   help="a bundled lab (e.g. 01 or 01_notebook_optimizers) or a lab file")
    p.add_argument("--list", action="store_true", help="list the bundled labs")
    p.add_argument("--epochs", type=int, metavar="N", help="train every run for N epochs instead")
    p.add_argument("--steps", type=int, metavar="N", help="trajectory labs: N steps per path instead")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--table", metavar="FILE.csv", help="also write the result table as CSV")
    p.set_defaults(handler=cmd_lab)


def _list(as_json: bool) -> int:
    from optstudio.labs import lab_name, list_labs
    labs = list_labs()
    if as_json:
        print(json.dumps([{"name": lab_name(p), "title": t, "path": str(p)} for p, t in labs], indent=2,
                         ensure_ascii=False))
        return 0
    if not labs:
        print(translate("cli_lab", "No bundled labs found."))
        return 0
    width = max(len(lab_name(p)) for p, _ in labs)
    print(translate("cli_lab", "Bundled labs (run one with `optstudio lab NAME`, e.g. `optstudio lab 01`):"))
    for path, title in labs:
        print(f"  {lab_name(path).ljust(width)}  {title}")
    return 0


def _wrap(text: str) -> str:
    """Instructions wrapped to the terminal (at most 100 columns); numbered steps hang."""
    import re
    import shutil
    import textwrap
    width = max(40, min(100, shutil.get_terminal_size((100, 24)).columns - 1))
    lines = []
    for line in text.splitlines():
        m = re.match(r"^(\s*\d+[.)]\s+|\s*[-*•]\s+)", line)
        indent = " " * len(m.group(1)) if m else ""
        lines.append(textwrap.fill(line, width=width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False) if line.strip() else "")
    return "\n".join(lines)


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def trajectory_objects(task_results, manager) -> list[dict]:
    """One JSON-ready dict per (function, run)."""
    out = []
    for task, results in task_results:
        for spec, result in zip(task.runs, results):
            rate = spec.learning_rate
            if rate is None:
                try:
                    rate = manager.optimizer_info(spec.optimizer).default_learning_rate
                except (ValueError, KeyError):
                    rate = None
            start = result.path[0]
            final = result.final_point
            out.append({
                "function": task.function,
                "label": result.label or spec.label,
                "optimizer": spec.optimizer,
                "learning_rate": rate,
                "schedule": spec.schedule,
                "steps": task.steps,
                "steps_done": result.steps_done,
                "start": [_finite(float(start[0])), _finite(float(start[1]))],
                "final_point": [_finite(float(final[0])), _finite(float(final[1]))],
                "final_value": _finite(result.final_value),
                "status": result.status,
                "message": result.message,
            })
    return out


TRAJECTORY_COLUMNS = (QT_TRANSLATE_NOOP("cli_lab", "function"), QT_TRANSLATE_NOOP("cli_lab", "optimizer"),
                      QT_TRANSLATE_NOOP("cli_lab", "learning rate"), QT_TRANSLATE_NOOP("cli_lab", "steps"),
                      QT_TRANSLATE_NOOP("cli_lab", "final point"), QT_TRANSLATE_NOOP("cli_lab", "final f value"),
                      QT_TRANSLATE_NOOP("cli_lab", "status"))


def _g(value) -> str:
    return "n/a" if value is None else f"{value:.6g}"


def _trajectory_rows(objects: list[dict], translated: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows; ``translated``: in the current language (the text table), else English (CSV)."""
    rows = []
    for o in objects:
        x, y = o["final_point"]
        steps = str(o["steps_done"]) if o["steps_done"] == o["steps"] else f"{o['steps_done']}/{o['steps']}"
        rows.append([o["function"], o["label"], _g(o["learning_rate"]), steps,
                     f"({_g(x)}, {_g(y)})", _g(o["final_value"]), status_word(o["status"]) if translated else o["status"]])
    if translated:
        return [translate("cli_lab", column) for column in TRAJECTORY_COLUMNS], rows
    return list(TRAJECTORY_COLUMNS), rows


def format_trajectory_table(objects: list[dict]) -> str:
    out = format_rows(*_trajectory_rows(objects, translated=True))
    for o in objects:
        if o["status"] != "finished":
            out.append(f"{o['function']}, {o['label']}: {o['message']}")
    return "\n".join(out)


def _write_trajectory_csv(objects: list[dict], path: str) -> None:
    header, rows = _trajectory_rows(objects)
    write_csv_rows(path, header, rows)


def _second_table_path(path: str) -> str:
    p = Path(path)
    return str(p.with_name(f"{p.stem}_trajectories{p.suffix or '.csv'}"))


def _training_runs(exp, manager):
    """(label, experiment) for each training run of a lab."""
    if exp.runs:
        return comparison_runs(exp, None, manager)
    try:
        label = manager.optimizer_info(exp.optimizer.name).label
    except (ValueError, KeyError, AttributeError):
        label = exp.optimizer.name
    return [(label, coerce_params(exp, manager))]


def _run_sweep_lab(args, path, exp, manager) -> int:
    """A lab with a "sweep" section: ``optstudio sweep --config LAB``; with ``--json`` its run
    records become the lab object's ``runs``."""
    import contextlib
    import io

    from optstudio.cli import build_parser
    from optstudio.cli.sweep import cmd_sweep
    from optstudio.labs import lab_name
    argv = ["sweep", "--config", str(path), *(["--json"] if args.json else []),
            *(["--epochs", str(args.epochs)] if args.epochs is not None else [])]
    sweep_args = build_parser().parse_args(argv)
    if not args.json:
        return cmd_sweep(sweep_args, manager)
    lines = io.StringIO()
    with contextlib.redirect_stdout(lines):
        code = cmd_sweep(sweep_args, manager)
    runs = [json.loads(line) for line in lines.getvalue().splitlines() if line.strip()]
    print(json.dumps({"lab": lab_name(path), "path": str(path), "title": exp.title,
                      "instructions": exp.instructions,
                      "epochs": args.epochs if args.epochs is not None else exp.training.epochs,
                      "runs": runs, "trajectories": [], "view": None}, indent=2, ensure_ascii=False))
    return code


def cmd_lab(args, manager) -> int:
    from optstudio.labs import (find_lab, has_trajectory, lab_name, load_lab, run_trajectory_lab,
                                with_epochs, with_steps)
    from optstudio.labs.views import lab_view, with_view_steps

    if args.list:
        if args.lab:
            raise CLIError(translate("cli_lab", "give either a lab or --list, not both"))
        return _list(args.json)
    if not args.lab:
        return _list(args.json)
    check_epochs(args.epochs)
    if args.steps is not None and args.steps < 1:
        raise CLIError(translate("cli_trajectory", "--steps must be at least 1, got {value}").format(value=args.steps))
    check_output_file(args.table, "table file")

    path = find_lab(args.lab)
    exp = load_lab(path)
    trajectory = has_trajectory(exp)
    view = lab_view(exp, where=f"'{path.name}'")          # a "view" section: lab_views.py
    stepped = trajectory or (view is not None and not view.trains_networks)
    training = (bool(exp.runs) or not trajectory) and (view is None or view.trains_networks)
    # Both overrides are accepted for every lab, so one command line shortens any lab; the one
    # that does not apply is only noted.
    if args.steps is not None:
        if stepped:
            exp = with_view_steps(with_steps(exp, args.steps), args.steps)
            view = lab_view(exp)
        elif not args.json:
            print(translate("cli_lab", "optstudio: note: --steps applies to trajectory labs only; {lab} trains networks (see --epochs)")
                  .format(lab=lab_name(path)), file=sys.stderr)
    if args.epochs is not None:
        if training:
            exp = with_epochs(exp, args.epochs)
        elif not args.json:
            print(translate("cli_lab", "optstudio: note: --epochs applies to training labs only; {lab} follows optimizer paths (see --steps)")
                  .format(lab=lab_name(path)), file=sys.stderr)

    out = sys.stdout
    if not args.json:
        texts = getattr(exp, "translations", None)
        heading = localized(texts, "title", exp.title) or lab_name(path)
        title = translate("cli_lab", "Lab {name}: {title}").format(name=lab_name(path), title=heading)
        print(title, file=out)
        print("=" * min(100, display_width(title)), file=out)
        instructions = localized(texts, "instructions", exp.instructions)
        if instructions:
            print(_wrap(instructions), file=out)
        print(file=out)

    if "sweep" in exp.extras:        # a sweep lab: its grid runs as `optstudio sweep` would run it
        return _run_sweep_lab(args, path, exp, manager)

    run_objects: list[dict] = []
    if training:
        runs = _training_runs(exp, manager)
        if not args.json:
            if len(runs) > 1:
                text = translate("cli_lab", "Training {count} runs for {epochs} epochs each…")
            else:
                text = translate("cli_lab", "Training 1 run for {epochs} epochs…")
            print(text.format(count=len(runs), epochs=exp.training.epochs), file=out, flush=True)
        tracked: list = []
        trainers, interrupted = train_runs(runs, manager, view_observers(view, tracked),
                                           progress=wanted(args.json))  # a failing plugin: cli.main
        if interrupted:
            raise KeyboardInterrupt
        run_objects = [run_object(t, variant, label) for (label, variant), t in zip(runs, trainers)]
        for obj, trainer in zip(run_objects, trainers) if tracked else ():
            obj["history"] = json_ready(tracked[0].history(trainer))
    view_obj = None
    if view is not None:
        view_obj = view_results(view, exp, _training_runs(exp, manager) if view.name == "lr_range" else [], manager)

    traj_objects: list[dict] = []
    if trajectory:
        traj_objects = trajectory_objects(run_trajectory_lab(exp, manager, where=f"'{path.name}'"), manager)

    if args.table:
        if view_obj is not None and not run_objects and write_view_csv(view_obj, args.table):
            pass
        elif run_objects:
            write_table_csv(run_objects, args.table)
        if traj_objects:
            _write_trajectory_csv(traj_objects, _second_table_path(args.table) if run_objects else args.table)

    if args.json:
        print(json.dumps({
            "lab": lab_name(path),
            "path": str(path),
            "title": exp.title,
            "instructions": exp.instructions,
            "epochs": exp.training.epochs if training else None,
            "runs": run_objects,
            "trajectories": traj_objects,
            "view": view_obj,
        }, indent=2, ensure_ascii=False))
    else:
        if run_objects:
            print(format_table([{**o, "label": exp.shown_run_label(o["label"])} for o in run_objects]), file=out)
        if traj_objects:
            if run_objects:
                print(file=out)
            print(format_trajectory_table(traj_objects), file=out)
        if view_obj is not None:
            if run_objects or traj_objects:
                print(file=out)
            print(format_view(view_obj, run_objects), file=out)
    failed = any(o["status"] == "failed" for o in run_objects + traj_objects + ((view_obj or {}).get("results") or []))
    return 1 if failed else 0
