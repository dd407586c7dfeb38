"""Locked settings and hidden views in lab files (the "lock" and "hide" sections)."""

import json
from pathlib import Path

import pytest

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.lab_lock import lock_mark
from optstudio.gui.pages import PAGES, VIEW_KEYS
from optstudio.labs import HIDE_NAMES, LOCK_NAMES, LabControls, lab_controls, load_lab

ROOT = Path(__file__).resolve().parents[2]


def _lab(tmp_path, **extra) -> Path:
    exp = Experiment(title="Only the learning rate", instructions="Change α and press Start.")
    exp.training.epochs = 30
    data = exp.to_dict()
    data.update(extra)
    path = tmp_path / "lab.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# ------------------------------------------------------------------ the file format (optstudio.labs)
def test_names_are_checked_and_ordered(tmp_path):
    exp = load_lab(_lab(tmp_path, lock=["training.epochs", "data"], hide=["ewa", "compare"]))
    controls = lab_controls(exp)
    assert controls == LabControls(("data", "training.epochs"), ("compare", "ewa"))
    assert controls.locked("data") and controls.locked("data.samples") and controls.locked("training.epochs")
    assert not controls.locked("training.seed") and not controls.locked("network")
    assert not lab_controls(Experiment())


@pytest.mark.parametrize("extra, words", [
    ({"lock": ["netwrk"]}, "lock: unknown name 'netwrk' (known: data, network,"),
    ({"lock": "data"}, "lock must be a list of names"),
    ({"lock": [1]}, "lock must be a list of names"),
    ({"hide": ["training"]}, "hide: unknown name 'training'"),
    ({"hide": ["compare"], "runs": [{"label": "GD", "optimizer": {"name": "gd"}}]}, "'compare' is where this lab's runs"),
    ({"hide": ["trajectory"], "trajectory": {"functions": ["ellipse"], "runs": [{"optimizer": "gd"}]}},
     "'trajectory' is where"),
])
def test_bad_lists_are_one_line_errors(tmp_path, extra, words):
    with pytest.raises(ExperimentError) as info:
        load_lab(_lab(tmp_path, **extra))
    message = str(info.value)
    assert words in message and "\n" not in message and message.startswith("'lab.json'")


def test_a_sweep_labs_page_cannot_be_hidden(tmp_path):
    from optstudio.core.experiment import read_settings_file
    from optstudio.labs import find_lab

    data = read_settings_file(find_lab("12"))
    assert "sweep" in data
    data["hide"] = ["sweep"]
    path = tmp_path / "sweep_lab.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExperimentError, match="'sweep' is where this lab's sweep section is shown"):
        load_lab(path)


def test_readme_documents_every_name():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    labs = readme[readme.index("## Labs"):readme.index("## Command line")]
    for name in [*LOCK_NAMES, *HIDE_NAMES]:
        assert f"`{name}`" in labs, name


# ------------------------------------------------------------------ the window
def test_every_name_has_its_controls(make_window):
    window = make_window(wait=False)
    for name in LOCK_NAMES:
        assert window.lab_lock.widgets(name), name
    # every view of the View menu can be hidden, and every hide name is a view or page
    assert {key for key, *_ in VIEW_KEYS} <= set(HIDE_NAMES) <= {key for key, *_ in VIEW_KEYS} | set(PAGES)
    assert "training" not in HIDE_NAMES


def test_a_lab_locks_and_hides_and_file_new_gives_everything_back(make_window, tmp_path):
    window = make_window()
    o, n = window.optimizer_panel, window.network_panel
    lab = _lab(tmp_path, lock=["network", "optimizer.name", "training.mini_batch_size", "schedule"],
               hide=["compare", "confusion", "ewa"])
    assert window.open_lab(lab)
    # the fixed fields: disabled, with a lock in the tooltip
    for widget in (n, o.optimizer, o.batch, o.schedule):
        assert not widget.isEnabled()
    assert o.batch.toolTip().startswith(f"{lock_mark()}Fixed by this lab: the mini-batch size.")
    # the others: still the student's
    for widget in (o.learning_rate, o.epochs, o.seed, window.dataset_panel):
        assert widget.isEnabled()
    # the note and the section titles say what the lab fixed
    note = window.lab_panel.note.text()
    assert "the network" in note and "the optimizer" in note and "the mini-batch size" in note
    assert "Compare optimizers" in note and "Confusion matrix" in note and "File ▸ New" in note
    assert window.network_section.header.text() == f"Network {lock_mark()}(fixed)"
    assert window.optimizer_section.header.text() == f"Optimizer and training {lock_mark()}(part fixed)"
    assert window.dataset_section.header.text() == "Dataset"
    assert "the mini-batch size" in window.optimizer_section.header.toolTip()
    # the marks do not widen the settings column
    assert window.scroll.widget().width() <= window.scroll.viewport().width()
    # hidden: tabs and View menu entries
    assert not window.pages.isTabVisible(PAGES["compare"]) and not window.pages.isTabVisible(PAGES["ewa"])
    assert not window.training_page.views.isTabVisible(2)
    assert not window.view_actions["compare"].isVisible() and not window.view_actions["compare"].isEnabled()
    assert window.pages.isTabVisible(PAGES["inside"])
    # a change the student may make still reaches the settings
    o.learning_rate.setText("0.5")
    o.learning_rate.editingFinished.emit()
    assert window.settings.learning_rate == 0.5

    window._on_new()                                  # File ▸ New closes the lab
    for widget in (n, o.optimizer, o.batch, o.schedule, window.dataset_panel):
        assert widget.isEnabled()
    assert "Fixed by this lab" not in o.batch.toolTip()
    assert window.lab_panel.note.text() == "" and not window.lab_section.isVisibleTo(window)
    assert window.network_section.header.text() == "Network"
    assert all(window.pages.isTabVisible(i) for i in range(len(PAGES)))
    assert all(window.training_page.views.isTabVisible(i) for i in range(3))
    assert all(a.isVisible() and a.isEnabled() for a in window.view_actions.values())


def test_the_sweep_page_can_be_hidden(make_window, tmp_path):
    window = make_window()
    assert window.open_lab(_lab(tmp_path, hide=["sweep"]))
    assert not window.pages.isTabVisible(PAGES["sweep"]) and not window.sweep_action.isVisible()
    window._on_new()
    assert window.pages.isTabVisible(PAGES["sweep"]) and window.sweep_action.isEnabled()


def test_a_hidden_current_page_gives_way_to_training(make_window, tmp_path):
    window = make_window()
    window.show_view("confusion")
    window.show_view("ewa")
    assert window.open_lab(_lab(tmp_path, hide=["ewa", "confusion"]))
    assert window.current_page == "training"
    assert window.training_page.views.currentIndex() != 2


def test_a_bad_list_in_an_experiment_file_is_a_notice_not_a_lock(make_window, tmp_path):
    window = make_window()
    assert window.open_experiment(_lab(tmp_path, lock=["nothing"]))
    assert window.optimizer_panel.isEnabled() and window.dataset_panel.isEnabled()
    assert "nothing" in window.notice.text()
