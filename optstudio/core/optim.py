"""The optimizer protocol: what an optimizer, a schedule and a registry of them are.

The core declares here what it needs; :mod:`optstudio.plugins` implements the registry with
pluggy (and re-exports these records as :mod:`optstudio.plugins.types`, the public plugin API
together with :mod:`optstudio.plugins.hookspecs`). Everything here is plain Python and numpy.

An optimizer plugin returns an :class:`OptimizerInfo` whose ``factory`` builds an
:class:`Optimizer`; a schedule plugin returns a :class:`ScheduleInfo` whose ``factory``
builds a :class:`Schedule`. Hyperparameters are described by :class:`ParamSpec` records;
the GUI generates its forms from them and the CLI validates ``--set NAME=VALUE`` with them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np

__all__ = [
    "ParamSpec",
    "OptimizerInfo",
    "ScheduleInfo",
    "Optimizer",
    "Schedule",
    "DescriptorError",
    "OptimizerFailure",
    "Registry",
    "validate_params",
    "docstring_block",
    "one_line",
]

_NAME_RE = re.compile(r"^[a-z][a-z0-9_\-]*$")


class DescriptorError(ValueError):
    """A plugin returned a descriptor that does not follow the API."""


class OptimizerFailure(RuntimeError):
    """An optimizer or schedule failed while it was built or used; ``str(exc)`` is one line that
    names what failed (a registry raises a subclass of it for plugin code that raised)."""


def one_line(exc: BaseException) -> str:
    """The one-line message shown to a user for ``exc``: the first line of its text, prefixed by
    the exception's type unless it is an error whose message is written for the user
    (``ValueError`` and its subclasses, :class:`OptimizerFailure`)."""
    text = str(exc).strip().splitlines()
    first = text[0].strip() if text else ""
    if isinstance(exc, (ValueError, OptimizerFailure)):
        return first or type(exc).__name__
    if isinstance(exc, KeyError) and exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@dataclass(frozen=True)
class ParamSpec:
    """One hyperparameter of an optimizer or schedule.

    ``kind`` is ``"float"``, ``"int"``, ``"bool"`` or ``"choice"`` (then ``choices``
    lists the allowed strings). ``min``/``max`` are inclusive bounds (``None`` = open).
    ``log`` asks the GUI for a log-scale field (for things like ε or a decay rate that
    span orders of magnitude).
    """

    name: str
    default: Any
    min: float | None = None
    max: float | None = None
    log: bool = False
    help: str = ""
    kind: str = "float"
    choices: tuple[str, ...] = ()
    label: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", self.name):
            raise DescriptorError(f"parameter name {self.name!r} is not a valid identifier")
        if self.kind not in ("float", "int", "bool", "choice"):
            raise DescriptorError(f"parameter {self.name!r}: unknown kind {self.kind!r}")
        if self.kind == "choice" and (not self.choices or self.default not in self.choices):
            raise DescriptorError(f"parameter {self.name!r}: default must be one of its choices")
        if self.kind in ("float", "int"):
            if isinstance(self.default, bool) or not isinstance(self.default, (int, float)):
                raise DescriptorError(f"parameter {self.name!r}: default {self.default!r} is not a number")
            try:
                self.coerce(self.default)
            except ValueError as exc:
                raise DescriptorError(f"parameter {self.name!r}: default {exc}") from None
            if self.log and (self.min is None or self.min <= 0):
                raise DescriptorError(f"parameter {self.name!r}: a log-scale parameter needs min > 0")
        if self.kind == "bool" and not isinstance(self.default, bool):
            raise DescriptorError(f"parameter {self.name!r}: default must be True or False")

    @property
    def display_label(self) -> str:
        return self.label or self.name

    def coerce(self, value: Any) -> Any:
        """Convert ``value`` (possibly a string from the CLI or a file) and check its range.

        Raises ``ValueError`` with a one-line message naming the parameter.
        """
        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, (int, float)) and value in (0, 1):
                return bool(value)
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(f"{self.name} must be true or false, got {value!r}")
        if self.kind == "choice":
            text = str(value).strip()
            if text not in self.choices:
                raise ValueError(f"{self.name} must be one of {', '.join(self.choices)}, got {value!r}")
            return text
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"{self.name} must be a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ValueError(f"{self.name} must be a finite number, got {value!r}")
        if self.kind == "int":
            if number != int(number):
                raise ValueError(f"{self.name} must be a whole number, got {value!r}")
            number = int(number)
        if self.min is not None and number < self.min:
            raise ValueError(f"{self.name} must be at least {self.min:g}, got {number:g}")
        if self.max is not None and number > self.max:
            raise ValueError(f"{self.name} must be at most {self.max:g}, got {number:g}")
        return number


def docstring_block(obj: Any, heading: str = "Update rule::") -> str:
    """The indented block that follows ``heading`` in ``obj``'s docstring, dedented.

    Lets an optimizer state its update rule once, in its docstring, and use the same text as its
    descriptor's ``formula``::

        class SignGD(Optimizer):
            \"\"\"Sign gradient descent.

            Update rule::

                W = W − α·sign(dW)
            \"\"\"
        OptimizerInfo(..., formula=docstring_block(SignGD), ...)
    """
    lines = (getattr(obj, "__doc__", None) or "").splitlines()
    for index, line in enumerate(lines):
        if line.strip() == heading:
            block: list[str] = []
            for body in lines[index + 1:]:
                if body.strip() == "":
                    if block:
                        break
                    continue
                block.append(body)
            if block:
                indent = min(len(b) - len(b.lstrip()) for b in block)
                return "\n".join(b[indent:].rstrip() for b in block)
    name = getattr(obj, "__name__", type(obj).__name__)
    raise ValueError(f"{name} has no {heading!r} block in its docstring")


def validate_params(specs: Sequence[ParamSpec], values: Mapping[str, Any], owner: str) -> dict[str, Any]:
    """Fill defaults, coerce and range-check ``values`` against ``specs``.

    Unknown names raise ``ValueError("unknown parameter 'x' for <owner> (known: …)")``.
    """
    by_name = {spec.name: spec for spec in specs}
    for name in values:
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            raise ValueError(f"unknown parameter {name!r} for {owner} (known: {known})")
    result = {}
    for spec in specs:
        raw = values.get(spec.name, spec.default)
        try:
            result[spec.name] = spec.coerce(raw)
        except ValueError as exc:
            raise ValueError(f"{owner}: {exc}") from None
    return result


def _check_common(kind: str, name: Any, label: Any, description: Any, factory: Any, params: Any) -> None:
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise DescriptorError(f"{kind} name {name!r} must be lower-case letters, digits, '-' or '_'")
    if not isinstance(label, str) or not label:
        raise DescriptorError(f"{kind} {name!r}: label must be a non-empty string")
    if not isinstance(description, str):
        raise DescriptorError(f"{kind} {name!r}: description must be a string")
    if not callable(factory):
        raise DescriptorError(f"{kind} {name!r}: factory must be callable")
    if not isinstance(params, tuple) or not all(isinstance(p, ParamSpec) for p in params):
        raise DescriptorError(f"{kind} {name!r}: params must be a tuple of ParamSpec")
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise DescriptorError(f"{kind} {name!r}: duplicate parameter names")


@dataclass(frozen=True)
class OptimizerInfo:
    """Descriptor of an optimizer plugin.

    ``formula`` is the update rule as text in the course's notation (α learning rate,
    β, β1, β2, ε, dW, v, s, t). ``factory(**hyperparameters)`` returns a fresh
    :class:`Optimizer`; it receives every parameter of ``params`` (defaults filled in),
    never the learning rate, which is passed to every ``update`` call instead.
    """

    name: str
    label: str
    description: str
    formula: str
    factory: Callable[..., "Optimizer"]
    params: tuple[ParamSpec, ...] = ()
    default_learning_rate: float = 0.01

    def __post_init__(self) -> None:
        _check_common("optimizer", self.name, self.label, self.description, self.factory, self.params)
        if not isinstance(self.formula, str):
            raise DescriptorError(f"optimizer {self.name!r}: formula must be a string")
        lr = self.default_learning_rate
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not (lr > 0 and math.isfinite(lr)):
            raise DescriptorError(f"optimizer {self.name!r}: default_learning_rate must be a positive number")
        if any(p.name == "learning_rate" for p in self.params):
            raise DescriptorError(f"optimizer {self.name!r}: 'learning_rate' is passed to update(), not a parameter")

    def create(self, **values: Any) -> "Optimizer":
        """Validate ``values`` against the specs and build the optimizer."""
        return self.factory(**validate_params(self.params, values, f"optimizer {self.name!r}"))


@dataclass(frozen=True)
class ScheduleInfo:
    """Descriptor of a learning-rate schedule plugin.

    ``per`` is ``"epoch"`` (the rate is computed once before each epoch) or ``"step"``
    (before every mini-batch update).
    """

    name: str
    label: str
    description: str
    formula: str
    factory: Callable[..., "Schedule"]
    params: tuple[ParamSpec, ...] = ()
    per: str = "epoch"

    def __post_init__(self) -> None:
        _check_common("schedule", self.name, self.label, self.description, self.factory, self.params)
        if not isinstance(self.formula, str):
            raise DescriptorError(f"schedule {self.name!r}: formula must be a string")
        if self.per not in ("epoch", "step"):
            raise DescriptorError(f"schedule {self.name!r}: per must be 'epoch' or 'step'")

    def create(self, **values: Any) -> "Schedule":
        return self.factory(**validate_params(self.params, values, f"schedule {self.name!r}"))


class Optimizer:
    """Base class for optimizers. Subclass it, or write any class with the same methods.

    The host calls, in order::

        opt.init(params)                                 # once; params: dict name -> ndarray
        opt.update(params, grads, t, learning_rate)       # every mini-batch, t = 1, 2, …

    ``update`` changes the arrays in ``params`` **in place** (``p -= …``), never rebinds them.
    ``params`` may be the network's layers (``W1``, ``b1``, …), one flat vector holding all of
    them (``theta``), or the two coordinates of a point on a 2-D function; an optimizer must not
    rely on the names.

    ``state_names`` lists the state arrays the GUI can show, as (attribute, label) pairs, e.g.
    ``(("v", "velocity v"), ("s", "squared-gradient average s"))``; each attribute is a dict
    name -> ndarray shaped like the parameter.
    """

    state_names: tuple[tuple[str, str], ...] = ()

    def init(self, params: Mapping[str, np.ndarray]) -> None:
        for attr, _label in self.state_names:
            setattr(self, attr, {name: np.zeros_like(p) for name, p in params.items()})

    def update(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], t: int,
               learning_rate: float) -> None:
        raise NotImplementedError

    def state(self) -> dict[str, dict[str, np.ndarray]]:
        """The exposed state arrays by label: ``{"velocity v": {"theta": array}, …}``."""
        out = {}
        for attr, label in self.state_names:
            value = getattr(self, attr, None)
            if isinstance(value, dict):
                out[label] = value
        return out

    def effective_step(self, learning_rate: float) -> dict[str, np.ndarray] | None:
        """Per-parameter step size α/(√ŝ + ε) for adaptive methods, else ``None``."""
        return None


class Schedule:
    """Base class for learning-rate schedules.

    ``rate(initial_rate, epoch, step, costs)`` returns the learning rate to use. ``epoch``
    counts from 0, ``step`` is the number of updates done so far (0 before the first), and
    ``costs`` is the list of training costs of the finished epochs (for plateau-style rules).
    """

    def rate(self, initial_rate: float, epoch: int, step: int, costs: Sequence[float]) -> float:
        raise NotImplementedError


@runtime_checkable
class Registry(Protocol):
    """Where the core gets optimizers and schedules by name ("give me optimizer NAME with these
    hyperparameters"). :class:`optstudio.plugins.manager.PluginManager` implements it.

    ``optimizer_info``/``schedule_info`` raise ``KeyError`` with a one-line message for an
    unknown name; ``create_*`` raise ``ValueError`` for bad hyperparameters and
    :class:`OptimizerFailure` when the plugin's factory raises.
    """

    def optimizer_info(self, name: str) -> OptimizerInfo: ...

    def schedule_info(self, name: str) -> ScheduleInfo: ...

    def create_optimizer(self, name: str, params: Mapping[str, Any] | None = None) -> Optimizer: ...

    def create_schedule(self, name: str, params: Mapping[str, Any] | None = None) -> Schedule: ...
