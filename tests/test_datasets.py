"""Tests for optstudio.core.datasets (fast: small data, no network)."""

from __future__ import annotations

import gzip
import math
import struct

import numpy as np
import pytest
from sklearn.datasets import load_digits, load_iris, make_circles, make_moons

from optstudio.core.datasets import (
    BUNDLED,
    GENERATED,
    DataError,
    Dataset,
    DataSpec,
    dataset_names,
    dataset_parameters,
    load_array_file,
    load_dataset,
    random_mini_batches,
)

# ---------------------------------------------------------------- helpers


def write_idx_images(path, images: np.ndarray, magic=0x00000803, truncate=0, gz=False):
    n, r, c = images.shape
    data = struct.pack(">IIII", magic, n, r, c) + images.astype(np.uint8).tobytes()
    if truncate:
        data = data[:-truncate]
    if gz:
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    else:
        path.write_bytes(data)


def write_idx_labels(path, labels, magic=0x00000801, gz=False):
    labels = np.asarray(labels, dtype=np.uint8)
    data = struct.pack(">II", magic, len(labels)) + labels.tobytes()
    if gz:
        with gzip.open(path, "wb") as fh:
            fh.write(data)
    else:
        path.write_bytes(data)


def small_images(n, seed=0, shape=(3, 2)):
    return np.random.default_rng(seed).integers(0, 256, size=(n, *shape), dtype=np.uint8)


def check_dataset(d: Dataset, n_x: int, m: int, k: int):
    assert d.X_train.dtype == np.float64 and d.y_train.dtype == np.int64
    assert d.X_train.shape == (n_x, m)
    assert d.y_train.shape == (m,)
    assert d.n_features == n_x and d.m_train == m and d.n_classes == k
    assert d.X_test.shape == (n_x, d.m_test) and d.y_test.shape == (d.m_test,)
    assert set(np.unique(d.y_train)) <= set(range(k))
    assert len(d.feature_names) == n_x and len(d.class_names) == k


# ---------------------------------------------------------------- names / spec


def test_names_and_parameters():
    names = dataset_names()
    assert names == list(GENERATED) + list(BUNDLED)
    for n in ["moons", "circles", "blobs", "xor", "spirals", "linear", "digits", "iris", "breast_cancer"]:
        assert n in names
    assert dataset_parameters("moons") == ["samples", "noise", "data_seed"]
    assert "factor" in dataset_parameters("circles")
    assert "centers" in dataset_parameters("blobs")
    assert dataset_parameters("digits") == []
    assert dataset_parameters("some/file.csv") == []


def test_spec_roundtrip_and_unknown_key():
    spec = DataSpec(name="circles", samples=50, classes=[0, 1], test_fraction=0.2, standardize=True)
    d = spec.to_dict()
    assert d["name"] == "circles" and d["classes"] == [0, 1]
    assert DataSpec.from_dict(d) == spec
    assert DataSpec.from_dict({}) == DataSpec()
    with pytest.raises(ValueError, match="unknown data option 'smaples'"):
        DataSpec.from_dict({"smaples": 10})
    with pytest.raises(ValueError, match="samples"):
        DataSpec.from_dict({"samples": "many"})


# ---------------------------------------------------------------- generated


@pytest.mark.parametrize("name", ["moons", "circles", "blobs", "xor", "spirals", "linear"])
def test_generated_shapes_labels_determinism(name):
    spec = DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=5, test_fraction=0.0)
    a = load_dataset(spec)
    k = 4 if name == "blobs" else 2
    check_dataset(a, 2, 101, k)
    assert set(np.unique(a.y_train)) == set(range(k))
    assert a.class_names == [str(i) for i in range(k)]
    assert a.m_test == 0 and a.mean is None and a.std is None
    b = load_dataset(DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=5, test_fraction=0.0))
    np.testing.assert_array_equal(a.X_train, b.X_train)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    c = load_dataset(DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=6, test_fraction=0.0))
    assert not np.array_equal(a.X_train, c.X_train)
    # smallest allowed size still has two classes (blobs: one per center)
    tiny = load_dataset(DataSpec(name=name, samples=2, centers=2, test_fraction=0.0))
    assert set(tiny.y_train) == {0, 1}


