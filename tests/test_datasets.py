"""Tests for optstudio.core.datasets (fast: small data, no network)."""

from __future__ import annotations

import gzip
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
    spec = DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=5)
    a = load_dataset(spec)
    k = 4 if name == "blobs" else 2
    check_dataset(a, 2, 101, k)
    assert set(np.unique(a.y_train)) == set(range(k))
    assert a.class_names == [str(i) for i in range(k)]
    assert a.m_test == 0 and a.mean is None and a.std is None
    b = load_dataset(DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=5))
    np.testing.assert_array_equal(a.X_train, b.X_train)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    c = load_dataset(DataSpec(name=name, samples=101, noise=0.1, centers=4, data_seed=6))
    assert not np.array_equal(a.X_train, c.X_train)
    # smallest allowed size still has two classes (blobs: one per center)
    tiny = load_dataset(DataSpec(name=name, samples=2, centers=2))
    assert set(tiny.y_train) == {0, 1}


def test_generated_match_sklearn_with_seed():
    d = load_dataset(DataSpec(name="moons", samples=80, noise=0.3, data_seed=7))
    X, y = make_moons(n_samples=80, noise=0.3, random_state=7)
    np.testing.assert_array_equal(d.X_train, X.T)
    np.testing.assert_array_equal(d.y_train, y)
    d = load_dataset(DataSpec(name="circles", samples=60, noise=0.05, factor=0.3, data_seed=2))
    X, y = make_circles(n_samples=60, noise=0.05, factor=0.3, random_state=2)
    np.testing.assert_array_equal(d.X_train, X.T)


def test_xor_and_linear_geometry():
    xor = load_dataset(DataSpec(name="xor", samples=400, noise=0.0))
    x, y = xor.X_train
    np.testing.assert_array_equal(xor.y_train, (np.sign(x) * np.sign(y) < 0).astype(int))
    lin = load_dataset(DataSpec(name="linear", samples=200, noise=0.0, data_seed=3))
    from sklearn.svm import LinearSVC

    clf = LinearSVC(C=100.0).fit(lin.X_train.T, lin.y_train)
    assert clf.score(lin.X_train.T, lin.y_train) == 1.0


def test_notebook_preset_matches_course_load_dataset():
    d = load_dataset(DataSpec(name="moons", preset="notebook"))
    np.random.seed(3)
    X, y = make_moons(n_samples=300, noise=0.2)
    np.testing.assert_array_equal(d.X_train, X.T)
    np.testing.assert_array_equal(d.y_train, y)
    assert d.X_train.shape == (2, 300) and d.m_test == 0


def test_notebook_preset_explicit_seed_and_global_state():
    d = load_dataset(DataSpec(name="moons", preset="notebook", data_seed=11, samples=50, noise=0.1))
    np.random.seed(11)
    X, _ = make_moons(n_samples=50, noise=0.1)
    np.testing.assert_array_equal(d.X_train, X.T)
    # the caller's global RNG stream is left where it was
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    load_dataset(DataSpec(name="moons", preset="notebook"))
    np.testing.assert_array_equal(np.random.rand(3), expected)


# ---------------------------------------------------------------- bundled


def test_bundled_datasets():
    digits = load_dataset(DataSpec(name="digits"))
    check_dataset(digits, 64, 1797, 10)
    assert digits.class_names == [str(i) for i in range(10)]
    assert digits.X_train.min() == 0.0 and digits.X_train.max() == 1.0
    np.testing.assert_allclose(digits.X_train, load_digits().data.T / 16.0)
    iris = load_dataset(DataSpec(name="iris"))
    check_dataset(iris, 4, 150, 3)
    assert iris.class_names == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(iris.X_train, load_iris().data.T)
    bc = load_dataset(DataSpec(name="breast-cancer"))
    check_dataset(bc, 30, 569, 2)
    assert bc.name == "breast_cancer" and bc.class_names == ["malignant", "benign"]


