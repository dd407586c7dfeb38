"""Measurements taken between an engine's events: sharpness and per-layer statistics.

Nothing here runs unless asked: a :class:`Tracker` is given the events of
:meth:`Engine.steps() <optstudio.core.engine.Engine.steps>` by whoever iterates them (the CLI's
``--track``, a lab), and measures on each :class:`~optstudio.core.engine.EpochEvent`, at the
weights after the epoch's last update. Training itself is not touched: the measurements use a
copy of the network (:class:`~optstudio.core.hessian.Objective`).

Sharpness (``"sharpness"``)
    λ_max(H), the largest eigenvalue of the Hessian H = ∇²J(θ) of the training cost J (L2
    included, over the whole training set), by power iteration with Hessian-vector products,
    warm-started from the previous measurement's eigenvector. Under full-batch gradient descent
    with learning rate α the quadratic model is stable only while λ_max < 2/α; training pushes
    λ_max up to about 2/α and keeps it there: the edge of stability (Cohen et al., 2021,
    arXiv:2103.00065). Recorded: ``sharpness`` and ``two_over_alpha`` (2/α, α the epoch's rate).

    For an optimizer with a diagonal preconditioner (one whose ``effective_step`` gives the
    per-parameter step α/(√ŝ + ε): RMSprop, Adam, AdamW, AMSGrad, NAdam, Adamax, Adagrad)
    also the *preconditioned sharpness* of Cohen et al., 2022 ("Adaptive gradient methods at
    the edge of stability", arXiv:2207.14484)::

        P⁻¹ = diag(effective_step)/α          (Adam: P = diag(√ŝ + ε), ŝ = s/(1 − β2^t);
                                               with ε inside the root P = diag(√(ŝ + ε)))
        preconditioned sharpness = λ_max(P^(−1/2)·H·P^(−1/2))  (= the largest eigenvalue of P⁻¹·H)

    compared with ``preconditioned_threshold`` = (2 + 2·β1)/((1 − β1)·α) for an optimizer with
    a momentum β1 (38/α for β1 = 0.9), else 2/α. Cohen et al.'s P also has the factor
    (1 − β1^(t+1)), which is 1 after the first few dozen updates; it is left out.

Layers (``"layers"``)
    For every layer l: ``grad_norm`` ‖dW[l]‖ (Frobenius norm of the gradient of J over the whole
    training set, at the weights after the epoch), ``weight_norm`` ‖W[l]‖ and ``update_ratio``
    ‖ΔW[l]‖/‖W[l]‖, the size of the epoch's last update relative to the weights it changed
    (CS231n's rule of thumb: about 1e-3). The ratio needs the weights before that update, so the
    tracker also asks for the engine's mini-batch events (:attr:`Tracker.needs_steps`).

numpy only.
"""

from __future__ import annotations

import math
import time
from typing import Iterable, Sequence

import numpy as np

from optstudio.core.engine import EpochEvent, StepEvent
from optstudio.core.hessian import EigenEstimate, Objective, top_eigenvalue
from optstudio.core.i18n import translate

__all__ = ["TRACKS", "parse_tracks", "Tracker", "sharpness", "preconditioner", "preconditioned_threshold",
           "layer_stats"]

#: What a :class:`Tracker` can measure.
TRACKS = ("sharpness", "layers")