def test_generated_match_sklearn_with_seed():
    d = load_dataset(DataSpec(name="moons", samples=80, noise=0.3, data_seed=7, test_fraction=0.0))
    X, y = make_moons(n_samples=80, noise=0.3, random_state=7)
    np.testing.assert_array_equal(d.X_train, X.T)
    np.testing.assert_array_equal(d.y_train, y)
    d = load_dataset(DataSpec(name="circles", samples=60, noise=0.05, factor=0.3, data_seed=2, test_fraction=0.0))
    X, y = make_circles(n_samples=60, noise=0.05, factor=0.3, random_state=2)
    np.testing.assert_array_equal(d.X_train, X.T)


def test_xor_and_linear_geometry():
    xor = load_dataset(DataSpec(name="xor", samples=400, noise=0.0, test_fraction=0.0))
    x, y = xor.X_train
    np.testing.assert_array_equal(xor.y_train, (np.sign(x) * np.sign(y) < 0).astype(int))
    lin = load_dataset(DataSpec(name="linear", samples=200, noise=0.0, data_seed=3, test_fraction=0.0))
    from sklearn.svm import LinearSVC

    clf = LinearSVC(C=100.0).fit(lin.X_train.T, lin.y_train)
    assert clf.score(lin.X_train.T, lin.y_train) == 1.0


def test_notebook_preset_matches_course_load_dataset():
    d = load_dataset(DataSpec(name="moons", preset="notebook", test_fraction=0.0))
    np.random.seed(3)
    X, y = make_moons(n_samples=300, noise=0.2)
    np.testing.assert_array_equal(d.X_train, X.T)
    np.testing.assert_array_equal(d.y_train, y)
    assert d.X_train.shape == (2, 300) and d.m_test == 0


def test_notebook_preset_explicit_seed_and_global_state():
    d = load_dataset(DataSpec(name="moons", preset="notebook", data_seed=11, samples=50, noise=0.1, test_fraction=0.0))
    np.random.seed(11)
    X, _ = make_moons(n_samples=50, noise=0.1)
    np.testing.assert_array_equal(d.X_train, X.T)
    # the caller's global RNG stream is left where it was
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    load_dataset(DataSpec(name="moons", preset="notebook", test_fraction=0.0))
    np.testing.assert_array_equal(np.random.rand(3), expected)


# ---------------------------------------------------------------- bundled


def test_bundled_datasets():
    digits = load_dataset(DataSpec(name="digits", test_fraction=0.0))
    check_dataset(digits, 64, 1797, 10)
    assert digits.class_names == [str(i) for i in range(10)]
    assert digits.X_train.min() == 0.0 and digits.X_train.max() == 1.0
    np.testing.assert_allclose(digits.X_train, load_digits().data.T / 16.0)
    iris = load_dataset(DataSpec(name="iris", test_fraction=0.0))
    check_dataset(iris, 4, 150, 3)
    assert iris.class_names == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(iris.X_train, load_iris().data.T)
    bc = load_dataset(DataSpec(name="breast-cancer", test_fraction=0.0))
    check_dataset(bc, 30, 569, 2)
    assert bc.name == "breast_cancer" and bc.class_names == ["malignant", "benign"]


def test_digits_class_filter():
    d = load_dataset(DataSpec(name="digits", classes=[0, 1], test_fraction=0.0))
    ref = load_digits()
    mask = ref.target <= 1
    check_dataset(d, 64, int(mask.sum()), 2)
    assert d.class_names == ["0", "1"]
    np.testing.assert_array_equal(d.y_train, ref.target[mask])
    # strings work too, and order/duplicates in the filter do not matter
    e = load_dataset(DataSpec(name="digits", classes=["7", 3, 3.0], test_fraction=0.0))
    assert e.class_names == ["3", "7"]
    np.testing.assert_array_equal(e.y_train, (ref.target[(ref.target == 3) | (ref.target == 7)] == 7).astype(int))
    iris = load_dataset(DataSpec(name="iris", classes=["virginica", "setosa"], test_fraction=0.0))
    assert iris.class_names == ["setosa", "virginica"] and iris.m_train == 100


