"""The application icon: a ball taking gradient steps down a cost valley.

``python -m optstudio.gui.icon`` redraws ``resources/icon.png`` (QPainter) and writes the same
picture as ``resources/optstudio.svg``. At run time :func:`app_icon` uses the PNG/SVG files and
falls back to drawing the icon if they are missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QImage, QLinearGradient, QPainter, QPainterPath, QPen, QPixmap

__all__ = ["RESOURCES", "render_icon", "app_icon", "SVG", "write_resources"]

RESOURCES = Path(__file__).resolve().parent / "resources"

# geometry in a 256 × 256 box (shared by the QPainter drawing and the SVG)
_VALLEY = [(34, 70), (78, 170), (128, 204), (178, 170), (222, 70)]   # cubic through these
_STEPS = [(57, 92, 9), (78, 135, 11), (100, 167, 13)]                 # trail of past steps (x, y, r)
_BALL = (128, 179, 19)

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>OptStudio</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3949ab"/>
      <stop offset="1" stop-color="#1a237e"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" ry="48" fill="url(#bg)"/>
  <path d="M 34 70 C 60 150, 90 204, 128 204 C 166 204, 196 150, 222 70"
        fill="none" stroke="#ffffff" stroke-width="12" stroke-linecap="round"/>
  <circle cx="57" cy="92" r="9" fill="#ffcc80" opacity="0.55"/>
  <circle cx="78" cy="135" r="11" fill="#ffb74d" opacity="0.75"/>
  <circle cx="100" cy="167" r="13" fill="#ffa726" opacity="0.9"/>
  <circle cx="128" cy="179" r="19" fill="#ff7043" stroke="#ffffff" stroke-width="4"/>
</svg>
"""


def render_icon(size: int = 256) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    grad = QLinearGradient(0, 0, 0, 256)
    grad.setColorAt(0, QColor("#3949ab"))
    grad.setColorAt(1, QColor("#1a237e"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(grad))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    path = QPainterPath(QPointF(34, 70))
    path.cubicTo(QPointF(60, 150), QPointF(90, 204), QPointF(128, 204))
    path.cubicTo(QPointF(166, 204), QPointF(196, 150), QPointF(222, 70))
    pen = QPen(QColor("white"), 12)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    for (x, y, r), (color, alpha) in zip(_STEPS, (("#ffcc80", 0.55), ("#ffb74d", 0.75), ("#ffa726", 0.9))):
        c = QColor(color)
        c.setAlphaF(alpha)
        p.setBrush(c)
        p.drawEllipse(QPointF(x, y), r, r)
    p.setBrush(QColor("#ff7043"))
    p.setPen(QPen(QColor("white"), 4))
    x, y, r = _BALL
    p.drawEllipse(QPointF(x, y), r, r)
    p.end()
    return image


def app_icon() -> QIcon:
    icon = QIcon()
    png = RESOURCES / "icon.png"
    svg = RESOURCES / "optstudio.svg"
    if png.is_file():
        icon.addFile(str(png))
    if svg.is_file():
        icon.addFile(str(svg))
    if icon.isNull():
        for size in (16, 32, 64, 256):
            icon.addPixmap(QPixmap.fromImage(render_icon(size)))
    return icon


def write_resources(folder: Path = RESOURCES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    render_icon(256).save(str(folder / "icon.png"))
    (folder / "optstudio.svg").write_text(SVG, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - developer tool
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    write_resources()
    print(f"wrote {RESOURCES / 'icon.png'} and {RESOURCES / 'optstudio.svg'}")
