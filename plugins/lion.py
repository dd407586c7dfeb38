"""Lion: EvoLved Sign Momentum -- an example OptStudio optimizer plugin.

Chen et al., "Symbolic Discovery of Optimization Algorithms" (2023). Lion keeps a single
momentum buffer ``m`` and steps by the *sign* of an interpolation between ``m`` and the current
gradient, so every coordinate moves by exactly ``α`` (plus weight decay) per step::

    c = β1·m + (1 − β1)·dW          # interpolate momentum and gradient
    W = W − α·(sign(c) + λ·W)       # sign step + decoupled weight decay
    m = β2·m + (1 − β2)·dW          # update the momentum (with a different β)

Because the step has the same size for every coordinate, Lion wants a learning rate about
3-10× smaller than Adam's (hence the default 1e-4) and a weight decay 3-10× larger.

This file is written only against OptStudio's public plugin API, exactly as a third-party
author would write it. Drop a file like this into a plugin folder (see docs/plugins.md) and it
shows up in the optimizer list of the GUI and the CLI.
"""

import numpy as np

from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec


class Lion(Optimizer):
    """The Lion update. OptStudio calls ``init(params)`` once, then ``update`` every step."""

    # (attribute, label) pairs: the GUI can show these state arrays. The base class's init()
    # creates ``self.m = {name: zeros_like(param)}`` for us.
    state_names = (("m", "momentum m"),)

    def __init__(self, beta1: float, beta2: float, weight_decay: float) -> None:
        # The factory receives every ParamSpec by name, already validated and defaulted.
        self.beta1 = beta1
        self.beta2 = beta2
        self.weight_decay = weight_decay

    def update(self, params, grads, t, learning_rate):
        b1, b2, wd = self.beta1, self.beta2, self.weight_decay
        for name, W in params.items():
            dW = grads[name]
            m = self.m[name]
            c = b1 * m + (1.0 - b1) * dW
            # In place (``-=``): the host owns these arrays; never rebind params[name].
            # The right-hand side is evaluated first, so the decay uses the old W.
            W -= learning_rate * (np.sign(c) + wd * W)
            m *= b2
            m += (1.0 - b2) * dW


@hookimpl
def optstudio_optimizers():
    """The hook OptStudio calls: return a list of OptimizerInfo descriptors."""
    return [
        OptimizerInfo(
            name="lion",
            label="Lion",
            description="Sign of an interpolated momentum: every coordinate moves by α "
                        "(Chen et al. 2023).",
            formula="c = β1·m + (1−β1)·dW;  W = W − α·(sign(c) + λ·W);  m = β2·m + (1−β2)·dW",
            factory=Lion,
            params=(
                ParamSpec("beta1", 0.9, min=0.0, max=0.9999, label="β1",
                          help="weight of the momentum in the interpolation that gives the step"),
                ParamSpec("beta2", 0.99, min=0.0, max=0.9999, label="β2",
                          help="decay of the momentum buffer m (longer memory than β1)"),
                ParamSpec("weight_decay", 0.0, min=0.0, max=10.0, label="λ",
                          help="decoupled weight decay; Lion wants 3-10× AdamW's value"),
            ),
            default_learning_rate=1e-4,
            # The texts in Chinese (docs/plugins.md, "Translating your plugin"); the formula stays.
            translations={
                "zh_CN": {
                    "label": "Lion",
                    "description": "对插值后的动量取符号：每个坐标都移动 α（Chen 等人，2023）。",
                    "params": {
                        "beta1": {"label": "β1", "help": "插值中动量的权重，插值结果决定这一步的方向"},
                        "beta2": {"label": "β2", "help": "动量缓冲 m 的衰减（记忆比 β1 更长）"},
                        "weight_decay": {"label": "λ", "help": "解耦权重衰减；Lion 需要 AdamW 的 3-10 倍"},
                    },
                },
            },
        )
    ]
