"""The application entry point: arguments, --screenshot mode, start-up time."""

import subprocess
import sys
from pathlib import Path

import pytest

from optstudio.gui.app import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_mode_in_process(tmp_path, qapp, capsys):
    out = tmp_path / "shots" / "window.png"
    assert main(["--epochs", "20", "--screenshot", str(out)]) == 0
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1200 and image.height() >= 700
    assert "saved" in capsys.readouterr().out


def test_screenshot_mode_with_config(tmp_path, qapp):
    from optstudio.core.experiment import Experiment

    exp = Experiment(title="Tiny lab", instructions="Press Start.")
    exp.data.name = "xor"
    exp.data.samples = 80
    exp.training.epochs = 500                 # --epochs wins
    config = tmp_path / "lab.toml"
    exp.save(config)
    out = tmp_path / "lab.png"
    assert main(["--config", str(config), "--epochs", "5", "--screenshot", str(out)]) == 0
    assert out.is_file()


@pytest.mark.parametrize("args", [["--epochs", "0"], ["--epochs", "many"], ["--bogus"],
                                  ["--screenshot", "x.txt"]])
def test_bad_arguments_exit_2_with_one_line(args, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err and len(err.splitlines()) == 1 and "error" in err


def test_bad_config_file_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert main(["--config", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not valid JSON" in err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "--screenshot" in capsys.readouterr().out


def test_parser_has_the_documented_options():
    text = build_parser().format_help()
    for option in ("--config", "--epochs", "--screenshot"):
        assert option in text


def test_screenshot_subprocess_from_main_py(tmp_path):
    """What a student's double-click runs, without a display."""
    out = tmp_path / "s.png"
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--epochs", "10", "--screenshot", str(out)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert "Traceback" not in proc.stderr
    assert "Destroyed while thread" not in proc.stderr
