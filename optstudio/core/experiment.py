"""The experiment description: every setting of a run, as plain data.

Settings → :class:`Experiment` → :func:`~optstudio.core.build.build_engine` → the engine.
The window, the CLI and lab files all build an ``Experiment`` and hand it to this module; none of
them reaches into the training loop. An experiment saves to human-readable JSON or TOML.

A comparison (several optimizers, batch sizes, initialisers…) is an experiment plus a list of
``runs``: each run is a small patch of the base experiment, e.g.
``{"label": "Adam", "optimizer": {"name": "adam"}}`` or ``{"training": {"mini_batch_size": 1}}``.
"""

from __future__ import annotations

import copy
import json
import math
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from optstudio.core.datasets import DataSpec
from optstudio.core.network import LOSSES, canonical_init
from optstudio.core.settings import EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, SEED, check_setting
from optstudio.core.activations import ACTIVATIONS

__all__ = [
    "Experiment", "NetworkSpec", "OptimizerSpec", "ScheduleSpec", "TrainingSpec",
    "ExperimentError", "output_units", "notebook_preset", "FORMAT_VERSION",
]

FORMAT_VERSION = 1


class ExperimentError(ValueError):
    """An experiment file or setting is wrong; the message is one line for the user."""


@dataclass
class NetworkSpec:
    hidden: list[int] = field(default_factory=lambda: [5, 2])   # hidden layer widths
    activations: list[str] = field(default_factory=lambda: ["relu", "relu"])  # one per hidden layer
    loss: str = "bce"                 # bce, softmax, mse
    output_activation: str = "sigmoid"  # used by the mse loss only
    init: str = "he"
    l2: float = 0.0
    leaky_alpha: float = 0.01
    batch_norm: bool = False

    def validate(self) -> None:
        if not isinstance(self.hidden, list) or any(isinstance(n, bool) or not isinstance(n, int) or n < 1
                                                    for n in self.hidden):
            raise ExperimentError(f"hidden layer widths must be positive whole numbers, got {self.hidden}")
        if isinstance(self.activations, str):
            self.activations = [self.activations] * len(self.hidden)
        if len(self.activations) != len(self.hidden):
            raise ExperimentError(f"{len(self.hidden)} hidden layers need {len(self.hidden)} activations, "
                                  f"got {len(self.activations)}")
        for name in self.activations + [self.output_activation]:
            if name not in ACTIVATIONS:
                raise ExperimentError(f"unknown activation {name!r} (available: {', '.join(ACTIVATIONS)})")
        if self.loss not in LOSSES:
            raise ExperimentError(f"unknown loss {self.loss!r} (available: {', '.join(LOSSES)})")
        try:
            self.init = canonical_init(self.init)
        except ValueError as exc:
            raise ExperimentError(str(exc)) from None
        if not _is_number(self.l2) or self.l2 < 0:
            raise ExperimentError(f"L2 strength λ must be a number ≥ 0, got {self.l2!r}")
        if not isinstance(self.batch_norm, bool):
            raise ExperimentError(f"batch_norm must be true or false, got {self.batch_norm!r}")

    def layer_dims(self, n_x: int, n_y: int) -> list[int]:
        return [n_x, *self.hidden, n_y]


@dataclass
class OptimizerSpec:
    name: str = "adam"
    learning_rate: float = 0.001
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ScheduleSpec:
    name: str = "constant"
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainingSpec:
    mini_batch_size: int = 64
    epochs: int = 1000
    seed: int = 1
    preset: str = "default"   # "default" (numpy Generator) or "notebook" (the course's seeds)

    def validate(self) -> None:
        for spec in (MINI_BATCH_SIZE, EPOCHS, SEED):
            _check(spec, getattr(self, spec.name))
        if self.preset not in ("default", "notebook"):
            raise ExperimentError(f"unknown preset {self.preset!r} (available: default, notebook)")


_SECTIONS = {"network": NetworkSpec, "optimizer": OptimizerSpec, "schedule": ScheduleSpec,
             "training": TrainingSpec, "data": DataSpec}


