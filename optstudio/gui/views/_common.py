"""Small helpers shared by the views: plot widgets, colours, explanation labels, thread registry."""

from __future__ import annotations

import weakref
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QThread, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QLabel, QSizePolicy, QWidget

from optstudio.gui.i18n import translate
from optstudio.gui.plots import configure_pyqtgraph

__all__ = [
    "RUN_COLORS", "run_color", "make_plot", "explain_label", "register_thread", "live_view_threads",
    "save_widget_png", "ask_save_path", "html_escape", "manager_or_default",
]

#: one colour per run / optimizer (clearly different on white, not the class red/blue of the data)
RUN_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2",
              "#17becf", "#7f7f7f", "#bcbd22"]


def run_color(index: int) -> QColor:
    if index < len(RUN_COLORS):
        return QColor(RUN_COLORS[index])
    return QColor.fromHsvF((index * 0.618034) % 1.0, 0.75, 0.8)


def manager_or_default(manager):
    if manager is None:
        from optstudio.plugins.manager import get_plugin_manager
        manager = get_plugin_manager()
    return manager


def make_plot(title: str = "", xlabel: str = "", ylabel: str = "", *, minimum=(200, 150)) -> pg.PlotWidget:
    """A white pyqtgraph plot with a grid and axis labels."""
    configure_pyqtgraph()
    widget = pg.PlotWidget()
    item = widget.getPlotItem()
    if title:
        item.setTitle(title, size="10pt")
    if xlabel:
        item.setLabel("bottom", xlabel)
    if ylabel:
        item.setLabel("left", ylabel)
    item.showGrid(x=True, y=True, alpha=0.25)
    widget.setMinimumSize(*minimum)
    return widget


def explain_label(text: str = "", *, rich: bool = True) -> QLabel:
    """A word-wrapped, selectable text block for the one or two sentences a student reads."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    label.setContentsMargins(4, 2, 4, 2)
    return label


def html_escape(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ------------------------------------------------------------------------------ threads
_THREADS: "weakref.WeakSet[QThread]" = weakref.WeakSet()


def register_thread(thread: QThread) -> QThread:
    """Remember a QThread started by a view (see :func:`live_view_threads`); garbage is collected in
    the GUI thread only while it runs (see :mod:`optstudio.gui.gc_guard`)."""
    from optstudio.gui.gc_guard import guard_gc  # noqa: PLC0415

    guard_gc()
    _THREADS.add(thread)
    return thread


def live_view_threads() -> list[QThread]:
    """QThreads started by the views that are still running (tests check this is empty)."""
    out = []
    for thread in list(_THREADS):
        try:
            if thread.isRunning():
                out.append(thread)
        except RuntimeError:  # the C++ object is already gone
            continue
    return out


# ------------------------------------------------------------------------------ files
def ask_save_path(parent: QWidget, title: str, default_name: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, default_name, filters)
    return path or None


def save_widget_png(widget: QWidget, path) -> None:
    """Render ``widget`` as it is on screen into a PNG. Raises OSError with a one-line message."""
    pixmap = widget.grab()
    path = Path(path)
    if path.suffix.lower() != ".png":
        path = path.with_suffix(".png")
    if not pixmap.save(str(path), "PNG"):
        raise OSError(translate("ViewsCommon", "cannot write the image {path}").format(path=repr(str(path))))
