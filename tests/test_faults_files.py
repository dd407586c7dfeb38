"""Fault injection, experiment and lab files: wrong types (group 2 of issue 12), deep nesting
(group 3) and files a student saves with another editor (group 9: a UTF-8 byte-order mark),
through the real command line."""

from __future__ import annotations

import json
import time

import pytest

from fault_injection import assert_clean, assert_one_line_error, run_cli

# ------------------------------------------------------------------------------------------------
# Group 2: a value of the wrong type names its section, its key and what was expected.

EXPERIMENT_TYPES = [
    ({"network": {"activations": 3}}, "network: activations must be a list of text values", "got 3"),
    ({"network": {"activations": None}}, "network: activations must be a list of text values", "got null"),
    ({"network": {"activations": [["relu"], "relu"]}}, "network: activations must be a list of text values",
     'got [["relu"], "relu"]'),
    ({"network": {"loss": ["bce"]}}, "network: loss must be text", 'got ["bce"]'),
    ({"network": {"output_activation": {}}}, "network: output_activation must be text", "got {}"),
    ({"network": {"hidden": None}}, "network: hidden must be a list of whole numbers", "got null"),
    ({"network": {"hidden": [5, "2"]}}, "network: hidden must be a list of whole numbers", 'got [5, "2"]'),
    ({"network": {"hidden": [5.5]}}, "network: hidden must be a list of whole numbers", "got [5.5]"),
    ({"network": {"init": 5}}, "network: init must be text", "got 5"),
    ({"network": {"leaky_alpha": "x"}}, "network: leaky_alpha must be a number", 'got "x"'),
    ({"network": {"batch_norm": 1}}, "network: batch_norm must be true or false", "got 1"),
    ({"network": {"l2": [0.1]}}, "network: l2 must be a number", "got [0.1]"),
    ({"schedule": {"name": ["constant"]}}, "schedule: name must be text", 'got ["constant"]'),
    ({"schedule": {"params": "fast"}}, "schedule: params must be a table of name = value", 'got "fast"'),
    ({"optimizer": {"name": {"adam": 1}}}, "optimizer: name must be text", 'got {"adam": 1}'),
    ({"optimizer": {"params": [1]}}, "optimizer: params must be a table of name = value", "got [1]"),
    ({"optimizer": {"learning_rate": "0.1"}}, "optimizer: learning_rate must be a number", 'got "0.1"'),
    ({"training": {"preset": ["x"]}}, "training: preset must be text", 'got ["x"]'),
    ({"runs": [{"label": 3}]}, "run 1: label must be text", "got 3"),
    ({"runs": [{"optimizer": {"name": ["gd"]}}]}, "run 1: optimizer: name must be text", 'got ["gd"]'),
    ({"runs": [{"network": {"hidden": "5"}}]}, "run 1: network: hidden must be a list of whole numbers", 'got "5"'),
    ({"runs": [{}, {"schedule": {"params": []}}]}, "run 2: schedule: params must be a table", "got []"),
    ({"optimizer": {"name": "adam", "params": {"beta1": [1]}}}, "optimizer 'adam': beta1 must be a number", "[1]"),
]


#: the same mistakes written in TOML (which has no null)
TOML_TYPES = [case for case in EXPERIMENT_TYPES if "null" not in case[2]][::3]
CASES = [(*case, ".json") for case in EXPERIMENT_TYPES] + [(*case, ".toml") for case in TOML_TYPES]


@pytest.mark.parametrize("content, expected, got, suffix", CASES,
                         ids=[f"{i}-{'-'.join(c[0])}{c[3]}" for i, c in enumerate(CASES)])
def test_experiment_files_with_wrong_types(tmp_path, content, expected, got, suffix):
    from optstudio.core.experiment import dumps_toml

    if suffix == ".toml":
        path = tmp_path / "bad.toml"
        path.write_text(dumps_toml({"optstudio": 1, **content}), encoding="utf-8")
    else:
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"optstudio": 1, **content}), encoding="utf-8")
    outcome = run_cli(tmp_path, "run", "--config", path.name, "--epochs", "1")
    line = assert_one_line_error(outcome, expected, got)
    if "optimizer 'adam'" not in expected:
        assert f"'{path.name}'" in line                # which file to fix


