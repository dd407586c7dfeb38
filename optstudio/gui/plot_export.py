"""Saving a plot of the window as a PNG picture or an SVG drawing.

pyqtgraph's exporters do not say when a file could not be written (``ImageExporter`` ignores
what ``QImage.save`` returns; Qt's SVG generator only warns on the console), so the window would
report "Saved" for a picture that does not exist. :func:`export_plot_item` checks: the folder
must exist, the picture must be written, and any failure is an ``OSError`` with one line.
"""

from __future__ import annotations

import os
from pathlib import Path

from optstudio.gui.i18n import translate

__all__ = ["export_plot_item", "PLOT_SUFFIXES"]

#: The kinds of file a plot is exported to; anything else gets ``.png`` added.
PLOT_SUFFIXES = (".png", ".svg")


def export_plot_item(item, path) -> str:
    """Save the pyqtgraph plot ``item`` as PNG (by default) or SVG (``.svg``); returns the path
    written. Raises ``OSError`` with a one-line message when the file was not written (a missing
    folder, a read-only one, a full disk)."""
    path = str(path)
    if not path.lower().endswith(PLOT_SUFFIXES):
        path += ".png"
    folder = Path(path).parent
    if not folder.is_dir():
        raise OSError(translate("PlotExport", "cannot save {path}: folder {folder} does not exist").format(
            path=path, folder=repr(str(folder))))
    if Path(path).is_dir():
        raise OSError(translate("PlotExport", "cannot save {path}: it is a folder").format(path=path))
    before = _stamp(path)
    try:
        if path.lower().endswith(".svg"):
            _export_svg(item, path)
        else:
            _export_png(item, path)
    except OSError as exc:
        raise OSError(_cannot_save(path, str(exc.strerror or exc))) from None
    except Exception as exc:  # noqa: BLE001 - pyqtgraph or Qt failing on an item
        raise OSError(_cannot_save(path, f"{type(exc).__name__}: {exc}")) from None
    after = _stamp(path)
    if after is None or after == before or after[0] == 0:
        raise OSError(translate("PlotExport", "cannot save {path}: the file could not be written").format(path=path))
    return path


def _cannot_save(path: str, reason: str) -> str:
    return translate("PlotExport", "cannot save {path}: {reason}").format(path=path, reason=reason)


def _stamp(path: str) -> tuple[int, int, int] | None:
    """(size, modification time, inode) of a file, or None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def _export_png(item, path: str) -> None:
    import pyqtgraph.exporters as exporters  # noqa: PLC0415 - only needed here

    exporter = exporters.ImageExporter(item)
    exporter.parameters()["width"] = max(1200, int(item.sceneBoundingRect().width()))
    image = exporter.export(toBytes=True)
    if image is None or not image.save(path, "PNG"):
        raise OSError(translate("PlotExport", "the picture could not be written to {path}").format(path=path))


def _export_svg(item, path: str) -> None:
    import pyqtgraph.exporters as exporters  # noqa: PLC0415

    try:
        exporters.SVGExporter(item).export(path)
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - pyqtgraph's SVG writer fails on some items
        _render_svg(item.getViewWidget(), path)


def _render_svg(widget, path: str) -> None:
    """Qt's own SVG writer: the widget as drawn (curves as vectors, images embedded)."""
    from PySide6.QtCore import QRect, QSize  # noqa: PLC0415
    from PySide6.QtGui import QPainter  # noqa: PLC0415
    from PySide6.QtSvg import QSvgGenerator  # noqa: PLC0415

    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(widget.width(), widget.height()))
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle("OptStudio plot")
    painter = QPainter(generator)
    try:
        widget.render(painter)
    finally:
        painter.end()
