"""README's two commands are the ones CI and new users run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", body, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command():
    posix, windows = _commands("Run the tests")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert posix.strip() in [line.strip() for line in ci]
    assert posix.strip() == 'python3 -m venv .venv && .venv/bin/python -m pip install ".[test]" && .venv/bin/python -m pytest'
    assert windows.strip() == posix.strip().replace("python3 -m", "py -m").replace(".venv/bin/", ".venv\\Scripts\\")


def test_install_commands_make_a_private_environment_and_start_the_app():
    posix, windows = _commands("Install and start")
    assert posix.strip() == "python3 -m venv .venv && .venv/bin/python -m pip install . && .venv/bin/python main.py"
    assert windows.strip() == posix.strip().replace("python3 -m", "py -m").replace(".venv/bin/", ".venv\\Scripts\\")
    assert (ROOT / "main.py").exists()
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
