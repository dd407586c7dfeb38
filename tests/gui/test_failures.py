"""Training that diverges is reported in the window, which stays usable."""


def test_divergence_is_shown_and_reset_recovers(qtbot, make_window, small_experiment, run_to_end):
    exp = small_experiment(epochs=50)
    exp.optimizer.name = "gd"
    exp.optimizer.params = {}
    exp.optimizer.learning_rate = 1e150
    window = make_window(exp)
    assert run_to_end(window) == "diverged"
    assert "diverged" in window.notice.text() and "lower learning rate" in window.notice.text()
    assert not window.start_action.isEnabled()
    assert not window.step_action.isEnabled()
    # a sensible α builds a fresh trainer (nothing trained yet means a rebuild, not a live change)
    window.optimizer_panel.learning_rate.setText("0.1")
    assert window.start_action.isEnabled()
    assert window.notice.text() == ""
    assert run_to_end(window) == "finished"


def test_build_errors_are_shown_not_raised(qtbot, make_window, small_experiment, monkeypatch):
    window = make_window(small_experiment())
    from optstudio.gui import training_page

    def broken(*_args, **_kwargs):
        raise ValueError("the data has 2 features but the network expects 3")

    monkeypatch.setattr(training_page, "build_engine", broken)
    window.reset_training()
    assert window.controller.plan is None
    assert "expects 3" in window.notice.text()
    assert not window.start_action.isEnabled()
    monkeypatch.undo()
    window.reset_training()
    assert window.controller.plan is not None and window.start_action.isEnabled()
