"""Experiments round-trip through the widgets and files; bad files give a message, not a crash."""

import json

import pytest

from optstudio.core.experiment import Experiment


def _custom_experiment() -> Experiment:
    exp = Experiment(title="Lab 3: momentum", instructions="Try **β = 0.8**, then β = 0.99.\n\nWhat changes?")
    exp.data.name = "circles"
    exp.data.samples = 240
    exp.data.noise = 0.1
    exp.data.factor = 0.4
    exp.data.data_seed = 5
    exp.data.test_fraction = 0.25
    exp.data.standardize = True
    exp.network.hidden = [8, 4]
    exp.network.activations = ["tanh", "leaky_relu"]
    exp.network.init = "xavier"
    exp.network.l2 = 0.01
    exp.optimizer.name = "momentum"
    exp.optimizer.learning_rate = 0.05
    exp.optimizer.params = {"beta": 0.8, "form": "sum"}
    exp.schedule.name = "inverse-time"
    exp.schedule.params = {"decay_rate": 0.5}
    exp.training.mini_batch_size = 32
    exp.training.epochs = 123
    exp.training.seed = 7
    exp.runs = [{"label": "Adam", "optimizer": {"name": "adam"}}]
    return exp


def _normalised(exp: Experiment) -> dict:
    from optstudio.plugins.manager import get_plugin_manager
    from optstudio.plugins.types import validate_params

    d = exp.to_dict()
    m = get_plugin_manager()
    d["optimizer"]["params"] = validate_params(m.optimizers[exp.optimizer.name].params, exp.optimizer.params, "o")
    d["schedule"]["params"] = validate_params(m.schedules[exp.schedule.name].params, exp.schedule.params, "s")
    return d


def test_widgets_round_trip_every_setting(make_window):
    exp = _custom_experiment()
    window = make_window(exp)
    assert _normalised(window.experiment()) == _normalised(exp)
    assert window.network_panel.layer_dims() == [2, 8, 4, 1]


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_save_and_open_round_trip(qtbot, make_window, tmp_path, suffix):
    exp = _custom_experiment()
    window = make_window(exp)
    path = tmp_path / f"lab{suffix}"
    assert window.save_experiment(path)
    assert path.is_file()
    other = make_window()                                  # the default experiment
    assert other.experiment().optimizer.name == "adam"
    with qtbot.waitSignal(other.dataReady, timeout=10000):
        assert other.open_experiment(path)
    assert _normalised(other.experiment()) == _normalised(exp)
    assert path.name in other.windowTitle()
    assert _normalised(Experiment.load(path)) == _normalised(exp)


def test_lab_instructions_are_shown(make_window):
    window = make_window(_custom_experiment())
    assert not window.lab_section.isHidden()
    assert window.lab_panel.title.text() == "Lab 3: momentum"
    assert "β = 0.8" in window.lab_panel.text()
    assert "Lab 3: momentum" in window.windowTitle()
    plain = make_window()
    assert plain.lab_section.isHidden()


@pytest.mark.parametrize("content, expected", [
    ("{not json", "not valid JSON"),
    ('{"hello": "world"}', "not an OptStudio experiment"),
    ('{"optstudio": 1, "optimizer": {"name": "no-such-optimizer"}}', "no-such-optimizer"),
    ('{"optstudio": 1, "network": {"hidden": [0]}}', "hidden"),
    ('[1, 2, 3]', "table"),
])
def test_bad_files_show_a_message_and_keep_the_window(qtbot, make_window, small_experiment, tmp_path,
                                                     content, expected, run_to_end):
    window = make_window(small_experiment(epochs=5))
    before = window.experiment().to_dict()
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert not window.open_experiment(path)
    box = window.last_message
    assert box is not None and box.isVisible()
    assert expected in box.text()
    assert "Traceback" not in box.text()
    box.close()
    assert window.experiment().to_dict() == before
    assert run_to_end(window) == "finished"                  # still usable


def test_binary_file_is_refused(make_window, tmp_path):
    window = make_window()
    path = tmp_path / "image.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage\xff\xfe")
    assert not window.open_experiment(path)
    assert window.last_message.isVisible()
    window.last_message.close()


def test_export_plots_and_history(qtbot, make_window, small_experiment, tmp_path, run_to_end):
    window = make_window(small_experiment(epochs=10))
    assert not window.export_history(tmp_path / "empty.csv")    # nothing trained yet
    window.last_message.close()
    run_to_end(window)
    for key in ("boundary", "cost", "accuracy", "learning_rate"):
        png, svg = tmp_path / f"{key}.png", tmp_path / f"{key}.svg"
        assert window.export_plot(key, png)
        assert window.export_plot(key, svg)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in svg.read_text(encoding="utf-8")
    csv = tmp_path / "history.csv"
    assert window.export_history(csv)
    lines = csv.read_text().splitlines()
    assert lines[0].startswith("epoch,cost") and len(lines) == 11


def test_layout_and_last_experiment_are_restored(qtbot, make_window, tmp_path):
    from optstudio.gui.settings import settings_path

    window = make_window(restore=True, remember=True)
    window.optimizer_panel.select_optimizer("rmsprop")
    window.optimizer_panel.learning_rate.setText("0.0042")
    window.network_panel.add_layer(7, "tanh")
    window.main_splitter.setSizes([420, 860])
    window.training_page.views.setCurrentIndex(2)
    sizes = window.main_splitter.sizes()
    window.close()
    assert settings_path().is_file()
    again = make_window(restore=True, remember=True)
    exp = again.experiment()
    assert exp.optimizer.name == "rmsprop" and exp.optimizer.learning_rate == pytest.approx(0.0042)
    assert exp.network.hidden == [5, 2, 7]
    assert again.main_splitter.sizes() == sizes
    assert again.training_page.views.currentIndex() == 2


def test_corrupt_stored_experiment_is_ignored(make_window):
    from optstudio.gui.settings import open_settings

    settings = open_settings()
    settings.setValue("session/experiment", '{"optstudio": 1, "optimizer": {"name": "gone"}}')
    settings.setValue("window/geometry", "rubbish")
    settings.sync()
    window = make_window(restore=True)
    assert _normalised(window.experiment()) == _normalised(Experiment())
    settings.setValue("session/experiment", "{{{{")
    settings.sync()
    window2 = make_window(restore=True)
    assert window2.experiment().optimizer.name == "adam"


def test_new_and_notebook_preset(qtbot, make_window):
    window = make_window(_custom_experiment())
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.notebook_action.trigger()
    exp = window.experiment()
    assert exp.training.preset == "notebook" and exp.data.preset == "notebook"
    assert exp.optimizer.learning_rate == pytest.approx(0.0007)
    assert window.network_panel.layer_dims() == [2, 5, 2, 1]
    assert not window.lab_section.isHidden()
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.new_action.trigger()
    assert _normalised(window.experiment()) == _normalised(Experiment())
    assert window.lab_section.isHidden()


def test_saved_file_is_plain_json(make_window, tmp_path):
    window = make_window()
    path = tmp_path / "x.json"
    window.save_experiment(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["optstudio"] == 1 and data["optimizer"]["name"] == "adam"
