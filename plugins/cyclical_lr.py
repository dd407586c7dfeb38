"""Triangular cyclical learning rate -- an example OptStudio schedule plugin.

Smith, "Cyclical Learning Rates for Training Neural Networks" (2017). Instead of decaying, the
learning rate bounces linearly between the initial rate α0 and a peak k·α0. One cycle is
``2·s`` updates (``s`` = ``step_size``, the half-cycle)::

    cycle = ⌊1 + t / (2s)⌋
    x     = |t / s − 2·cycle + 1|            # 1 at the cycle's ends, 0 at its middle
    α     = α0 + (k·α0 − α0)·max(0, 1 − x)   # "triangular"
    α     = α0 + (k·α0 − α0)·max(0, 1 − x) / 2^(cycle − 1)   # "triangular2": the peak halves

Here ``t`` counts updates (mini-batches), so the schedule declares ``per="step"`` and the
trainer asks for a new rate before every update.

This file uses only OptStudio's public plugin API, as a third-party author would.
"""

import math

from optstudio import hookimpl
from optstudio.plugins.types import ParamSpec, Schedule, ScheduleInfo


class CyclicalLR(Schedule):
    def __init__(self, max_rate_factor: float, step_size: int, mode: str) -> None:
        self.max_rate_factor = max_rate_factor
        self.step_size = step_size
        self.mode = mode

    def rate(self, initial_rate, epoch, step, costs):
        # ``step`` is the number of updates done so far (0 before the first one).
        s = self.step_size
        cycle = math.floor(1 + step / (2 * s))
        x = abs(step / s - 2 * cycle + 1)
        height = max(0.0, 1.0 - x)
        if self.mode == "triangular2":
            height /= 2 ** (cycle - 1)
        peak = self.max_rate_factor * initial_rate
        # Always >= initial_rate > 0: OptStudio rejects a rate that is not a positive number.
        return initial_rate + (peak - initial_rate) * height


@hookimpl
def optstudio_schedules():
    return [
        ScheduleInfo(
            name="cyclical",
            label="Cyclical (triangular)",
            description="The rate climbs linearly from α0 to k·α0 and back, every 2·s updates "
                        "(Smith 2017).",
            formula="cycle = ⌊1 + t/(2s)⌋;  x = |t/s − 2·cycle + 1|;  "
                    "α = α0 + (k·α0 − α0)·max(0, 1 − x)",
            factory=CyclicalLR,
            params=(
                ParamSpec("max_rate_factor", 6.0, min=1.0, max=100.0, label="k",
                          help="peak rate as a multiple of the initial rate α0"),
                ParamSpec("step_size", 200, min=1, max=1_000_000, kind="int", label="s",
                          help="half a cycle, in updates (mini-batches)"),
                ParamSpec("mode", "triangular", kind="choice",
                          choices=("triangular", "triangular2"),
                          help="triangular2 halves the peak after every cycle"),
            ),
            per="step",
            # The texts in Chinese (docs/plugins.md, "Translating your plugin"); the formula keeps its symbols.
            translations={
                "zh_CN": {
                    "label": "循环学习率（三角形）",
                    "description": "学习率每 2·s 次更新从 α0 线性升到 k·α0 再降回来（Smith 2017）。",
                    "formula": "周期 c = ⌊1 + t/(2s)⌋；  x = |t/s − 2·c + 1|；  α = α0 + (k·α0 − α0)·max(0, 1 − x)",
                    "params": {
                        "max_rate_factor": {"label": "k", "help": "峰值学习率是初始学习率 α0 的多少倍"},
                        "step_size": {"label": "s", "help": "半个周期的长度，以更新次数（小批量数）计"},
                        "mode": {"label": "模式", "help": "triangular2 在每个周期之后把峰值减半"},
                    },
                },
            },
        )
    ]
