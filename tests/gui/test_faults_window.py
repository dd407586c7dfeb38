"""Fault injection through the window (issue 12): bad experiment and lab files (groups 2, 3 and
9), data files that are empty or too large (groups 4 and 5), plugins that misbehave while loading
(group 6) and plots exported where they cannot be written (group 8). Every problem is a one-line
message the student can act on (never ``TypeError: …`` or a traceback), and the window stays
usable."""

from __future__ import annotations

import gzip
import io
import json
import struct
import zipfile

import numpy as np
import pytest

RAW = ("TypeError", "IndexError", "KeyError", "RecursionError", "MemoryError", "unhashable", "Traceback",
       "object of type")

BAD_FILES = [
    ("activations.json", {"network": {"activations": 3}}, "network: activations must be a list of text values"),
    ("null.json", {"network": {"activations": None}}, "got null"),
    ("nested.json", {"network": {"activations": [["relu"], "relu"]}}, 'got [["relu"], "relu"]'),
    ("loss.json", {"network": {"loss": ["bce"]}}, "network: loss must be text"),
    ("schedule.json", {"schedule": {"name": ["constant"]}}, "schedule: name must be text"),
    ("label.json", {"runs": [{"label": 3}]}, "run 1: label must be text"),
    ("run_patch.json", {"runs": [{"optimizer": {"name": ["gd"]}}]}, "run 1: optimizer: name must be text"),
    ("deep.json", None, "nests more than 64 levels deep"),
    ("deep.toml", "optstudio = 1\n" + ".".join(["a"] * 100_000) + " = 1\n", "nests more than 64 levels deep"),
]


def _write(tmp_path, name, content):
    path = tmp_path / name
    if content is None:
        path.write_text('{"optstudio": 1, "view": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps({"optstudio": 1, **content}), encoding="utf-8")
    return path


def _assert_one_line(text: str, expected: str) -> None:
    assert expected in text, text
    assert "\n" not in text.strip(), text
    for word in RAW:
        assert word not in text, text


@pytest.mark.parametrize("name, content, expected", BAD_FILES, ids=[n for n, _, _ in BAD_FILES])
def test_bad_experiment_files_give_the_one_line_message(make_window, small_experiment, tmp_path, name,
                                                       content, expected):
    window = make_window(small_experiment(epochs=5))
    before = window.experiment().to_dict()
    assert not window.open_experiment(_write(tmp_path, name, content))
    box = window.last_message
    assert box is not None and box.isVisible()
    _assert_one_line(box.text(), expected)
    box.close()
    assert window.experiment().to_dict() == before      # nothing changed


@pytest.mark.parametrize("name, content, expected", [
    ("functions.json", {"title": "x", "trajectory": {"functions": [["ellipse"]], "runs": [{"optimizer": "gd"}]}},
     "trajectory functions must be a list of function names"),
    ("runs.json", {"title": "x", "trajectory": {"functions": ["ellipse"], "runs": [{"optimizer": ["gd"]}]}},
     "optimizer must be an optimizer name"),
    ("network.json", {"title": "x", "network": {"hidden": "5"}}, "network: hidden must be a list of whole numbers"),
    ("deep.json", None, "nests more than 64 levels deep"),
    ("types.json", {"title": "x", "runs": [{"schedule": {"params": []}}]}, "run 1: schedule: params must be a table"),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".json") else "")
def test_bad_lab_files_give_the_one_line_message(make_window, tmp_path, name, content, expected):
    window = make_window()
    assert not window.open_lab(_write(tmp_path, name, content))
    _assert_one_line(window.last_message.text(), expected)
    window.last_message.close()


@pytest.mark.parametrize("suffix, text", [
    (".json", json.dumps({"optstudio": 1, "title": "Saved with a BOM", "training": {"epochs": 7}})),
    (".toml", 'optstudio = 1\ntitle = "Saved with a BOM"\n[training]\nepochs = 7\n'),
])
def test_an_experiment_saved_with_a_byte_order_mark_opens(make_window, tmp_path, suffix, text):
    window = make_window()
    path = tmp_path / f"bom{suffix}"
    path.write_text("\ufeff" + text, encoding="utf-8")
    assert window.open_experiment(path)
    assert window.experiment().training.epochs == 7
    assert window.experiment().title == "Saved with a BOM"


def _npz_claiming(path, shape):
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, {"descr": "<f8", "fortran_order": False, "shape": shape})
    labels = io.BytesIO()
    np.save(labels, np.zeros(4, dtype=np.int64))
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("X.npy", buffer.getvalue())
        archive.writestr("y.npy", labels.getvalue())