def parse_tracks(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"sharpness,layers"`` (or a list of names) → ``("sharpness", "layers")``; ValueError
    with one line for an unknown or missing name."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    names = []
    for part in parts:
        if not isinstance(part, str):
            raise ValueError(translate("probes", "a tracked quantity is a name, got {value}").format(value=repr(part)))
        name = part.strip().lower()
        if not name:
            continue
        if name not in TRACKS:
            raise ValueError(translate("probes", "unknown tracked quantity {name} (available: {names})").format(
                name=repr(name), names=", ".join(TRACKS)))
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError(translate("probes", "nothing to track: give one or more of {names}").format(names=", ".join(TRACKS)))
    return tuple(names)


# ------------------------------------------------------------------------------ measurements
def preconditioner(run) -> np.ndarray | None:
    """P⁻¹ of ``run``'s optimizer as a vector laid out like θ: its per-parameter step
    (:meth:`Run.effective_step <optstudio.core.engine.Run.effective_step>`, α/(√ŝ + ε) for Adam)
    divided by α; None for an optimizer without a diagonal preconditioner."""
    try:
        step = run.effective_step()
    except Exception:  # noqa: BLE001 - a plugin's optional method: no preconditioned sharpness
        return None
    if not step:
        return None
    flat = np.zeros(run.network.n_params)
    try:
        for name, view in run.network.split(flat).items():
            view[...] = step[name]
    except (KeyError, ValueError):
        return None
    inverse = flat / run.current_rate
    if not np.all(np.isfinite(inverse)) or np.any(inverse < 0):
        return None
    return inverse


def preconditioned_threshold(optimizer, learning_rate: float) -> float:
    """(2 + 2·β1)/((1 − β1)·α) for an optimizer with a momentum ``beta1`` in [0, 1), else 2/α."""
    beta1 = getattr(optimizer, "beta1", None)
    if isinstance(beta1, (int, float)) and not isinstance(beta1, bool) and 0.0 <= beta1 < 1.0:
        return (2.0 + 2.0 * beta1) / ((1.0 - beta1) * learning_rate)
    return 2.0 / learning_rate


def sharpness(objective: Objective, theta: np.ndarray, start: np.ndarray | None = None, *,
              inverse_preconditioner: np.ndarray | None = None, tol: float = 1e-3, max_iterations: int = 100,
              rng: np.random.Generator | None = None) -> EigenEstimate:
    """λ_max of the Hessian of ``objective`` at θ, or with ``inverse_preconditioner`` (P⁻¹ as a
    vector d) λ_max(D^(1/2)·H·D^(1/2)), D = diag(d). ``start``: a warm-start vector (default: a
    random one from ``rng``)."""
    theta = np.asarray(theta, dtype=np.float64).copy()
    if start is None or not np.any(start):
        rng = rng if rng is not None else np.random.default_rng(0)
        start = rng.standard_normal(theta.size)
    if inverse_preconditioner is None:
        def matvec(v):
            return objective.hvp(theta, v)
    else:
        root = np.sqrt(inverse_preconditioner)

        def matvec(v):
            return root * objective.hvp(theta, root * v)
    return top_eigenvalue(matvec, start, tol=tol, max_iterations=max_iterations)


def _norm(a: np.ndarray) -> float:
    return math.sqrt(float(np.vdot(a, a)))


def layer_stats(network, gradient: np.ndarray, theta: np.ndarray, theta_before: np.ndarray | None) -> list[dict]:
    """Per layer l: {"layer", "grad_norm" ‖dW[l]‖, "weight_norm" ‖W[l]‖, "update_ratio"
    ‖W[l] − W_before[l]‖/‖W_before[l]‖ (nan without ``theta_before`` or when ‖W_before[l]‖ = 0)}.
    ``network`` gives the layout (its :meth:`split`); the vectors are laid out like its θ."""
    grads = network.split(gradient)
    weights = network.split(theta)
    before = network.split(theta_before) if theta_before is not None else None
    out = []
    for l in range(1, network.L + 1):
        W = weights[f"W{l}"]
        ratio = math.nan
        if before is not None:
            old = _norm(before[f"W{l}"])
            if old > 0:
                ratio = _norm(W - before[f"W{l}"]) / old
        out.append({"layer": l, "grad_norm": _norm(grads[f"W{l}"]), "weight_norm": _norm(W),
                    "update_ratio": ratio})
    return out


# ------------------------------------------------------------------------------ the tracker
class _RunState:
    __slots__ = ("objective", "vector", "pre_vector", "before", "values", "rng")

    def __init__(self, run, seed: int):
        data = run.engine.data
        self.objective = Objective(run.network, data.X, Y=data.Y)
        self.vector = None          # warm start of the power iteration
        self.pre_vector = None      # … of the preconditioned one
        self.before = run.network.theta.copy()   # the weights before the next epoch's last update
        self.values: dict[int, dict] = {}
        self.rng = np.random.default_rng(seed)


class Tracker:
    """Measures ``tracks`` (names from :data:`TRACKS`) for ``runs`` from the events it is given::

        tracker = Tracker(engine.runs, ("sharpness",))
        for event in engine.steps(mini_batches=tracker.needs_steps):
            tracker.observe(event)
        tracker.history(run)       # the run's epoch records with the measurements added

    Build it before training starts (it keeps the initial weights). ``every``: measure every
    k-th epoch (and the last planned one). ``tol``/``max_iterations``: of the power iteration
    (each iteration is one Hessian-vector product, about two gradients over the training set).
    ``seconds``: time spent measuring."""

    def __init__(self, runs: Sequence, tracks: Iterable[str], *, every: int = 1, tol: float = 1e-3,
                 max_iterations: int = 100, seed: int = 0):
        self.tracks = parse_tracks(tracks)
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(translate("probes", "measure every N epochs: N must be a whole number ≥ 1, got {value}").format(value=repr(every)))
        self.every = every
        self.tol = float(tol)
        self.max_iterations = int(max_iterations)
        self.runs = list(runs)
        self._state = {id(run): _RunState(run, seed + i) for i, run in enumerate(self.runs)}
        self.seconds = 0.0

    @property
    def needs_steps(self) -> bool:
        """True when the tracker needs :class:`StepEvent`\\ s (``mini_batches=True``)."""
        return "layers" in self.tracks

    def observe(self, event) -> None:
        """Take the measurements due at ``event``."""
        start = time.perf_counter()
        if isinstance(event, StepEvent):
            if self.needs_steps and event.batch == event.batches - 1:
                for run in event.engine.active:
                    state = self._state.get(id(run))
                    if state is not None:
                        state.before = run.network.theta.copy()
        elif isinstance(event, EpochEvent):
            for run in event.runs:
                state = self._state.get(id(run))
                if state is None:
                    continue
                epoch = event.epoch
                if epoch % self.every == 0 or epoch == run.epochs - 1:
                    state.values[epoch] = self.measure(run, state)
                if self.needs_steps:
                    state.before = run.network.theta.copy()
        self.seconds += time.perf_counter() - start

    def measure(self, run, state: _RunState | None = None) -> dict:
        """The tracked quantities of ``run`` at its current weights."""
        state = state or self._state[id(run)]
        theta = run.network.theta.copy()
        objective = state.objective
        rate = run.current_rate
        out: dict = {}
        if "sharpness" in self.tracks:
            estimate = sharpness(objective, theta, state.vector, tol=self.tol, max_iterations=self.max_iterations,
                                 rng=state.rng)
            state.vector = estimate.vector
            out["sharpness"] = estimate.value
            out["two_over_alpha"] = 2.0 / rate
            inverse = preconditioner(run)
            if inverse is not None:
                pre = sharpness(objective, theta, state.pre_vector, inverse_preconditioner=inverse, tol=self.tol,
                                max_iterations=self.max_iterations, rng=state.rng)
                state.pre_vector = pre.vector
                out["preconditioned_sharpness"] = pre.value
                out["preconditioned_threshold"] = preconditioned_threshold(run.optimizer, rate)
        if "layers" in self.tracks:
            _, gradient = objective.gradient(theta)
            out["layers"] = layer_stats(objective.network, gradient, theta, state.before)
        return out

    def values(self, run) -> dict[int, dict]:
        """{epoch: measurements} of ``run``."""
        return dict(self._state[id(run)].values)

    def history(self, run) -> list[dict]:
        """``run.history.to_rows()`` with each measured epoch's values added (epochs not measured
        get them as None)."""
        values = self._state[id(run)].values
        keys: list[str] = []
        for measured in values.values():
            keys.extend(k for k in measured if k not in keys)
        rows = []
        for row in run.history.to_rows():
            extra = values.get(row["epoch"], {})
            rows.append({**row, **{k: extra.get(k) for k in keys}})
        return rows
