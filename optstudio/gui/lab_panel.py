"""A lab's title and instructions in the settings column.

The instructions are Markdown. At most :data:`MAX_SHOWN` characters are laid out in the column
(cut at a paragraph, outside code blocks), so a huge file cannot freeze the window (1 MB of
Markdown took 7 s in a label); the rest is one click away, loaded piece by piece in a
plain-text viewer that stays responsive.

A lab file may translate its title and instructions (``"translations": {"zh_CN": {…}}``, see
:attr:`optstudio.core.experiment.Experiment.translations`): :meth:`LabPanel.set_lab` shows the ones
of the current language, else the English.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget,
)

from optstudio.gui.i18n import localized, translate

__all__ = ["LabPanel", "InstructionsViewer", "MAX_SHOWN", "shown_part"]

#: characters of instructions laid out in the column (about 10 ms of layout)
MAX_SHOWN = 20_000
#: the viewer adds this many characters per turn of the event loop
VIEWER_CHUNK = 50_000
#: the column's instructions are at most this tall (they scroll inside)
MAX_HEIGHT = 360


def shown_part(text: str, limit: int = MAX_SHOWN) -> str:
    """``text`` if short enough, else its beginning cut at the last paragraph break before
    ``limit`` that is outside a fenced code block."""
    if len(text) <= limit:
        return text
    cut = 0
    fenced = False
    pos = 0
    for line in text[:limit].splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        pos += len(line)
        if not fenced and not line.strip():
            cut = pos
    return text[:cut or limit]


class LabPanel(QWidget):
    """Title (bold) and instructions (Markdown); hidden when the experiment has neither."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.browser = QTextBrowser()
        self.browser.setObjectName("instructions_text")
        self.browser.setOpenExternalLinks(False)
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.browser.setStyleSheet("QTextBrowser { background: transparent; }")
        self.more = QPushButton()
        self.more.setObjectName("instructions_more")
        self.more.clicked.connect(self.show_everything)
        self.more.hide()
        # what a lab fixed and hid (optstudio.gui.lab_lock)
        self.note = QLabel()
        self.note.setObjectName("lab_controls_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("QLabel#lab_controls_note { border-top: 1px solid #e0d9a8; padding-top: 4px; }")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.browser)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        self.setStyleSheet("background: #fffde7;")
        self._title = ""
        self._text = ""
        self.viewer: InstructionsViewer | None = None

    def set_lab(self, title: str, instructions: str, translations=None) -> None:
        """Show ``title`` and ``instructions`` (Markdown), or their translation into the current
        language from ``translations`` (a lab file's ``{"zh_CN": {"title": …, "instructions": …}}``)."""
        title = localized(translations, "title", title)
        instructions = localized(translations, "instructions", instructions)
        self._title, self._text = title or "", instructions or ""
        self.title.setText(self._title)
        self.title.setVisible(bool(self._title))
        part = shown_part(self._text)
        self.browser.setMarkdown(part)
        self.browser.setVisible(bool(part))
        rest = len(self._text) - len(part)
        self.more.setText(translate("LabPanel", "Show all the instructions ({rest} more characters)…")
                          .format(rest=f"{rest:,}"))
        self.more.setVisible(rest > 0)
        self._fit_height()

    def set_experiment(self, exp) -> None:
        """:meth:`set_lab` with an :class:`~optstudio.core.experiment.Experiment`'s title,
        instructions and translations."""
        self.set_lab(exp.title, exp.instructions, getattr(exp, "translations", None))

    def set_note(self, text: str) -> None:
        """The note under the instructions (which settings the lab fixed); empty: none."""
        self.note.setText(text or "")
        self.note.setVisible(bool(text))

    def text(self) -> str:
        """The instructions (Markdown), all of them."""
        return self._text

    def shown_text(self) -> str:
        """What the column shows (plain text)."""
        return self.browser.toPlainText()

    def has_lab(self) -> bool:
        return bool(self._title or self._text or self.note.text())

    def _fit_height(self) -> None:
        doc = self.browser.document()
        doc.setTextWidth(max(self.browser.viewport().width(), 200))
        height = int(doc.size().height()) + 6
        self.browser.setFixedHeight(min(max(height, 24), MAX_HEIGHT))

    def resizeEvent(self, event) -> None:  # noqa: N802 - the text wraps: its height follows the width
        super().resizeEvent(event)
        self._fit_height()

    @Slot()
    def show_everything(self) -> None:
        self.viewer = InstructionsViewer(self._title or translate("LabPanel", "Instructions"), self._text, self)
        self.viewer.show()


class InstructionsViewer(QDialog):
    """The whole instructions as plain text, added piece by piece (the window stays usable)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edit = QPlainTextEdit()
        self.edit.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self._text = text
        self._pos = 0
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._add)
        self._timer.start(0)

    @property
    def loaded(self) -> bool:
        return self._pos >= len(self._text)

    @Slot()
    def _add(self) -> None:
        chunk = self._text[self._pos:self._pos + VIEWER_CHUNK]
        cursor = QTextCursor(self.edit.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)
        self._pos += len(chunk)
        if self.loaded:
            self._timer.stop()
