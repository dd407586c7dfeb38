"""The comparison table: one row per run (``compare``, comparison labs), as text or CSV."""

from __future__ import annotations

import csv
import math

from optstudio.cli.errors import CLIError

__all__ = ["TABLE_COLUMNS", "format_table", "write_table_csv", "write_csv_rows", "fmt_acc", "fmt_cost"]

TABLE_COLUMNS = ("optimizer", "train accuracy", "test accuracy", "final cost", "cost shape", "seconds")


def fmt_cost(value: float) -> str:
    """A cost as the notebook prints it (``%f``: six decimals) while that stays readable; six
    significant digits (``%g``) from 10⁶ on, so that a diverging run's 1e300 is ``1e+300``, not
    a 300-digit number."""
    value = float(value)
    return f"{value:.6f}" if abs(value) < 1e6 else f"{value:.6g}"


def fmt_acc(value: float | None) -> str:
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.6f}"


def table_rows(objects: list[dict], target: float | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows (text cells) for run objects (see :func:`optstudio.cli.results.run_object`)."""
    header = list(TABLE_COLUMNS)
    if target is not None:
        header.append(f"epochs to cost {target:g}")
    rows = []
    for o in objects:
        row = [o["label"], fmt_acc(o["train_accuracy"]), fmt_acc(o["test_accuracy"]),
               "n/a" if o["final_cost"] is None else fmt_cost(o["final_cost"]),
               "diverged" if o["diverged"] else (o["status"] if o["status"] == "failed" else o["cost_shape"]),
               f"{o['seconds']:.2f}"]
        if target is not None:
            row.append("never" if o.get("epochs_to_target") is None else str(o["epochs_to_target"]))
        rows.append(row)
    return header, rows


def format_rows(header: list[str], rows: list[list[str]]) -> list[str]:
    """Aligned text lines: the header, a rule, then the rows (cells separated by `` | ``)."""
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]

    def line(cells):
        return " | ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    return [line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]


def format_table(objects: list[dict], target: float | None = None) -> str:
    out = format_rows(*table_rows(objects, target))
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
        raise CLIError(f"cannot write table file {path!r}: {exc.strerror or exc}") from None
