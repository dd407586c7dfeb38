"""Fault injection, runs and output: divergence that is not NaN (group 7 of issue 12), failures
that surface late or not at all (group 8) and messages a student cannot act on (group 9), through
the real command line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from fault_injection import ROOT, assert_clean, assert_one_line_error, run_cli

# ------------------------------------------------------------------------------------------------
# Group 7: overflow is reported in words (no numpy warning), blamed on the right setting, and a
# huge cost is printed with significant digits.

TRAJECTORIES = [
    (["--start", "1e300,1e300"], 2, "--start: start point '1e300,1e300' is too far out"),
    (["--start", "2e6,0"], 2, "must lie in the region |(x, y)| ≤ 1e+06"),
    (["--function", "beale", "--start", "-1e300,5"], 2, "is too far out"),
    (["--start", "1e308,1e308", "--function", "rosenbrock"], 2, "is too far out"),
    (["--start", "inf,0"], 2, "must be finite numbers"),
]


@pytest.mark.parametrize("extra, code, expected", TRAJECTORIES, ids=[" ".join(c[0]) for c in TRAJECTORIES])
def test_start_points_that_overflow_are_refused_in_one_line(tmp_path, extra, code, expected):
    assert_one_line_error(run_cli(tmp_path, "trajectory", *extra, "--steps", "3"), expected, code=code)


DIVERGING = [
    (["--noise", "1e308"], "the gradient noise (σ = 1e+308) dwarfs the gradient", "lower learning rate"),
    (["--noise", "1e200", "--optimizer", "momentum"], "Try less noise", "lower learning rate"),
    (["--noise", "3", "--lr", "2", "--steps", "60"], "(learning rate 2, gradient noise σ = 3). Try a lower "
                                                    "learning rate or less noise", "dwarfs"),
    (["--lr", "1.5", "--steps", "60"], "Try a lower learning rate", "noise"),
    (["--function", "rosenbrock", "--lr", "0.5", "--start", "900,900"], "Try a lower learning rate", "noise"),
    (["--function", "beale", "--lr", "1", "--start", "4,4"], "Diverged at step", "noise"),
]


@pytest.mark.parametrize("extra, expected, absent", DIVERGING, ids=[" ".join(c[0][:2]) for c in DIVERGING])
def test_divergence_is_reported_in_words_and_blames_the_right_setting(tmp_path, extra, expected, absent):
    outcome = run_cli(tmp_path, "trajectory", *extra)
    assert outcome.code == 0, outcome.err
    assert_clean(outcome)                                  # no numpy overflow warning
    assert outcome.err == ""
    last = outcome.out.strip().splitlines()
    message = next(line for line in last if line.startswith("Diverged"))
    assert expected in message and absent not in message, message
    assert "diverged: final point" in outcome.out


@pytest.fixture
def huge_feature_csv(tmp_path):
    rng = np.random.default_rng(0)
    rows = [f"{a:.17g},{b:.17g},{i % 2}" for i, (a, b) in enumerate(rng.uniform(1e140, 2e140, (40, 2)))]
    (tmp_path / "huge.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ["--dataset", "huge.csv", "--loss", "mse", "--output-activation", "linear", "--init", "small",
            "--lr", "1e-300", "--optimizer", "gd", "--epochs", "3"]


def _numbers(text: str) -> list[str]:
    return re.findall(r"[-+]?\d[\d.]*(?:e[-+]?\d+)?", text)


@pytest.mark.parametrize("command", ["run", "compare", "run-print-every", "compare-table", "run-lr-1e10"])
def test_huge_costs_are_printed_with_significant_digits(tmp_path, huge_feature_csv, command):
    args = list(huge_feature_csv)
    if command == "run-lr-1e10":
        args = ["--dataset", "moons", "--loss", "mse", "--output-activation", "linear", "--lr", "3",
                "--optimizer", "gd", "--epochs", "30"]
    name = command.split("-")[0]
    if command == "run-print-every":
        args += ["--print-every", "1"]
    if command == "compare-table":
        args += ["--optimizers", "gd,momentum", "--table", "t.csv"]
    outcome = run_cli(tmp_path, name, *args)
    assert outcome.code == 0, outcome.err
    assert_clean(outcome)
    text = outcome.out + ((tmp_path / "t.csv").read_text() if command == "compare-table" else "")
    assert all(len(n) < 20 for n in _numbers(text)), text  # 4.32524e+264, never 265 digits
    if command != "run-lr-1e10":
        assert "e+264" in text


# ------------------------------------------------------------------------------------------------
# Group 8: a full disk, a closed pipe and a missing folder fail early, in one line.

FULL = "/dev/full"
needs_dev_full = pytest.mark.skipif(not os.path.exists(FULL), reason="needs /dev/full (Linux)")

OUTPUTS = [
    ["run", "--epochs", "2", "--json"],
    ["run", "--epochs", "2"],
    ["compare", "--epochs", "2", "--json"],
    ["plugins"],
    ["plugins", "--json"],
    ["trajectory", "--steps", "5", "--json"],
    ["lab", "--list", "--json"],
    ["lab", "06", "--steps", "3"],
]


@needs_dev_full
@pytest.mark.parametrize("args", OUTPUTS, ids=[" ".join(a) for a in OUTPUTS])
def test_output_to_a_full_disk_is_one_line_and_status_1(tmp_path, args):
    outcome = run_cli(tmp_path, *args, stdout_path=FULL)
    assert_one_line_error(outcome, "cannot write the output: No space left on device", code=1)


@pytest.mark.parametrize("args", [["run", "--epochs", "3000"], ["trajectory", "--steps", "3000"],
                                  ["plugins"], ["lab", "--list"], ["compare", "--epochs", "300"]],
                         ids=lambda a: a[0])
def test_a_closed_pipe_ends_quietly(tmp_path, args):
    env = {**os.environ, "OPTSTUDIO_CONFIG_DIR": str(tmp_path), "OPTSTUDIO_NO_ENTRY_POINTS": "1",
           "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "default"}
    proc = subprocess.Popen([sys.executable, "-m", "optstudio", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    proc.stdout.readline()                                # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert err == "", err


MISSING = [
    (["run", "--epochs", "5000", "--history", "nowhere/h.csv"], "history file 'nowhere/h.csv'"),
    (["compare", "--epochs", "5000", "--history", "nowhere/h.csv"], "history file"),
    (["compare", "--epochs", "5000", "--table", "nowhere/t.csv"], "table file 'nowhere/t.csv'"),
    (["lab", "01", "--table", "nowhere/t.csv"], "table file"),
    (["run", "--epochs", "5000", "--history", "."], "it is a folder"),
    (["run", "--epochs", "5000", "--history", "file.txt/h.csv"], "is not a folder"),
]


@pytest.mark.parametrize("args, expected", MISSING, ids=[" ".join(a[:1] + a[-2:]) for a, _ in MISSING])
def test_output_files_that_cannot_be_written_fail_before_training(tmp_path, args, expected):
    (tmp_path / "file.txt").write_text("x")
    outcome = run_cli(tmp_path, *args)
    assert_one_line_error(outcome, "cannot write", expected)
    assert outcome.out == ""                             # nothing was trained


# ------------------------------------------------------------------------------------------------
# Group 9: messages name what to change; "01" is the bundled lab.

FLAGS = [
    (["trajectory", "--seed", "-1"], "--seed must be at least 0, got -1"),
    (["trajectory", "--seed", "-1", "--noise", "0.1"], "--seed must be at least 0, got -1"),
    (["trajectory", "--steps", "0"], "--steps must be at least 1, got 0"),
    (["run", "--seed", "-5", "--epochs", "1"], "--seed must be at least 0, got -5"),
    (["trajectory", "--noise", "-1"], "--noise must be a number ≥ 0"),
    (["trajectory", "--lr", "0"], "--lr must be a number > 0"),
]


@pytest.mark.parametrize("args, expected", FLAGS, ids=[" ".join(a) for a, _ in FLAGS])
def test_bad_flags_are_named(tmp_path, args, expected):
    assert_one_line_error(run_cli(tmp_path, *args), expected)


@pytest.mark.parametrize("local, command, expected", [
    ("01", ["lab", "01", "--epochs", "1", "--json"], "01_notebook_optimizers"),
    ("1", ["lab", "1", "--epochs", "1", "--json"], "01_notebook_optimizers"),
    ("06_trajectories", ["lab", "06_trajectories", "--steps", "2", "--json"], "06_trajectories"),
    ("notebook_optimizers", ["lab", "notebook_optimizers", "--epochs", "1", "--json"], "01_notebook_optimizers"),
    ("01", ["lab", "./01"], "'01' is not valid JSON"),
    ("my_lab", ["lab", "my_lab"], "for the file 'my_lab' write ./my_lab"),
])
def test_a_bundled_lab_wins_over_a_file_without_suffix(tmp_path, local, command, expected):
    (tmp_path / local).write_text("not a lab", encoding="utf-8")
    outcome = run_cli(tmp_path, *command, cwd=tmp_path)
    if command[1].startswith("./") or local == "my_lab":
        assert_one_line_error(outcome, expected)
    else:
        assert outcome.code == 0, outcome.err
        assert json.loads(outcome.out)["lab"] == expected
