"""Tests of the built-in learning-rate schedules (optstudio/plugins/builtin_schedules.py)."""

from __future__ import annotations

import math

import pluggy
import pytest
import numpy as np

import optstudio.plugins.hookspecs as hookspecs
from optstudio.plugins import builtin_schedules as bs
from optstudio.plugins.types import ParamSpec, Schedule, ScheduleInfo

NAMES = ("constant", "inverse-time", "fixed-interval", "exponential", "inverse-sqrt",
         "inverse-sqrt-step", "step", "cosine", "plateau")


@pytest.fixture(scope="module")
def infos() -> dict[str, ScheduleInfo]:
    return {info.name: info for info in bs.optstudio_schedules()}


def rates(schedule, initial, epochs, costs=()):
    return [schedule.rate(initial, e, 0, list(costs)) for e in epochs]


# ---------------------------------------------------------------------------------------------
# The course's worked values
# ---------------------------------------------------------------------------------------------


def test_inverse_time_worked_value(infos):
    # update_lr(learning_rate0=0.5, epoch_num=2, decay_rate=1) = 0.16666…
    schedule = infos["inverse-time"].create(decay_rate=1)
    assert schedule.rate(0.5, 2, 0, []) == pytest.approx(0.16666666666666666, rel=1e-15)
    assert schedule.rate(0.5, 0, 0, []) == 0.5


def test_fixed_interval_worked_value(infos):
    # schedule_lr_decay(learning_rate0=0.5, epoch_num=100, decay_rate=0.3, time_interval=100) = 0.384615…
    schedule = infos["fixed-interval"].create(decay_rate=0.3, time_interval=100)
    assert schedule.rate(0.5, 100, 0, []) == pytest.approx(0.38461538461538464, rel=1e-15)
    assert schedule.rate(0.5, 99, 0, []) == 0.5
    assert schedule.rate(0.5, 199, 0, []) == pytest.approx(0.5 / 1.3)
    assert schedule.rate(0.5, 200, 0, []) == pytest.approx(0.5 / 1.6)


def test_fixed_interval_defaults(infos):
    schedule = infos["fixed-interval"].create()
    assert schedule.rate(0.1, 999, 0, []) == 0.1
    assert schedule.rate(0.1, 1000, 0, []) == pytest.approx(0.05)


# ---------------------------------------------------------------------------------------------
# Each schedule's behaviour
# ---------------------------------------------------------------------------------------------


def test_constant(infos):
    schedule = infos["constant"].create()
    assert rates(schedule, 0.01, [0, 1, 100, 10_000]) == [0.01] * 4
    assert schedule.rate(0.01, 5, 1234, [1.0, 2.0]) == 0.01


def test_exponential(infos):
    schedule = infos["exponential"].create()
    assert schedule.rate(0.2, 0, 0, []) == 0.2
    assert schedule.rate(0.2, 1, 0, []) == pytest.approx(0.19)
    assert schedule.rate(0.2, 10, 0, []) == pytest.approx(0.95 ** 10 * 0.2, rel=1e-14)
    other = infos["exponential"].create(base=0.5)
    assert other.rate(1.0, 3, 0, []) == 0.125


def test_inverse_sqrt_per_epoch(infos):
    info = infos["inverse-sqrt"]
    assert info.per == "epoch"
    schedule = info.create()
    assert schedule.rate(0.1, 0, 0, []) == 0.1  # epoch_num + 1: no division by zero
    assert schedule.rate(0.1, 3, 0, []) == pytest.approx(0.05)
    assert schedule.rate(0.1, 99, 777, []) == pytest.approx(0.01)
    assert info.create(k=2).rate(0.1, 3, 0, []) == pytest.approx(0.1)


def test_inverse_sqrt_per_step(infos):
    info = infos["inverse-sqrt-step"]
    assert info.per == "step"
    schedule = info.create()
    assert schedule.rate(0.1, 0, 0, []) == 0.1  # t = step + 1 = 1
    assert schedule.rate(0.1, 0, 3, []) == pytest.approx(0.05)  # t = 4
    assert schedule.rate(0.1, 7, 99, []) == pytest.approx(0.01)  # the epoch does not matter
    assert info.create(k=0.5).rate(0.1, 0, 24, []) == pytest.approx(0.01)


def test_step_decay(infos):
    schedule = infos["step"].create()
    assert rates(schedule, 0.4, [0, 99]) == [0.4, 0.4]
    assert rates(schedule, 0.4, [100, 199, 200, 250]) == pytest.approx([0.2, 0.2, 0.1, 0.1])
    other = infos["step"].create(gamma=0.1, step_size=3)
    assert rates(other, 1.0, [2, 3, 6]) == pytest.approx([1.0, 0.1, 0.01])


def test_cosine_without_warmup(infos):
    schedule = infos["cosine"].create(total_epochs=100, min_rate=0.001)
    values = rates(schedule, 0.1, range(0, 121))
    assert values[0] == 0.1
    assert values[50] == pytest.approx((0.1 + 0.001) / 2)
    assert values[25] == pytest.approx(0.001 + 0.5 * 0.099 * (1 + math.cos(math.pi / 4)))
    assert values[100] == pytest.approx(0.001)
    assert all(v == 0.001 for v in values[100:])
    assert all(a > b for a, b in zip(values[:100], values[1:101]))
    assert infos["cosine"].create().rate(0.1, 1000, 0, []) == 0.0  # default min_rate 0