def _lab(trajectory: dict | None = None, **sections) -> str:
    data = {"optstudio": 1, "title": "a lab", **sections}
    if trajectory is not None:
        data["trajectory"] = trajectory
    return json.dumps(data)


RUN = {"optimizer": "gd", "learning_rate": 0.1}
LAB_TYPES = [
    (_lab({"functions": [["ellipse"]], "runs": [RUN]}), "trajectory functions must be a list of function names"),
    (_lab({"functions": [3], "runs": [RUN]}), "trajectory functions must be a list of function names"),
    (_lab({"functions": "ellipse", "runs": {"optimizer": "gd"}}), "trajectory runs must be a list of tables"),
    (_lab({"functions": ["ellipse"], "runs": [{"optimizer": ["gd"]}]}), "optimizer must be an optimizer name"),
    (_lab({"functions": ["ellipse"], "runs": [{**RUN, "schedule": ["step"]}]}), "schedule must be a schedule name"),
    (_lab({"functions": ["ellipse"], "runs": [{**RUN, "params": [1]}]}), "params must be a table"),
    (_lab({"functions": ["ellipse"], "runs": [{"optimizer": "momentum", "params": {"beta": [1]}}]}),
     "optimizer 'momentum': beta must be a number, got [1]"),
    (_lab({"functions": ["ellipse"], "runs": [{**RUN, "schedule": "step", "schedule_params": {"gamma": "x"}}]}),
     "schedule 'step': gamma must be a number, got 'x'"),
    (_lab({"functions": ["ellipse"], "steps": {"ellipse": "x"}, "runs": [RUN]}), "trajectory steps for ellipse"),
    (_lab({"functions": ["ellipse"], "seed": [0], "runs": [RUN]}), "trajectory seed must be a whole number"),
    (_lab(None, network={"activations": 3}), "network: activations must be a list of text values"),
    (_lab(None, runs=[{"label": ["x"]}]), "run 1: label must be text"),
]


@pytest.mark.parametrize("content, expected", LAB_TYPES, ids=[str(i) for i in range(len(LAB_TYPES))])
def test_lab_files_with_wrong_types(tmp_path, content, expected):
    (tmp_path / "my_lab.json").write_text(content, encoding="utf-8")
    outcome = run_cli(tmp_path, "lab", "my_lab.json")
    line = assert_one_line_error(outcome, expected)
    assert "'my_lab.json'" in line


# ------------------------------------------------------------------------------------------------
# Group 3: nesting 100 000 levels deep is refused before parsing, in one line and at once.

