"""The built-in optimizers, registered as a pluggy plugin module.

Every optimizer is a class whose docstring states its update rule in the course's notation
(α learning rate, β, β1, β2, ε, dW, v, s, t, v^corrected …) in an indented block after
``Update rule::``; that block is also the ``formula`` of its :class:`OptimizerInfo`, so the
two cannot drift apart.

Performance notes (``update`` is the training hot loop, tens of thousands of calls a run):

* ``init`` allocates the state arrays and every scratch buffer once, and builds a tuple of
  per-parameter "slots" ``(name, state…, scratch…)`` so that ``update`` only iterates a tuple
  and looks the name up in ``params`` and ``grads``;
* ``update`` works in place with ``out=`` and in-place operators: no temporaries, no dicts,
  no strings; constants such as ``1 − β`` are computed in ``__init__``;
* numbers are passed to numpy as 0-d float64 arrays, not Python floats (a ufunc with a
  0-d array operand is about twice as fast as one with a Python scalar on small arrays): the
  constants are made in ``__init__``, the per-call ones (α, bias corrections) are written into
  preallocated 0-d arrays with ``a[()] = x`` once per call;
* bias corrections are folded into scalars: ``v^corrected/(√s^corrected + ε)`` is computed as
  ``(√(1 − β2^t)/(1 − β1^t)) · v/(√s + ε·√(1 − β2^t))`` (exactly equal in real arithmetic; it
  differs from the textbook order only by rounding, ~1e-16 relative).

The gradient dict must use the same keys as the parameter dict; the names themselves never
matter (layers ``W1``, ``b1`` … or one flat ``theta`` give identical results).

Every built-in is ``stackable``: built with ``rows=k`` and each number-valued hyperparameter as a
(k, 1) column (see :class:`~optstudio.core.optim.OptimizerInfo`), one object updates k runs stacked
as the rows of ``theta`` (k, P) with a (k, 1) column of learning rates, in the same few numpy calls
as one run. Constants and per-call numbers become (k, 1) columns that broadcast over the rows; the
elementwise operations and their order are those of the single optimizer, and powers such as β^t
are computed with Python's ``**`` once per distinct β (:class:`_Powers`), so row i gets exactly the
numbers of the single optimizer with row i's hyperparameters.

Weight decay and gradient clipping are not coded here: they are the shared pieces of
:mod:`optstudio.core.optim` (``weight_decay`` = coupled L2 ``dW + λ·W``, ``decoupled_weight_decay``,
``clip_norm``, ``clip_value``), composed around any optimizer by ``OptimizerInfo.create`` and the
registry, and only when they are not 0. The optimizers that have torch's coupled ``weight_decay``
list :data:`~optstudio.core.optim.WEIGHT_DECAY` in their params so their forms keep it in place;
AdamW is Adam preceded by :class:`~optstudio.core.optim.DecoupledWeightDecay`, and NAdam's
``decoupled_weight_decay`` (torch's ``NAdam(decoupled_weight_decay=True)``) is the same step; both
have that λ as their own hyperparameter, so that runs differing only in λ can be stacked.

Options that change the steps of an update (RMSprop's ``centered`` and ``momentum``, Nesterov's
look-ahead ``form``, Adagrad's ``lr_decay``, NAdam's decoupled decay) have their own ``update``
method, bound once in ``__init__`` (``self.update = self._update_…``), so the default settings run
the very loop they always ran, without even a test per call.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Mapping

import numpy as np

from optstudio.plugins.hookspecs import hookimpl
from optstudio.core.optim import (DECOUPLED_WEIGHT_DECAY, WEIGHT_DECAY, DecoupledWeightDecay, Optimizer,
                                  OptimizerInfo, ParamSpec, docstring_block)

__all__ = [
    "GradientDescent",
    "Momentum",
    "Nesterov",
    "RMSprop",
    "Adam",
    "Adagrad",
    "AdamW",
    "Adamax",
    "NAdam",
    "AMSGrad",
    "formula_of",
    "optstudio_optimizers",
]


def formula_of(cls: type) -> str:
    """The indented block that follows ``Update rule::`` in ``cls``'s docstring, dedented."""
    return docstring_block(cls, "Update rule::")


def _const(value) -> np.ndarray:
    """A 0-d float64 array: a faster ufunc operand than a Python float; for a stack of runs the
    (k, 1) column, copied."""
    if isinstance(value, np.ndarray):
        return np.array(value, dtype=np.float64)
    return np.array(float(value), dtype=np.float64)


def _hyper(value, rows: int | None, name: str):
    """A hyperparameter as the optimizer keeps it: a float for one run, a (k, 1) float64 column
    for a stack of ``rows`` runs (a single number is used for every row)."""
    if rows is None:
        return float(value)
    column = np.asarray(value, dtype=np.float64)
    if column.ndim == 0:
        return np.full((rows, 1), float(column))
    if column.shape == (rows,):
        column = column.reshape(rows, 1)
    if column.shape != (rows, 1):
        raise ValueError(f"{name}: a stack of {rows} runs needs a ({rows}, 1) column, got shape {column.shape}")
    return column.copy()


def _per_call(rows: int | None) -> np.ndarray:
    """The array a per-call number (α, a bias correction) is written into: 0-d or (k, 1)."""
    return _const(0.0) if rows is None else np.zeros((rows, 1))


class _Powers:
    """β^t for a (k, 1) column of β values, each computed with Python's float ``**`` once per
    distinct β: the very number the single optimizer computes with ``self.beta ** t``."""

    def __init__(self, column: np.ndarray) -> None:
        flat = column.ravel().tolist()
        self.values = list(dict.fromkeys(flat))
        self.index = np.array([self.values.index(v) for v in flat], dtype=np.intp)
        self.out = np.empty((len(flat), 1))

    def __call__(self, t) -> np.ndarray:
        values = self.values
        if len(values) == 1:
            self.out.fill(values[0] ** t)
        else:
            np.take(np.array([b ** t for b in values]), self.index, out=self.out[:, 0])
        return self.out


class _ArrayOptimizer(Optimizer):
    """Shared ``init``: state dicts (``_state_attrs``) plus ``_n_scratch`` scratch buffers.

    ``self._slots`` is a tuple of ``(name, state arrays…, scratch arrays…)`` in the order of
    ``_state_attrs``; the state arrays are the very objects held in the exposed dicts.
    ``self._lr``, ``self._k1`` and ``self._k2`` are 0-d arrays for the per-call numbers ((k, 1)
    columns for a stack of ``rows`` = k runs).
    """

    _state_attrs: tuple[str, ...] = ()
    _n_scratch: int = 1

    def __init__(self, rows: int | None = None) -> None:
        if rows is not None and (isinstance(rows, bool) or not isinstance(rows, int) or rows < 1):
            raise ValueError(f"rows must be a whole number ≥ 1, got {rows!r}")
        self.rows = rows           # None: one run; k: a stack of k runs (see the module docstring)
        self.t = 0
        self._slots: tuple = ()
        self._lr = _per_call(rows)
        self._k1 = _per_call(rows)
        self._k2 = _per_call(rows)

    def _initial_state(self, attr: str, p: np.ndarray) -> np.ndarray:
        return np.zeros_like(p)

    def init(self, params: Mapping[str, np.ndarray]) -> None:
        self.t = 0
        states = {attr: {} for attr in self._state_attrs}
        slots = []
        for name, p in params.items():
            arrays = []
            for attr in self._state_attrs:
                arr = self._initial_state(attr, p)
                states[attr][name] = arr
                arrays.append(arr)
            arrays.extend(np.zeros_like(p) for _ in range(self._n_scratch))
            slots.append((name, *arrays))
        for attr, value in states.items():
            setattr(self, attr, value)
        self._slots = tuple(slots)


