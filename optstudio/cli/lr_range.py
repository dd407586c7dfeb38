"""``optstudio lr-range``: the learning-rate range test (see :mod:`optstudio.core.lr_range`).

Examples::

    optstudio lr-range --preset notebook --optimizer adam
    optstudio lr-range --dataset circles --optimizer momentum --start 1e-5 --stop 1 --steps 200 --json

The data, network, optimizer and mini-batch flags are ``optstudio run``'s (``--lr``, ``--epochs``
and ``--schedule`` are replaced by the test's own rates).
"""

from __future__ import annotations

import json
import math
import sys

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import add_experiment_flags, experiment_from_args
from optstudio.cli.results import json_ready
from optstudio.cli.tables import format_rows
from optstudio.cli.training import range_test_one
from optstudio.core.lr_range import DEFAULT_START, DEFAULT_STEPS, DEFAULT_STOP, RULE, rate_sequence
from optstudio.core.i18n import translate

__all__ = ["register", "cmd_lr_range", "format_range_test", "range_test_object"]


def register(subparsers) -> None:
    """Add the ``lr-range`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser(
        "lr-range", help="the learning-rate range test: the cost while α grows exponentially",
        description="Train from the initial weights while the learning rate grows exponentially from "
                    "--start to --stop over --steps updates; print the training cost after each update "
                    f"and a suggested learning rate ({RULE}).")
    g = p.add_argument_group("range test")
    g.add_argument("--start", type=float, default=DEFAULT_START, metavar="α", help=f"first rate (default {DEFAULT_START:g})")
    g.add_argument("--stop", type=float, default=DEFAULT_STOP, metavar="α", help=f"last rate (default {DEFAULT_STOP:g})")
    g.add_argument("--steps", type=int, default=DEFAULT_STEPS, metavar="N",
                   help=f"updates, one rate each (default {DEFAULT_STEPS})")
    g.add_argument("--divergence", type=float, default=4.0, metavar="F",
                   help="stop when the cost exceeds F times its lowest value (default 4)")
    add_experiment_flags(p)
    p.set_defaults(handler=cmd_lr_range)


def range_test_object(exp, manager, start: float, stop: float, steps: int, divergence: float = 4.0) -> dict:
    """The range test of ``exp``'s optimizer, data and network as a JSON-ready dict."""
    try:
        rate_sequence(start, stop, steps)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    if not (math.isfinite(divergence) and divergence > 1):
        raise CLIError(translate("cli_lr_range", "--divergence must be a number > 1, got {value}").format(value=f"{divergence:g}"))
    result = range_test_one(exp, manager, start, stop, steps, divergence)
    return json_ready({**result.to_dict(), "optimizer": exp.optimizer.name,
                       "optimizer_params": dict(exp.optimizer.params),
                       "mini_batch_size": exp.training.mini_batch_size})


def format_range_test(obj: dict, rows: int = 25) -> str:
    """About ``rows`` evenly spaced points of the test, then the suggestion."""
    points = obj["points"]
    lines = [translate("cli_lr_range", "{optimizer}: learning-rate range test, {done} of {steps} updates (J before: {cost})")
             .format(optimizer=obj["optimizer"], done=obj["steps_done"], steps=obj["steps"], cost=f"{obj['initial_cost']:.4g}")]
    if points:
        step = max(1, len(points) // rows)
        shown = [p for i, p in enumerate(points) if i % step == 0 or i == len(points) - 1]
        lines += format_rows(["α", translate("cli_lr_range", "cost J after the update")],
                             [[f"{a:.3g}", f"{c:.6g}"] for a, c in shown])
    lines.append(obj["message"])
    if obj["suggested"] is not None:
        lines.append(translate("cli_lr_range", "Lowest cost at α = {lowest}; steepest descent at α = {steepest}.")
                     .format(lowest=f"{obj['min_cost_rate']:.3g}", steepest=f"{obj['steepest_rate']:.3g}"))
        lines.append(translate("cli_lr_range", "Suggested learning rate: {rate} ({rule})")
                     .format(rate=f"{obj['suggested']:.3g}", rule=translate("lr_range", RULE)))
    return "\n".join(lines)


def cmd_lr_range(args, manager) -> int:
    exp = experiment_from_args(args, manager)
    for flag in ("history", "print_every"):
        if getattr(args, flag) is not None and not args.json:
            print(translate("cli_lr_range", "optstudio: note: {flag} does not apply to the range test")
                  .format(flag="--" + flag.replace("_", "-")), file=sys.stderr)
    obj = range_test_object(exp, manager, args.start, args.stop, args.steps, args.divergence)
    if args.json:
        print(json.dumps(obj, indent=2))
    else:
        print(format_range_test(obj))
    return 1 if obj["status"] == "failed" else 0
