"""``optstudio landscape``: train one network, then print the cost along the line from the initial
to the final weights and on a plane of weights around the final ones (see
:mod:`optstudio.core.landscape`).

Examples::

    optstudio landscape --preset notebook --optimizer adam --epochs 2000
    optstudio landscape --dataset circles --layers 8,4 --directions pca --resolution 31 --json

The data, network and training flags are ``optstudio run``'s.
"""

from __future__ import annotations

import json
import math

import numpy as np

from optstudio.cli.errors import CLIError
from optstudio.cli.flags import add_experiment_flags, check_output_file, experiment_from_args
from optstudio.cli.results import json_ready, run_object
from optstudio.cli.run import status_word, write_history
from optstudio.cli.tables import format_rows
from optstudio.cli.progress import wanted
from optstudio.cli.training import train_one
from optstudio.core.hessian import Objective
from optstudio.core.landscape import DIRECTIONS, WeightPath, line_profile, plane
from optstudio.core.i18n import translate

__all__ = ["register", "cmd_landscape", "landscape_object"]


def register(subparsers) -> None:
    """Add the ``landscape`` subcommand to the main CLI's subparsers."""
    p = subparsers.add_parser(
        "landscape", help="train, then print the cost along the line from the initial to the final "
                          "weights and on a plane around the final weights",
        description="Train one network (the flags of `optstudio run`), then print the training cost J "
                    "along the straight line from the initial to the final weights, and on a grid over "
                    "a plane through the final weights with the weight path projected onto it.")
    g = p.add_argument_group("landscape")
    g.add_argument("--directions", choices=DIRECTIONS, default="random",
                   help="the plane: two filter-normalised random directions (Li et al. 2018) or the first "
                        "two principal directions of the weight path (default random)")
    g.add_argument("--resolution", type=int, default=21, metavar="N", help="N × N grid on the plane (default 21)")
    g.add_argument("--span", type=float, default=1.0, metavar="S",
                   help="random directions: a and b from −S to S (default 1)")
    g.add_argument("--line-points", type=int, default=25, metavar="N", help="points on the line (default 25)")
    g.add_argument("--line-range", default="0,1", metavar="T0,T1",
                   help="the line's range of t, θ(t) = (1 − t)·θ_initial + t·θ_final (default 0,1)")
    g.add_argument("--direction-seed", type=int, default=0, metavar="N", help="seed of the random directions")
    add_experiment_flags(p)
    p.set_defaults(handler=cmd_landscape)


def _line_range(text: str) -> tuple[float, float]:
    parts = [part.strip() for part in text.split(",")]
    try:
        if len(parts) != 2:
            raise ValueError
        start, stop = float(parts[0]), float(parts[1])
    except ValueError:
        raise CLIError(translate("cli_landscape", "--line-range must be two numbers T0,T1, got {value}").format(value=repr(text))) from None
    if not (math.isfinite(start) and math.isfinite(stop) and stop > start):
        raise CLIError(translate("cli_landscape", "--line-range must go from a smaller t to a larger one, got {value}").format(value=repr(text)))
    return start, stop


def _check(args) -> tuple[float, float]:
    if not 2 <= args.resolution <= 201:
        raise CLIError(translate("cli_landscape", "--resolution must be between 2 and 201, got {value}").format(value=args.resolution))
    if not 2 <= args.line_points <= 10001:
        raise CLIError(translate("cli_landscape", "--line-points must be between 2 and 10001, got {value}").format(value=args.line_points))
    if not (math.isfinite(args.span) and args.span > 0):
        raise CLIError(translate("cli_landscape", "--span must be a number > 0, got {value}").format(value=f"{args.span:g}"))
    if args.direction_seed < 0:
        raise CLIError(translate("cli_landscape", "--direction-seed must be at least 0, got {value}").format(value=args.direction_seed))
    if args.print_every is not None and args.print_every < 1:
        raise CLIError(translate("cli_run", "--print-every must be at least 1, got {value}").format(value=args.print_every))
    return _line_range(args.line_range)