# ---------------------------------------------------------------------------------------------
# Non-adaptive methods
# ---------------------------------------------------------------------------------------------


class GradientDescent(_ArrayOptimizer):
    """(Mini-batch) gradient descent.

    Update rule::

        W = W − α·dW

    Whether this is batch, mini-batch or stochastic gradient descent depends only on the batch
    size the trainer uses to compute dW (all examples, a mini-batch, or one example).
    """

    _n_scratch = 1

    def update(self, params, grads, t, learning_rate):
        self.t = t
        lr = self._lr
        lr[()] = learning_rate
        multiply = np.multiply
        for name, buf in self._slots:
            p = params[name]
            multiply(grads[name], lr, out=buf)
            p -= buf


class Momentum(_ArrayOptimizer):
    """Gradient descent with momentum (exponentially weighted average of the gradients).

    Update rule::

        v = β·v + (1 − β)·dW
        W = W − α·v
        (form "sum": v = β·v + dW, which acts like "average" with α/(1 − β) for α)

    ``form="average"`` is the notebook's and the lecture notes' recommended form; ``form="sum"``
    is the other form the lecture notes mention (and torch.optim.SGD with momentum uses).
    """

    state_names = (("v", "velocity v"),)
    _state_attrs = ("v",)
    _n_scratch = 1

    def __init__(self, beta: float = 0.9, form: str = "average", rows: int | None = None) -> None:
        super().__init__(rows)
        if form not in ("average", "sum"):
            raise ValueError(f"form must be 'average' or 'sum', got {form!r}")
        self.beta = _hyper(beta, rows, "beta")
        self.form = form
        self._beta = _const(self.beta)
        self._c = _const(1.0 - self.beta)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        beta, c, lr = self._beta, self._c, self._lr
        lr[()] = learning_rate
        multiply = np.multiply
        if self.form == "sum":
            for name, v, buf in self._slots:
                p = params[name]
                v *= beta
                v += grads[name]
                multiply(v, lr, out=buf)
                p -= buf
        else:
            for name, v, buf in self._slots:
                p = params[name]
                v *= beta
                multiply(grads[name], c, out=buf)
                v += buf
                multiply(v, lr, out=buf)
                p -= buf


class Nesterov(_ArrayOptimizer):
    """Nesterov momentum: torch.optim.SGD(momentum=β, nesterov=True), or the lecture's look-ahead form.

    Update rule::

        v = β·v + dW
        W = W − α·(dW + β·v)
        (form "lookahead", the lecture's:
         v = β·v + ∇J(W − α·β·v)
         W = W − α·v
         the network holds Θ = W − α·β·v,
         the point where dW is taken, and
         Θ = Θ − α·(dW + β·v): the form above)

    The step looks ahead along the velocity: it uses the gradient plus β times the new velocity
    instead of the velocity alone.

    Why the two forms are one method: the lecture evaluates the gradient at the look-ahead point
    W − α·β·v, but an optimizer only ever gets the gradient at the parameters the network holds.
    What is stored, in both forms: the network's parameters are Θ = W − α·β·v, in the lecture's
    W and v (that is what is trained, evaluated and saved); v is the velocity, the same numbers as
    torch's momentum buffer; the look-ahead form also keeps W in its state (``w``, exposed by
    ``state()`` like v). One step of the look-ahead form, with dW = ∇J(Θ)::

        W = Θ + α·β·v              (W from the point the network holds; v is the old velocity)
        v = β·v + dW               (the lecture's v, as dW is the gradient at W − α·β·v)
        W = W − α·v                (the lecture's step)
        Θ = W − α·β·v              (the next look-ahead point, written into the parameters)

    Then Θ_new = W − α·v_new − α·β·v_new = Θ + α·β·v_old − α·v_new − α·β·v_new
    = Θ − α·(dW + β·v_new), because v_new − β·v_old = dW: exactly the torch form, whose W is Θ
    (Bengio et al.'s rewriting of Sutskever et al.'s Nesterov momentum, arXiv:1212.0901). The two
    forms give the same parameters up to rounding. With a constant α, W is exactly the lecture's
    W; when a schedule changes α, W is Θ + α·β·v with the latest α (and Θ still follows the torch
    form exactly). A weight_decay λ > 0 is applied by the shared weight-decay step before this
    update (dW + λ·Θ is used as dW, as torch does).
    """

    state_names = (("v", "velocity v"),)         # the look-ahead form adds ("w", …) in __init__
    _state_attrs = ("v",)
    _n_scratch = 1

    def __init__(self, beta: float = 0.9, form: str = "torch", rows: int | None = None) -> None:
        super().__init__(rows)
        if form not in ("torch", "lookahead"):
            raise ValueError(f"form must be 'torch' or 'lookahead', got {form!r}")
        self.beta = _hyper(beta, rows, "beta")
        self.form = form
        self._beta = _const(self.beta)
        if form == "lookahead":
            self._state_attrs = ("v", "w")
            self.state_names = (("v", "velocity v"),
                                ("w", "weights W (the network holds Θ = W − α·β·v)"))
            self.update = self._update_lookahead   # bound once: the torch form's loop has no test

    def _initial_state(self, attr, p):
        return p.copy() if attr == "w" else np.zeros_like(p)   # v = 0, so W = Θ at the start

    def update(self, params, grads, t, learning_rate):
        self.t = t
        beta, lr = self._beta, self._lr
        lr[()] = learning_rate
        multiply = np.multiply
        for name, v, buf in self._slots:
            p = params[name]
            g = grads[name]
            v *= beta
            v += g
            multiply(v, beta, out=buf)
            buf += g
            buf *= lr
            p -= buf

    def _update_lookahead(self, params, grads, t, learning_rate):
        """The look-ahead form's update (``update`` of an optimizer built with form="lookahead")."""
        self.t = t
        beta, lr, shift = self._beta, self._lr, self._k1
        lr[()] = learning_rate
        multiply, add, subtract = np.multiply, np.add, np.subtract
        if self.rows is None:
            shift[()] = learning_rate * self.beta  # α·β
        else:
            multiply(learning_rate, self.beta, out=shift)
        for name, v, w, buf in self._slots:
            p = params[name]
            multiply(v, shift, out=buf)
            add(p, buf, out=w)                     # W = Θ + α·β·v
            v *= beta
            v += grads[name]                       # v = β·v + dW
            multiply(v, lr, out=buf)
            w -= buf                               # W = W − α·v
            multiply(v, shift, out=buf)
            subtract(w, buf, out=p)                # Θ = W − α·β·v


# ---------------------------------------------------------------------------------------------
# Adaptive methods
# ---------------------------------------------------------------------------------------------


