"""Dialogs: plugins and their errors, keyboard shortcuts, the bundled labs, about."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QScrollArea, QSplitter, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from optstudio.gui.i18n import QT_TRANSLATE_NOOP, localized, translate
from optstudio.paths import repo_plugin_dir, user_plugin_dir

__all__ = ["PluginDialog", "ShortcutsDialog", "LabDialog", "lab_kind", "lab_title", "about_text"]


_PER = {"epoch": QT_TRANSLATE_NOOP("Dialogs", "per epoch"), "step": QT_TRANSLATE_NOOP("Dialogs", "per step")}


def _texts(info):
    """The plugin's ``translations`` (None for a plugin without)."""
    return getattr(info, "translations", None)


def _label(info) -> str:
    return localized(_texts(info), "label", info.label)


def _params(info) -> str:
    """The hyperparameters' labels in the window's language ("–" for none)."""
    names = [localized(_texts(info), f"params.{p.name}.label", None) or translate("ParamSpec", p.display_label)
             for p in info.params]
    return ", ".join(names) or "–"


def _tip(info) -> str:
    return (f"{localized(_texts(info), 'description', info.description)}\n\n"
            f"{localized(_texts(info), 'formula', info.formula)}")


def _source(text: str) -> str:
    """Where a plugin comes from: "built-in" in the window's language, or its file."""
    return translate("Dialogs", "built-in") if text == "built-in" else text


