"""Labs with a "view" section (optstudio/labs/views.py, optstudio/cli/lab_views.py) and the five
labs of the research views: every number their instructions quote is checked here."""

from __future__ import annotations

import csv
import json

import pytest

from optstudio.cli import main
from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.labs import load_lab
from optstudio.labs.views import lab_view


def run_lab(capsys, *argv):
    code = main(["lab", *argv])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def lab_json(capsys, *argv):
    return json.loads(run_lab(capsys, *argv, "--json"))


def first(history, epoch):
    return next(r for r in history if r["epoch"] == epoch)


# ============================================================================ the section

def with_view(view) -> Experiment:
    exp = Experiment()
    exp.extras["view"] = view
    return exp


@pytest.mark.parametrize("view, fragment", [
    ([1], "view must be a table"),
    ({"name": "hessian"}, "unknown view 'hessian'"),
    ({"name": "sharpness", "every": 0}, "every must be a whole number ≥ 1"),
    ({"name": "layers", "steps": 3}, "unknown setting 'steps' for the layers view"),
    ({"name": "lr_range", "start": -1}, "start must be a learning rate > 0"),
    ({"name": "lr_range", "start": 1, "stop": 0.5}, "stop (0.5) must be larger than start (1)"),
    ({"name": "lr_range", "steps": 1}, "steps must be at least 2"),
    ({"name": "online", "runs": []}, "runs must be a list of tables"),
    ({"name": "online", "C": 2, "runs": [{"optimizer": "adam"}]}, "C must be a number > 2"),
    ({"name": "online", "problem": "rosenbrock", "runs": [{"optimizer": "adam"}]}, "unknown problem"),
    ({"name": "online", "runs": [{"label": "x"}]}, "optimizer must be an optimizer name"),
    ({"name": "online", "runs": [{"optimizer": "adam", "learning_rate": 0}]}, "learning_rate must be a number > 0"),
    ({"name": "online", "runs": [{"optimizer": "adam", "colour": 1}]}, "unknown setting 'colour'"),
])
def test_bad_view_sections(view, fragment):
    with pytest.raises(ExperimentError) as info:
        lab_view(with_view(view), where="'x.json'")
    message = str(info.value)
    assert fragment in message and "\n" not in message and message.startswith("'x.json'")


def test_view_defaults():
    assert lab_view(Experiment()) is None
    view = lab_view(with_view("sharpness"))
    assert view.name == "sharpness" and view.every == 1 and view.trains_networks
    view = lab_view(with_view({"name": "lr_range"}))
    assert (view.start, view.stop, view.steps) == (1e-6, 10.0, 300) and not view.trains_networks


def test_a_bad_view_in_a_lab_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "bad.json"
    with_view({"name": "sharpness", "every": "often"}).save(path)
    code = main(["lab", str(path)])
    _out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "every must be a whole number" in err


# ============================================================================ short runs

def test_short_sharpness_lab(capsys):
    data = lab_json(capsys, "08", "--epochs", "30")
    assert data["view"] == {"name": "sharpness", "every": 10}
    for run in data["runs"]:
        measured = [r["epoch"] for r in run["history"] if r["sharpness"] is not None]
        assert measured == [0, 10, 20, 29]
        assert len(run["history"]) == 30


def test_short_range_test_lab_and_its_csv(capsys, tmp_path):
    table = tmp_path / "t.csv"
    data = lab_json(capsys, "09", "--steps", "40", "--table", str(table))
    assert data["runs"] == [] and data["epochs"] is None
    results = data["view"]["results"]
    assert [r["label"] for r in results] == ["Gradient descent", "Momentum", "Adam"]
    for r in results:
        assert r["steps"] == 40 and len(r["points"]) <= 40
        costs = [c for _, c in r["points"]]
        assert r["suggested"] == pytest.approx(r["points"][costs.index(min(costs))][0] / 10)
    with open(table, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:2] == ["run", "suggested α"] and len(rows) == 4


def test_online_lab_steps_and_text(capsys):
    out = run_lab(capsys, "10", "--steps", "30")
    assert "x at step 30" in out and "average regret" in out and "best fixed point x = −1" in out


# ============================================================================ the quoted numbers

