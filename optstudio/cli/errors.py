"""How the command line reports bad input: one line on stderr, exit status 2, never a traceback."""

from __future__ import annotations

import argparse

__all__ = ["CLIError", "OneLineParser", "one_line"]


class CLIError(Exception):
    """Bad input: printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are a :class:`CLIError` (one line, not the usage text)."""

    def error(self, message: str):
        raise CLIError(message)


def one_line(exc: BaseException) -> str:
    """The first line of an exception's message (a KeyError's message without the quotes)."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    text = text.strip()
    return text.splitlines()[0] if text else type(exc).__name__
