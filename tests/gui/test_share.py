"""Share as text: Edit ▸ Copy experiment as text / Paste experiment, through the clipboard."""

import base64
import json
import re
import zlib

import pytest
from PySide6.QtGui import QGuiApplication

from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.share import PREFIX, experiment_from_text, experiment_to_text


def _experiment():
    exp = Experiment(title="Momentum on circles", instructions="1. Press **Start**.\n2. Change β.")
    exp.data.name, exp.data.samples, exp.data.noise = "circles", 240, 0.1
    exp.network.hidden, exp.network.activations = [6, 3], ["tanh", "relu"]
    exp.optimizer.name, exp.optimizer.learning_rate, exp.optimizer.params = "momentum", 0.05, {"beta": 0.8}
    exp.training.mini_batch_size, exp.training.epochs, exp.training.seed = 32, 150, 7
    exp.extras["lock"] = ["data"]
    return exp


def test_copy_and_paste_round_trip_through_the_clipboard(make_window):
    source = make_window(_experiment())
    target = make_window()
    assert target.experiment().to_dict() != source.experiment().to_dict()
    QGuiApplication.clipboard().setText("")
    source.copy_text_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert "\n" not in text and text.startswith(PREFIX)
    assert re.fullmatch(r"optstudio1:[A-Za-z0-9_-]+", text)
    # what the line holds: the settings' JSON, compressed, in URL-safe base64
    payload = text[len(PREFIX):]
    data = json.loads(zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    assert data == source.experiment().to_dict()
    assert target.paste_text_action.isEnabled()
    target.paste_text_action.trigger()
    assert target.experiment().to_dict() == source.experiment().to_dict()
    assert target.lab_panel.title.text() == "Momentum on circles"
    assert not target.dataset_panel.isEnabled()          # the lock travels with it
    assert target.path is None


@pytest.mark.parametrize("mangle", [
    lambda t: f"Here is today's lab: {t} (paste it into OptStudio).",
    lambda t: "\n".join(t[i:i + 40] for i in range(0, len(t), 40)),      # a chat broke the line
    lambda t: t[:30] + " \u200b" + t[30:] + ".",                          # a space, a zero-width space, a dot
    lambda t: "O" + t[1:],                                                # a slide's capital first letter
])
def test_what_chats_do_to_a_line_is_forgiven(mangle):
    exp = _experiment()
    assert experiment_from_text(mangle(experiment_to_text(exp))).to_dict() == exp.to_dict()


def test_dashes_made_by_a_word_processor_are_undone():
    exp = _experiment()
    for seed in range(60):                     # find a line with "--" in it
        exp.training.seed = seed
        line = experiment_to_text(exp)
        if "--" in line:
            break
    assert "--" in line
    for dash in ("\u2013", "\u2014"):
        assert experiment_from_text(line.replace("--", dash)).to_dict() == exp.to_dict()


def test_a_whole_json_file_can_be_pasted():
    exp = _experiment()
    assert experiment_from_text(json.dumps(exp.to_dict(), indent=2)).to_dict() == exp.to_dict()


@pytest.mark.parametrize("text, words", [
    ("", "no text"),
    ("hello there", "not an OptStudio experiment"),
    ("optstudio1:", "no experiment after"),
    ("optstudio1:@@@@", "no experiment after"),
    ("optstudio1:AAAA", "not a whole OptStudio line"),
    ("{\"optstudio\": 1, \"optimizer\": {\"learning_rate\": -1}}", "learning rate"),
    ("{not json", "not valid JSON"),
])
def test_bad_text_is_one_line(text, words):
    with pytest.raises(ExperimentError) as info:
        experiment_from_text(text)
    assert words in str(info.value) and "\n" not in str(info.value)


def test_a_cut_line_is_one_line():
    line = experiment_to_text(_experiment())
    with pytest.raises(ExperimentError, match="cut short|not a whole"):
        experiment_from_text(line[:len(line) // 2])


def test_a_line_that_unpacks_to_too_much_is_refused(monkeypatch):
    import optstudio.gui.share as share
    monkeypatch.setattr(share, "MAX_FILE_BYTES", 1000)
    packed = base64.urlsafe_b64encode(zlib.compress(b" " * 100_000)).decode().rstrip("=")
    with pytest.raises(ExperimentError, match="more than"):
        experiment_from_text(PREFIX + packed)


def test_pasting_bad_text_changes_nothing(make_window):
    window = make_window(_experiment())
    before = window.experiment().to_dict()
    QGuiApplication.clipboard().setText("optstudio1:not-an-experiment")
    window.paste_text_action.trigger()
    assert window.experiment().to_dict() == before
    message = window.last_message
    assert message is not None and message.windowTitle() == "Cannot paste the experiment"
    assert "\n" not in message.text()
    message.close()


def test_an_unknown_optimizer_is_a_message_and_nothing_changes(make_window):
    window = make_window()
    before = window.experiment().to_dict()
    exp = Experiment()
    exp.optimizer.name = "adamm"
    QGuiApplication.clipboard().setText(experiment_to_text(exp))
    window.paste_text_action.trigger()
    assert window.experiment().to_dict() == before
    assert "adamm" in window.last_message.text()
    window.last_message.close()
