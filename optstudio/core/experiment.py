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
import functools
import json
import math
import re
import sys
import typing
from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from optstudio.core.datasets import DataSpec
from optstudio.core.network import LOSSES, canonical_init
from optstudio.core.settings import EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, SEED, check_setting
from optstudio.core.activations import ACTIVATIONS
from optstudio.core.i18n import QT_TRANSLATE_NOOP, language, normalize_language, translate

__all__ = [
    "Experiment", "NetworkSpec", "OptimizerSpec", "ScheduleSpec", "TrainingSpec",
    "ExperimentError", "output_units", "notebook_preset", "FORMAT_VERSION", "loads_settings", "loads_toml",
    "read_settings_file", "nesting_depth", "check_field_types", "MAX_NESTING", "MAX_FILE_BYTES",
    "TRANSLATED_KEYS", "check_translations",
]

FORMAT_VERSION = 1
#: Experiment and lab files nest a few levels (trajectory → runs → params); deeper is refused
#: before parsing (100 000 levels would exhaust Python's stack, or its memory for TOML keys).
MAX_NESTING = 64
#: An experiment or lab file is a few kilobytes of settings; a larger file is not one.
MAX_FILE_BYTES = 16 * 1024 * 1024


class ExperimentError(ValueError):
    """An experiment file or setting is wrong; the message is one line for the user."""


#: what a file's ``translations`` may give per language
TRANSLATED_KEYS = ("title", "instructions", "runs")   # runs: {"English run label": "its text"}


def check_translations(value: Any, where: str | None = None) -> dict[str, dict[str, str]]:
    """A file's ``translations`` section checked and copied: ``{"zh_CN": {"title": text,
    "instructions": text}, …}`` (each key optional; any language code, kept as written, so a
    file translated into a language this OptStudio does not ship keeps it). ExperimentError with
    one line otherwise."""
    if where is None:
        where = translate("Experiment", "experiment")
    if not isinstance(value, dict):
        raise ExperimentError(translate("Experiment", "{where}: translations must be a table of languages, e.g. "
                                        "{example}, got {value}").format(
            where=where, example='{"zh_CN": {"title": "…", "instructions": "…"}}', value=_shown(value)))
    out: dict[str, dict[str, str]] = {}
    for language, table in value.items():
        if not isinstance(language, str) or not language.strip():
            raise ExperimentError(translate("Experiment", "{where}: translations: a language must be a code such "
                                            "as \"zh_CN\", got {value}").format(where=where, value=_shown(language)))
        if not isinstance(table, dict):
            raise ExperimentError(translate("Experiment", "{where}: translations: {language} must be a table with "
                                            "title and instructions, got {value}").format(
                where=where, language=language, value=_shown(table)))
        for key, text in table.items():
            if key == "runs":
                bad = ([k for k, v in text.items() if not isinstance(k, str) or not isinstance(v, str)]
                       if isinstance(text, dict) else [text])
                if bad:
                    raise ExperimentError(translate("Experiment", "{where}: translations: {language}: runs must map "
                                                    "a run's label to its text, got {value}").format(
                        where=where, language=language, value=_shown(bad[0])))
                continue
            if key not in TRANSLATED_KEYS:
                raise ExperimentError(translate("Experiment", "{where}: translations: {language}: unknown key {key} "
                                                "(known: {known})").format(
                    where=where, language=language, key=repr(key), known=", ".join(TRANSLATED_KEYS)))
            if not isinstance(text, str):
                raise ExperimentError(translate("Experiment", "{where}: translations: {language}: {key} must be "
                                                "text, got {value}").format(
                    where=where, language=language, key=key, value=_shown(text)))
        out[language] = {k: dict(v) if isinstance(v, dict) else v for k, v in table.items()}
    return out


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
        if isinstance(self.activations, str) and isinstance(self.hidden, list):
            self.activations = [self.activations] * len(self.hidden)
        check_field_types(self, "network")
        if any(n < 1 for n in self.hidden):
            raise ExperimentError(translate("Experiment", "network: hidden layer widths must be whole numbers ≥ 1, "
                                            "got {value}").format(value=_shown(self.hidden)))
        if len(self.activations) != len(self.hidden):
            raise ExperimentError(translate("Experiment", "{layers} hidden layers need {layers} activations, "
                                            "got {count}").format(layers=len(self.hidden),
                                                                   count=len(self.activations)))
        for name in self.activations + [self.output_activation]:
            if name not in ACTIVATIONS:
                raise ExperimentError(translate("Experiment", "unknown activation {name} (available: {names})").format(
                    name=repr(name), names=", ".join(ACTIVATIONS)))
        if self.loss not in LOSSES:
            raise ExperimentError(translate("Experiment", "unknown loss {name} (available: {names})").format(
                name=repr(self.loss), names=", ".join(LOSSES)))
        try:
            self.init = canonical_init(self.init)
        except ValueError as exc:
            raise ExperimentError(str(exc)) from None
        if not _is_number(self.l2) or self.l2 < 0:
            raise ExperimentError(translate("Experiment", "L2 strength λ must be a number ≥ 0, got {value}").format(
                value=repr(self.l2)))
        if not _is_number(self.leaky_alpha) or self.leaky_alpha < 0:
            raise ExperimentError(translate("Experiment", "network: leaky_alpha must be a finite number ≥ 0, "
                                            "got {value}").format(value=repr(self.leaky_alpha)))
        if not isinstance(self.batch_norm, bool):
            raise ExperimentError(translate("Experiment", "batch_norm must be true or false, got {value}").format(
                value=repr(self.batch_norm)))

    def layer_dims(self, n_x: int, n_y: int) -> list[int]:
        return [n_x, *self.hidden, n_y]


