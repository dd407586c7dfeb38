"""Bundled labs: ready-made experiments with instructions for students.

A lab is an ordinary experiment file (JSON as written by :meth:`Experiment.save`, or TOML) that
has a ``title`` and short ``instructions`` (plain text: a few numbered steps and what to look
for). The bundled ones live in this folder as ``NN_name.json``::

    from optstudio.labs import list_labs, load_lab
    for path, title in list_labs(): ...
    exp = load_lab("01")                       # or "01_notebook_optimizers", "notebook_optimizers",
                                               # "01_notebook_optimizers.json" or a path to any file
    exp = with_epochs(exp, 20)                 # a quick version of a long lab

``optstudio lab NAME`` (:mod:`optstudio.cli.lab`) prints the instructions and runs a lab
headless; the window opens the same files with File ▸ Open lab….

Title and instructions in other languages
-----------------------------------------
A ``"translations"`` table gives them per language code; the window (and :func:`list_labs`)
shows the one of the current language, or the English ``title``/``instructions`` (see
:attr:`Experiment.translations <optstudio.core.experiment.Experiment>`)::

    "translations": {"zh_CN": {"title": "…", "instructions": "1. …\n2. …"}}

Every bundled lab has its Chinese title and instructions there.

What a lab runs
---------------
* ``runs`` present: a comparison. Each run is a patch of the base experiment (see
  :meth:`Experiment.variant`), e.g. ``{"label": "GD + inverse-time", "optimizer": {"name": "gd"},
  "schedule": {"name": "inverse-time", "params": {"decay_rate": 1.0}}}``. All runs share the
  data and, with the same seed, start from the same weights.
* a ``"trajectory"`` section present: optimizer paths on 2-D test functions (below).
* neither: one training run of the experiment itself.

The ``"trajectory"`` section
----------------------------
Names follow ``optstudio trajectory``'s flags (``--function``, ``--optimizer``, ``--lr``,
``--set``, ``--schedule``, ``--schedule-set``, ``--steps``, ``--start``, ``--noise``,
``--seed``)::

    "trajectory": {
      "functions": ["ellipse", "saddle"],      # required: names from optstudio.core.functions2d
      "start": null,                           # optional: [x, y] for every function, or null for
                                               #   each function's own start (Function2D.start)
      "steps": 100,                            # optional, default 100: updates per path (≥ 1)
      "noise": 0.0,                            # optional, default 0: std of Gaussian noise added
                                               #   to every gradient (mimics mini-batches)
      "seed": 0,                               # optional, default 0: seed of that noise
      "runs": [                                # required: one path per run and function
        {"label": "GD",                        # optional, default: the optimizer name
         "optimizer": "gd",                    # required: an optimizer name (`optstudio plugins`)
         "learning_rate": 0.9,                 # optional, default: the optimizer's default rate
         "params": {},                         # optional: optimizer hyperparameters
         "schedule": null,                     # optional: a learning-rate schedule name
         "schedule_params": {}},               # optional: its parameters
        ...
      ]
    }

The window's trajectory view saves its own settings in the same section, for one function:
``{"function": "ellipse", "start": [x, y], "steps": 60, "noise": 0, "seed": 0,
"optimizers": [{"name": "gd", "learning_rate": 0.9}, …]}``. That form is read too
(``function`` = ``functions: [function]``, ``optimizers`` = ``runs``, ``name`` = ``optimizer``),
so a file saved by the window runs with ``optstudio lab FILE``; :func:`trajectory_view_settings`
turns a lab's section into the view's form for one function.

``start``, ``steps``, ``noise`` and a run's ``learning_rate`` may also be given per function,
as a table keyed by function name, e.g. ``"learning_rate": {"ellipse": 0.9, "saddle": 0.05}``
or ``"start": {"ellipse": [-9, 2], "saddle": null}``; a function missing from such a table gets
the default. :func:`trajectory_tasks` checks the section and resolves it into one
:class:`TrajectoryTask` per function; :func:`run_trajectory_lab` runs them all. Every problem
is an :class:`~optstudio.core.experiment.ExperimentError` with a one-line message.

Locked and hidden controls: ``"lock"`` and ``"hide"``
-----------------------------------------------------
Like TensorFlow Playground's hide flags, a lab can fix settings so students change only what the
exercise is about, and hide views that would distract::

    "lock": ["data", "network", "training.mini_batch_size"],
    "hide": ["compare", "trajectory", "ewa"]

``lock`` names settings (:data:`LOCK_NAMES`): a whole section (``data``, ``network``,
``optimizer`` — the optimizer, its hyperparameters and α —, ``schedule``, ``training``) or one
setting of it (``network.hidden``, ``optimizer.learning_rate``, ``training.epochs``, …). The
window shows the lab's values in those fields, disabled, with a lock mark and a note in the
instructions. ``hide`` names views of the View menu (:data:`HIDE_NAMES`); the Training tab itself
cannot be hidden, nor the page a lab's ``runs`` (``compare``), ``trajectory`` or ``sweep``
section is shown on. :func:`lab_controls` checks both (one-line errors); :func:`load_lab` calls it. Closing the lab
(File ▸ New, or opening any other experiment) unlocks everything. The command line ignores both:
they are about the window.

numpy only: no Qt here.
"""

