"""The app's own training settings, declared once.

Each rule ("learning rate > 0", "epochs ≥ 1", "mini-batch size ≥ 1", "seed ≥ 0") is one
:class:`~optstudio.core.optim.ParamSpec`, the record plugins use for their hyperparameters. The
engine, experiment and lab files, the command line's flags and the window's fields all check
with these records through :func:`check_setting`, so a rule and the wording of its one-line
error live here only.
"""

from __future__ import annotations

from typing import Any, Callable

from optstudio.core.i18n import translate
from optstudio.core.optim import ParamSpec, param_text

__all__ = ["LEARNING_RATE", "EPOCHS", "MINI_BATCH_SIZE", "SEED", "TRAINING_SETTINGS", "check_setting",
           "field_check"]

LEARNING_RATE = ParamSpec(
    "learning_rate", 0.01, min=0.0, min_exclusive=True, log=True, label="learning rate α",
    help="The size of each step. Too small: slow progress. Too large: the cost jumps around or blows up.")
EPOCHS = ParamSpec(
    "epochs", 1000, min=1, kind="int", label="epochs",
    help="How many times the training goes through all the training examples.")
MINI_BATCH_SIZE = ParamSpec(
    "mini_batch_size", 64, min=1, kind="int", label="mini-batch size",
    help="Examples per update: m = batch gradient descent, 1 = stochastic gradient descent.")
SEED = ParamSpec(
    "seed", 1, min=0, kind="int", label="seed",
    help="Seed of the initial weights and of the mini-batch shuffling.")

# The labels and help above are translated under the context "ParamSpec" (the window shows them with
# translate("ParamSpec", spec.label) or optstudio.core.optim.param_text): they are marked with
# QT_TRANSLATE_NOOP in optstudio/plugins/param_texts.py, the "plugins" translation area; keep the two
# in step (tests/test_i18n_plugins.py checks it).

TRAINING_SETTINGS = {spec.name: spec for spec in (LEARNING_RATE, EPOCHS, MINI_BATCH_SIZE, SEED)}


def check_setting(spec: ParamSpec, value: Any, name: str | None = None, *, strict: bool = False) -> Any:
    """``value`` checked (and, unless ``strict``, converted from text) against ``spec``.

    Raises ``ValueError`` with one line naming ``name`` (a flag such as ``--lr``, a file's key)
    or the setting's label. ``strict``: the value must already be a number of the right kind (a
    file's ``"64"`` or ``64.5`` for a whole number is refused, not converted)."""
    name = name or param_text(spec)          # the label, in the language of the messages
    if strict and spec.kind in ("int", "float"):
        whole = spec.kind == "int"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            text = (translate("ParamSpec", "{name} must be a whole number, got {value}") if whole
                    else translate("ParamSpec", "{name} must be a number, got {value}"))
            raise ValueError(text.format(name=name, value=repr(value)))
    return spec.coerce(value, name)


def field_check(spec: ParamSpec, name: str | None = None) -> Callable[[Any], str | None]:
    """For a window's field: a function giving the one-line problem with a value, or None."""
    def check(value: Any) -> str | None:
        try:
            check_setting(spec, value, name)
        except ValueError as exc:
            return str(exc)
        return None
    return check