@dataclass
class OptimizerSpec:
    name: str = "adam"
    learning_rate: float = 0.001
    params: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> None:
        check_field_types(self, "optimizer")
        if not self.name:
            raise ExperimentError(translate("Experiment", "optimizer: name must be an optimizer name, e.g. \"adam\""))
        _check(LEARNING_RATE, self.learning_rate)


@dataclass
class ScheduleSpec:
    name: str = "constant"
    params: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> None:
        check_field_types(self, "schedule")
        if not self.name:
            raise ExperimentError(translate("Experiment", "schedule: name must be a schedule name, "
                                            "e.g. \"constant\""))


@dataclass
class TrainingSpec:
    mini_batch_size: int = 64
    epochs: int = 1000
    seed: int = 1
    preset: str = "default"   # "default" (numpy Generator) or "notebook" (the course's seeds)

    def validate(self) -> None:
        for spec in (MINI_BATCH_SIZE, EPOCHS, SEED):
            _check(spec, getattr(self, spec.name))
        check_field_types(self, "training")
        if self.preset not in ("default", "notebook"):
            raise ExperimentError(translate("Experiment", "unknown preset {name} (available: {names})").format(
                name=repr(self.preset), names="default, notebook"))


_SECTIONS = {"network": NetworkSpec, "optimizer": OptimizerSpec, "schedule": ScheduleSpec,
             "training": TrainingSpec, "data": DataSpec}


