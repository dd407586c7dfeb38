"""What ``optstudio lab`` prints for a lab with a ``"view"`` section (see
:mod:`optstudio.labs.views`): the tracked sharpness or layer statistics of its runs, the
learning-rate range test of each run, or the paths of optimizers on an online problem."""

from __future__ import annotations

import math

from optstudio.cli.errors import CLIError
from optstudio.cli.lr_range import format_range_test, range_test_object
from optstudio.cli.run import status_word
from optstudio.cli.tables import format_rows, write_csv_rows
from optstudio.cli.tracking import format_tracked, tracker_factory
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.core.online import run_online
from optstudio.core.optim import OptimizerFailure, one_line

__all__ = ["view_observers", "view_results", "format_view", "write_view_csv", "online_objects"]


def view_observers(view, made: list):
    """The ``observers`` of :func:`~optstudio.cli.training.train_runs` for a sharpness or layers
    view (None for other views)."""
    if view is None or not view.trains_networks:
        return None
    return tracker_factory((view.name,), view.every, made)


def _online_rate(spec, manager) -> float:
    if spec.learning_rate is not None:
        return spec.learning_rate
    try:
        return float(manager.optimizer_info(spec.optimizer).default_learning_rate)
    except (KeyError, ValueError) as exc:
        raise CLIError(one_line(exc, with_type=False)) from None


def online_objects(view, manager) -> list[dict]:
    """One JSON-ready dict per run of an online view: final x, average regret, x at steps 10,
    100, 1000 … and the status."""
    out = []
    for spec in view.runs:
        rate = _online_rate(spec, manager)
        try:
            optimizer = manager.create_optimizer(spec.optimizer, spec.params)
            schedule = manager.create_schedule(spec.schedule, spec.schedule_params) if spec.schedule else None
        except (KeyError, ValueError) as exc:
            raise CLIError(translate("cli_lab", "view run {label}: {error}").format(
                label=spec.label, error=one_line(exc, with_type=False))) from None
        except OptimizerFailure as exc:
            out.append({"label": spec.label, "optimizer": spec.optimizer, "learning_rate": rate,
                        "schedule": spec.schedule, "steps": view.steps, "steps_done": 0, "final_x": None,
                        "average_regret": None, "x_at": {}, "status": "failed", "message": one_line(exc)})
            continue
        result = run_online(optimizer, rate, view.steps, C=view.C, start=view.start, schedule=schedule,
                            label=spec.label)
        checkpoints = [k for k in (10, 100, 1000, 10000, 100000) if k < result.steps_done] + [result.steps_done]
        out.append({"label": spec.label, "optimizer": spec.optimizer, "params": dict(spec.params),
                    "learning_rate": rate, "schedule": spec.schedule, "steps": view.steps,
                    "steps_done": result.steps_done, "final_x": result.final_x,
                    "average_regret": result.final_average_regret,
                    "x_at": {str(k): float(result.x[k]) for k in checkpoints},
                    "status": result.status, "message": result.message})
    return out


def view_results(view, exp, runs, manager) -> dict:
    """The ``"view"`` object of a lab's JSON: the view's settings and, for lr_range and online
    views, their results (``runs``: the lab's (label, experiment) training runs)."""
    out = view.to_dict()
    if view.name == "lr_range":
        results = []
        for label, variant in runs:
            obj = range_test_object(variant, manager, view.start, view.stop, view.steps, view.divergence)
            results.append({"label": label, **obj})
        out["results"] = results
    elif view.name == "online":
        out["results"] = online_objects(view, manager)
    return out


def _g(value, digits: int = 4) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value:.{digits}g}"


def _online_rows(view_obj: dict, translated: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows; ``translated``: in the current language (the text table), else English (CSV)."""
    tr = (lambda text: translate("cli_lab", text)) if translated else (lambda text: text)
    results = view_obj["results"]
    steps = sorted({int(k) for r in results for k in r["x_at"]})
    at_step = (lambda k: translate("cli_lab", "x at step {step}").format(step=k)) if translated else (lambda k: f"x at step {k}")
    header = ([tr(QT_TRANSLATE_NOOP("cli_lab", "optimizer")), "α", tr(QT_TRANSLATE_NOOP("cli_lab", "schedule"))]
              + [at_step(k) for k in steps]
              + [tr(QT_TRANSLATE_NOOP("cli_lab", "average regret")), tr(QT_TRANSLATE_NOOP("cli_lab", "status"))])
    rows = []
    for r in results:
        rows.append([r["label"], _g(r["learning_rate"]), r["schedule"] or tr(QT_TRANSLATE_NOOP("cli_lab", "constant"))]
                    + [_g(r["x_at"].get(str(k))) for k in steps]
                    + [_g(r["average_regret"]), status_word(r["status"]) if translated else r["status"]])
    return header, rows


def _range_rows(view_obj: dict, translated: bool = False) -> tuple[list[str], list[list[str]]]:
    """Header and rows; ``translated``: in the current language (the text table), else English (CSV)."""
    tr = (lambda text: translate("cli_lab", text)) if translated else (lambda text: text)
    header = [tr(QT_TRANSLATE_NOOP("cli_lab", "run")), tr(QT_TRANSLATE_NOOP("cli_lab", "suggested α")),
              tr(QT_TRANSLATE_NOOP("cli_lab", "α at lowest cost")), tr(QT_TRANSLATE_NOOP("cli_lab", "steepest α")),
              tr(QT_TRANSLATE_NOOP("cli_lab", "lowest cost")), tr(QT_TRANSLATE_NOOP("cli_lab", "updates")),
              tr(QT_TRANSLATE_NOOP("cli_lab", "status"))]
    rows = []
    for r in view_obj["results"]:
        lowest = min((c for _, c in r["points"]), default=None)
        rows.append([r["label"], _g(r["suggested"], 3), _g(r["min_cost_rate"], 3), _g(r["steepest_rate"], 3),
                     _g(lowest), f"{r['steps_done']}/{r['steps']}", status_word(r["status"]) if translated else r["status"]])
    return header, rows


def format_view(view_obj: dict, run_objects: list[dict]) -> str:
    """The view's text: tracked tables per run, the range tests, or the online table."""
    name = view_obj["name"]
    parts = []
    if name in ("sharpness", "layers"):
        for obj in run_objects:
            rows = obj.get("history") or []
            measured = sum(1 for r in rows if r.get(name) is not None)
            text = format_tracked(rows, every=max(1, measured // 10), label=obj["label"])
            if text:
                parts.append(text)
    elif name == "lr_range":
        for r in view_obj["results"]:
            parts.append(format_range_test({**r, "optimizer": r["label"]}))
        parts.append("\n".join(format_rows(*_range_rows(view_obj, translated=True))))
    else:
        lines = [translate("cli_lab", "Online problem {problem} (C = {C}, start x = {start}, best fixed point x = −1):")
                 .format(problem=view_obj["problem"], C=f"{view_obj['C']:g}", start=f"{view_obj['start']:g}")]
        lines += format_rows(*_online_rows(view_obj, translated=True))
        for r in view_obj["results"]:
            if r["status"] != "finished":
                lines.append(f"{r['label']}: {r['message']}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def write_view_csv(view_obj: dict, path: str) -> bool:
    """Write the lr_range or online table as CSV; False for views without a table of their own."""
    if view_obj["name"] == "lr_range":
        write_csv_rows(path, *_range_rows(view_obj))
        return True
    if view_obj["name"] == "online":
        write_csv_rows(path, *_online_rows(view_obj))
        return True
    return False
