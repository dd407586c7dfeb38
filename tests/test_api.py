"""The Python API for notebooks: pinned public names, the README example runs, data layouts."""

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import optstudio as ops

ROOT = Path(__file__).resolve().parents[1]

PUBLIC = {"Experiment", "ExperimentError", "DataError", "notebook_preset", "dataset_from_arrays", "train",
          "iter_epochs", "compare", "Run", "hookimpl", "__version__"}


def test_public_names_are_pinned():
    assert set(ops.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(ops, name) is not None, name
    with pytest.raises(AttributeError):
        ops.no_such_thing


def test_importing_optstudio_stays_light():
    code = "import sys, optstudio; print(sorted(m for m in ('pluggy', 'PySide6', 'sklearn', 'scipy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_example_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "finished" in proc.stdout


def test_train_gives_the_engines_numbers():
    exp = ops.notebook_preset()
    run = ops.train(exp, optimizer="gd", learning_rate=0.0007, epochs=3)
    from optstudio.core.build import build_engine
    from optstudio.plugins.manager import get_plugin_manager

    ref = exp.variant({"optimizer": {"name": "gd"}})
    ref.runs, ref.training.epochs = [], 3
    engine = build_engine(ref, get_plugin_manager())
    engine.run()
    np.testing.assert_array_equal(run.history.arrays()["cost"], engine.runs[0].history.column("cost"))
    assert ops.train(exp, epochs=1).learning_rate == 0.0007          # its own optimizer keeps the preset's α
    from optstudio.plugins.manager import get_plugin_manager as registry
    assert ops.train(exp, optimizer="momentum", epochs=1).learning_rate == \
        registry().optimizer_info("momentum").default_learning_rate  # another optimizer starts from its default


def test_iter_epochs_stops_when_the_loop_stops():
    seen = []
    for run, record in ops.iter_epochs(ops.Experiment(), epochs=100):
        seen.append(record.epoch)
        if record.epoch == 4:
            break
    assert seen == [0, 1, 2, 3, 4] and len(run.history) == 5


def test_progress_and_compare():
    calls = []
    ops.train(ops.Experiment(), epochs=4, progress=lambda run, record: calls.append(record.epoch))
    assert calls == [0, 1, 2, 3]
    runs = ops.compare(ops.notebook_preset(), epochs=5)
    assert [r.label for r in runs] == ["Gradient descent", "Momentum", "Adam"]
    assert len({id(r.engine) for r in runs}) == 1               # one stacked engine
    assert all(r.status == "finished" and len(r.history) == 5 for r in runs)


def test_rows_and_columns_give_the_same_data():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 2))
    y = np.where(X[:, 0] > 0, "yes", "no")
    rows = ops.dataset_from_arrays(X, y)
    cols = ops.dataset_from_arrays(X.T, y.reshape(1, -1))
    np.testing.assert_array_equal(rows.X_train, cols.X_train)
    np.testing.assert_array_equal(rows.y_train, cols.y_train)
    assert rows.class_names == ["no", "yes"] and rows.X_train.shape == (2, 30)
    split = ops.dataset_from_arrays(X[:20], y[:20], X[20:], y[20:])
    assert split.m_train == 20 and split.m_test == 10


@pytest.mark.parametrize("X, y, words", [
    (np.zeros((3, 3)), [0, 1, 0], "layout='rows'"),
    (np.zeros((4, 5)), [0, 1, 0], "must be the number of examples"),
    (np.zeros((5, 2)), [[0, 1], [1, 0]], "one label per example"),
    (np.zeros((5, 2)), [0, 0, 0, 0, 0], "at least 2"),
    (np.full((4, 2), np.nan), [0, 1, 0, 1], "not finite"),
    (np.zeros((2, 2, 2)), [0, 1], "2-D"),
])
def test_shapes_that_do_not_fit_get_one_line(X, y, words):
    with pytest.raises(ops.DataError, match=re.escape(words)) as info:
        ops.dataset_from_arrays(X, y)
    assert "\n" not in str(info.value)


def test_a_wrong_experiment_is_refused():
    with pytest.raises(ops.ExperimentError, match="expected an optstudio.Experiment"):
        ops.train({"optimizer": "adam"})
