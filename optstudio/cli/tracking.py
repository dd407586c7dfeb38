"""What ``optstudio run --track …`` and ``--save-weights`` add, and the tables of tracked values
(also used by labs whose view is sharpness or layers).

* ``--track sharpness,layers``: a :class:`~optstudio.core.probes.Tracker` is given the engine's
  events; ``--json`` then adds ``"history"`` to the result, one record per epoch (the epoch
  record plus ``sharpness``, ``two_over_alpha``, … or ``layers``); the text output ends with a
  table of the measured values.
* ``--save-weights FILE.npz``: the final parameters (``W1``, ``b1``, …, ``gamma1``, ``nu1`` and
  the running statistics ``running_mean1``, ``running_var1`` of batch-normalised layers) as a
  plain ``.npz`` written with ``numpy.savez`` (no pickled objects: load it with
  ``numpy.load(path)``, ``allow_pickle=False`` is numpy's default).
"""

from __future__ import annotations

import math

import numpy as np

from optstudio.cli.errors import CLIError
from optstudio.cli.tables import format_rows
from optstudio.core.probes import TRACKS, Tracker, parse_tracks
from optstudio.core.i18n import translate
from optstudio.core.weights_file import weights_arrays as core_weights_arrays, write_weights

__all__ = ["add_tracking_flags", "tracks_from_args", "tracker_factory", "format_tracked", "save_weights",
           "weights_arrays"]


def add_tracking_flags(p) -> None:
    g = p.add_argument_group("measurements")
    g.add_argument("--track", metavar="WHAT", help=f"measure after every epoch: {', '.join(TRACKS)} "
                                                    f"(comma-separated; adds \"history\" to --json)")
    g.add_argument("--track-every", type=int, metavar="N", help="measure every N epochs (default 1)")
    g.add_argument("--save-weights", metavar="FILE.npz", help="write the final parameters as a plain .npz")


def tracks_from_args(args) -> tuple[str, ...]:
    """The tracked quantities of ``--track`` (empty without it); CLIError for a bad value."""
    if args.track is None:
        if args.track_every is not None:
            raise CLIError(translate("cli_tracking", "--track-every needs --track"))
        return ()
    try:
        tracks = parse_tracks(args.track)
    except ValueError as exc:
        raise CLIError(f"--track: {exc}") from None
    if args.track_every is not None and args.track_every < 1:
        raise CLIError(translate("cli_tracking", "--track-every must be at least 1, got {value}").format(value=args.track_every))
    return tracks


def tracker_factory(tracks, every: int | None, made: list):
    """An ``observers`` function for :func:`~optstudio.cli.training.train_one`: builds one
    Tracker for the runs and appends it to ``made``."""
    def observers(runs):
        tracker = Tracker(runs, tracks, every=every or 1)
        made.append(tracker)
        return [tracker]
    return observers


def _g(value, digits: int = 4) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value:.{digits}g}"


def format_tracked(rows: list[dict], every: int = 1, label: str = "") -> str:
    """The measured epochs of history ``rows`` (with tracked values) as text tables: one line per
    measured epoch (every ``every``-th of them, and the last) for sharpness, one per layer and
    epoch for layers."""
    measured = [r for r in rows if r.get("sharpness") is not None or r.get("layers")]
    if not measured:
        return ""
    shown = [r for i, r in enumerate(measured) if i % every == 0 or i == len(measured) - 1]
    lines = []
    title = f"{label}: " if label else ""
    if any(r.get("sharpness") is not None for r in shown):
        pre = any(r.get("preconditioned_sharpness") is not None for r in shown)
        header = [translate("cli_tracking", "epoch"), translate("cli_tracking", "cost"),
                  translate("cli_tracking", "sharpness λ_max"), "2/α"]
        if pre:
            header += [translate("cli_tracking", "preconditioned"), translate("cli_tracking", "threshold")]
        table = []
        for r in shown:
            cells = [str(r["epoch"]), _g(r["cost"], 6), _g(r.get("sharpness")), _g(r.get("two_over_alpha"))]
            if pre:
                cells += [_g(r.get("preconditioned_sharpness")), _g(r.get("preconditioned_threshold"))]
            table.append(cells)
        lines.append(title + translate("cli_tracking", "sharpness (largest eigenvalue of the Hessian of J) after each epoch"))
        lines += format_rows(header, table)
    layered = [r for r in shown if r.get("layers")]
    if layered:
        if lines:
            lines.append("")
        n_layers = len(layered[0]["layers"])
        epoch = translate("cli_tracking", "epoch")
        lines.append(title + translate("cli_tracking", "gradient norm ‖dW[l]‖ of J per layer l"))
        lines += format_rows([epoch] + [f"‖dW{l}‖" for l in range(1, n_layers + 1)],
                             [[str(r["epoch"])] + [_g(x["grad_norm"], 2) for x in r["layers"]] for r in layered])
        lines.append("")
        lines.append(title + translate("cli_tracking", "weight norm ‖W[l]‖ per layer l"))
        lines += format_rows([epoch] + [f"‖W{l}‖" for l in range(1, n_layers + 1)],
                             [[str(r["epoch"])] + [_g(x["weight_norm"], 3) for x in r["layers"]] for r in layered])
        lines.append("")
        lines.append(title + translate("cli_tracking", "last update relative to the weights ‖ΔW[l]‖/‖W[l]‖ (rule of thumb: about 1e-3)"))
        lines += format_rows([epoch] + [f"ΔW{l}/W{l}" for l in range(1, n_layers + 1)],
                             [[str(r["epoch"])] + [_g(x["update_ratio"], 2) for x in r["layers"]] for r in layered])
    return "\n".join(lines)


def weights_arrays(run) -> dict[str, np.ndarray]:
    """The run's final parameters by name, plus the running statistics of batch-normalised layers
    as ``running_mean1``, ``running_var1``, … (:func:`optstudio.core.weights_file.weights_arrays`)."""
    return core_weights_arrays(run.network)


def save_weights(run, path: str) -> None:
    """Write the run's weights to ``path`` (:func:`optstudio.core.weights_file.write_weights`);
    a file that cannot be written is a CLIError."""
    try:
        write_weights(run.network, path)
    except OSError as exc:
        raise CLIError(str(exc)) from None
