"""Dialogs: plugins and their errors, keyboard shortcuts, about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from optstudio.paths import repo_plugin_dir, user_plugin_dir

__all__ = ["PluginDialog", "ShortcutsDialog", "about_text"]


def _table(headers: list[str], rows: list[list[str]], tips: list[str] | None = None) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if tips:
                item.setToolTip(tips[r])
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    for c in range(len(headers) - 1):
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()
    return table


class PluginDialog(QDialog):
    """Every optimizer and schedule with where it comes from, and every plugin error."""

    def __init__(self, manager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Plugins")
        self.resize(820, 480)
        tabs = QTabWidget()
        opt_rows, opt_tips = [], []
        for name, info in manager.optimizers.items():
            opt_rows.append([name, info.label, ", ".join(p.display_label for p in info.params) or "–",
                             manager.source("optimizer", name)])
            opt_tips.append(f"{info.description}\n\n{info.formula}")
        sched_rows, sched_tips = [], []
        for name, info in manager.schedules.items():
            sched_rows.append([name, info.label, f"per {info.per}",
                               ", ".join(p.display_label for p in info.params) or "–",
                               manager.source("schedule", name)])
            sched_tips.append(f"{info.description}\n\n{info.formula}")
        self.optimizer_table = _table(["name", "label", "hyperparameters", "source"], opt_rows, opt_tips)
        self.schedule_table = _table(["name", "label", "α computed", "hyperparameters", "source"],
                                     sched_rows, sched_tips)
        error_rows = [[e.plugin, (e.file or "–") + (f":{e.line}" if e.line else ""), e.message]
                      for e in manager.errors]
        self.error_table = _table(["plugin", "file:line", "problem"], error_rows)
        tabs.addTab(self.optimizer_table, f"Optimizers ({len(opt_rows)})")
        tabs.addTab(self.schedule_table, f"Schedules ({len(sched_rows)})")
        tabs.addTab(self.error_table, f"Errors ({len(error_rows)})")
        if error_rows:
            tabs.setCurrentIndex(2)
        folders = [str(p) for p in (repo_plugin_dir(), user_plugin_dir()) if p is not None]
        note = QLabel("Drop a plugin file (*.py) into one of these folders and restart OptStudio: "
                      + " · ".join(f"<code>{f}</code>" for f in folders)
                      + ". Extra folders: the OPTSTUDIO_PLUGIN_PATH environment variable.")
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel("No plugin errors." if not error_rows else
                         f"<b style='color:#c62828'>{len(error_rows)} plugin error(s)</b>: those plugins "
                         f"(or parts of them) were not loaded; everything else works.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(tabs, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = []
        for action in actions:
            keys = ", ".join(s.toString() for s in action.shortcuts())
            if keys:
                rows.append([keys, action.text().replace("&", ""), action.toolTip()])
        table = _table(["keys", "action", "what it does"], rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Shortcuts work when the cursor is not in a text field."))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


def about_text() -> str:
    from optstudio import __version__ as version  # noqa: PLC0415
    return (f"<h3>OptStudio {version}</h3>"
            "<p>See how neural networks are optimised: gradient descent, momentum, RMSprop, Adam and more, "
            "live on your data.</p>"
            "<p>Choose data, build a network, pick an optimizer and press <b>Start</b>. The decision boundary, "
            "the cost and the accuracy update as the network learns. Change α or the optimizer while "
            "paused and continue to see the effect.</p>"
            "<p>Optimizers and schedules are plugins: see Help ▸ Plugins….</p>")