def landscape_object(run, path: WeightPath, *, directions: str = "random", resolution: int = 21, span: float = 1.0,
                     line_points: int = 25, line_range=(0.0, 1.0), seed: int = 0) -> dict:
    """{"line": …, "plane": …} for a trained ``run`` and its recorded weight ``path``."""
    data = run.engine.data
    objective = Objective(run.network, data.X, Y=data.Y)
    epochs, thetas = path.points()
    if not np.all(np.isfinite(thetas[-1])):
        raise CLIError(translate("cli_landscape", "the final weights are not finite numbers (the run diverged): no landscape to draw"))
    line = line_profile(objective, path.initial, thetas[-1], line_points, *line_range)
    try:
        grid = plane(objective, thetas, epochs, kind=directions, resolution=resolution, span=span,
                     rng=np.random.default_rng(seed))
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    return {"line": line.to_dict(), "plane": grid.to_dict()}


def cmd_landscape(args, manager) -> int:
    line_range = _check(args)
    exp = experiment_from_args(args, manager)
    check_output_file(args.history, "history file")
    paths: list[WeightPath] = []

    def observers(runs):
        paths.append(WeightPath(runs[0]))
        return paths

    print_every = None if args.json else args.print_every
    run, interrupted = train_one(exp, manager, print_every=print_every, out=None, observers=observers,
                                 progress=wanted(args.json))
    if interrupted:
        raise KeyboardInterrupt
    if args.history:
        write_history(run, args.history)
    summary = run_object(run, exp)
    if run.status == "failed":
        raise CLIError(translate("cli_landscape", "training failed: {message}").format(message=run.message))
    land = landscape_object(run, paths[0], directions=args.directions, resolution=args.resolution, span=args.span,
                            line_points=args.line_points, line_range=line_range, seed=args.direction_seed)
    if args.json:
        print(json.dumps(json_ready({**land, "run": summary}), indent=2))
        return 0
    print(translate("cli_landscape", "{optimizer}: {status} after {epochs} epochs ({steps} updates), final cost {cost}")
          .format(optimizer=exp.optimizer.name, status=status_word(summary["status"]), epochs=summary["epochs"],
                  steps=summary["steps"], cost=_g(summary["final_cost"])))
    print()
    print(format_landscape(land))
    return 0


def _g(value: float) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.4g}"


def format_landscape(land: dict) -> str:
    """The line as a table of (t, J) and the plane as a grid of J values (rows b, columns a)."""
    line, grid = land["line"], land["plane"]
    out = [translate("cli_landscape", "Cost along the line θ(t) = (1 − t)·θ_initial + t·θ_final (J(θ_initial) = {initial}, J(θ_final) = {final}):")
           .format(initial=_g(line["initial_cost"]), final=_g(line["final_cost"]))]
    out += format_rows(["t", translate("cli_landscape", "cost J")],
                       [[f"{t:.4g}", _g(c)] for t, c in zip(line["t"], line["cost"])])
    if grid["directions"] == "random":
        kind = translate("cli_landscape", "filter-normalised random directions")
    else:
        kind = translate("cli_landscape", "first two principal directions of the weight path")
    out.append("")
    out.append(translate("cli_landscape", "Cost on the plane θ_final + a·δ + b·η ({directions}; J at the centre {cost}):")
               .format(directions=kind, cost=_g(grid["center_cost"])))
    if grid["explained_variance"]:
        out.append(translate("cli_landscape", "explained variance of the path: {shares}").format(
            shares=", ".join(f"{v:.1%}" for v in grid["explained_variance"])))
    header = ["b \\ a"] + [f"{a:.3g}" for a in grid["a"]]
    rows = [[f"{b:.3g}"] + [_g(c) for c in row] for b, row in zip(grid["b"], grid["cost"])]
    out += format_rows(header, rows)
    path = grid["trajectory"]
    out.append("")
    out.append(translate("cli_landscape", "Weight path projected on the plane ({count} points, first = initial weights):")
               .format(count=len(path)))
    step = max(1, len(path) // 10)
    shown = [(e, p) for i, (e, p) in enumerate(zip(grid["trajectory_epochs"], path))
             if i % step == 0 or i == len(path) - 1]
    initial = translate("cli_landscape", "initial")
    out += format_rows(["epoch", "a", "b"], [[initial if e < 0 else str(e), f"{p[0]:.4g}", f"{p[1]:.4g}"]
                                            for e, p in shown])
    return "\n".join(out)