@dataclass
class Experiment:
    title: str = ""
    instructions: str = ""
    data: DataSpec = field(default_factory=lambda: DataSpec(test_fraction=0.2))
    network: NetworkSpec = field(default_factory=NetworkSpec)
    optimizer: OptimizerSpec = field(default_factory=OptimizerSpec)
    schedule: ScheduleSpec = field(default_factory=ScheduleSpec)
    training: TrainingSpec = field(default_factory=TrainingSpec)
    runs: list[dict] = field(default_factory=list)     # comparison: patches of this experiment
    extras: dict[str, Any] = field(default_factory=dict)  # other views' settings (e.g. "trajectory")

    # ------------------------------------------------------------------ (de)serialisation
    def to_dict(self) -> dict:
        out: dict[str, Any] = {"optstudio": FORMAT_VERSION}
        if self.title:
            out["title"] = self.title
        if self.instructions:
            out["instructions"] = self.instructions
        out["data"] = self.data.to_dict()
        out["network"] = asdict(self.network)
        out["optimizer"] = asdict(self.optimizer)
        out["schedule"] = asdict(self.schedule)
        out["training"] = asdict(self.training)
        if self.runs:
            out["runs"] = copy.deepcopy(self.runs)
        out.update(copy.deepcopy(self.extras))
        return out

    @classmethod
    def from_dict(cls, data: Any, *, where: str = "experiment") -> "Experiment":
        if not isinstance(data, dict):
            raise ExperimentError(f"{where}: expected a table of settings, got {type(data).__name__}")
        if "optstudio" not in data:
            raise ExperimentError(f"{where} is not an OptStudio experiment (no 'optstudio' version key)")
        version = data["optstudio"]
        if not isinstance(version, int) or version < 1 or version > FORMAT_VERSION:
            raise ExperimentError(f"{where} has format version {version!r}; this OptStudio reads version "
                                  f"{FORMAT_VERSION}")
        exp = cls()
        for key, value in data.items():
            if key == "optstudio":
                continue
            if key in ("title", "instructions"):
                if not isinstance(value, str):
                    raise ExperimentError(f"{where}: {key} must be text")
                setattr(exp, key, value)
            elif key == "runs":
                if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
                    raise ExperimentError(f"{where}: runs must be a list of tables")
                exp.runs = copy.deepcopy(value)
            elif key in _SECTIONS:
                setattr(exp, key, _section(key, value, where))
            elif key in ("trajectory", "view", "compare", "sweep"):
                if key == "sweep":
                    from optstudio.core.sweep import SweepSpec  # the section's rules live there
                    SweepSpec.from_dict(value, where=f"{where}: sweep")
                exp.extras[key] = copy.deepcopy(value)
            else:
                raise ExperimentError(f"{where}: unknown section {key!r}")
        exp.validate()
        for i, run in enumerate(exp.runs):
            exp.variant(run, where=f"{where}: run {i + 1}")
        return exp

    def validate(self) -> "Experiment":
        self.network.validate()
        self.training.validate()
        if not isinstance(self.optimizer.name, str) or not self.optimizer.name:
            raise ExperimentError("optimizer name must be text")
        _check(LEARNING_RATE, self.optimizer.learning_rate)
        if not isinstance(self.optimizer.params, dict) or not isinstance(self.schedule.params, dict):
            raise ExperimentError("optimizer and schedule params must be tables of name = value")
        return self

    def copy(self) -> "Experiment":
        return copy.deepcopy(self)

    def variant(self, patch: dict, *, where: str = "run") -> "Experiment":
        """A copy of this experiment with ``patch`` applied (sections merged key by key;
        ``label`` is ignored here; a patch that changes the optimizer name starts from that
        optimizer's defaults)."""
        base = self.to_dict()
        base.pop("runs", None)
        for key, value in patch.items():
            if key == "label":
                continue
            if key not in _SECTIONS:
                raise ExperimentError(f"{where}: unknown section {key!r}")
            if not isinstance(value, dict):
                raise ExperimentError(f"{where}: {key} must be a table")
            section = dict(base[key])
            if key in ("optimizer", "schedule") and value.get("name", section["name"]) != section["name"]:
                section["params"] = {}
            section.update(value)
            base[key] = section
        return Experiment.from_dict(base, where=where)

    def run_label(self, index: int) -> str:
        run = self.runs[index]
        if isinstance(run.get("label"), str):
            return run["label"]
        return self.variant(run).optimizer.name

    # ------------------------------------------------------------------ files
    def save(self, path) -> None:
        path = Path(path)
        data = self.to_dict()
        if path.suffix.lower() == ".toml":
            text = dumps_toml(data)
        else:
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        path.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path) -> "Experiment":
        path = Path(path)
        where = f"'{path.name}'"
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ExperimentError(f"experiment file {str(path)!r} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ExperimentError(f"cannot read experiment file {str(path)!r}: {exc}") from None
        if path.suffix.lower() == ".toml":
            data = loads_toml(text, where)
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ExperimentError(f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                      f"{exc.msg})") from None
        return cls.from_dict(data, where=where)


def _check(spec, value) -> None:
    """A training setting against its one declaration (:mod:`optstudio.core.settings`)."""
    try:
        check_setting(spec, value, strict=True)
    except ValueError as exc:
        raise ExperimentError(str(exc)) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _section(key: str, value: Any, where: str):
    cls = _SECTIONS[key]
    if not isinstance(value, dict):
        raise ExperimentError(f"{where}: {key} must be a table of settings")
    if key == "data":
        try:
            return DataSpec.from_dict(value)
        except (ValueError, TypeError) as exc:
            raise ExperimentError(f"{where}: data: {exc}") from None
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(value) - names)
    if unknown:
        raise ExperimentError(f"{where}: unknown {key} setting {unknown[0]!r} (known: {', '.join(sorted(names))})")
    obj = cls(**copy.deepcopy(value))
    if key == "optimizer" and isinstance(obj.learning_rate, int) and not isinstance(obj.learning_rate, bool):
        obj.learning_rate = float(obj.learning_rate)
    return obj


