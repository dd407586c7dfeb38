"""Helpers of the fault-injection tests (tests/test_faults_*.py): run the real command line in a
subprocess, with its own configuration folder and plugin folder, and check how it failed.

Every fault must end in one line on stderr (``optstudio: error: …``), a known exit status and
no traceback, no Python warning and no "Exception ignored" noise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: What must never reach the user.
NOISE = ("Traceback", "Exception ignored", "Warning:", "RecursionError", "MemoryError", "TypeError:",
         "IndexError:", "KeyError:", "AttributeError:")


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def write_plugins(folder: Path, plugins: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in plugins.items():
        (folder / name).write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return folder


def run_cli(tmp_path: Path, *args: str, plugins: dict[str, str] | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None, stdout_path: str | None = None, timeout: float = 180,
            memory_cap: int | None = None) -> Outcome:
    """``python -m optstudio ARGS`` in a subprocess: the configuration folder and the plugin
    folder (holding ``plugins``: file name → source) live in ``tmp_path``; installed entry-point
    plugins are not loaded; the source tree is imported. ``stdout_path``: stdout goes to that
    file (e.g. /dev/full). ``memory_cap``: the child's address space is limited to that many
    bytes (Linux), so a check that comes too late shows as a crash, not as swapping."""
    config = tmp_path / "optstudio-config"
    config.mkdir(exist_ok=True)
    folder = write_plugins(tmp_path / "fault-plugins", plugins or {})
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("OPTSTUDIO_DISABLE_PLUGINS", "OPTSTUDIO_MEMORY_LIMIT", "OPTSTUDIO_PLUGIN_TIMEOUT")}
    environment.update({
        "OPTSTUDIO_CONFIG_DIR": str(config),
        "OPTSTUDIO_PLUGIN_PATH": str(folder),
        "OPTSTUDIO_NO_ENTRY_POINTS": "1",
        "PYTHONPATH": os.pathsep.join([str(ROOT), environment.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "PYTHONWARNINGS": "default",          # a numpy RuntimeWarning would show
        "QT_QPA_PLATFORM": "offscreen",
    })
    environment.update(env or {})

    def limit_memory():                       # pragma: no cover - runs in the child
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    preexec = limit_memory if memory_cap and sys.platform.startswith("linux") else None
    command = [sys.executable, "-m", "optstudio", *args]
    if stdout_path is None:
        proc = subprocess.run(command, capture_output=True, text=True, cwd=cwd or tmp_path, env=environment,
                              timeout=timeout, preexec_fn=preexec)
        return Outcome(proc.returncode, proc.stdout, proc.stderr)
    with open(stdout_path, "w") as out:
        proc = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True, cwd=cwd or tmp_path,
                              env=environment, timeout=timeout, preexec_fn=preexec)
    return Outcome(proc.returncode, "", proc.stderr)


def assert_clean(outcome: Outcome) -> None:
    """Nothing on stderr a student should not see (tracebacks, warnings, Python's noise)."""
    for word in NOISE:
        assert word not in outcome.err, outcome.err[-3000:]


def assert_one_line_error(outcome: Outcome, *fragments: str, code: int = 2) -> str:
    """The command failed with status ``code`` and exactly one line on stderr,
    ``optstudio: error: …``, holding every fragment; returns that line."""
    assert_clean(outcome)
    lines = outcome.err_lines
    assert len(lines) == 1, outcome.err[-3000:]
    line = lines[0]
    assert line.startswith("optstudio: error: "), line
    for fragment in fragments:
        assert fragment in line, line
    assert outcome.code == code, (outcome.code, line)
    return line