def lab_title(path, title: str, exp=None) -> str:
    """A lab's title in the window's language (its file's ``translations``, else ``title``)."""
    if exp is None:
        try:
            from optstudio.core.experiment import read_settings_file  # noqa: PLC0415
            data = read_settings_file(Path(path))
        except Exception:  # noqa: BLE001 - the English title then
            return title
        translations = data.get("translations") if isinstance(data, dict) else None
    else:
        translations = getattr(exp, "translations", None)
    return localized(translations if isinstance(translations, dict) else None, "title", title)


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
        self.setWindowTitle(translate("Dialogs", "Plugins"))
        self.resize(820, 480)
        tabs = QTabWidget()
        opt_rows, opt_tips = [], []
        for name, info in manager.optimizers.items():
            opt_rows.append([name, _label(info), _params(info), _source(manager.source("optimizer", name))])
            opt_tips.append(_tip(info))
        sched_rows, sched_tips = [], []
        for name, info in manager.schedules.items():
            per = translate("Dialogs", _PER[info.per]) if info.per in _PER else f"per {info.per}"
            sched_rows.append([name, _label(info), per, _params(info), _source(manager.source("schedule", name))])
            sched_tips.append(_tip(info))
        name, label = translate("Dialogs", "name"), translate("Dialogs", "label")
        hyper, source = translate("Dialogs", "hyperparameters"), translate("Dialogs", "source")
        self.optimizer_table = _table([name, label, hyper, source], opt_rows, opt_tips)
        self.schedule_table = _table([name, label, translate("Dialogs", "α computed"), hyper, source],
                                     sched_rows, sched_tips)
        error_rows = [[e.plugin, (e.file or "–") + (f":{e.line}" if e.line else ""), e.message]
                      for e in manager.errors]
        self.error_table = _table([translate("Dialogs", "plugin"), translate("Dialogs", "file:line"),
                                   translate("Dialogs", "problem")], error_rows)
        tabs.addTab(self.optimizer_table, translate("Dialogs", "Optimizers ({count})").format(count=len(opt_rows)))
        tabs.addTab(self.schedule_table, translate("Dialogs", "Schedules ({count})").format(count=len(sched_rows)))
        tabs.addTab(self.error_table, translate("Dialogs", "Errors ({count})").format(count=len(error_rows)))
        if error_rows:
            tabs.setCurrentIndex(2)
        folders = [str(p) for p in (repo_plugin_dir(), user_plugin_dir()) if p is not None]
        note = QLabel(translate("Dialogs", "Drop a plugin file (*.py) into one of these folders and restart "
                                           "OptStudio: {folders}. Extra folders: the OPTSTUDIO_PLUGIN_PATH "
                                           "environment variable.")
                      .format(folders=" · ".join(f"<code>{f}</code>" for f in folders)))
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel(translate("Dialogs", "No plugin errors.") if not error_rows else
                         translate("Dialogs", "<b style='color:#c62828'>{count} plugin error(s)</b>: those plugins "
                                              "(or parts of them) were not loaded; everything else works.")
                         .format(count=len(error_rows)))
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
        self.setWindowTitle(translate("Dialogs", "Keyboard shortcuts"))
        rows = []
        for action in actions:
            keys = ", ".join(s.toString() for s in action.shortcuts())
            if keys:
                rows.append([keys, action.text().replace("&", ""), action.statusTip() or action.toolTip()])
        table = _table([translate("Dialogs", "keys"), translate("Dialogs", "action"),
                        translate("Dialogs", "what it does")], rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Dialogs", "Shortcuts work when the cursor is not in a text field.")))
        layout.addWidget(table, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


def lab_kind(exp) -> str:
    """What opening a lab shows, in a few words."""
    from optstudio.labs import has_trajectory  # noqa: PLC0415

    if exp.runs:
        return translate("Dialogs", "a comparison of {count} runs (tab “Compare optimizers”)").format(
            count=len(exp.runs))
    if has_trajectory(exp):
        return translate("Dialogs", "optimizer paths on 2-D functions (tab “Trajectories (2-D)”)")
    return translate("Dialogs", "one training run (tab “Training”)")


class LabDialog(QDialog):
    """The bundled labs (title and file), with the selected lab's instructions; Open loads it.

    ``labs``: ``[(path, title), …]`` (default: :func:`optstudio.labs.list_labs`). After
    ``exec()`` returns Accepted, :attr:`selected_path` is the chosen file.
    """

    def __init__(self, labs=None, parent: QWidget | None = None):
        super().__init__(parent)
        from optstudio.labs import list_labs  # noqa: PLC0415

        self.setWindowTitle(translate("Dialogs", "Open lab"))
        self.labs: list[tuple[Path, str]] = list(list_labs() if labs is None else labs)
        rows = [[lab_title(path, title), Path(path).name] for path, title in self.labs]
        self.table = _table([translate("Dialogs", "lab"), translate("Dialogs", "file")], rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setToolTip(translate("Dialogs", "Double-click a lab to open it."))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.MarkdownText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setContentsMargins(6, 6, 6, 6)
        scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(scroll)
        split.setSizes([180, 260])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Dialogs", "Ready-made experiments with instructions. Choose one and "
                                                     "press Open: its settings replace the current ones.")))
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.resize(780, 560)
        if self.labs:
            self.table.selectRow(0)
        else:
            self.preview.setText(translate("Dialogs", "No bundled labs were found."))
        self._on_selection()

    @property
    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.labs[rows[0].row()][0])

    def select(self, name: str) -> bool:
        """Select the lab whose file name starts with ``name`` (e.g. ``"01"``)."""
        for i, (path, _title) in enumerate(self.labs):
            if Path(path).name.startswith(name):
                self.table.selectRow(i)
                return True
        return False

    @Slot()
    def _on_selection(self) -> None:
        from optstudio.core.experiment import ExperimentError  # noqa: PLC0415
        from optstudio.labs import load_lab  # noqa: PLC0415

        path = self.selected_path
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(path is not None)
        if path is None:
            return
        try:
            exp = load_lab(path)
        except ExperimentError as exc:
            self.preview.setText(translate("Dialogs", "Cannot read this lab: {problem}").format(problem=exc))
            return
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            self.preview.setText(translate("Dialogs", "Cannot read this lab: {problem}").format(
                problem=f"{type(exc).__name__}: {exc}"))
            return
        translations = getattr(exp, "translations", None)
        title = localized(translations, "title", exp.title) or path.stem
        text = (f"**{title}**\n\n" + translate("Dialogs", "Opens {what}.").format(what=lab_kind(exp)) + "\n\n")
        instructions = localized(translations, "instructions", exp.instructions)
        self.preview.setText(text + (instructions or translate("Dialogs", "(no instructions)")))

    @Slot(int, int)
    def _on_double_click(self, _row: int, _column: int) -> None:
        self.accept()


def about_text() -> str:
    from optstudio import __version__ as version  # noqa: PLC0415
    return (f"<h3>OptStudio {version}</h3>"
            + translate("Dialogs", "<p>See how neural networks are optimised: gradient descent, momentum, RMSprop, "
                                   "Adam and more, live on your data.</p>"
                                   "<p>Choose data, build a network, pick an optimizer and press <b>Start</b>. The "
                                   "decision boundary, the cost and the accuracy update as the network learns. Change "
                                   "α or the optimizer while paused and continue to see the effect.</p>"
                                   "<p>Optimizers and schedules are plugins: see Help ▸ Plugins and plugin errors….</p>"))
