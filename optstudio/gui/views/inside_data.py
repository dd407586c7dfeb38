"""What the "inside the optimizer" view needs from a trainer, as copies (no Qt here).

:func:`inside_snapshot` runs in the training thread (from the progress callback / snapshot
code) or while training is paused or over; the result can be sent to the GUI thread and passed to
``InsideView.set_snapshot(result)`` (or ``InsideView.set_data(**result)`` minus ``epoch``/``steps``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["inside_snapshot", "is_velocity_label", "flatten_groups"]


def _copy_map(arrays) -> dict[str, np.ndarray]:
    return {str(name): np.array(arr, dtype=float, copy=True) for name, arr in (arrays or {}).items()}


def inside_snapshot(trainer) -> dict[str, Any]:
    """``{"effective_step", "state", "grads", "learning_rate", "optimizer_name", "epoch", "steps"}``.

    * ``effective_step``: ``{"W1": α/(√ŝ + ε), …}`` for adaptive optimizers, else ``None``;
    * ``state``: ``{label: {"W1": …}}`` (velocity, squared-gradient average, …);
    * ``grads``: the last mini-batch's gradient by parameter (``{"W1": dW1, "b1": db1, …}``).

    Every array is a copy, so training can go on while the GUI draws them.
    """
    step = trainer.effective_step()
    state = trainer.optimizer_state()
    net = trainer.network
    grads = net.split(net.grad)
    name = getattr(trainer.optimizer, "name", None) or type(trainer.optimizer).__name__
    return {
        "effective_step": _copy_map(step) if step is not None else None,
        "state": {str(label): _copy_map(arrays) for label, arrays in (state or {}).items()},
        "grads": _copy_map(grads),
        "learning_rate": float(getattr(trainer, "current_rate", getattr(trainer, "learning_rate", 0.0))),
        "optimizer_name": str(name),
        "epoch": int(getattr(trainer, "epoch", 0)),
        "steps": int(getattr(trainer, "t", 0)),
    }


def is_velocity_label(label: str) -> bool:
    """Whether an optimizer state label names a velocity (momentum) rather than a squared average."""
    text = label.lower()
    return "velocity" in text or "momentum" in text or text.startswith("v ") or text == "v"


def flatten_groups(arrays: dict[str, np.ndarray], groups: list[str]) -> dict[str, np.ndarray]:
    """Per layer: ``{"layer 1": concat(W1, b1), …}`` for the given layer numbers."""
    out = {}
    for layer in groups:
        parts = [arrays[k].ravel() for k in (f"W{layer}", f"b{layer}") if k in arrays]
        if parts:
            out[layer] = np.concatenate(parts)
    return out