@dataclass
class Experiment:
    title: str = ""
    instructions: str = ""
    # the title and instructions in other languages: {"zh_CN": {"title": …, "instructions": …}}
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
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
        if self.translations:
            out["translations"] = copy.deepcopy(self.translations)
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
    def from_dict(cls, data: Any, *, where: str | None = None) -> "Experiment":
        """The experiment a parsed file describes, checked. ``where`` (e.g. the file's name)
        starts every error message; without it, a setting's error reads as it does everywhere
        else (``learning rate α must be > 0, got 0``)."""
        named = where is not None
        where = where if named else translate("Experiment", "experiment")
        if not isinstance(data, dict):
            raise ExperimentError(translate("Experiment", "{where}: expected a table of settings, got {type}").format(
                where=where, type=type(data).__name__))
        if "optstudio" not in data:
            raise ExperimentError(translate("Experiment", "{where} is not an OptStudio experiment "
                                            "(no 'optstudio' version key)").format(where=where))
        version = data["optstudio"]
        if not isinstance(version, int) or version < 1 or version > FORMAT_VERSION:
            raise ExperimentError(translate("Experiment", "{where} has format version {version}; this OptStudio "
                                            "reads version {supported}").format(
                where=where, version=repr(version), supported=FORMAT_VERSION))
        exp = cls()
        for key, value in data.items():
            if key == "optstudio":
                continue
            if key in ("title", "instructions"):
                if not isinstance(value, str):
                    raise ExperimentError(translate("Experiment", "{where}: {key} must be text").format(
                        where=where, key=key))
                setattr(exp, key, value)
            elif key == "translations":
                exp.translations = check_translations(value, where)
            elif key == "runs":
                if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
                    raise ExperimentError(translate("Experiment", "{where}: runs must be a list of tables").format(
                        where=where))
                for i, run in enumerate(value, 1):
                    if "label" in run and not isinstance(run["label"], str):
                        raise ExperimentError(translate("Experiment", "{where}: run {number}: label must be text, "
                                                        "e.g. \"Adam\", got {value}").format(
                            where=where, number=i, value=_shown(run["label"])))
                exp.runs = copy.deepcopy(value)
            elif key in _SECTIONS:
                setattr(exp, key, _section(key, value, where))
            elif key in ("trajectory", "view", "compare", "sweep", "lock", "hide"):   # lock/hide: optstudio.labs
                if key == "sweep":
                    from optstudio.core.sweep import SweepSpec  # the section's rules live there
                    SweepSpec.from_dict(value, where=translate("Experiment", "{where}: sweep").format(where=where))
                exp.extras[key] = copy.deepcopy(value)
            else:
                raise ExperimentError(translate("Experiment", "{where}: unknown section {key}").format(
                    where=where, key=repr(key)))
        try:
            exp.validate()
        except ExperimentError as exc:
            if not named:
                raise
            raise ExperimentError(translate("Experiment", "{where}: {message}").format(
                where=where, message=exc)) from None
        for i, run in enumerate(exp.runs):
            exp.variant(run, where=translate("Experiment", "{where}: run {number}").format(where=where, number=i + 1))
        return exp

    def validate(self) -> "Experiment":
        """Check every section's settings (types first); ExperimentError with one line naming
        the section and key otherwise."""
        if self.translations:
            check_translations(self.translations)
        self.network.validate()
        self.training.validate()
        self.optimizer.validate()
        self.schedule.validate()
        return self

    def copy(self) -> "Experiment":
        return copy.deepcopy(self)

    def shown_run_label(self, label: str, code: str | None = None) -> str:
        """A run's ``label`` as the file translates it into the current language (``runs`` of
        its ``translations``), else as written. Files and results keep the label as written."""
        code = code or language()
        for lang, table in self.translations.items():
            runs = table.get("runs") if isinstance(table, dict) else None
            if normalize_language(lang) == code and isinstance(runs, dict) and runs.get(label):
                return runs[label]
        return label

    def variant(self, patch: dict, *, where: str | None = None) -> "Experiment":
        """A copy of this experiment with ``patch`` applied (sections merged key by key;
        ``label`` is ignored here; a patch that changes the optimizer name starts from that
        optimizer's defaults)."""
        if where is None:
            where = translate("Experiment", "run")
        base = self.to_dict()
        base.pop("runs", None)
        for key, value in patch.items():
            if key == "label":
                continue
            if key not in _SECTIONS:
                raise ExperimentError(translate("Experiment", "{where}: unknown section {key}").format(
                    where=where, key=repr(key)))
            if not isinstance(value, dict):
                raise ExperimentError(translate("Experiment", "{where}: {key} must be a table").format(
                    where=where, key=key))
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
        """Read a JSON or TOML experiment file (see :func:`read_settings_file`)."""
        path = Path(path)
        return cls.from_dict(read_settings_file(path), where=f"'{path.name}'")


