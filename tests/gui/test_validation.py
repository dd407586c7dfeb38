"""Invalid input is refused inline (red frame + message) and Start is disabled meanwhile."""

import pytest


def _has_red_frame(widget) -> bool:
    return bool(widget.property("invalid"))


@pytest.mark.parametrize("text", ["abc", "-1", "0", "", "1e400"])
def test_bad_learning_rate_disables_start(make_window, small_experiment, text):
    window = make_window(small_experiment())
    panel = window.optimizer_panel
    assert window.start_action.isEnabled()
    panel.learning_rate.setText(text)
    assert not panel.learning_rate.is_valid()
    assert _has_red_frame(panel.learning_rate)
    error = panel.lr_row.error_label
    assert not error.isHidden() and error.text()
    assert not window.start_action.isEnabled()
    assert not window.step_action.isEnabled()
    assert "learning rate" in window.start_action.toolTip()
    # fixing it enables Start again; scientific notation is fine
    panel.learning_rate.setText("7e-4")
    assert panel.learning_rate.is_valid() and panel.learning_rate.value() == pytest.approx(7e-4)
    assert not _has_red_frame(panel.learning_rate)
    assert error.isHidden()
    assert window.start_action.isEnabled()
    assert window.experiment().optimizer.learning_rate == pytest.approx(7e-4)


def test_learning_rate_accepts_plain_and_scientific(make_window, small_experiment):
    window = make_window(small_experiment())
    edit = window.optimizer_panel.learning_rate
    for text, value in (("0.0007", 7e-4), ("7E-4", 7e-4), ("0,5", 0.5), ("1e-8", 1e-8)):
        edit.setText(text)
        assert edit.is_valid() and edit.value() == pytest.approx(value)


def test_out_of_range_hyperparameter_is_refused(make_window, small_experiment):
    window = make_window(small_experiment())
    form = window.optimizer_panel.form                  # adam
    beta1 = form.fields["beta1"]
    beta1.lineEdit().setText("1.5")
    assert not beta1.is_valid()
    assert _has_red_frame(beta1)
    assert "0.9999" in form.rows["beta1"].error_label.text()
    assert not window.start_action.isEnabled()
    beta1.lineEdit().setText("0.8")
    assert window.start_action.isEnabled()
    assert window.experiment().optimizer.params["beta1"] == pytest.approx(0.8)


def test_letters_cannot_be_typed_into_number_fields(qtbot, make_window, small_experiment):
    window = make_window(small_experiment())
    eps = window.optimizer_panel.form.fields["epsilon"]
    assert eps.text() == "1e-8"                          # readable, not 0.00000001000
    eps.lineEdit().selectAll()
    qtbot.keyClicks(eps.lineEdit(), "abc")
    assert "a" not in eps.text()


def test_log_scale_field_steps_multiplicatively(make_window, small_experiment):
    window = make_window(small_experiment())
    eps = window.optimizer_panel.form.fields["epsilon"]
    eps.setValue(1e-8)
    eps.stepBy(1)
    assert eps.value() == pytest.approx(2e-8)
    eps.stepBy(1)
    assert eps.value() == pytest.approx(5e-8)
    eps.stepBy(-3)
    assert eps.value() == pytest.approx(5e-9)


def test_bad_data_option_shows_inline_error_not_a_crash(qtbot, make_window, small_experiment):
    window = make_window(small_experiment())
    window.dataset_panel.classes.setText("7")            # moons has classes 0 and 1 only
    qtbot.waitUntil(lambda: window.dataset_panel.error.isVisible(), timeout=10000)
    assert "class" in window.dataset_panel.error.text()
    assert window.controller.plan is None
    assert not window.start_action.isEnabled()
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.dataset_panel.classes.setText("")
    assert not window.dataset_panel.error.isVisible()
    assert window.start_action.isEnabled()


def test_missing_data_file_shows_inline_error(qtbot, make_window, small_experiment, tmp_path):
    window = make_window(small_experiment())
    window.dataset_panel.open_file(str(tmp_path / "nope.csv"))
    qtbot.waitUntil(lambda: window.dataset_panel.error.isVisible(), timeout=10000)
    assert "nope.csv" in window.dataset_panel.error.text()
    assert not window.start_action.isEnabled()


def test_csv_file_loads(qtbot, make_window, small_experiment, tmp_path):
    path = tmp_path / "points.csv"
    rows = ["x,y,label"] + [f"{i % 7},{(i * 3) % 5},{i % 2}" for i in range(40)]
    path.write_text("\n".join(rows) + "\n")
    window = make_window(small_experiment())
    with qtbot.waitSignal(window.dataReady, timeout=10000):
        window.dataset_panel.open_file(str(path))
    assert window.data.dataset.m_train + window.data.dataset.m_test == 40
    assert "points.csv" in window.dataset_panel.combo.currentText()
    assert window.experiment().data.name == str(path)


def test_every_field_has_a_tooltip(make_window, small_experiment):
    from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit

    window = make_window(small_experiment())
    missing = []
    for panel in (window.dataset_panel, window.network_panel, window.optimizer_panel):
        for cls in (QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit):
            for widget in panel.findChildren(cls):
                if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
                    continue                                  # the editor inside a spin box
                if not widget.toolTip().strip():
                    missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(panel).__name__}")
    assert not missing, missing


def test_formulas_are_shown(make_window, small_experiment):
    window = make_window(small_experiment())
    panel = window.optimizer_panel
    info = window.manager.optimizers["adam"]
    assert panel.formula.text() == info.formula.strip()
    assert panel.schedule_formula.text() == window.manager.schedules["constant"].formula.strip()
    panel.select_optimizer("momentum")
    assert panel.formula.text() == window.manager.optimizers["momentum"].formula.strip()
    assert panel.learning_rate.value() == window.manager.optimizers["momentum"].default_learning_rate