def test_digits_class_filter():
    d = load_dataset(DataSpec(name="digits", classes=[0, 1]))
    ref = load_digits()
    mask = ref.target <= 1
    check_dataset(d, 64, int(mask.sum()), 2)
    assert d.class_names == ["0", "1"]
    np.testing.assert_array_equal(d.y_train, ref.target[mask])
    # strings work too, and order/duplicates in the filter do not matter
    e = load_dataset(DataSpec(name="digits", classes=["7", 3, 3.0]))
    assert e.class_names == ["3", "7"]
    np.testing.assert_array_equal(e.y_train, (ref.target[(ref.target == 3) | (ref.target == 7)] == 7).astype(int))
    iris = load_dataset(DataSpec(name="iris", classes=["virginica", "setosa"]))
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
    d = load_dataset(DataSpec(name="digits", standardize=True, classes=[0, 1]))
    assert np.all(np.isfinite(d.X_train))
    assert d.std[0, 0] == 1.0  # pixel_0_0 is always 0 in the digits


# ---------------------------------------------------------------- user files


def test_csv_without_header(tmp_path):
    p = tmp_path / "data.csv"
    p.write_text("0.5,1.5,1\n2,3,0\n\n-1,4e-1,1\n4,5,2\n")
    X, y = load_array_file(p)
    np.testing.assert_array_equal(X, [[0.5, 1.5], [2, 3], [-1, 0.4], [4, 5]])
    np.testing.assert_array_equal(y, [1, 0, 1, 2])
    d = load_dataset(DataSpec(name=str(p)))
    check_dataset(d, 2, 4, 3)
    assert d.class_names == ["0", "1", "2"] and d.feature_names == ["x1", "x2"]
    np.testing.assert_array_equal(d.y_train, [1, 0, 1, 2])
    assert d.name == "data.csv"


def test_csv_with_header_text_labels_and_semicolons(tmp_path):
    p = tmp_path / "flowers.csv"
    p.write_text("length;width;species\n1.0;2.0;rose\n3.0;4.0; lily\n5;6;rose\n")
    d = load_dataset(DataSpec(name=str(p)))
    assert d.feature_names == ["length", "width"]
    assert d.class_names == ["lily", "rose"]
    np.testing.assert_array_equal(d.y_train, [1, 0, 1])
    np.testing.assert_array_equal(d.X_train, [[1, 3, 5], [2, 4, 6]])
    f = load_dataset(DataSpec(name=str(p), classes=["rose", "lily"]))
    assert f.class_names == ["lily", "rose"]


def test_csv_tabs_and_header_with_numeric_labels(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("a\tb\tlabel\n1\t2\t0\n3\t4\t1\n")
    d = load_dataset(DataSpec(name=str(p)))
    assert d.feature_names == ["a", "b"] and d.m_train == 2


def test_npz(tmp_path):
    p = tmp_path / "d.npz"
    X = np.arange(12, dtype=float).reshape(6, 2)
    y = np.array([3, 5, 3, 5, 3, 5])
    np.savez(p, X=X, y=y)
    d = load_dataset(DataSpec(name=str(p)))
    np.testing.assert_array_equal(d.X_train, X.T)
    assert d.class_names == ["3", "5"]
    np.testing.assert_array_equal(d.y_train, [0, 1, 0, 1, 0, 1])
    q = tmp_path / "s.npz"
    np.savez(q, X=X, y=np.array(["b", "a", "b", "a", "b", "a"]))
    assert load_dataset(DataSpec(name=str(q))).class_names == ["a", "b"]


def test_idx_plain_and_gz(tmp_path):
    imgs = small_images(5)
    write_idx_images(tmp_path / "train-images-idx3-ubyte", imgs)
    write_idx_labels(tmp_path / "train-labels-idx1-ubyte", [1, 0, 4, 1, 0])
    d = load_dataset(DataSpec(name=str(tmp_path / "train-images-idx3-ubyte")))
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
    f = load_dataset(DataSpec(name=str(tmp_path), classes=[0, 2], standardize=True))
    assert f.class_names == ["0", "2"] and f.m_train == 5 and f.m_test == 3
    np.testing.assert_array_equal(f.y_test, [1, 0, 1])


# ---------------------------------------------------------------- bad inputs


def expect_error(spec_or_path, *fragments):
    with pytest.raises(DataError) as info:
        if isinstance(spec_or_path, DataSpec):
            load_dataset(spec_or_path)
        else:
            load_dataset(DataSpec(name=str(spec_or_path)))
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
