"""SchedulePreview: α over the planned epochs, from the schedule plugin."""

import numpy as np
import pytest

from optstudio.gui.views.schedule_preview import SchedulePreview


@pytest.fixture
def view(qtbot, manager):
    v = SchedulePreview(manager)
    qtbot.addWidget(v)
    v.resize(1000, 650)
    v.show()
    return v


def test_inverse_time_gives_a_sixth_at_epoch_2(view):
    view.set_schedule("inverse-time", {"decay_rate": 1.0}, 0.5, 10, 5)
    x, rates = view.curve_data()
    assert view.sampling == "epoch"
    assert list(x) == list(range(10))
    assert rates[2] == pytest.approx(0.5 / 3)
    assert view.rate_at_epoch(2) == pytest.approx(0.16666666666666666)
    _, plotted = view.curve.getData()
    assert plotted[2] == pytest.approx(0.1666666, abs=1e-6)
    assert "decay_rate" in view.formula.text()
    assert view.combo.currentData() == "inverse-time"
    assert view.form.values()["decay_rate"] == 1.0


def test_per_step_schedule_is_sampled_every_step(view, manager):
    view.set_schedule("inverse-sqrt-step", {"k": 1.0}, 0.1, 4, 8)
    x, rates = view.curve_data()
    assert view.sampling == "step"
    assert len(rates) == 32
    assert x[8] == pytest.approx(1.0) and x[9] == pytest.approx(1.125)
    sched = manager.create_schedule("inverse-sqrt-step", {"k": 1.0})
    expected = [sched.rate(0.1, s // 8, s, []) for s in range(32)]
    np.testing.assert_allclose(rates, expected)


def test_too_many_steps_fall_back_to_one_sample_per_epoch(view):
    view.set_schedule("inverse-sqrt-step", {}, 0.1, 5000, 100)
    x, rates = view.curve_data()
    assert view.sampling == "epoch" and len(x) == 5000


def test_standalone_controls_replot(view):
    view.combo.setCurrentIndex(view.combo.findData("exponential"))
    view.form.fields["base"].setValue(0.9)
    view.initial_rate.setText("1")
    x, rates = view.curve_data()
    assert rates[3] == pytest.approx(0.9 ** 3)
    assert "base" in view.formula.text()


def test_bad_parameters_show_one_line(view):
    view.set_schedule("inverse-time", {"decay_rate": -3}, 0.5, 10, 5)
    assert view.error.isVisible()
    assert "decay_rate" in view.error.text()


def test_schedule_reacting_to_the_cost_is_explained(view):
    view.set_schedule("plateau", {}, 0.1, 50, 5)
    assert "reacts to the cost" in view.text.text()
