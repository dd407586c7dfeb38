"""The course notebook's numbers, reproduced exactly (000_e68e2ebda9ca78a0.txt, section 5)."""

import pytest

from optstudio.core.build import build_engine, build_plan
from optstudio.core.experiment import notebook_preset
from optstudio.plugins.manager import get_plugin_manager

# The notebook's printed "Cost after epoch i" lines (the cost of each epoch's last mini-batch).
NOTEBOOK_COSTS = {
    "gd": [0.690736, 0.685273, 0.647072, 0.619525, 0.576584, 0.607243, 0.529403, 0.460768,
           0.465586, 0.464518],
    "momentum": [0.690741, 0.685341, 0.647145, 0.619594, 0.576665, 0.607324, 0.529476, 0.460936,
                 0.465780, 0.464740],
}
NOTEBOOK_ACCURACY = {"gd": 0.796667, "momentum": 0.796667, "adam": 0.940000}


@pytest.mark.parametrize("name", ["gd", "momentum", "adam"])
def test_notebook_table(name):
    exp = notebook_preset()
    exp.optimizer.name = name
    exp.optimizer.params = {"beta": 0.9} if name == "momentum" else {}
    engine = build_engine(exp, get_plugin_manager())
    result, = engine.run()
    assert result.status == "finished" and result.epochs == 10000 and result.steps == 50000
    assert round(result.train_accuracy, 6) == NOTEBOOK_ACCURACY[name]
    if name in NOTEBOOK_COSTS:
        history = engine.runs[0].history
        printed = [round(history[i].last_batch_cost, 6) for i in range(0, 10000, 1000)]
        assert printed == NOTEBOOK_COSTS[name]


def test_stacked_plan_prints_the_notebooks_lines():
    """The three runs of the notebook in one stacked engine give the same lines and table."""
    exp = notebook_preset()
    plan = build_plan([exp.variant(run) for run in exp.runs], get_plugin_manager(),
                      [exp.run_label(i) for i in range(len(exp.runs))])
    assert len(plan.engines) == 1 and plan.engines[0].k == 3
    results = plan.run()
    assert [r.status for r in results] == ["finished"] * 3
    assert [r.steps for r in results] == [50000] * 3
    assert [round(r.train_accuracy, 6) for r in results] == [NOTEBOOK_ACCURACY[n] for n in ("gd", "momentum", "adam")]
    for name, run in zip(("gd", "momentum"), plan.runs):
        printed = [round(run.history[i].last_batch_cost, 6) for i in range(0, 10000, 1000)]
        assert printed == NOTEBOOK_COSTS[name]


def test_cli_prints_the_notebooks_lines(capsys):
    from optstudio.cli import main
    assert main(["run", "--preset", "notebook", "--optimizer", "gd", "--epochs", "3001",
                 "--print-every", "1000"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [f"Cost after epoch {i * 1000}: {c:f}" for i, c in enumerate(NOTEBOOK_COSTS["gd"][:4])]


def test_compare_reproduces_the_notebook_summary_table(capsys):
    import json

    from optstudio.cli import main
    assert main(["compare", "--preset", "notebook", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    table = [(r["label"], round(r["train_accuracy"], 6), r["cost_shape"]) for r in rows]
    # the notebook: Gradient descent 79.7 % oscillations, Momentum 79.7 % oscillations, Adam 94 % smoother
    assert table == [("Gradient descent", 0.796667, "oscillating"), ("Momentum", 0.796667, "oscillating"),
                     ("Adam", 0.94, "smooth")]
