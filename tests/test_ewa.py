"""Exponentially weighted averages (lecture notes: temperature example, bias correction, 1/(1 − β))."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optstudio.core.ewa import effective_window, ewa, ewa_weights, explain_window, noisy_series


def test_hand_computed_values():
    # v1 = 0.5·10 = 5; v2 = 0.5·5 + 0.5·20 = 12.5; v3 = 0.5·12.5 + 0.5·30 = 21.25
    assert np.array_equal(ewa([10, 20, 30], 0.5), [5.0, 12.5, 21.25])
    # corrected: 5/0.5 = 10; 12.5/0.75 = 16.666…; 21.25/0.875 = 24.2857…
    corrected = ewa([10, 20, 30], 0.5, bias_correction=True)
    assert corrected == pytest.approx([10.0, 50.0 / 3.0, 170.0 / 7.0], rel=1e-15)
    assert corrected[1] == pytest.approx(16.666666666666668)
    assert corrected[2] == pytest.approx(24.285714285714285)


def test_notes_temperature_example_beta_09():
    # V1 = 0.1θ1, V2 = 0.9·0.1θ1 + 0.1θ2, V3 = 0.9²·0.1θ1 + 0.9·0.1θ2 + 0.1θ3
    theta = [40.0, 49.0, 45.0]
    v = ewa(theta, 0.9)
    assert v[0] == pytest.approx(4.0)
    assert v[1] == pytest.approx(0.9 * 0.1 * 40 + 0.1 * 49)
    assert v[2] == pytest.approx(0.81 * 0.1 * 40 + 0.9 * 0.1 * 49 + 0.1 * 45)


def test_bias_correction_of_a_constant_is_exact():
    theta = np.full(30, 7.0)
    assert np.allclose(ewa(theta, 0.98, bias_correction=True), 7.0, rtol=1e-13)
    raw = ewa(theta, 0.98)
    assert raw[0] == pytest.approx(0.14)  # the uncorrected curve starts far too low
    assert np.allclose(raw, 7.0 * (1 - 0.98 ** np.arange(1, 31)))


def test_weights_match_the_expanded_sum():
    theta = np.array([3.0, -1.0, 4.0, 1.0, 5.0, 9.0])
    beta = 0.8
    w = ewa_weights(beta, len(theta))
    assert w[-1] == pytest.approx(0.2) and w[0] == pytest.approx(0.2 * 0.8 ** 5)
    assert w.sum() == pytest.approx(1 - beta ** len(theta))
    assert float(w @ theta) == pytest.approx(ewa(theta, beta)[-1])
    assert ewa_weights(beta, 0).shape == (0,)


def test_beta_zero_is_the_series_itself():
    theta = [1.5, -2.0, 3.25]
    assert np.array_equal(ewa(theta, 0.0), theta)
    assert np.array_equal(ewa(theta, 0.0, bias_correction=True), theta)
    assert ewa([], 0.9).shape == (0,)


@pytest.mark.parametrize("beta, window", [(0.9, 10.0), (0.98, 50.0), (0.5, 2.0), (0.0, 1.0), (0.999, 1000.0)])
def test_effective_window(beta, window):
    assert effective_window(beta) == pytest.approx(window)


@pytest.mark.parametrize("beta", [0.9, 0.98, 0.999])
def test_window_weight_is_about_one_over_e(beta):
    assert beta ** effective_window(beta) == pytest.approx(1 / math.e, abs=0.02)


def test_explain_window():
    text = explain_window(0.9)
    assert "10 days" in text and "1/e" in text and "\n" not in text
    assert text.endswith(".")
    assert "50 days" in explain_window(0.98)
    assert "2 days" in explain_window(0.5)
    assert "no averaging" in explain_window(0.0)


@pytest.mark.parametrize("beta", [1.0, -0.1, 1.5, "x", None, math.nan, True])
def test_bad_beta(beta):
    with pytest.raises(ValueError, match="β must be"):
        ewa([1.0], beta)
    with pytest.raises(ValueError, match="β must be"):
        effective_window(beta)


def test_noisy_series():
    a = noisy_series(200, seed=0)
    assert a.shape == (200,) and np.all(np.isfinite(a))
    assert np.array_equal(a, noisy_series(200, seed=0))
    assert not np.array_equal(a, noisy_series(200, seed=1))
    assert noisy_series().shape == (200,)
    # seasonal: spring/summer warmer than January, noisy day to day
    assert a[150:200].mean() > a[:30].mean() + 5
    assert np.std(np.diff(a)) > 2
    smooth = noisy_series(200, seed=0, noise=0.0)
    assert np.std(a - smooth) == pytest.approx(3.0, rel=0.2)
    # a larger β gives a smoother curve that lags behind (shifted right)
    v50, v10 = ewa(a, 0.98, bias_correction=True), ewa(a, 0.9, bias_correction=True)
    assert np.std(np.diff(v50)) < np.std(np.diff(v10)) < np.std(np.diff(a))
    assert v50[120] < v10[120]  # temperatures are rising in spring: the long average lags
    with pytest.raises(ValueError, match="days"):
        noisy_series(0)