def test_stratified_split_proportions():
    d = load_dataset(DataSpec(name="iris", test_fraction=0.2, data_seed=1))
    assert d.m_train == 120 and d.m_test == 30
    np.testing.assert_array_equal(np.bincount(d.y_test), [10, 10, 10])
    np.testing.assert_array_equal(np.bincount(d.y_train), [40, 40, 40])
    # all examples are used once
    both = np.concatenate([d.X_train, d.X_test], axis=1)
    full = load_iris().data.T
    assert sorted(map(tuple, both.T)) == sorted(map(tuple, full.T))
    # deterministic per seed, different across seeds
    d2 = load_dataset(DataSpec(name="iris", test_fraction=0.2, data_seed=1))
    np.testing.assert_array_equal(d.X_test, d2.X_test)
    d3 = load_dataset(DataSpec(name="iris", test_fraction=0.2, data_seed=2))
    assert not np.array_equal(d.X_test, d3.X_test)


def test_split_falls_back_when_a_class_is_tiny(tmp_path):
    p = tmp_path / "tiny.csv"
    p.write_text("".join(f"{i},{i * 2}, a\n" for i in range(9)) + "9,1,b\n")
    d = load_dataset(DataSpec(name=str(p), test_fraction=0.3))
    assert d.m_train == 7 and d.m_test == 3


def test_standardisation_uses_train_statistics_only():
    d = load_dataset(DataSpec(name="breast_cancer", test_fraction=0.3, standardize=True, data_seed=0))
    np.testing.assert_allclose(d.X_train.mean(axis=1), 0.0, atol=1e-10)
    np.testing.assert_allclose(d.X_train.std(axis=1), 1.0, atol=1e-10)
    assert np.abs(d.X_test.mean(axis=1)).max() > 1e-3  # test part is not re-centred
    assert d.mean.shape == (30, 1) and d.std.shape == (30, 1)
    raw = load_dataset(DataSpec(name="breast_cancer", test_fraction=0.3, data_seed=0))
    np.testing.assert_allclose(d.mean[:, 0], raw.X_train.mean(axis=1))
    np.testing.assert_allclose(d.transform(raw.X_test), d.X_test)
    np.testing.assert_allclose(d.transform(raw.X_test[:, 0]), d.X_test[:, 0])
    assert raw.mean is None
    np.testing.assert_array_equal(raw.transform(raw.X_test), raw.X_test)
    with pytest.raises(DataError, match="shape"):
        d.transform(np.zeros((3, 2)))


def test_constant_feature_std_becomes_one():
    d = load_dataset(DataSpec(name="digits", standardize=True, classes=[0, 1], test_fraction=0.0))
    assert np.all(np.isfinite(d.X_train))
    assert d.std[0, 0] == 1.0  # pixel_0_0 is always 0 in the digits


# ---------------------------------------------------------------- user files


def test_csv_without_header(tmp_path):
    p = tmp_path / "data.csv"
    p.write_text("0.5,1.5,1\n2,3,0\n\n-1,4e-1,1\n4,5,2\n")
    X, y = load_array_file(p)
    np.testing.assert_array_equal(X, [[0.5, 1.5], [2, 3], [-1, 0.4], [4, 5]])
    np.testing.assert_array_equal(y, [1, 0, 1, 2])
    d = load_dataset(DataSpec(name=str(p), test_fraction=0.0))
    check_dataset(d, 2, 4, 3)
    assert d.class_names == ["0", "1", "2"] and d.feature_names == ["x1", "x2"]
    np.testing.assert_array_equal(d.y_train, [1, 0, 1, 2])
    assert d.name == "data.csv"


def test_csv_with_header_text_labels_and_semicolons(tmp_path):
    p = tmp_path / "flowers.csv"
    p.write_text("length;width;species\n1.0;2.0;rose\n3.0;4.0; lily\n5;6;rose\n")
    d = load_dataset(DataSpec(name=str(p), test_fraction=0.0))
    assert d.feature_names == ["length", "width"]
    assert d.class_names == ["lily", "rose"]
    np.testing.assert_array_equal(d.y_train, [1, 0, 1])
    np.testing.assert_array_equal(d.X_train, [[1, 3, 5], [2, 4, 6]])
    f = load_dataset(DataSpec(name=str(p), classes=["rose", "lily"], test_fraction=0.0))
    assert f.class_names == ["lily", "rose"]


