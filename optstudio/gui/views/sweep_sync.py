"""Keeps the Sweep tab in step with the window.

* The sweep's base is the window's experiment (data, network, schedule, mini-batch size, epochs),
  taken from the settings object whenever it changes (a running sweep keeps the copy it started
  with).
* An experiment or lab file with a ``"sweep"`` section (lab 12) fills the tab's grid, and opening
  it shows the Sweep tab.
* Clicking a square of the heatmap opens that run in the Training tab: the window loads its own
  experiment set to the run's optimizer, α, hyperparameters, seed and mini-batch size
  (:meth:`MainWindow.load_experiment`, after asking before a trained run is discarded), then shows
  the Training tab.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Slot

from optstudio.core.experiment import ExperimentError
from optstudio.core.sweep import SweepSpec
from optstudio.gui.i18n import translate
from optstudio.gui.views._common import html_escape
from optstudio.gui.views.sweep_data import cell_text, training_experiment

__all__ = ["SweepSync", "sweep_section"]


def sweep_section(experiment) -> dict | None:
    section = experiment.extras.get("sweep") if experiment is not None else None
    return section if isinstance(section, dict) and section else None


class SweepSync(QObject):
    """``window``: the MainWindow; ``page``: the Sweep tab's index in ``window.pages``."""

    def __init__(self, window, page: int) -> None:
        super().__init__(window)
        self.window = window
        self.page = page
        self.settings = window.settings
        self.view = None
        self.closed = False
        self._section_key: str | None = None     # the sweep section the view shows
        self.edited = False                       # the student changed the grid since it was loaded
        self._last_grid: dict | None = None       # the grid of the fields when they were last valid
        for signal in (self.settings.dataChanged, self.settings.networkChanged, self.settings.epochsChanged,
                       self.settings.miniBatchSizeChanged, self.settings.initChanged,
                       self.settings.scheduleChanged, self.settings.optimizerChanged,
                       self.settings.learningRateChanged):
            signal.connect(self.sync)
        self.settings.loaded.connect(self._on_loaded)
        self.settings.errorsChanged.connect(self.sync)
        window.pages.viewBuilt.connect(self._on_built)

    @Slot(int, object)
    def _on_built(self, page: int, view) -> None:
        if page != self.page:
            return
        self.view = view
        self._section_key = None
        view.runRequested.connect(self.open_run)
        view.destroyed.connect(self._on_destroyed)        # (the plugins were reloaded)
        for field in (view.lr_field, view.seeds_field, view.grid_field, view.target_field):
            field.textEdited.connect(self._on_edited)     # typed by the student (not set by a file)
        view.optimizer_list.itemChanged.connect(self._on_edited)
        edited, grid = self.edited, self._last_grid     # a tab built again (plugins reloaded)
        self._on_loaded(self.settings.experiment())
        if edited and grid is not None:                  # keeps the grid the student typed
            view.set_spec(SweepSpec.from_dict(grid))
            self.edited, self._last_grid = True, grid

    @Slot()
    def _on_destroyed(self, *_args) -> None:
        self.view = None

    @Slot()
    def _on_edited(self, *_args) -> None:
        self.edited = True
        if self.view is not None:
            try:
                self._last_grid = self.view.spec().to_dict()
            except ValueError:
                pass                                      # (a field in the middle of an edit)

    def apply(self, experiment) -> None:
        """Write the tab's grid into ``experiment``'s ``"sweep"`` section if the student edited it
        (File ▸ Save and Save as lab keep it, like every other setting). While a field has a mistake,
        the last grid without one is written (the field shows the mistake)."""
        if self.view is None or self.closed or not self.edited or self._last_grid is None:
            return
        grid = self._last_grid
        section = dict(sweep_section(experiment) or {})
        for key in ("optimizers", "learning_rates", "seeds", "grid", "target_cost"):
            section.pop(key, None)                        # the fields say these (an emptied one: gone)
        section.update(grid)
        experiment.extras["sweep"] = section

    @Slot(object)
    def _on_loaded(self, experiment) -> None:
        if self.view is None or self.closed:
            return
        section = sweep_section(experiment)
        key = json.dumps(section, sort_keys=True, default=str) if section else None
        if key is not None and key != self._section_key:
            self.edited, self._last_grid = False, None
            try:
                spec = SweepSpec.from_dict(section, where=translate("SweepSync", "the file's sweep section"))
            except ExperimentError as exc:
                self.view._show_error(str(exc))
            else:
                if self.view.is_running():
                    self.view.stop()           # a new lab's grid replaces the running sweep's
                self.view.set_spec(spec)
        self._section_key = key
        self.sync()

    @Slot()
    def sync(self, *_args) -> None:
        if self.view is None or self.closed:
            return
        errors = self.settings.errors
        self.view.set_base_experiment(self.settings.experiment(),
                                      problem=translate("SweepSync", "fix the settings marked in red on the left "
                                                        "first: {error}").format(error=errors[0])
                                      if errors else None)

    def show_lab_parts(self, experiment, *, switch: bool) -> None:
        """A file with a sweep section: show its grid (building the tab) and, with ``switch``, the tab."""
        if self.closed or sweep_section(experiment) is None:
            return
        self.window.pages.view(self.page)
        if switch:
            self.window.pages.setCurrentIndex(self.page)

    @Slot(object)
    def open_run(self, cell) -> None:
        """Open ``cell``'s run in the Training tab."""
        if self.closed:
            return
        exp = training_experiment(self.window.experiment(), cell)
        try:
            loaded = self.window.load_experiment(exp, ask=True)
        except ExperimentError as exc:
            self.window.notice.show_notice(translate("SweepSync", "Cannot open the run: {error}").format(
                error=html_escape(exc)), "notice")
            return
        if loaded:
            self.window.show_view("training")
            self.window.statusBar().showMessage(translate("SweepSync", "The Training tab shows the sweep's run "
                                                          "{run}: press Start to train it.").format(run=cell_text(cell)),
                                                8000)

    def shutdown(self) -> None:
        self.closed = True
        if self.view is not None:
            self.view.shutdown()
