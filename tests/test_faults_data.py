"""Fault injection, data and sizes: CSV files of only separators (group 4 of issue 12) and sizes
that cannot fit in memory (group 5), through the real command line. The memory checks must come
before anything is allocated: the size cases run with the child's address space capped, so a
late check would show as "out of memory" instead of the expected message."""

from __future__ import annotations

import gzip
import io
import json
import struct
import sys
import time
import zipfile

import numpy as np
import pytest

from fault_injection import assert_clean, assert_one_line_error, run_cli

CAP = 3 * 1024 ** 3 if sys.platform.startswith("linux") else None   # the child's address space

# ------------------------------------------------------------------------------------------------
# Group 4: a CSV of separators and empty fields.

SEPARATORS = [
    ("commas.csv", ",,,\n,,,\n", "only commas and empty fields"),
    ("one_comma.csv", ",\n", "only commas and empty fields"),
    ("semicolons.csv", ";;;\n;;;\n", "only semicolons and empty fields"),
    ("semicolon_tabs.csv", ";\t;\n", "only semicolons and empty fields"),
    ("spaces.csv", " , , \n,,\n", "only commas and empty fields"),
    ("quoted.csv", '"",""\n,\n', "only commas and empty fields"),
    ("commented.csv", "# x1,x2,label\n,,\n", "only commas and empty fields"),
    ("crlf.csv", ",,\r\n,,\r\n", "only commas and empty fields"),
    ("bom.csv", "\ufeff,,\n", "only commas and empty fields"),
]


@pytest.mark.parametrize("name, text, expected", SEPARATORS, ids=[n for n, _, _ in SEPARATORS])
def test_a_csv_of_separators_is_one_line(tmp_path, name, text, expected):
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    assert_one_line_error(run_cli(tmp_path, "run", "--dataset", name, "--epochs", "1"),
                          f"data file '{name}' holds no values, {expected}")


@pytest.mark.parametrize("text", ["\t\t\n\t\t\n", "   \n\n", "# only a comment\n"])
def test_a_csv_of_blanks_is_empty(tmp_path, text):
    (tmp_path / "blank.tsv").write_text(text, encoding="utf-8")
    assert_one_line_error(run_cli(tmp_path, "run", "--dataset", "blank.tsv", "--epochs", "1"),
                          "data file 'blank.tsv' is empty")


def test_a_gzipped_csv_of_separators_is_one_line(tmp_path):
    (tmp_path / "empty.csv.gz").write_bytes(gzip.compress(b",,,\n" * 1000))
    assert_one_line_error(run_cli(tmp_path, "run", "--dataset", "empty.csv.gz", "--epochs", "1"),
                          "holds no values, only commas")


# ------------------------------------------------------------------------------------------------
# Group 5: sizes that cannot fit, checked before allocating, with the memory they would take.

def _network_config(tmp_path, hidden, runs=None):
    data = {"optstudio": 1, "network": {"hidden": hidden, "activations": ["relu"] * len(hidden)},
            "training": {"epochs": 1}}
    if runs:
        data["runs"] = runs
    (tmp_path / "big.json").write_text(json.dumps(data), encoding="utf-8")
    return "big.json"


NETWORKS = [
    (["run", "--layers", "100000,100000", "--epochs", "1"], {}, "2-100000-100000-1", "450 GiB"),
    (["compare", "--layers", "100000,100000", "--epochs", "1"], {}, "2-100000-100000-1", "GiB of memory"),
    (["run", "--layers", "20000,20000", "--epochs", "1"], {"OPTSTUDIO_MEMORY_LIMIT": "1G"}, "2-20000-20000-1",
     "OPTSTUDIO_MEMORY_LIMIT is 1 GiB"),
    (["run", "--layers", "3000000", "--epochs", "1"], {}, "2-3000000-1", "GiB of memory"),
    (["run", "--config", "CONFIG", "--epochs", "1"], {}, "2-60000-60000-60000-1", "GiB of memory"),
    (["lab", "CONFIG"], {}, "2-60000-60000-60000-1", "GiB of memory"),
    (["run", "--dataset", "digits", "--loss", "softmax", "--layers", "5000,5000", "--epochs", "1"],
     {"OPTSTUDIO_MEMORY_LIMIT": "64M"}, "64-5000-5000-10", "OPTSTUDIO_MEMORY_LIMIT is 64 MiB"),
]


@pytest.mark.parametrize("args, env, layers, amount", NETWORKS, ids=[" ".join(c[0][:3]) for c in NETWORKS])
def test_a_network_that_cannot_fit_is_refused_before_it_is_built(tmp_path, args, env, layers, amount):
    config = _network_config(tmp_path, [60000, 60000, 60000])
    args = [config if a == "CONFIG" else a for a in args]
    outcome = run_cli(tmp_path, *args, env=env, memory_cap=CAP)
    assert_one_line_error(outcome, f"a network of layers {layers}", "would need", amount,
                          "use fewer or narrower hidden layers")


