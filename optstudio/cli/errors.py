"""How the command line reports bad input: one line on stderr, exit status 2, never a traceback."""

from __future__ import annotations

import argparse

from optstudio.core.optim import one_line as core_one_line

__all__ = ["CLIError", "OneLineParser", "one_line"]


class CLIError(Exception):
    """Bad input: printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are a :class:`CLIError` (one line, not the usage text)."""

    def error(self, message: str):
        raise CLIError(message)


def one_line(exc: BaseException) -> str:
    """The first line of an error written for the user (:class:`CLIError`, the core's
    ``ExperimentError``/``DataError``, a KeyError naming what is unknown), without its type: the
    core's one helper (:func:`optstudio.core.optim.one_line`)."""
    return core_one_line(exc, with_type=False)