def _data_files(tmp_path):
    (tmp_path / "commas.csv").write_text(",,,\n,,,\n", encoding="utf-8")
    (tmp_path / "semicolons.csv").write_text(";;\n;;\n", encoding="utf-8")
    (tmp_path / "quoted.csv").write_text('"",""\n', encoding="utf-8")
    _npz_claiming(tmp_path / "huge.npz", (100_000_000, 1000))
    with gzip.open(tmp_path / "train-images-idx3-ubyte.gz", "wb") as fh:
        fh.write(struct.pack(">IIII", 0x803, 5_500_000, 28, 28))
    (tmp_path / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(struct.pack(">II", 0x801, 5_500_000)))


@pytest.mark.parametrize("name, expected", [
    ("commas.csv", "holds no values, only commas and empty fields"),
    ("semicolons.csv", "holds no values, only semicolons and empty fields"),
    ("quoted.csv", "holds no values"),
    ("huge.npz", "would need 2.91 TiB of memory"),
    ("train-images-idx3-ubyte.gz", "(5500000 images of 28x28 pixels) would need 100 GiB of memory"),
])
def test_data_files_that_are_empty_or_too_large_show_one_line_next_to_the_data(qtbot, make_window,
                                                                              small_experiment, tmp_path,
                                                                              name, expected):
    _data_files(tmp_path)
    window = make_window(small_experiment(epochs=5))
    exp = small_experiment(epochs=5)
    exp.data.name = str(tmp_path / name)
    path = tmp_path / "uses_the_file.json"
    exp.save(path)
    with qtbot.waitSignal(window.loader.loader.loaded, timeout=30000):
        assert window.open_experiment(path)
    qtbot.waitUntil(lambda: window.dataset_panel.error.isVisibleTo(window), timeout=10000)
    _assert_one_line(window.dataset_panel.error.text(), expected)
    assert not window.start_action.isEnabled()          # nothing to train, nothing crashed


def test_a_network_too_large_for_memory_is_a_notice_not_a_crash(qtbot, make_window, small_experiment, monkeypatch):
    monkeypatch.setenv("OPTSTUDIO_MEMORY_LIMIT", "32M")
    window = make_window(small_experiment(epochs=5))
    exp = small_experiment(epochs=5)
    exp.network.hidden = [4000, 4000]
    exp.network.activations = ["relu", "relu"]
    window.load_experiment(exp)
    qtbot.waitUntil(lambda: "would need" in window.notice.text(), timeout=30000)
    _assert_one_line(window.notice.text(), "a network of layers 2-4000-4000-1")
    assert "OPTSTUDIO_MEMORY_LIMIT is 32 MiB" in window.notice.text()


def test_a_plot_exported_into_a_missing_folder_is_not_saved(make_window, small_experiment, tmp_path, run_to_end):
    window = make_window(small_experiment(epochs=3))
    run_to_end(window)
    for target in (tmp_path / "missing" / "cost.png", tmp_path / "missing" / "cost.svg",
                   tmp_path / "missing" / "deeper" / "cost"):
        window.statusBar().clearMessage()
        assert not window.export_plot("cost", target)
        _assert_one_line(window.last_message.text(), "does not exist")
        window.last_message.close()
        assert not window.statusBar().currentMessage().startswith("Saved")
        assert not target.parent.exists()
    assert window.export_plot("cost", tmp_path / "cost.png")
    assert window.statusBar().currentMessage().startswith("Saved")


PLUGINS = {
    "own_base.py": "class Fatal(BaseException):\n    pass\n\nraise Fatal('from the plugin')\n",
    "quits.py": "import sys\nsys.exit('bye')\n",
    "shout.py": "print('x' * (1024 * 1024))\n",
    "spin.py": "import time\nend = time.monotonic() + 20\nwhile time.monotonic() < end:\n    pass\n",
    "ctrl_c.py": "raise KeyboardInterrupt\n",
}


def test_plugins_that_misbehave_while_loading_leave_a_usable_window(make_window, small_experiment, tmp_path,
                                                                   monkeypatch, run_to_end, capfd):
    folder = tmp_path / "plugins"
    folder.mkdir()
    for name, source in PLUGINS.items():
        (folder / name).write_text(source, encoding="utf-8")
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_PATH", str(folder))
    monkeypatch.setenv("OPTSTUDIO_PLUGIN_TIMEOUT", "1")
    window = make_window(small_experiment(epochs=3))
    messages = {e.plugin: e.message for e in window.manager.errors}
    assert messages["own_base"] == "Fatal: from the plugin"
    assert messages["quits"] == "SystemExit: bye"
    assert messages["ctrl_c"] == "RuntimeError: raised KeyboardInterrupt"
    assert messages["spin"].startswith("still importing after 1 s")
    assert messages["shout"] == "defines no @hookimpl functions"    # it loaded; only its output was odd
    assert "plugin problems" in window.plugin_notice.text()
    assert run_to_end(window) == "finished"
    out, err = capfd.readouterr()
    assert "x" * 100 not in out                          # what the plugin printed went to stderr,
    assert len(err) < 20_000                            # shortened
