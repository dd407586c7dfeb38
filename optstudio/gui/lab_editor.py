"""File ▸ Save as lab…: the experiment in the window, with a title and instructions, as a lab file.

The dialog has the title, the instructions (Markdown) with a live preview drawn by the same
:class:`~optstudio.gui.lab_panel.LabPanel` the window shows them in, and check boxes for the
settings the lab fixes and the views it hides (the ``"lock"`` and ``"hide"`` sections of
:mod:`optstudio.labs`; the preview shows their note too).

A lab must open the same way on every student's machine, so the file is JSON with the format
version and *every* setting written out (a default that changes in a later OptStudio does not
change the lab), the seeds included. What cannot travel in the file is named in the dialog before
saving: data read from a file on this machine (students need that file at the same path) and
optimizers or schedules from plugins that are not built in (students need the same plugin).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox, QLabel,
    QLineEdit, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget,
)

from optstudio.core.datasets import dataset_names
from optstudio.core.experiment import Experiment, ExperimentError
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.lab_lock import hide_text, lock_note, lock_text
from optstudio.gui.lab_panel import LabPanel
from optstudio.labs import HIDE_KEY, HIDE_NAMES, LOCK_KEY, LOCK_NAMES, LabControls, has_trajectory, lab_controls

__all__ = ["LabEditor", "lab_experiment", "write_lab", "travel_warnings"]

# the lock check boxes in three columns: data and network | optimizer and schedule | training
_LOCK_COLUMNS = {"data": 0, "network": 0, "optimizer": 1, "schedule": 1, "training": 2}
_PLACEHOLDER = QT_TRANSLATE_NOOP("LabEditor", "1. Press Start and watch the cost.\n2. Change the learning rate α "
                                              "and train again.\n\n**What to look for:** …")


def lab_experiment(base: Experiment, title: str, instructions: str, lock=(), hide=()) -> Experiment:
    """``base`` as a lab: with this title, instructions, ``lock`` and ``hide`` (checked)."""
    exp = base.copy()
    exp.title, exp.instructions = title.strip(), instructions.strip()
    # a translation of a text that was edited no longer says the same: it is dropped (the lab
    # then shows the new text in every language until someone translates it again)
    for key, before in (("title", base.title), ("instructions", base.instructions)):
        if getattr(exp, key) != (before or "").strip():
            for table in getattr(exp, "translations", {}).values():
                if isinstance(table, dict):
                    table.pop(key, None)
    exp.translations = {lang: table for lang, table in getattr(exp, "translations", {}).items() if table}
    for key, names in ((LOCK_KEY, list(lock)), (HIDE_KEY, list(hide))):
        if names:
            exp.extras[key] = names
        else:
            exp.extras.pop(key, None)
    if not exp.title:
        raise ExperimentError(translate("LabEditor", "a lab needs a title (it heads the instructions and the window)"))
    lab_controls(exp, where="the lab")
    return exp


def write_lab(exp: Experiment, path) -> Path:
    """Write ``exp`` as a lab: JSON with every setting (a ``.json`` suffix is added if missing).
    Raises OSError."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        path = path.with_name(path.name + ".json")
    data = exp.to_dict()
    if exp.network.loss != "mse":           # bce and softmax fix their own (as File ▸ Save does)
        data["network"].pop("output_activation", None)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def travel_warnings(exp: Experiment, manager) -> list[str]:
    """What in ``exp`` depends on this machine (one line each)."""
    out = []
    if exp.data.name not in dataset_names():
        out.append(translate("LabEditor", "The data is the file {file}: every student needs it at that same path. A "
                                          "generated or bundled data set ({examples}, …) travels with the lab.")
                   .format(file=exp.data.name, examples=", ".join(dataset_names()[:3])))
    runs = [exp] + [exp.variant(run) for run in exp.runs]
    seen = set()
    for run in runs:
        for kind, name in (("optimizer", run.optimizer.name), ("schedule", run.schedule.name)):
            if (kind, name) in seen:
                continue
            seen.add((kind, name))
            try:
                builtin = manager.is_builtin(kind, name)
                source = manager.source(kind, name)
            except (KeyError, ValueError):
                continue
            if not builtin:
                text = (translate("LabEditor", "The optimizer {name} comes from a plugin ({source}): every student "
                                               "needs it too.") if kind == "optimizer" else
                        translate("LabEditor", "The schedule {name} comes from a plugin ({source}): every student "
                                               "needs it too."))
                out.append(text.format(name=repr(name), source=source))
    return out


