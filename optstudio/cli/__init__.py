"""The command line: ``optstudio run | compare | plugins | trajectory | landscape | lr-range | lab |
install-desktop``.

One module per subcommand, each with ``register(subparsers)`` (adds the subcommand and sets its
``handler(args, manager)``):

=====================  ==================================================================
``run.py``             ``optstudio run``: train one network
``compare.py``         ``optstudio compare``: several optimizers from the same weights
``sweep.py``           ``optstudio sweep``: a grid of optimizers × learning rates × seeds
``plugins.py``         ``optstudio plugins``: optimizers, schedules, plugin errors
``trajectory.py``      ``optstudio trajectory``: an optimizer's path on a 2-D function
``landscape.py``       ``optstudio landscape``: the cost on a line and a plane of weights
``lr_range.py``        ``optstudio lr-range``: the learning-rate range test
``lab.py``             ``optstudio lab``: print a lab's instructions and run it
``install_desktop.py`` ``optstudio install-desktop``: the Linux menu entry (see ``optstudio.desktop``)
=====================  ==================================================================

and the modules they share: ``errors.py`` (:class:`CLIError`, one-line errors), ``flags.py``
(the experiment flags of ``run``/``compare`` → an :class:`~optstudio.core.experiment.Experiment`),
``training.py`` (the only place the CLI trains networks), ``results.py`` (a run's JSON object),
``tables.py`` (the comparison table, text and CSV) and ``tracking.py`` (``run --track`` and
``--save-weights``).

Every command builds an :class:`~optstudio.core.experiment.Experiment` and hands it to the core.
Bad input prints one line on stderr and exits with status 2, never a traceback. The subcommand
modules are imported explicitly: one that fails to import fails ``import optstudio.cli`` loudly
instead of silently losing its command.
"""

from __future__ import annotations

import sys
from typing import Sequence

from optstudio.cli import compare, install_desktop, lab, landscape, lr_range, plugins, run, sweep, trajectory
from optstudio.cli.errors import CLIError, OneLineParser, one_line
from optstudio.cli.flags import experiment_from_args
from optstudio.cli.results import run_object
from optstudio.cli.tables import format_table, write_csv_rows, write_table_csv
from optstudio.cli.training import comparison_runs
from optstudio.core.datasets import DataError
from optstudio.core.experiment import ExperimentError

__all__ = ["main", "CLIError", "build_parser", "SUBCOMMANDS", "experiment_from_args", "run_object",
           "comparison_runs", "format_table", "write_table_csv", "write_csv_rows"]

#: The subcommand modules, in the order ``optstudio --help`` lists them.
SUBCOMMANDS = (run, compare, sweep, plugins, trajectory, landscape, lr_range, lab, install_desktop)


def build_parser() -> OneLineParser:
    p = OneLineParser(prog="optstudio", description="OptStudio: see how neural networks are optimized.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for module in SUBCOMMANDS:
        module.register(sub)
    return p


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
        return args.handler(args, manager)
    except (CLIError, ExperimentError, DataError, ValueError) as exc:
        print(f"optstudio: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("optstudio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
