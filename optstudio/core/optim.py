"""The optimizer protocol: what an optimizer, a schedule and a registry of them are.

The core declares here what it needs; :mod:`optstudio.plugins` implements the registry with
pluggy (and re-exports these records as :mod:`optstudio.plugins.types`, the public plugin API
together with :mod:`optstudio.plugins.hookspecs`). Everything here is plain Python and numpy.

An optimizer plugin returns an :class:`OptimizerInfo` whose ``factory`` builds an
:class:`Optimizer`; a schedule plugin returns a :class:`ScheduleInfo` whose ``factory``
builds a :class:`Schedule`. Hyperparameters are described by :class:`ParamSpec` records;
the GUI generates its forms from them and the CLI validates ``--set NAME=VALUE`` with them.

Cross-cutting pieces are written once, here, and offered to every optimizer (in the spirit of
optax's ``chain``): coupled weight decay, decoupled weight decay and gradient clipping are
:class:`Transform` steps that a :class:`Chain` runs before the optimizer's own update. Their
hyperparameters are the :data:`SHARED_PARAMS`; :meth:`OptimizerInfo.create` (and the registry)
split them off, build the optimizer with the rest and compose with :func:`with_shared`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence, runtime_checkable

import numpy as np

from optstudio.core.i18n import localized, translate

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
    "Transform",
    "CoupledWeightDecay",
    "DecoupledWeightDecay",
    "ClipByGlobalNorm",
    "ClipByValue",
    "Chain",
    "with_shared",
    "check_stacked",
    "WEIGHT_DECAY",
    "DECOUPLED_WEIGHT_DECAY",
    "CLIP_NORM",
    "CLIP_VALUE",
    "SHARED_PARAMS",
    "SHARED_NAMES",
    "check_translations",
    "param_text",
]

_NAME_RE = re.compile(r"^[a-z][a-z0-9_\-]*$")


class DescriptorError(ValueError):
    """A plugin returned a descriptor that does not follow the API."""


class OptimizerFailure(RuntimeError):
    """An optimizer or schedule failed while it was built or used; ``str(exc)`` is one line that
    names what failed (a registry raises a subclass of it for plugin code that raised)."""


def one_line(exc: BaseException, *, with_type: bool | None = None) -> str:
    """The one-line message shown to a user for ``exc``: the first non-empty line of its text
    (a SyntaxError's ``msg``, a KeyError's message without quotes), prefixed by the exception's
    type unless it is an error whose message is written for the user (``ValueError`` and its
    subclasses, :class:`OptimizerFailure`, a KeyError naming what is unknown). ``with_type``
    forces the prefix on or off (a plugin's own exception is described with its type)."""
    if with_type is None:
        with_type = not isinstance(exc, (ValueError, OptimizerFailure, KeyError))
    if isinstance(exc, SyntaxError):
        text = exc.msg or ""
    elif isinstance(exc, KeyError) and not with_type and exc.args and isinstance(exc.args[0], str):
        text = exc.args[0]
    else:
        text = str(exc)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not with_type:
        return first or type(exc).__name__
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@dataclass(frozen=True)
class ParamSpec:
    """One hyperparameter of an optimizer or schedule.

    ``kind`` is ``"float"``, ``"int"``, ``"bool"`` or ``"choice"`` (then ``choices``
    lists the allowed strings). ``min``/``max`` are inclusive bounds (``None`` = open);
    ``min_exclusive`` makes ``min`` a strict bound (a learning rate > 0). ``log`` asks the GUI
    for a log-scale field (for things like ε or a decay rate that span orders of magnitude).
    The app's own settings (learning rate, epochs, mini-batch size, seed) are declared with the
    same records in :mod:`optstudio.core.settings`.
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
    min_exclusive: bool = False

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
            if self.log and (self.min is None or self.min < 0 or (self.min == 0 and not self.min_exclusive)):
                raise DescriptorError(f"parameter {self.name!r}: a log-scale parameter needs min > 0")
        if self.kind == "bool" and not isinstance(self.default, bool):
            raise DescriptorError(f"parameter {self.name!r}: default must be True or False")

    @property
    def display_label(self) -> str:
        return self.label or self.name

    def coerce(self, value: Any, name: str | None = None) -> Any:
        """Convert ``value`` (possibly a string from the CLI or a file) and check its range.

        Raises ``ValueError`` with a one-line message naming the parameter (or ``name``: a flag
        such as ``--lr``, a file's key).
        """
        name = name or self.name
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
            raise ValueError(translate("ParamSpec", "{name} must be true or false, got {value}").format(
                name=name, value=repr(value)))
        if self.kind == "choice":
            text = str(value).strip()
            if text not in self.choices:
                raise ValueError(translate("ParamSpec", "{name} must be one of {choices}, got {value}").format(
                    name=name, choices=", ".join(self.choices), value=repr(value)))
            return text
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(translate("ParamSpec", "{name} must be a number, got {value}").format(
                name=name, value=repr(value))) from None
        if not math.isfinite(number):
            raise ValueError(translate("ParamSpec", "{name} must be a finite number, got {value}").format(
                name=name, value=repr(value)))
        if self.kind == "int":
            if number != int(number):
                raise ValueError(translate("ParamSpec", "{name} must be a whole number, got {value}").format(
                    name=name, value=repr(value)))
            number = int(number)
        if self.min is not None and (number < self.min or (self.min_exclusive and number == self.min)):
            text = (translate("ParamSpec", "{name} must be > {bound}, got {value}") if self.min_exclusive
                    else translate("ParamSpec", "{name} must be at least {bound}, got {value}"))
            raise ValueError(text.format(name=name, bound=f"{self.min:g}", value=f"{number:g}"))
        if self.max is not None and number > self.max:
            raise ValueError(translate("ParamSpec", "{name} must be at most {bound}, got {value}").format(
                name=name, bound=f"{self.max:g}", value=f"{number:g}"))
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
            known = ", ".join(by_name) or translate("ParamSpec", "none")
            raise ValueError(translate("ParamSpec", "unknown parameter {name} for {owner} (known: {known})").format(
                name=repr(name), owner=owner, known=known))
    result = {}
    for spec in specs:
        raw = values.get(spec.name, spec.default)
        try:
            result[spec.name] = spec.coerce(raw)
        except ValueError as exc:
            raise ValueError(f"{owner}: {exc}") from None
    return result


# ---------------------------------------------------------------------------------------------
# Shared hyperparameters: declared once, offered to every optimizer
# ---------------------------------------------------------------------------------------------
# Their labels and help are translated under the context "ParamSpec": the texts are marked with
# QT_TRANSLATE_NOOP in optstudio/plugins/param_texts.py (the "plugins" translation area, with the
# plugins' other texts); tests/test_i18n_plugins.py checks that every label and help here is there.

#: Coupled L2 weight decay, torch's ``weight_decay`` of SGD, RMSprop, Adam, Adagrad, …:
#: dW ← dW + λ·W (see :class:`CoupledWeightDecay`).
WEIGHT_DECAY = ParamSpec(
    "weight_decay", 0.0, min=0.0, max=1.0, label="λ (weight decay)",
    help="λ: L2 regularization added to the gradient (dW + λ·W), as torch does. "
         "0 switches it off; typical values are 1e-5 to 1e-2.")

#: Decoupled weight decay, AdamW's: W ← W − α·λ·W before the update (:class:`DecoupledWeightDecay`).
DECOUPLED_WEIGHT_DECAY = ParamSpec(
    "decoupled_weight_decay", 0.0, min=0.0, max=1.0, label="λ (decoupled decay)",
    help="λ: each step the weights are multiplied by (1 − α·λ) before the update, independently "
         "of the gradient (AdamW's decay). 0 switches it off; typical values are 1e-4 to 1e-1.")

#: Clipping by global norm: dW ← dW·min(1, c/(‖dW‖ + 1e-6)) (:class:`ClipByGlobalNorm`).
CLIP_NORM = ParamSpec(
    "clip_norm", 0.0, min=0.0, max=1000.0, label="clip ‖dW‖ at",
    help="c: if the norm of all gradients together exceeds c, they are scaled down to norm c "
         "(torch.nn.utils.clip_grad_norm_). 0 switches it off; try 1 to 5.")

#: Clipping by value: dW ← clip(dW, −c, c) (:class:`ClipByValue`).
CLIP_VALUE = ParamSpec(
    "clip_value", 0.0, min=0.0, max=1000.0, label="clip |dW| at",
    help="c: every gradient component is clipped to the range −c … c "
         "(torch.nn.utils.clip_grad_value_). 0 switches it off.")

#: The shared hyperparameters, in the order a form lists them; 0 means off for all of them.
SHARED_PARAMS: tuple[ParamSpec, ...] = (WEIGHT_DECAY, DECOUPLED_WEIGHT_DECAY, CLIP_NORM, CLIP_VALUE)
SHARED_NAMES: tuple[str, ...] = tuple(spec.name for spec in SHARED_PARAMS)


#: what a descriptor's ``translations`` may give per language (the descriptor's own field names;
#: a formula is the course's notation in every language, so ``formula`` is rarely given), and per
#: parameter (the :class:`ParamSpec` field names; ``choices`` maps a choice to its display text)
TRANSLATED_FIELDS = ("label", "description", "formula")
TRANSLATED_PARAM_FIELDS = ("label", "help", "choices")


def check_translations(kind: str, name: str, translations: Any, params: Sequence[ParamSpec]) -> dict:
    """A descriptor's ``translations`` checked and copied: ``{language: {"label": text,
    "description": text, "params": {param: {"label": text, "help": text,
    "choices": {choice: text}}}}}`` (every key optional).

    Languages are codes such as ``"zh_CN"``; ``params`` are the parameters it may name.
    :class:`DescriptorError` with one line for anything else."""
    where = f"{kind} {name!r}: translations"
    if translations is None:
        return {}
    if not isinstance(translations, Mapping):
        raise DescriptorError(f"{where} must be a mapping of language to texts, e.g. "
                              f"{{'zh_CN': {{'label': '…'}}}}, got {type(translations).__name__}")
    out: dict[str, dict] = {}
    for language, table in translations.items():
        if not isinstance(language, str) or not language.strip():
            raise DescriptorError(f"{where}: a language must be a code such as 'zh_CN', got {language!r}")
        here = f"{where}[{language!r}]"
        if not isinstance(table, Mapping):
            raise DescriptorError(f"{here} must be a mapping of texts, got {type(table).__name__}")
        copied: dict[str, Any] = {}
        for key, value in table.items():
            if key == "params":
                copied["params"] = _check_param_translations(here, value, params)
            elif key in TRANSLATED_FIELDS:
                if not isinstance(value, str):
                    raise DescriptorError(f"{here}: {key} must be a string, got {type(value).__name__}")
                copied[key] = value
            else:
                raise DescriptorError(f"{here}: unknown key {key!r} "
                                      f"(known: {', '.join(TRANSLATED_FIELDS)}, params)")
        out[language] = copied
    return out


def _check_param_translations(here: str, value: Any, params: Sequence[ParamSpec]) -> dict:
    if not isinstance(value, Mapping):
        raise DescriptorError(f"{here}: params must be a mapping of parameter name to texts, "
                              f"got {type(value).__name__}")
    specs = {spec.name: spec for spec in params}
    out: dict[str, dict[str, Any]] = {}
    for param, texts in value.items():
        if param not in specs:
            known = ", ".join(specs) or "none"
            raise DescriptorError(f"{here}: params: unknown parameter {param!r} (known: {known})")
        if not isinstance(texts, Mapping):
            raise DescriptorError(f"{here}: params[{param!r}] must be a mapping such as "
                                  f"{{'label': '…', 'help': '…'}}, got {type(texts).__name__}")
        copied: dict[str, Any] = {}
        for key, text in texts.items():
            if key not in TRANSLATED_PARAM_FIELDS:
                raise DescriptorError(f"{here}: params[{param!r}]: unknown key {key!r} "
                                      f"(known: {', '.join(TRANSLATED_PARAM_FIELDS)})")
            if key == "choices":
                copied[key] = _check_choice_translations(f"{here}: params[{param!r}]: choices", text,
                                                         specs[param].choices)
            elif not isinstance(text, str):
                raise DescriptorError(f"{here}: params[{param!r}]: {key} must be a string, "
                                      f"got {type(text).__name__}")
            else:
                copied[key] = text
        out[param] = copied
    return out


def _check_choice_translations(here: str, value: Any, choices: Sequence[str]) -> dict[str, str]:
    if not choices:
        raise DescriptorError(f"{here}: the parameter has no choices")
    if not isinstance(value, Mapping):
        raise DescriptorError(f"{here} must be a mapping of choice to its text, got {type(value).__name__}")
    for choice, text in value.items():
        if choice not in choices:
            raise DescriptorError(f"{here}: unknown choice {choice!r} (choices: {', '.join(choices)})")
        if not isinstance(text, str):
            raise DescriptorError(f"{here}: the text of {choice!r} must be a string, got {type(text).__name__}")
    return dict(value)


def param_text(spec: ParamSpec, key: str = "label", translations: Mapping[str, Any] | None = None) -> str:
    """The ``label`` (the spec's name if it has none) or ``help`` of ``spec`` in the current
    language: a plugin's own translation (``translations["zh_CN"]["params"][name][key]``), else
    the host's catalogue under the context ``"ParamSpec"`` (the shared parameters and the app's
    settings), else the English text."""
    default = spec.display_label if key == "label" else getattr(spec, key)
    found = localized(translations, f"params.{spec.name}.{key}", None)
    if found is not None:
        return found
    return translate("ParamSpec", default) if default else default


class _Translated:
    """``text`` and ``param_text`` for descriptors with ``translations``."""

    translations: Mapping[str, Any]

    def text(self, key: str = "label") -> str:
        """The descriptor's ``label`` or ``description`` in the current language (the plugin's
        ``translations``, else the English text)."""
        return localized(self.translations, key, getattr(self, key))

    def param_text(self, spec: ParamSpec | str, key: str = "label") -> str:
        """A parameter's ``label`` or ``help`` in the current language (see :func:`param_text`);
        ``spec`` is one of the descriptor's specs or its name."""
        if isinstance(spec, str):
            spec = next(p for p in self._translatable_params() if p.name == spec)
        return param_text(spec, key, self.translations)

    def choice_text(self, spec: ParamSpec | str, choice: str) -> str:
        """How a ``choice`` parameter's value ``choice`` is shown in the current language (the
        plugin's ``params.NAME.choices``, else the value itself, which is what files and
        ``--set`` use)."""
        name = spec if isinstance(spec, str) else spec.name
        return localized(self.translations, f"params.{name}.choices.{choice}", choice)

    def _translatable_params(self) -> tuple[ParamSpec, ...]:
        return self.params  # type: ignore[attr-defined]


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
class OptimizerInfo(_Translated):
    """Descriptor of an optimizer plugin.

    ``formula`` is the update rule as text in the course's notation (α learning rate,
    β, β1, β2, ε, dW, v, s, t). ``factory(**hyperparameters)`` returns a fresh
    :class:`Optimizer`; it receives every parameter of ``params`` (defaults filled in),
    never the learning rate, which is passed to every ``update`` call instead.

    Every optimizer also accepts the :data:`SHARED_PARAMS` (coupled and decoupled weight decay,
    clipping by norm and by value): the host implements them with :class:`Chain` and they never
    reach the factory. :attr:`all_params` lists everything the optimizer accepts (``params``,
    then the shared ones not in ``params``): the registry, ``--set`` and experiment files accept
    all of it, and a form showing every option is built from it. Rules:

    * a spec in ``params`` that *is* a shared spec (e.g. ``WEIGHT_DECAY`` itself) only places
      that shared parameter in the form; the host still implements it;
    * any other spec is the optimizer's own and goes to the factory, even if its name is a
      shared name (then that shared parameter is not offered: the optimizer has it natively);
    * ``native`` names shared parameters the optimizer covers itself under another name, or that
      make no sense for it; they are not offered (AdamW: its own ``weight_decay`` is decoupled, so
      ``native=("decoupled_weight_decay",)``).

    ``stackable=True`` declares that one optimizer object can update k runs at once (a sweep of
    learning rates or β values trains its runs as the rows of one stack). The host then builds it
    with :meth:`create_stacked`, which calls ``factory(**values, rows=k)`` where every ``float``
    or ``int`` hyperparameter is a (k, 1) column of float64 (row i: run i's value; ``bool`` and
    ``choice`` values are the same for all k runs). That optimizer's ``init`` receives
    ``{"theta": array of shape (k, P)}`` (run i's parameters are row i) and its ``update``
    receives gradients of the same shape and ``learning_rate`` as a (k, 1) column; numpy
    broadcasting does the rest. Row i must get exactly the numbers (bit for bit) that the
    optimizer built by ``factory(**row_i_values)`` gives on run i alone: the same elementwise
    operations in the same order, and per-step numbers such as β^t computed as the single
    optimizer computes them (:func:`check_stacked` tests exactly that). An optimizer that cannot
    do this leaves ``stackable`` False and is called run by run, as always.

    ``translations`` gives the texts in other languages, by language code::

        translations={"zh_CN": {"label": "符号梯度下降", "description": "…",
                                "params": {"beta": {"label": "β", "help": "…"}}}}

    (every key optional; ``params`` may name any of :attr:`all_params`). The window shows them
    with :meth:`text` and :meth:`param_text` (or :func:`optstudio.core.i18n.localized` with the
    keys ``"label"``, ``"description"``, ``"params.beta.label"``…); the formula is never translated.
    """

    name: str
    label: str
    description: str
    formula: str
    factory: Callable[..., "Optimizer"]
    params: tuple[ParamSpec, ...] = ()
    default_learning_rate: float = 0.01
    native: tuple[str, ...] = ()
    stackable: bool = False
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        _check_common("optimizer", self.name, self.label, self.description, self.factory, self.params)
        if not isinstance(self.stackable, bool):
            raise DescriptorError(f"optimizer {self.name!r}: stackable must be True or False")
        if not isinstance(self.formula, str):
            raise DescriptorError(f"optimizer {self.name!r}: formula must be a string")
        lr = self.default_learning_rate
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not (lr > 0 and math.isfinite(lr)):
            raise DescriptorError(f"optimizer {self.name!r}: default_learning_rate must be a positive number")
        if any(p.name == "learning_rate" for p in self.params):
            raise DescriptorError(f"optimizer {self.name!r}: 'learning_rate' is passed to update(), not a parameter")
        if not isinstance(self.native, tuple) or not all(isinstance(n, str) for n in self.native):
            raise DescriptorError(f"optimizer {self.name!r}: native must be a tuple of parameter names")
        for name in self.native:
            if name not in SHARED_NAMES:
                raise DescriptorError(f"optimizer {self.name!r}: native {name!r} is not a shared parameter "
                                      f"(shared: {', '.join(SHARED_NAMES)})")
            if any(p.name == name and p in SHARED_PARAMS for p in self.params):
                raise DescriptorError(f"optimizer {self.name!r}: {name!r} is both in native and listed "
                                      f"as the shared parameter in params")
        object.__setattr__(self, "translations", check_translations(
            "optimizer", self.name, self.translations, self.all_params))

    def _translatable_params(self) -> tuple[ParamSpec, ...]:
        return self.all_params

    @property
    def own_params(self) -> tuple[ParamSpec, ...]:
        """The specs the factory receives: ``params`` without the shared specs listed in it."""
        return tuple(p for p in self.params if p not in SHARED_PARAMS)

    @property
    def shared_params(self) -> tuple[ParamSpec, ...]:
        """The shared specs the host implements for this optimizer (those listed in ``params``
        first, then the others it is offered)."""
        listed = tuple(p for p in self.params if p in SHARED_PARAMS)
        taken = {p.name for p in self.params} | set(self.native)
        return listed + tuple(p for p in SHARED_PARAMS if p.name not in taken)

    @property
    def all_params(self) -> tuple[ParamSpec, ...]:
        """Everything the optimizer accepts: ``params``, then the offered shared specs."""
        return self.params + tuple(p for p in self.shared_params if p not in self.params)

    def validate(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """:func:`validate_params` against :attr:`all_params`; an unknown name's message lists the
        optimizer's ``params`` and, separately, the shared parameters it is offered."""
        owner = translate("ParamSpec", "optimizer {name}").format(name=repr(self.name))
        specs = self.all_params
        known = {p.name for p in specs}
        for name in values:
            if name not in known:
                own = ", ".join(p.name for p in self.params) or translate("ParamSpec", "none")
                extra = ", ".join(p.name for p in specs[len(self.params):])
                text = (translate("ParamSpec", "unknown parameter {name} for {owner} (known: {known}) "
                                               "(shared by all optimizers: {shared})") if extra
                        else translate("ParamSpec", "unknown parameter {name} for {owner} (known: {known})"))
                raise ValueError(text.format(name=repr(name), owner=owner, known=own, shared=extra))
        return validate_params(specs, values, owner)

    def split(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(own, shared)``: validated ``values`` divided into the factory's keywords and the
        keywords of :func:`with_shared`."""
        shared_names = {p.name for p in self.shared_params}
        own = {k: v for k, v in values.items() if k not in shared_names}
        shared = {k: v for k, v in values.items() if k in shared_names}
        return own, shared

    def create(self, **values: Any) -> "Optimizer":
        """Validate ``values`` against :attr:`all_params`, build the optimizer with its own
        parameters and compose it with the shared pieces (see :func:`with_shared`)."""
        own, shared = self.split(self.validate(values))
        return with_shared(self.factory(**own), **shared)

    def stack_signature(self, values: Mapping[str, Any]) -> tuple | None:
        """What runs must share for one stacked optimizer to update them all (see ``stackable``):
        the optimizer and its ``bool``/``choice`` hyperparameters. ``None`` when this optimizer
        with ``values`` cannot be stacked (not ``stackable``, or a shared piece such as weight
        decay or clipping is on: those are applied run by run). Raises ValueError for bad values."""
        own, shared = self.split(self.validate(values))
        if not self.stackable or any(shared.values()):
            return None
        specs = {p.name: p for p in self.own_params}
        return (self.name,) + tuple(sorted((name, value) for name, value in own.items()
                                           if specs[name].kind in ("bool", "choice")))

    def create_stacked(self, rows: Sequence[Mapping[str, Any]]) -> "Optimizer":
        """One optimizer for k = ``len(rows)`` runs, row i with hyperparameters ``rows[i]`` (see
        ``stackable``). The rows must have one :meth:`stack_signature`, not None; ValueError
        otherwise, or for bad values."""
        rows = list(rows)
        if not rows:
            raise ValueError(f"optimizer {self.name!r}: a stack needs at least one run")
        signatures = {self.stack_signature(values) for values in rows}
        if None in signatures:
            raise ValueError(f"optimizer {self.name!r} cannot update several runs at once with these "
                             f"hyperparameters")
        if len(signatures) != 1:
            raise ValueError(f"optimizer {self.name!r}: runs stacked together must share their "
                             f"true/false and choice hyperparameters")
        owns = [self.split(self.validate(values))[0] for values in rows]
        columns: dict[str, Any] = {}
        for spec in self.own_params:
            if spec.kind in ("float", "int"):
                columns[spec.name] = np.array([[float(own[spec.name])] for own in owns], dtype=np.float64)
            else:
                columns[spec.name] = owns[0][spec.name]
        return self.factory(**columns, rows=len(rows))


def check_stacked(info: OptimizerInfo, rows: Sequence[Mapping[str, Any]], *, size: int = 23, steps: int = 25,
                  seed: int = 0) -> None:
    """Check a ``stackable`` optimizer against its own single-run version, for plugin authors (in
    the spirit of scikit-learn's ``check_estimator``): one optimizer built for ``rows`` (one dict
    of hyperparameters per run) and ``len(rows)`` single optimizers take ``steps`` updates on
    random parameters of ``size`` numbers, each row with its own learning rate; every row must
    equal its single run bit for bit. Raises ValueError naming the first row and step that
    differ."""
    rng = np.random.default_rng(seed)
    rows = [dict(r) for r in rows]
    k = len(rows)
    stacked = info.create_stacked(rows)
    singles = [info.create(**r) for r in rows]
    theta = rng.standard_normal((k, size))
    grads = np.empty((k, size))
    thetas = [theta[i].copy() for i in range(k)]
    stacked.init({"theta": theta})
    for opt, th in zip(singles, thetas):
        opt.init({"theta": th})
    rates = np.exp(rng.uniform(math.log(1e-4), 0.0, size=(k, 1)))
    for t in range(1, steps + 1):
        grads[...] = rng.standard_normal((k, size)) * rng.uniform(1e-3, 3.0)
        grads[:, :2] = 0.0                                  # exact zeros, as dead units give
        stacked.update({"theta": theta}, {"theta": grads}, t, rates)
        for i, (opt, th) in enumerate(zip(singles, thetas)):
            opt.update({"theta": th}, {"theta": grads[i].copy()}, t, float(rates[i, 0]))
            if not np.array_equal(theta[i], th, equal_nan=True):
                worst = float(np.nanmax(np.abs(theta[i] - th)))
                raise ValueError(f"optimizer {info.name!r}: row {i} ({rows[i] or 'defaults'}) differs from its "
                                 f"single run at step {t} (by up to {worst:.3g})")


@dataclass(frozen=True)
class ScheduleInfo(_Translated):
    """Descriptor of a learning-rate schedule plugin.

    ``per`` is ``"epoch"`` (the rate is computed once before each epoch) or ``"step"``
    (before every mini-batch update). ``translations`` as for :class:`OptimizerInfo`
    (``{"zh_CN": {"label": …, "description": …, "params": {name: {"label": …, "help": …}}}}``).
    """

    name: str
    label: str
    description: str
    formula: str
    factory: Callable[..., "Schedule"]
    params: tuple[ParamSpec, ...] = ()
    per: str = "epoch"
    translations: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        _check_common("schedule", self.name, self.label, self.description, self.factory, self.params)
        if not isinstance(self.formula, str):
            raise DescriptorError(f"schedule {self.name!r}: formula must be a string")
        if self.per not in ("epoch", "step"):
            raise DescriptorError(f"schedule {self.name!r}: per must be 'epoch' or 'step'")
        object.__setattr__(self, "translations", check_translations(
            "schedule", self.name, self.translations, self.params))

    def create(self, **values: Any) -> "Schedule":
        owner = translate("ParamSpec", "schedule {name}").format(name=repr(self.name))
        return self.factory(**validate_params(self.params, values, owner))


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

    An optimizer whose descriptor says ``stackable=True`` is also built for k runs at once, with
    ``rows=k`` and (k, 1) columns of hyperparameters; it then updates ``{"theta": (k, P)}`` with a
    (k, 1) column of learning rates (see :class:`OptimizerInfo`).
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


# ---------------------------------------------------------------------------------------------
# Shared pieces: transforms run before an optimizer's update, and the chain that runs them
# ---------------------------------------------------------------------------------------------


def _const(value: float) -> np.ndarray:
    """A 0-d float64 array: a faster ufunc operand than a Python float."""
    return np.array(float(value), dtype=np.float64)


class Transform:
    """One cross-cutting step that a :class:`Chain` runs before its optimizer's update.

    ``init(params)`` is called once, with the chain's ``init``: allocate any scratch here.
    ``apply(params, grads, out, learning_rate)`` is called every step and returns the gradient
    dict the next step (and finally the optimizer) uses:

    * a gradient transform (``changes_grads = True``) reads ``grads[name]``, writes the new
      gradient into ``out[name]`` (the chain's scratch arrays, shaped like the parameters; ``out``
      may be ``grads`` itself when an earlier transform already wrote there) and returns ``out``;
    * a parameter transform (``changes_grads = False``) changes ``params`` in place and returns
      ``grads`` unchanged.

    Neither allocates arrays per step, and neither modifies the caller's gradient arrays.
    """

    changes_grads = True

    def init(self, params: Mapping[str, np.ndarray]) -> None:
        self._names = tuple(params)

    def apply(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray],
              out: Mapping[str, np.ndarray], learning_rate: float) -> Mapping[str, np.ndarray]:
        raise NotImplementedError

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_"))
        return f"{type(self).__name__}({fields})"


class CoupledWeightDecay(Transform):
    """Coupled L2 weight decay, torch's ``weight_decay`` of SGD, RMSprop, Adam, Adagrad, Adamax,
    NAdam: the gradient of ½·λ·‖W‖² is added to the gradient, ``dW ← dW + λ·W``, so an adaptive
    optimizer divides the decay by its √s like the rest of the gradient."""

    def __init__(self, weight_decay: float) -> None:
        self.weight_decay = float(weight_decay)
        self._wd = _const(self.weight_decay)
        self._slots: tuple = ()

    def init(self, params):
        super().init(params)
        self._slots = tuple((name, np.zeros_like(p)) for name, p in params.items())

    def apply(self, params, grads, out, learning_rate):
        wd = self._wd
        multiply = np.multiply
        if grads is out:  # an earlier transform wrote the gradients: add λ·W through a scratch
            for name, tmp in self._slots:
                multiply(params[name], wd, out=tmp)
                out[name] += tmp
        else:
            for name, _tmp in self._slots:
                o = out[name]
                multiply(params[name], wd, out=o)
                o += grads[name]  # λ·W + dW: the same rounding as torch's grad.add(param, alpha=λ)
        return out


class DecoupledWeightDecay(Transform):
    """Decoupled weight decay, AdamW's: the weights shrink before the update,
    ``W ← W − α·λ·W`` computed as ``W ← W·(1 − α·λ)``, exactly torch.optim.AdamW's
    ``p.mul_(1 - lr * weight_decay)`` (then the optimizer's step with the unchanged dW)."""

    changes_grads = False

    def __init__(self, weight_decay: float) -> None:
        self.weight_decay = float(weight_decay)
        self._shrink = _const(1.0)
        self._names: tuple[str, ...] = ()

    def apply(self, params, grads, out, learning_rate):
        shrink = self._shrink
        shrink[()] = 1.0 - learning_rate * self.weight_decay
        for name in self._names:
            p = params[name]
            p *= shrink
        return grads


class ClipByGlobalNorm(Transform):
    """Clipping by global norm, as torch.nn.utils.clip_grad_norm_(params, max_norm=c)::

        ‖dW‖ = √(Σ over all parameters of Σ dW²)       (one norm for all parameters together)
        dW ← dW·min(1, c/(‖dW‖ + 1e-6))

    (1e-6 is torch's eps.) The direction of the step is kept; only its length is capped.
    ``last_norm`` is ‖dW‖ of the latest step, before clipping.
    """

    EPS = 1e-6

    def __init__(self, max_norm: float) -> None:
        self.max_norm = float(max_norm)
        self.last_norm = math.nan
        self._coef = _const(1.0)
        self._names: tuple[str, ...] = ()

    def apply(self, params, grads, out, learning_rate):
        names = self._names
        vdot = np.vdot
        total = 0.0
        for name in names:
            g = grads[name]
            total += float(vdot(g, g))
        norm = math.sqrt(total)
        self.last_norm = norm
        coef = self.max_norm / (norm + self.EPS)
        if not coef >= 1.0:  # clipping (or a NaN norm, which torch spreads to every gradient too)
            c = self._coef
            c[()] = coef
            multiply = np.multiply
            for name in names:
                multiply(grads[name], c, out=out[name])
        elif grads is not out:
            copyto = np.copyto
            for name in names:
                copyto(out[name], grads[name])
        return out


class ClipByValue(Transform):
    """Clipping by value, as torch.nn.utils.clip_grad_value_(params, clip_value=c):
    ``dW ← clip(dW, −c, c)`` component by component."""

    def __init__(self, clip_value: float) -> None:
        self.clip_value = float(clip_value)
        self._lo = _const(-self.clip_value)
        self._hi = _const(self.clip_value)
        self._names: tuple[str, ...] = ()

    def apply(self, params, grads, out, learning_rate):
        lo, hi = self._lo, self._hi
        maximum, minimum = np.maximum, np.minimum
        for name in self._names:
            o = out[name]
            maximum(grads[name], lo, out=o)
            minimum(o, hi, out=o)
        return out


class Chain(Optimizer):
    """An optimizer preceded by :class:`Transform` steps; itself an :class:`Optimizer`::

        Chain(Adam(), pre=(ClipByGlobalNorm(1.0), CoupledWeightDecay(1e-4)))

    Every ``update`` runs the transforms in the order given, then ``inner.update`` with the
    gradients they produced. The caller's gradient arrays are never modified: the first gradient
    transform writes into scratch arrays the chain allocates in ``init`` (one per parameter) and
    the inner optimizer receives those. Nothing is allocated per step.

    ``init``, ``state``, ``effective_step`` and ``state_names`` are the inner optimizer's, and so
    is every other attribute, read or written (``chain.v`` is ``chain.inner.v``; ``chain.t = 5``
    sets ``chain.inner.t``) except the chain's own ``inner`` and ``transforms``. Build a chain only
    when there is a transform: :func:`with_shared` returns the optimizer itself when all shared
    parameters are 0, so the default path has nothing extra in its hot loop.
    """

    _OWN = frozenset({"inner", "transforms", "_applies", "_scratch"})

    def __init__(self, optimizer: Any, pre: Sequence[Transform] = ()) -> None:
        self.inner = optimizer
        self.transforms = tuple(pre)
        for step in self.transforms:
            if not callable(getattr(step, "apply", None)):
                raise TypeError(f"Chain: {step!r} is not a Transform (it has no apply method)")
        self._applies = tuple(step.apply for step in self.transforms)
        self._scratch: dict[str, np.ndarray] = {}

    @property
    def state_names(self) -> tuple[tuple[str, str], ...]:  # type: ignore[override]
        return tuple(getattr(self.inner, "state_names", ()) or ())

    def __setattr__(self, attr: str, value: Any) -> None:
        if attr in self._OWN:
            object.__setattr__(self, attr, value)
        else:
            setattr(self.inner, attr, value)

    def __getattr__(self, attr: str) -> Any:
        # Only called for attributes the chain itself does not have.
        if attr.startswith("__"):
            raise AttributeError(attr)
        inner = self.__dict__.get("inner", _MISSING)
        if inner is _MISSING:
            raise AttributeError(attr)
        return getattr(inner, attr)

    def __repr__(self) -> str:
        steps = ", ".join(repr(step) for step in self.transforms)
        return f"Chain({self.inner!r}, pre=({steps}{',' if len(self.transforms) == 1 else ''}))"

    def init(self, params: Mapping[str, np.ndarray]) -> None:
        self.inner.init(params)
        for step in self.transforms:
            step.init(params)
        needs_scratch = any(getattr(step, "changes_grads", True) for step in self.transforms)
        self._scratch = {name: np.zeros_like(p) for name, p in params.items()} if needs_scratch else {}

    def update(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], t: int,
               learning_rate: float) -> None:
        out = self._scratch
        for apply in self._applies:
            grads = apply(params, grads, out, learning_rate)
        self.inner.update(params, grads, t, learning_rate)

    def state(self) -> dict[str, dict[str, np.ndarray]]:
        method = getattr(self.inner, "state", None)
        return method() if method is not None else {}

    def effective_step(self, learning_rate: float) -> dict[str, np.ndarray] | None:
        method = getattr(self.inner, "effective_step", None)
        return method(learning_rate) if method is not None else None


_MISSING = object()


def with_shared(optimizer: Any, weight_decay: float = 0.0, decoupled_weight_decay: float = 0.0,
                clip_norm: float = 0.0, clip_value: float = 0.0) -> Any:
    """``optimizer`` composed with the shared pieces whose value is not 0, or ``optimizer``
    itself when all are 0 (no wrapper, nothing added to the hot loop).

    The order is torch's (``clip_grad_norm_``/``clip_grad_value_`` on the gradients, then
    ``optimizer.step()``, which adds λ·W or shrinks W first)::

        dW ← dW·min(1, c/(‖dW‖ + 1e-6))     clip_norm c     (‖·‖ over all parameters together)
        dW ← clip(dW, −c, c)                clip_value c
        dW ← dW + λ·W                       weight_decay λ   (coupled L2)
        W  ← W − α·λ·W                      decoupled_weight_decay λ
        the optimizer's own update with dW
    """
    pre: list[Transform] = []
    if clip_norm:
        pre.append(ClipByGlobalNorm(clip_norm))
    if clip_value:
        pre.append(ClipByValue(clip_value))
    if weight_decay:
        pre.append(CoupledWeightDecay(weight_decay))
    if decoupled_weight_decay:
        pre.append(DecoupledWeightDecay(decoupled_weight_decay))
    return Chain(optimizer, pre) if pre else optimizer


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
    :class:`OptimizerFailure` when the plugin's factory raises. ``create_optimizer`` accepts
    :attr:`OptimizerInfo.all_params` (the shared ones included) and composes as
    :meth:`OptimizerInfo.create` does.
    """

    def optimizer_info(self, name: str) -> OptimizerInfo: ...

    def schedule_info(self, name: str) -> ScheduleInfo: ...

    def create_optimizer(self, name: str, params: Mapping[str, Any] | None = None) -> Optimizer: ...

    def create_schedule(self, name: str, params: Mapping[str, Any] | None = None) -> Schedule: ...