class RMSprop(_ArrayOptimizer):
    """RMSprop: divide each gradient component by the root of its recent mean square.

    Update rule::

        s = β·s + (1 − β)·dW²
        W = W − α·dW/(√s + ε)
        (centered: g = β·g + (1 − β)·dW,
         √(s − g²) in place of √s)
        (momentum μ > 0:
         v = μ·v + dW/(√s + ε), W = W − α·v)

    Same as torch.optim.RMSprop(alpha=β, eps=ε, centered=…, momentum=μ). Centered RMSprop divides
    by an estimate of the standard deviation of dW, √(s − g²) with g the average gradient, instead
    of its root mean square √s: a component whose gradient is large but steady gets a larger step.
    s − g² ≥ 0 in exact arithmetic (s and g weigh the same past gradients, so s − g² is a
    variance); rounding can make it a hair negative when dW barely changes, where torch gets NaN
    from the root: it is taken as 0 here, max(s − g², 0), and equals torch's everywhere else.
    With momentum the scaled steps dW/(√s + ε) are averaged into a velocity v (torch's momentum
    buffer, the "sum" form of momentum). A weight_decay λ > 0 is applied by the shared
    weight-decay step before this update (dW + λ·W is used as dW).
    """

    state_names = (("s", "squared-gradient average s"),)   # centered adds g, momentum v (__init__)
    _state_attrs = ("s",)
    _n_scratch = 1

    def __init__(self, beta: float = 0.9, epsilon: float = 1e-8, centered: bool = False, momentum: float = 0.0,
                 rows: int | None = None) -> None:
        super().__init__(rows)
        self.beta = _hyper(beta, rows, "beta")
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self.centered = bool(centered)
        self.momentum = _hyper(momentum, rows, "momentum")
        self._beta = _const(self.beta)
        self._c = _const(1.0 - self.beta)
        self._eps = _const(self.epsilon)
        self._mu = _const(self.momentum)
        self._zero = _const(0.0)
        # A stack takes the momentum path if any row has μ > 0: for a row with μ = 0 it gives the
        # numbers of the plain path bit for bit (v = 0·v + x = x exactly, then W − α·v).
        self._uses_momentum = bool(np.any(np.asarray(self.momentum) > 0.0))
        self._plain = not (self.centered or self._uses_momentum)
        attrs, names = ["s"], [("s", "squared-gradient average s")]
        if self.centered:
            attrs.append("g")
            names.append(("g", "gradient average g"))
        if self._uses_momentum:
            attrs.append("v")
            # a stack shows v only if every row has one (the state a stack shows is each run's)
            if bool(np.all(np.asarray(self.momentum) > 0.0)):
                names.append(("v", "velocity v"))
        if not self._plain:
            self._state_attrs = tuple(attrs)
            self.state_names = tuple(names)
            self.update = self._update_general     # bound once: the plain loop has no test

    def init(self, params):
        super().init(params)
        # the general path's slots: (name, s, g or None, v or None, scratch)
        g = getattr(self, "g", None) if self.centered else None
        v = getattr(self, "v", None) if self._uses_momentum else None
        self._general = tuple((slot[0], slot[1], g[slot[0]] if g is not None else None,
                               v[slot[0]] if v is not None else None, slot[-1]) for slot in self._slots)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        beta, c, eps, lr = self._beta, self._c, self._eps, self._lr
        lr[()] = learning_rate
        multiply, sqrt, divide = np.multiply, np.sqrt, np.divide
        for name, s, buf in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, g, out=buf)
            buf *= c
            s *= beta
            s += buf
            sqrt(s, out=buf)
            buf += eps
            divide(g, buf, out=buf)
            buf *= lr
            p -= buf

    def _update_general(self, params, grads, t, learning_rate):
        """Centered and/or with momentum (``update`` of such an optimizer): the same steps as the
        plain loop, plus g and v."""
        self.t = t
        beta, c, eps, mu, lr, zero = self._beta, self._c, self._eps, self._mu, self._lr, self._zero
        lr[()] = learning_rate
        centered, momentum = self.centered, self._uses_momentum
        multiply, sqrt, divide, subtract, maximum = np.multiply, np.sqrt, np.divide, np.subtract, np.maximum
        for name, s, g_avg, v, buf in self._general:
            p = params[name]
            g = grads[name]
            multiply(g, g, out=buf)
            buf *= c
            s *= beta
            s += buf                               # s = β·s + (1 − β)·dW²
            if centered:
                multiply(g, c, out=buf)
                g_avg *= beta
                g_avg += buf                       # g = β·g + (1 − β)·dW
                multiply(g_avg, g_avg, out=buf)
                subtract(s, buf, out=buf)
                maximum(buf, zero, out=buf)        # max(s − g², 0)
                sqrt(buf, out=buf)
            else:
                sqrt(s, out=buf)
            buf += eps
            divide(g, buf, out=buf)                # dW/(√s + ε)
            if momentum:
                v *= mu
                v += buf                           # v = μ·v + dW/(√s + ε)
                multiply(v, lr, out=buf)
            else:
                buf *= lr
            p -= buf

    def effective_step(self, learning_rate):
        if self.centered:
            return {name: learning_rate / (np.sqrt(np.maximum(s - self.g[name] ** 2, 0.0)) + self.epsilon)
                    for name, s in self.s.items()}
        return {name: learning_rate / (np.sqrt(s) + self.epsilon) for name, s in self.s.items()}


class Adam(_ArrayOptimizer):
    """Adam: momentum on the gradient (v) and RMSprop on its square (s), bias-corrected.

    Update rule::

        v = β1·v + (1 − β1)·dW
        s = β2·s + (1 − β2)·dW²
        v^corrected = v/(1 − β1^t)
        s^corrected = s/(1 − β2^t)
        W = W − α·v^corrected/√(s^corrected + ε)
        (epsilon_inside_root off: W = W − α·v^corrected/(√s^corrected + ε))
        (bias_correction off: v^corrected = v, s^corrected = s)

    t counts the updates from 1. The default places ε inside the root, as the notebook's
    formula does: that is what reproduces the notebook's expected output for the Adam test case
    (W2[2][1] = −1.09245036 and b2[0] = −0.88529978; with ε outside they come out −1.09244991
    and −0.88529979). ``epsilon_inside_root=False`` is torch.optim.Adam and the lecture notes'
    code; ``bias_correction=False`` with ε inside the root is the homework's Adam. A
    weight_decay λ > 0 is applied by the shared weight-decay step before this update
    (dW + λ·W is used as dW, torch's coupled L2 form).
    """

    state_names = (("v", "velocity v"), ("s", "squared-gradient average s"))
    _state_attrs = ("v", "s")
    _n_scratch = 1

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 bias_correction: bool = True, epsilon_inside_root: bool = True, rows: int | None = None) -> None:
        super().__init__(rows)
        self.beta1 = _hyper(beta1, rows, "beta1")
        self.beta2 = _hyper(beta2, rows, "beta2")
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self.bias_correction = bool(bias_correction)
        self.epsilon_inside_root = bool(epsilon_inside_root)
        self._b1, self._c1 = _const(self.beta1), _const(1.0 - self.beta1)
        self._b2, self._c2 = _const(self.beta2), _const(1.0 - self.beta2)
        if rows is not None:
            self._pow1, self._pow2 = _Powers(self.beta1), _Powers(self.beta2)

    def _corrections(self, t):
        """(1 − β1^t, 1 − β2^t), or (1, 1) without bias correction; (k, 1) columns for a stack."""
        if self.rows is not None:
            if self.bias_correction and t > 0:
                return 1.0 - self._pow1(t), 1.0 - self._pow2(t)
            ones = np.ones((self.rows, 1))
            return ones, ones
        if self.bias_correction and t > 0:
            return 1.0 - self.beta1 ** t, 1.0 - self.beta2 ** t
        return 1.0, 1.0

    def update(self, params, grads, t, learning_rate):
        self.t = t
        b1, b2, c1, c2 = self._b1, self._b2, self._c1, self._c2
        bc1, bc2 = self._corrections(t)
        # v^c/(√s^c + ε) = (√bc2/bc1)·v/(√s + ε·√bc2);  v^c/√(s^c + ε) = (√bc2/bc1)·v/√(s + ε·bc2)
        step, eps = self._k1, self._k2
        inside = self.epsilon_inside_root
        if self.rows is None:
            root_bc2 = math.sqrt(bc2)
            step[()] = learning_rate * root_bc2 / bc1
            eps[()] = self.epsilon * (bc2 if inside else root_bc2)
        else:  # the same arithmetic, row by row, on (k, 1) columns
            root_bc2 = np.sqrt(bc2)
            np.multiply(learning_rate, root_bc2, out=step)
            step /= bc1
            np.multiply(self.epsilon, bc2 if inside else root_bc2, out=eps)
        multiply, sqrt, divide, add = np.multiply, np.sqrt, np.divide, np.add
        for name, v, s, buf in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, c1, out=buf)
            v *= b1
            v += buf
            multiply(g, g, out=buf)
            buf *= c2
            s *= b2
            s += buf
            if inside:
                add(s, eps, out=buf)
                sqrt(buf, out=buf)
            else:
                sqrt(s, out=buf)
                buf += eps
            divide(v, buf, out=buf)
            buf *= step
            p -= buf

    def effective_step(self, learning_rate):
        _bc1, bc2 = self._corrections(self.t)
        eps = self.epsilon
        if self.epsilon_inside_root:
            return {name: learning_rate / np.sqrt(s / bc2 + eps) for name, s in self.s.items()}
        return {name: learning_rate / (np.sqrt(s / bc2) + eps) for name, s in self.s.items()}


