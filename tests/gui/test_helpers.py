"""The Qt-free helpers of the GUI: PCA, number formatting, snapshots, icons."""

import numpy as np
import pytest

from optstudio.gui.formatting import format_duration, format_number, parse_number
from optstudio.gui.network_view import visible_units
from optstudio.gui.projection import fit_pca
from optstudio.gui.snapshot import SnapshotMaker, colour_grid, probability_lut


def test_pca_finds_the_long_axis():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0, 5, 500), rng.normal(0, 1, 500), rng.normal(0, 0.1, 500)]) + 3
    pca = fit_pca(X)
    assert abs(pca.components[0, 0]) == pytest.approx(1, abs=0.02)
    assert pca.explained[0] > 0.9 and pca.explained.sum() <= 1 + 1e-12
    Z = pca.transform(X)
    assert Z.shape == (2, 500) and abs(Z.mean(axis=1)).max() < 1e-9
    assert np.allclose(pca.components @ pca.components.T, np.eye(2))


def test_pca_of_one_feature_and_empty_sets():
    pca = fit_pca(np.arange(10.0).reshape(1, 10))
    assert pca.transform(np.zeros((1, 0))).shape == (2, 0)
    assert np.allclose(pca.components[1], 0)


@pytest.mark.parametrize("value, text", [(0.0007, "0.0007"), (1e-8, "1e-8"), (0.9, "0.9"), (2.0, "2"),
                                         (1.5e-10, "1.5e-10"), (1e6, "1000000"), (1e12, "1e12"), (0, "0"),
                                         (0.9999, "0.9999")])
def test_format_number_is_readable_and_round_trips(value, text):
    assert format_number(value) == text
    assert parse_number(text) == value


def test_parse_number_rejects_nonsense():
    for text in ("", "abc", "inf", "nan", "1e400"):
        with pytest.raises(ValueError):
            parse_number(text)
    assert parse_number("7·10^-4") == pytest.approx(7e-4)


def test_format_duration():
    assert format_duration(75) == "1:15" and format_duration(3725) == "1:02:05"


def test_visible_units_caps_wide_layers():
    assert visible_units(5) == [0, 1, 2, 3, 4]
    shown = visible_units(64)
    assert len(shown) == 16 and None in shown and shown[0] == 0 and shown[-1] == 63


def test_colour_grid():
    lut = probability_lut()
    assert lut.shape == (256, 4) and lut.dtype == np.uint8
    values = np.array([[0.0, 0.5, 1.0]])
    rgba = colour_grid(values, "probability", 2)
    assert rgba.shape == (1, 3, 4)
    assert rgba[0, 0, 0] > rgba[0, 0, 2]          # class 0: red
    assert rgba[0, 2, 2] > rgba[0, 2, 0]          # class 1: blue
    classes = colour_grid(np.array([[0.0, 2.0]]), "class", 3)
    assert not np.array_equal(classes[0, 0], classes[0, 1])


def test_snapshot_maker_sends_each_record_once():
    from optstudio.core.build import build_engine
    from optstudio.core.experiment import Experiment
    from optstudio.plugins.manager import get_plugin_manager

    exp = Experiment()
    exp.training.epochs = 7
    engine = build_engine(exp, get_plugin_manager())
    trainer = engine.runs[0]
    maker = SnapshotMaker(3, "grid", 2)
    engine.run(until=3)
    first = maker(trainer, force=True)
    engine.run()
    second = maker(trainer, force=True)
    assert [r.epoch for r in first.records] == [0, 1, 2]
    assert [r.epoch for r in second.records] == [3, 4, 5, 6]
    assert second.generation == 3 and second.epoch == 7
    xs, ys, values = second.grid
    assert values.shape == (150, 150) and second.grid_rgba.shape == (150, 150, 4)
    assert second.confusion.sum() == trainer.dataset.m_test
    assert [w.shape for w in second.weights] == [(5, 2), (2, 5), (1, 2)]
    second.weights[0][0, 0] += 1.0                  # a copy, not the network's storage
    assert trainer.network.W[1][0, 0] != second.weights[0][0, 0]


def test_gui_helpers_do_not_import_qt():
    """projection, formatting and snapshot are plain numpy (loaded alone: the package's
    __init__ probes PySide6)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import importlib.util, sys\n"
            "for name in ('projection', 'formatting', 'snapshot'):\n"
            "    spec = importlib.util.spec_from_file_location('m_' + name, 'optstudio/gui/' + name + '.py')\n"
            "    module = importlib.util.module_from_spec(spec)\n"
            "    sys.modules[spec.name] = module\n"
            "    spec.loader.exec_module(module)\n"
            "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_icon_resources_exist():
    from optstudio.gui.icon import RESOURCES

    assert (RESOURCES / "icon.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (RESOURCES / "optstudio.svg").read_text(encoding="utf-8")


def test_singleton_reserve_keeps_none_alive():
    """PySide6 6.12 on Python < 3.12 loses a reference to None per void call (see gui/_compat)."""
    import sys

    from PySide6.QtCore import QObject

    obj = QObject()
    for _ in range(20000):
        obj.setObjectName("x")        # would abort the interpreter without the reserve
    assert sys.getrefcount(None) > 1000
