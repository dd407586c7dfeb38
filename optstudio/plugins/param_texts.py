"""The texts of the host's own parameters, marked for translation (context ``"ParamSpec"``).

The app's settings (:mod:`optstudio.core.settings`: learning rate, epochs, mini-batch size, seed)
and the hyperparameters every optimizer is offered (:data:`optstudio.core.optim.SHARED_PARAMS`:
weight decay, decoupled weight decay, clipping) are :class:`~optstudio.core.optim.ParamSpec`
records of the core, not of a plugin, so they carry no ``translations``. Their labels and help are
translated through Qt's catalogue instead: marked here, extracted into
``optstudio/translations/plugins_<lang>.ts`` with the plugins' other texts (one translation area,
see ``tools/translations.py``), and shown with ``translate("ParamSpec", spec.label)`` or
:func:`optstudio.core.optim.param_text`. ``tests/test_i18n_plugins.py`` checks that every label
and help of those records is listed here, word for word.
"""

from __future__ import annotations

from optstudio.core.i18n import QT_TRANSLATE_NOOP

__all__ = ["PARAM_TEXTS"]

# One literal per call (lupdate reads them); the English must equal the ParamSpec's text exactly.
PARAM_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("ParamSpec", "learning rate α"),
    QT_TRANSLATE_NOOP("ParamSpec", "The size of each step. Too small: slow progress. Too large: the cost jumps around or blows up."),  # noqa: E501
    QT_TRANSLATE_NOOP("ParamSpec", "epochs"),
    QT_TRANSLATE_NOOP("ParamSpec", "How many times the training goes through all the training examples."),
    QT_TRANSLATE_NOOP("ParamSpec", "mini-batch size"),
    QT_TRANSLATE_NOOP("ParamSpec", "Examples per update: m = batch gradient descent, 1 = stochastic gradient descent."),  # noqa: E501
    QT_TRANSLATE_NOOP("ParamSpec", "seed"),
    QT_TRANSLATE_NOOP("ParamSpec", "Seed of the initial weights and of the mini-batch shuffling."),
    QT_TRANSLATE_NOOP("ParamSpec", "λ (weight decay)"),
    QT_TRANSLATE_NOOP("ParamSpec", "λ: L2 regularization added to the gradient (dW + λ·W), as torch does. 0 switches it off; typical values are 1e-5 to 1e-2."),  # noqa: E501
    QT_TRANSLATE_NOOP("ParamSpec", "λ (decoupled decay)"),
    QT_TRANSLATE_NOOP("ParamSpec", "λ: each step the weights are multiplied by (1 − α·λ) before the update, independently of the gradient (AdamW's decay). 0 switches it off; typical values are 1e-4 to 1e-1."),  # noqa: E501
    QT_TRANSLATE_NOOP("ParamSpec", "clip ‖dW‖ at"),
    QT_TRANSLATE_NOOP("ParamSpec", "c: if the norm of all gradients together exceeds c, they are scaled down to norm c (torch.nn.utils.clip_grad_norm_). 0 switches it off; try 1 to 5."),  # noqa: E501
    QT_TRANSLATE_NOOP("ParamSpec", "clip |dW| at"),
    QT_TRANSLATE_NOOP("ParamSpec", "c: every gradient component is clipped to the range −c … c (torch.nn.utils.clip_grad_value_). 0 switches it off."),  # noqa: E501
)