class Adagrad(_ArrayOptimizer):
    """Adagrad: divide by the root of the sum of all past squared gradients.

    Update rule::

        s = s + dW²
        α_t = α/(1 + (t − 1)·d)   (d: lr_decay)
        W = W − α_t·dW/(√s + ε)

    As torch.optim.Adagrad(lr_decay=d, initial_accumulator_value=s₀, eps=ε): s starts at
    initial_accumulator_value s₀ (0), ε = 1e-10, t counts the updates from 1. Because s only
    grows, the effective step α_t/(√s + ε) keeps shrinking; lr_decay makes it shrink faster. A
    weight_decay λ > 0 is applied by the shared weight-decay step before this update (dW + λ·W is
    used as dW).
    """

    state_names = (("s", "sum of squared gradients s"),)
    _state_attrs = ("s",)
    _n_scratch = 1

    def __init__(self, epsilon: float = 1e-10, initial_accumulator_value: float = 0.0, lr_decay: float = 0.0,
                 rows: int | None = None) -> None:
        super().__init__(rows)
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self.initial_accumulator_value = _hyper(initial_accumulator_value, rows, "initial_accumulator_value")
        self.lr_decay = _hyper(lr_decay, rows, "lr_decay")
        self._eps = _const(self.epsilon)
        if np.any(self.lr_decay):
            self._clr = _per_call(rows)
            self.update = self._update_decayed     # bound once: without lr_decay, nothing is added

    def _initial_state(self, attr, p):
        return np.full_like(p, self.initial_accumulator_value)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        eps, lr = self._eps, self._lr
        lr[()] = learning_rate
        multiply, sqrt, divide = np.multiply, np.sqrt, np.divide
        for name, s, buf in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, g, out=buf)
            s += buf
            sqrt(s, out=buf)
            buf += eps
            divide(g, buf, out=buf)
            buf *= lr
            p -= buf

    def _update_decayed(self, params, grads, t, learning_rate):
        """``update`` with lr_decay: the same step with α_t = α/(1 + (t − 1)·lr_decay), torch's clr."""
        if self.rows is None:
            rate = learning_rate / (1.0 + (t - 1) * self.lr_decay)
        else:  # the same arithmetic on (k, 1) columns
            rate = self._clr
            np.multiply(t - 1, self.lr_decay, out=rate)
            rate += 1.0
            np.divide(learning_rate, rate, out=rate)
        Adagrad.update(self, params, grads, t, rate)

    def effective_step(self, learning_rate):
        """α_t/(√s + ε), α_t the rate of the latest update (α before any)."""
        rate = learning_rate / (1.0 + (max(self.t, 1) - 1) * self.lr_decay)
        return {name: rate / (np.sqrt(s) + self.epsilon) for name, s in self.s.items()}


class _StackedDecoupledDecay(DecoupledWeightDecay):
    """The shared decoupled decay for a stack: W = W·(1 − α·λ) on (k, 1) columns α and λ, the very
    arithmetic of :class:`~optstudio.core.optim.DecoupledWeightDecay` row by row (a row with λ = 0
    is multiplied by exactly 1)."""

    def __init__(self, weight_decay: np.ndarray, rows: int) -> None:
        self.weight_decay = weight_decay
        self._factor = np.ones((rows, 1))
        self._names: tuple[str, ...] = ()

    def apply(self, params, grads, out, learning_rate):
        factor = self._factor
        np.multiply(learning_rate, self.weight_decay, out=factor)
        np.subtract(1.0, factor, out=factor)
        for name in self._names:
            p = params[name]
            p *= factor
        return grads


def _decoupled_decay(weight_decay, rows: int | None) -> DecoupledWeightDecay | None:
    """W = W − α·λ·W before an optimizer's own step, for the optimizers whose decoupled λ is their
    own hyperparameter (AdamW, NAdam: so that runs differing in λ can be stacked): the shared
    :class:`~optstudio.core.optim.DecoupledWeightDecay` (W·(1 − α·λ), torch's
    ``p.mul_(1 - lr * weight_decay)``), its stacked version for ``rows`` runs, or ``None`` when λ
    is 0 (in every row) and there is nothing to do."""
    if not np.any(weight_decay):
        return None
    return DecoupledWeightDecay(weight_decay) if rows is None else _StackedDecoupledDecay(weight_decay, rows)


class AdamW(Adam):
    """AdamW: Adam with decoupled weight decay, exactly as torch.optim.AdamW (amsgrad off).

    Update rule::

        W = W − α·λ·W
        v = β1·v + (1 − β1)·dW
        s = β2·s + (1 − β2)·dW²
        v^corrected = v/(1 − β1^t)
        s^corrected = s/(1 − β2^t)
        W = W − α·v^corrected/(√s^corrected + ε)

    λ (weight_decay) shrinks the weights directly instead of being added to dW, so the decay is
    not divided by √s^corrected like the gradient is. The first line is the shared decoupled
    weight-decay step (:class:`~optstudio.core.optim.DecoupledWeightDecay`, ``W·(1 − α·λ)`` as
    torch computes it); the rest is :class:`Adam` with ε outside the root. λ = 0 is that Adam.
    """

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 weight_decay: float = 0.01, rows: int | None = None) -> None:
        super().__init__(beta1, beta2, epsilon, bias_correction=True, epsilon_inside_root=False, rows=rows)
        self.weight_decay = _hyper(weight_decay, rows, "weight_decay")
        self._decay = _decoupled_decay(self.weight_decay, rows)

    def init(self, params):
        super().init(params)
        if self._decay is not None:
            self._decay.init(params)

    def update(self, params, grads, t, learning_rate):
        decay = self._decay
        if decay is not None:
            decay.apply(params, grads, grads, learning_rate)  # W = W − α·λ·W
        Adam.update(self, params, grads, t, learning_rate)


class Adamax(_ArrayOptimizer):
    """Adamax: Adam with the root mean square replaced by a decaying maximum of |dW|.

    Update rule::

        v = β1·v + (1 − β1)·dW
        u = max(β2·u, |dW| + ε)
        W = W − α/(1 − β1^t)·v/u

    Exactly torch.optim.Adamax (ε = 1e-8 is added to |dW| inside the max). A weight_decay
    λ > 0 is applied by the shared weight-decay step before this update (dW + λ·W is used as dW).
    """

    state_names = (("v", "velocity v"), ("u", "decaying maximum of |dW| u"))
    _state_attrs = ("v", "u")
    _n_scratch = 1

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 rows: int | None = None) -> None:
        super().__init__(rows)
        self.beta1 = _hyper(beta1, rows, "beta1")
        self.beta2 = _hyper(beta2, rows, "beta2")
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self._b1, self._c1 = _const(self.beta1), _const(1.0 - self.beta1)
        self._b2 = _const(self.beta2)
        self._eps = _const(self.epsilon)
        if rows is not None:
            self._pow1 = _Powers(self.beta1)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        b1, b2, c1, eps = self._b1, self._b2, self._c1, self._eps
        step = self._k1
        if self.rows is None:
            step[()] = learning_rate / (1.0 - self.beta1 ** t)
        else:
            np.subtract(1.0, self._pow1(t), out=step)
            np.divide(learning_rate, step, out=step)
        multiply, absolute, maximum, divide = np.multiply, np.absolute, np.maximum, np.divide
        for name, v, u, buf in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, c1, out=buf)
            v *= b1
            v += buf
            absolute(g, out=buf)
            buf += eps
            u *= b2
            maximum(u, buf, out=u)
            divide(v, u, out=buf)
            buf *= step
            p -= buf

    def effective_step(self, learning_rate):
        bc1 = 1.0 - self.beta1 ** self.t if self.t > 0 else 1.0
        eps = self.epsilon
        return {name: learning_rate / (bc1 * np.maximum(u, eps)) for name, u in self.u.items()}


