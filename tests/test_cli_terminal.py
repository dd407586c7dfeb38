"""The command line in scripts and terminals: progress only on a terminal, Ctrl-C keeps what was
done, --version."""

import csv
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _env(tmp_path):
    return dict(os.environ, OPTSTUDIO_CONFIG_DIR=str(tmp_path / "config"), PYTHONUNBUFFERED="1",
                OPTSTUDIO_DISABLE_PLUGINS="1", COLUMNS="100")


def test_version(tmp_path):
    from optstudio import __version__
    out = subprocess.run([sys.executable, "-m", "optstudio", "--version"], capture_output=True, text=True,
                         env=_env(tmp_path), cwd=tmp_path, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == f"optstudio {__version__}"


def _run_on_a_terminal(args, tmp_path, timeout=120) -> tuple[int, str]:
    """Run the CLI with stdout piped and stderr on a pseudo-terminal; return (status, stderr text)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "optstudio", *args], stdout=subprocess.PIPE,
                            stderr=slave, env=_env(tmp_path), cwd=tmp_path)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.stdout.read()
    code = proc.wait(timeout=30)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_progress_with_eta_on_a_terminal_only(tmp_path):
    args = ["run", "--epochs", "300", "--batch-size", "8", "--samples", "200"]
    code, err = _run_on_a_terminal(args, tmp_path)
    assert code == 0
    assert "update/s" in err and "<" in err            # tqdm's rate and its ETA ("elapsed<left")
    piped = subprocess.run([sys.executable, "-m", "optstudio", *args], capture_output=True, text=True,
                           env=_env(tmp_path), cwd=tmp_path, timeout=120)
    assert piped.returncode == 0 and piped.stderr == ""
    code, err = _run_on_a_terminal([*args, "--json"], tmp_path)
    assert code == 0 and "update/s" not in err             # quiet with --json, even on a terminal


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child is POSIX here")
@pytest.mark.parametrize("command", ["run", "compare"])
def test_ctrl_c_keeps_what_was_done(tmp_path, command):
    history = tmp_path / "h.csv"
    args = [command, "--epochs", "1000000", "--samples", "200", "--print-every", "50", "--history", str(history)]
    proc = subprocess.Popen([sys.executable, "-m", "optstudio", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env(tmp_path), cwd=tmp_path)
    try:
        if command == "run":
            line = proc.stdout.readline()                   # training has started
            assert line.startswith("Cost after epoch 0"), line
        else:
            time.sleep(3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    if command == "run":
        assert "stopped after" in out and "Train accuracy:" in out
        rows = list(csv.DictReader(history.open()))
    else:
        assert "Gradient descent" in out and "Adam" in out       # the table of what was done
        rows = list(csv.DictReader((tmp_path / "h_gradient-descent.csv").open()))
    assert len(rows) >= 1 and all(float(r["cost"]) > 0 for r in rows)


def test_a_sweep_lab_runs_its_sweep(capsys):
    from optstudio.cli import main
    assert main(["lab", "12", "--epochs", "5"]) == 0
    out = capsys.readouterr().out
    assert "Lab 12" in out and "Median final cost over 3 seeds" in out and "54 runs: 54 finished" in out
