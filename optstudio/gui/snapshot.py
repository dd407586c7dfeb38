"""What the training thread sends to the window (no Qt).

The trainer calls its progress callback in the training thread. :class:`SnapshotMaker` turns
the trainer's current state into a :class:`Snapshot`: the history records added since the
previous snapshot, the decision grid (2-D data) or the predicted class of every point (more
features, shown in a PCA projection), a confusion matrix and copies of the weights. Everything
in a snapshot is a copy, so the window can read it while training goes on.

The heavy parts (grid, predictions, confusion matrix) adapt their rate: they are recomputed
at most as often as keeps them under about a fifth of the training time, and always when
training pauses or ends. They are made here, in the worker's thread, never in the GUI thread: the
decision grid over the area the plot shows (:attr:`SnapshotMaker.bounds`, so its background fills
the axes), in chunks (numpy holds the GIL in element-wise steps: small chunks let the GUI thread
in between), and the weights the network drawing needs (the drawn units of each layer, not whole
2048 × 2048 matrices).

"Inside the optimizer" data (:func:`optstudio.gui.views.inside_data.inside_snapshot`: effective
step sizes, optimizer state, last gradients; a few copies, ~0.05 ms on the course's networks)
goes into a snapshot while the window shows that view (:attr:`SnapshotMaker.want_inside`, set
by the GUI thread), at most every :attr:`SnapshotMaker.inside_interval` seconds (a histogram
needs no 30 frames per second, and drawing it costs the GUI thread ~15 ms), and into every final
snapshot (pause, end), once the optimizer has made a step.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

__all__ = ["Snapshot", "SnapshotMaker", "VIEW_GRID", "VIEW_PROJECTION", "PALETTE", "class_rgb",
           "light_rgb", "probability_lut", "colour_grid", "visible_units", "drawn_weights", "decision_grid",
           "MAX_UNITS", "GRID_CHUNK"]

VIEW_GRID = "grid"              # two input features: probability / class on a grid
VIEW_PROJECTION = "projection"  # other: PCA projection of the points, coloured by prediction

# the course's plots: class 0 red, class 1 blue (matplotlib's Spectral ends), then tab10
PALETTE = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf"]


def class_rgb(i: int) -> tuple[int, int, int]:
    """Colour of class ``i`` (0-255 RGB)."""
    if i < len(PALETTE):
        h = PALETTE[i].lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    import colorsys  # noqa: PLC0415
    r, g, b = colorsys.hsv_to_rgb((i * 0.618034) % 1.0, 0.65, 0.85)
    return int(r * 255), int(g * 255), int(b * 255)


def light_rgb(rgb, amount: float = 0.62) -> tuple[int, int, int]:
    """``rgb`` mixed with white (``amount`` = share of white)."""
    return tuple(int(c + (255 - c) * amount) for c in rgb)


def probability_lut(n: int = 256) -> np.ndarray:
    """(n, 4) uint8 RGBA: P(class 1) = 0 light red … 0.5 white … 1 light blue."""
    lo, mid, hi = np.array(light_rgb(class_rgb(0), 0.45)), np.array([248, 248, 248]), \
        np.array(light_rgb(class_rgb(1), 0.45))
    t = np.linspace(0.0, 1.0, n)[:, None]
    rgb = np.where(t < 0.5, lo + (mid - lo) * (t / 0.5), mid + (hi - mid) * ((t - 0.5) / 0.5))
    out = np.empty((n, 4), dtype=np.uint8)
    out[:, :3] = np.clip(np.rint(rgb), 0, 255)
    out[:, 3] = 255
    return out


_PROB_LUT = probability_lut()

#: the network drawing shows at most this many neurons per layer
MAX_UNITS = 16
#: grid points per forward pass of the decision grid
GRID_CHUNK = 2048


def visible_units(n: int, limit: int = MAX_UNITS) -> list[int | None]:
    """Indices of the neurons to draw; ``None`` marks the ellipsis (⋮)."""
    if n <= limit:
        return list(range(n))
    head = (limit - 1) // 2 + (limit - 1) % 2
    tail = limit - 1 - head
    return list(range(head)) + [None] + list(range(n - tail, n))


def drawn_weights(weights, limit: int = MAX_UNITS) -> tuple[list, list, float]:
    """What the network drawing needs: per layer ``W[rows][:, cols]`` of the drawn units (copies),
    the drawn units of each layer (``units[l]``: indices into layer l) and the largest |w| over
    all the weights (the line widths are relative to it)."""
    dims = [weights[0].shape[1]] + [W.shape[0] for W in weights] if weights else []
    units = [[u for u in visible_units(n, limit) if u is not None] for n in dims]
    out = [np.array(W[np.ix_(units[l + 1], units[l])], dtype=np.float64) for l, W in enumerate(weights)]
    peak = max((float(np.abs(W).max()) if W.size else 0.0) for W in weights) if weights else 0.0
    return out, units, peak


def decision_grid(network, bounds, resolution: int = 150, chunk: int = GRID_CHUNK):
    """(xs, ys, values) over ``bounds`` = (x0, x1, y0, y1): values[i, j] at (xs[j], ys[i]) is the
    probability of class 1 (one output unit) or the predicted class (several), from
    ``network.forward`` in chunks of ``chunk`` points."""
    x0, x1, y0, y1 = bounds
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    gx, gy = np.meshgrid(xs, ys)
    points = np.vstack([gx.ravel(), gy.ravel()])
    n = points.shape[1]
    values = np.empty(n)
    with np.errstate(all="ignore"):
        for k in range(0, n, chunk):
            A = network.forward(points[:, k:k + chunk])
            values[k:k + chunk] = A[0] if A.shape[0] == 1 else A.argmax(axis=0)
    return xs, ys, values.reshape(resolution, resolution)


def colour_grid(values: np.ndarray, kind: str, n_classes: int) -> np.ndarray:
    """The decision grid as an RGBA uint8 image (rows = y), ready for the screen.

    ``kind="probability"``: values in [0, 1] through :func:`probability_lut`;
    ``kind="class"``: class indices through light class colours.
    """
    if kind == "probability":
        index = np.clip(np.nan_to_num(values, nan=0.5) * 255.0 + 0.5, 0, 255).astype(np.intp)
        return _PROB_LUT[index]
    lut = np.array([(*light_rgb(class_rgb(i)), 255) for i in range(max(n_classes, 1))], dtype=np.uint8)
    return lut[np.clip(np.nan_to_num(values).astype(np.intp), 0, len(lut) - 1)]


@dataclass
class Snapshot:
    generation: int                 # which training session this belongs to
    status: str                     # the trainer's status when the snapshot was taken
    message: str
    epoch: int                      # epochs completed
    epochs: int                     # planned epochs
    steps: int                      # optimizer updates so far
    seconds: float                  # training time (pauses excluded)
    learning_rate: float            # α used last
    records: list = field(default_factory=list)   # EpochRecord added since the previous snapshot
    grid: tuple | None = None       # (xs, ys, values) for 2-D data
    grid_rgba: np.ndarray | None = None    # the grid coloured for the screen (uint8, rows = y)
    pred_train: np.ndarray | None = None   # predicted class of each drawn training point (projection)
    confusion: np.ndarray | None = None    # counts[true, predicted]
    confusion_set: str = "test"     # "test" or "training"
    weights: list | None = None     # per layer: the drawn units' weights (see drawn_weights)
    units: list | None = None       # per layer: the drawn units' indices
    peak: float = 0.0               # the largest |w| of all the weights
    inside: dict | None = None      # inside_snapshot(trainer) (see SnapshotMaker.want_inside)
    made_at: float = 0.0            # time.perf_counter() when made


class SnapshotMaker:
    """Builds snapshots of one run. Call it only from the thread that iterates the engine
    (or while it is not iterated): it uses the network's forward pass."""

    def __init__(self, generation: int, view: str, n_classes: int, resolution: int = 150,
                 min_interval: float = 1 / 30, draw_index: np.ndarray | None = None):
        """``draw_index``: the training points the window draws (projection view)."""
        self.generation = generation
        self.view = view
        self.n_classes = max(int(n_classes), 2)
        self.grid_kind = "probability"   # or "class" (several output units); set by the session
        self.resolution = resolution
        self.min_interval = min_interval
        self.draw_index = draw_index
        #: the area of the decision grid (x0, x1, y0, y1): what the plot shows (written by the GUI
        #: thread, a tuple: one atomic assignment); None: around the training data
        self.bounds: tuple | None = None
        self._sent = 0
        self._extras_cost = 0.0
        self._extras_at = -1e9
        #: compute the "inside the optimizer" data for running snapshots too (written by the GUI
        #: thread while the training thread reads it: a plain bool)
        self.want_inside = False
        self.inside_interval = 0.2
        self._inside_at = -1e9
        # (imported here, in the GUI thread: this module stays importable on its own, without
        # the optstudio.gui package and its Qt probe)
        from optstudio.gui.views.inside_data import inside_snapshot  # noqa: PLC0415
        self._inside_snapshot = inside_snapshot

    def __call__(self, run, force: bool = False, status: str | None = None) -> Snapshot:
        """A snapshot of ``run`` (an engine's :class:`~optstudio.core.engine.Run`); ``status``
        overrides the run's own (the worker knows when it pauses)."""
        trainer = run
        status = status or run.status
        now = time.perf_counter()
        records = trainer.history.records
        n = len(records)
        new = records[self._sent:n]
        self._sent = n
        net = trainer.network
        weights, units, peak = drawn_weights([net.W[l] for l in range(1, net.L + 1)])
        snap = Snapshot(
            generation=self.generation, status=status, message=trainer.message,
            epoch=trainer.epoch, epochs=trainer.epochs, steps=trainer.t, seconds=trainer.seconds,
            learning_rate=float(trainer.current_rate), records=list(new),
            weights=weights, units=units, peak=peak,
        )
        final = force or status != "running"
        # heavy views: keep them below ~20 % of the time, but never skip the final picture
        if final or now - self._extras_at >= max(self.min_interval, 5.0 * self._extras_cost):
            start = time.perf_counter()
            self._extras(trainer, snap)
            self._extras_cost = time.perf_counter() - start
            self._extras_at = now
        if trainer.t > 0 and (final or (self.want_inside and now - self._inside_at >= self.inside_interval)):
            self._inside_at = now
            try:
                snap.inside = self._inside_snapshot(trainer)
            except Exception:  # noqa: BLE001 - a plugin's state the view cannot read: no picture
                snap.inside = None
        snap.made_at = time.perf_counter()
        return snap

    def _extras(self, trainer, snap: Snapshot) -> None:
        net = trainer.network
        data = trainer.engine.data
        if self.view == VIEW_GRID:
            xs, ys, values = decision_grid(net, self.bounds or data.bounds(), self.resolution)
            snap.grid = (xs, ys, values)
            snap.grid_rgba = np.ascontiguousarray(colour_grid(values, self.grid_kind, self.n_classes))
        if self.view == VIEW_PROJECTION:
            drawn = data.X if self.draw_index is None else data.X[:, self.draw_index]
            snap.pred_train = net.predict(drawn).copy()
        if data.has_test:
            truth, pred, snap.confusion_set = data.y_test, net.predict(data.X_test).copy(), "test"
        else:
            truth, pred, snap.confusion_set = data.y, net.predict(data.X).copy(), "training"
        k = self.n_classes
        truth = np.asarray(truth, dtype=np.int64)
        pred = np.clip(np.asarray(pred, dtype=np.int64), 0, k - 1)
        snap.confusion = np.bincount(truth * k + pred, minlength=k * k).reshape(k, k)
