"""File ▸ Save as lab…: title, instructions with a live preview, locks; the file opens the same way."""

import json

from optstudio.core.experiment import Experiment, TrainingSpec
from optstudio.gui import lab_editor
from optstudio.gui.lab_editor import LabEditor
from optstudio.labs import load_lab


def _experiment():
    exp = Experiment()
    exp.data.name, exp.data.samples = "circles", 200
    exp.network.hidden, exp.network.activations = [4], ["tanh"]
    exp.optimizer.name, exp.optimizer.learning_rate = "gd", 0.2
    exp.training.epochs, exp.training.seed = 40, 5
    return exp


def _comparable(exp):
    data = exp.to_dict()
    if exp.network.loss != "mse":
        data["network"].pop("output_activation", None)
    return data


def test_the_preview_follows_the_editor(make_window, qtbot):
    window = make_window(_experiment())
    editor = LabEditor(window)
    qtbot.addWidget(editor)
    editor.title_edit.setText("Lab 3: the learning rate")
    editor.instructions.setPlainText("1. Press **Start**.\n2. Halve α.\n\n*What to look for:* the cost.")
    assert editor.preview.title.text() == "Lab 3: the learning rate"
    shown = editor.preview.shown_text()
    assert "Press Start." in shown and "**" not in shown and "What to look for: the cost." in shown
    editor.lock_boxes["training.epochs"].setChecked(True)
    editor.hide_boxes["ewa"].setChecked(True)
    assert "the number of epochs" in editor.preview.note.text()
    assert "Averages (EWA)" in editor.preview.note.text()
    editor.lock_boxes["training.epochs"].setChecked(False)
    assert "epochs" not in editor.preview.note.text()
    # a whole section makes its settings' boxes moot
    editor.lock_boxes["training.seed"].setChecked(True)
    editor.lock_boxes["training"].setChecked(True)
    assert not editor.lock_boxes["training.seed"].isEnabled()
    assert editor.lock() == ["training"]


def test_saved_lab_opens_the_same_with_load_lab_and_in_a_window(make_window, qtbot, tmp_path):
    window = make_window(_experiment())
    editor = LabEditor(window)
    qtbot.addWidget(editor)
    editor.title_edit.setText("  Gradient descent on blobs ")
    editor.instructions.setPlainText("Press Start.\n")
    editor.lock_boxes["data"].setChecked(True)
    editor.lock_boxes["optimizer.name"].setChecked(True)
    editor.hide_boxes["compare"].setChecked(True)
    written = editor.save_lab(tmp_path / "blobs_lab")
    assert written == tmp_path / "blobs_lab.json" and written.is_file()

    expected = window.experiment()
    expected.title, expected.instructions = "Gradient descent on blobs", "Press Start."
    expected.extras.update({"lock": ["data", "optimizer.name"], "hide": ["compare"]})
    loaded = load_lab(written)
    assert _comparable(loaded) == _comparable(expected)

    # every setting is in the file: a default changed in a later version does not change the lab
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["optstudio"] == 1
    assert set(data["training"]) == set(TrainingSpec.__dataclass_fields__)
    assert data["training"]["seed"] == 5 and data["data"]["data_seed"] == window.experiment().data.data_seed

    student = make_window()
    assert student.open_lab(written)
    assert _comparable(student.experiment()) == _comparable(loaded)
    assert student.lab_panel.title.text() == "Gradient descent on blobs"
    assert not student.dataset_panel.isEnabled() and not student.optimizer_panel.optimizer.isEnabled()
    assert student.optimizer_panel.learning_rate.isEnabled()
    assert not student.pages.isTabVisible(1)


def test_a_lab_needs_a_title(make_window, qtbot, tmp_path):
    window = make_window(_experiment())
    editor = LabEditor(window)
    qtbot.addWidget(editor)
    assert editor.save_lab(tmp_path / "lab.json") is None
    assert not (tmp_path / "lab.json").exists()
    assert "needs a title" in editor.error.text() and "\n" not in editor.error.text()


def test_an_unwritable_place_is_one_line(make_window, qtbot, tmp_path):
    window = make_window(_experiment())
    editor = LabEditor(window)
    qtbot.addWidget(editor)
    editor.title_edit.setText("T")
    assert editor.save_lab(tmp_path / "missing" / "lab.json") is None
    assert editor.error.text().startswith("Cannot write") and "\n" not in editor.error.text()


def test_what_cannot_travel_is_named(make_window, qtbot, tmp_path):
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,y\n" + "\n".join(f"{i},{i % 3},{i % 2}" for i in range(40)) + "\n")
    exp = Experiment()
    exp.data.name = str(csv)
    window = make_window(exp, wait=False)
    editor = LabEditor(window)
    qtbot.addWidget(editor)
    assert str(csv) in editor.warnings.text() and not editor.warnings.isHidden()
    plain = LabEditor(make_window(_experiment(), wait=False))
    qtbot.addWidget(plain)
    assert plain.warnings.text() == ""


def test_the_file_menu_action_and_save_button(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window(_experiment())
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert window.save_lab_action in file_menu.actions()
    monkeypatch.setattr(LabEditor, "exec", lambda self: 0)
    window.save_lab_action.trigger()
    editor = window.lab_editor
    qtbot.addWidget(editor)
    editor.title_edit.setText("My lab")
    target = tmp_path / "my_lab.json"
    monkeypatch.setattr(lab_editor.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(editor.accepted, timeout=5000):
        editor._on_save()
    assert load_lab(target).title == "My lab"


def test_the_page_of_a_labs_runs_cannot_be_hidden(make_window, qtbot):
    exp = _experiment()
    exp.runs = [{"label": "GD"}, {"label": "Adam", "optimizer": {"name": "adam", "learning_rate": 0.01}}]
    editor = LabEditor(make_window(exp, wait=False))
    qtbot.addWidget(editor)
    assert not editor.hide_boxes["compare"].isEnabled() and editor.hide_boxes["sweep"].isEnabled()
    editor.title_edit.setText("Runs")
    editor.hide_boxes["compare"].setChecked(True)      # (a disabled box is not written)
    assert "compare" not in editor.experiment().extras.get("hide", [])


def test_an_edited_text_drops_its_translation_and_keeps_the_others():
    from optstudio.core.experiment import Experiment
    from optstudio.gui.lab_editor import lab_experiment

    base = Experiment(title="Lab", instructions="Do this.",
                      translations={"zh_CN": {"title": "实验", "instructions": "这样做。"}})
    same = lab_experiment(base, "Lab", "Do this.")
    assert same.translations == {"zh_CN": {"title": "实验", "instructions": "这样做。"}}
    edited = lab_experiment(base, "Lab", "Do that instead.")
    assert edited.translations == {"zh_CN": {"title": "实验"}}
    both = lab_experiment(base, "New lab", "Do that instead.")
    assert both.translations == {}
    assert base.translations == {"zh_CN": {"title": "实验", "instructions": "这样做。"}}
