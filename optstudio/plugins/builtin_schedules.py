"""The built-in learning-rate schedules, registered as a pluggy plugin module.

Every schedule is a class whose docstring states its rule in the course's notation (α0 the
initial learning rate, epoch_num the epoch counted from 0, t the update number counted from 1)
in an indented block after ``Rule::``; that block is also the ``formula`` of its
:class:`ScheduleInfo`.

``rate(initial_rate, epoch, step, costs)``: ``epoch`` counts from 0, ``step`` is the number of
updates done so far (so the update about to happen is t = step + 1), ``costs`` holds the costs
of the finished epochs.
"""

from __future__ import annotations

import math
from typing import Sequence

from optstudio.plugins.hookspecs import hookimpl
from optstudio.core.optim import ParamSpec, Schedule, ScheduleInfo, docstring_block

__all__ = [
    "Constant",
    "InverseTime",
    "FixedInterval",
    "Exponential",
    "InverseSqrt",
    "InverseSqrtStep",
    "StepDecay",
    "Cosine",
    "Plateau",
    "optstudio_schedules",
]


def _rule_of(cls: type) -> str:
    """The indented block that follows ``Rule::`` in ``cls``'s docstring, dedented."""
    return docstring_block(cls, "Rule::")


class Constant(Schedule):
    """The same learning rate for the whole run.

    Rule::

        α = α0
    """

    def rate(self, initial_rate, epoch, step, costs):
        return float(initial_rate)


class InverseTime(Schedule):
    """Learning-rate decay from the lecture notes: α falls like 1/epoch.

    Rule::

        α = 1/(1 + decay_rate·epoch_num)·α0

    epoch_num counts from 0, so the first epoch uses α0 (α0 = 0.5, decay_rate = 1, epoch_num = 2
    gives α = 0.5/3 = 0.1666…).
    """

    def __init__(self, decay_rate: float = 1.0) -> None:
        self.decay_rate = float(decay_rate)

    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate / (1.0 + self.decay_rate * epoch)


