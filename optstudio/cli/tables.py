"""The comparison table: one row per run (``compare``, comparison labs), as text or CSV.

The text table follows ``LANG`` (headers and words like "diverged" in Chinese for ``zh_CN``) and
is aligned by display width (a Chinese character takes two columns); the CSV stays English (its
header names columns for programs)."""

from __future__ import annotations

import csv
import math

from optstudio.cli.errors import CLIError
from optstudio.core.i18n import QT_TRANSLATE_NOOP, display_width, ljust_display, rjust_display, translate

__all__ = ["TABLE_COLUMNS", "format_table", "write_table_csv", "write_csv_rows", "fmt_acc", "fmt_cost",
           "word"]

TABLE_COLUMNS = (QT_TRANSLATE_NOOP("cli_tables", "optimizer"), QT_TRANSLATE_NOOP("cli_tables", "train accuracy"),
                 QT_TRANSLATE_NOOP("cli_tables", "test accuracy"), QT_TRANSLATE_NOOP("cli_tables", "final cost"),
                 QT_TRANSLATE_NOOP("cli_tables", "cost shape"), QT_TRANSLATE_NOOP("cli_tables", "seconds"))

#: the words of the table's cells (the CSV keeps the English word)
_WORDS = {"n/a": QT_TRANSLATE_NOOP("cli_tables", "n/a"),
          "diverged": QT_TRANSLATE_NOOP("cli_tables", "diverged"),
          "failed": QT_TRANSLATE_NOOP("cli_tables", "failed"),
          "never": QT_TRANSLATE_NOOP("cli_tables", "never"),
          "oscillating": QT_TRANSLATE_NOOP("cli_tables", "oscillating"),
          "smooth": QT_TRANSLATE_NOOP("cli_tables", "smooth")}


def word(text: str) -> str:
    """A table word ("n/a", "diverged", "smooth", …) in the current language."""
    return translate("cli_tables", text) if text in _WORDS else text


def fmt_cost(value: float) -> str:
    """A cost as the notebook prints it (``%f``: six decimals) while that stays readable; six
    significant digits (``%g``) from 10⁶ on, so that a diverging run's 1e300 is ``1e+300``, not
    a 300-digit number."""
    value = float(value)
    return f"{value:.6f}" if abs(value) < 1e6 else f"{value:.6g}"


def fmt_acc(value: float | None) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.6f}"


def table_rows(objects: list[dict], target: float | None = None,
               translated: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows (text cells) for run objects (see :func:`optstudio.cli.results.run_object`);
    ``translated``: headers and words in the current language (the text table), else English (CSV)."""
    tr = (lambda text: translate("cli_tables", text)) if translated else (lambda text: text)
    say = word if translated else (lambda text: text)
    header = [tr(column) for column in TABLE_COLUMNS]
    if target is not None:
        header.append(translate("cli_tables", "epochs to cost {target}").format(target=f"{target:g}")
                      if translated else f"epochs to cost {target:g}")
    rows = []
    for o in objects:
        row = [o["label"], say(fmt_acc(o["train_accuracy"])), say(fmt_acc(o["test_accuracy"])),
               say("n/a") if o["final_cost"] is None else fmt_cost(o["final_cost"]),
               say("diverged" if o["diverged"] else (o["status"] if o["status"] == "failed" else o["cost_shape"])),
               f"{o['seconds']:.2f}"]
        if target is not None:
            row.append(say("never") if o.get("epochs_to_target") is None else str(o["epochs_to_target"]))
        rows.append(row)
    return header, rows


def format_rows(header: list[str], rows: list[list[str]]) -> list[str]:
    """Aligned text lines: the header, a rule, then the rows (cells separated by `` | ``), aligned
    by display width (Chinese headers take two columns a character)."""
    widths = [max(display_width(header[i]), *(display_width(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells):
        return " | ".join(ljust_display(c, w) for c, w in zip(cells, widths)).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]


def format_table(objects: list[dict], target: float | None = None) -> str:
    out = format_rows(*table_rows(objects, target, translated=True))
    for o in objects:
        if o["status"] in ("diverged", "failed"):
            out.append(f"{o['label']}: {o['message']}")
    return "\n".join(out)


def write_table_csv(objects: list[dict], path: str, target: float | None = None) -> None:
    header, rows = table_rows(objects, target)
    write_csv_rows(path, header, rows)


def write_csv_rows(path: str, header: list[str], rows: list[list[str]]) -> None:
    """Write a table as CSV; a file that cannot be written is a one-line CLIError."""
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
    except OSError as exc:
        raise CLIError(translate("cli_tables", "cannot write table file {path}: {reason}").format(
            path=repr(path), reason=exc.strerror or exc)) from None