def test_cosine_with_warmup(infos):
    schedule = infos["cosine"].create(total_epochs=110, min_rate=0.0, warmup_epochs=10)
    values = rates(schedule, 0.1, range(0, 115))
    assert values[0] == pytest.approx(0.01)
    assert values[4] == pytest.approx(0.05)
    assert values[9] == pytest.approx(0.1)
    assert values[10] == pytest.approx(0.1)
    assert all(b - a == pytest.approx(0.01) for a, b in zip(values[:9], values[1:10]))  # linear
    assert values[60] == pytest.approx(0.05)
    assert values[110] == 0.0 and values[114] == 0.0
    assert all(a >= b for a, b in zip(values[10:110], values[11:111]))


def test_cosine_rejects_warmup_longer_than_total(infos):
    with pytest.raises(ValueError, match="warmup_epochs"):
        infos["cosine"].create(total_epochs=10, warmup_epochs=10)


def test_plateau_reduces_after_patience(infos):
    schedule = infos["plateau"].create(patience=3, factor=0.5)
    improving = [1.0, 0.9, 0.8]
    assert schedule.rate(0.1, 3, 0, improving) == 0.1
    flat = improving + [0.8, 0.8, 0.8]  # three bad epochs: tolerated
    assert schedule.rate(0.1, 6, 0, flat) == 0.1
    flat4 = flat + [0.8]  # the fourth bad epoch in a row lowers α
    assert schedule.rate(0.1, 7, 0, flat4) == pytest.approx(0.05)
    # the count restarts after a reduction: 4 more bad epochs for the next one
    assert schedule.rate(0.1, 10, 0, flat4 + [0.8] * 3) == pytest.approx(0.05)
    assert schedule.rate(0.1, 11, 0, flat4 + [0.8] * 4) == pytest.approx(0.025)
    # an improvement resets the count
    assert schedule.rate(0.1, 11, 0, flat4 + [0.8, 0.8, 0.5, 0.8]) == pytest.approx(0.05)


def test_plateau_threshold_is_relative(infos):
    schedule = infos["plateau"].create(patience=0, threshold=0.01)
    assert schedule.rate(1.0, 2, 0, [1.0, 0.995]) == 0.5  # 0.5 % better: not enough
    assert schedule.rate(1.0, 2, 0, [1.0, 0.98]) == 1.0  # 2 % better: an improvement


def test_plateau_min_rate(infos):
    schedule = infos["plateau"].create(patience=0, factor=0.1, min_rate=0.002)
    assert schedule.rate(1.0, 10, 0, [1.0] * 10) == 0.002


def test_plateau_depends_on_the_costs_only(infos):
    history = [1.0, 0.9, 0.9, 0.9, 0.95, 0.9, 0.7, 0.71, 0.72, 0.7, 0.7, 0.69, 0.69, 0.69, 0.69]
    fresh = [infos["plateau"].create(patience=2).rate(0.1, len(history[:n]), 0, history[:n])
             for n in range(len(history) + 1)]
    # the same schedule object asked in order, in reverse, at random and repeatedly
    schedule = infos["plateau"].create(patience=2)
    in_order = [schedule.rate(0.1, n, 0, history[:n]) for n in range(len(history) + 1)]
    backwards = [schedule.rate(0.1, n, 0, history[:n]) for n in reversed(range(len(history) + 1))]
    shuffled_ns = [7, 3, 15, 15, 0, 11, 2, 9]
    shuffled = [schedule.rate(0.1, n, 0, history[:n]) for n in shuffled_ns]
    assert in_order == fresh
    assert backwards == fresh[::-1]
    assert shuffled == [fresh[n] for n in shuffled_ns]
    assert min(fresh) < 0.1  # it did reduce
    # a different history of the same length after a cached one
    changed = history[:10] + [0.1, 0.1, 0.1, 0.1, 0.1]
    assert schedule.rate(0.1, 15, 0, changed) == infos["plateau"].create(patience=2).rate(0.1, 15, 0, changed)
    # a different initial rate
    assert schedule.rate(0.2, 15, 0, history) == pytest.approx(2 * fresh[-1])
    # tuples and other sequences
    assert schedule.rate(0.1, 15, 0, tuple(history)) == fresh[-1]


def test_plateau_long_history_is_fast(infos):
    import time

    schedule = infos["plateau"].create()
    costs: list[float] = []
    start = time.perf_counter()
    for epoch in range(5000):
        schedule.rate(0.1, epoch, 0, costs)
        costs.append(1.0 / (1 + epoch) if epoch < 2000 else 0.0005)
    assert time.perf_counter() - start < 5.0
    assert schedule.rate(0.1, 5000, 0, costs) < 0.1


def test_plateau_handles_nan(infos):
    schedule = infos["plateau"].create(patience=1)
    assert schedule.rate(0.1, 3, 0, [1.0, float("nan"), float("nan")]) == 0.05


