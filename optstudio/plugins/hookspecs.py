"""The OptStudio plugin API: the hooks a plugin may implement.

A plugin is a module (or any object) with functions decorated by ``optstudio.hookimpl``::

    from optstudio import hookimpl
    from optstudio.core.optim import Optimizer, OptimizerInfo, ParamSpec

    @hookimpl
    def optstudio_optimizers():
        return [OptimizerInfo(name="sign-gd", label="Sign GD", ...)]

OptStudio finds plugins in this order: its built-ins; installed distributions that declare an
entry point in the group ``optstudio.plugins``; every ``*.py`` file in the repository's
``plugins/`` folder; every ``*.py`` in the per-user plugin folder and in the folders listed in
``OPTSTUDIO_PLUGIN_PATH``. ``OPTSTUDIO_DISABLE_PLUGINS=1`` loads the built-ins only.

Every hook returns a list (or tuple) of descriptors. A descriptor whose name is already taken is
rejected and reported as a plugin error; so is one that fails validation. A plugin that raises is
reported too, and the rest keep working.
"""

from __future__ import annotations

import pluggy

from optstudio.core.optim import OptimizerInfo, ScheduleInfo

PROJECT_NAME = "optstudio"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def optstudio_optimizers() -> list[OptimizerInfo]:
    """Return the optimizers this plugin provides, as :class:`OptimizerInfo` records.

    Each record names the optimizer (``name``: lower case, used by the CLI, experiment and lab
    files), gives a ``label`` and one-line ``description`` for the GUI, the update rule as text in
    the course's notation (``formula``), a ``factory`` that builds a fresh
    :class:`~optstudio.plugins.types.Optimizer` from keyword hyperparameters, and ``params``, a
    tuple of :class:`~optstudio.plugins.types.ParamSpec` (name, default, min, max, log scale,
    help) from which the GUI form and the CLI's ``--set`` validation are generated.

    The optimizer works on any dict of named numpy arrays, keeps its own state, and updates the
    parameters in place in ``update(params, grads, t, learning_rate)``.

    Weight decay and gradient clipping need no code in the plugin: every optimizer is also offered
    the shared parameters ``weight_decay`` (coupled L2, dW + λ·W), ``decoupled_weight_decay``
    (W − α·λ·W), ``clip_norm`` and ``clip_value`` (:data:`optstudio.core.optim.SHARED_PARAMS`).
    The host implements them before ``update`` and never passes them to the factory. A plugin
    spec with one of these names is the plugin's own (then the shared one is not offered);
    ``OptimizerInfo.native`` names further shared parameters the optimizer does not want offered.
    """


@hookspec
def optstudio_schedules() -> list[ScheduleInfo]:
    """Return the learning-rate schedules this plugin provides, as :class:`ScheduleInfo` records.

    A schedule's ``factory`` builds a :class:`~optstudio.plugins.types.Schedule` whose
    ``rate(initial_rate, epoch, step, costs)`` gives the learning rate; ``per`` says whether the
    trainer asks once per epoch (``"epoch"``) or before every update (``"step"``).
    """
