"""README's two commands are the ones CI and new users run."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", body, flags=re.S)


def test_ci_runs_exactly_the_readme_test_command():
    (command,) = _commands("Run the tests")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command.strip() in [line.strip() for line in ci]


def test_install_command_installs_and_starts_the_app():
    (command,) = _commands("Install and start")
    assert command.strip() == "python -m pip install . && python main.py"
    assert (ROOT / "main.py").exists()
