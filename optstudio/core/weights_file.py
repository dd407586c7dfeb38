"""The final parameters of a network as a plain ``.npz`` file (``optstudio run --save-weights`` and
the window's File ▸ Export weights…).

Names: ``W1``, ``b1``, …, ``gamma1``, ``nu1`` of batch-normalised layers (as
:meth:`Network.get_parameters <optstudio.core.network.Network.get_parameters>` gives them) and the
running statistics of those layers as ``running_mean1``, ``running_var1``, … Written with
``numpy.savez``: no pickled objects, so ``numpy.load(path)`` (``allow_pickle=False`` is numpy's
default) reads it in a student's own notebook. numpy only.
"""

from __future__ import annotations

import numpy as np

from optstudio.core.i18n import translate

__all__ = ["weights_arrays", "write_weights"]


def weights_arrays(network) -> dict[str, np.ndarray]:
    """Copies of ``network``'s parameters by name, plus the running statistics of its
    batch-normalised layers as ``running_mean1``, ``running_var1``, …"""
    arrays = network.get_parameters()
    for key, value in network.running_stats().items():
        arrays[f"running_{key}"] = value
    return arrays


def write_weights(network, path) -> None:
    """Write :func:`weights_arrays` of ``network`` to ``path`` (the name is used as given).
    Raises OSError with a one-line message naming the file when it cannot be written."""
    arrays = weights_arrays(network)
    try:
        with open(path, "wb") as fh:
            np.savez(fh, **arrays)
    except OSError as exc:
        raise OSError(translate("weights_file", "cannot write weights file {path}: {reason}").format(
            path=repr(str(path)), reason=exc.strerror or exc)) from None
