"""Bundled labs (optstudio/labs), their loader and the `optstudio lab` command."""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from optstudio.cli import main
from optstudio.core.datasets import load_dataset
from optstudio.core.experiment import Experiment, ExperimentError, notebook_preset
from optstudio.labs import (DEFAULT_STEPS, find_lab, lab_dir, lab_name, list_labs, load_lab,
                            run_trajectory_lab, trajectory_tasks, trajectory_view_settings, with_epochs,
                            with_steps)
from optstudio.plugins.manager import get_plugin_manager

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ["01_notebook_optimizers", "02_learning_rate_decay", "03_mini_batch_size",
            "04_initialisation", "05_digits_softmax", "06_trajectories", "07_vanishing_gradients",
            "08_edge_of_stability", "09_learning_rate_range_test", "10_adam_amsgrad", "11_weight_decay",
            "12_learning_rate_sensitivity"]
LAB_FILES = sorted(lab_dir().glob("*.json"))
SHORT = ["--epochs", "20", "--steps", "20"]


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("optstudio: error: "), err
    assert "Traceback" not in err
    return lines[0]


# ============================================================================ the files

def test_bundled_labs_are_all_there():
    assert [p.stem for p in LAB_FILES] == EXPECTED
    assert [lab_name(p) for p, _ in list_labs()] == EXPECTED
    assert lab_dir() == ROOT / "optstudio" / "labs"


@pytest.mark.parametrize("path", LAB_FILES, ids=lambda p: p.stem)
def test_lab_file_is_a_saved_experiment_with_instructions(path, tmp_path):
    exp = load_lab(path)
    assert exp.title and len(exp.title) < 100
    lines = exp.instructions.splitlines()
    assert 3 <= len(lines) <= 8
    assert [line.split(".")[0] for line in lines] == [str(i) for i in range(1, len(lines) + 1)]
    # exactly the format the window writes with Experiment.save
    copy = tmp_path / path.name
    exp.save(copy)
    assert copy.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    # and TOML keeps everything (what File ▸ Save as… .toml would write)
    toml = tmp_path / (path.stem + ".toml")
    exp.save(toml)
    assert _without_none(Experiment.load(toml).to_dict()) == _without_none(exp.to_dict())