from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from optstudio.core.experiment import Experiment, ExperimentError, read_settings_file
from optstudio.core.i18n import localized
from optstudio.core.optim import one_line

__all__ = [
    "lab_dir", "list_labs", "find_lab", "load_lab", "lab_name", "with_epochs", "with_steps",
    "has_trajectory", "trajectory_tasks", "run_trajectory_lab", "trajectory_view_settings", "TrajectoryRunSpec",
    "TrajectoryTask", "TRAJECTORY_KEY", "DEFAULT_STEPS", "LAB_SUFFIXES",
    "LOCK_KEY", "HIDE_KEY", "LOCK_NAMES", "HIDE_NAMES", "LabControls", "lab_controls",
]

#: The extras key of the trajectory section.
TRAJECTORY_KEY = "trajectory"
#: Steps per path when the trajectory section does not say.
DEFAULT_STEPS = 100
#: File types a lab can have.
LAB_SUFFIXES = (".json", ".toml")

_SECTION_KEYS = ("functions", "start", "steps", "noise", "seed", "runs")
_RUN_KEYS = ("label", "optimizer", "learning_rate", "params", "schedule", "schedule_params")
# the trajectory view's own spelling (see the module docstring): alias -> key
_SECTION_ALIASES = {"function": "functions", "optimizers": "runs"}
_RUN_ALIASES = {"name": "optimizer"}
_NUMBERED = re.compile(r"^(\d+)_(.+)$")


# ---------------------------------------------------------------------------------- finding labs
def lab_dir() -> Path:
    """The folder holding the bundled lab files (inside the installed package)."""
    return Path(__file__).resolve().parent


def _bundled_paths() -> list[Path]:
    folder = lab_dir()
    try:
        files = [p for p in folder.iterdir() if p.suffix.lower() in LAB_SUFFIXES and p.is_file()]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.name)


def lab_name(path: str | Path) -> str:
    """A lab's short name: its file name without the suffix (``01_notebook_optimizers``)."""
    return Path(path).stem


def _read_title(path: Path) -> str:
    try:
        data = read_settings_file(path)
    except ExperimentError:
        return f"(cannot read {path.name})"
    title = data.get("title") if isinstance(data, dict) else None
    translations = data.get("translations") if isinstance(data, dict) else None
    if isinstance(translations, dict):
        title = localized(translations, "title", title)
    return title if isinstance(title, str) and title else lab_name(path)


def list_labs() -> list[tuple[Path, str]]:
    """``(path, title)`` of every bundled lab, in file-name order; the title in the current
    language (:func:`optstudio.core.i18n.language`) when the file translates it."""
    return [(path, _read_title(path)) for path in _bundled_paths()]


