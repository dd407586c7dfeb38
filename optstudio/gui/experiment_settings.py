"""The one settings object of the window: the experiment it shows, setting by setting.

In the spirit of Orange's ``Setting`` + ``gui.spin``: the panels show what this object holds
(:attr:`ExperimentSettings.loaded`) and emit what the student changes, with the values; this
object keeps them and tells everyone else, again with the values. Nobody reads a widget back:
the Training tab, the comparison, the schedule preview, saving and the stored session all take
the values from here (:meth:`ExperimentSettings.experiment`).

A value is only taken when its field is valid; the fields' problems (one line each) are in
:attr:`ExperimentSettings.errors` (``errorsChanged(list)``).
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QObject, Signal, Slot

from optstudio.core.experiment import Experiment

__all__ = ["ExperimentSettings"]


class ExperimentSettings(QObject):
    """The experiment shown in the window (with what no widget shows: title, instructions, runs,
    extras, network details)."""

    loaded = Signal(object)               # Experiment: a whole new experiment for the panels to show
    dataChanged = Signal(object)          # DataSpec
    networkChanged = Signal(object)       # NetworkSpec
    optimizerChanged = Signal(object)     # OptimizerSpec (name, α, hyperparameters)
    learningRateChanged = Signal(float)
    scheduleChanged = Signal(object)      # ScheduleSpec
    epochsChanged = Signal(int)
    miniBatchSizeChanged = Signal(int)
    initChanged = Signal(object)          # TrainingSpec: another seed or shuffling (a new start)
    errorsChanged = Signal(list)          # every field's problem, one line each

    def __init__(self, experiment: Experiment | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exp = (experiment or Experiment()).copy()
        self._errors: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ reading
    def experiment(self) -> Experiment:
        """A copy of every setting."""
        return self._exp.copy()

    @property
    def data(self):
        return copy.deepcopy(self._exp.data)

    @property
    def training(self):
        return copy.deepcopy(self._exp.training)

    @property
    def learning_rate(self) -> float:
        return float(self._exp.optimizer.learning_rate)

    @property
    def epochs(self) -> int:
        return int(self._exp.training.epochs)

    @property
    def mini_batch_size(self) -> int:
        return int(self._exp.training.mini_batch_size)

    @property
    def errors(self) -> list[str]:
        return [e for source in ("data", "network", "optimizer") for e in self._errors.get(source, [])]

    def errors_of(self, source: str) -> list[str]:
        return list(self._errors.get(source, []))

    @property
    def valid(self) -> bool:
        return not any(self._errors.values())

    # ------------------------------------------------------------------ a whole experiment
    def load(self, experiment: Experiment) -> None:
        """Show ``experiment`` (already checked against the plugins): ``loaded`` only."""
        self._exp = experiment.copy()
        self.loaded.emit(self.experiment())

    def bind(self, dataset_panel, network_panel, optimizer_panel) -> None:
        """The panels show what is loaded and send what changes here."""
        self.loaded.connect(lambda exp: dataset_panel.set_spec(exp.data))
        self.loaded.connect(lambda exp: network_panel.set_spec(exp.network))
        self.loaded.connect(lambda exp: optimizer_panel.set_specs(exp.optimizer, exp.schedule, exp.training))
        dataset_panel.dataChanged.connect(self.set_data)
        network_panel.networkChanged.connect(self.set_network)
        optimizer_panel.optimizerChanged.connect(self.set_optimizer)
        optimizer_panel.learningRateChanged.connect(self.set_learning_rate)
        optimizer_panel.scheduleChanged.connect(self.set_schedule)
        optimizer_panel.epochsChanged.connect(self.set_epochs)
        optimizer_panel.miniBatchSizeChanged.connect(self.set_mini_batch_size)
        optimizer_panel.seedChanged.connect(self.set_seed)
        optimizer_panel.presetChanged.connect(self.set_preset)
        for source, panel in (("data", dataset_panel), ("network", network_panel), ("optimizer", optimizer_panel)):
            panel.errorsChanged.connect(lambda errors, source=source: self.set_errors(source, errors))

    # ------------------------------------------------------------------ one setting
    @Slot(object)
    def set_data(self, spec) -> None:
        if spec != self._exp.data:
            self._exp.data = copy.deepcopy(spec)
            self.dataChanged.emit(copy.deepcopy(spec))

    @Slot(object)
    def set_network(self, spec) -> None:
        if spec != self._exp.network:
            self._exp.network = copy.deepcopy(spec)
            self.networkChanged.emit(copy.deepcopy(spec))

    @Slot(object)
    def set_optimizer(self, spec) -> None:
        if spec != self._exp.optimizer:
            self._exp.optimizer = copy.deepcopy(spec)
            self.optimizerChanged.emit(copy.deepcopy(spec))

    @Slot(float)
    def set_learning_rate(self, learning_rate: float) -> None:
        if learning_rate != self._exp.optimizer.learning_rate:
            self._exp.optimizer.learning_rate = float(learning_rate)
            self.learningRateChanged.emit(float(learning_rate))

    @Slot(object)
    def set_schedule(self, spec) -> None:
        if spec != self._exp.schedule:
            self._exp.schedule = copy.deepcopy(spec)
            self.scheduleChanged.emit(copy.deepcopy(spec))

    @Slot(int)
    def set_epochs(self, epochs: int) -> None:
        if epochs != self._exp.training.epochs:
            self._exp.training.epochs = int(epochs)
            self.epochsChanged.emit(int(epochs))

    @Slot(int)
    def set_mini_batch_size(self, size: int) -> None:
        if size != self._exp.training.mini_batch_size:
            self._exp.training.mini_batch_size = int(size)
            self.miniBatchSizeChanged.emit(int(size))

    @Slot(int)
    def set_seed(self, seed: int) -> None:
        if seed != self._exp.training.seed:
            self._exp.training.seed = int(seed)
            self.initChanged.emit(self.training)

    @Slot(str)
    def set_preset(self, preset: str) -> None:
        if preset != self._exp.training.preset:
            self._exp.training.preset = str(preset)
            self.initChanged.emit(self.training)

    def set_errors(self, source: str, errors: list) -> None:
        errors = [str(e) for e in errors]
        if errors != self._errors.get(source, []):
            self._errors[source] = errors
            self.errorsChanged.emit(self.errors)
