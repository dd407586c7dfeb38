"""A drawing of the network: neurons as circles, links coloured by the sign of their weight.

Blue links are positive weights, red ones negative; the width grows with |w| (a legend in the
corner says so). Wide layers (e.g. 64 inputs, or 2048 hidden units) show their first and last
neurons with an ellipsis in between. The weights come from the training snapshots, already cut
down to the drawn neurons in the worker's thread
(:func:`~optstudio.gui.snapshot.drawn_weights`), so the drawing changes while the network learns
and costs the GUI thread the same for any width.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.snapshot import MAX_UNITS, visible_units

__all__ = ["NetworkDrawing", "visible_units"]

POSITIVE = QColor(31, 119, 180)    # blue
NEGATIVE = QColor(214, 39, 40)     # red
_WIDTH_LEVELS = 8


class NetworkDrawing(QWidget):
    """Paints ``layer_dims`` with the current weights (``set_weights``)."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self.compact = compact
        self.dims: list[int] = []
        self.labels: list[str] = []
        self.weights: list[np.ndarray] | None = None
        self.units: list[list[int]] | None = None     # the units the weights' rows/columns belong to
        self.peak = 0.0
        self.updates = 0          # how many times weights were set (tests, screenshots)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120 if compact else 200)
        self.setToolTip(translate("NetworkDrawing", "The network: each circle is a neuron, each line a weight "
                                                    "W[l][j, i]. Blue = positive weight, red = negative; thicker = "
                                                    "larger |w|. It changes as training updates the weights."))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 150 if self.compact else 360)

    def set_architecture(self, dims: list[int], labels: list[str] | None = None) -> None:
        self.dims = [int(n) for n in dims]
        self.labels = list(labels or [])
        self.weights = None
        self.update()

    def set_weights(self, weights: list[np.ndarray] | None, units: list[list[int]] | None = None,
                    peak: float | None = None) -> None:
        """``weights``: whole matrices, or (with ``units``) the drawn units' rows and columns
        only, ``weights[l][r, c]`` linking ``units[l][c]`` to ``units[l + 1][r]``; ``peak``: the
        largest |w| of all the weights (default: of these)."""
        if weights is not None and self.dims and len(weights) == len(self.dims) - 1:
            self.weights = weights
            self.units = units
            self.peak = float(peak) if peak else max((float(np.abs(W).max()) if W.size else 0.0)
                                                     for W in weights)
            self.updates += 1
            self.update()

    # ------------------------------------------------------------------ painting
    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        if not self.dims:
            painter.setPen(QColor("#888"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             translate("NetworkDrawing", "The network appears when the data is loaded."))
            painter.end()
            return
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * (0.85 if self.compact else 0.95)))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        label_h = metrics.height() * (1 if self.compact else 2) + 4
        margin_x = 22 if self.compact else 40
        top = 8
        bottom = label_h + 6
        w, h = self.width(), self.height()
        n_layers = len(self.dims)
        xs = [margin_x + (w - 2 * margin_x) * (i / max(n_layers - 1, 1)) for i in range(n_layers)]
        shown = [visible_units(n, MAX_UNITS if not self.compact else 10) for n in self.dims]
        slots = max(len(s) for s in shown)
        avail = max(h - top - bottom, 20)
        spacing = avail / max(slots, 1)
        radius = max(3.0, min(spacing * 0.32, 13.0 if not self.compact else 8.0, (w / n_layers) * 0.12))
        positions: list[dict[int, QPointF]] = []
        ellipses: list[QPointF | None] = []
        for x, units in zip(xs, shown):
            total = len(units) * spacing
            y0 = top + (avail - total) / 2 + spacing / 2
            pos: dict[int, QPointF] = {}
            ell = None
            for k, unit in enumerate(units):
                point = QPointF(x, y0 + k * spacing)
                if unit is None:
                    ell = point
                else:
                    pos[unit] = point
            positions.append(pos)
            ellipses.append(ell)

        # links, batched by colour and width level
        if self.weights is not None:
            peak = self.peak or 1.0
            max_width = 4.5 if not self.compact else 3.0
            buckets: dict[tuple[bool, int], list[QLineF]] = {}
            for l, W in enumerate(self.weights):
                src, dst = positions[l], positions[l + 1]
                rows = _index(self.units[l + 1]) if self.units else None
                cols = _index(self.units[l]) if self.units else None
                for j, pj in dst.items():
                    r = rows.get(j) if rows is not None else j
                    if r is None:
                        continue
                    row = W[r]
                    for i, pi in src.items():
                        c = cols.get(i) if cols is not None else i
                        if c is None:
                            continue
                        value = float(row[c])
                        level = min(int(abs(value) / peak * _WIDTH_LEVELS), _WIDTH_LEVELS - 1)
                        buckets.setdefault((value >= 0, level), []).append(QLineF(pi, pj))
            for (positive, level), lines in sorted(buckets.items(), key=lambda kv: kv[0][1]):
                color = QColor(POSITIVE if positive else NEGATIVE)
                strength = (level + 1) / _WIDTH_LEVELS
                color.setAlphaF(0.25 + 0.7 * strength)
                pen = QPen(color, 0.4 + max_width * strength)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawLines(lines)
        else:
            painter.setPen(QPen(QColor(190, 190, 190), 0.7))
            lines = [QLineF(pi, pj) for l in range(n_layers - 1)
                     for pj in positions[l + 1].values() for pi in positions[l].values()]
            painter.drawLines(lines)

        # neurons
        for l, pos in enumerate(positions):
            if l == 0:
                fill, edge = QColor("#eceff1"), QColor("#546e7a")
            elif l == n_layers - 1:
                fill, edge = QColor("#fff3e0"), QColor("#e65100")
            else:
                fill, edge = QColor("#e8f5e9"), QColor("#2e7d32")
            painter.setPen(QPen(edge, 1.4))
            painter.setBrush(fill)
            for point in pos.values():
                painter.drawEllipse(point, radius, radius)
            if ellipses[l] is not None:
                painter.setPen(QColor("#333"))
                painter.drawText(QRectF(ellipses[l].x() - 20, ellipses[l].y() - spacing / 2, 40, spacing),
                                 Qt.AlignmentFlag.AlignCenter, "⋮")
        # layer captions
        painter.setPen(QColor("#333"))
        for l, x in enumerate(xs):
            if self.compact:
                text = str(self.dims[l])
            else:
                if l == 0:
                    name = translate("NetworkDrawing", "input")
                elif l == n_layers - 1:
                    name = translate("NetworkDrawing", "output")
                else:
                    name = translate("NetworkDrawing", "hidden {number}").format(number=l)
                extra = self.labels[l] if l < len(self.labels) and self.labels[l] else ""
                text = f"{name}\n{self.dims[l]}" + (f" · {extra}" if extra else "")
            rect = QRectF(x - 70, h - label_h - 2, 140, label_h)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        if not self.compact:
            self._draw_legend(painter, metrics)
        painter.end()

    LEGEND = ((QT_TRANSLATE_NOOP("NetworkDrawing", "positive weight"), POSITIVE, 3.0),
              (QT_TRANSLATE_NOOP("NetworkDrawing", "negative weight"), NEGATIVE, 3.0),
              (QT_TRANSLATE_NOOP("NetworkDrawing", "thicker: larger |w|"), QColor("#555"), 5.0))

    def _draw_legend(self, painter: QPainter, metrics) -> None:
        """What the colours and widths mean, in the top right corner."""
        line_h = metrics.height() + 2
        legend = [(translate("NetworkDrawing", text), color, pen_width) for text, color, pen_width in self.LEGEND]
        width = max(metrics.horizontalAdvance(text) for text, _c, _w in legend) + 40
        box = QRectF(self.width() - width - 8, 6, width, line_h * len(self.LEGEND) + 8)
        painter.setPen(QPen(QColor("#ccc"), 1))
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(box, 4, 4)
        for k, (text, color, pen_width) in enumerate(legend):
            y = box.top() + 4 + line_h * k + line_h / 2
            pen = QPen(color, pen_width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(box.left() + 8, y), QPointF(box.left() + 28, y))
            painter.setPen(QColor("#333"))
            painter.drawText(QRectF(box.left() + 34, y - line_h / 2, width - 36, line_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


def _index(units: list[int]) -> dict[int, int]:
    return {u: k for k, u in enumerate(units)}