def find_lab(path_or_name: str | Path) -> Path:
    """The file of a lab given by path or by bundled name.

    Accepted: a path to an existing file (a :class:`~pathlib.Path`, or text with a suffix or a
    folder separator: ``my_lab.json``, ``./01``); a bundled lab's file name
    (``01_notebook_optimizers`` with or without ``.json``); its number (``01`` or ``1``); or its
    name without the number (``notebook_optimizers``). Other text names a bundled lab even when
    the current folder holds a file of that name. Raises :class:`ExperimentError` with a
    one-line message.
    """
    if isinstance(path_or_name, Path):
        text = str(path_or_name)
    elif isinstance(path_or_name, str):
        text = path_or_name.strip()
    else:
        raise ExperimentError(f"a lab is given by name or path, got {type(path_or_name).__name__}")
    if not text:
        raise ExperimentError("no lab given (see `optstudio lab --list`)")
    # Only text with a suffix or a folder separator is a file: "01" is the bundled lab 01 even
    # when the current folder holds a file called 01.
    looks_like_path = (isinstance(path_or_name, Path) or any(sep in text for sep in ("/", "\\"))
                       or text.startswith("~") or bool(Path(text).suffix))
    candidate = Path(text).expanduser()
    if looks_like_path and candidate.is_file():
        return candidate
    if looks_like_path and candidate.is_dir():
        raise ExperimentError(f"{text!r} is a folder, not a lab file")
    bundled = _bundled_paths()
    key = text.lower()
    stem_key = Path(key).stem if Path(key).suffix in LAB_SUFFIXES else key
    for path in bundled:
        if path.name.lower() == key or path.stem.lower() == stem_key:
            return path
    if stem_key.isdigit():
        matches = [p for p in bundled
                   if (m := _NUMBERED.match(p.stem)) and int(m.group(1)) == int(stem_key)]
    else:
        matches = [p for p in bundled if (m := _NUMBERED.match(p.stem)) and m.group(2).lower() == stem_key]
    if len(matches) == 1:
        return matches[0]
    if looks_like_path:
        raise ExperimentError(f"lab file {text!r} does not exist")
    names = ", ".join(p.stem for p in bundled) or "none"
    hint = f"; for the file {text!r} write ./{text}" if candidate.is_file() else "; or give the path of a lab file"
    raise ExperimentError(f"unknown lab {text!r} (bundled labs: {names}{hint})")


def load_lab(path_or_name: str | Path) -> Experiment:
    """The experiment of a lab (see :func:`find_lab` for the accepted names).

    The file is read like any experiment file and its ``"trajectory"`` section, if any, is
    checked too. Raises :class:`ExperimentError` with a one-line message.
    """
    path = find_lab(path_or_name)
    exp = Experiment.load(path)
    if has_trajectory(exp):
        trajectory_tasks(exp, where=f"'{path.name}'")
    lab_controls(exp, where=f"'{path.name}'")
    return exp


# ---------------------------------------------------------------------------------- lock and hide
#: The extras keys of the locked settings and the hidden views.
LOCK_KEY, HIDE_KEY = "lock", "hide"
#: What ``"lock"`` can name -> how the window's note says it. A section name locks all of it.
LOCK_NAMES: dict[str, str] = {
    "data": "the dataset",
    "network": "the network",
    "network.hidden": "the hidden layers",
    "network.loss": "the loss and output activation",
    "network.init": "the initialisation",
    "network.l2": "L2 λ",
    "optimizer": "the optimizer, its hyperparameters and α",
    "optimizer.name": "the optimizer",
    "optimizer.params": "the optimizer's hyperparameters",
    "optimizer.learning_rate": "the learning rate α",
    "schedule": "the α schedule",
    "training": "the mini-batch size, epochs and seed",
    "training.mini_batch_size": "the mini-batch size",
    "training.epochs": "the number of epochs",
    "training.seed": "the seed",
}
#: What ``"hide"`` can name: the View menu's views (the Training tab's own tabs, and the pages).
HIDE_NAMES: dict[str, str] = {
    "boundary": "Decision boundary",
    "network": "Network",
    "confusion": "Confusion matrix",
    "compare": "Compare optimizers",
    "trajectory": "Trajectories (2-D)",
    "inside": "Inside the optimizer",
    "schedule": "Schedule preview",
    "ewa": "Averages (EWA)",
    "sweep": "Sweep",
}


@dataclass(frozen=True)
class LabControls:
    """A lab's checked ``"lock"`` and ``"hide"`` lists (in :data:`LOCK_NAMES` / :data:`HIDE_NAMES`
    order, each name once)."""

    lock: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()

    def locked(self, name: str) -> bool:
        """Whether setting ``name`` (e.g. ``training.epochs``) is fixed, itself or by its section."""
        return name in self.lock or name.split(".")[0] in self.lock

    def __bool__(self) -> bool:
        return bool(self.lock or self.hide)


