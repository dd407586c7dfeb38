"""House rules: the core never imports Qt; the experiment format round-trips."""

import ast
from pathlib import Path

import pytest

from optstudio.core.experiment import Experiment, ExperimentError, notebook_preset

PACKAGE = Path(__file__).resolve().parents[1] / "optstudio"
QT = ("PySide6", "pyqtgraph", "PyQt5", "PyQt6", "shiboken6")


def test_nothing_outside_the_gui_package_imports_qt():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in QT for n in names):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders, offenders


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_experiment_round_trip(tmp_path, suffix):
    exp = notebook_preset()
    exp.instructions = "Step 1: press Start.\nStep 2: \"look\"."
    exp.schedule.name = "fixed-interval"
    exp.schedule.params = {"decay_rate": 0.3, "time_interval": 100}
    path = tmp_path / f"e{suffix}"
    exp.save(path)
    again = Experiment.load(path)
    assert again.to_dict() == exp.to_dict()


def test_unknown_sections_and_settings_are_refused(tmp_path):
    with pytest.raises(ExperimentError, match="unknown section"):
        Experiment.from_dict({"optstudio": 1, "colour": {}})
    with pytest.raises(ExperimentError, match="unknown training setting"):
        Experiment.from_dict({"optstudio": 1, "training": {"epoch": 3}})
    with pytest.raises(ExperimentError, match="mini-batch size"):
        Experiment.from_dict({"optstudio": 1, "training": {"mini_batch_size": 0}})
    with pytest.raises(ExperimentError, match="version"):
        Experiment.from_dict({"optstudio": 99})
    bad = tmp_path / "b.toml"
    bad.write_text("optstudio = [")
    with pytest.raises(ExperimentError, match="not valid TOML"):
        Experiment.load(bad)


def test_import_contracts_hold():
    """The import-linter contracts of pyproject.toml: the core imports nothing from plugins, gui,
    cli or labs, nor PySide6, pyqtgraph or pluggy; layers gui | cli > labs > plugins > core."""
    from importlinter.cli import lint_imports

    root = PACKAGE.parent
    assert lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True) == 0


def test_import_optstudio_loads_neither_pluggy_nor_qt():
    import subprocess
    import sys

    code = ("import sys, optstudio, optstudio.core.engine, optstudio.core.build; "
            "print(sorted(m for m in ('pluggy', 'PySide6', 'pyqtgraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
