"""The optstudio.cli package: one module per subcommand, every one registered, none lost silently."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

import optstudio.cli as cli

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "optstudio" / "cli"
EXPECTED = ["run", "compare", "sweep", "plugins", "trajectory", "landscape", "lr-range", "lab", "install-desktop"]
MODULES = ["run", "compare", "sweep", "plugins", "trajectory", "landscape", "lr_range", "lab", "install_desktop"]


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


def test_every_subcommand_is_registered_in_order():
    assert list(subparsers(cli.build_parser())) == EXPECTED
    assert [m.__name__ for m in cli.SUBCOMMANDS] == [f"optstudio.cli.{m}" for m in MODULES]


def test_each_subcommand_module_registers_its_own_handler():
    parsers = subparsers(cli.build_parser())
    for name, module in zip(EXPECTED, cli.SUBCOMMANDS):
        handler = parsers[name].get_default("handler")
        assert callable(handler) and handler.__module__ == module.__name__, name


def test_entry_point_and_the_names_other_code_imports():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, _, attr = scripts["optstudio"].partition(":")
    assert (module, attr) == ("optstudio.cli", "main") and callable(cli.main)
    assert issubclass(cli.CLIError, Exception)
    for name in ("main", "build_parser", "experiment_from_args", "run_object", "comparison_runs",
                 "format_table", "write_table_csv", "write_csv_rows"):      # imported by tests and labs
        assert callable(getattr(cli, name)), name


def test_a_failing_register_is_not_swallowed(monkeypatch):
    def broken(subparsers):
        raise RuntimeError("lab module is broken")
    monkeypatch.setattr(cli.lab, "register", broken)
    with pytest.raises(RuntimeError, match="lab module is broken"):
        cli.main(["plugins"])


@pytest.mark.parametrize("module", MODULES)
def test_a_subcommand_module_that_cannot_be_imported_fails_loudly(module):
    """It used to be skipped (`except ImportError: continue`) and its command vanished."""
    name = f"optstudio.cli.{module}"
    code = (f"import sys; sys.modules[{name!r}] = None; "        # makes `import name` raise ImportError
            "import runpy; sys.argv = ['optstudio', 'plugins']; "
            "runpy.run_module('optstudio', run_name='__main__', alter_sys=True)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0, proc.stdout
    assert "ImportError" in proc.stderr or "ModuleNotFoundError" in proc.stderr
    assert name in proc.stderr
    assert "Optimizers" not in proc.stdout


def test_python_dash_m_lists_every_subcommand():
    proc = subprocess.run([sys.executable, "-m", "optstudio", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name in EXPECTED:
        assert name in proc.stdout


def test_only_training_py_trains():
    """The CLI's calls into the training engine stay in one module."""
    for path in sorted(PACKAGE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        calls = [word for word in ("build_engine(", "build_plan(", ".steps(", ".run(") if word in text]
        if path.name == "training.py":
            assert calls == ["build_engine(", "build_plan(", ".steps(", ".run("]
        else:
            assert calls == [], f"{path.name} trains: {calls}"
