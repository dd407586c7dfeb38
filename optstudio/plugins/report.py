"""What is loaded and what is broken: the data behind ``optstudio plugins [--json]``.

:func:`plugins_report` gives a JSON-able dict, :func:`format_plugins_report` the same as text.
Neither raises because of a broken plugin: errors are part of the report. The JSON keeps the
English texts (and gives the plugins' ``translations``); the text report is in the current language.
"""

from __future__ import annotations

import math
from typing import Any

from optstudio.core.i18n import display_width, ljust_display, localized, translate
from optstudio.core.optim import ParamSpec

__all__ = ["plugins_report", "format_plugins_report"]


def _jsonable(value: Any) -> Any:
    """Plain JSON types only (a plugin may use numpy scalars as defaults)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    try:
        return _jsonable(value.item())  # numpy scalar
    except Exception:  # noqa: BLE001
        return str(value)


def _jsonable_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable_tree(v) for k, v in value.items()}
    return _jsonable(value)


def _param_dict(spec: ParamSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "label": spec.display_label,
        "default": _jsonable(spec.default),
        "min": _jsonable(spec.min),
        "max": _jsonable(spec.max),
        "log": bool(spec.log),
        "kind": spec.kind,
        "choices": list(spec.choices),
        "help": spec.help,
    }


def _entry(manager: Any, kind: str, name: str, info: Any) -> dict[str, Any]:
    entry = {
        "name": name,
        "label": info.label,
        "source": manager.source(kind, name),
        "builtin": manager.is_builtin(kind, name),
        "description": info.description,
        "formula": info.formula,
        "params": [_param_dict(spec) for spec in info.params],
        "translations": _jsonable_tree(getattr(info, "translations", {}) or {}),
    }
    if kind == "optimizer":
        entry["default_learning_rate"] = _jsonable(info.default_learning_rate)
    else:
        entry["per"] = info.per
    return entry


def plugins_report(manager: Any) -> dict[str, Any]:
    """``{"folders": [...], "user_folder": …, "optimizers": [...], "schedules": [...],
    "errors": [...]}``: the plugin folders searched, in order (with whether each exists), the
    folder to drop plugin files into, then what was found, in discovery order."""
    from optstudio import paths
    return {
        "folders": [{"path": str(folder), "exists": exists}
                    for folder, exists in getattr(manager, "searched_folders", [])],
        "user_folder": str(paths.user_plugin_dir()),
        "optimizers": [_entry(manager, "optimizer", n, i) for n, i in manager.optimizers.items()],
        "schedules": [_entry(manager, "schedule", n, i) for n, i in manager.schedules.items()],
        "errors": [
            {"plugin": e.plugin, "file": e.file, "line": e.line, "message": e.message}
            for e in manager.errors
        ],
    }


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _param_line(spec: dict[str, Any], help_text: str | None = None) -> str:
    text = f"{spec['name']} = {_fmt(spec['default'])}"
    details = []
    if spec["kind"] == "choice":
        details.append(translate("PluginsReport", "one of {choices}").format(choices=", ".join(spec["choices"])))
    elif spec["kind"] in ("float", "int"):
        low = "-∞" if spec["min"] is None else _fmt(spec["min"])
        high = "∞" if spec["max"] is None else _fmt(spec["max"])
        if spec["log"]:
            shown = translate("PluginsReport", "{kind} in [{low}, {high}], log scale")
        else:
            shown = translate("PluginsReport", "{kind} in [{low}, {high}]")
        details.append(shown.format(kind=spec["kind"], low=low, high=high))
    else:
        details.append(spec["kind"])
    text += f"  ({'; '.join(details)})"
    help_text = spec["help"] if help_text is None else help_text
    if help_text:
        text += f"  {help_text}"
    return text


def format_plugins_report(manager: Any) -> str:
    """Human-readable report: one section per kind, then the plugin errors."""

    report = plugins_report(manager)
    lines: list[str] = []
    titles = {"optimizers": translate("PluginsReport", "Optimizers ({count}):"),
              "schedules": translate("PluginsReport", "Schedules ({count}):")}
    for key, title in titles.items():
        entries = report[key]
        lines.append(title.format(count=len(entries)))
        if not entries:
            lines.append(translate("PluginsReport", "  (none)"))
        labels = [localized(e["translations"], "label", e["label"]) for e in entries]
        name_width = max((len(e["name"]) for e in entries), default=0)
        label_width = max((display_width(label) for label in labels), default=0)
        for entry, label in zip(entries, labels):
            source = translate("PluginsReport", "built-in") if entry["source"] == "built-in" else entry["source"]
            lines.append(f"  {entry['name']:<{name_width}}  {ljust_display(label, label_width)}  "
                         f"[{source}]")
            indent = " " * (4 + name_width)
            if key == "optimizers":
                lines.append(indent + translate("PluginsReport", "default learning rate {rate}")
                             .format(rate=_fmt(entry["default_learning_rate"])))
            elif entry["per"] == "step":
                lines.append(indent + translate("PluginsReport", "computed per step"))
            else:
                lines.append(indent + translate("PluginsReport", "computed per epoch"))
            for spec in entry["params"]:
                help_text = localized(entry["translations"], f"params.{spec['name']}.help", None)
                if help_text is None and spec["help"]:
                    help_text = translate("ParamSpec", spec["help"])
                lines.append(f"{indent}{_param_line(spec, help_text)}")
        lines.append("")
    lines.append(translate("PluginsReport", "Drop plugin files into: {folder}").format(folder=report["user_folder"]))
    if report["folders"]:
        lines.append(translate("PluginsReport", "Folders searched, in order:"))
        missing = translate("PluginsReport", "  (does not exist)")
        lines.extend(f"  {f['path']}{'' if f['exists'] else missing}" for f in report["folders"])
    lines.append("")
    if report["errors"]:
        lines.append(translate("PluginsReport", "Plugin errors:"))
        lines.extend(f"  {error}" for error in manager.errors)
    else:
        lines.append(translate("PluginsReport", "No plugin errors."))
    return "\n".join(lines)