def _without_none(value):
    """TOML has no null: compare with the empty settings left out."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def test_list_labs_titles_match_the_files():
    for path, title in list_labs():
        assert title == Experiment.load(path).title


def test_notebook_lab_is_the_notebook_preset():
    lab = load_lab("01").to_dict()
    preset = notebook_preset().to_dict()
    for key in ("title", "instructions", "translations"):
        lab.pop(key, None)
        preset.pop(key, None)
    assert lab == preset
    exp = load_lab("01")
    assert exp.training.epochs == 10000 and exp.optimizer.learning_rate == 0.0007
    assert [exp.run_label(i) for i in range(3)] == ["Gradient descent", "Momentum", "Adam"]


def test_decay_lab_runs_gd_and_adam_with_both_decays():
    exp = load_lab("02")
    labels = [exp.run_label(i) for i in range(len(exp.runs))]
    assert "GD + inverse-time" in labels and "GD + fixed-interval" in labels
    assert "Adam + inverse-time" in labels and "Adam + fixed-interval" in labels
    manager = get_plugin_manager()
    schedules = set()
    for run in exp.runs:
        variant = exp.variant(run)
        schedules.add(variant.schedule.name)
        manager.create_schedule(variant.schedule.name, variant.schedule.params)  # params accepted
        if variant.schedule.name == "fixed-interval":
            assert set(variant.schedule.params) == {"decay_rate", "time_interval"}
        if variant.schedule.name == "inverse-time":
            assert set(variant.schedule.params) == {"decay_rate"}
    assert {"inverse-time", "fixed-interval"} <= schedules


def test_mini_batch_lab_batch_size_is_the_training_set():
    exp = load_lab("03")
    m = load_dataset(exp.data).X_train.shape[1]
    sizes = [exp.variant(run).training.mini_batch_size for run in exp.runs]
    assert sizes == [m, 64, 1]
    assert len({exp.variant(run).training.epochs for run in exp.runs}) == 1


def test_initialisation_lab_compares_zeros_small_and_he_on_a_deep_narrow_network():
    exp = load_lab("04")
    assert len(exp.network.hidden) >= 4 and max(exp.network.hidden) <= 5
    inits = [exp.variant(run).network.init for run in exp.runs]
    assert inits[:2] == ["zeros", "small"] and "he" in inits


def test_digits_lab_settings():
    exp = load_lab("05")
    assert exp.data.name == "digits" and exp.data.test_fraction == 0.2 and exp.data.standardize
    assert exp.network.loss == "softmax" and exp.network.hidden == [25, 15]
    assert exp.optimizer.name == "adam" and not exp.runs


def test_trajectory_lab_section():
    exp = load_lab("06")
    tasks = trajectory_tasks(exp)
    assert [t.function for t in tasks] == ["ellipse", "saddle"]
    manager = get_plugin_manager()
    for task in tasks:
        assert [r.label for r in task.runs] == ["GD", "Momentum", "RMSProp", "Adam"]
        assert task.steps >= 50 and task.start is None
        for run in task.runs:
            manager.optimizer_info(run.optimizer)
            assert run.learning_rate > 0
    # the learning rates are per function
    assert tasks[0].runs[0].learning_rate == 0.9 and tasks[1].runs[0].learning_rate == 0.05


# ============================================================================ running every lab

@pytest.mark.parametrize("name", EXPECTED)
def test_every_lab_runs_headless_with_short_counts(capsys, name):
    code, out, err = run_cli(capsys, "lab", name, *SHORT, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"lab", "path", "title", "instructions", "epochs", "runs", "trajectories", "view"}
    exp = load_lab(name)
    assert data["lab"] == name and data["title"] == exp.title and data["instructions"] == exp.instructions
    trains = exp.extras.get("view", {}).get("name") not in ("lr_range", "online")   # see test_lab_views.py
    if "sweep" in exp.extras:                 # a sweep lab: one record per run of its grid
        from optstudio.core.sweep import Sweep, SweepSpec
        from optstudio.plugins.manager import get_plugin_manager
        cells = Sweep(exp, SweepSpec.from_dict(exp.extras["sweep"]), get_plugin_manager()).cells
        assert data["epochs"] == 20 and len(data["runs"]) == len(cells)
        assert all(r["status"] == "finished" and math.isfinite(r["final_cost"]) for r in data["runs"])
    elif trains and (exp.runs or "trajectory" not in exp.extras):
        assert data["epochs"] == 20
        assert len(data["runs"]) == max(1, len(exp.runs))
        for obj in data["runs"]:
            assert obj["epochs"] == 20 and obj["status"] == "finished", obj
            assert 0.0 <= obj["train_accuracy"] <= 1.0 and math.isfinite(obj["final_cost"])
    if "trajectory" in exp.extras:
        tasks = trajectory_tasks(exp)
        assert len(data["trajectories"]) == sum(len(t.runs) for t in tasks)
        for obj in data["trajectories"]:
            assert obj["steps"] == 20 and obj["steps_done"] == 20 and obj["status"] == "finished"
            assert len(obj["final_point"]) == 2 and math.isfinite(obj["final_value"])


@pytest.mark.parametrize("name", EXPECTED)
def test_every_lab_prints_title_instructions_and_table(capsys, name):
    code, out, err = run_cli(capsys, "lab", name, *SHORT)
    assert code == 0, err
    exp = load_lab(name)
    assert out.startswith(f"Lab {name}: {exp.title}\n")
    assert "1. " in out and "2. " in out
    if "trajectory" in exp.extras:
        assert "function | optimizer" in out and "final f value" in out
    elif exp.extras.get("view", {}).get("name") in ("lr_range", "online"):   # see test_lab_views.py
        assert "Suggested learning rate" in out or "average regret" in out
    else:
        assert "train accuracy" in out
        for i in range(len(exp.runs)):
            assert exp.run_label(i) in out


def test_notebook_lab_reproduces_the_notebook_table(capsys):
    """The full 10000 epochs (a few seconds): the notebook's 79.7 %, 79.7 %, 94 %."""
    code, out, err = run_cli(capsys, "lab", "01_notebook_optimizers", "--json")
    assert code == 0, err
    runs = json.loads(out)["runs"]
    assert [r["label"] for r in runs] == ["Gradient descent", "Momentum", "Adam"]
    assert [r["epochs"] for r in runs] == [10000] * 3
    accuracies = [f"{r['train_accuracy']:.6f}" for r in runs]
    assert accuracies == ["0.796667", "0.796667", "0.940000"]