class NAdam(_ArrayOptimizer):
    """NAdam: Adam with Nesterov momentum, exactly as torch.optim.NAdam.

    Update rule::

        μ_t = β1·(1 − ½·0.96^(t·ψ))
        (ψ = momentum_decay)
        v = β1·v + (1 − β1)·dW
        s = β2·s + (1 − β2)·dW²
        s^corrected = s/(1 − β2^t)
        W = W − α·(1 − μ_t)/(1 − μ_1⋯μ_t)
              ·dW/(√s^corrected + ε)
            − α·μ_(t+1)/(1 − μ_1⋯μ_(t+1))
              ·v/(√s^corrected + ε)
        (decoupled λ > 0: first W = W − α·λ·W)

    The first term is the bias-corrected current gradient, the second the velocity looked one
    step ahead. torch's defaults: ψ = 4e-3, weight decay 0. Two weight decays, as torch has:
    a weight_decay λ > 0 is applied by the shared weight-decay step before this update (coupled:
    dW + λ·W is used as dW, torch's NAdam(weight_decay=λ)); a decoupled_weight_decay λ > 0 shrinks
    the weights by W·(1 − α·λ) before the update and leaves dW alone (torch's
    NAdam(weight_decay=λ, decoupled_weight_decay=True), "NAdamW", as AdamW does for Adam).
    """

    state_names = (("v", "velocity v"), ("s", "squared-gradient average s"))
    _state_attrs = ("v", "s")
    _n_scratch = 2

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 momentum_decay: float = 4e-3, decoupled_weight_decay: float = 0.0,
                 rows: int | None = None) -> None:
        super().__init__(rows)
        self.beta1 = _hyper(beta1, rows, "beta1")
        self.beta2 = _hyper(beta2, rows, "beta2")
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self.momentum_decay = _hyper(momentum_decay, rows, "momentum_decay")
        self.decoupled_weight_decay = _hyper(decoupled_weight_decay, rows, "decoupled_weight_decay")
        self._decay = _decoupled_decay(self.decoupled_weight_decay, rows)
        if self._decay is not None:
            self.update = self._update_decayed     # bound once: without decay, nothing is added
        self._b1, self._c1 = _const(self.beta1), _const(1.0 - self.beta1)
        self._b2, self._c2 = _const(self.beta2), _const(1.0 - self.beta2)
        self._ratio = _per_call(rows)
        self._mu_product = 1.0   # μ_1⋯μ_t for t = self._mu_t
        self._mu_t = 0
        if rows is not None:
            self._pow2 = _Powers(self.beta2)
            psi = self.momentum_decay.ravel().tolist()
            self._psi = list(dict.fromkeys(psi))
            self._psi_index = np.array([self._psi.index(v) for v in psi], dtype=np.intp)
            self._mu_cache: dict = {}

    def init(self, params):
        super().init(params)
        self._mu_product = 1.0
        self._mu_t = 0
        if self._decay is not None:
            self._decay.init(params)

    def _mu(self, t):
        if self.rows is not None:
            cached = self._mu_cache.get(t)
            if cached is not None:
                return cached
            # 0.96^(t·ψ) with Python's ** once per distinct ψ, as the single optimizer computes it
            powers = [0.96 ** (t * psi) for psi in self._psi]
            if len(powers) == 1:
                power = np.full((self.rows, 1), powers[0])
            else:
                power = np.array(powers)[self._psi_index].reshape(-1, 1)
            mu = self.beta1 * (1.0 - 0.5 * power)
            if len(self._mu_cache) > 4:
                self._mu_cache.clear()
            self._mu_cache[t] = mu
            return mu
        return self.beta1 * (1.0 - 0.5 * 0.96 ** (t * self.momentum_decay))

    def _mu_product_at(self, t):
        """μ_1⋯μ_t, updated incrementally; recomputed from scratch if t jumped."""
        if t == self._mu_t:
            return self._mu_product
        if t == self._mu_t + 1:
            product = self._mu_product * self._mu(t)
        else:
            product = 1.0
            for i in range(1, t + 1):
                product *= self._mu(i)
        self._mu_product, self._mu_t = product, t
        return product

    def _update_decayed(self, params, grads, t, learning_rate):
        """``update`` with decoupled decay: W = W − α·λ·W, then the NAdam step."""
        self._decay.apply(params, grads, grads, learning_rate)
        NAdam.update(self, params, grads, t, learning_rate)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        b1, b2, c1, c2 = self._b1, self._b2, self._c1, self._c2
        mu = self._mu(t)
        mu_next = self._mu(t + 1)
        product = self._mu_product_at(t)
        if self.rows is not None:
            self._row_numbers(learning_rate, mu, mu_next, product, np.sqrt(1.0 - self._pow2(t)))
        else:
            self._numbers(learning_rate, mu, mu_next, product, math.sqrt(1.0 - self.beta2 ** t))
        step, eps, ratio = self._k1, self._k2, self._ratio
        multiply, sqrt, divide = np.multiply, np.sqrt, np.divide
        for name, v, s, buf, den in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, c1, out=buf)
            v *= b1
            v += buf
            multiply(g, g, out=buf)
            buf *= c2
            s *= b2
            s += buf
            multiply(v, ratio, out=buf)
            buf += g
            buf *= step
            sqrt(s, out=den)
            den += eps
            divide(buf, den, out=buf)
            p -= buf

    def _numbers(self, learning_rate, mu, mu_next, product, root_bc2):
        # dW/(√s^c + ε) = √bc2·dW/(√s + ε·√bc2); both terms share the denominator:
        # W −= coef_g·(dW + (coef_v/coef_g)·v)/(√s + ε·√bc2)
        coef_g = learning_rate * (1.0 - mu) / (1.0 - product) * root_bc2
        coef_v = learning_rate * mu_next / (1.0 - product * mu_next) * root_bc2
        step, eps, ratio = self._k1, self._k2, self._ratio
        step[()] = coef_g
        ratio[()] = coef_v / coef_g
        eps[()] = self.epsilon * root_bc2

    def _row_numbers(self, learning_rate, mu, mu_next, product, root_bc2):
        """:meth:`_numbers` on (k, 1) columns, operation by operation."""
        coef_g = learning_rate * (1.0 - mu) / (1.0 - product) * root_bc2
        coef_v = learning_rate * mu_next / (1.0 - product * mu_next) * root_bc2
        self._k1[...] = coef_g
        np.divide(coef_v, coef_g, out=self._ratio)
        np.multiply(self.epsilon, root_bc2, out=self._k2)

    def effective_step(self, learning_rate):
        bc2 = 1.0 - self.beta2 ** self.t if self.t > 0 else 1.0
        return {name: learning_rate / (np.sqrt(s / bc2) + self.epsilon) for name, s in self.s.items()}