class FixedInterval(Schedule):
    """Inverse-time decay applied in stairs: α only changes every time_interval epochs.

    Rule::

        α = 1/(1 + decay_rate·⌊epoch_num/time_interval⌋)·α0

    Example: α0 = 0.5, decay_rate = 0.3, time_interval = 100, epoch_num = 100 gives
    α = 0.5/1.3 = 0.384615…
    """

    def __init__(self, decay_rate: float = 1.0, time_interval: int = 1000) -> None:
        self.decay_rate = float(decay_rate)
        self.time_interval = int(time_interval)

    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate / (1.0 + self.decay_rate * (epoch // self.time_interval))


class Exponential(Schedule):
    """Exponential decay from the lecture notes.

    Rule::

        α = base^epoch_num·α0

    With base = 0.95 the rate halves about every 13.5 epochs; for runs of thousands of epochs
    choose a base much closer to 1 (e.g. 0.999).
    """

    def __init__(self, base: float = 0.95) -> None:
        self.base = float(base)

    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate * self.base ** epoch


class InverseSqrt(Schedule):
    """1/√epoch decay from the lecture notes, once per epoch.

    Rule::

        α = k/√(epoch_num + 1)·α0

    The lecture notes write k/√epoch_num·α0 with epoch_num counted from 1; here epochs count
    from 0, so epoch_num + 1 is used (the first epoch uses k·α0, no division by zero).
    """

    def __init__(self, k: float = 1.0) -> None:
        self.k = float(k)

    def rate(self, initial_rate, epoch, step, costs):
        return self.k * initial_rate / math.sqrt(epoch + 1)


class InverseSqrtStep(Schedule):
    """1/√t decay from the lecture notes, updated before every mini-batch step.

    Rule::

        α = k/√t·α0

    t is the number of the update about to be made (t = step + 1 = 1, 2, …), the same t that
    Adam's bias correction uses.
    """

    def __init__(self, k: float = 1.0) -> None:
        self.k = float(k)

    def rate(self, initial_rate, epoch, step, costs):
        return self.k * initial_rate / math.sqrt(step + 1)


class StepDecay(Schedule):
    """Step decay: multiply the rate by γ every step_size epochs.

    Rule::

        α = γ^⌊epoch_num/step_size⌋·α0

    Same as torch.optim.lr_scheduler.StepLR.
    """

    def __init__(self, gamma: float = 0.5, step_size: int = 100) -> None:
        self.gamma = float(gamma)
        self.step_size = int(step_size)

    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate * self.gamma ** (epoch // self.step_size)


class Cosine(Schedule):
    """Cosine annealing from α0 down to min_rate, with an optional linear warm-up.

    Rule::

        warm-up (epoch_num < W):  α = (epoch_num + 1)/W·α0
        then:  p = (epoch_num − W)/(total_epochs − W)
               α = min_rate + ½·(α0 − min_rate)·(1 + cos(π·p))
        after total_epochs:  α = min_rate

    W = warmup_epochs (0 = no warm-up). The warm-up rises in W equal steps to α0 at epoch W − 1;
    the cosine part starts at α0 at epoch W and reaches min_rate at epoch total_epochs.
    """

    def __init__(self, total_epochs: int = 1000, min_rate: float = 0.0, warmup_epochs: int = 0) -> None:
        self.total_epochs = int(total_epochs)
        self.min_rate = float(min_rate)
        self.warmup_epochs = int(warmup_epochs)
        if self.warmup_epochs >= self.total_epochs:
            raise ValueError(f"schedule 'cosine': warmup_epochs ({self.warmup_epochs}) must be less "
                             f"than total_epochs ({self.total_epochs})")
        self._span = self.total_epochs - self.warmup_epochs

    def rate(self, initial_rate, epoch, step, costs):
        warm = self.warmup_epochs
        if epoch < warm:
            return initial_rate * (epoch + 1) / warm
        progress = (epoch - warm) / self._span
        if progress >= 1.0:
            return self.min_rate
        return self.min_rate + 0.5 * (initial_rate - self.min_rate) * (1.0 + math.cos(math.pi * progress))


class Plateau(Schedule):
    """Reduce on plateau: cut the rate when the cost stops improving.

    Rule::

        best = lowest cost so far (mode max: highest); an epoch improves if
            cost < best·(1 − threshold)   (mode min, threshold_mode rel)
            cost < best − threshold       (mode min, threshold_mode abs)
            cost > best·(1 + threshold)   (mode max, rel)      cost > best + threshold  (max, abs)
        after more than patience epochs in a row without improvement:
            α_new = max(factor·α, min_rate); α = α_new if α − α_new > eps
            the count restarts, and the next cooldown epochs count no bad epochs
        α starts at α0

    Exactly torch.optim.lr_scheduler.ReduceLROnPlateau (mode, threshold_mode, cooldown, eps,
    min_lr): with patience = 10 the 11th bad epoch in a row lowers the rate. The rate is a
    function of the costs list alone: it is replayed from the start of the history (an internal
    cache only skips the part of the history already replayed, after checking it is unchanged).
    """

    def __init__(self, factor: float = 0.5, patience: int = 10, threshold: float = 1e-4,
                 min_rate: float = 0.0, cooldown: int = 0, mode: str = "min", threshold_mode: str = "rel",
                 eps: float = 1e-8) -> None:
        self.factor = float(factor)
        self.patience = int(patience)
        self.threshold = float(threshold)
        self.min_rate = float(min_rate)
        self.cooldown = int(cooldown)
        self.mode = mode
        self.threshold_mode = threshold_mode
        self.eps = float(eps)
        self._cache_key: tuple | None = None
        self._cache_prefix: list = []
        self._cache_state = self._start(0.0)

    def _start(self, rate: float) -> tuple:
        # (best, bad epochs in a row, cooldown epochs left, α)
        return (math.inf if self.mode == "min" else -math.inf, 0, 0, float(rate))

    def _better(self, cost: float, best: float) -> bool:
        t = self.threshold
        if self.mode == "min":
            return cost < (best * (1.0 - t) if self.threshold_mode == "rel" else best - t)
        return cost > (best * (t + 1.0) if self.threshold_mode == "rel" else best + t)

    def _advance(self, state, costs):
        best, bad, cooling, rate = state
        patience, factor, floor, eps, better = self.patience, self.factor, self.min_rate, self.eps, self._better
        for cost in costs:
            if better(cost, best):
                best, bad = cost, 0
            else:
                bad += 1
            if cooling > 0:
                cooling -= 1
                bad = 0                    # bad epochs in the cooldown do not count
            if bad > patience:
                new = max(rate * factor, floor)
                if rate - new > eps:
                    rate = new
                cooling = self.cooldown
                bad = 0
        return best, bad, cooling, rate

    def rate(self, initial_rate, epoch, step, costs: Sequence[float]):
        history = [float(c) for c in costs] if not isinstance(costs, list) else costs
        n_cached = len(self._cache_prefix)
        if (self._cache_key == initial_rate and len(history) >= n_cached
                and history[:n_cached] == self._cache_prefix):
            state = self._advance(self._cache_state, history[n_cached:])
        else:
            state = self._advance(self._start(initial_rate), history)
        self._cache_key = initial_rate
        self._cache_prefix = list(history)
        self._cache_state = state
        return state[3]


# Translations: the built-ins go through the same door as any plugin (ScheduleInfo.translations),
# in the terms of the course's Chinese lecture notes (学习率衰减, epoch, 小批量 …); formulas stay.
_ZH_DECAY_RATE_HELP = ("decay_rate：α 缩小的快慢。取 1 时，第一个{unit}之后 α 减半，两个之后变为三分之一，依此类推；"
                       "取值越小衰减越慢。")
_ZH_MIN_RATE = {"label": "最小学习率", "help": "退火结束时（及之后）的学习率。"}

_ZH_SCHEDULES: dict[str, dict] = {
    "constant": {"label": "常数", "description": "整个运行中保持学习率 α0 不变。"},
    "inverse-time": {
        "label": "1/(1 + decay·epoch) 衰减",
        "description": "讲义中的衰减：α = α0/(1 + decay_rate·epoch_num)，每个 epoch 重新计算。",
        "params": {"decay_rate": {"label": "衰减率", "help": _ZH_DECAY_RATE_HELP.format(unit=" epoch ")}},
    },
    "fixed-interval": {
        "label": "固定间隔衰减",
        "description": "阶梯式的反时间衰减：α 每隔 time_interval 个 epoch 才变化一次。",
        "params": {
            "decay_rate": {"label": "衰减率", "help": _ZH_DECAY_RATE_HELP.format(unit="间隔")},
            "time_interval": {"label": "时间间隔", "help": "α 两次降低之间的 epoch 数。"},
        },
    },
    "exponential": {
        "label": "指数衰减",
        "description": "每个 epoch 把学习率乘以 base：α = base^epoch_num·α0。",
        "params": {"base": {"label": "底数 base",
                            "help": "每个 epoch 乘到 α 上的因子（讲义中为 0.95）。长时间运行时用接近 1 的值（如 0.999）。"}},
    },
    "inverse-sqrt": {
        "label": "k/√epoch 衰减",
        "description": "α = k/√(epoch_num + 1)·α0，每个 epoch 重新计算。",
        "params": {"k": {"label": "k", "help": "常数因子 k；k = 1 时第一个 epoch 使用 α0。"}},
    },
    "inverse-sqrt-step": {
        "label": "k/√t 衰减",
        "description": "α = k/√t·α0，t 是更新的次数，在每个小批量之前重新计算。",
        "params": {"k": {"label": "k", "help": "常数因子 k；k = 1 时第一次更新使用 α0。"}},
    },
    "step": {
        "label": "阶梯衰减",
        "description": "每隔 step_size 个 epoch 把学习率乘以 γ。",
        "params": {
            "gamma": {"label": "γ", "help": "γ：每隔 step_size 个 epoch 乘到 α 上的因子（0.5 即减半）。"},
            "step_size": {"label": "间隔 epoch 数", "help": "α 两次降低之间的 epoch 数。"},
        },
    },
    "cosine": {
        "label": "余弦退火",
        "description": "沿半个余弦曲线把 α 平滑地降到 total_epochs 时的 min_rate，可以先做线性预热。",
        "params": {
            "total_epochs": {"label": "总 epoch 数", "help": "α 到达 min_rate 的 epoch；设为本次运行的 epoch 数。"},
            "min_rate": _ZH_MIN_RATE,
            "warmup_epochs": {"label": "预热 epoch 数",
                              "help": "最初若干个 epoch 中 α 线性上升到 α0（0 = 不预热）。必须小于 total_epochs。"},
        },
    },
    "plateau": {
        "label": "平台期降低",
        "description": "当成本连续 patience 个 epoch 不再改善时，把 α 乘以 factor。",
        "params": {
            "factor": {"label": "因子", "help": "每次降低时 α 乘以这个因子（0.5 即减半）。"},
            "patience": {"label": "耐心", "help": "容忍的没有改善的 epoch 数；再下一个不好的 epoch 会降低 α。"},
            "threshold": {"label": "阈值",
                          "help": "算作改善的相对幅度：成本必须低于 best·(1 − threshold)。1e-4 即 0.01 %。"},
            "min_rate": {"label": "最小学习率", "help": "α 永远不会被降到这个值以下。"},
            "cooldown": {"label": "冷却期", "help": "一次降低之后的若干个 epoch，其间不好的 epoch 不计数。"},
            "mode": {"label": "模式", "help": "min：成本应当下降（通常情况）；max：观察的数值应当上升。"},
            "threshold_mode": {"label": "阈值模式",
                               "help": "rel：按最佳值的比例改善（best·(1 − threshold)）；abs：按绝对量改善（best − threshold）。"},
            "eps": {"label": "ε", "help": "小于 ε 的降低会被跳过（torch 的 eps）。"},
        },
    },
}


# The rules stay as they are; only the words around them are translated.
_ZH_FORMULAS = {
    "plateau": ("best = 目前最低的成本（mode max 时：最高）；一个 epoch 算作改进，当\n"
                "    cost < best·(1 − threshold)   （mode min，threshold_mode rel）\n"
                "    cost < best − threshold       （mode min，threshold_mode abs）\n"
                "    cost > best·(1 + threshold)   （mode max，rel）      cost > best + threshold  （max，abs）\n"
                "连续超过 patience 个 epoch 没有改进后：\n"
                "    α_new = max(factor·α, min_rate)；α = α_new（若 α − α_new > eps）\n"
                "    计数重新开始，接下来 cooldown 个 epoch 不计入无改进的 epoch\n"
                "α 从 α0 开始"),
    "cosine": ("预热（epoch_num < W）：  α = (epoch_num + 1)/W·α0\n"
               "之后：  p = (epoch_num − W)/(total_epochs − W)\n"
               "       α = min_rate + ½·(α0 − min_rate)·(1 + cos(π·p))\n"
               "total_epochs 之后：  α = min_rate"),
}


def _translations(name: str) -> dict:
    """The ``translations`` of built-in schedule ``name`` (one table per language)."""
    table = dict(_ZH_SCHEDULES[name])
    if name in _ZH_FORMULAS:
        table["formula"] = _ZH_FORMULAS[name]
    return {"zh_CN": table}


def _descriptors() -> list[ScheduleInfo]:
    decay_rate_help = ("decay_rate: how fast α shrinks. With 1, α is halved after the first "
                       "{unit}, a third after two, and so on; smaller values decay more slowly.")
    return [
        ScheduleInfo(
            name="constant",
            label="Constant",
            description="Keep the learning rate α0 for the whole run.",
            formula=_rule_of(Constant),
            factory=Constant,
            translations=_translations("constant"),
            params=(),
        ),
        ScheduleInfo(
            name="inverse-time",
            label="1/(1 + decay·epoch)",
            description="The lecture notes' decay: α = α0/(1 + decay_rate·epoch_num), recomputed each epoch.",
            formula=_rule_of(InverseTime),
            factory=InverseTime,
            translations=_translations("inverse-time"),
            params=(
                ParamSpec("decay_rate", 1.0, min=1e-6, max=100.0, log=True, label="decay rate",
                          help=decay_rate_help.format(unit="epoch")),
            ),
        ),
        ScheduleInfo(
            name="fixed-interval",
            label="Decay at fixed intervals",
            description="Inverse-time decay applied in stairs: α only changes every time_interval epochs.",
            formula=_rule_of(FixedInterval),
            factory=FixedInterval,
            translations=_translations("fixed-interval"),
            params=(
                ParamSpec("decay_rate", 1.0, min=1e-6, max=100.0, log=True, label="decay rate",
                          help=decay_rate_help.format(unit="interval")),
                ParamSpec("time_interval", 1000, min=1, max=1_000_000, kind="int", label="time interval",
                          help="Number of epochs between two decreases of α."),
            ),
        ),
        ScheduleInfo(
            name="exponential",
            label="Exponential decay",
            description="Multiply the rate by base every epoch: α = base^epoch_num·α0.",
            formula=_rule_of(Exponential),
            factory=Exponential,
            translations=_translations("exponential"),
            params=(
                ParamSpec("base", 0.95, min=0.5, max=1.0, label="base",
                          help="Factor applied to α every epoch (0.95 in the lecture notes). "
                               "Use a value close to 1 (e.g. 0.999) for long runs."),
            ),
        ),
        ScheduleInfo(
            name="inverse-sqrt",
            label="k/√epoch",
            description="α = k/√(epoch_num + 1)·α0, recomputed each epoch.",
            formula=_rule_of(InverseSqrt),
            factory=InverseSqrt,
            translations=_translations("inverse-sqrt"),
            params=(
                ParamSpec("k", 1.0, min=1e-3, max=1e3, log=True, label="k",
                          help="Constant factor k; with k = 1 the first epoch uses α0."),
            ),
            per="epoch",
        ),
        ScheduleInfo(
            name="inverse-sqrt-step",
            label="k/√t",
            description="α = k/√t·α0 with t the update number, recomputed before every mini-batch.",
            formula=_rule_of(InverseSqrtStep),
            factory=InverseSqrtStep,
            translations=_translations("inverse-sqrt-step"),
            params=(
                ParamSpec("k", 1.0, min=1e-3, max=1e3, log=True, label="k",
                          help="Constant factor k; with k = 1 the first update uses α0."),
            ),
            per="step",
        ),
        ScheduleInfo(
            name="step",
            label="Step decay",
            description="Multiply the rate by γ every step_size epochs.",
            formula=_rule_of(StepDecay),
            factory=StepDecay,
            translations=_translations("step"),
            params=(
                ParamSpec("gamma", 0.5, min=1e-3, max=1.0, label="γ",
                          help="γ: factor applied to α every step_size epochs (0.5 halves it)."),
                ParamSpec("step_size", 100, min=1, max=1_000_000, kind="int", label="step size",
                          help="Number of epochs between two decreases of α."),
            ),
        ),
        ScheduleInfo(
            name="cosine",
            label="Cosine annealing",
            description="Smoothly lower α along half a cosine to min_rate at total_epochs, "
                        "optionally after a linear warm-up.",
            formula=_rule_of(Cosine),
            factory=Cosine,
            translations=_translations("cosine"),
            params=(
                ParamSpec("total_epochs", 1000, min=1, max=10_000_000, kind="int", label="total epochs",
                          help="Epoch at which α reaches min_rate; set it to the run's number of epochs."),
                ParamSpec("min_rate", 0.0, min=0.0, max=10.0, label="minimum rate",
                          help="The learning rate at the end of the annealing (and after it)."),
                ParamSpec("warmup_epochs", 0, min=0, max=10_000_000, kind="int", label="warm-up epochs",
                          help="Number of first epochs in which α rises linearly up to α0 "
                               "(0 = no warm-up). Must be less than total_epochs."),
            ),
        ),
        ScheduleInfo(
            name="plateau",
            label="Reduce on plateau",
            description="Multiply α by factor when the cost has stopped improving for patience epochs.",
            formula=_rule_of(Plateau),
            factory=Plateau,
            translations=_translations("plateau"),
            params=(
                ParamSpec("factor", 0.5, min=1e-3, max=0.999, label="factor",
                          help="α is multiplied by this factor at each reduction (0.5 halves it)."),
                ParamSpec("patience", 10, min=0, max=1_000_000, kind="int", label="patience",
                          help="Number of epochs without improvement that are tolerated; "
                               "the next bad epoch lowers α."),
                ParamSpec("threshold", 1e-4, min=1e-12, max=0.5, log=True, label="threshold",
                          help="Relative improvement that counts: the cost must fall below "
                               "best·(1 − threshold). 1e-4 means 0.01 %."),
                ParamSpec("min_rate", 0.0, min=0.0, max=10.0, label="minimum rate",
                          help="α is never lowered below this value."),
                ParamSpec("cooldown", 0, min=0, max=1_000_000, kind="int", label="cooldown",
                          help="Epochs after a reduction during which bad epochs are not counted."),
                ParamSpec("mode", "min", kind="choice", choices=("min", "max"), label="mode",
                          help="min: the cost should fall (the usual case); max: the watched number "
                               "should rise."),
                ParamSpec("threshold_mode", "rel", kind="choice", choices=("rel", "abs"), label="threshold mode",
                          help="rel: improve by a fraction of the best (best·(1 − threshold)); "
                               "abs: by an amount (best − threshold)."),
                ParamSpec("eps", 1e-8, min=0.0, max=1.0, label="ε",
                          help="A reduction smaller than ε is skipped (torch's eps)."),
            ),
        ),
    ]


@hookimpl
def optstudio_schedules() -> list[ScheduleInfo]:
    """The built-in schedules: constant, inverse-time, fixed-interval, exponential, inverse-sqrt,
    inverse-sqrt-step, step, cosine, plateau."""
    return _descriptors()