def _names(value: Any, known: Mapping[str, str], key: str, where: str, example: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExperimentError(f"{where}: {key} must be a list of names, e.g. {example}, got {_shown(value)}")
    for name in value:
        if name not in known:
            raise ExperimentError(f"{where}: {key}: unknown name {name!r} (known: {', '.join(known)})")
    return tuple(name for name in known if name in value)


def lab_controls(exp: Experiment, *, where: str = "lab") -> LabControls:
    """The checked ``"lock"`` and ``"hide"`` sections of ``exp`` (empty without them). Raises
    :class:`ExperimentError` with a one-line message."""
    lock = _names(exp.extras.get(LOCK_KEY), LOCK_NAMES, LOCK_KEY, where, '["data", "network"]')
    hide = _names(exp.extras.get(HIDE_KEY), HIDE_NAMES, HIDE_KEY, where, '["compare", "trajectory"]')
    if "compare" in hide and exp.runs:
        raise ExperimentError(f"{where}: hide: 'compare' is where this lab's runs are shown; it cannot be hidden")
    if "trajectory" in hide and has_trajectory(exp):
        raise ExperimentError(f"{where}: hide: 'trajectory' is where this lab's trajectory section is shown; "
                              f"it cannot be hidden")
    if "sweep" in hide and "sweep" in exp.extras:
        raise ExperimentError(f"{where}: hide: 'sweep' is where this lab's sweep section is shown; it cannot be "
                              f"hidden")
    return LabControls(lock, hide)


# ---------------------------------------------------------------------------------- overrides
def with_epochs(exp: Experiment, epochs: int) -> Experiment:
    """A copy of ``exp`` whose training, and every run, lasts ``epochs`` epochs."""
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ExperimentError(f"epochs must be a whole number ≥ 1, got {epochs!r}")
    out = exp.copy()
    out.training.epochs = epochs
    for run in out.runs:
        training = run.get("training")
        if isinstance(training, dict) and "epochs" in training:
            training["epochs"] = epochs
    return out


def with_steps(exp: Experiment, steps: int) -> Experiment:
    """A copy of ``exp`` whose trajectory paths all have ``steps`` updates."""
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 1:
        raise ExperimentError(f"steps must be a whole number ≥ 1, got {steps!r}")
    out = exp.copy()
    section = out.extras.get(TRAJECTORY_KEY)
    if isinstance(section, dict):
        section["steps"] = steps
    return out


# ---------------------------------------------------------------------------------- trajectories
@dataclass
class TrajectoryRunSpec:
    """One optimizer of a trajectory lab, for one function."""

    label: str
    optimizer: str
    learning_rate: float | None = None      # None: the optimizer's default learning rate
    params: dict[str, Any] = field(default_factory=dict)
    schedule: str | None = None
    schedule_params: dict[str, Any] = field(default_factory=dict)

    def config(self) -> dict[str, Any]:
        """The config mapping :func:`optstudio.core.trajectory.run_trajectories` expects."""
        return {"name": self.optimizer, "label": self.label, "learning_rate": self.learning_rate,
                "params": dict(self.params), "schedule": self.schedule,
                "schedule_params": dict(self.schedule_params)}


@dataclass
class TrajectoryTask:
    """Every path to draw on one function: same start, steps and noise for all runs."""

    function: str
    start: tuple[float, float] | None       # None: the function's own start
    steps: int
    noise: float
    seed: int
    runs: list[TrajectoryRunSpec]


def has_trajectory(exp: Experiment) -> bool:
    return TRAJECTORY_KEY in exp.extras


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _per_function(value: Any, functions: list[str], what: str, where: str) -> dict[str, Any]:
    """``{function: value}`` from a plain value or a table keyed by function name (missing
    functions get ``None``)."""
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in functions]
        if unknown:
            raise ExperimentError(f"{where}: {what} names function {unknown[0]!r}, which is not in "
                                  f"functions ({', '.join(functions)})")
        return {fn: value.get(fn) for fn in functions}
    return {fn: value for fn in functions}


