"""``optstudio run``: train one network and print its costs and accuracy (or one JSON result).

Examples::

    optstudio run --preset notebook --optimizer adam
    optstudio run --dataset circles --layers 8,4 --optimizer rmsprop --set beta=0.8 --epochs 300 --json
    optstudio run --config experiment.toml --history history.csv
    optstudio run --layers 16,16 --activation tanh --loss mse --batch-size 300 --optimizer gd --lr 0.4 \
        --track sharpness --track-every 10 --json
    optstudio run --preset notebook --optimizer adam --save-weights weights.npz
"""

from __future__ import annotations

import json
import sys

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import add_experiment_flags, check_output_file, experiment_from_args
from optstudio.cli.results import json_ready, run_object
from optstudio.cli.tables import fmt_acc, fmt_cost, word
from optstudio.cli.tracking import (add_tracking_flags, format_tracked, save_weights, tracker_factory,
                                    tracks_from_args)
from optstudio.cli.progress import wanted
from optstudio.cli.training import train_one
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["register", "cmd_run"]


def register(subparsers) -> None:
    """Add the ``run`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser("run", help="train one network and print its costs and accuracy")
    add_experiment_flags(p)
    add_tracking_flags(p)
    p.set_defaults(handler=cmd_run)


def cmd_run(args, manager) -> int:
    exp = experiment_from_args(args, manager)
    print_every = args.print_every
    if print_every is not None and print_every < 1:
        raise CLIError(translate("cli_run", "--print-every must be at least 1, got {value}").format(value=print_every))
    check_output_file(args.history, "history file")
    tracks = tracks_from_args(args)
    check_output_file(args.save_weights, "weights file")
    if print_every is None and not args.json:
        print_every = 1000 if exp.training.epochs >= 1000 else max(1, exp.training.epochs // 10 or 1)
    trackers: list = []
    trainer, interrupted = train_one(
        exp, manager, print_every=None if args.json else print_every, out=sys.stdout,
        observers=tracker_factory(tracks, args.track_every, trackers) if tracks else None,
        progress=wanted(args.json))
    if args.history:
        write_history(trainer, args.history)
    if args.save_weights:
        save_weights(trainer, args.save_weights)
    obj = run_object(trainer, exp)
    if trackers:
        obj["history"] = json_ready(trackers[0].history(trainer))
    if args.json:
        print(json.dumps(obj, indent=2))
    else:
        print(translate("cli_run", "{optimizer}: {status} after {epochs} epochs ({steps} updates) in {seconds} s")
              .format(optimizer=exp.optimizer.name, status=status_word(obj["status"]), epochs=obj["epochs"],
                      steps=obj["steps"], seconds=f"{obj['seconds']:.2f}"))
        if obj["status"] in ("diverged", "failed"):
            print(obj["message"])
        print(translate("cli_run", "Train accuracy: {value}").format(value=word(fmt_acc(obj["train_accuracy"]))))
        print(translate("cli_run", "Test accuracy: {value}").format(value=word(fmt_acc(obj["test_accuracy"]))))
        if obj["final_cost"] is not None:
            print(translate("cli_run", "Final cost: {value}").format(value=fmt_cost(obj["final_cost"])))
        if trackers:
            print()
            print(format_tracked(obj["history"], every=max(1, print_every // (args.track_every or 1))))
    if interrupted:                      # Ctrl-C: what was done is printed and written, then 130
        if args.history:
            print(translate("cli_run", "optstudio: interrupted after epoch {epoch}; the results so far are above and in {file}").format(epoch=trainer.epoch, file=args.history), file=sys.stderr)
        else:
            print(translate("cli_run", "optstudio: interrupted after epoch {epoch}; the results so far are above")
                  .format(epoch=trainer.epoch), file=sys.stderr)
        return 130
    return 1 if obj["status"] == "failed" else 0


def write_history(trainer, path: str) -> None:
    """The trainer's per-epoch history as CSV; a file that cannot be written is a CLIError."""
    try:
        trainer.history.write_csv(path)
    except OSError as exc:
        raise CLIError(translate("cli_run", "cannot write history file {path}: {reason}").format(
            path=repr(path), reason=exc.strerror or exc)) from None


#: a run's status as the text output says it (the JSON keeps the English word)
_STATUS = {"finished": QT_TRANSLATE_NOOP("cli_run", "finished"), "diverged": QT_TRANSLATE_NOOP("cli_run", "diverged"),
           "failed": QT_TRANSLATE_NOOP("cli_run", "failed"), "stopped": QT_TRANSLATE_NOOP("cli_run", "stopped"),
           "running": QT_TRANSLATE_NOOP("cli_run", "running"), "paused": QT_TRANSLATE_NOOP("cli_run", "paused"),
           "idle": QT_TRANSLATE_NOOP("cli_run", "idle")}


def status_word(status: str) -> str:
    """A run's status ("finished", "diverged", …) in the current language."""
    return translate("cli_run", status) if status in _STATUS else status
