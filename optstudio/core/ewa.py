"""Exponentially weighted averages, as in the lecture notes' temperature example.

    v_0 = 0
    v_t = β·v_{t−1} + (1 − β)·θ_t
        = (1 − β)·θ_t + (1 − β)·β·θ_{t−1} + … + (1 − β)·β^{t−1}·θ_1
    bias correction: v_t/(1 − β^t)

β = 0.9 averages over roughly the last 1/(1 − β) = 10 days, β = 0.98 over 50, β = 0.5 over 2,
because the weight of a value 1/(1 − β) days old is β^{1/(1−β)} ≈ 1/e of today's.

numpy only: no Qt here.
"""

from __future__ import annotations

import math

import numpy as np

from optstudio.core.i18n import translate

__all__ = ["noisy_series", "ewa", "ewa_weights", "effective_window", "explain_window"]


def _check_beta(beta: float) -> float:
    try:
        value = float(beta)
    except (TypeError, ValueError):
        raise ValueError(translate("ewa", "β must be a number in [0, 1), got {value}").format(value=repr(beta))) from None
    if isinstance(beta, bool) or not (0.0 <= value < 1.0):
        raise ValueError(translate("ewa", "β must be a number in [0, 1), got {value}").format(value=repr(beta)))
    return value


def noisy_series(days: int = 200, seed: int = 0, *, mean: float = 11.0, amplitude: float = 8.0,
                 noise: float = 3.0) -> np.ndarray:
    """A daily-temperature-like series θ_1 … θ_days in °C, starting on 1 January.

    A seasonal sine (coldest mid-January, warmest mid-July, like London) plus Gaussian noise of
    standard deviation ``noise`` from ``np.random.default_rng(seed)``. Day t is element t − 1.
    """
    if isinstance(days, bool) or not isinstance(days, (int, np.integer)) or days < 1:
        raise ValueError(translate("ewa", "days must be a whole number ≥ 1, got {value}").format(value=repr(days)))
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(translate("ewa", "noise must be a number ≥ 0, got {value}").format(value=repr(noise)))
    rng = np.random.default_rng(seed)
    t = np.arange(1, int(days) + 1, dtype=float)
    seasonal = mean - amplitude * np.cos(2.0 * math.pi * (t - 15.0) / 365.0)
    return seasonal + noise * rng.standard_normal(int(days))


def ewa(theta, beta: float, bias_correction: bool = False) -> np.ndarray:
    """v_1 … v_n of ``theta`` (1-D) with v_0 = 0; divided by (1 − β^t) with ``bias_correction``."""
    b = _check_beta(beta)
    data = np.asarray(theta, dtype=float)
    if data.ndim != 1:
        raise ValueError(f"theta must be a 1-D sequence of numbers, got shape {data.shape}")
    out = np.empty_like(data)
    v = 0.0
    c = 1.0 - b
    for i, value in enumerate(data.tolist()):
        v = b * v + c * value
        out[i] = v
    if bias_correction and data.size:
        t = np.arange(1, data.size + 1, dtype=float)
        out /= 1.0 - b ** t
    return out


def ewa_weights(beta: float, t: int) -> np.ndarray:
    """The weights (1 − β)·β^{t−k} that v_t gives θ_1 … θ_t (element k − 1 is θ_k's weight).

    They sum to 1 − β^t (the missing β^t is what bias correction puts back).
    """
    b = _check_beta(beta)
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or t < 0:
        raise ValueError(f"t must be a whole number ≥ 0, got {t!r}")
    ages = np.arange(int(t) - 1, -1, -1, dtype=float)
    return (1.0 - b) * b ** ages


def effective_window(beta: float) -> float:
    """1/(1 − β): about how many recent values the average covers (0.9 → 10, 0.98 → 50)."""
    return 1.0 / (1.0 - _check_beta(beta))


def explain_window(beta: float) -> str:
    """One plain-English sentence on what β means for the average."""
    b = _check_beta(beta)
    n = effective_window(b)
    if b == 0.0:
        return "With β = 0 there is no averaging at all: v_t is just today's value θ_t."
    weight = b ** n
    days = _fmt_days(n)
    return (f"With β = {b:g} the average mostly covers the last 1/(1 − β) ≈ {days} days: a value "
            f"{days} days old is weighted by β^{days} ≈ {weight:.2f} of today's (close to "
            f"1/e ≈ 0.37 when β is near 1), and older values count less and less.")


def _fmt_days(n: float) -> str:
    rounded = round(n, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}"
