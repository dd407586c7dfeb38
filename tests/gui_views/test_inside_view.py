"""InsideView + inside_snapshot: per-parameter step sizes, velocity vs gradient."""

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from optstudio.core.build import build_engine
from optstudio.core.experiment import notebook_preset
from optstudio.gui.views.inside_data import inside_snapshot
from optstudio.gui.views.inside_view import InsideView


def _trainer(manager, optimizer, params=None, lr=0.0007, epochs=3):
    exp = notebook_preset()
    exp.runs = []
    exp.training.epochs = epochs
    exp = exp.variant({"optimizer": {"name": optimizer, "params": params or {}, "learning_rate": lr}})
    engine = build_engine(exp, manager)
    engine.run()
    return engine.runs[0]


@pytest.fixture
def view(qtbot, manager):
    v = InsideView(manager)
    qtbot.addWidget(v)
    v.resize(1000, 650)
    v.show()
    return v


def test_builds_empty(view):
    assert view.mode == "empty"
    assert "Train" in view.text.text()


def test_adam_shows_one_step_size_per_parameter(view, manager):
    trainer = _trainer(manager, "adam")
    data = inside_snapshot(trainer)
    view.set_snapshot(data)
    assert view.mode == "adaptive"
    hist = view.histogram_data()
    assert set(hist) == {"1", "2", "3"}                       # layers of [2, 5, 2, 1]
    assert sum(int(c.sum()) for _, c in hist.values()) == trainer.network.n_params
    # the histogram is of the trainer's effective steps α/(√ŝ + ε)
    expected = trainer.effective_step()
    layer1 = np.concatenate([expected["W1"].ravel(), expected["b1"].ravel()])
    edges, counts = hist["1"]
    ref, _ = np.histogram(np.log10(layer1), bins=np.log10(edges))
    np.testing.assert_array_equal(counts, ref)
    assert view.alpha_line.isVisible()
    assert view.alpha_line.value() == pytest.approx(math.log10(0.0007))
    assert "One learning rate per parameter" in view.text.text()
    # Adam has a velocity too: its bars are drawn next to the gradient's
    bars = view.bar_data()
    v = trainer.optimizer_state()["velocity v"]
    assert bars["W2"][1] == pytest.approx(np.linalg.norm(v["W2"]))


def test_momentum_shows_velocity_next_to_gradient(view, manager):
    trainer = _trainer(manager, "momentum", {"beta": 0.9}, lr=0.05)
    view.set_snapshot(inside_snapshot(trainer))
    assert view.mode == "momentum"
    bars = view.bar_data()
    grads = trainer.network.split(trainer.network.grad)
    velocity = trainer.optimizer_state()["velocity v"]
    assert list(bars) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for name, (g, v) in bars.items():
        assert g == pytest.approx(np.linalg.norm(grads[name]))
        assert v == pytest.approx(np.linalg.norm(velocity[name]))
    heights = view.velocity_bars.opts["height"]
    assert list(heights) == pytest.approx([bars[n][1] for n in bars])
    # no per-parameter rate: all parameters share α
    hist = view.histogram_data()
    assert sum(int((c > 0).sum()) for _, c in hist.values()) == len(hist)   # one bin per layer
    assert "same α" in view.text.text()


def test_plain_gd_explains_the_single_learning_rate(view, manager):
    trainer = _trainer(manager, "gd", lr=0.01)
    view.update_from(trainer)
    assert view.mode == "plain"
    assert not view.velocity_bars.isVisible()
    assert all(v is None for _, v in view.bar_data().values())
    assert "same learning rate α = 0.01" in view.text.text()


def test_snapshot_is_a_copy(manager):
    trainer = _trainer(manager, "adam")
    data = inside_snapshot(trainer)
    before = data["effective_step"]["W1"].copy()
    grads_before = data["grads"]["W1"].copy()
    trainer.engine.set_epochs(trainer.epochs + 2)
    trainer.engine.run()
    assert trainer.epoch == 5
    np.testing.assert_array_equal(data["effective_step"]["W1"], before)
    np.testing.assert_array_equal(data["grads"]["W1"], grads_before)
    assert data["optimizer_name"] == "adam"
    assert data["learning_rate"] == pytest.approx(0.0007)
    assert data["epoch"] == 3


def test_inside_data_does_not_import_qt():
    """It runs in the training thread: numpy only (optstudio.gui's own __init__ loads Qt, but this
    file must not use it)."""
    import optstudio.gui.views.inside_data as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
    assert imported <= {"__future__", "typing", "numpy"}, imported


def test_redrawing_reuses_the_curves(view, manager):
    """While training the view is redrawn several times a second: same layers, same curve items."""
    trainer = _trainer(manager, "adam")
    view.set_snapshot(inside_snapshot(trainer))
    curves = list(view.step_curves)
    assert len(curves) == 3
    trainer.engine.run(until=trainer.epoch + 2)
    view.set_snapshot(inside_snapshot(trainer))
    assert view.step_curves == curves
    x, y = curves[0].getData()
    edges, counts = view.histogram_data()["1"]
    assert list(y) == list(counts)
    view.clear()
    assert view.step_curves == [] and view.mode == "empty"
    view.set_snapshot(inside_snapshot(trainer))
    assert len(view.step_curves) == 3