class LabEditor(QDialog):
    """Title, instructions with preview, locked settings and hidden views; Save writes the lab."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.main_window = window
        self.setWindowTitle(translate("LabEditor", "Save as lab"))
        self.saved_path: Path | None = None
        exp = window.experiment()
        try:
            controls = lab_controls(exp)
        except ExperimentError:
            controls = LabControls()

        self.title_edit = QLineEdit(exp.title)
        self.title_edit.setObjectName("lab_title")
        self.title_edit.setPlaceholderText(translate("LabEditor", "e.g. Lab 3: the learning rate"))
        self.instructions = QPlainTextEdit(exp.instructions)
        self.instructions.setObjectName("lab_instructions")
        self.instructions.setPlaceholderText(translate("LabEditor", _PLACEHOLDER))
        self.instructions.setToolTip(translate("LabEditor", "Markdown: **bold**, *italic*, numbered lists 1. 2. 3., "
                                                            "`code`, blank lines between paragraphs"))
        self.preview = LabPanel()
        self.preview.setObjectName("lab_preview")
        preview_box = QGroupBox(translate("LabEditor", "How students see it (the Instructions section of the window)"))
        QVBoxLayout(preview_box).addWidget(self.preview)
        preview_box.layout().addStretch(1)

        self.lock_boxes: dict[str, QCheckBox] = {}
        lock_group = QGroupBox(translate("LabEditor", "Fixed settings (students cannot change them)"))
        grid = QGridLayout(lock_group)
        rows = [0, 0, 0]
        for name in LOCK_NAMES:
            text = lock_text(name)
            section = name.split(".")[0]
            box = QCheckBox(("    " if "." in name else "") + (text[:1].upper() if text[:1].isascii() else text[:1]) + text[1:])
            box.setObjectName(f"lock_{name}")
            box.setToolTip(translate("LabEditor", "In the lab file: {entry}").format(entry=f'"lock": ["{name}"]'))
            box.setChecked(name in controls.lock)
            box.toggled.connect(self._update_preview)
            self.lock_boxes[name] = box
            column = _LOCK_COLUMNS[section]
            grid.addWidget(box, rows[column], column)
            rows[column] += 1
        self.hide_boxes: dict[str, QCheckBox] = {}
        hide_group = QGroupBox(translate("LabEditor", "Hidden views"))
        hide_grid = QGridLayout(hide_group)
        for i, name in enumerate(HIDE_NAMES):
            box = QCheckBox(hide_text(name))
            box.setObjectName(f"hide_{name}")
            box.setToolTip(translate("LabEditor", "In the lab file: {entry}").format(entry=f'"hide": ["{name}"]'))
            box.setChecked(name in controls.hide)
            shown_there = {"compare": bool(exp.runs), "trajectory": has_trajectory(exp), "sweep": "sweep" in exp.extras}
            if shown_there.get(name):
                box.setEnabled(False)
                box.setToolTip(translate("LabEditor", "This lab's runs are shown there: it stays") if name == "compare"
                               else translate("LabEditor", "This lab's {section} section is shown there: it stays")
                               .format(section=name))
            box.toggled.connect(self._update_preview)
            self.hide_boxes[name] = box
            hide_grid.addWidget(box, i // 3, i % 3)

        self.warnings = QLabel()
        self.warnings.setObjectName("lab_warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("QLabel#lab_warnings { color: #8a4b00; }")
        try:
            lines = travel_warnings(exp, window.manager)
        except ExperimentError:
            lines = []
        self.warnings.setText("\n".join(lines))
        self.warnings.setVisible(bool(lines))
        self.error = QLabel()
        self.error.setObjectName("lab_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel#lab_error { color: #b00020; }")
        self.error.hide()

        editor = QWidget()
        form = QFormLayout(editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("LabEditor", "Title:"), self.title_edit)
        form.addRow(QLabel(translate("LabEditor", "Instructions (Markdown):")))
        form.addRow(self.instructions)
        split = QSplitter()
        split.addWidget(editor)
        split.addWidget(preview_box)
        split.setSizes([450, 350])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(translate("LabEditor", "Save lab…"))
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(lock_group)
        layout.addWidget(hide_group)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.title_edit.textChanged.connect(self._update_preview)
        self.instructions.textChanged.connect(self._update_preview)
        self.resize(960, 760)
        self._update_preview()

    # ------------------------------------------------------------------ reading the dialog
    def lock(self) -> list[str]:
        return [name for name, box in self.lock_boxes.items() if box.isChecked() and box.isEnabled()]

    def hide(self) -> list[str]:  # noqa: A003 - the lab file's word
        return [name for name, box in self.hide_boxes.items() if box.isChecked() and box.isEnabled()]

    def experiment(self) -> Experiment:
        """The lab as it would be saved. ExperimentError with one line when it cannot be."""
        return lab_experiment(self.main_window.experiment(), self.title_edit.text(), self.instructions.toPlainText(),
                              self.lock(), self.hide())

    @Slot()
    def _update_preview(self, *_args) -> None:
        for name, box in self.lock_boxes.items():      # a locked section locks each of its settings
            if "." in name:
                box.setEnabled(not self.lock_boxes[name.split(".")[0]].isChecked())
        self.preview.set_lab(self.title_edit.text().strip(), self.instructions.toPlainText().strip())
        self.preview.set_note(lock_note(LabControls(tuple(self.lock()), tuple(self.hide()))))

    # ------------------------------------------------------------------ saving
    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save_lab(self, path) -> Path | None:
        """Write the lab to ``path``; a problem is one line in the dialog. Returns the file."""
        errors = self.main_window.settings.errors
        if errors:
            self.show_error(translate("LabEditor", "Some fields of the window are not valid: {errors}")
                            .format(errors="; ".join(errors)))
            return None
        try:
            exp = self.experiment()
            written = write_lab(exp, path)
        except ExperimentError as exc:
            self.show_error(str(exc))
            return None
        except OSError as exc:
            self.show_error(translate("LabEditor", "Cannot write {path}: {problem}")
                            .format(path=path, problem=exc.strerror or exc))
            return None
        self.show_error("")
        self.saved_path = written
        self.main_window.folders["experiment"] = str(written.resolve().parent)
        message = translate("LabEditor", "Saved the lab {path}: students open it with File ▸ Open lab… (or "
                                         "`optstudio lab {name}`)")
        self.main_window.statusBar().showMessage(message.format(path=written, name=written.name), 8000)
        return written

    @Slot()
    def _on_save(self) -> None:
        try:
            self.experiment()
        except ExperimentError as exc:
            self.show_error(str(exc))
            return
        name = "".join(c if c.isalnum() else "_" for c in self.title_edit.text().strip().lower()).strip("_")
        start = str(Path(self.main_window.files.folder()) / f"{name or 'lab'}.json")
        path, _ = QFileDialog.getSaveFileName(self, translate("LabEditor", "Save lab"), start,
                                              translate("LabEditor", "OptStudio lab (*.json)"))
        if path and self.save_lab(path) is not None:
            self.accept()


def open_lab_editor(window) -> LabEditor:
    """File ▸ Save as lab… (modal)."""
    editor = LabEditor(window)
    window.lab_editor = editor
    editor.exec()
    return editor