def test_a_run_in_a_comparison_that_cannot_fit_is_refused(tmp_path):
    config = _network_config(tmp_path, [5, 2], runs=[{"label": "small"},
                                                     {"label": "huge", "network": {"hidden": [90000, 90000],
                                                                                   "activations": ["relu", "relu"]}}])
    assert_one_line_error(run_cli(tmp_path, "compare", "--config", config, "--epochs", "1", memory_cap=CAP),
                          "a network of layers 2-90000-90000-1")


def _npy(shape, dtype="<f8", data=b""):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": dtype, "fortran_order": False, "shape": shape})
    return buffer.getvalue() + data


def _npz(path, arrays: dict, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, raw in arrays.items():
            archive.writestr(f"{name}.npy", raw)


def _idx_images(n, rows=28, cols=28, body=None):
    return struct.pack(">IIII", 0x803, n, rows, cols) + (body if body is not None else b"")


def _write_gzip_zeros(path, header: bytes, zeros: int):
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(header)
        chunk = b"\0" * (1 << 20)
        while zeros > 0:
            fh.write(chunk[:zeros])
            zeros -= len(chunk)


def _make_files(tmp_path):
    _npz(tmp_path / "huge_x.npz", {"X": _npy((100_000_000, 1000)), "y": _npy((10,), "<i8", b"\0" * 80)})
    _npz(tmp_path / "huge_y.npz", {"X": _npy((2, 2), "<f8", b"\0" * 32), "y": _npy((10 ** 12,), "<i8")})
    _npz(tmp_path / "huge_compressed.npz", {"X": _npy((30_000_000, 10), "<f8", b"\0" * 8 * 10 ** 6),
                                             "y": _npy((2,), "<i8", b"\0" * 16)}, zipfile.ZIP_DEFLATED)
    # an honest header: 60 000 images that inflate to 47 MB, 1.1 GiB as numbers
    _write_gzip_zeros(tmp_path / "train-images-idx3-ubyte.gz", _idx_images(60_000), 60_000 * 784)
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(
        gzip.compress(struct.pack(">II", 0x801, 60_000) + bytes(range(10)) * 6000))
    # a header that claims 4 GiB of pixels in a tiny file
    lying = tmp_path / "lying"
    lying.mkdir()
    (lying / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(_idx_images(5_500_000)))
    (lying / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(struct.pack(">II", 0x801, 5_500_000)))
    # a gzip CSV that inflates to 40 MB of text
    _write_gzip_zeros(tmp_path / "bomb.csv.gz", b"0,0,0\n0,1,1\n", 40 * 1024 * 1024)


FILES = [
    ("huge_x.npz", {}, "data file 'huge_x.npz' (X of shape (100000000, 1000), y of shape (10,)) would need 2.91 TiB"),
    ("huge_y.npz", {}, "y of shape (1000000000000,)) would need"),
    ("huge_compressed.npz", {"OPTSTUDIO_MEMORY_LIMIT": "1G"}, "X of shape (30000000, 10)"),
    ("train-images-idx3-ubyte.gz", {"OPTSTUDIO_MEMORY_LIMIT": "512M"},
     "IDX file 'train-images-idx3-ubyte.gz' (60000 images of 28x28 pixels) would need 1.1 GiB"),
    ("lying", {}, "(5500000 images of 28x28 pixels) would need 100 GiB"),
    ("bomb.csv.gz", {"OPTSTUDIO_MEMORY_LIMIT": "256M"},
     "data file 'bomb.csv.gz' unpacks to more than 10.7 MiB of text; reading it would need more than 256 MiB"),
]


@pytest.mark.parametrize("name, env, expected", FILES, ids=[n for n, _, _ in FILES])
def test_data_files_that_cannot_fit_are_refused_before_they_are_read(tmp_path, name, env, expected):
    _make_files(tmp_path)
    started = time.monotonic()
    outcome = run_cli(tmp_path, "run", "--dataset", name, "--loss", "softmax", "--epochs", "1", env=env,
                      memory_cap=CAP)
    assert time.monotonic() - started < 60
    assert_one_line_error(outcome, expected)


def test_the_same_files_load_when_the_limit_allows_them(tmp_path):
    _make_files(tmp_path)
    outcome = run_cli(tmp_path, "run", "--dataset", "train-images-idx3-ubyte.gz", "--loss", "softmax",
                      "--layers", "4", "--epochs", "1", "--batch-size", "60000", "--json",
                      env={"OPTSTUDIO_MEMORY_LIMIT": "8G"})
    assert outcome.code == 0, outcome.err
    assert_clean(outcome)
    assert json.loads(outcome.out)["status"] == "finished"