# ---------------------------------------------------------------------- TOML
def loads_toml(text: str, where: str = "file") -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExperimentError(f"{where} is not valid TOML ({exc})") from None


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        raise ExperimentError("TOML cannot store an empty value; use JSON")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise ExperimentError(f"cannot write {type(value).__name__} to TOML")


def _toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)


def dumps_toml(data: dict) -> str:
    """Write the experiment layout (scalars, then tables, then arrays of tables) as TOML."""
    lines, tables, arrays = [], [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            arrays.append((key, value))
        elif value is not None:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, table in tables:
        lines.append(f"\n[{_toml_key(key)}]")
        for k, v in table.items():
            if v is not None:
                lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    for key, items in arrays:
        for item in items:
            lines.append(f"\n[[{_toml_key(key)}]]")
            for k, v in item.items():
                if v is not None:
                    lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- presets
def notebook_preset() -> Experiment:
    """The course notebook's lab: moons 300 (seed 3, noise 0.2), [2, 5, 2, 1] relu-relu-sigmoid,
    He initialisation after seed 3, mini-batches of 64 with seeds 11, 12, …, α = 0.0007, 10000 epochs."""
    exp = Experiment(title="The notebook's lab: GD, Momentum and Adam on moons")
    exp.data = DataSpec(name="moons", samples=300, noise=0.2, data_seed=3, test_fraction=0.0,
                        standardize=False, preset="notebook")
    exp.network = NetworkSpec(hidden=[5, 2], activations=["relu", "relu"], loss="bce", init="he")
    exp.optimizer = OptimizerSpec(name="adam", learning_rate=0.0007,
                                  params={"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8})
    exp.schedule = ScheduleSpec()
    exp.training = TrainingSpec(mini_batch_size=64, epochs=10000, seed=3, preset="notebook")
    exp.runs = [{"label": "Gradient descent", "optimizer": {"name": "gd"}},
                {"label": "Momentum", "optimizer": {"name": "momentum", "params": {"beta": 0.9}}},
                {"label": "Adam", "optimizer": {"name": "adam"}}]
    return exp


# ---------------------------------------------------------------------- the network's size
def output_units(spec: NetworkSpec, n_classes: int) -> int:
    if spec.loss == "bce":
        if n_classes > 2:
            raise ExperimentError(f"the data has {n_classes} classes: binary cross-entropy needs 2; "
                                  f"choose the softmax loss")
        return 1
    if spec.loss == "softmax":
        return max(n_classes, 2)
    return 1 if n_classes <= 2 else n_classes