def test_initialisation_lab_shows_symmetry_of_zeros(capsys):
    code, out, _ = run_cli(capsys, "lab", "04", "--epochs", "20", "--json")
    assert code == 0
    zeros = json.loads(out)["runs"][0]
    assert zeros["train_accuracy"] == pytest.approx(0.5)
    assert zeros["final_cost"] == pytest.approx(math.log(2), abs=1e-3)


def test_trajectory_lab_runs_in_the_core():
    results = run_trajectory_lab(with_steps(load_lab("06"), 30))
    assert [task.function for task, _ in results] == ["ellipse", "saddle"]
    for task, paths in results:
        assert len(paths) == 4
        assert all(p.steps_done == 30 and p.status == "finished" for p in paths)
    # the lessons the instructions describe
    gd_ellipse = results[0][1][0].path
    assert (gd_ellipse[1:, 1] * gd_ellipse[:-1, 1] < 0).all()      # GD zig-zags in y at every step
    saddle = {p.label: p for p in results[1][1]}
    assert abs(saddle["GD"].final_point[1]) < 1 < abs(saddle["Adam"].final_point[1])
    assert abs(saddle["RMSProp"].final_point[1]) > 1


def test_table_csv_for_comparison_and_trajectory_labs(capsys, tmp_path):
    table = tmp_path / "t.csv"
    code, _, err = run_cli(capsys, "lab", "03", "--epochs", "2", "--table", str(table))
    assert code == 0, err
    rows = list(csv.reader(table.open(encoding="utf-8")))
    assert rows[0][:2] == ["optimizer", "train accuracy"] and len(rows) == 4
    table2 = tmp_path / "paths.csv"
    code, _, err = run_cli(capsys, "lab", "06", "--steps", "5", "--table", str(table2))
    assert code == 0, err
    rows = list(csv.reader(table2.open(encoding="utf-8")))
    assert rows[0] == ["function", "optimizer", "learning rate", "steps", "final point", "final f value",
                       "status"]
    assert len(rows) == 1 + 8


def test_list(capsys):
    code, out, _ = run_cli(capsys, "lab", "--list")
    assert code == 0
    for name in EXPECTED:
        assert name in out
    code, out, _ = run_cli(capsys, "lab", "--list", "--json")
    assert code == 0
    data = json.loads(out)
    assert [d["name"] for d in data] == EXPECTED and all(d["title"] for d in data)
    code, out2, _ = run_cli(capsys, "lab")           # no lab given: the list, too
    assert code == 0 and "01_notebook_optimizers" in out2


# ============================================================================ names, overrides

@pytest.mark.parametrize("name", ["01", "1", "01_notebook_optimizers", "01_notebook_optimizers.json",
                                  "notebook_optimizers", "01_NOTEBOOK_OPTIMIZERS"])
def test_lab_names(name):
    assert find_lab(name) == lab_dir() / "01_notebook_optimizers.json"


def test_lab_from_a_path(tmp_path):
    exp = load_lab("05")
    exp.title = "My lab"
    path = tmp_path / "mine.toml"
    exp.save(path)
    assert load_lab(path).title == "My lab"
    assert load_lab(str(path)).data.name == "digits"


def test_with_epochs_overrides_runs_too():
    exp = load_lab("03")
    exp.runs.append({"label": "long", "training": {"epochs": 99999}})
    short = with_epochs(exp, 7)
    assert short.training.epochs == 7
    assert all(short.variant(run).training.epochs == 7 for run in short.runs)
    assert exp.training.epochs == 1000            # the original is untouched
    with pytest.raises(ExperimentError):
        with_epochs(exp, 0)