def _shown(value: Any, limit: int = 40) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check_start(value: Any, what: str) -> tuple[float, float] | None:
    if value is None:
        return None
    if (isinstance(value, (list, tuple)) and len(value) == 2 and all(_is_number(v) for v in value)):
        return float(value[0]), float(value[1])
    raise ExperimentError(f"{what} must be two numbers [x, y] or null, got {value!r}")


def _check_steps(value: Any, what: str) -> int:
    if value is None:
        return DEFAULT_STEPS
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ExperimentError(f"{what} must be a whole number ≥ 1, got {value!r}")
    return value


def _check_noise(value: Any, what: str) -> float:
    if value is None:
        return 0.0
    if not _is_number(value) or value < 0:
        raise ExperimentError(f"{what} must be a number ≥ 0, got {value!r}")
    return float(value)


def _unalias(table: Mapping, aliases: dict[str, str], known: tuple[str, ...], what: str) -> dict:
    out = dict(table)
    for alias, key in aliases.items():
        if alias in out:
            if key in out:
                raise ExperimentError(f"{what}: give {key!r} or {alias!r}, not both")
            value = out.pop(alias)
            out[key] = [value] if alias == "function" and isinstance(value, str) else value
    unknown = sorted(set(out) - set(known))
    if unknown:
        raise ExperimentError(f"{what}: unknown setting {unknown[0]!r} (known: {', '.join(known)})")
    return out


def _check_run(index: int, run: Any, functions: list[str], where: str) -> dict[str, TrajectoryRunSpec]:
    here = f"{where}: trajectory run {index}"
    if not isinstance(run, Mapping):
        raise ExperimentError(f"{here} must be a table")
    run = _unalias(run, _RUN_ALIASES, _RUN_KEYS, here)
    optimizer = run.get("optimizer")
    if not isinstance(optimizer, str) or not optimizer.strip():
        raise ExperimentError(f"{here}: optimizer must be an optimizer name, e.g. \"gd\"")
    label = run.get("label", optimizer)
    if not isinstance(label, str) or not label:
        raise ExperimentError(f"{here}: label must be text")
    here = f"{where}: trajectory run {index} ({label})"
    for key in ("params", "schedule_params"):
        if not isinstance(run.get(key, {}) or {}, Mapping):
            raise ExperimentError(f"{here}: {key} must be a table of name = value")
    schedule = run.get("schedule")
    if schedule is not None and (not isinstance(schedule, str) or not schedule):
        raise ExperimentError(f"{here}: schedule must be a schedule name or null")
    if run.get("schedule_params") and not schedule:
        raise ExperimentError(f"{here}: schedule_params need a schedule")
    rates = _per_function(run.get("learning_rate"), functions, "learning_rate", here)
    out = {}
    for fn, rate in rates.items():
        if rate is not None and not (_is_number(rate) and rate > 0):
            raise ExperimentError(f"{here}: learning_rate must be a number > 0, got {rate!r}")
        out[fn] = TrajectoryRunSpec(label=label, optimizer=optimizer.strip(),
                                    learning_rate=None if rate is None else float(rate),
                                    params=copy.deepcopy(dict(run.get("params") or {})),
                                    schedule=schedule,
                                    schedule_params=copy.deepcopy(dict(run.get("schedule_params") or {})))
    return out


