"""``optstudio trajectory``: an optimizer's path on a 2-D test function.

Registered by :mod:`optstudio.cli` through :func:`register`. Examples::

    optstudio trajectory --function ellipse --optimizer gd --lr 0.9 --steps 30
    optstudio trajectory --function rosenbrock --optimizer adam --lr 0.05 --steps 500 --json
"""

from __future__ import annotations

import json
import math
import re

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import check_flag, parse_assignments
from optstudio.cli.run import status_word
from optstudio.core.i18n import display_width, rjust_display, translate

__all__ = ["register", "cmd_trajectory"]


_NEGATIVE_ARG = re.compile(r"^-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(,\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)?$")


def register(subparsers) -> None:
    """Add the ``trajectory`` subcommand to the main CLI's subparsers."""
    from optstudio.core.functions2d import FUNCTIONS

    p = subparsers.add_parser(
        "trajectory",
        help="follow one optimizer on a 2-D test function (ellipse, rosenbrock, …)",
        description="Run an optimizer on f(x, y) and print the points it visits.")
    p.add_argument("--function", default="ellipse",
                   help=f"test function: {', '.join(FUNCTIONS)} (default ellipse)")
    p.add_argument("--optimizer", default="gd", help="optimizer name (see `optstudio plugins`; default gd)")
    p.add_argument("--lr", type=float, help="learning rate α (default: the optimizer's default)")
    p.add_argument("--set", action="append", metavar="NAME=VALUE", help="optimizer hyperparameter (repeatable)")
    p.add_argument("--schedule", help="learning-rate schedule name (each step counts as one epoch)")
    p.add_argument("--schedule-set", action="append", metavar="NAME=VALUE", help="schedule parameter")
    p.add_argument("--steps", type=int, default=100, help="number of updates (default 100)")
    p.add_argument("--start", metavar="X,Y", help="start point, e.g. -9,2 (default: the function's own)")
    p.add_argument("--noise", type=float, default=0.0,
                   help="standard deviation of Gaussian noise added to each gradient (mimics mini-batches)")
    p.add_argument("--seed", type=int, default=0, help="seed for the gradient noise")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p.set_defaults(handler=cmd_trajectory)
    # Let "--start -9,2" through as a value (argparse would take "-9,2" for an option otherwise).
    if isinstance(getattr(p, "_negative_number_matcher", None), re.Pattern):
        p._negative_number_matcher = _NEGATIVE_ARG


def cmd_trajectory(args, manager) -> int:
    from optstudio.core.functions2d import get_function
    from optstudio.core.settings import SEED
    from optstudio.core.trajectory import parse_start, run_trajectory

    check_flag(SEED, args.seed, "--seed")
    fn = get_function(args.function)
    info = manager.optimizer_info(args.optimizer)
    lr = info.default_learning_rate if args.lr is None else args.lr
    if not (lr > 0 and math.isfinite(lr)):
        raise CLIError(translate("cli_trajectory", "--lr must be a number > 0, got {value}").format(value=f"{lr:g}"))
    if args.steps < 1:
        raise CLIError(translate("cli_trajectory", "--steps must be at least 1, got {value}").format(value=args.steps))
    if not (args.noise >= 0 and math.isfinite(args.noise)):
        raise CLIError(translate("cli_trajectory", "--noise must be a number ≥ 0, got {value}").format(value=f"{args.noise:g}"))
    try:
        start = parse_start(args.start, fn)
    except ValueError as exc:
        raise CLIError(f"--start: {exc}") from None
    opt_params = parse_assignments(args.set, "--set")
    sched_params = parse_assignments(args.schedule_set, "--schedule-set")
    if sched_params and not args.schedule:
        raise CLIError(translate("cli_trajectory", "--schedule-set needs --schedule NAME"))
    # a plugin whose factory raises: OptimizerFailure, reported by optstudio.cli.main (status 1)
    optimizer = manager.create_optimizer(args.optimizer, opt_params)
    schedule, per = None, "epoch"
    if args.schedule:
        per = manager.schedule_info(args.schedule).per
        schedule = manager.create_schedule(args.schedule, sched_params)

    result = run_trajectory(fn, optimizer, lr, args.steps, start, schedule=schedule,
                            schedule_per=per, noise=args.noise, seed=args.seed)
    if args.json:
        data = result.to_dict()
        print(json.dumps({
            "function": fn.name,
            "optimizer": args.optimizer,
            "learning_rate": lr,
            "steps": args.steps,
            "start": [float(start[0]), float(start[1])],
            "path": data["path"],
            "values": data["values"],
            "status": result.status,
            "message": result.message,
        }, indent=2))
    else:
        print(format_table(fn, args.optimizer, lr, args.steps, result, schedule=args.schedule,
                           noise=args.noise))
    return 1 if result.status == "failed" else 0


def format_table(fn, optimizer_name: str, lr: float, steps: int, result, *, schedule: str | None = None,
                 noise: float = 0.0) -> str:
    """A header, rows (step, x, y, f) about every steps/10 steps, and the final point."""
    extra = translate("cli_trajectory", ", schedule {schedule}").format(schedule=schedule) if schedule else ""
    if noise > 0:
        extra += translate("cli_trajectory", ", gradient noise {noise}").format(noise=f"{noise:g}")
    lines = [f"{translate('TrajectoryView', fn.label)}: {fn.formula}",   # the window's translation of the name
             translate("cli_trajectory", "{optimizer}, α = {rate}{extra}, {steps} steps from ({x}, {y})").format(
                 optimizer=optimizer_name, rate=f"{lr:g}", extra=extra, steps=steps,
                 x=f"{result.path[0][0]:g}", y=f"{result.path[0][1]:g}")]
    step = translate("cli_trajectory", "step")
    header = f"{rjust_display(step, 6)}  {'x':>14}  {'y':>14}  {'f':>14}"
    lines += [header, "-" * display_width(header)]
    every = max(1, steps // 10)
    done = result.steps_done
    shown = [k for k in range(0, done + 1) if k % every == 0]
    if shown[-1] != done:
        shown.append(done)
    for k in shown:
        x, y = result.path[k]
        lines.append(f"{k:>6}  {x:>14.6g}  {y:>14.6g}  {result.values[k]:>14.6g}")
    x, y = result.final_point
    lines.append(translate("cli_trajectory", "{status}: final point ({x}, {y}), f = {value} after {steps} steps").format(
        status=status_word(result.status), x=f"{x:.6g}", y=f"{y:.6g}", value=f"{result.final_value:.6g}", steps=done))
    if result.status != "finished":
        lines.append(result.message)
    if fn.minima:
        pts = ", ".join(f"({mx:g}, {my:g})" for mx, my in fn.minima)
        lines.append(translate("cli_trajectory", "minimum: {points}, f = {value}").format(points=pts, value=f"{fn.minimum_value:g}"))
    return "\n".join(lines)