class AMSGrad(_ArrayOptimizer):
    """AMSGrad: Adam whose squared-gradient average never shrinks, as torch.optim.Adam(amsgrad=True).

    Update rule::

        v = β1·v + (1 − β1)·dW
        s = β2·s + (1 − β2)·dW²
        s_max = max(s_max, s)
        v^corrected = v/(1 − β1^t)
        s^corrected = s_max/(1 − β2^t)
        W = W − α·v^corrected/(√s^corrected + ε)

    Like torch, the maximum is kept of the uncorrected s, and the bias correction is applied to
    s_max afterwards. A weight_decay λ > 0 is applied by the shared weight-decay step before
    this update (dW + λ·W is used as dW).
    """

    state_names = (("v", "velocity v"), ("s", "squared-gradient average s"),
                   ("s_max", "largest squared-gradient average s_max"))
    _state_attrs = ("v", "s", "s_max")
    _n_scratch = 1

    def __init__(self, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8,
                 rows: int | None = None) -> None:
        super().__init__(rows)
        self.beta1 = _hyper(beta1, rows, "beta1")
        self.beta2 = _hyper(beta2, rows, "beta2")
        self.epsilon = _hyper(epsilon, rows, "epsilon")
        self._b1, self._c1 = _const(self.beta1), _const(1.0 - self.beta1)
        self._b2, self._c2 = _const(self.beta2), _const(1.0 - self.beta2)
        if rows is not None:
            self._pow1, self._pow2 = _Powers(self.beta1), _Powers(self.beta2)

    def update(self, params, grads, t, learning_rate):
        self.t = t
        b1, b2, c1, c2 = self._b1, self._b2, self._c1, self._c2
        step, eps = self._k1, self._k2
        if self.rows is None:
            bc1 = 1.0 - self.beta1 ** t
            root_bc2 = math.sqrt(1.0 - self.beta2 ** t)
            step[()] = learning_rate * root_bc2 / bc1
            eps[()] = self.epsilon * root_bc2
        else:
            bc1 = 1.0 - self._pow1(t)
            root_bc2 = np.sqrt(1.0 - self._pow2(t))
            np.multiply(learning_rate, root_bc2, out=step)
            step /= bc1
            np.multiply(self.epsilon, root_bc2, out=eps)
        multiply, sqrt, divide, maximum = np.multiply, np.sqrt, np.divide, np.maximum
        for name, v, s, s_max, buf in self._slots:
            p = params[name]
            g = grads[name]
            multiply(g, c1, out=buf)
            v *= b1
            v += buf
            multiply(g, g, out=buf)
            buf *= c2
            s *= b2
            s += buf
            maximum(s_max, s, out=s_max)
            sqrt(s_max, out=buf)
            buf += eps
            divide(v, buf, out=buf)
            buf *= step
            p -= buf

    def effective_step(self, learning_rate):
        bc2 = 1.0 - self.beta2 ** self.t if self.t > 0 else 1.0
        return {name: learning_rate / (np.sqrt(m / bc2) + self.epsilon) for name, m in self.s_max.items()}


# ---------------------------------------------------------------------------------------------
# Hyperparameter specs and descriptors
# ---------------------------------------------------------------------------------------------


def _beta(default: float, help_text: str, name: str = "beta", label: str = "β") -> ParamSpec:
    return ParamSpec(name, default, min=0.0, max=0.9999, help=help_text, label=label)


def _beta1() -> ParamSpec:
    return _beta(0.9, "β1: how much of the old velocity v is kept each step (momentum of the "
                      "gradient average). 0.9 averages about the last 10 gradients.",
                 name="beta1", label="β1")


def _beta2() -> ParamSpec:
    return _beta(0.999, "β2: how much of the old squared-gradient average is kept each step. "
                        "0.999 averages about the last 1000 squared gradients.",
                 name="beta2", label="β2")


def _epsilon(default: float = 1e-8) -> ParamSpec:
    return ParamSpec("epsilon", default, min=1e-16, max=1e-1, log=True, label="ε",
                     help="ε: a tiny number added to the denominator so we never divide by zero. "
                          "Rarely needs changing.")


#: NAdam's own decoupled weight decay: the shared spec's name, range and label, so forms, ``--set``
#: and files are unchanged, but the optimizer's own parameter (a spec that is not the shared one,
#: see :class:`~optstudio.core.optim.OptimizerInfo`), so that runs differing in λ can be stacked.
_NADAM_DECOUPLED_WEIGHT_DECAY = dataclasses.replace(
    DECOUPLED_WEIGHT_DECAY,
    help="λ: each step the weights are multiplied by (1 − α·λ) before the NAdam step, independently of "
         "the gradient: torch's NAdam(weight_decay=λ, decoupled_weight_decay=True), NAdamW. 0 switches "
         "it off; typical values are 1e-4 to 1e-1.")


# ---------------------------------------------------------------------------------------------
# Translations: the built-ins go through the same door as any plugin (OptimizerInfo.translations)
# ---------------------------------------------------------------------------------------------
# Terms of the course's Chinese lecture notes (动量, 指数加权平均, 偏差修正, 学习率, 权重衰减 …);
# formulas and names (Adam, RMSprop, torch) stay as they are.

_ZH_BETA1 = {"label": "β1", "help": "β1：每一步保留多少旧的速度 v（梯度平均的动量）。0.9 大约平均最近 10 个梯度。"}
_ZH_BETA2 = {"label": "β2", "help": "β2：每一步保留多少旧的梯度平方平均。0.999 大约平均最近 1000 个梯度平方。"}
_ZH_EPSILON = {"label": "ε", "help": "ε：加到分母上的一个极小的数，避免除以零。很少需要修改。"}
_ZH_WEIGHT_DECAY = {"label": "λ（权重衰减）",
                    "help": "λ：把 L2 正则化加到梯度上（dW + λ·W），与 torch 相同。0 表示关闭；常用值为 1e-5 到 1e-2。"}