def trajectory_tasks(exp: Experiment, *, where: str = "lab") -> list[TrajectoryTask]:
    """The checked ``"trajectory"`` section of ``exp``: one task per function (``[]`` without
    a section). Raises :class:`ExperimentError` with a one-line message."""
    if not has_trajectory(exp):
        return []
    section = exp.extras[TRAJECTORY_KEY]
    if not isinstance(section, Mapping):
        raise ExperimentError(f"{where}: trajectory must be a table of settings")
    section = _unalias(section, _SECTION_ALIASES, _SECTION_KEYS, f"{where}: trajectory")
    from optstudio.core.functions2d import get_function

    functions = section.get("functions")
    if isinstance(functions, str):
        functions = [functions]
    if (not isinstance(functions, list) or not functions
            or not all(isinstance(name, str) for name in functions)):
        raise ExperimentError(f"{where}: trajectory functions must be a list of function names, e.g. "
                              f"[\"ellipse\", \"saddle\"], got {_shown(functions)}")
    for name in functions:
        try:
            get_function(name)
        except ValueError as exc:
            raise ExperimentError(f"{where}: trajectory: {exc}") from None
    if len(set(functions)) != len(functions):
        raise ExperimentError(f"{where}: trajectory functions lists a function twice")
    seed = section.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ExperimentError(f"{where}: trajectory seed must be a whole number ≥ 0, got {seed!r}")
    starts = _per_function(section.get("start"), functions, "start", f"{where}: trajectory")
    steps = _per_function(section.get("steps"), functions, "steps", f"{where}: trajectory")
    noises = _per_function(section.get("noise"), functions, "noise", f"{where}: trajectory")
    runs = section.get("runs")
    if not isinstance(runs, list) or not runs:
        raise ExperimentError(f"{where}: trajectory runs must be a list of tables like "
                              f"{{\"label\": \"GD\", \"optimizer\": \"gd\", \"learning_rate\": 0.1}}")
    checked = [_check_run(i, run, functions, where) for i, run in enumerate(runs, 1)]
    tasks = []
    for fn in functions:
        tasks.append(TrajectoryTask(
            function=fn,
            start=_check_start(starts[fn], f"{where}: trajectory start for {fn}"),
            steps=_check_steps(steps[fn], f"{where}: trajectory steps for {fn}"),
            noise=_check_noise(noises[fn], f"{where}: trajectory noise for {fn}"),
            seed=seed,
            runs=[per_fn[fn] for per_fn in checked]))
    return tasks


def run_trajectory_lab(exp: Experiment, manager=None, *, where: str = "lab") -> list[tuple[TrajectoryTask, list]]:
    """Run every path of ``exp``'s trajectory section.

    Returns ``[(task, [TrajectoryResult per run]), …]`` in function order. A run whose path
    diverges or whose plugin fails is reported in its result's ``status``/``message``; a bad
    setting (unknown optimizer, bad hyperparameter) raises :class:`ExperimentError`.
    """
    from optstudio.core.trajectory import run_trajectories

    if manager is None:
        from optstudio.plugins.manager import get_plugin_manager
        manager = get_plugin_manager()
    out = []
    for task in trajectory_tasks(exp, where=where):
        try:
            results = run_trajectories(task.function, [run.config() for run in task.runs], task.steps,
                                       task.start, task.noise, task.seed, manager=manager)
        except (ValueError, KeyError) as exc:
            raise ExperimentError(f"{where}: trajectory on {task.function}: {one_line(exc)}") from None
        out.append((task, results))
    return out


def trajectory_view_settings(exp: Experiment, function: str | None = None, manager=None) -> dict[str, Any] | None:
    """The trajectory section as the window's trajectory view stores it, for one function
    (default: the first): ``{"function", "start", "steps", "noise", "seed", "optimizers":
    [{"name", "learning_rate", "label", "params"}, …]}``. ``None`` without a section.

    The start point and missing learning rates are filled in (the function's own start, the
    optimizer's default rate from ``manager``). Raises :class:`ExperimentError`.
    """
    tasks = trajectory_tasks(exp)
    if not tasks:
        return None
    if function is None:
        task = tasks[0]
    else:
        matches = [t for t in tasks if t.function == function]
        if not matches:
            raise ExperimentError(f"this lab has no trajectory on {function!r} "
                                  f"(it has: {', '.join(t.function for t in tasks)})")
        task = matches[0]
    from optstudio.core.functions2d import get_function
    start = task.start if task.start is not None else get_function(task.function).start
    optimizers = []
    for run in task.runs:
        rate = run.learning_rate
        if rate is None:
            if manager is None:
                from optstudio.plugins.manager import get_plugin_manager
                manager = get_plugin_manager()
            try:
                rate = float(manager.optimizer_info(run.optimizer).default_learning_rate)
            except (ValueError, KeyError) as exc:
                raise ExperimentError(one_line(exc)) from None
        optimizers.append({"name": run.optimizer, "learning_rate": rate, "label": run.label,
                           "params": dict(run.params)})
    return {"function": task.function, "start": [float(start[0]), float(start[1])], "steps": task.steps,
            "noise": task.noise, "seed": task.seed, "optimizers": optimizers}