def test_csv_tabs_and_header_with_numeric_labels(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("a\tb\tlabel\n1\t2\t0\n3\t4\t1\n")
    d = load_dataset(DataSpec(name=str(p), test_fraction=0.0))
    assert d.feature_names == ["a", "b"] and d.m_train == 2


def test_npz(tmp_path):
    p = tmp_path / "d.npz"
    X = np.arange(12, dtype=float).reshape(6, 2)
    y = np.array([3, 5, 3, 5, 3, 5])
    np.savez(p, X=X, y=y)
    d = load_dataset(DataSpec(name=str(p), test_fraction=0.0))
    np.testing.assert_array_equal(d.X_train, X.T)
    assert d.class_names == ["3", "5"]
    np.testing.assert_array_equal(d.y_train, [0, 1, 0, 1, 0, 1])
    q = tmp_path / "s.npz"
    np.savez(q, X=X, y=np.array(["b", "a", "b", "a", "b", "a"]))
    assert load_dataset(DataSpec(name=str(q), test_fraction=0.0)).class_names == ["a", "b"]


def test_idx_plain_and_gz(tmp_path):
    imgs = small_images(5)
    write_idx_images(tmp_path / "train-images-idx3-ubyte", imgs)
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte", [1, 0, 4, 1, 0])
    d = load_dataset(DataSpec(name=str(tmp_path / "train-images-idx3-ubyte"), test_fraction=0.0))
    check_dataset(d, 6, 5, 3)
    np.testing.assert_allclose(d.X_train, imgs.reshape(5, 6).T / 255.0)
    assert d.class_names == ["0", "1", "4"]
    assert d.feature_names[:2] == ["pixel_0_0", "pixel_0_1"]

    gz = tmp_path / "gz"
    gz.mkdir()
    write_idx_images(gz / "t10k-images-idx3-ubyte.gz", imgs, gz=True)
    write_idx_labels(gz / "t10k-labels-idx1-ubyte.gz", [1, 0, 4, 1, 0], gz=True)
    X, y = load_array_file(gz / "t10k-images-idx3-ubyte.gz")
    np.testing.assert_allclose(X, imgs.reshape(5, 6) / 255.0)
    np.testing.assert_array_equal(y, [1, 0, 4, 1, 0])


def test_idx_folder_uses_t10k_as_test_set(tmp_path):
    write_idx_images(tmp_path / "train-images-idx3-ubyte.gz", small_images(8, 1), gz=True)
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte.gz", [0, 1, 2, 0, 1, 2, 0, 1], gz=True)
    write_idx_images(tmp_path / "t10k-images-idx3-ubyte", small_images(4, 2))
    write_idx_labels(tmp_path / "t10k-labels-idx1-ubyte", [2, 1, 0, 2])
    d = load_dataset(DataSpec(name=str(tmp_path), test_fraction=0.5))  # fraction ignored
    assert d.m_train == 8 and d.m_test == 4 and d.n_classes == 3
    np.testing.assert_array_equal(d.y_test, [2, 1, 0, 2])
    f = load_dataset(DataSpec(name=str(tmp_path), classes=[0, 2], standardize=True, test_fraction=0.0))
    assert f.class_names == ["0", "2"] and f.m_train == 5 and f.m_test == 3
    np.testing.assert_array_equal(f.y_test, [1, 0, 1])


# ---------------------------------------------------------------- bad inputs


def expect_error(spec_or_path, *fragments):
    with pytest.raises(DataError) as info:
        if isinstance(spec_or_path, DataSpec):
            load_dataset(spec_or_path)
        else:
            load_dataset(DataSpec(name=str(spec_or_path), test_fraction=0.0))
    msg = str(info.value)
    assert "\n" not in msg
    for frag in fragments:
        assert frag in msg, msg
    return msg


def test_bad_options():
    expect_error(DataSpec(name="no_such_set"), "unknown dataset 'no_such_set'", "moons")
    expect_error(DataSpec(name="moons", samples=1), "samples must be at least 2")
    expect_error(DataSpec(name="moons", test_fraction=1), "test_fraction")
    expect_error(DataSpec(name="moons", test_fraction=-0.1), "test_fraction")
    expect_error(DataSpec(name="moons", preset="nope"), "preset")
    expect_error(DataSpec(name="circles", factor=1.5), "factor")
    expect_error(DataSpec(name="moons", noise=-1), "noise")
    expect_error(DataSpec(name="digits", classes=[3]), "class filter", "at least 2")
    expect_error(DataSpec(name="digits", classes=[3, 42]), "no class 42")
    expect_error(DataSpec(name="moons", samples=3, test_fraction=0.9), "test_fraction")
    assert isinstance(DataError("x"), ValueError)


def test_missing_file(tmp_path):
    expect_error(tmp_path / "absent.csv", "not found", "absent.csv")
    with pytest.raises(DataError, match="not found"):
        load_array_file(tmp_path / "absent.npz")


def test_malformed_csv_row(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("1,2,0\n3,4,1\n5,abc,0\n")
    expect_error(p, "bad.csv", "line 3", "'abc'", "column 2")
    q = tmp_path / "nan.csv"
    q.write_text("1,2,0\nnan,4,1\n")
    expect_error(q, "line 2", "finite")


def test_ragged_csv(tmp_path):
    p = tmp_path / "ragged.csv"
    p.write_text("x,y,label\n1,2,0\n3,1\n")
    expect_error(p, "line 3", "expected 3 values", "got 2")


def test_empty_or_single_column_csv(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_text("\n\n")
    expect_error(p, "empty")
    q = tmp_path / "one.csv"
    q.write_text("1\n2\n")
    expect_error(q, "at least 2 columns")
    r = tmp_path / "oneclass.csv"
    r.write_text("1,2,a\n3,4,a\n")
    expect_error(r, "only one class")


def test_npz_without_X(tmp_path):
    p = tmp_path / "noX.npz"
    np.savez(p, data=np.zeros((3, 2)), y=np.zeros(3))
    expect_error(p, "'X'", "found: data, y")


def test_npz_object_array_is_not_unpickled(tmp_path, monkeypatch):
    p = tmp_path / "obj.npz"
    np.savez(p, X=np.array([[1.0, 2.0]]), y=np.array([{"evil": 1}], dtype=object))
    import pickle

    def boom(*a, **k):  # pragma: no cover - would mean we unpickled
        raise AssertionError("pickle used")

    monkeypatch.setattr(pickle, "load", boom)
    monkeypatch.setattr(pickle, "loads", boom)
    expect_error(p, "Python objects", "'y'")


def test_npz_mismatched_lengths_and_garbage(tmp_path):
    p = tmp_path / "len.npz"
    np.savez(p, X=np.zeros((3, 2)), y=np.zeros(4))
    expect_error(p, "3 examples", "4 labels")
    q = tmp_path / "garbage.npz"
    q.write_bytes(b"definitely not a zip file")
    expect_error(q, "garbage.npz", ".npz")


def test_idx_bad_magic(tmp_path):
    write_idx_images(tmp_path / "train-images-idx3-ubyte", small_images(3), magic=0x00000804)
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte", [0, 1, 0])
    expect_error(tmp_path / "train-images-idx3-ubyte", "magic number 0x00000804", "0x00000803")
    write_idx_images(tmp_path / "train-images-idx3-ubyte", small_images(3))
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte", [0, 1, 0], magic=0x00000803)
    expect_error(tmp_path / "train-images-idx3-ubyte", "not an IDX labels file")


def test_idx_truncated(tmp_path):
    write_idx_images(tmp_path / "train-images-idx3-ubyte.gz", small_images(4), truncate=5, gz=True)
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte.gz", [0, 1, 0, 1], gz=True)
    expect_error(tmp_path / "train-images-idx3-ubyte.gz", "truncated", "4 images")
    (tmp_path / "train-images-idx3-ubyte.gz").unlink()
    write_idx_images(tmp_path / "train-images-idx3-ubyte.gz", small_images(4), gz=True)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(struct.pack(">II", 0x801, 4) + b"\0"))
    expect_error(tmp_path / "train-images-idx3-ubyte.gz", "truncated", "4 labels")


def test_idx_missing_labels_and_count_mismatch(tmp_path):
    write_idx_images(tmp_path / "t10k-images-idx3-ubyte", small_images(3))
    expect_error(tmp_path / "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "not found")
    write_idx_labels(tmp_path / "t10k-labels-idx1-ubyte", [0, 1])
    expect_error(tmp_path / "t10k-images-idx3-ubyte", "3 images but 2 labels")
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    expect_error(empty, "no MNIST IDX files")


# ---------------------------------------------------------------- mini-batches


def random_mini_batches_test_case():
    np.random.seed(1)
    mini_batch_size = 64
    X = np.random.randn(12288, 148)
    Y = np.random.randn(1, 148) < 0.5
    return X, Y, mini_batch_size


def test_random_mini_batches_matches_notebook():
    X, Y, mbs = random_mini_batches_test_case()
    mini_batches = random_mini_batches(X, Y, mbs)
    assert [mb[0].shape for mb in mini_batches] == [(12288, 64), (12288, 64), (12288, 20)]
    assert [mb[1].shape for mb in mini_batches] == [(1, 64), (1, 64), (1, 20)]
    np.testing.assert_allclose(mini_batches[0][0][0][0:3], [0.90085595, -0.7612069, 0.2344157], atol=1e-7)


def test_random_mini_batches_keeps_pairs_and_covers_all():
    X = np.arange(20, dtype=float).reshape(2, 10)
    y = np.arange(10)
    batches = random_mini_batches(X, y, mini_batch_size=4, seed=3)
    assert [b[0].shape[1] for b in batches] == [4, 4, 2]
    for bx, by in batches:
        np.testing.assert_array_equal(bx[0], by)  # column j of X belongs to label j
    assert sorted(np.concatenate([b[1] for b in batches])) == list(range(10))
    np.random.seed(3)
    perm = np.random.permutation(10)
    np.testing.assert_array_equal(np.concatenate([b[1] for b in batches]), perm)
    assert len(random_mini_batches(X, y, mini_batch_size=5)) == 2
    with pytest.raises(ValueError):
        random_mini_batches(X, y, mini_batch_size=0)


# ---------------------------------------------------------------- scikit-learn's numbers, without scikit-learn
#
# moons, circles and blobs are generated by numpy copies of scikit-learn's generators, and the
# test split by a numpy copy of train_test_split (importing sklearn costs over a second of
# start-up).  The numbers must be scikit-learn's, exactly.

import itertools  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import sklearn.datasets as skd  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from optstudio.core import datasets as ods  # noqa: E402

SEEDS = [0, 1, 7, 42, 2**32 - 1, np.int64(5)]


def assert_same(ours, theirs):
    for a, b in zip(ours, theirs):
        assert a.shape == b.shape
        assert np.array_equal(a, b), "differs from scikit-learn"


@pytest.mark.parametrize("n_samples", [1, 2, 3, 7, 100, 301])
def test_make_moons_is_sklearns(n_samples):
    for noise, seed, shuffle in itertools.product([None, 0.0, 0.2, 1.5], SEEDS, [True, False]):
        kw = dict(n_samples=n_samples, noise=noise, shuffle=shuffle, random_state=seed)
        assert_same(ods.make_moons(**kw), skd.make_moons(**kw))


@pytest.mark.parametrize("n_samples", [1, 2, 9, 100, 301])
def test_make_circles_is_sklearns(n_samples):
    for noise, factor, seed, shuffle in itertools.product([None, 0.0, 0.05, 0.7], [0.0, 0.3, 0.8, 0.99],
                                                          SEEDS[:4], [True, False]):
        kw = dict(n_samples=n_samples, noise=noise, factor=factor, shuffle=shuffle, random_state=seed)
        assert_same(ods.make_circles(**kw), skd.make_circles(**kw))
    kw = dict(n_samples=n_samples, random_state=3)  # sklearn's defaults: factor 0.8, no noise
    assert_same(ods.make_circles(**kw), skd.make_circles(**kw))


@pytest.mark.parametrize("n_samples", [1, 2, 10, 101, 300])
def test_make_blobs_is_sklearns(n_samples):
    for n_features, centers, std, seed, shuffle in itertools.product(
            [1, 2, 5], [None, 1, 2, 3, 7], [0.0, 0.5, 1.0, 3.2], SEEDS[:3], [True, False]):
        kw = dict(n_samples=n_samples, n_features=n_features, centers=centers, cluster_std=std,
                  shuffle=shuffle, random_state=seed)
        assert_same(ods.make_blobs(**kw), skd.make_blobs(**kw))
    kw = dict(n_samples=n_samples, centers=4, center_box=(-1.0, 3.0), random_state=11)
    assert_same(ods.make_blobs(**kw), skd.make_blobs(**kw))


def test_generators_random_state_semantics():
    # a RandomState instance is used (and advanced) as scikit-learn uses it
    for ours, theirs, kw in [(ods.make_moons, skd.make_moons, dict(n_samples=31, noise=0.1)),
                             (ods.make_circles, skd.make_circles, dict(n_samples=31, noise=0.1, factor=0.4)),
                             (ods.make_blobs, skd.make_blobs, dict(n_samples=31, centers=3))]:
        r1, r2 = np.random.RandomState(9), np.random.RandomState(9)
        for _ in range(2):  # twice: the second call continues the same stream
            assert_same(ours(**kw, random_state=r1), theirs(**kw, random_state=r2))
        assert r1.randint(1 << 30) == r2.randint(1 << 30)
        # None: numpy's global RandomState (the course's np.random.seed(3); make_moons(...))
        np.random.seed(4)
        a = ours(**kw)
        after_ours = np.random.rand()
        np.random.seed(4)
        b = theirs(**kw)
        assert_same(a, b)
        assert np.random.rand() == after_ours
        # np.random itself also means the global state
        np.random.seed(4)
        assert_same(ours(**kw, random_state=np.random), b)
    assert isinstance(ods.check_random_state(3), np.random.RandomState)
    assert ods.check_random_state(None) is np.random.mtrand._rand
    rs = np.random.RandomState(0)
    assert ods.check_random_state(rs) is rs
    with pytest.raises(ValueError):
        ods.check_random_state("seed")
    with pytest.raises(ValueError):
        ods.make_moons(n_samples=0)
    with pytest.raises(ValueError):
        ods.make_circles(n_samples=10, factor=1.0)


def test_generated_datasets_are_sklearns_through_load_dataset():
    for m, noise, seed in [(2, 0.0, 0), (75, 0.25, 3), (300, 0.2, 0), (1001, 1.0, 2**32 - 1)]:
        d = load_dataset(DataSpec(name="moons", samples=m, noise=noise, data_seed=seed, test_fraction=0.0))
        assert_same((d.X_train, d.y_train), (lambda X, y: (X.T, y))(*skd.make_moons(m, noise=noise,
                                                                                     random_state=seed)))
        d = load_dataset(DataSpec(name="circles", samples=m, noise=noise, factor=0.3, data_seed=seed,
                                  test_fraction=0.0))
        X, y = skd.make_circles(m, noise=noise, factor=0.3, random_state=seed)
        assert_same((d.X_train, d.y_train), (X.T, y))
        for k in (2, 3, 5):
            if k > m:
                continue
            d = load_dataset(DataSpec(name="blobs", samples=m, noise=noise, centers=k, data_seed=seed,
                                      test_fraction=0.0))
            X, y = skd.make_blobs(m, n_features=2, centers=k, cluster_std=noise, random_state=seed)
            assert_same((d.X_train, d.y_train), (X.T, y))
            assert d.class_names == [str(i) for i in range(k)]


def sklearn_split(y, fraction, seed):
    """What datasets._split did before: stratified, or plain when a class is too small."""
    idx = np.arange(len(y))
    try:
        return train_test_split(idx, test_size=fraction, stratify=y, random_state=seed)
    except ValueError:
        return train_test_split(idx, test_size=fraction, random_state=seed)


SPLIT_LABELS = {
    "balanced": np.repeat(np.arange(3), 50),
    "two": np.arange(300) % 2,
    "uneven": np.array([0] * 61 + [1] * 27 + [2] * 9 + [3] * 4),
    "odd": np.random.RandomState(0).randint(0, 4, size=97),
    "singleton": np.array([0] * 9 + [1]),  # a class of 1: not stratifiable
    "many": np.arange(40) % 10,  # 10 classes: small test parts cannot hold one of each
    "ties": np.array([0, 1, 2, 3, 4, 5, 6] * 3 + [7, 7]),
}


@pytest.mark.parametrize("labels", list(SPLIT_LABELS))
def test_split_is_sklearns_train_test_split(labels):
    y = SPLIT_LABELS[labels]
    for fraction, seed in itertools.product([0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 0.75, 0.9], [0, 1, 5, 123]):
        m = len(y)
        if math.ceil(fraction * m) >= m:
            continue
        tr, te = ods.split_indices(y, fraction, seed)
        ref_tr, ref_te = sklearn_split(y, fraction, seed)
        assert np.array_equal(tr, ref_tr) and np.array_equal(te, ref_te), (labels, fraction, seed)
        assert len(te) == math.ceil(fraction * m) and len(tr) == m - len(te)


@pytest.mark.parametrize("name,fraction,seed,extra", [
    ("iris", 0.2, 1, {}),
    ("breast_cancer", 0.3, 0, {"standardize": True}),
    ("digits", 0.25, 7, {"classes": [1, 7, 9]}),
    ("moons", 0.2, 0, {"samples": 301}),
    ("blobs", 0.15, 4, {"samples": 99, "centers": 5}),
])
def test_load_dataset_split_is_sklearns(name, fraction, seed, extra):
    d = load_dataset(DataSpec(name=name, test_fraction=fraction, data_seed=seed, **extra))
    full = load_dataset(DataSpec(name=name, test_fraction=0.0, data_seed=seed,
                                 **{k: v for k, v in extra.items() if k != "standardize"}))
    X, y = full.X_train.T, full.y_train
    tr, te = sklearn_split(y, fraction, seed)
    if d.mean is not None:
        X = (X - d.mean.T) / d.std.T
    assert np.array_equal(d.X_train, X[tr].T) and np.array_equal(d.X_test, X[te].T)
    assert np.array_equal(d.y_train, y[tr]) and np.array_equal(d.y_test, y[te])


def test_generated_sets_and_split_do_not_import_sklearn():
    code = ("import sys\n"
            "from optstudio.core.datasets import DataSpec, load_dataset\n"
            "for name in ('moons', 'circles', 'blobs', 'xor', 'spirals', 'linear'):\n"
            "    load_dataset(DataSpec(name=name, test_fraction=0.2))\n"
            "load_dataset(DataSpec(name='moons', preset='notebook', test_fraction=0.0))\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy', 'pluggy', 'PySide6'))\n"
            "print(bad)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---------------------------------------------------------------- test_fraction default


def test_test_fraction_defaults_to_the_default_experiments():
    from optstudio.core.experiment import Experiment, notebook_preset
    assert DataSpec().test_fraction == 0.2 == Experiment().data.test_fraction
    assert DataSpec.from_dict({"name": "moons"}).test_fraction == 0.2
    assert DataSpec.from_dict({"test_fraction": 0}).test_fraction == 0.0
    nb = notebook_preset().data
    assert nb.test_fraction == 0.0 and nb.preset == "notebook"
    d = load_dataset(nb)
    assert d.m_train == 300 and d.m_test == 0
    np.random.seed(3)
    X, y = make_moons(n_samples=300, noise=.2)
    assert np.array_equal(d.X_train, X.T) and np.array_equal(d.y_train, y)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_experiment_file_with_partial_data_table_gets_default_test_fraction(tmp_path, suffix):
    from optstudio.core.experiment import Experiment
    p = tmp_path / f"exp{suffix}"
    if suffix == ".toml":
        p.write_text('optstudio = 1\ntitle = "partial"\n\n[data]\nname = "moons"\nsamples = 150\n')
        q = tmp_path / "zero.toml"
        q.write_text('optstudio = 1\n\n[data]\nname = "moons"\ntest_fraction = 0.0\n')
    else:
        p.write_text('{"optstudio": 1, "title": "partial", "data": {"name": "moons", "samples": 150}}')
        q = tmp_path / "zero.json"
        q.write_text('{"optstudio": 1, "data": {"name": "moons", "test_fraction": 0.0}}')
    exp = Experiment.load(p)
    assert exp.data.test_fraction == 0.2
    assert exp.data.samples == 150 and exp.data.name == "moons"
    d = load_dataset(exp.data)
    assert (d.m_train, d.m_test) == (120, 30)
    assert Experiment.load(q).data.test_fraction == 0.0  # an explicit 0 still means no test part
