"""How the command line reports bad input: one line on stderr, exit status 2, never a traceback.

The messages follow ``LANG`` (:mod:`optstudio.core.i18n`); argparse's own error messages too
(:func:`argparse_messages`: the few that name bad input), while ``--help`` stays English."""

from __future__ import annotations

import argparse
from contextlib import contextmanager

from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.core.optim import one_line as core_one_line

__all__ = ["CLIError", "OneLineParser", "one_line", "argparse_messages"]

#: argparse's messages about bad input (its own ``%`` placeholders are kept in the translation)
_ARGPARSE = {
    text: text for text in (
        QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
        QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
        QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
        QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
        QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
        QT_TRANSLATE_NOOP("argparse", "expected one argument"),
        QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
        QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
        QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
        QT_TRANSLATE_NOOP("argparse", "not allowed with argument %s"),
        QT_TRANSLATE_NOOP("argparse", "one of the arguments %s is required"),
        QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
        QT_TRANSLATE_NOOP("argparse", "unknown parser %(parser_name)r (choices: %(choices)s)"),
        QT_TRANSLATE_NOOP("argparse", "can't open '%(filename)s': %(error)s"),
    )
}


class CLIError(Exception):
    """Bad input: printed as one line, exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are a :class:`CLIError` (one line, not the usage text)."""

    def error(self, message: str):
        raise CLIError(message)


def _argparse_gettext(text: str) -> str:
    return translate("argparse", text) if text in _ARGPARSE else text


@contextmanager
def argparse_messages():
    """While parsing, argparse's error messages in the current language (its help stays English)."""
    previous = getattr(argparse, "_", None)
    if previous is None:
        yield
        return
    argparse._ = _argparse_gettext
    try:
        yield
    finally:
        argparse._ = previous


def one_line(exc: BaseException) -> str:
    """The first line of an error written for the user (:class:`CLIError`, the core's
    ``ExperimentError``/``DataError``, a KeyError naming what is unknown), without its type: the
    core's one helper (:func:`optstudio.core.optim.one_line`)."""
    return core_one_line(exc, with_type=False)
