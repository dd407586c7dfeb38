"""EwaView: the notes' temperature example."""

import numpy as np
import pytest

from optstudio.core.ewa import ewa, noisy_series
from optstudio.gui.views.ewa_view import DAYS, FIXED_BETAS, EwaView


@pytest.fixture
def view(qtbot):
    v = EwaView()
    qtbot.addWidget(v)
    v.resize(1000, 650)
    v.show()
    return v


def test_curve_is_ewa_of_the_slider_beta(view):
    theta = noisy_series(DAYS, 0)
    view.slider.setValue(900)
    assert view.beta() == pytest.approx(0.9)
    x, y = view.curve_data()
    np.testing.assert_array_equal(x, np.arange(1, DAYS + 1))
    np.testing.assert_allclose(y, ewa(theta, 0.9, False))
    for beta in FIXED_BETAS:
        _, fy = view.fixed_curves[beta].getData()
        np.testing.assert_allclose(fy, ewa(theta, beta, False))
    assert "10 days" in view.text.text()
    assert "1/(1 − β) = 10" in view.beta_label.text()


def test_bias_correction_changes_the_early_values(view):
    theta = noisy_series(DAYS, 0)
    view.set_beta(0.98)
    _, before = view.curve_data()
    view.bias.setChecked(True)
    _, after = view.curve_data()
    np.testing.assert_allclose(after, ewa(theta, 0.98, True))
    assert after[0] == pytest.approx(theta[0])                 # day 1 is θ_1 itself
    assert abs(after[0] - before[0]) > 1.0                     # the start is corrected a lot…
    assert after[-1] == pytest.approx(before[-1], rel=0.05)    # …the end hardly
    _, uncorrected = view.uncorrected.getData()
    np.testing.assert_allclose(uncorrected, before)
    assert "Bias correction on" in view.text.text()


def test_window_marker_follows_beta(view):
    view.set_beta(0.95)
    assert view.window_line.value() == pytest.approx(20.0)
    view.seed_box.setValue(3)
    _, y = view.curve_data()
    np.testing.assert_allclose(y, ewa(noisy_series(DAYS, 3), 0.95, False))
