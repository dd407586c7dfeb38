"""OptStudio in a notebook: describe an experiment, train it, compare optimizers, read the history.

Everything here is importable from ``optstudio`` itself::

    import optstudio as ops

    exp = ops.notebook_preset()                    # the course's lab: moons, [2, 5, 2, 1], α = 0.0007
    exp.training.epochs = 2000
    run = ops.train(exp, optimizer="adam")          # one run through the core engine
    run.history.arrays()["cost"]                    # numpy arrays, one value per epoch
    runs = ops.compare(exp, ["gd", "momentum", "adam"])   # same data, weights and mini-batches

Your own data goes in as scikit-learn does it (``X`` with one example per row) or as the course
does it (one example per column); :func:`dataset_from_arrays` tells them apart by the labels'
length and says clearly when it cannot.

These functions are the stable public API (a test pins their names); they are thin: the work is
done by :mod:`optstudio.core.build` and the engine.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Sequence

import numpy as np

from optstudio.core.build import build_engine, build_plan
from optstudio.core.datasets import Dataset, DataError
from optstudio.core.engine import Run
from optstudio.core.experiment import Experiment, ExperimentError, notebook_preset
from optstudio.core.i18n import translate

__all__ = ["Experiment", "ExperimentError", "DataError", "notebook_preset", "dataset_from_arrays", "train",
           "iter_epochs", "compare", "Run"]


def _registry(registry):
    if registry is not None:
        return registry
    from optstudio.plugins.manager import get_plugin_manager
    return get_plugin_manager()


def _labels_1d(y, what: str) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim == 2 and 1 in y.shape:
        y = y.ravel()                     # the course's Y of shape (1, m), or a column (m, 1)
    if y.ndim != 1:
        raise DataError(translate("api", "{what} must be one label per example (shape (m,) or (1, m)), got shape {shape}")
                        .format(what=what, shape=y.shape))
    return y


def _examples_by_column(X, m: int, layout: str, what: str) -> np.ndarray:
    try:
        X = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError):
        raise DataError(translate("api", "{what} must be numbers").format(what=what)) from None
    if X.ndim == 1:
        X = X.reshape(1, -1) if layout != "rows" else X.reshape(-1, 1)
    if X.ndim != 2:
        raise DataError(translate("api", "{what} must be a table of numbers (2-D), got {count} dimensions").format(what=what, count=X.ndim))
    rows, cols = X.shape
    if layout == "auto":
        if rows == m and cols != m:
            layout = "rows"
        elif cols == m and rows != m:
            layout = "columns"
        elif rows == m and cols == m:
            raise DataError(translate("api", "{what} has shape {shape} and there are {count} labels, so it could hold one example per row or per column: say layout='rows' (scikit-learn) or layout='columns' (the course)")
                            .format(what=what, shape=X.shape, count=m))
        else:
            raise DataError(translate("api", "{what} has shape {shape} but there are {count} labels: one side of {what} must be the number of examples")
                            .format(what=what, shape=X.shape, count=m))
    if layout == "rows":
        if rows != m:
            raise DataError(translate("api", "{what} has {rows} rows (examples) but there are {count} labels").format(what=what, rows=rows, count=m))
        X = X.T
    elif layout == "columns":
        if cols != m:
            raise DataError(translate("api", "{what} has {columns} columns (examples) but there are {count} labels").format(what=what, columns=cols, count=m))
    else:
        raise DataError(translate("api", "layout must be 'auto', 'rows' or 'columns', got {value}").format(value=repr(layout)))
    if not np.all(np.isfinite(X)):
        raise DataError(translate("api", "{what} holds values that are not finite numbers (nan or inf)").format(what=what))
    return np.ascontiguousarray(X)


def dataset_from_arrays(X, y, X_test=None, y_test=None, *, layout: str = "auto", standardize: bool = False,
                        name: str = "arrays") -> Dataset:
    """A data set from arrays: ``X`` with one example per row (scikit-learn, ``layout="rows"``) or
    per column (the course, ``layout="columns"``); ``"auto"`` decides by the number of labels.
    Labels may be any values (numbers or text); classes are their sorted distinct values.
    ``standardize``: scale each feature to mean 0 and variance 1 on the training examples.
    Raises :class:`DataError` with a one-line message when the shapes do not fit."""
    y = _labels_1d(y, "y")
    X = _examples_by_column(X, len(y), layout, "X")
    have_test = X_test is not None or y_test is not None
    if have_test:
        if X_test is None or y_test is None:
            raise DataError(translate("api", "give both X_test and y_test, or neither"))
        y_test = _labels_1d(y_test, "y_test")
        X_test = _examples_by_column(X_test, len(y_test), "columns" if layout == "columns" else
                                     ("rows" if layout == "rows" else "auto"), "X_test")
        if X_test.shape[0] != X.shape[0]:
            raise DataError(translate("api", "X_test has {test} features but X has {train}").format(test=X_test.shape[0], train=X.shape[0]))
    else:
        X_test = np.empty((X.shape[0], 0))
        y_test = np.empty((0,), dtype=y.dtype)
    all_labels = np.concatenate([y, y_test]) if len(y_test) else y
    classes = np.unique(all_labels.astype(str) if all_labels.dtype.kind not in "biuf" else all_labels)
    if len(classes) < 2:
        raise DataError(translate("api", "the labels hold {count} class; a classifier needs at least 2").format(count=len(classes)))

    def encode(labels):
        values = labels.astype(str) if labels.dtype.kind not in "biuf" else labels
        return np.searchsorted(classes, values).astype(np.int64)

    mean = std = None
    if standardize:
        mean = X.mean(axis=1, keepdims=True)
        std = X.std(axis=1, keepdims=True)
        std[std <= 1e-12 * np.maximum(1.0, np.abs(mean))] = 1.0
        X = (X - mean) / std
        X_test = (X_test - mean) / std
    names = [f"{c:g}" if isinstance(c, (float, np.floating)) else str(c) for c in classes.tolist()]
    return Dataset(name=name, X_train=X, y_train=encode(y), X_test=np.asarray(X_test, dtype=np.float64),
                   y_test=encode(y_test), class_names=names,
                   feature_names=[f"x{i + 1}" for i in range(X.shape[0])], mean=mean, std=std)


def _prepared(experiment: Experiment, optimizer: str | None, learning_rate: float | None, params: dict | None,
              epochs: int | None, registry) -> Experiment:
    if not isinstance(experiment, Experiment):
        raise ExperimentError(f"expected an optstudio.Experiment, got {type(experiment).__name__}")
    exp = experiment.copy()
    exp.runs = []
    if optimizer is not None and optimizer != exp.optimizer.name:
        exp.optimizer.name, exp.optimizer.params = optimizer, {}
        if learning_rate is None:
            exp.optimizer.learning_rate = float(_registry(registry).optimizer_info(optimizer).default_learning_rate)
    if learning_rate is not None:
        exp.optimizer.learning_rate = float(learning_rate)
    if params:
        exp.optimizer.params = {**exp.optimizer.params, **params}
    if epochs is not None:
        exp.training.epochs = epochs
    return exp.validate()


def _engine(experiment, data, optimizer, learning_rate, params, epochs, registry):
    exp = _prepared(experiment, optimizer, learning_rate, params, epochs, registry)
    return build_engine(exp, _registry(registry), dataset=data)


def iter_epochs(experiment: Experiment, *, data: Dataset | None = None, optimizer: str | None = None,
                learning_rate: float | None = None, params: dict | None = None, epochs: int | None = None,
                registry=None) -> Iterator[tuple[Run, Any]]:
    """Train ``experiment`` (with another ``optimizer``/``learning_rate``/``params``/``epochs`` if
    given) and yield ``(run, record)`` after every epoch; ``record`` is the epoch's
    :class:`~optstudio.core.history.EpochRecord` (cost, accuracies, α, …). Stop iterating to stop
    training: the run keeps what it learned. ``data``: a :class:`Dataset`, e.g. from
    :func:`dataset_from_arrays` (default: the experiment's data description)."""
    engine = _engine(experiment, data, optimizer, learning_rate, params, epochs, registry)
    run = engine.runs[0]
    for event in engine.steps():
        if event.runs:
            yield run, run.history.last


def train(experiment: Experiment, *, data: Dataset | None = None, optimizer: str | None = None,
          learning_rate: float | None = None, params: dict | None = None, epochs: int | None = None,
          progress: Callable[[Run, Any], Any] | None = None, registry=None) -> Run:
    """Train ``experiment`` to the end and return its run (``run.history``, ``run.result()``,
    ``run.network``, ``run.decision_grid()``; ``run.status`` says whether it finished or
    diverged). ``progress(run, record)`` is called after every epoch (e.g. to print or to update
    a notebook widget)."""
    engine = _engine(experiment, data, optimizer, learning_rate, params, epochs, registry)
    run = engine.runs[0]
    for event in engine.steps():
        if progress is not None and event.runs:
            progress(run, run.history.last)
    return run


def compare(experiment: Experiment, optimizers: Sequence[str] | None = None, *, data: Dataset | None = None,
            epochs: int | None = None, progress: Callable[[Run, Any], Any] | None = None,
            registry=None) -> list[Run]:
    """Train several optimizers on the same data from the same initial weights and mini-batches
    (stacked into one engine where they can be) and return their runs in order. ``optimizers``:
    names (each with its default α unless it is the experiment's own optimizer); default: the
    experiment's ``runs`` if it has some, else GD, Momentum and Adam."""
    if not isinstance(experiment, Experiment):
        raise ExperimentError(f"expected an optstudio.Experiment, got {type(experiment).__name__}")
    reg = _registry(registry)
    base = experiment.copy()
    if epochs is not None:
        base.training.epochs = epochs
    if optimizers is not None:
        patches = [{"label": name, "optimizer": {"name": name}} for name in optimizers]
        for patch in patches:
            name = patch["optimizer"]["name"]
            if name != base.optimizer.name:
                patch["optimizer"]["learning_rate"] = float(reg.optimizer_info(name).default_learning_rate)
    elif base.runs:
        patches = base.runs
    else:
        patches = [{"label": n, "optimizer": {"name": n}} for n in ("gd", "momentum", "adam")]
    variants = [base.variant(p, where=f"run {i + 1}") for i, p in enumerate(patches)]
    labels = [p.get("label") or v.optimizer.name for p, v in zip(patches, variants)]
    plan = build_plan(variants, reg, labels, dataset=data)
    for event in plan.steps():
        if progress is not None:
            for run in event.runs:
                progress(run, run.history.last)
    return plan.runs