def test_with_steps():
    exp = load_lab("06")
    assert all(t.steps == 12 for t in trajectory_tasks(with_steps(exp, 12)))
    assert trajectory_tasks(exp)[0].steps == 100
    with pytest.raises(ExperimentError):
        with_steps(exp, -1)


# ============================================================================ bad input

@pytest.mark.parametrize("name, fragment", [
    ("99", "unknown lab '99'"),
    ("no_such_lab", "unknown lab 'no_such_lab'"),
    ("missing/lab.json", "does not exist"),
    ("", "no lab given"),
])
def test_bad_lab_names(name, fragment):
    with pytest.raises(ExperimentError) as info:
        load_lab(name)
    message = str(info.value)
    assert fragment in message and "\n" not in message


def _trajectory_lab(tmp_path, section) -> Path:
    exp = load_lab("06")
    exp.extras["trajectory"] = section
    path = tmp_path / "t.json"
    exp.save(path)
    return path


GOOD_RUN = {"label": "GD", "optimizer": "gd", "learning_rate": 0.1}


@pytest.mark.parametrize("section, fragment", [
    ([], "trajectory must be a table"),
    ({"functions": ["ellipse"]}, "trajectory runs must be a list"),
    ({"functions": [], "runs": [GOOD_RUN]}, "functions must be a list"),
    ({"functions": ["banana"], "runs": [GOOD_RUN]}, "unknown function 'banana'"),
    ({"functions": ["ellipse"], "runs": [GOOD_RUN], "colour": 1}, "trajectory: unknown setting 'colour'"),
    ({"functions": ["ellipse"], "runs": [{"optimizer": "gd", "lr": 1}]}, "unknown setting 'lr'"),
    ({"functions": ["ellipse"], "runs": [{"label": "x"}]}, "optimizer must be an optimizer name"),
    ({"functions": ["ellipse"], "runs": [{"optimizer": "gd", "learning_rate": -1}]}, "learning_rate must be"),
    ({"functions": ["ellipse"], "runs": [{"optimizer": "gd", "learning_rate": {"saddle": 1}}]},
     "names function 'saddle'"),
    ({"functions": ["ellipse"], "runs": [GOOD_RUN], "start": [1]}, "two numbers"),
    ({"functions": ["ellipse"], "runs": [GOOD_RUN], "steps": 0}, "steps for ellipse must be"),
    ({"functions": ["ellipse"], "runs": [GOOD_RUN], "noise": -1}, "noise for ellipse must be"),
    ({"functions": ["ellipse"], "runs": [GOOD_RUN], "seed": "x"}, "seed must be"),
])
def test_bad_trajectory_sections(tmp_path, section, fragment):
    path = _trajectory_lab(tmp_path, section)
    with pytest.raises(ExperimentError) as info:
        load_lab(path)
    message = str(info.value)
    assert fragment in message, message
    assert "\n" not in message and message.startswith("'t.json'")


def test_per_function_settings(tmp_path):
    path = _trajectory_lab(tmp_path, {
        "functions": ["ellipse", "saddle"], "start": {"ellipse": [-5, 1]}, "steps": {"saddle": 7},
        "runs": [{"optimizer": "adam", "learning_rate": {"ellipse": 0.2}}]})
    ellipse, saddle = trajectory_tasks(load_lab(path))
    assert ellipse.start == (-5.0, 1.0) and saddle.start is None
    assert ellipse.steps == DEFAULT_STEPS and saddle.steps == 7
    assert ellipse.runs[0].learning_rate == 0.2 and saddle.runs[0].learning_rate is None
    assert ellipse.runs[0].label == "adam"
    results = run_trajectory_lab(load_lab(path))
    assert results[0][1][0].path[0].tolist() == [-5.0, 1.0]