DEEP = 100_000
NESTING = [
    ("arrays.json", '{"optstudio": 1, "x": ' + "[" * DEEP + "]" * DEEP + "}", "line 1"),
    ("objects.json", '{"optstudio": 1, "trajectory": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}", "line 1"),
    ("unclosed.json", '{"optstudio": 1,\n "view": ' + "[" * DEEP, "line 2"),
    ("arrays.toml", "optstudio = 1\nx = " + "[" * DEEP + "]" * DEEP + "\n", "line 2"),
    ("inline.toml", "optstudio = 1\nx = " + "{a = " * DEEP + "1" + "}" * DEEP + "\n", "line 2"),
    ("dotted.toml", "optstudio = 1\n" + ".".join(["a"] * DEEP) + " = 1\n", "line 2"),
    ("header.toml", "optstudio = 1\n[" + ".".join(["t"] * DEEP) + "]\nx = 1\n", "line 2"),
    ("just_over.json", '{"optstudio": 1, "view": ' + "[" * 64 + "]" * 64 + "}", "line 1"),
]


@pytest.mark.parametrize("name, text, where", NESTING, ids=[n for n, _, _ in NESTING])
@pytest.mark.parametrize("command", ["run", "lab"])
def test_deeply_nested_files_are_refused_in_one_line(tmp_path, name, text, where, command):
    (tmp_path / name).write_text(text, encoding="utf-8")
    args = ["run", "--config", name, "--epochs", "1"] if command == "run" else ["lab", name]
    started = time.monotonic()
    outcome = run_cli(tmp_path, *args)
    assert time.monotonic() - started < 30              # TOML's dotted keys used to take minutes
    assert_one_line_error(outcome, f"'{name}' nests more than 64 levels deep ({where})")


def test_nesting_within_the_limit_and_brackets_in_text_are_fine(tmp_path):
    text = json.dumps({"optstudio": 1, "title": "[" * 500 + "{" * 500, "training": {"epochs": 1},
                       "view": {"a": [[[[[[[[[[1]]]]]]]]]]}})
    (tmp_path / "ok.json").write_text(text, encoding="utf-8")
    toml = ('optstudio = 1\ntitle = """[[[[[[\n' + "{" * 300 + '"""\n# ' + "[" * 300 + "\n"
            "note = '" + "." * 300 + "'\n[training]\nepochs = 1\n")
    (tmp_path / "ok.toml").write_text(toml, encoding="utf-8")
    for name in ("ok.json", "ok.toml"):
        outcome = run_cli(tmp_path, "run", "--config", name, "--json")
        assert outcome.code in (0, 2), outcome.err       # parsed: any error is about the settings
        assert "nests more than" not in outcome.err
        assert_clean(outcome)


# ------------------------------------------------------------------------------------------------
# Group 9: a JSON or TOML file saved with a UTF-8 byte-order mark loads, like a CSV with one.

BOM = "\ufeff"


@pytest.mark.parametrize("name, text", [
    ("bom.json", json.dumps({"optstudio": 1, "training": {"epochs": 2}})),
    ("bom.toml", "optstudio = 1\n[training]\nepochs = 2\n"),
    ("bom_crlf.json", json.dumps({"optstudio": 1, "training": {"epochs": 2}}, indent=2).replace("\n", "\r\n")),
    ("bom_lab.json", json.dumps({"optstudio": 1, "title": "BOM lab", "training": {"epochs": 2},
                                 "runs": [{"label": "GD", "optimizer": {"name": "gd"}}]})),
    ("bom_lab.toml", 'optstudio = 1\ntitle = "BOM lab"\n[training]\nepochs = 2\n'),
])
def test_files_with_a_byte_order_mark_load(tmp_path, name, text):
    (tmp_path / name).write_text(BOM + text, encoding="utf-8")
    args = ["lab", name, "--json"] if "lab" in name else ["run", "--config", name, "--json"]
    outcome = run_cli(tmp_path, *args)
    assert outcome.code == 0, outcome.err
    assert_clean(outcome)
    result = json.loads(outcome.out)
    runs = result["runs"] if "lab" in name else [result]
    assert all(r["epochs"] == 2 and r["status"] == "finished" for r in runs)


def test_a_bom_csv_data_file_still_loads(tmp_path):
    rows = "\n".join(f"{i * 0.1:.1f},{(i % 3) * 0.5:.1f},{i % 2}" for i in range(20))
    (tmp_path / "bom.csv").write_text(BOM + "x1,x2,label\n" + rows + "\n", encoding="utf-8")
    outcome = run_cli(tmp_path, "run", "--dataset", "bom.csv", "--epochs", "2", "--json")
    assert outcome.code == 0, outcome.err
    assert json.loads(outcome.out)["data"]["name"] == "bom.csv"


@pytest.mark.parametrize("name, raw, expected", [
    ("latin1.json", '{"optstudio": 1, "title": "caf\xe9"}'.encode("latin-1"), "is not a UTF-8 text file"),
    ("image.toml", b"\x89PNG\r\n\x1a\n\x00\x00garbage\xff\xfe", "is not a UTF-8 text file"),
    ("empty.json", b"", "is not valid JSON"),
    ("folder.json", None, "is a folder"),
    ("huge.json", b"{" + b" " * (17 * 1024 * 1024) + b"}", "larger than 16 MiB"),
], ids=["latin1", "binary", "empty", "folder", "huge"])
def test_unreadable_experiment_files(tmp_path, name, raw, expected):
    if raw is None:
        (tmp_path / name).mkdir()
    else:
        (tmp_path / name).write_bytes(raw)
    assert_one_line_error(run_cli(tmp_path, "run", "--config", name), expected)