def test_vanishing_gradients_lab_numbers(capsys):
    runs = {r["label"]: r for r in lab_json(capsys, "07")["runs"]}
    small, xavier, normal, relu, bn = (runs[k] for k in (
        "Sigmoid, small random (0.01)", "Sigmoid, Xavier", "Sigmoid, N(0, 1)", "ReLU, He", "Sigmoid, Xavier + batch norm"))
    measured = [r["epoch"] for r in small["history"] if r["layers"] is not None]
    assert measured == [0, 100, 199]
    norms = {label: [x["grad_norm"] for x in first(r["history"], 0)["layers"]] for label, r in runs.items()}
    assert 1e-13 < norms[small["label"]][0] < 5e-13 and norms[small["label"]][-1] == pytest.approx(0.02, abs=0.005)
    assert small["final_cost"] == pytest.approx(0.693, abs=0.001) and small["train_accuracy"] == 0.5
    assert 5e-5 < norms[xavier["label"]][0] < 1e-4 and norms[xavier["label"]][-1] == pytest.approx(0.04, abs=0.005)
    ratios = [b / a for a, b in zip(norms[xavier["label"]][2:], norms[xavier["label"]][3:])]
    assert all(3 <= r <= 5.5 for r in ratios)                 # a factor of 3 to 5 per layer from layer 3 up
    assert xavier["train_accuracy"] == 0.5
    weights = [x["weight_norm"] for x in first(normal["history"], 0)["layers"]]
    assert all(14 < w < 18 for w in weights[1:6])
    updates = [x["update_ratio"] for x in first(normal["history"], 0)["layers"]]
    assert all(3e-4 < u < 5e-4 for u in updates[:3]) and normal["train_accuracy"] == 0.935
    assert all(0.09 <= n <= 0.245 for n in norms[relu["label"]]) and relu["train_accuracy"] == 0.9675
    assert all(0.06 <= n <= 0.41 for n in norms[bn["label"]]) and bn["train_accuracy"] == 0.96


def test_edge_of_stability_lab_numbers(capsys):
    slow, fast = lab_json(capsys, "08")["runs"]
    sharp = [r["sharpness"] for r in slow["history"] if r["sharpness"] is not None]
    assert round(sharp[0], 1) == 6.4 and round(sharp[-1], 1) == 10.0 and max(sharp) < 20
    costs = [r["cost"] for r in slow["history"]]
    assert all(b < a for a, b in zip(costs, costs[1:]))
    late = [r["sharpness"] for r in fast["history"] if r["sharpness"] is not None and r["epoch"] >= 400]
    assert round(fast["history"][0]["sharpness"], 1) == 5.7
    assert round(min(late), 3) == 4.985 and round(max(late), 3) == 5.026
    costs = [r["cost"] for r in fast["history"]]
    assert round(costs[200], 4) == 0.0425 and round(costs[-1], 4) == 0.0121
    assert sum(b > a for a, b in zip(costs, costs[1:])) == 451


def test_range_test_lab_numbers(capsys):
    results = {r["label"]: r for r in lab_json(capsys, "09")["view"]["results"]}
    gd, momentum, adam = results["Gradient descent"], results["Momentum"], results["Adam"]
    assert round(gd["points"][0][1], 4) == 0.7024
    assert round(gd["min_cost_rate"], 2) == 2.46 and round(gd["suggested"], 3) == 0.246
    assert round(adam["min_cost_rate"], 3) == 0.317 and round(adam["suggested"], 4) == 0.0317
    assert adam["status"] == "diverged" and round(adam["points"][-1][0], 1) == 8.5
    assert momentum["min_cost_rate"] == pytest.approx(10.0) and momentum["suggested"] == pytest.approx(1.0)


def test_adam_amsgrad_lab_numbers(capsys):
    adam, amsgrad, adam_default = lab_json(capsys, "10")["view"]["results"]
    assert adam["final_x"] == pytest.approx(1.0, abs=1e-9) and round(adam["average_regret"], 2) == 0.64
    assert round(amsgrad["final_x"], 3) == -0.999 and round(amsgrad["average_regret"], 3) == 0.064
    assert adam_default["x_at"]["1000"] == -1.0 and adam_default["final_x"] == -1.0


def test_weight_decay_lab_numbers(capsys):
    runs = {r["label"]: r for r in lab_json(capsys, "11")["runs"]}
    plain, l2, w_small, w_large = (runs[k] for k in (
        "Adam, no decay", "Adam + L2 (λ = 0.01)", "AdamW (λ = 0.01)", "AdamW (λ = 1)"))

    def weights(run, epoch):
        return [round(x["weight_norm"], 1) for x in first(run["history"], epoch)["layers"]]

    assert (plain["train_accuracy"], plain["test_accuracy"]) == (1.0, 0.85)
    assert weights(plain, 0)[1] == 11.4 and weights(plain, 999)[1] == 33.8
    assert weights(l2, 999) == [2.7, 3.0, 3.0] and l2["test_accuracy"] == 0.9
    assert weights(w_small, 999)[1] == 38.9 and w_small["test_accuracy"] == 0.86
    assert weights(w_large, 999)[:2] == [1.7, 13.2]


def test_every_view_lab_names_its_view():
    for name, view in (("07", "layers"), ("08", "sharpness"), ("09", "lr_range"), ("10", "online"), ("11", "layers")):
        assert lab_view(load_lab(name)).name == view