def test_the_trajectory_views_own_format_is_read_too(tmp_path, capsys):
    """What the window's trajectory view saves: one function, "optimizers" with "name"."""
    view = {"function": "rosenbrock", "start": [-1.5, 2.0], "steps": 40, "noise": 0.0, "seed": 0,
            "optimizers": [{"name": "gd", "learning_rate": 0.001}, {"name": "adam", "learning_rate": 0.05}]}
    path = _trajectory_lab(tmp_path, view)
    (task,) = trajectory_tasks(load_lab(path))
    assert task.function == "rosenbrock" and task.start == (-1.5, 2.0) and task.steps == 40
    assert [(r.optimizer, r.label, r.learning_rate) for r in task.runs] == [("gd", "gd", 0.001),
                                                                          ("adam", "adam", 0.05)]
    code, out, err = run_cli(capsys, "lab", str(path), "--json")
    assert code == 0, err
    assert [t["function"] for t in json.loads(out)["trajectories"]] == ["rosenbrock", "rosenbrock"]
    both = dict(view, functions=["ellipse"])
    with pytest.raises(ExperimentError, match="not both"):
        load_lab(_trajectory_lab(tmp_path, both))


def test_trajectory_view_settings_from_a_lab():
    exp = load_lab("06")
    ellipse = trajectory_view_settings(exp)
    assert ellipse["function"] == "ellipse" and ellipse["start"] == [-9.0, 2.0]
    assert ellipse["steps"] == 100 and ellipse["noise"] == 0.0 and ellipse["seed"] == 0
    assert [(o["name"], o["learning_rate"]) for o in ellipse["optimizers"]] == [
        ("gd", 0.9), ("momentum", 0.9), ("rmsprop", 0.1), ("adam", 0.3)]
    saddle = trajectory_view_settings(exp, "saddle")
    assert saddle["start"] == [-2.0, 0.001] and {o["learning_rate"] for o in saddle["optimizers"]} == {0.05}
    with pytest.raises(ExperimentError, match="no trajectory on 'beale'"):
        trajectory_view_settings(exp, "beale")
    assert trajectory_view_settings(load_lab("01")) is None
    # and the view's form goes round: settings -> section -> the same settings
    exp.extras["trajectory"] = {k: v for k, v in saddle.items()}
    again = trajectory_view_settings(exp)
    assert again == saddle


def test_cli_bad_input_is_one_line_and_exit_2(capsys, tmp_path):
    code, _, err = run_cli(capsys, "lab", "nope")
    assert code == 2 and "unknown lab 'nope'" in one_line_error(err)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    code, _, err = run_cli(capsys, "lab", str(broken))
    assert code == 2 and "not valid JSON" in one_line_error(err)
    code, _, err = run_cli(capsys, "lab", "01", "--epochs", "0")
    assert code == 2 and "--epochs" in one_line_error(err)
    code, _, err = run_cli(capsys, "lab", "01", "--epochs", "many")
    assert code == 2 and one_line_error(err)
    code, _, err = run_cli(capsys, "lab", "06", "--steps", "0")
    assert code == 2 and "--steps" in one_line_error(err)
    code, _, err = run_cli(capsys, "lab", "01", "--list")
    assert code == 2 and one_line_error(err)
    not_lab = tmp_path / "x.json"
    not_lab.write_text("{}", encoding="utf-8")
    code, _, err = run_cli(capsys, "lab", str(not_lab))
    assert code == 2 and "not an OptStudio experiment" in one_line_error(err)


def test_cli_unknown_optimizers_are_one_line(capsys, tmp_path):
    path = _trajectory_lab(tmp_path, {"functions": ["ellipse"], "runs": [{"optimizer": "banana"}]})
    code, _, err = run_cli(capsys, "lab", str(path))
    assert code == 2 and "banana" in one_line_error(err)
    exp = load_lab("03")
    exp.runs = [{"label": "x", "optimizer": {"name": "banana"}}]
    path = tmp_path / "train.json"
    exp.save(path)
    code, _, err = run_cli(capsys, "lab", str(path), "--epochs", "1")
    assert code == 2 and "banana" in one_line_error(err)


def test_cli_other_override_is_only_a_note(capsys):
    code, out, err = run_cli(capsys, "lab", "06", "--epochs", "3", "--steps", "3")
    assert code == 0 and "note: --epochs applies to training labs only" in err
    code, out, err = run_cli(capsys, "lab", "05", "--epochs", "1", "--steps", "3")
    assert code == 0 and "note: --steps applies to trajectory labs only" in err


def test_real_process_bad_lab_exit_2():
    result = subprocess.run([sys.executable, "-m", "optstudio", "lab", "no_such_lab"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "unknown lab" in result.stderr
