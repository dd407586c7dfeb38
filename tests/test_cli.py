"""The command line: results, files, and one-line errors with exit status 2."""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest

from optstudio.cli import main

RUN_KEYS = {"optimizer", "schedule", "epochs", "train_accuracy", "test_accuracy", "final_cost", "seconds",
            "diverged"}


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_run_json_has_the_documented_fields(capsys):
    obj = run_json(capsys, "run", "--dataset", "circles", "--samples", "200", "--noise", "0.1",
                   "--layers", "8,4", "--activation", "tanh", "--optimizer", "rmsprop", "--lr", "0.01",
                   "--set", "beta=0.8", "--schedule", "exponential", "--schedule-set", "base=0.99",
                   "--epochs", "30", "--test-fraction", "0.2", "--json")
    assert RUN_KEYS <= set(obj)
    assert obj["optimizer"] == "rmsprop" and obj["schedule"] == "exponential" and obj["epochs"] == 30
    assert obj["optimizer_params"] == {"beta": 0.8}
    assert 0 <= obj["train_accuracy"] <= 1 and 0 <= obj["test_accuracy"] <= 1
    assert obj["diverged"] is False and obj["seconds"] > 0


def test_run_text_prints_cost_lines_and_summary(capsys):
    assert main(["run", "--epochs", "20", "--print-every", "5", "--samples", "100"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [l.split(":")[0] for l in out[:4]] == [f"Cost after epoch {i}" for i in (0, 5, 10, 15)]
    assert any(l.startswith("Train accuracy: ") for l in out)


def test_history_csv(tmp_path, capsys):
    path = tmp_path / "hist.csv"
    assert main(["run", "--epochs", "7", "--samples", "100", "--history", str(path), "--json"]) == 0
    rows = list(csv.DictReader(path.open()))
    assert [int(r["epoch"]) for r in rows] == list(range(7))
    obj = json.loads(capsys.readouterr().out)
    assert float(rows[-1]["cost"]) == pytest.approx(obj["final_cost"])


def test_no_hidden_layer_is_valid(capsys):
    obj = run_json(capsys, "run", "--layers", "", "--dataset", "linear", "--epochs", "20", "--json",
                   "--optimizer", "gd", "--lr", "0.5")
    assert obj["train_accuracy"] > 0.9


def test_digits_softmax_and_class_filter(capsys):
    obj = run_json(capsys, "run", "--dataset", "digits", "--loss", "softmax", "--layers", "25,15",
                   "--activation", "sigmoid", "--epochs", "5", "--test-fraction", "0.2", "--json")
    assert obj["train_accuracy"] > 0.3
    obj = run_json(capsys, "run", "--dataset", "digits", "--classes", "0,1", "--epochs", "30", "--lr", "0.01", "--standardize",
                   "--json")
    assert obj["train_accuracy"] > 0.9


def test_user_csv_file(tmp_path, capsys):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    path = tmp_path / "mine.csv"
    with path.open("w") as fh:
        fh.write("a,b,c,label\n")
        for row, label in zip(X, y):
            fh.write(",".join(f"{v:.6f}" for v in row) + f",{label}\n")
    obj = run_json(capsys, "run", "--dataset", str(path), "--epochs", "50", "--lr", "0.05", "--json")
    assert obj["train_accuracy"] > 0.8


def test_compare_table_and_json(capsys, tmp_path):
    table = tmp_path / "t.csv"
    assert main(["compare", "--optimizers", "gd,momentum,adam", "--epochs", "30", "--samples", "100",
                 "--lr", "0.01", "--table", str(table)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [c.strip() for c in out[0].split(" | ")][:6] == ["optimizer", "train accuracy", "test accuracy", "final cost",
                                       "cost shape", "seconds"]
    # the table names optimizers by their labels, as README shows (issue 14)
    assert [l.split(" | ")[0].strip() for l in out[2:5]] == ["Gradient descent", "Momentum", "Adam"]
    assert len(list(csv.reader(table.open()))) == 4
    objs = run_json(capsys, "compare", "--optimizers", "gd,adam", "--epochs", "10", "--samples", "100", "--json")
    assert [o["optimizer"] for o in objs] == ["gd", "adam"]
    assert all(RUN_KEYS <= set(o) for o in objs)


def test_compare_runs_start_from_the_same_weights(capsys):
    # with a zero learning-rate-like tiny step the first epoch costs are nearly identical
    objs = run_json(capsys, "compare", "--optimizers", "gd,momentum", "--epochs", "1", "--samples", "100",
                    "--lr", "1e-12", "--json")
    assert objs[0]["final_cost"] == pytest.approx(objs[1]["final_cost"], rel=1e-9)


def test_plugins_command_lists_builtins(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    for name in ("gd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", "adamw", "adamax", "nadam",
                 "amsgrad", "inverse-time", "fixed-interval", "plateau"):
        assert name in out
    data = run_json(capsys, "plugins", "--json")
    assert len(data["optimizers"]) >= 10


BAD = [
    (["run", "--dataset", "nosuch"], "nosuch"),
    (["run", "--optimizer", "nosuch"], "nosuch"),
    (["run", "--lr", "0"], "--lr"),
    (["run", "--lr", "-1"], "--lr"),
    (["run", "--batch-size", "0"], "--batch-size"),
    (["run", "--layers", "5,x"], "--layers"),
    (["run", "--layers", "5,0"], "--layers"),
    (["run", "--dataset", "/no/such/file.csv"], "file.csv"),
    (["run", "--set", "gamma=3"], "gamma"),
    (["run", "--set", "beta1=abc"], "beta1"),
    (["run", "--set", "novalue"], "NAME=VALUE"),
    (["run", "--schedule", "nosuch"], "nosuch"),
    (["run", "--epochs", "abc"], "abc"),
    (["run", "--activation", "swish"], "swish"),
    (["run", "--init", "magic"], "magic"),
    (["run", "--loss", "hinge"], "hinge"),
    (["run", "--dataset", "digits", "--loss", "bce"], "softmax"),
    (["compare", "--optimizers", "gd,nosuch", "--epochs", "2"], "nosuch"),
    (["run", "--config", "/no/such.json"], "such.json"),
    (["run", "--epochs", "0"], "--epochs"),
    (["run", "--epochs", "-3"], "--epochs"),
    (["compare", "--epochs", "0"], "--epochs"),
    (["run", "--history", "/no/such/folder/h.csv"], "folder"),
    (["compare", "--history", "/no/such/folder/h.csv", "--epochs", "2"], "folder"),
    (["compare", "--table", "/no/such/folder/t.csv", "--epochs", "2"], "folder"),
    (["nosuchcommand"], "nosuchcommand"),
]


@pytest.mark.parametrize("argv,needle", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_line_and_exit_2(argv, needle, capsys):
    assert main(argv + ["--epochs", "2"] if argv[0] == "run" and "--epochs" not in argv else argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("optstudio: error: ") and needle in lines[0]
    assert "Traceback" not in captured.err and "usage:" not in captured.err


def test_malformed_csv_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n3,abc,1\n4,5,0\n")
    assert main(["run", "--dataset", str(bad), "--epochs", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.csv" in err[0]


def test_malformed_experiment_file_is_one_line(tmp_path, capsys):
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    assert main(["run", "--config", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    foreign = tmp_path / "y.json"
    foreign.write_text('{"hello": 1}')
    assert main(["run", "--config", str(foreign)]) == 2
    assert "not an OptStudio experiment" in capsys.readouterr().err


def test_python_dash_m_entry_point():
    proc = subprocess.run([sys.executable, "-m", "optstudio", "run", "--lr", "-3"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "--lr" in proc.stderr


# ============================================================================ regressions

def number_like_strings(value, where="result"):
    """Every text value in a JSON result that is really a number (e.g. "0.8")."""
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in number_like_strings(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [hit for i, v in enumerate(value) for hit in number_like_strings(v, f"{where}[{i}]")]
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return []
        return [f"{where} = {value!r}"]
    return []


def strict_json(text):
    """Parse JSON, refusing NaN and Infinity (not JSON)."""
    def refuse(name):
        raise AssertionError(f"{name} in the JSON output")
    return json.loads(text, parse_constant=refuse)


def test_epochs_must_be_at_least_one(capsys, tmp_path):
    from optstudio.core.experiment import Experiment, ExperimentError, TrainingSpec
    for epochs in (0, -1):
        with pytest.raises(ExperimentError, match="epochs"):
            TrainingSpec(epochs=epochs).validate()
    TrainingSpec(epochs=1).validate()
    config = tmp_path / "zero.json"
    config.write_text(json.dumps({"optstudio": 1, "training": {"epochs": 0}}))
    with pytest.raises(ExperimentError, match="epochs"):
        Experiment.load(config)
    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "epochs" in err[0]


def test_run_json_echoes_numbers_and_describes_the_run(capsys):
    argv = ["run", "--dataset", "circles", "--samples", "120", "--noise", "0.1", "--layers", "6,3",
            "--activation", "tanh", "--optimizer", "adam", "--lr", "0.01", "--set", "beta1=0.8",
            "--set", "epsilon=1e-7", "--schedule", "fixed-interval", "--schedule-set", "decay_rate=0.5",
            "--schedule-set", "time_interval=4", "--epochs", "9", "--batch-size", "32", "--seed", "5",
            "--json"]
    assert main(argv) == 0
    obj = strict_json(capsys.readouterr().out)
    assert number_like_strings(obj) == []
    assert obj["optimizer_params"] == {"beta1": 0.8, "epsilon": 1e-7}
    assert obj["schedule"] == "fixed-interval"
    assert obj["schedule_params"] == {"decay_rate": 0.5, "time_interval": 4}
    assert isinstance(obj["schedule_params"]["time_interval"], int)
    assert obj["data"]["name"] == "circles" and obj["data"]["samples"] == 120
    assert obj["data"]["noise"] == 0.1
    assert obj["network"]["hidden"] == [6, 3] and obj["network"]["activations"] == ["tanh", "tanh"]
    assert obj["training"] == {"mini_batch_size": 32, "epochs": 9, "seed": 5, "preset": "default"}
    # the description is an experiment: it runs again to the same result
    from optstudio.core.experiment import Experiment
    again = Experiment.from_dict({"optstudio": 1, "data": obj["data"], "network": obj["network"],
                                  "training": obj["training"],
                                  "optimizer": {"name": obj["optimizer"], "learning_rate": obj["learning_rate"],
                                                "params": obj["optimizer_params"]},
                                  "schedule": {"name": obj["schedule"], "params": obj["schedule_params"]}})
    assert again.optimizer.params == {"beta1": 0.8, "epsilon": 1e-7}


def test_compare_json_echoes_numbers(capsys):
    objs = run_json(capsys, "compare", "--optimizers", "gd,rmsprop", "--set", "beta=0.8", "--epochs", "3",
                    "--samples", "100", "--json")
    assert number_like_strings(objs) == []
    assert [o["optimizer_params"] for o in objs] == [{}, {}]    # --set belongs to the base optimizer (adam)
    objs = run_json(capsys, "compare", "--optimizers", "gd,adam", "--set", "beta2=0.99", "--epochs", "3",
                    "--samples", "100", "--json")
    assert objs[1]["optimizer_params"] == {"beta2": 0.99} and number_like_strings(objs) == []


def test_set_values_are_checked_like_the_core_checks_them(capsys):
    assert main(["run", "--set", "beta1=abc", "--epochs", "2"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "optstudio: error: optimizer 'adam': beta1 must be a number, got 'abc'"
    assert main(["run", "--schedule", "exponential", "--schedule-set", "base=2", "--epochs", "2"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "schedule 'exponential'" in err[0] and "base" in err[0]


@pytest.mark.parametrize("command", [["run"], ["compare", "--optimizers", "gd"]])
def test_history_into_a_missing_folder_fails_before_training(command, tmp_path, capsys):
    missing = tmp_path / "no" / "such" / "hist.csv"
    assert main(command + ["--epochs", "50", "--print-every", "1", "--samples", "100",
                           "--history", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""                                   # nothing trained, nothing printed
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("optstudio: error: cannot write history file")
    assert "does not exist" in lines[0] and not missing.parent.exists()
    assert main(command + ["--epochs", "2", "--samples", "100", "--history", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
