"""Opening and saving experiment and lab files from the window, and exporting plots and history.

An experiment is checked against the installed plugins before anything changes
(:func:`checked_experiment`): an unknown optimizer or schedule, in the experiment or in one of a
lab's runs, is an error with the same one-line message as on the command line, never a silent
substitute. The file dialogs open in the folder of the last file opened or saved.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from optstudio.core.datasets import DataError
from optstudio.core.experiment import Experiment, ExperimentError, dumps_toml
from optstudio.core.optim import validate_params
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.plot_export import export_plot_item

__all__ = ["checked_experiment", "write_experiment", "ExperimentFiles", "EXPERIMENT_FILTER"]

EXPERIMENT_FILTER = QT_TRANSLATE_NOOP("ExperimentFiles", "OptStudio experiments (*.json *.toml);;JSON (*.json);;"
                                                        "TOML (*.toml)")


def _checked_names(exp: Experiment, manager, where: str = "") -> None:
    """Optimizer and schedule known, their parameters valid (normalised in place)."""
    prefix = f"{where}: " if where else ""
    try:
        opt = manager.optimizer_info(exp.optimizer.name)
        sched = manager.schedule_info(exp.schedule.name)
        values = opt.validate(exp.optimizer.params)
        own = {spec.name for spec in opt.params}
        defaults = {spec.name: spec.default for spec in opt.all_params}
        # the optimizer's own values, and the shared pieces (weight decay, clipping) that are on:
        # what the optimizer panel shows and sends
        exp.optimizer.params = {k: v for k, v in values.items() if k in own or v != defaults.get(k)}
        exp.schedule.params = validate_params(sched.params, exp.schedule.params,
                                                translate("Files", "schedule {name}").format(name=repr(exp.schedule.name)))
    except (ValueError, KeyError) as exc:
        raise ExperimentError(prefix + str(exc).strip("'\"")) from None


def checked_experiment(experiment: Experiment, manager) -> Experiment:
    """A validated copy of ``experiment`` whose optimizer, schedule and runs the plugins know.
    Raises :class:`ExperimentError` with one line (e.g. ``run 1 (A): unknown optimizer 'adamm'
    (available: …)``)."""
    exp = experiment.copy()
    exp.validate()
    _checked_names(exp, manager)
    for i, patch in enumerate(exp.runs):
        label = patch.get("label") if isinstance(patch, dict) and isinstance(patch.get("label"), str) else ""
        where = (translate("ExperimentFiles", "run {number} ({label})") if label
                 else translate("ExperimentFiles", "run {number}")).format(number=i + 1, label=label)
        _checked_names(exp.variant(patch, where=where), manager, where)
    return exp


def write_experiment(exp: Experiment, path) -> None:
    """Save as JSON or TOML (by the suffix). The output activation is only written for the square
    loss (bce and softmax fix their own). Raises OSError."""
    path = Path(path)
    data = exp.to_dict()
    if exp.network.loss != "mse":
        data["network"].pop("output_activation", None)
    text = dumps_toml(data) if path.suffix.lower() == ".toml" else json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


class ExperimentFiles:
    """File ▸ Open/Save for a window (``window.load_experiment``, ``window.show_message``,
    ``window.statusBar``, ``window.folders``, ``window.path`` and ``window.show_lab_parts``)."""

    def __init__(self, window) -> None:
        self.window = window

    def folder(self) -> str:
        w = self.window
        if w.path is not None:
            return str(w.path.parent)
        return w.folders.get("experiment") or str(Path.home())

    def _remember(self, path: Path) -> None:
        self.window.folders["experiment"] = str(path.resolve().parent)

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, translate("ExperimentFiles", "Open experiment"),
                                              self.folder(), translate("ExperimentFiles", EXPERIMENT_FILTER))
        if path:
            self.open_experiment(path)

    def open_experiment(self, path) -> bool:
        """Load an experiment file; on any problem show a message and keep the current one."""
        w = self.window
        path = Path(path)
        try:
            experiment = Experiment.load(path)
            if not w.load_experiment(experiment, ask=True):
                return False
        except (ExperimentError, DataError, ValueError) as exc:
            w.show_message(translate("ExperimentFiles", "Cannot open the experiment"), f"{path.name}: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001
            w.show_message(translate("ExperimentFiles", "Cannot open the experiment"),
                           f"{path.name}: {type(exc).__name__}: {exc}")
            return False
        w.path = path
        self._remember(path)
        w.update_title()
        w.show_lab_parts(experiment, switch=True)
        w.statusBar().showMessage(translate("ExperimentFiles", "Opened {path}").format(path=path), 5000)
        return True

    def open_lab(self, lab) -> bool:
        """Open a bundled lab (name, number or file; see :func:`optstudio.labs.find_lab`) or any
        lab file. On a problem: a message, nothing changed."""
        from optstudio.labs import find_lab, lab_dir, load_lab  # noqa: PLC0415

        w = self.window
        try:
            path = find_lab(lab)
            experiment = load_lab(path)
            if not w.load_experiment(experiment, ask=True):
                return False
        except (ExperimentError, DataError, ValueError) as exc:
            w.show_message(translate("ExperimentFiles", "Cannot open the lab"),
                           f"{lab if isinstance(lab, str) else Path(lab).name}: {exc}")
            return False
        except Exception as exc:  # noqa: BLE001
            w.show_message(translate("ExperimentFiles", "Cannot open the lab"), f"{type(exc).__name__}: {exc}")
            return False
        try:
            bundled = path.resolve().parent == lab_dir()
        except OSError:
            bundled = False
        w.path = None if bundled else path       # Save must not overwrite a bundled lab
        w.update_title()
        w.show_lab_parts(experiment, switch=True)
        w.statusBar().showMessage(translate("ExperimentFiles", "Opened the lab {name}").format(name=path.name), 5000)
        return True

    def save(self) -> None:
        if self.window.path is None:
            self.save_as()
        else:
            self.save_experiment(self.window.path)

    def save_as(self) -> None:
        w = self.window
        start = str(w.path) if w.path else str(Path(self.folder()) / "experiment.json")
        path, _ = QFileDialog.getSaveFileName(w, translate("ExperimentFiles", "Save experiment"), start,
                                              translate("ExperimentFiles", EXPERIMENT_FILTER))
        if path:
            if Path(path).suffix.lower() not in (".json", ".toml"):
                path += ".json"
            self.save_experiment(path)

    def save_experiment(self, path) -> bool:
        w = self.window
        path = Path(path)
        errors = w.settings.errors
        if errors:
            w.show_message(translate("ExperimentFiles", "Cannot save yet"),
                           translate("ExperimentFiles", "Some fields are not valid:") + "\n" + "\n".join(errors))
            return False
        try:
            write_experiment(w.experiment(), path)
        except (OSError, ExperimentError, ValueError) as exc:
            w.show_message(translate("ExperimentFiles", "Cannot save the experiment"), f"{path}: {exc}")
            return False
        w.path = path
        self._remember(path)
        w.update_title()
        w.statusBar().showMessage(translate("ExperimentFiles", "Saved {path}").format(path=path), 5000)
        return True

    # ------------------------------------------------------------------ exports
    def export_path(self, title: str, name: str, filters: str) -> str:
        """A file name from the save dialog, in the folder of the last export (or "")."""
        folder = self.window.folders.get("export") or self.folder()
        path, _ = QFileDialog.getSaveFileName(self.window, title, str(Path(folder) / name), filters)
        if path:
            self.window.folders["export"] = str(Path(path).parent)
        return path

    def export_plot_dialog(self, key: str) -> None:
        path = self.export_path(translate("ExperimentFiles", "Export plot"), f"{key}.png",
                                translate("ExperimentFiles", "PNG image (*.png);;SVG drawing (*.svg)"))
        if path:
            self.export_plot(key, path)

    def export_plot(self, key: str, path) -> bool:
        """Save one plot as PNG (by default) or SVG (``.svg``); see :mod:`optstudio.gui.plot_export`."""
        try:
            written = export_plot_item(self.window.training_page.plot_items()[key], path)
        except OSError as exc:
            self.window.show_message(translate("ExperimentFiles", "Cannot export the plot"), str(exc))
            return False
        self.window.statusBar().showMessage(translate("ExperimentFiles", "Saved {path}").format(path=written), 5000)
        return True

    def export_history_dialog(self) -> None:
        path = self.export_path(translate("ExperimentFiles", "Export history"), "history.csv",
                                translate("ExperimentFiles", "CSV table (*.csv)"))
        if path:
            self.export_history(path)

    def export_history(self, path) -> bool:
        run = self.window.controller.run
        if run is None or not len(run.history):
            self.window.show_message(translate("ExperimentFiles", "Nothing to export"),
                                     translate("ExperimentFiles", "Train at least one epoch first."),
                                     QMessageBox.Icon.Information)
            return False
        try:
            run.history.write_csv(path)
        except OSError as exc:
            self.window.show_message(translate("ExperimentFiles", "Cannot export the history"),
                                     f"{path}: {exc.strerror or exc}")
            return False
        self.window.statusBar().showMessage(translate("ExperimentFiles", "Saved {path}").format(path=path), 5000)
        return True