# ---------------------------------------------------------------------------------------------
# Descriptors and the plugin hook
# ---------------------------------------------------------------------------------------------


def test_all_names_present(infos):
    assert tuple(infos) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_descriptor_is_complete(name, infos):
    info = infos[name]
    ScheduleInfo(name=info.name, label=info.label, description=info.description, formula=info.formula,
                 factory=info.factory, params=info.params, per=info.per)
    assert info.label and info.description and info.formula
    assert "α" in info.formula
    assert info.per == ("step" if name == "inverse-sqrt-step" else "epoch")
    for spec in info.params:
        assert isinstance(spec, ParamSpec)
        assert len(spec.help) > 20, spec.name
        if spec.kind in ("float", "int"):
            assert spec.min is not None and spec.max is not None
            assert spec.min <= spec.default <= spec.max
    schedule = info.create()
    assert isinstance(schedule, Schedule)
    assert info.formula == bs._rule_of(type(schedule))
    value = schedule.rate(0.01, 3, 40, [1.0, 0.9, 0.8])
    assert isinstance(value, float) and 0 <= value <= 0.01


def test_course_formulas_in_the_text(infos):
    assert "1/(1 + decay_rate·epoch_num)·α0" in infos["inverse-time"].formula
    assert "base^epoch_num·α0" in infos["exponential"].formula
    assert "k/√t·α0" in infos["inverse-sqrt-step"].formula
    assert "k/√(epoch_num + 1)·α0" in infos["inverse-sqrt"].formula
    assert "⌊epoch_num/time_interval⌋" in infos["fixed-interval"].formula


def test_invalid_parameters_are_rejected(infos):
    with pytest.raises(ValueError):
        infos["exponential"].create(base=1.5)
    with pytest.raises(ValueError):
        infos["step"].create(step_size=0)
    with pytest.raises(ValueError):
        infos["step"].create(step_size=2.5)
    with pytest.raises(ValueError):
        infos["constant"].create(decay_rate=1)


def test_plugin_manager_finds_the_hook():
    pm = pluggy.PluginManager("optstudio")
    pm.add_hookspecs(hookspecs)
    pm.register(bs)
    results = pm.hook.optstudio_schedules()
    assert len(results) == 1
    assert [info.name for info in results[0]] == list(NAMES)


class _TorchPlateau:
    """torch.optim.lr_scheduler.ReduceLROnPlateau.step, written out (torch 2.x), for one group."""

    def __init__(self, lr, mode="min", factor=0.1, patience=10, threshold=1e-4, threshold_mode="rel",
                 cooldown=0, min_lr=0.0, eps=1e-8):
        self.lr, self.mode, self.factor, self.patience = lr, mode, factor, patience
        self.threshold, self.threshold_mode, self.cooldown, self.min_lr, self.eps = \
            threshold, threshold_mode, cooldown, min_lr, eps
        self.best = float("inf") if mode == "min" else float("-inf")
        self.num_bad_epochs = 0
        self.cooldown_counter = 0

    def is_better(self, a, best):
        if self.mode == "min" and self.threshold_mode == "rel":
            return a < best * (1.0 - self.threshold)
        if self.mode == "min" and self.threshold_mode == "abs":
            return a < best - self.threshold
        if self.mode == "max" and self.threshold_mode == "rel":
            return a > best * (self.threshold + 1.0)
        return a > best + self.threshold

    def step(self, metric):
        current = float(metric)
        if self.is_better(current, self.best):
            self.best = current
            self.num_bad_epochs = 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            new_lr = max(self.lr * self.factor, self.min_lr)
            if self.lr - new_lr > self.eps:
                self.lr = new_lr
            self.cooldown_counter = self.cooldown
            self.num_bad_epochs = 0


@pytest.mark.parametrize("options", [
    dict(patience=2, cooldown=3),
    dict(patience=0, cooldown=1, threshold=0.05),
    dict(patience=1, mode="max", threshold=0.01),
    dict(patience=1, mode="max", threshold_mode="abs", threshold=0.2),
    dict(patience=2, threshold_mode="abs", threshold=0.03, cooldown=2),
    dict(patience=0, factor=0.9, eps=0.005, min_rate=0.01),
])
def test_plateau_follows_torch_reduce_on_plateau(infos, options):
    rng = np.random.default_rng(5)
    costs = list(1.0 + 0.3 * np.sin(np.arange(80) / 3.0) + 0.05 * rng.standard_normal(80))
    ours = dict(options)
    torch_options = dict(options)
    if "min_rate" in torch_options:
        torch_options["min_lr"] = torch_options.pop("min_rate")
    reference = _TorchPlateau(0.1, factor=options.get("factor", 0.5), **{k: v for k, v in torch_options.items()
                                                                          if k != "factor"})
    schedule = infos["plateau"].create(**ours)
    rates, expected = [], []
    for epoch in range(len(costs)):
        rates.append(schedule.rate(0.1, epoch, 0, costs[:epoch]))
        expected.append(reference.lr)
        reference.step(costs[epoch])
    assert rates == expected
    assert len(set(rates)) > 1            # the case does reduce the rate