_ZH_OPTIMIZERS: dict[str, dict] = {
    "gd": {
        "label": "梯度下降",
        "description": "普通的梯度下降：沿梯度的反方向走一步。是批量、小批量还是随机梯度下降由小批量大小决定，"
                       "而不是由更新规则决定。",
    },
    "momentum": {
        "label": "动量梯度下降",
        "description": "对梯度的指数加权平均做梯度下降：使路径更平滑，减小振荡。",
        "params": {
            "beta": {"label": "β", "help": "β：每一步保留多少上一步的速度。0 即普通梯度下降；0.9 大约平均最近 10 个梯度。"},
            "form": {"label": "形式",
                     "help": "average：v = β·v + (1 − β)·dW（课程的形式）。sum：v = β·v + dW，讲义中的另一种形式；"
                             "步长大约大 1/(1 − β) 倍，因此要相应调低 α。"},
        },
    },
    "nesterov": {
        "label": "Nesterov 动量",
        "description": "向前看一步的动量：即 torch.optim.SGD 的 nesterov=True，或讲义的形式——在前瞻点 W − α·β·v "
                       "处计算梯度。",
        "params": {
            "beta": {"label": "β", "help": "β：每一步保留多少上一步的速度。速度是累加和 v = β·v + dW，所以步长大约是"
                                           "普通梯度下降的 1/(1 − β) 倍。"},
            "form": {"label": "形式",
                     "help": "torch：v = β·v + dW，W = W − α·(dW + β·v)（torch.optim.SGD，nesterov=True）。"
                             "lookahead：讲义的 v = β·v + ∇J(W − α·β·v)，W = W − α·v；网络保存的是前瞻点 "
                             "W − α·β·v，所以两种形式训练出相同的权重（仅有舍入误差）；这种形式还在状态中保存 W。"},
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
    "rmsprop": {
        "label": "RMSprop",
        "description": "把每个梯度分量除以它最近的均方值的平方根，使振荡的方向步长变小。",
        "params": {
            "beta": {"label": "β", "help": "β：每一步保留多少旧的梯度平方平均 s。0.9 大约平均最近 10 个梯度平方。"},
            "epsilon": _ZH_EPSILON,
            "centered": {"label": "中心化",
                         "help": "除以 √(s − g²)（dW 标准差的估计，g 是梯度的平均）而不是 √s：即 torch 的 "
                                 "centered=True。稳定的梯度因此得到更大的步长。"},
            "momentum": {"label": "μ（动量）",
                         "help": "μ：对缩放后的步长加动量，v = μ·v + dW/(√s + ε)，W = W − α·v（torch 的 momentum）。"
                                 "0 表示关闭；常用 0.9。"},
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
    "adam": {
        "label": "Adam",
        "description": "动量加 RMSprop，并做偏差修正：每个参数有自己的自适应步长。通常 α = 0.001 效果就很好。",
        "params": {
            "beta1": _ZH_BETA1,
            "beta2": _ZH_BETA2,
            "epsilon": _ZH_EPSILON,
            "bias_correction": {"label": "偏差修正",
                                "help": "把 v 除以 (1 − β1^t)、s 除以 (1 − β2^t)，使最初几步不会太小（平均值从 0 开始）。"
                                        "关闭 = 作业中的 Adam。"},
            "epsilon_inside_root": {"label": "ε 在根号内",
                                    "help": "开：除以 √(s^corrected + ε)，即 notebook 的公式（复现其预期输出）。"
                                            "关：除以 √s^corrected + ε，与 torch 和讲义中的代码一致。"},
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
    "adagrad": {
        "label": "Adagrad",
        "description": "除以过去所有梯度平方之和的平方根：每个参数的步长只会越来越小（torch.optim.Adagrad）。",
        "params": {
            "epsilon": _ZH_EPSILON,
            "initial_accumulator_value": {"label": "s 的初始值",
                                          "help": "累加和 s 的初始值。0 与 torch 相同；正值会使最初几步更小。"},
            "lr_decay": {"label": "学习率衰减 d",
                         "help": "d：第 t 次更新的学习率为 α/(1 + (t − 1)·d)，即 torch 的 lr_decay。0 表示关闭；"
                                 "可试 1e-4 到 1e-2。"},
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
    "adamw": {
        "label": "AdamW",
        "description": "带解耦权重衰减的 Adam：每一步权重缩小 α·λ，与梯度无关（torch.optim.AdamW）。",
        "params": {
            "beta1": _ZH_BETA1,
            "beta2": _ZH_BETA2,
            "epsilon": _ZH_EPSILON,
            "weight_decay": {"label": "λ（权重衰减）",
                             "help": "λ：每一步在 Adam 更新之前把权重乘以 (1 − α·λ)（解耦衰减）。λ 越大，权重越小；"
                                     "0 表示关闭（此时就是 ε 在根号外的 Adam）。"},
        },
    },
    "adamax": {
        "label": "Adamax",
        "description": "把 Adam 中的均方根换成 |dW| 的衰减最大值（torch.optim.Adamax）。",
        "params": {
            "beta1": _ZH_BETA1,
            "beta2": {"label": "β2", "help": "β2：记住的 |dW| 最大值 u 每一步衰减的快慢。"},
            "epsilon": _ZH_EPSILON,
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
    "nadam": {
        "label": "NAdam",
        "description": "带 Nesterov 动量的 Adam：速度向前看一步（torch.optim.NAdam）。",
        "params": {
            "beta1": _ZH_BETA1,
            "beta2": _ZH_BETA2,
            "epsilon": _ZH_EPSILON,
            "momentum_decay": {"label": "ψ（动量衰减）",
                               "help": "ψ：动量因子 μ_t 从 β1/2 升到 β1 的快慢。torch 的默认值 0.004 几乎总是合适的。"},
            "weight_decay": _ZH_WEIGHT_DECAY,
            "decoupled_weight_decay": {
                "label": "λ（解耦衰减）",
                "help": "λ：每一步在 NAdam 更新之前把权重乘以 (1 − α·λ)，与梯度无关：即 torch 的 "
                        "NAdam(weight_decay=λ, decoupled_weight_decay=True)，NAdamW。0 表示关闭；常用值为 1e-4 到 1e-1。"},
        },
    },
    "amsgrad": {
        "label": "AMSGrad",
        "description": "保留迄今最大的梯度平方平均的 Adam，因此参数的步长不会再变大（torch.optim.Adam，amsgrad=True）。",
        "params": {
            "beta1": _ZH_BETA1,
            "beta2": _ZH_BETA2,
            "epsilon": _ZH_EPSILON,
            "weight_decay": _ZH_WEIGHT_DECAY,
        },
    },
}


# The update rules stay as they are; only the words around them are translated (a formula whose
# text has none is shown as it is).
_ZH_FORMULAS = {
    "momentum": "v = β·v + (1 − β)·dW\nW = W − α·v\n（form \"sum\"：v = β·v + dW，相当于 \"average\" 形式取 α/(1 − β) 作 α）",
    "nesterov": ("v = β·v + dW\nW = W − α·(dW + β·v)\n（form \"lookahead\"，即课程讲义的形式：\n v = β·v + ∇J(W − α·β·v)\n"
                 " W = W − α·v\n 网络保存的是 Θ = W − α·β·v，\n 即计算 dW 的那个点，并且\n"
                 " Θ = Θ − α·(dW + β·v)：就是上面的形式）"),
    "rmsprop": ("s = β·s + (1 − β)·dW²\nW = W − α·dW/(√s + ε)\n（centered：g = β·g + (1 − β)·dW，\n"
                " 用 √(s − g²) 代替 √s）\n（动量 μ > 0 时：\n v = μ·v + dW/(√s + ε)，W = W − α·v）"),
    "adam": ("v = β1·v + (1 − β1)·dW\ns = β2·s + (1 − β2)·dW²\nv^corrected = v/(1 − β1^t)\ns^corrected = s/(1 − β2^t)\n"
             "W = W − α·v^corrected/√(s^corrected + ε)\n"
             "（epsilon_inside_root 关闭时：W = W − α·v^corrected/(√s^corrected + ε)）\n"
             "（bias_correction 关闭时：v^corrected = v，s^corrected = s）"),
    "nadam": ("μ_t = β1·(1 − ½·0.96^(t·ψ))\n（ψ = momentum_decay）\nv = β1·v + (1 − β1)·dW\ns = β2·s + (1 − β2)·dW²\n"
              "s^corrected = s/(1 − β2^t)\nW = W − α·(1 − μ_t)/(1 − μ_1⋯μ_t)\n      ·dW/(√s^corrected + ε)\n"
              "    − α·μ_(t+1)/(1 − μ_1⋯μ_(t+1))\n      ·v/(√s^corrected + ε)\n（解耦 λ > 0 时：先做 W = W − α·λ·W）"),
}


def _translations(name: str) -> dict:
    """The ``translations`` of built-in optimizer ``name`` (one table per language)."""
    table = dict(_ZH_OPTIMIZERS[name])
    if name in _ZH_FORMULAS:
        table["formula"] = _ZH_FORMULAS[name]
    return {"zh_CN": table}


def _descriptors() -> list[OptimizerInfo]:
    return [
        OptimizerInfo(
            name="gd",
            label="Gradient descent",
            description="Plain gradient descent: step against the gradient. Batch, mini-batch or "
                        "stochastic GD is decided by the batch size, not by the update rule.",
            formula=formula_of(GradientDescent),
            factory=GradientDescent,
            translations=_translations("gd"),
            params=(),
            default_learning_rate=0.01,
            stackable=True,
        ),
        OptimizerInfo(
            name="momentum",
            label="Momentum",
            description="Gradient descent on an exponentially weighted average of the gradients: "
                        "smooths the path and damps oscillations.",
            formula=formula_of(Momentum),
            factory=Momentum,
            translations=_translations("momentum"),
            params=(
                _beta(0.9, "β: how much of the previous velocity is kept each step. 0 is plain "
                           "gradient descent; 0.9 averages about the last 10 gradients."),
                ParamSpec("form", "average", kind="choice", choices=("average", "sum"), label="form",
                          help="average: v = β·v + (1 − β)·dW (the course's form). sum: v = β·v + dW, "
                               "the other form in the lecture notes; it makes steps about 1/(1 − β) "
                               "times larger, so lower α accordingly."),
            ),
            default_learning_rate=0.01,
            stackable=True,
        ),
        OptimizerInfo(
            name="nesterov",
            label="Nesterov momentum",
            description="Momentum that looks one step ahead: torch.optim.SGD with nesterov=True, or the "
                        "lecture's form with the gradient taken at the look-ahead point W − α·β·v.",
            formula=formula_of(Nesterov),
            factory=Nesterov,
            translations=_translations("nesterov"),
            params=(
                _beta(0.9, "β: how much of the previous velocity is kept each step. The velocity "
                           "is a sum, v = β·v + dW, so steps are about 1/(1 − β) times larger "
                           "than plain gradient descent."),
                ParamSpec("form", "torch", kind="choice", choices=("torch", "lookahead"), label="form",
                          help="torch: v = β·v + dW, W = W − α·(dW + β·v) (torch.optim.SGD, "
                               "nesterov=True). lookahead: the lecture's v = β·v + ∇J(W − α·β·v), "
                               "W = W − α·v; the network "
                               "holds the look-ahead point W − α·β·v, so both forms train the same "
                               "weights (up to rounding); this one also keeps W in its state."),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.01,
            stackable=True,
        ),
        OptimizerInfo(
            name="rmsprop",
            label="RMSprop",
            description="Divides each gradient component by the root of its recent mean square, "
                        "so directions that oscillate get smaller steps.",
            formula=formula_of(RMSprop),
            factory=RMSprop,
            translations=_translations("rmsprop"),
            params=(
                _beta(0.9, "β: how much of the old squared-gradient average s is kept each step. "
                           "0.9 averages about the last 10 squared gradients."),
                _epsilon(),
                ParamSpec("centered", False, kind="bool", label="centered",
                          help="Divide by √(s − g²), an estimate of the standard deviation of dW (g is the "
                               "average gradient), instead of √s: torch's centered=True. Steady "
                               "gradients then get larger steps."),
                ParamSpec("momentum", 0.0, min=0.0, max=0.9999, label="μ (momentum)",
                          help="μ: momentum on the scaled steps, v = μ·v + dW/(√s + ε) and W = W − α·v "
                               "(torch's momentum). 0 switches it off; 0.9 is common."),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.001,
            stackable=True,
        ),
        OptimizerInfo(
            name="adam",
            label="Adam",
            description="Momentum plus RMSprop with bias correction: one adaptive step size per "
                        "parameter. Usually works well with α = 0.001.",
            formula=formula_of(Adam),
            factory=Adam,
            translations=_translations("adam"),
            params=(
                _beta1(),
                _beta2(),
                _epsilon(),
                ParamSpec("bias_correction", True, kind="bool", label="bias correction",
                          help="Divide v by (1 − β1^t) and s by (1 − β2^t) so the first steps are not "
                               "too small (the averages start at 0). Off = the homework's Adam."),
                ParamSpec("epsilon_inside_root", True, kind="bool", label="ε inside the root",
                          help="On: divide by √(s^corrected + ε), the notebook's formula (reproduces its "
                               "expected output). Off: divide by √s^corrected + ε, as torch and the "
                               "lecture notes' code do."),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.001,
            stackable=True,
        ),
        OptimizerInfo(
            name="adagrad",
            label="Adagrad",
            description="Divides by the root of the sum of all past squared gradients: the step "
                        "size of each parameter only ever shrinks (torch.optim.Adagrad).",
            formula=formula_of(Adagrad),
            factory=Adagrad,
            translations=_translations("adagrad"),
            params=(
                _epsilon(1e-10),
                ParamSpec("initial_accumulator_value", 0.0, min=0.0, max=10.0, label="initial s",
                          help="Starting value of the running sum s. 0 as in torch; a positive value "
                               "makes the very first steps smaller."),
                ParamSpec("lr_decay", 0.0, min=0.0, max=1.0, label="lr decay d",
                          help="d: the learning rate of update t is α/(1 + (t − 1)·d), torch's lr_decay. "
                               "0 switches it off; try 1e-4 to 1e-2."),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.01,
            stackable=True,
        ),
        OptimizerInfo(
            name="adamw",
            label="AdamW",
            description="Adam with decoupled weight decay: the weights shrink by α·λ each step, "
                        "independently of the gradient (torch.optim.AdamW).",
            formula=formula_of(AdamW),
            factory=AdamW,
            translations=_translations("adamw"),
            params=(
                _beta1(),
                _beta2(),
                _epsilon(),
                ParamSpec("weight_decay", 0.01, min=0.0, max=1.0, label="λ (weight decay)",
                          help="λ: each step the weights are multiplied by (1 − α·λ) before the Adam "
                               "step (decoupled decay). Larger λ keeps the weights smaller; 0 switches "
                               "it off (then it is Adam with ε outside the root)."),
            ),
            default_learning_rate=0.001,
            native=("decoupled_weight_decay",),  # its own weight_decay is the decoupled decay
            stackable=True,
        ),
        OptimizerInfo(
            name="adamax",
            label="Adamax",
            description="Adam with the root mean square replaced by a decaying maximum of |dW| "
                        "(torch.optim.Adamax).",
            formula=formula_of(Adamax),
            factory=Adamax,
            translations=_translations("adamax"),
            params=(
                _beta1(),
                _beta(0.999, "β2: how fast the remembered maximum u of |dW| decays each step.",
                      name="beta2", label="β2"),
                _epsilon(),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.002,
            stackable=True,
        ),
        OptimizerInfo(
            name="nadam",
            label="NAdam",
            description="Adam with Nesterov momentum: the velocity is looked one step ahead "
                        "(torch.optim.NAdam).",
            formula=formula_of(NAdam),
            factory=NAdam,
            translations=_translations("nadam"),
            params=(
                _beta1(),
                _beta2(),
                _epsilon(),
                ParamSpec("momentum_decay", 4e-3, min=1e-6, max=1.0, log=True, label="ψ (momentum decay)",
                          help="ψ: how fast the momentum factor μ_t warms up from β1/2 towards β1. "
                               "torch's default 0.004 is almost always fine."),
                WEIGHT_DECAY,
                _NADAM_DECOUPLED_WEIGHT_DECAY,
            ),
            default_learning_rate=0.002,
            stackable=True,
        ),
        OptimizerInfo(
            name="amsgrad",
            label="AMSGrad",
            description="Adam that keeps the largest squared-gradient average seen so far, so a "
                        "parameter's step size never grows back (torch.optim.Adam, amsgrad=True).",
            formula=formula_of(AMSGrad),
            factory=AMSGrad,
            translations=_translations("amsgrad"),
            params=(
                _beta1(),
                _beta2(),
                _epsilon(),
                WEIGHT_DECAY,
            ),
            default_learning_rate=0.001,
            stackable=True,
        ),
    ]


@hookimpl
def optstudio_optimizers() -> list[OptimizerInfo]:
    """The built-in optimizers: gd, momentum, nesterov, rmsprop, adam, adagrad, adamw, adamax, nadam, amsgrad."""
    return _descriptors()
