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
:func:`main` is the one error boundary: bad input prints one line on stderr and exits with status
2; a plugin that fails (:class:`~optstudio.core.optim.OptimizerFailure`), output that cannot be
written (a full disk, a closed pipe) and memory that runs out print one line and exit with status
1 (a closed pipe: 0, like ``head`` expects). Never a traceback. The subcommand modules are
imported explicitly: one that fails to import fails ``import optstudio.cli`` loudly instead of
silently losing its command.
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

from optstudio.cli import compare, install_desktop, lab, landscape, lr_range, plugins, run, sweep, trajectory
from optstudio.cli.errors import CLIError, OneLineParser, argparse_messages, one_line
from optstudio.cli.flags import experiment_from_args
from optstudio.cli.results import run_object
from optstudio.cli.tables import format_table, write_csv_rows, write_table_csv
from optstudio.cli.training import comparison_runs
from optstudio.core.datasets import DataError
from optstudio.core.experiment import ExperimentError
from optstudio.core.i18n import language, set_language, system_language, translate
from optstudio.core.optim import OptimizerFailure

__all__ = ["main", "CLIError", "build_parser", "SUBCOMMANDS", "experiment_from_args", "run_object",
           "comparison_runs", "format_table", "write_table_csv", "write_csv_rows"]

#: The subcommand modules, in the order ``optstudio --help`` lists them.
SUBCOMMANDS = (run, compare, sweep, plugins, trajectory, landscape, lr_range, lab, install_desktop)


def build_parser() -> OneLineParser:
    p = OneLineParser(prog="optstudio", description="OptStudio: see how neural networks are optimized.")
    from optstudio import __version__
    p.add_argument("--version", action="version", version=f"optstudio {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for module in SUBCOMMANDS:
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the one place where its errors become a line on stderr and an exit status.

    Messages are in the language of ``LANG`` (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``): Chinese for
    ``zh_CN.UTF-8``, English otherwise (the language is restored when the command ends)."""
    previous = language()
    wanted = system_language()
    set_language(wanted if wanted == "en" or _can_write("中文：（）") else "en")
    try:
        return _main(argv)
    finally:
        set_language(previous)


def _can_write(text: str) -> bool:
    """Whether stdout and stderr can encode ``text`` (a terminal or file in an encoding without
    Chinese characters, e.g. ``PYTHONIOENCODING=ascii``, keeps the messages English)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return False
    return True


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        with argparse_messages():
            args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            code = 0
        else:
            from optstudio.core.blas import limit_blas_threads
            from optstudio.plugins.manager import get_plugin_manager
            limit_blas_threads()
            manager = get_plugin_manager()
            code = args.handler(args, manager)
        sys.stdout.flush()                 # a full disk shows here, not at exit
        return code
    except (CLIError, ExperimentError, DataError, ValueError) as exc:
        return _fail(one_line(exc), 2)
    except OptimizerFailure as exc:        # a plugin's factory, optimizer or schedule raised
        return _fail(one_line(exc), 1)
    except KeyboardInterrupt:
        return _fail(translate("cli", "interrupted"), 130, prefix="optstudio: ")
    except BrokenPipeError:                # `optstudio … | head`: the reader has all it wants
        _silence_stdout()
        return 0
    except OSError as exc:
        if exc.filename is None:           # writing the output (stdout) failed, e.g. a full disk
            _silence_stdout()
            return _fail(translate("cli", "cannot write the output: {reason}").format(
                reason=exc.strerror or one_line(exc)), 1)
        return _fail(f"{exc.strerror or one_line(exc)}: {exc.filename}", 1)
    except MemoryError:
        _silence_stdout()
        return _fail(translate("cli", "out of memory; try a smaller data set or network"), 1)


def _fail(message: str, code: int, prefix: str | None = None) -> int:
    """Print ``message`` as one line on stderr (when stderr can be written) and return ``code``.
    The prefix is ``optstudio: error: `` (``optstudio: 错误：`` in Chinese)."""
    if prefix is None:
        prefix = translate("cli", "optstudio: error: ")
    try:
        print(f"{prefix}{message}", file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass
    return code


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the text still buffered is not written again when
    Python exits ("Exception ignored … BrokenPipeError" and exit status 120 otherwise)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass                               # no real file descriptor (a test's StringIO): nothing to do
