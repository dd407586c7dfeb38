"""Cost-curve measurements."""

import math

from optstudio.core.analysis import cost_shape, epochs_to_reach, oscillation_index


def test_monotone_curve_is_smooth():
    costs = [1 / (1 + i) for i in range(200)]
    assert oscillation_index(costs) == 0.0
    assert cost_shape(costs) == "smooth"


def test_zig_zag_curve_oscillates():
    costs = [1 / (1 + i) + (0.5 if i % 2 else 0.0) for i in range(200)]
    assert oscillation_index(costs) > 0.2
    assert cost_shape(costs) == "oscillating"


def test_short_or_nan_curves():
    assert cost_shape([1.0, 0.5]) == "n/a"
    assert cost_shape([1.0, math.nan, math.nan]) == "n/a"


def test_epochs_to_reach():
    assert epochs_to_reach([0.9, 0.7, 0.5, 0.6], 0.7) == 2
    assert epochs_to_reach([0.9, 0.8], 0.1) is None