def _check(spec, value) -> None:
    """A training setting against its one declaration (:mod:`optstudio.core.settings`)."""
    try:
        check_setting(spec, value, strict=True)
    except ValueError as exc:
        raise ExperimentError(str(exc)) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _shown(value: Any, limit: int = 40) -> str:
    """A value as the file wrote it (JSON), shortened."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_KIND_WORDS = {str: (QT_TRANSLATE_NOOP("Experiment", "text"), QT_TRANSLATE_NOOP("Experiment", "text values")),
               int: (QT_TRANSLATE_NOOP("Experiment", "a whole number"),
                     QT_TRANSLATE_NOOP("Experiment", "whole numbers")),
               float: (QT_TRANSLATE_NOOP("Experiment", "a number"), QT_TRANSLATE_NOOP("Experiment", "numbers")),
               bool: (QT_TRANSLATE_NOOP("Experiment", "true or false"),
                      QT_TRANSLATE_NOOP("Experiment", "true/false values"))}


def _fits(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict) and all(isinstance(k, str) for k in value)
    if hint is Any:
        return True
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, hint)


def _expected(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint) or (Any,)
        kinds = _KIND_WORDS.get(item, ("", QT_TRANSLATE_NOOP("Experiment", "values")))[1]
        return translate("Experiment", "a list of {kinds}").format(kinds=translate("Experiment", kinds))
    if origin is dict:
        return translate("Experiment", "a table of name = value")
    if hint in _KIND_WORDS:
        return translate("Experiment", _KIND_WORDS[hint][0])
    return getattr(hint, "__name__", str(hint))


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def check_field_types(spec: Any, section: str) -> None:
    """Every field of a settings dataclass against its annotation (``hidden: list[int]``, …):
    ExperimentError naming the section and key, what was expected (with the default as an
    example) and what was found. The annotations are the one declaration of the types."""
    hints = _hints(type(spec))
    for f in fields(spec):
        value = getattr(spec, f.name)
        hint = hints[f.name]
        if _fits(value, hint):
            continue
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        if default in ({}, []):
            text = translate("Experiment", "{section}: {field} must be {expected}, got {value}")
        else:
            text = translate("Experiment", "{section}: {field} must be {expected}, e.g. {example}, got {value}")
        raise ExperimentError(text.format(section=section, field=f.name, expected=_expected(hint),
                                          example=_shown(default), value=_shown(value)))


def _section(key: str, value: Any, where: str):
    cls = _SECTIONS[key]
    if not isinstance(value, dict):
        raise ExperimentError(translate("Experiment", "{where}: {key} must be a table of settings").format(
            where=where, key=key))
    if key == "data":
        try:
            return DataSpec.from_dict(value)
        except (ValueError, TypeError) as exc:
            raise ExperimentError(translate("Experiment", "{where}: data: {message}").format(
                where=where, message=exc)) from None
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(value) - names)
    if unknown:
        raise ExperimentError(translate("Experiment", "{where}: unknown {section} setting {key} "
                                        "(known: {known})").format(
            where=where, section=key, key=repr(unknown[0]), known=", ".join(sorted(names))))
    obj = cls(**copy.deepcopy(value))
    if key == "optimizer" and isinstance(obj.learning_rate, int) and not isinstance(obj.learning_rate, bool):
        obj.learning_rate = float(obj.learning_rate)
    return obj


# ---------------------------------------------------------------------- reading files
def read_settings_file(path) -> Any:
    """The parsed contents of a JSON or TOML (``.toml``) experiment or lab file: read as UTF-8
    (a byte-order mark is allowed), at most :data:`MAX_FILE_BYTES`, through
    :func:`loads_settings`. ExperimentError with one line otherwise."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ExperimentError(translate("Experiment", "experiment file {path} does not exist").format(
            path=repr(str(path)))) from None
    except IsADirectoryError:
        raise ExperimentError(translate("Experiment", "{path} is a folder, not an experiment file").format(
            path=repr(str(path)))) from None
    except OSError as exc:
        raise ExperimentError(translate("Experiment", "cannot read experiment file {path}: {reason}").format(
            path=repr(str(path)), reason=exc.strerror or exc)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ExperimentError(translate("Experiment", "{file} is larger than {size} MiB; an experiment file holds "
                                        "a few kilobytes of settings").format(
            file=f"'{path.name}'", size=MAX_FILE_BYTES // (1024 * 1024)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExperimentError(translate("Experiment", "{file} is not a UTF-8 text file (byte {byte}); save it as "
                                        "UTF-8 JSON or TOML").format(file=f"'{path.name}'", byte=exc.start)) from None
    return loads_settings(text, toml=path.suffix.lower() == ".toml", where=f"'{path.name}'")


def loads_settings(text: str, *, toml: bool = False, where: str | None = None) -> Any:
    """Parse the JSON (or TOML) text of an experiment or lab file: the one place where such text
    is parsed. A leading byte-order mark is ignored; nesting deeper than :data:`MAX_NESTING` is
    refused before parsing (see :func:`nesting_depth`). ExperimentError with one line otherwise."""
    if where is None:
        where = translate("Experiment", "file")
    if text.startswith("\ufeff"):
        text = text[1:]
    depth, line = nesting_depth(text, toml=toml, limit=MAX_NESTING)
    if depth > MAX_NESTING:
        raise ExperimentError(translate("Experiment", "{where} nests more than {levels} levels deep (line {line}); "
                                        "an experiment file needs only a few").format(
            where=where, levels=MAX_NESTING, line=line))
    try:
        if toml:
            return _toml_loads(text, where)
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExperimentError(translate("Experiment", "{where} is not valid JSON (line {line}, column {column}: "
                                            "{reason})").format(where=where, line=exc.lineno, column=exc.colno,
                                                                reason=_json_reason(exc.msg))) from None
    except (RecursionError, MemoryError):         # a safety net: the depth check should prevent it
        raise ExperimentError(translate("Experiment", "{where} is too deeply nested or too large to "
                                        "read").format(where=where)) from None


#: the reasons Python's JSON parser gives, shown in the current language (others stay as they are)
_JSON_REASONS = (
    QT_TRANSLATE_NOOP("Experiment", "Expecting value"),
    QT_TRANSLATE_NOOP("Experiment", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("Experiment", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("Experiment", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("Experiment", "Unterminated string starting at"),
    QT_TRANSLATE_NOOP("Experiment", "Invalid control character at"),
    QT_TRANSLATE_NOOP("Experiment", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("Experiment", "Invalid \\uXXXX escape"),
    QT_TRANSLATE_NOOP("Experiment", "Extra data"),
    QT_TRANSLATE_NOOP("Experiment", "Illegal trailing comma before end of object"),
    QT_TRANSLATE_NOOP("Experiment", "Illegal trailing comma before end of array"),
)


def _json_reason(msg: str) -> str:
    return translate("Experiment", msg) if msg in _JSON_REASONS else msg


def loads_toml(text: str, where: str | None = None) -> dict:
    """Parse TOML text (see :func:`loads_settings`)."""
    return loads_settings(text, toml=True, where=where)


def _toml_loads(text: str, where: str) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExperimentError(translate("Experiment", "{where} is not valid TOML ({reason})").format(
            where=where, reason=" ".join(str(exc).split()))) from None


_SPECIAL = {False: re.compile(r'["\[\]{}\n]'), True: re.compile(r'["\'\[\]{}\n#=,.]')}
# the rest of a string after its opening quote(s), closing quote(s) included
_STRING_REST = {'"': re.compile(r'(?:[^"\\\n]|\\.)*"'), "'": re.compile(r"[^'\n]*'"),
                '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.S),
                "'''": re.compile(r"(?:[^']|'(?!''))*'''", re.S)}


def nesting_depth(text: str, *, toml: bool = False, limit: int | None = None) -> tuple[int, int]:
    """(deepest nesting, its line) of JSON or TOML text, found without parsing it: brackets and
    braces outside strings count one level each; in TOML, so does every dot of a dotted key
    (``a.b.c = 1`` nests three tables; a run of dots is reset by ``=``, ``,``, a bracket or a
    new line). With ``limit``, stops at the first point deeper than that. Linear in the text:
    only the characters that matter are visited."""
    special = _SPECIAL[toml]
    depth = dots = deepest = 0
    deepest_line = line = 1
    i, n = 0, len(text)
    while i < n:
        m = special.search(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == "\n":
            line += 1
            dots = 0
        elif c == '"' or c == "'":
            quote = c * 3 if toml and text.startswith(c * 3, i) else c
            rest = _STRING_REST[quote].match(text, i + len(quote))
            if rest is None:               # an unclosed string: the parser reports it
                end = text.find("\n", i)
                i = n if end < 0 else end
                continue
            line += text.count("\n", i, rest.end())
            i = rest.end()
            continue
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "[{":
            depth += 1
            dots = 0
        elif c in "]}":
            depth = max(0, depth - 1)
            dots = 0
        elif c in "=,":
            dots = 0
        else:                              # "." in TOML
            dots += 1
        if depth + dots > deepest:
            deepest, deepest_line = depth + dots, line
            if limit is not None and deepest > limit:
                break
        i += 1
    return deepest, deepest_line


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        raise ExperimentError(translate("Experiment", "TOML cannot store an empty value; use JSON"))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise ExperimentError(translate("Experiment", "cannot write {type} to TOML").format(type=type(value).__name__))


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
            raise ExperimentError(translate("Experiment", "the data has {count} classes: binary cross-entropy "
                                            "needs 2; choose the softmax loss").format(count=n_classes))
        return 1
    if spec.loss == "softmax":
        return max(n_classes, 2)
    return 1 if n_classes <= 2 else n_classes
