"""Datasets for OptStudio: generated toy problems, scikit-learn's bundled sets and user files.

Everything here is plain numpy (no Qt, no network); scikit-learn is imported only to load one
of its bundled sets.  Arrays are handed out
in the course's *column convention*: ``X`` has shape ``(n_x, m)`` with one example per
column, and labels are int64 class indices ``0..k-1`` of shape ``(m,)``.

Sources
-------
* generated (:data:`GENERATED`): ``moons``, ``circles``, ``blobs``, ``xor``, ``spirals``,
  ``linear``; deterministic from ``DataSpec.data_seed``.  ``moons``, ``circles`` and ``blobs``
  are scikit-learn's generators redone in numpy (:func:`make_moons`, :func:`make_circles`,
  :func:`make_blobs`: the same numbers for the same seed, without importing scikit-learn).
  ``preset="notebook"`` with ``moons`` reproduces the course's ``load_dataset`` exactly
  (``np.random.seed(3); make_moons(n_samples=300, noise=.2)``).
* bundled with scikit-learn (:data:`BUNDLED`): ``digits``, ``iris``, ``breast_cancer``.
* user files: ``.csv`` (features, then the label in the last column), ``.npz`` (arrays
  ``X`` (m, n) and ``y`` (m,), never unpickled), MNIST IDX files (plain or ``.gz``) or a
  folder holding ``train-*`` / ``t10k-*`` IDX files.

Every problem is reported as a :class:`DataError` (a ``ValueError``) with a one-line message.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import numbers
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np

from optstudio.core.memory import format_bytes, memory_limit, memory_problem
from optstudio.core.i18n import translate

__all__ = [
    "Dataset",
    "DataSpec",
    "DataError",
    "GENERATED",
    "BUNDLED",
    "ALIASES",
    "COMMON_PARAMETERS",
    "dataset_names",
    "dataset_parameters",
    "load_dataset",
    "load_array_file",
    "random_mini_batches",
]


class DataError(ValueError):
    """A problem with a data set or a data option, as a one-line human message.

    Example: ``data file 'x.csv' line 3: expected 2 numbers, then a label; got 'abc' in column 2``.
    """

    def __init__(self, message: str):
        super().__init__(" ".join(str(message).split("\n")))


GENERATED: dict[str, str] = {
    "moons": "two interleaving half circles (the course's data set; sklearn make_moons)",
    "circles": "a small circle inside a larger one (sklearn make_circles)",
    "blobs": "Gaussian clusters, one per class (sklearn make_blobs; noise = cluster spread)",
    "xor": "four quadrant clusters; opposite quadrants share a class",
    "spirals": "two interleaved spirals",
    "linear": "two classes separated by a straight line",
}

BUNDLED: dict[str, str] = {
    "digits": "8x8 handwritten digits, 10 classes, 1797 images (bundled with scikit-learn)",
    "iris": "iris flowers: 4 measurements, 3 species, 150 examples (bundled with scikit-learn)",
    "breast_cancer": "Wisconsin breast cancer: 30 features, malignant/benign, 569 examples "
    "(bundled with scikit-learn)",
}

#: other accepted spellings of built-in names (after lower-casing and stripping)
ALIASES: dict[str, str] = {"breast-cancer": "breast_cancer", "breastcancer": "breast_cancer"}

#: DataSpec fields that matter for every data set (``data_seed`` also seeds the split).
COMMON_PARAMETERS: tuple[str, ...] = ("classes", "test_fraction", "standardize")

_PARAMETERS: dict[str, list[str]] = {
    "moons": ["samples", "noise", "data_seed"],
    "circles": ["samples", "noise", "factor", "data_seed"],
    "blobs": ["samples", "centers", "noise", "data_seed"],
    "xor": ["samples", "noise", "data_seed"],
    "spirals": ["samples", "noise", "data_seed"],
    "linear": ["samples", "noise", "data_seed"],
}

PRESETS = ("default", "notebook")
MAX_SAMPLES = 1_000_000
MAX_CENTERS = 100


# --------------------------------------------------------------------------- records


@dataclass(eq=False)
class Dataset:
    """A classification data set in column convention (one example per column)."""

    name: str
    X_train: np.ndarray  # float64 (n_x, m_train)
    y_train: np.ndarray  # int64 (m_train,)
    X_test: np.ndarray  # float64 (n_x, m_test), m_test may be 0
    y_test: np.ndarray  # int64 (m_test,)
    class_names: list[str]
    feature_names: list[str]
    mean: np.ndarray | None = None  # (n_x, 1), fitted on the training part
    std: np.ndarray | None = None  # (n_x, 1)

    @property
    def n_features(self) -> int:
        return int(self.X_train.shape[0])

    @property
    def n_classes(self) -> int:
        return len(self.class_names)

    @property
    def m_train(self) -> int:
        return int(self.X_train.shape[1])

    @property
    def m_test(self) -> int:
        return int(self.X_test.shape[1])

    def transform(self, X_raw) -> np.ndarray:
        """Apply this data set's standardisation to raw points of shape (n_x, m).

        A 1-D vector of length n_x is treated as one point and returned 1-D.  Without
        standardisation this returns a float64 copy.
        """
        X = np.array(X_raw, dtype=np.float64)
        one_point = X.ndim == 1
        if one_point:
            X = X.reshape(-1, 1)
        if X.ndim != 2 or X.shape[0] != self.n_features:
            raise DataError(translate("datasets", "expected points of shape ({features}, m) (one point per column), got shape {shape}")
                            .format(features=self.n_features, shape=tuple(np.shape(X_raw))))
        if self.mean is not None and self.std is not None:
            X = (X - self.mean) / self.std
        return X.ravel() if one_point else X


def _as_int(key, value):
    if isinstance(value, bool):
        raise DataError(translate("datasets", "data option '{key}' must be an integer, got {value}").format(key=key, value=repr(value)))
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise DataError(translate("datasets", "data option '{key}' must be an integer, got {value}").format(key=key, value=repr(value)))


def _as_float(key, value):
    if isinstance(value, bool):
        raise DataError(translate("datasets", "data option '{key}' must be a number, got {value}").format(key=key, value=repr(value)))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise DataError(translate("datasets", "data option '{key}' must be a number, got {value}").format(key=key, value=repr(value)))


def _as_bool(key, value):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and int(value) in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in ("true", "yes", "on", "1"):
            return True
        if v in ("false", "no", "off", "0"):
            return False
    raise DataError(translate("datasets", "data option '{key}' must be true or false, got {value}").format(key=key, value=repr(value)))


def _as_str(key, value):
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, str):
        return value
    raise DataError(translate("datasets", "data option '{key}' must be a string, got {value}").format(key=key, value=repr(value)))


def _as_classes(key, value):
    if value is None:
        return None
    if isinstance(value, str):
        parts = [p.strip() for p in value.split(",") if p.strip()]
        return parts or None
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return value.tolist()
    raise DataError(translate("datasets", "data option '{key}' must be a list of class labels or null, got {value}").format(key=key, value=repr(value)))


_COERCE = {
    "name": _as_str,
    "samples": _as_int,
    "noise": _as_float,
    "factor": _as_float,
    "centers": _as_int,
    "data_seed": _as_int,
    "classes": _as_classes,
    "test_fraction": _as_float,
    "standardize": _as_bool,
    "preset": _as_str,
}


@dataclass
class DataSpec:
    """What data to load and how; every field has a default.

    ``name`` is a generated or bundled name (see :func:`dataset_names`) or a path to a
    ``.csv`` / ``.npz`` / IDX file or to a folder of MNIST IDX files.  Which of the other
    fields matter for a name is given by :func:`dataset_parameters` (plus
    :data:`COMMON_PARAMETERS`).  Values are checked by :func:`load_dataset`.

    ``test_fraction`` defaults to 0.2 (a fifth of the examples held back), as in the default
    experiment: a data table that leaves it out gets 0.2, not 0.  Pass ``test_fraction=0.0``
    to train on everything (the notebook preset does).
    """

    name: str = "moons"
    samples: int = 300
    noise: float = 0.2
    factor: float = 0.5
    centers: int = 3
    data_seed: int = 0
    classes: list | None = None
    test_fraction: float = 0.2
    standardize: bool = False
    preset: str = "default"

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        if d["classes"] is not None:
            d["classes"] = list(d["classes"])
        if isinstance(d["name"], os.PathLike):
            d["name"] = os.fspath(d["name"])
        return d

    @classmethod
    def from_dict(cls, d) -> "DataSpec":
        """Build a spec from a dict (e.g. parsed JSON); missing keys keep their defaults.

        Unknown keys and values of the wrong type raise :class:`DataError` (a ValueError).
        """
        if not isinstance(d, Mapping):
            raise DataError(translate("datasets", "data options must be a mapping of option -> value, got {type}").format(type=type(d).__name__))
        known = [f.name for f in fields(cls)]
        unknown = [str(k) for k in d if k not in known]
        if unknown:
            text = (translate("datasets", "unknown data options {names}; known options: {known}") if len(unknown) > 1
                    else translate("datasets", "unknown data option {names}; known options: {known}"))
            raise DataError(text.format(names=", ".join(repr(u) for u in unknown), known=", ".join(known)))
        return cls(**{k: _COERCE[k](k, v) for k, v in d.items()})


# --------------------------------------------------------------------------- names


def _canonical(name) -> str:
    key = os.fspath(name).strip().lower() if isinstance(name, (str, os.PathLike)) else ""
    key = ALIASES.get(key, key)
    return key


def dataset_names() -> list[str]:
    """Built-in data set names: generated ones first, then the bundled ones."""
    return list(GENERATED) + list(BUNDLED)


def dataset_parameters(name) -> list[str]:
    """DataSpec fields that matter for this data set beyond :data:`COMMON_PARAMETERS`.

    ``moons`` -> ``["samples", "noise", "data_seed"]``; bundled sets and files -> ``[]``.
    (``preset`` only matters for ``moons``.)
    """
    return list(_PARAMETERS.get(_canonical(name), []))


# --------------------------------------------------------------------------- checks


def _check_spec(spec: DataSpec, key: str) -> dict:
    """Validated option values (only the ones that matter for ``key`` are checked)."""
    out = {}
    f = _as_float("test_fraction", spec.test_fraction)
    if not (0.0 <= f < 1.0) or math.isnan(f):
        raise DataError(translate("datasets", "test_fraction must be at least 0 and below 1, got {value}").format(value=repr(spec.test_fraction)))
    out["test_fraction"] = f
    seed = _as_int("data_seed", spec.data_seed)
    if not (0 <= seed < 2**32):
        raise DataError(translate("datasets", "data_seed must be between 0 and {most}, got {value}").format(most=2**32 - 1, value=seed))
    out["data_seed"] = seed
    preset = _as_str("preset", spec.preset).strip().lower()
    if preset not in PRESETS:
        raise DataError(translate("datasets", "unknown preset {name}; choose one of {names}").format(name=repr(spec.preset), names=", ".join(PRESETS)))
    out["preset"] = preset
    out["standardize"] = _as_bool("standardize", spec.standardize)
    out["classes"] = _as_classes("classes", spec.classes)
    params = _PARAMETERS.get(key, [])
    if "samples" in params:
        n = _as_int("samples", spec.samples)
        if n < 2:
            raise DataError(translate("datasets", "samples must be at least 2, got {value}").format(value=n))
        if n > MAX_SAMPLES:
            raise DataError(translate("datasets", "samples must be at most {most}, got {value}").format(most=MAX_SAMPLES, value=n))
        out["samples"] = n
    if "noise" in params:
        noise = _as_float("noise", spec.noise)
        if not (noise >= 0.0 and math.isfinite(noise)):
            raise DataError(translate("datasets", "noise must be a finite number >= 0, got {value}").format(value=repr(spec.noise)))
        out["noise"] = noise
    if "factor" in params:
        factor = _as_float("factor", spec.factor)
        if not (0.0 <= factor < 1.0):
            raise DataError(translate("datasets", "factor (inner/outer circle radius) must be at least 0 and below 1, got {value}")
                            .format(value=repr(spec.factor)))
        out["factor"] = factor
    if "centers" in params:
        c = _as_int("centers", spec.centers)
        if not (2 <= c <= MAX_CENTERS):
            raise DataError(translate("datasets", "centers (number of classes) must be between 2 and {most}, got {value}")
                            .format(most=MAX_CENTERS, value=c))
        if c > out["samples"]:
            raise DataError(translate("datasets", "blobs needs at least one sample per class: samples {samples} < centers {centers}")
                            .format(samples=out["samples"], centers=c))
        out["centers"] = c
    return out


# --------------------------------------------------------------------------- generated


def _generate(key: str, o: dict):
    """(X (m, 2), y int (m,), class_names) for a generated data set."""
    m, seed = o["samples"], o["data_seed"]
    if key == "moons":
        if o["preset"] == "notebook":
            # exactly the course's opt_utils.load_dataset, without leaking the global state
            state = np.random.get_state()
            try:
                np.random.seed(3 if seed == 0 else seed)
                X, y = make_moons(n_samples=m, noise=o["noise"])
            finally:
                np.random.set_state(state)
        else:
            X, y = make_moons(n_samples=m, noise=o["noise"], random_state=seed)
        k = 2
    elif key == "circles":
        X, y = make_circles(n_samples=m, noise=o["noise"], factor=o["factor"], random_state=seed)
        k = 2
    elif key == "blobs":
        k = o["centers"]
        X, y = make_blobs(n_samples=m, n_features=2, centers=k, cluster_std=o["noise"], random_state=seed)
    else:
        rng = np.random.default_rng(seed)
        X, y = {"xor": _xor, "spirals": _spirals, "linear": _linear}[key](m, o["noise"], rng)
        k = 2
    return np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64), [str(i) for i in range(k)]


# ---- scikit-learn's generators, in numpy
#
# Importing sklearn.datasets costs over a second (it pulls in scipy.stats and more), most of
# the CLI's start-up.  These are line-for-line copies of scikit-learn's make_moons,
# make_circles and make_blobs (sklearn/datasets/_samples_generator.py, scikit-learn 1.9): the
# same RandomState calls in the same order, so that a seed gives the very same numbers (checked
# against the installed scikit-learn in tests/test_datasets.py).  Only the arguments OptStudio uses are
# supported (an int n_samples, an int number of centers).


def check_random_state(seed) -> np.random.RandomState:
    """scikit-learn's ``check_random_state``: None -> numpy's global RandomState, an int ->
    a new ``RandomState(seed)``, a RandomState -> itself."""
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, numbers.Integral):
        return np.random.RandomState(seed)
    if isinstance(seed, np.random.RandomState):
        return seed
    raise ValueError(f"{seed!r} cannot be used to seed a numpy.random.RandomState instance")


def _shuffle(X, y, generator):
    # sklearn.utils.shuffle(X, y, random_state=generator): one in-place shuffle of arange(n)
    indices = np.arange(X.shape[0])
    generator.shuffle(indices)
    return X[indices], y[indices]


def _check_n_samples(n_samples, least: int) -> int:
    if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral) or n_samples < least:
        raise ValueError(f"n_samples must be an integer >= {least}, got {n_samples!r}")
    return int(n_samples)


def make_moons(n_samples=100, *, shuffle=True, noise=None, random_state=None):
    """Two interleaving half circles: scikit-learn's ``make_moons``, number for number.

    Returns ``X`` (n_samples, 2) float64 and ``y`` (n_samples,) of 0 / 1 (the first
    ``n_samples // 2`` points form the upper moon, class 0).
    """
    n_samples = _check_n_samples(n_samples, 1)
    n_samples_out = n_samples // 2
    n_samples_in = n_samples - n_samples_out

    generator = check_random_state(random_state)

    outer_circ_x = np.cos(np.linspace(0, np.pi, n_samples_out))
    outer_circ_y = np.sin(np.linspace(0, np.pi, n_samples_out))
    inner_circ_x = 1 - np.cos(np.linspace(0, np.pi, n_samples_in))
    inner_circ_y = 1 - np.sin(np.linspace(0, np.pi, n_samples_in)) - 0.5

    X = np.vstack([np.append(outer_circ_x, inner_circ_x), np.append(outer_circ_y, inner_circ_y)]).T
    y = np.hstack([np.zeros(n_samples_out, dtype=np.intp), np.ones(n_samples_in, dtype=np.intp)])

    if shuffle:
        X, y = _shuffle(X, y, generator)
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return X, y


def make_circles(n_samples=100, *, shuffle=True, noise=None, random_state=None, factor=0.8):
    """A circle inside a larger one: scikit-learn's ``make_circles``, number for number.

    For an odd ``n_samples`` the inner circle (class 1) has one point more.
    """
    n_samples = _check_n_samples(n_samples, 0)
    if not 0 <= factor < 1:
        raise ValueError(f"factor must be at least 0 and below 1, got {factor!r}")
    n_samples_out = n_samples // 2
    n_samples_in = n_samples - n_samples_out

    generator = check_random_state(random_state)
    # so as not to have the first point = last point, endpoint=False
    linspace_out = np.linspace(0, 2 * np.pi, n_samples_out, endpoint=False)
    linspace_in = np.linspace(0, 2 * np.pi, n_samples_in, endpoint=False)
    outer_circ_x = np.cos(linspace_out)
    outer_circ_y = np.sin(linspace_out)
    inner_circ_x = np.cos(linspace_in) * factor
    inner_circ_y = np.sin(linspace_in) * factor

    X = np.vstack([np.append(outer_circ_x, inner_circ_x), np.append(outer_circ_y, inner_circ_y)]).T
    y = np.hstack([np.zeros(n_samples_out, dtype=np.intp), np.ones(n_samples_in, dtype=np.intp)])
    if shuffle:
        X, y = _shuffle(X, y, generator)
    if noise is not None:
        X += generator.normal(scale=noise, size=X.shape)
    return X, y


def make_blobs(n_samples=100, n_features=2, *, centers=None, cluster_std=1.0, center_box=(-10.0, 10.0),
               shuffle=True, random_state=None):
    """Isotropic Gaussian blobs: scikit-learn's ``make_blobs``, number for number.

    ``centers`` is a number of centers (default 3), drawn uniformly in ``center_box``; the
    ``n_samples`` points are shared out evenly (the first ``n_samples % centers`` clusters get
    one more).  ``cluster_std`` is one standard deviation for all clusters.
    """
    generator = check_random_state(random_state)
    n_samples = _check_n_samples(n_samples, 1)
    n_features = _check_n_samples(n_features, 1)
    if centers is None:
        centers = 3
    if isinstance(centers, bool) or not isinstance(centers, numbers.Integral) or centers < 1:
        raise ValueError(f"centers must be a number of centers >= 1, got {centers!r}")
    if isinstance(cluster_std, bool) or not isinstance(cluster_std, numbers.Real) or not cluster_std >= 0:
        raise ValueError(f"cluster_std must be a number >= 0, got {cluster_std!r}")
    n_centers = int(centers)
    centers = generator.uniform(center_box[0], center_box[1], size=(n_centers, n_features))
    cluster_std = np.full(len(centers), cluster_std)

    n_samples_per_center = [int(n_samples // n_centers)] * n_centers
    for i in range(n_samples % n_centers):
        n_samples_per_center[i] += 1
    cum_sum_n_samples = np.cumsum(n_samples_per_center)

    X = np.empty(shape=(sum(n_samples_per_center), n_features), dtype=np.float64)
    y = np.empty(shape=(sum(n_samples_per_center),), dtype=int)
    for i, (n, std) in enumerate(zip(n_samples_per_center, cluster_std)):
        start_idx = cum_sum_n_samples[i - 1] if i > 0 else 0
        end_idx = cum_sum_n_samples[i]
        X[start_idx:end_idx] = generator.normal(loc=centers[i], scale=std, size=(n, n_features))
        y[start_idx:end_idx] = i

    if shuffle:
        X, y = _shuffle(X, y, generator)
    return X, y


def _xor(m, noise, rng):
    # example i goes to quadrant i % 4: (+,+) 0, (+,-) 1, (-,-) 0, (-,+) 1
    q = np.arange(m) % 4
    sx = np.where((q == 0) | (q == 1), 1.0, -1.0)
    sy = np.where((q == 0) | (q == 3), 1.0, -1.0)
    pad = 0.1
    X = np.column_stack([sx * rng.uniform(pad, 1.0, m), sy * rng.uniform(pad, 1.0, m)])
    y = (np.sign(X[:, 0]) * np.sign(X[:, 1]) < 0).astype(np.int64)
    X = X + noise * rng.standard_normal((m, 2))
    perm = rng.permutation(m)
    return X[perm], y[perm]


def _spirals(m, noise, rng):
    n1 = m // 2
    n0 = m - n1
    parts, labels = [], []
    for c, n in ((0, n0), (1, n1)):
        t = rng.uniform(0.0, 1.0, n)
        theta = 3.0 * np.pi * t + c * np.pi  # 1.5 turns, the second arm rotated by half a turn
        r = 3.0 * t
        parts.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
        labels.append(np.full(n, c, dtype=np.int64))
    X = np.concatenate(parts) + noise * rng.standard_normal((m, 2))
    y = np.concatenate(labels)
    perm = rng.permutation(m)
    return X[perm], y[perm]


def _linear(m, noise, rng):
    angle = rng.uniform(0.0, 2.0 * np.pi)
    w = np.array([np.cos(angle), np.sin(angle)])  # normal of the boundary through the origin
    along = np.array([-w[1], w[0]])
    y = (np.arange(m) % 2).astype(np.int64)
    dist = rng.uniform(0.1, 1.0, m) * np.where(y == 1, 1.0, -1.0)
    u = rng.uniform(-1.0, 1.0, m)
    X = np.outer(u, along) + np.outer(dist, w) + noise * rng.standard_normal((m, 2))
    perm = rng.permutation(m)
    return X[perm], y[perm]


# --------------------------------------------------------------------------- bundled


def _bundled(key: str):
    import sklearn.datasets as skd

    loader = {"digits": skd.load_digits, "iris": skd.load_iris, "breast_cancer": skd.load_breast_cancer}[key]
    try:
        bunch = loader()
    except Exception as exc:  # pragma: no cover - broken installation
        raise DataError(translate("datasets", "cannot load the bundled data set '{name}': {error}").format(name=key, error=exc)) from None
    X = np.asarray(bunch.data, dtype=np.float64)
    if key == "digits":
        X = X / 16.0  # pixel intensities 0..16 -> 0..1
        class_names = [str(int(t)) for t in bunch.target_names]
    else:
        class_names = [str(t) for t in bunch.target_names]
    feature_names = [str(f) for f in getattr(bunch, "feature_names", [])] or _default_features(X.shape[1])
    return X, np.asarray(bunch.target, dtype=np.int64), class_names, feature_names


def _default_features(n: int) -> list[str]:
    return [f"x{i + 1}" for i in range(n)]


# --------------------------------------------------------------------------- files


def _looks_like_path(name: str) -> bool:
    return any(s in name for s in ("/", "\\", os.sep)) or "." in name or name.startswith("~")


def _resolve(name, what="data file") -> str:
    raw = os.fspath(name)
    path = os.path.expanduser(raw)
    if not os.path.exists(path):
        if not _looks_like_path(raw):
            raise DataError(translate("datasets", "unknown dataset '{name}'; choose one of {names}, or give the path of a .csv, .npz or MNIST IDX file")
                            .format(name=raw, names=", ".join(dataset_names())))
        if what == "data file":
            raise DataError(translate("datasets", "data file '{path}' not found").format(path=raw))
        raise DataError(f"{what} '{raw}' not found")
    return path


#: Reading a CSV file takes about this many bytes of memory per byte of text (Python's lists of
#: fields, then the arrays); measured at about 20.
CSV_MEMORY_PER_BYTE = 24


def _read_raw(path: str, display: str, limit: int | None = None, what: str = "") -> bytes:
    """The bytes of a file, gunzipped when it is a gzip file. With ``limit``: at most that many
    bytes (decompressed), else a DataError saying ``what`` would not fit (a 4 MB gzip file can
    inflate to 4 GiB: it is never inflated past the limit)."""
    try:
        with open(path, "rb") as fh:
            compressed = fh.read(2) == b"\x1f\x8b"
            fh.seek(0)
            if compressed:
                with gzip.GzipFile(fileobj=fh, mode="rb") as gz:
                    data = gz.read() if limit is None else gz.read(limit + 1)
            else:
                data = fh.read() if limit is None else fh.read(limit + 1)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataError(translate("datasets", "data file '{display}' is not a valid gzip file ({error})").format(display=display, error=exc)) from None
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read data file '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None
    if limit is not None and len(data) > limit:
        raise DataError(what or translate("datasets", "data file '{display}' is larger than {limit}").format(
            display=display, limit=format_bytes(limit)))
    return data


def _read_head(path: str, display: str, size: int = 16) -> bytes:
    """The first ``size`` bytes of a file (gunzipped)."""
    try:
        with _open_data(path, display) as fh:
            return fh.read(size)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataError(translate("datasets", "data file '{display}' is not a valid gzip file ({error})").format(display=display, error=exc)) from None
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read data file '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None


def _open_data(path: str, display: str):
    """A binary stream of the file's contents, gunzipped when it is a gzip file."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read data file '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None
    with fh:
        compressed = fh.read(2) == b"\x1f\x8b"
    try:
        return gzip.open(path, "rb") if compressed else open(path, "rb")
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read data file '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None


def _read_csv_text(path: str, display: str) -> bytes:
    """The bytes of a CSV file, refused when its text would not fit in memory once parsed."""
    limit = max(1, memory_limit() // CSV_MEMORY_PER_BYTE)
    try:
        with open(path, "rb") as fh:
            size = 0 if fh.read(2) == b"\x1f\x8b" else os.path.getsize(path)  # gzip: see below
    except OSError:
        size = 0
    if size > limit:
        raise DataError(memory_problem(size * CSV_MEMORY_PER_BYTE,
                                       translate("datasets", "reading data file '{display}' ({size} of text)").format(
                                           display=display, size=format_bytes(size)))
                        or translate("datasets", "data file '{display}' is too large").format(display=display))
    what = memory_problem(0, translate("datasets", "data file '{display}' unpacks to more than {limit} of text; reading it")
                          .format(display=display, limit=format_bytes(limit)), more_than=True)
    return _read_raw(path, display, limit, what)


def _file_kind(path: str) -> str:
    base = os.path.basename(path).lower()
    stem = base[:-3] if base.endswith(".gz") else base
    if stem.endswith(".npz"):
        return "npz"
    if "idx1" in stem or "idx3" in stem or stem.endswith((".idx", "ubyte")):
        return "idx"
    if stem.endswith((".csv", ".tsv", ".txt", ".dat")):
        return "csv"
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except OSError:
        return "csv"  # reported properly by the reader
    if head.startswith(b"PK"):
        return "npz"
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as fh:
                head = fh.read(4)
        except (OSError, EOFError, zlib.error):
            return "csv"
    if len(head) == 4 and struct.unpack(">I", head)[0] in (_IDX_IMAGES, _IDX_LABELS):
        return "idx"
    return "csv"


# ---- CSV


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _read_csv(path: str, display: str):
    raw = _read_csv_text(path, display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(translate("datasets", "data file '{display}' is not a UTF-8 text file; expected .csv, .npz or MNIST IDX")
                        .format(display=display)) from None
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is None:
        raise DataError(translate("datasets", "data file '{display}' is empty").format(display=display))
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    delim = max(counts, key=lambda d: counts[d]) if max(counts.values()) > 0 else None

    rows: list[list[str]] = []
    line_nos: list[int] = []
    if delim is None:  # whitespace separated
        for i, ln in enumerate(text.splitlines(), start=1):
            if ln.strip() and not ln.lstrip().startswith("#"):
                rows.append(ln.split())
                line_nos.append(i)
    else:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, skipinitialspace=True)
        try:
            for row in reader:
                row = [f.strip() for f in row]
                if not any(row) or row[0].startswith("#"):
                    continue
                rows.append(row)
                line_nos.append(reader.line_num)
        except csv.Error as exc:
            raise DataError(translate("datasets", "data file '{display}' line {line}: {error}").format(
                display=display, line=reader.line_num, error=exc)) from None
    if not rows:
        sep = {",": translate("datasets", "commas"), ";": translate("datasets", "semicolons"),
               "\t": translate("datasets", "tabs")}.get(delim or "", translate("datasets", "separators"))
        raise DataError(translate("datasets", "data file '{display}' holds no values, only {separators} and empty fields (expected numbers, then a label, on each line)")
                        .format(display=display, separators=sep))

    width = len(rows[0])
    if width < 2:
        raise DataError(translate("datasets", "data file '{display}' line {line}: need at least 2 columns (features, then the label), found 1 (separate values with commas)")
                        .format(display=display, line=line_nos[0]))
    # header: the first row is not numeric (a text label alone does not make a header
    # unless every later label is a number)
    r0 = rows[0]
    header = not all(_is_number(f) for f in r0[:-1]) or (
        not _is_number(r0[-1]) and len(rows) > 1 and all(_is_number(r[-1]) for r in rows[1:] if r)
    )
    feature_names = _default_features(width - 1)
    if header:
        feature_names = [f or f"x{i + 1}" for i, f in enumerate(r0[:-1])]
        rows, line_nos = rows[1:], line_nos[1:]
        if not rows:
            raise DataError(translate("datasets", "data file '{display}' has a header but no data rows").format(display=display))
    for row, ln in zip(rows, line_nos):
        if len(row) != width:
            raise DataError(translate("datasets", "data file '{display}' line {line}: expected {width} values ({numbers} numbers, then a label), got {count}")
                            .format(display=display, line=ln, width=width, numbers=width - 1, count=len(row)))
    nfeat = width - 1
    feats = [r[:-1] for r in rows]
    try:
        X = np.array(feats, dtype=str).astype(np.float64)
    except ValueError:
        X = None
    if X is None or not np.isfinite(X).all():
        for row, ln in zip(feats, line_nos):
            for col, field in enumerate(row, start=1):
                try:
                    v = float(field)
                except ValueError:
                    got = f"'{field}'" if field else translate("datasets", "an empty field")
                    raise DataError(translate("datasets", "data file '{display}' line {line}: expected {count} numbers, then a label; got {got} in column {column}")
                                    .format(display=display, line=ln, count=nfeat, got=got, column=col)) from None
                if not math.isfinite(v):
                    raise DataError(translate("datasets", "data file '{display}' line {line}: value '{value}' in column {column} is not a finite number")
                                    .format(display=display, line=ln, value=field, column=col))
    X = X.reshape(len(rows), nfeat)
    labels = [r[-1] for r in rows]
    for lab, ln in zip(labels, line_nos):
        if not lab:
            raise DataError(translate("datasets", "data file '{display}' line {line}: the label (last column) is empty").format(display=display, line=ln))
    if all(_is_number(lab) for lab in labels):
        y = np.array([float(lab) for lab in labels], dtype=np.float64)
        bad = np.flatnonzero(~np.isfinite(y))
        if bad.size:
            i = int(bad[0])
            raise DataError(translate("datasets", "data file '{display}' line {line}: label '{label}' is not a valid class")
                            .format(display=display, line=line_nos[i], label=labels[i]))
    else:
        y = np.array(labels, dtype=str)
    return X, y, feature_names


# ---- NPZ


def _npz_array(npz, key: str, display: str) -> np.ndarray:
    try:
        return np.asarray(npz[key])
    except ValueError as exc:
        if "pickle" in str(exc).lower() or "object" in str(exc).lower():
            raise DataError(translate("datasets", "array '{name}' in '{display}' holds Python objects; OptStudio never unpickles data files, save plain numeric arrays (np.savez(path, X=..., y=...))")
                            .format(name=key, display=display)) from None
        raise DataError(translate("datasets", "cannot read array '{name}' in '{display}': {error}").format(name=key, display=display, error=exc)) from None
    except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise DataError(translate("datasets", "cannot read array '{name}' in '{display}': {error}").format(name=key, display=display, error=exc)) from None


#: Bytes of memory per element of a .npz array beyond the array itself: its float64 copy, its
#: split and its standardised version.
NPZ_MEMORY_PER_ELEMENT = 24


def _npy_header(member) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype from the header of a .npy file inside a .npz, without reading its data."""
    version = np.lib.format.read_magic(member)
    if version == (1, 0):
        shape, _fortran, dtype = np.lib.format.read_array_header_1_0(member)
    else:  # 2.0 and 3.0 (UTF-8 field names) have the same 4-byte header length
        shape, _fortran, dtype = np.lib.format.read_array_header_2_0(member)
    return tuple(int(n) for n in shape), np.dtype(dtype)


def _check_npz_sizes(path: str, display: str) -> None:
    """DataError before loading when the headers of 'X' and 'y' announce arrays (a 200-byte
    file may claim 100000000 x 1000 numbers) that would not fit in memory."""
    need, shapes = 0, []
    try:
        with zipfile.ZipFile(path) as archive:
            members = {name[:-4]: name for name in archive.namelist() if name.endswith(".npy")}
            for key in ("X", "y"):
                if key not in members:
                    continue
                with archive.open(members[key]) as member:
                    shape, dtype = _npy_header(member)
                count = math.prod(shape)
                need += count * (dtype.itemsize + NPZ_MEMORY_PER_ELEMENT)
                shapes.append(f"{key} of shape {shape}")
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error, SyntaxError, TypeError) as exc:
        raise DataError(translate("datasets", "cannot read array headers in '{display}': {error}").format(display=display, error=exc)) from None
    problem = memory_problem(need, translate("datasets", "data file '{display}' ({shapes})").format(
        display=display, shapes=", ".join(shapes)))
    if problem:
        raise DataError(problem)


def _read_npz(path: str, display: str):
    try:
        obj = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        msg = str(exc)
        if "pickle" in msg.lower():
            msg = "not a numpy .npz file (and pickled data is never loaded)"
        raise DataError(translate("datasets", "cannot read '{display}' as a .npz file: {error}").format(display=display, error=msg)) from None
    if not hasattr(obj, "files"):
        raise DataError(translate("datasets", "'{display}' holds a single array; save X and y together with np.savez(path, X=X, y=y)")
                        .format(display=display))
    with obj as npz:
        names = list(npz.files)
        if "X" not in names or "y" not in names:
            raise DataError(translate("datasets", "data file '{display}' must contain arrays 'X' (examples x features) and 'y' (labels); found: {names}")
                            .format(display=display, names=", ".join(names) or translate("datasets", "no arrays")))
        _check_npz_sizes(path, display)
        X = _npz_array(npz, "X", display)
        y = _npz_array(npz, "y", display)
    if X.dtype.kind not in "biuf":
        raise DataError(translate("datasets", "array 'X' in '{display}' must be numeric, got dtype {dtype}").format(display=display, dtype=X.dtype))
    if y.dtype.kind not in "biufUS":
        raise DataError(translate("datasets", "array 'y' in '{display}' must hold numbers or strings, got dtype {dtype}").format(display=display, dtype=y.dtype))
    if y.ndim == 2 and 1 in y.shape:
        y = y.reshape(-1)
    if y.ndim != 1:
        raise DataError(translate("datasets", "array 'y' in '{display}' must be 1-D (one label per example), got shape {shape}")
                        .format(display=display, shape=y.shape))
    if X.ndim == 1:
        X = X.reshape(-1, 1)
    elif X.ndim == 0:
        raise DataError(translate("datasets", "array 'X' in '{display}' must be 2-D (examples x features), got a scalar").format(display=display))
    elif X.ndim > 2:
        X = X.reshape(X.shape[0], -1)
    if X.shape[0] != y.shape[0]:
        raise DataError(translate("datasets", "data file '{display}': X has {examples} examples (rows) but y has {labels} labels")
                        .format(display=display, examples=X.shape[0], labels=y.shape[0]))
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise DataError(translate("datasets", "data file '{display}' holds no data (X has shape {shape})").format(display=display, shape=X.shape))
    X = X.astype(np.float64)
    if not np.isfinite(X).all():
        raise DataError(translate("datasets", "array 'X' in '{display}' contains NaN or infinite values").format(display=display))
    if y.dtype.kind == "S":
        y = np.char.decode(y, "utf-8", "replace")
    if y.dtype.kind == "U":
        y = np.char.strip(y)
    elif y.dtype.kind == "f" and not np.isfinite(y).all():
        raise DataError(translate("datasets", "array 'y' in '{display}' contains NaN or infinite labels").format(display=display))
    return X, y


# ---- IDX (MNIST)

_IDX_IMAGES = 0x00000803
_IDX_LABELS = 0x00000801
_IDX_NAME = re.compile(r"^(train|t10k)-(images|labels)[-.](idx3|idx1)-ubyte(\.gz)?$", re.IGNORECASE)


def _parse_idx_images(data: bytes, display: str) -> np.ndarray:
    if len(data) < 4:
        raise DataError(translate("datasets", "IDX file '{display}' is truncated ({size} bytes)").format(display=display, size=len(data)))
    (magic,) = struct.unpack(">I", data[:4])
    if magic != _IDX_IMAGES:
        raise DataError(
            translate("datasets", "'{display}' is not an IDX images file: magic number {magic}, expected {expected}").format(
                display=display, magic=f"0x{magic:08X}", expected=f"0x{_IDX_IMAGES:08X}")
        )
    if len(data) < 16:
        raise DataError(translate("datasets", "IDX file '{display}' is truncated: its header needs {need} bytes, the file has {size}").format(display=display, need=16, size=len(data)))
    n, rows, cols = struct.unpack(">III", data[4:16])
    need = 16 + n * rows * cols
    if len(data) < need:
        raise DataError(
            translate("datasets", "IDX file '{display}' is truncated: its header announces {count} images of {rows}x{cols} pixels ({need} bytes) but it has only {size} bytes")
            .format(display=display, count=n, rows=rows, cols=cols, need=need, size=len(data))
        )
    if len(data) > need:
        raise DataError(
            translate("datasets", "IDX file '{display}' is corrupt: {extra} unexpected bytes after the {count} images of {rows}x{cols} pixels its header announces")
            .format(display=display, extra=len(data) - need, count=n, rows=rows, cols=cols)
        )
    if n == 0 or rows * cols == 0:
        raise DataError(translate("datasets", "IDX file '{display}' holds no images").format(display=display))
    X = np.frombuffer(data, dtype=np.uint8, count=n * rows * cols, offset=16).reshape(n, rows * cols)
    X = X.astype(np.float64)
    X /= 255.0
    return X, rows, cols


def _parse_idx_labels(data: bytes, display: str) -> np.ndarray:
    if len(data) < 4:
        raise DataError(translate("datasets", "IDX file '{display}' is truncated ({size} bytes)").format(display=display, size=len(data)))
    (magic,) = struct.unpack(">I", data[:4])
    if magic != _IDX_LABELS:
        raise DataError(
            translate("datasets", "'{display}' is not an IDX labels file: magic number {magic}, expected {expected}").format(
                display=display, magic=f"0x{magic:08X}", expected=f"0x{_IDX_LABELS:08X}")
        )
    if len(data) < 8:
        raise DataError(translate("datasets", "IDX file '{display}' is truncated: its header needs {need} bytes, the file has {size}").format(display=display, need=8, size=len(data)))
    (n,) = struct.unpack(">I", data[4:8])
    if len(data) < 8 + n:
        raise DataError(
            translate("datasets", "IDX file '{display}' is truncated: its header announces {count} labels but it has only {size}")
            .format(display=display, count=n, size=len(data) - 8)
        )
    if len(data) > 8 + n:
        raise DataError(translate("datasets", "IDX file '{display}' is corrupt: {extra} unexpected bytes after its {count} labels")
                        .format(display=display, extra=len(data) - 8 - n, count=n))
    return np.frombuffer(data, dtype=np.uint8, count=n, offset=8).astype(np.int64)


#: Bytes of memory per pixel of an IDX images file: the uint8 file and three float64 copies.
IDX_IMAGE_MEMORY_PER_PIXEL = 25


def _read_idx(path: str, display: str, kind: str) -> bytes:
    """The (gunzipped) bytes of an IDX file, read only after its header showed that the images
    or labels it announces fit in memory; never more bytes than the header announces (plus one,
    to report trailing garbage). ``kind``: "images" or "labels"."""
    header_size = 16 if kind == "images" else 8
    try:
        with _open_data(path, display) as fh:
            head = fh.read(header_size)
            if len(head) == header_size:
                counts = struct.unpack(">III" if kind == "images" else ">I", head[4:])
                n = math.prod(counts)
                # the uint8 file and its float64 copies (the images, their split and their
                # standardised version), or the uint8 file and the int64 labels
                need = n * (IDX_IMAGE_MEMORY_PER_PIXEL if kind == "images" else 9)
                if kind == "images":
                    what = translate("datasets", "IDX file '{display}' ({count} images of {rows}x{cols} pixels)").format(
                        display=display, count=counts[0], rows=counts[1], cols=counts[2])
                else:
                    what = translate("datasets", "IDX file '{display}' ({count} labels)").format(display=display, count=counts[0])
                problem = memory_problem(need, what)
                if problem:
                    raise DataError(problem)
                head += fh.read(n + 1)
            return head
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise DataError(translate("datasets", "data file '{display}' is not a valid gzip file ({error})").format(display=display, error=exc)) from None
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read data file '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None


def _partner(path: str, src: str, dst: str) -> str | None:
    """The file next to ``path`` whose name has ``src`` (e.g. images-idx3) replaced by ``dst``."""
    folder, base = os.path.split(path)
    pattern = re.compile(src.replace("-", "[-.]"), re.IGNORECASE)
    m = pattern.search(base)
    if not m:
        return None
    sep = m.group(0)[len(src.split("-")[0])]
    name = base[: m.start()] + dst.replace("-", sep) + base[m.end():]
    stem = name[:-3] if name.lower().endswith(".gz") else name
    for cand in (name, stem, stem + ".gz"):
        p = os.path.join(folder, cand)
        if os.path.isfile(p):
            return p
    return os.path.join(folder, name)  # does not exist; reported by the caller


def _read_idx_pair(path: str, display: str):
    base = os.path.basename(path)
    images_path = labels_path = None
    if re.search(r"images[-.]idx3", base, re.IGNORECASE):
        images_path, labels_path = path, _partner(path, "images-idx3", "labels-idx1")
    elif re.search(r"labels[-.]idx1", base, re.IGNORECASE):
        images_path, labels_path = _partner(path, "labels-idx1", "images-idx3"), path
    else:
        data = _read_head(path, display)
        magic = struct.unpack(">I", data[:4])[0] if len(data) >= 4 else None
        kind = "images" if magic == _IDX_IMAGES else "labels" if magic == _IDX_LABELS else None
        if kind is None:
            _parse_idx_images(data, display)  # raises the magic-number error
        text = (translate("datasets", "cannot find the partner of IDX images file '{display}': name the files like 'train-images-idx3-ubyte' and 'train-labels-idx1-ubyte' side by side")
                if kind == "images" else
                translate("datasets", "cannot find the partner of IDX labels file '{display}': name the files like 'train-images-idx3-ubyte' and 'train-labels-idx1-ubyte' side by side"))
        raise DataError(text.format(display=display))
    folder = os.path.dirname(display)
    shown = lambda p: os.path.join(folder, os.path.basename(p)) if folder else os.path.basename(p)  # noqa: E731
    for p, what in ((images_path, "images"), (labels_path, "labels")):
        if not os.path.isfile(p):
            text = (translate("datasets", "IDX images file '{path}' not found (needed next to '{display}')") if what == "images"
                    else translate("datasets", "IDX labels file '{path}' not found (needed next to '{display}')"))
            raise DataError(text.format(path=shown(p), display=display))
    X, rows, cols = _parse_idx_images(_read_idx(images_path, shown(images_path), "images"), shown(images_path))
    y = _parse_idx_labels(_read_idx(labels_path, shown(labels_path), "labels"), shown(labels_path))
    if X.shape[0] != y.shape[0]:
        raise DataError(translate("datasets", "IDX files '{images}' and '{labels}' disagree: {image_count} images but {label_count} labels")
                        .format(images=shown(images_path), labels=shown(labels_path), image_count=X.shape[0],
                                label_count=y.shape[0]))
    features = [f"pixel_{r}_{c}" for r in range(rows) for c in range(cols)]
    return X, y, features


def _find_mnist(folder: str, display: str):
    try:
        entries = sorted(os.listdir(folder))
    except OSError as exc:
        raise DataError(translate("datasets", "cannot read folder '{display}': {reason}").format(display=display, reason=exc.strerror or exc)) from None
    found = {}
    for e in entries:
        m = _IDX_NAME.match(e)
        if m and m.group(2).lower() == "images":
            found.setdefault(m.group(1).lower(), os.path.join(folder, e))
    if "train" not in found:
        raise DataError(translate("datasets", "folder '{display}' holds no MNIST IDX files (expected train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz])")
                        .format(display=display))
    return found["train"], found.get("t10k")


# ---- dispatch


def _load_file(path: str, display: str):
    """(X (m, n), raw labels (m,), feature names, test pair or None) for a path."""
    if os.path.isdir(path):
        train, test = _find_mnist(path, display)
        X, y, feats = _read_idx_pair(train, os.path.join(display, os.path.basename(train)))
        test_pair = None
        if test is not None:
            Xt, yt, _ = _read_idx_pair(test, os.path.join(display, os.path.basename(test)))
            if Xt.shape[1] != X.shape[1]:
                raise DataError(
                    translate("datasets", "folder '{display}': test images have {test} pixels, training images {train}")
                    .format(display=display, test=Xt.shape[1], train=X.shape[1])
                )
            test_pair = (Xt, yt)
        return X, y, feats, test_pair
    kind = _file_kind(path)
    if kind == "npz":
        X, y = _read_npz(path, display)
        return X, y, _default_features(X.shape[1]), None
    if kind == "idx":
        X, y, feats = _read_idx_pair(path, display)
        return X, y, feats, None
    X, y, feats = _read_csv(path, display)
    return X, y, feats, None


def load_array_file(path) -> tuple[np.ndarray, np.ndarray]:
    """Read a .csv / .npz / IDX file (or the train-* files of an MNIST folder).

    Returns ``X`` float64 of shape (m, n) -- one example per *row*, as stored -- and the
    raw labels of shape (m,) (numbers, or strings for text labels).
    """
    display = os.fspath(path)
    X, y, _, _ = _load_file(_resolve(display), display)
    return X, y


def _format_number(v: float) -> str:
    v = float(v)
    if v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    return repr(v)


def _encode(arrays: list[np.ndarray]):
    """Map raw labels to class indices: (class_names, [index arrays])."""
    if all(a.dtype.kind in "biuf" for a in arrays):
        vals = [np.asarray(a, dtype=np.float64) for a in arrays]
        uniq = np.unique(np.concatenate(vals))
        return [_format_number(v) for v in uniq], [np.searchsorted(uniq, v).astype(np.int64) for v in vals]
    strs = [
        np.array([_format_number(x) for x in a], dtype=str) if a.dtype.kind in "biuf" else a.astype(str)
        for a in arrays
    ]
    uniq = np.unique(np.concatenate(strs))
    return [str(u) for u in uniq], [np.searchsorted(uniq, s).astype(np.int64) for s in strs]


# --------------------------------------------------------------------------- options


def _class_index(entry, class_names: list[str]) -> int:
    s = str(entry).strip()
    if s in class_names:
        return class_names.index(s)
    numeric_names = {}
    for i, c in enumerate(class_names):
        try:
            numeric_names[i] = float(c)
        except ValueError:
            pass
    if not isinstance(entry, bool):
        try:
            v = float(entry)
        except (TypeError, ValueError):
            v = None
        if v is not None:
            for i, c in numeric_names.items():
                if c == v:
                    return i
            # text class names: an integer may be a class index
            if not numeric_names and v.is_integer() and 0 <= v < len(class_names):
                return int(v)
    shown = ", ".join(class_names[:20]) + (", ..." if len(class_names) > 20 else "")
    raise DataError(f"class filter: there is no class {entry!r} in this data set (classes: {shown})")


def _filter_classes(wanted, X, y, class_names, test):
    keep = sorted({_class_index(e, class_names) for e in wanted})
    if len(keep) < 2:
        kept = ", ".join(class_names[i] for i in keep) or "none"
        raise DataError(f"class filter {list(wanted)!r} leaves {len(keep)} class ({kept}); a classifier needs at least 2")
    remap = np.full(len(class_names), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))

    def apply(Xa, ya):
        mask = remap[ya] >= 0
        return Xa[mask], remap[ya[mask]]

    X, y = apply(X, y)
    if test is not None:
        test = apply(*test)
    return X, y, [class_names[i] for i in keep], test


def _split(X, y, fraction: float, seed: int):
    m = len(y)
    n_test = math.ceil(fraction * m)
    if n_test < 1 or m - n_test < 1:
        raise DataError(
            f"test_fraction {fraction} of {m} examples leaves {m - n_test} for training and {n_test} for testing; "
            f"both need at least 1"
        )
    tr, te = split_indices(y, fraction, seed)
    return X[tr], y[tr], X[te], y[te]


def split_indices(y, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) indices: scikit-learn's ``train_test_split(np.arange(m), test_size=test_fraction,
    stratify=y, random_state=seed)``, index for index; when a class is too small to stratify
    (fewer than 2 examples, or fewer examples in a part than there are classes), the plain
    ``train_test_split(..., random_state=seed)`` without ``stratify``, as before.

    ``ceil(test_fraction * m)`` examples go to the test part, the rest to training.
    """
    y = np.asarray(y)
    m = int(y.shape[0])
    n_test = math.ceil(test_fraction * m)
    n_train = m - n_test
    if not (0.0 < test_fraction < 1.0) or n_train < 1:
        raise ValueError(f"test_fraction {test_fraction} of {m} examples leaves an empty part")
    # StratifiedShuffleSplit(test_size=n_test, train_size=n_train, random_state=seed), first split
    classes, y_indices, class_counts = np.unique(y, return_inverse=True, return_counts=True)
    y_indices = y_indices.reshape(-1)
    n_classes = classes.shape[0]
    if np.min(class_counts) >= 2 and n_train >= n_classes and n_test >= n_classes:
        class_indices = np.split(np.argsort(y_indices, kind="stable"), np.cumsum(class_counts)[:-1])
        rng = check_random_state(seed)
        n_i = _approximate_mode(class_counts, n_train, rng)
        class_counts_remaining = class_counts - n_i
        t_i = _approximate_mode(class_counts_remaining, n_test, rng)
        train: list = []
        test: list = []
        for i in range(n_classes):
            permutation = rng.permutation(class_counts[i])
            perm_indices_class_i = class_indices[i].take(permutation, mode="clip")
            train.extend(perm_indices_class_i[: n_i[i]])
            test.extend(perm_indices_class_i[n_i[i]: n_i[i] + t_i[i]])
        return rng.permutation(train), rng.permutation(test)
    # ShuffleSplit(test_size=n_test, train_size=n_train, random_state=seed), first split
    permutation = check_random_state(seed).permutation(m)
    return permutation[n_test: n_test + n_train], permutation[:n_test]


def _approximate_mode(class_counts, n_draws, rng):
    """scikit-learn's ``sklearn.utils.extmath._approximate_mode`` (ties broken with ``rng``)."""
    continuous = class_counts / class_counts.sum() * n_draws
    floored = np.floor(continuous)
    need_to_add = int(n_draws - floored.sum())
    if need_to_add > 0:
        remainder = continuous - floored
        values = np.sort(np.unique(remainder))[::-1]
        for value in values:
            (inds,) = np.where(remainder == value)
            add_now = min(len(inds), need_to_add)
            inds = rng.choice(inds, size=add_now, replace=False)
            floored[inds] += 1
            need_to_add -= add_now
            if need_to_add == 0:
                break
    return floored.astype(int)


# --------------------------------------------------------------------------- main entry


def load_dataset(spec: DataSpec) -> Dataset:
    """Build the :class:`Dataset` described by ``spec`` (a DataSpec or a dict).

    Raises :class:`DataError` for an unknown name, a missing or malformed file, or bad
    option values.
    """
    if isinstance(spec, Mapping):
        spec = DataSpec.from_dict(spec)
    if not isinstance(spec, DataSpec):
        raise DataError(f"expected a DataSpec, got {type(spec).__name__}")
    raw_name = _as_str("name", spec.name)
    if not raw_name.strip():
        raise DataError(f"no dataset given; choose one of {', '.join(dataset_names())} or a data file")
    key = _canonical(raw_name)
    opts = _check_spec(spec, key)
    test = None
    if key in GENERATED:
        X, y, class_names = _generate(key, opts)
        feature_names, display_name = ["x1", "x2"], key
    elif key in BUNDLED:
        X, y, class_names, feature_names = _bundled(key)
        display_name = key
    else:
        path = _resolve(raw_name)
        X, labels, feature_names, test_raw = _load_file(path, raw_name)
        arrays = [labels] + ([test_raw[1]] if test_raw is not None else [])
        class_names, encoded = _encode(arrays)
        y = encoded[0]
        if test_raw is not None:
            test = (test_raw[0], encoded[1])
        display_name = os.path.basename(os.path.normpath(raw_name)) or raw_name
        if len(class_names) < 2:
            raise DataError(
                f"data file '{raw_name}' has only one class ({class_names[0]!r}); a classifier needs at least 2"
            )

    if opts["classes"] is not None:
        X, y, class_names, test = _filter_classes(opts["classes"], X, y, class_names, test)

    n = X.shape[1]
    if test is None and opts["test_fraction"] > 0:
        X, y, Xt, yt = _split(X, y, opts["test_fraction"], opts["data_seed"])
    elif test is not None:
        Xt, yt = test
    else:
        Xt, yt = np.empty((0, n), dtype=np.float64), np.empty((0,), dtype=np.int64)

    X_train = np.asarray(X, dtype=np.float64).T
    X_test = np.asarray(Xt, dtype=np.float64).T
    mean = std = None
    if opts["standardize"]:
        mean = X_train.mean(axis=1, keepdims=True)
        std = X_train.std(axis=1, keepdims=True)
        std[std <= 1e-12 * np.maximum(1.0, np.abs(mean))] = 1.0
        X_train = (X_train - mean) / std
        X_test = (X_test - mean) / std
    return Dataset(
        name=display_name,
        X_train=X_train,
        y_train=np.asarray(y, dtype=np.int64),
        X_test=X_test,
        y_test=np.asarray(yt, dtype=np.int64),
        class_names=list(class_names),
        feature_names=list(feature_names),
        mean=mean,
        std=std,
    )


# --------------------------------------------------------------------------- mini-batches


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    """The course notebook's ``random_mini_batches``, step for step.

    ``np.random.seed(seed)`` (global RNG, as in the notebook), one permutation of the ``m``
    columns, then ``floor(m / mini_batch_size)`` full batches and a smaller last one.
    ``Y`` may be (1, m) as in the notebook, (k, m) (one-hot) or 1-D (m,); batches keep its
    layout.  Returns a list of ``(mini_batch_X, mini_batch_Y)``.
    """
    X = np.asarray(X)
    Y = np.asarray(Y)
    mini_batch_size = int(mini_batch_size)
    if mini_batch_size < 1:
        raise ValueError(f"mini_batch_size must be at least 1, got {mini_batch_size}")
    np.random.seed(seed)  # To make your "random" minibatches the same as ours
    m = X.shape[1]  # number of training examples
    if Y.shape[-1] != m:
        raise ValueError(f"X has {m} examples (columns) but Y has {Y.shape[-1]}")
    mini_batches = []

    # Step 1: Shuffle (X, Y)
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[..., permutation]

    # Step 2: Partition (shuffled_X, shuffled_Y). Minus the end case.
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : k * mini_batch_size + mini_batch_size]
        mini_batch_Y = shuffled_Y[..., k * mini_batch_size : k * mini_batch_size + mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    # Handling the end case (last mini-batch < mini_batch_size)
    if m % mini_batch_size != 0:
        k = num_complete_minibatches
        mini_batch_X = shuffled_X[:, k * mini_batch_size : k * mini_batch_size + m % mini_batch_size]
        mini_batch_Y = shuffled_Y[..., k * mini_batch_size : k * mini_batch_size + m % mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))

    return mini_batches
