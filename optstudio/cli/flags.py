"""The experiment flags shared by ``run`` and ``compare`` (data, network, optimization, output),
and the :class:`~optstudio.core.experiment.Experiment` they describe.

Flag values are checked here, before any data is loaded or any network trained: a bad value is a
one-line :class:`~optstudio.cli.errors.CLIError`.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Sequence

from optstudio.cli.errors import CLIError
from optstudio.core.experiment import Experiment, notebook_preset
from optstudio.core.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.core.settings import EPOCHS, LEARNING_RATE, MINI_BATCH_SIZE, SEED, check_setting

__all__ = ["add_experiment_flags", "experiment_from_args", "parse_assignments", "coerce_params",
           "check_output_file"]


def add_experiment_flags(p: argparse.ArgumentParser, *, single_optimizer: bool = True) -> None:
    g = p.add_argument_group("data")
    g.add_argument("--config", metavar="FILE", help="start from an experiment file (JSON or TOML)")
    g.add_argument("--preset", choices=["notebook"], help="the course notebook's exact set-up and seeds")
    g.add_argument("--dataset", help="moons, circles, blobs, xor, spirals, linear, digits, iris, "
                                     "breast_cancer, or a CSV/NPZ/IDX file")
    g.add_argument("--samples", type=int)
    g.add_argument("--noise", type=float)
    g.add_argument("--factor", type=float, help="circles: inner/outer radius ratio")
    g.add_argument("--centers", type=int, help="blobs: number of classes")
    g.add_argument("--classes", help="keep only these labels, e.g. 0,1")
    g.add_argument("--data-seed", type=int)
    g.add_argument("--test-fraction", type=float)
    g.add_argument("--standardize", action="store_true", default=None)
    g = p.add_argument_group("network")
    g.add_argument("--layers", help="hidden layer widths, e.g. 5,2 (\"\" for none)")
    g.add_argument("--activation", help="hidden activation, or one per layer: relu,tanh")
    g.add_argument("--init", help="he, xavier, normal, small, standard_normal, zeros")
    g.add_argument("--loss", help="bce, softmax, mse")
    g.add_argument("--output-activation", help="output activation for the mse loss")
    g.add_argument("--l2", type=float, help="L2 regularisation λ")
    g = p.add_argument_group("optimization")
    if single_optimizer:
        g.add_argument("--optimizer", help="optimizer name (see `optstudio plugins`)")
    g.add_argument("--lr", type=float, help="learning rate α")
    g.add_argument("--set", action="append", metavar="NAME=VALUE", help="optimizer hyperparameter (repeatable)")
    g.add_argument("--schedule", help="learning-rate schedule name")
    g.add_argument("--schedule-set", action="append", metavar="NAME=VALUE", help="schedule parameter")
    g.add_argument("--batch-size", type=int, help="mini-batch size (m = batch GD, 1 = SGD)")
    g.add_argument("--epochs", type=int, help="number of epochs (at least 1)")
    g.add_argument("--seed", type=int, help="seed for initialisation and shuffling")
    g = p.add_argument_group("output")
    g.add_argument("--print-every", type=int, metavar="N", help="print the cost every N epochs")
    g.add_argument("--json", action="store_true", help="print one JSON result instead of text")
    g.add_argument("--history", metavar="FILE.csv", help="write the per-epoch history as CSV")


# ---------------------------------------------------------------------- flag values
def positive_int_list(text: str) -> list[int]:
    text = text.strip()
    if not text:
        return []
    widths = []
    for part in text.split(","):
        part = part.strip()
        try:
            value = int(part)
        except ValueError:
            raise CLIError(translate("cli_flags", "--layers: {part} is not a whole number (write widths like 5,2)")
                           .format(part=repr(part))) from None
        if value < 1:
            raise CLIError(translate("cli_flags", "--layers: layer width must be at least 1, got {value}")
                           .format(value=value))
        widths.append(value)
    return widths


def parse_assignments(items: Sequence[str] | None, flag: str) -> dict[str, str]:
    """``["a=1", "b=x"]`` → ``{"a": "1", "b": "x"}``; anything else is a CLIError naming ``flag``."""
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CLIError(translate("cli_flags", "{flag} expects NAME=VALUE, got {item}").format(flag=flag, item=repr(item)))
        out[name.strip()] = value.strip()
    return out


def check_flag(spec, value, flag: str):
    """``value`` of ``flag`` checked against the setting's one declaration
    (:mod:`optstudio.core.settings`); a :class:`CLIError` naming the flag otherwise."""
    try:
        return check_setting(spec, value, flag)
    except ValueError as exc:
        raise CLIError(str(exc)) from None


def check_epochs(epochs: int | None, flag: str = "--epochs") -> None:
    if epochs is not None:
        check_flag(EPOCHS, epochs, flag)


#: the files :func:`check_output_file` names (in the current language where it is shown)
OUTPUT_FILES = {"history file": QT_TRANSLATE_NOOP("cli_flags", "history file"),
                "table file": QT_TRANSLATE_NOOP("cli_flags", "table file"),
                "weights file": QT_TRANSLATE_NOOP("cli_flags", "weights file"),
                "results file": QT_TRANSLATE_NOOP("cli_flags", "results file")}


def check_output_file(path: str | None, what: str) -> None:
    """Fail now, not after training, if the file ``path`` cannot be created: its folder must
    exist (``what`` names the file in the message, e.g. "history file")."""
    if not path:
        return
    target = Path(path)
    folder = target.parent
    what = translate("cli_flags", what) if what in OUTPUT_FILES else what
    names = {"what": what, "path": repr(path), "folder": repr(str(folder))}
    if target.is_dir():
        raise CLIError(translate("cli_flags", "cannot write {what} {path}: it is a folder").format(**names))
    if not folder.exists():
        raise CLIError(translate("cli_flags", "cannot write {what} {path}: folder {folder} does not exist")
                       .format(**names))
    if not folder.is_dir():
        raise CLIError(translate("cli_flags", "cannot write {what} {path}: {folder} is not a folder").format(**names))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise CLIError(translate("cli_flags", "cannot write {what} {path}: folder {folder} is not writable")
                       .format(**names))
    if target.exists() and not os.access(target, os.W_OK):
        raise CLIError(translate("cli_flags", "cannot write {what} {path}: the file is read-only").format(**names))


def coerce_params(exp: Experiment, manager) -> Experiment:
    """Turn the optimizer's and schedule's parameter values (text from ``--set`` or a file) into
    the numbers, booleans and choices their ParamSpecs describe, so the experiment holds what the
    run uses. A value that does not fit its ParamSpec, an unknown parameter and an unknown
    optimizer or schedule are left as they are: the core reports them, with the same one-line
    message, when it builds a run that uses them."""
    if manager is None:
        from optstudio.plugins.manager import get_plugin_manager
        manager = get_plugin_manager()
    exp.optimizer.params = _coerced(exp.optimizer.name, exp.optimizer.params, manager.optimizer_info)
    exp.schedule.params = _coerced(exp.schedule.name, exp.schedule.params, manager.schedule_info)
    return exp


def _coerced(name: str, params: dict, info_of) -> dict:
    if not params:
        return params
    try:
        specs = {spec.name: spec for spec in info_of(name).params}
    except (ValueError, KeyError):
        return params
    out = {}
    for key, value in params.items():
        try:
            out[key] = specs[key].coerce(value) if key in specs else value
        except ValueError:
            out[key] = value
    return out


# ---------------------------------------------------------------------- experiment from flags
def experiment_from_args(args: argparse.Namespace, manager=None) -> Experiment:
    """The experiment the flags describe (``--config``/``--preset`` first, then each flag), checked,
    with its optimizer and schedule parameters coerced (see :func:`coerce_params`)."""
    if manager is None:
        from optstudio.plugins.manager import get_plugin_manager
        manager = get_plugin_manager()
    if getattr(args, "config", None):
        exp = Experiment.load(args.config)
    elif getattr(args, "preset", None) == "notebook":
        exp = notebook_preset()
    else:
        exp = Experiment()
    d = exp.data
    if args.dataset is not None:
        if args.dataset != d.name and args.preset != "notebook":
            d.preset = "default"
        d.name = args.dataset
    for flag, attr in (("samples", "samples"), ("noise", "noise"), ("factor", "factor"),
                       ("centers", "centers"), ("data_seed", "data_seed"),
                       ("test_fraction", "test_fraction")):
        value = getattr(args, flag)
        if value is not None:
            setattr(d, attr, value)
    if args.standardize:
        d.standardize = True
    if args.classes is not None:
        d.classes = [c.strip() for c in args.classes.split(",") if c.strip()]
        d.classes = [int(c) if c.lstrip("-").isdigit() else c for c in d.classes]
    n = exp.network
    if args.layers is not None:
        n.hidden = positive_int_list(args.layers)
        if args.activation is None:
            first = n.activations[0] if n.activations else "relu"
            n.activations = [first] * len(n.hidden)
    if args.activation is not None:
        acts = [a.strip() for a in args.activation.split(",") if a.strip()]
        if len(acts) == 1:
            acts = acts * len(n.hidden)
        n.activations = acts
    for flag, attr in (("init", "init"), ("loss", "loss"), ("output_activation", "output_activation"),
                       ("l2", "l2")):
        value = getattr(args, flag)
        if value is not None:
            setattr(n, attr, value)
    o = exp.optimizer
    if getattr(args, "optimizer", None) is not None and args.optimizer != o.name:
        o.name, o.params = args.optimizer, {}
        if args.lr is None and args.preset != "notebook" and not args.config:
            o.learning_rate = default_lr(args.optimizer, manager)
    if args.lr is not None:
        o.learning_rate = check_flag(LEARNING_RATE, args.lr, "--lr")
    o.params.update(parse_assignments(args.set, "--set"))
    s = exp.schedule
    if args.schedule is not None and args.schedule != s.name:
        s.name, s.params = args.schedule, {}
    s.params.update(parse_assignments(args.schedule_set, "--schedule-set"))
    t = exp.training
    if args.batch_size is not None:
        t.mini_batch_size = check_flag(MINI_BATCH_SIZE, args.batch_size, "--batch-size")
    if args.epochs is not None:
        check_epochs(args.epochs)
        t.epochs = args.epochs
    if args.seed is not None:
        t.seed = check_flag(SEED, args.seed, "--seed")
    if args.preset == "notebook":
        t.preset = "notebook"
    exp.validate()
    return coerce_params(exp, manager)


def default_lr(name: str, manager) -> float:
    try:
        return manager.optimizer_info(name).default_learning_rate
    except (ValueError, KeyError):
        return 0.01  # the unknown name is reported when the trainer is built
