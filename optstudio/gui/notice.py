"""A warning bar where the student looks (like Orange's widget warnings): a message above the
plots, optional buttons (e.g. "Show the errors…", "Reload plugins"), and ✕ to hide it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from optstudio.gui.i18n import translate

__all__ = ["NoticeBar", "html_escape"]

_STYLES = {
    "error": "QFrame#notice { background: #ffebee; border: 1px solid #e57373; border-radius: 4px; } "
             "QLabel { color: #b71c1c; }",
    "warning": "QFrame#notice { background: #fff8e1; border: 1px solid #ffb300; border-radius: 4px; } "
               "QLabel { color: #6d4c00; }",
}


def html_escape(text) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class NoticeBar(QFrame):
    """``show_notice(html, kind, actions)``; ``kind`` is remembered (the window hides training
    problems when a fresh run is built, notices stay until closed)."""

    def __init__(self, style: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setStyleSheet(_STYLES[style])
        self.kind = ""
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(translate("NoticeBar", "Hide this message"))
        close.clicked.connect(self.hide_notice)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 4, 4)
        self._row.addWidget(self.label, 1)
        self._close = close
        self._row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons: list[QPushButton] = []
        self.hide()

    def show_notice(self, html: str, kind: str = "", actions=()) -> None:
        """Show ``html`` with a button per ``(text, callable)`` of ``actions``."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for text, slot in actions:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self._row.insertWidget(self._row.count() - 1, button, 0, Qt.AlignmentFlag.AlignTop)
            self.buttons.append(button)
        self.kind = kind
        self.label.setText(html)
        self.show()

    @Slot()
    def hide_notice(self) -> None:
        self.hide()

    def hide_kind(self, kind: str) -> None:
        if self.kind == kind:
            self.hide()

    def text(self) -> str:
        """The message while it is shown, else ""."""
        return self.label.text() if not self.isHidden() else ""
