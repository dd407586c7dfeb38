"""Progress with ETA for long commands, on a terminal only.

The bar is tqdm's (a small, well-kept library: rates, ETA, terminal width and redrawing are its
job, not ours), drawn on stderr when stderr is a terminal and the output is not ``--json``; piped
or redirected output stays clean. Lines the command prints while a bar is shown go through
:meth:`Progress.write` so the bar does not tear them.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["Progress", "wanted"]


def wanted(json_output: bool = False) -> bool:
    """A bar only on a terminal, and never with machine-readable output."""
    try:
        return not json_output and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A progress bar over ``total`` units (mini-batch updates), or nothing when not ``enabled``."""

    def __init__(self, total: int, desc: str, *, enabled: bool, unit: str = QT_TRANSLATE_NOOP("cli_progress", "update"),
                 bar_format: str | None = None):
        self.enabled = enabled and total > 0
        unit = translate("cli_progress", unit)
        self._bar = None
        if self.enabled:
            from tqdm import tqdm
            columns, lines = _size()
            self._bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
                             ncols=columns, nrows=lines, mininterval=0.2, smoothing=0.05, bar_format=bar_format)

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def advance_to(self, n: int, note: str | None = None) -> None:
        """Move the bar to ``n`` units done (it never moves back); ``note`` is shown after it."""
        if self._bar is not None:
            if note is not None:
                self._bar.set_postfix_str(note, refresh=False)
            if n > self._bar.n:
                self._bar.update(n - self._bar.n)

    def write(self, text: str, file: TextIO | None = None) -> None:
        """Print a line of the command's output without tearing the bar."""
        out = file or sys.stdout
        if self._bar is None:
            print(text, file=out)
        else:
            self._bar.write(text, file=out)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _size() -> tuple[int, int]:
    """The terminal's columns and lines; a terminal that reports no size (a fresh
    pseudo-terminal says 0 × 0, and tqdm would then hide its bar) counts as 80 × 24."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
        columns, lines = size.columns, size.lines
    except (OSError, ValueError, AttributeError):
        columns = lines = 0
    return (columns if columns > 0 else 80), (lines if lines > 0 else 24)
