"""What the pages next to Training take from the window: the inside view gets the training's
snapshots, the schedule preview the optimizer settings, the comparison the shared settings and a
lab's runs, the trajectory view a lab's trajectory section."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot

from optstudio.core.experiment import ExperimentError
from optstudio.gui.i18n import translate
from optstudio.gui.notice import html_escape
from optstudio.gui.pages import PAGE_COMPARE, PAGE_INSIDE, PAGE_SCHEDULE, PAGE_TRAINING, PAGE_TRAJECTORY

__all__ = ["ViewsGlue"]


class ViewsGlue(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.pages = window.pages
        self.settings = window.settings
        self.trajectory_lab = None        # the lab whose trajectory section the view shows
        self._applying = False
        self._inside_shown = True
        self.pages.viewBuilt.connect(self._on_built)
        for signal in (self.settings.scheduleChanged, self.settings.learningRateChanged,
                       self.settings.epochsChanged, self.settings.miniBatchSizeChanged,
                       self.settings.errorsChanged, self.settings.loaded):
            signal.connect(self.update_schedule_preview)

    # ------------------------------------------------------------------ views built
    @Slot(int, object)
    def _on_built(self, page: int, view) -> None:
        if page == PAGE_COMPARE:
            self.window.compare_sync.attach(view)
        elif page == PAGE_TRAJECTORY:
            view.function_combo.currentIndexChanged.connect(self._on_trajectory_function)
            if self.trajectory_lab is not None:
                self._apply_trajectory(self.trajectory_lab)
        elif page == PAGE_INSIDE:
            self._inside_shown = self.window.training_page.last_inside is None
            self.show_inside()
        elif page == PAGE_SCHEDULE:
            self.update_schedule_preview()

    def show_lab_parts(self, experiment, *, switch: bool) -> None:
        """A lab's trajectory section goes to the trajectory view; with ``switch``, the page the
        lab is about is shown (comparison, trajectories or training)."""
        from optstudio.labs import has_trajectory, trajectory_view_settings  # noqa: PLC0415

        page = PAGE_COMPARE if experiment.runs else None
        self.trajectory_lab = None
        if has_trajectory(experiment):
            try:
                settings = trajectory_view_settings(experiment, manager=self.window.manager)
            except ExperimentError as exc:
                self.window.notice.show_notice(translate("ViewsGlue", "The lab's trajectory section cannot be "
                                                                      "shown: {problem}")
                                               .format(problem=html_escape(exc)), "notice")
            else:
                if settings:
                    self.trajectory_lab = experiment.copy()
                    if self.pages.built(PAGE_TRAJECTORY) is not None:
                        self._apply_trajectory(self.trajectory_lab)
                    if page is None:
                        page = PAGE_TRAJECTORY
        if switch:
            self.pages.setCurrentIndex(PAGE_TRAINING if page is None else page)
        self.window.compare_sync.announce_runs()

    def _apply_trajectory(self, lab, function: str | None = None) -> None:
        from optstudio.labs import trajectory_view_settings  # noqa: PLC0415
        try:
            settings = trajectory_view_settings(lab, function, manager=self.window.manager)
        except ExperimentError:
            return                      # the lab says nothing about this function: the view's defaults
        if settings:
            self._applying = True
            try:
                self.pages.view(PAGE_TRAJECTORY).apply_settings(settings)
            finally:
                self._applying = False

    @Slot(int)
    def _on_trajectory_function(self, _index: int) -> None:
        name = self.pages.view(PAGE_TRAJECTORY).function_combo.currentData()
        if self.trajectory_lab is not None and name and not self._applying:
            self._apply_trajectory(self.trajectory_lab, str(name))

    # ------------------------------------------------------------------ training
    def on_new_run(self) -> None:
        self.window.training_page.last_inside = None
        self._inside_shown = True
        inside = self.pages.built(PAGE_INSIDE)
        if inside is not None:
            inside.clear()

    def on_snapshot(self, snap) -> None:
        if snap.inside is not None:
            self._inside_shown = False
            if self.pages.currentIndex() == PAGE_INSIDE:
                self.show_inside()
                view = self.pages.view(PAGE_INSIDE)
                for plot in (view.step_plot, view.bar_plot):
                    QCoreApplication.sendPostedEvents(plot.scene(), QEvent.Type.MetaCall)

    def show_inside(self) -> None:
        """Draw the newest "inside the optimizer" data if the view does not show it yet."""
        data = self.window.training_page.last_inside
        if data is not None and not self._inside_shown:
            self.pages.view(PAGE_INSIDE).set_snapshot(data)
            self._inside_shown = True

    def on_page(self, index: int) -> None:
        self.window.training_page.set_inside_wanted(index == PAGE_INSIDE)
        if index == PAGE_INSIDE:
            self.show_inside()
        elif index == PAGE_COMPARE:
            self.window.compare_sync.sync()
        trajectory = self.pages.built(PAGE_TRAJECTORY)
        if index != PAGE_TRAJECTORY and trajectory is not None and trajectory.is_playing():
            trajectory.pause()

    # ------------------------------------------------------------------ schedule preview
    def steps_per_epoch(self) -> int:
        """⌈training examples / mini-batch size⌉ (1 while the data is not loaded)."""
        data = self.window.data
        if data is None or data.dataset is None:
            return 1
        return max(1, math.ceil(data.dataset.m_train / max(self.settings.mini_batch_size, 1)))

    @Slot()
    def update_schedule_preview(self, *_args) -> None:
        """α over the planned epochs from the settings' schedule, α, epochs and mini-batch size."""
        preview = self.pages.built(PAGE_SCHEDULE)
        if preview is None:
            return                        # (done when the preview is built)
        problems = [e for e in self.settings.errors_of("optimizer") if not e.startswith("optimizer ")]
        if problems:
            preview.show_problem(translate("ViewsGlue", "Fix the optimizer settings on the left first: {problem}")
                                 .format(problem=problems[0]))
            return
        exp = self.settings.experiment()
        preview.set_schedule(exp.schedule.name, exp.schedule.params, exp.optimizer.learning_rate,
                             exp.training.epochs, self.steps_per_epoch())

    def shutdown(self) -> None:
        trajectory = self.pages.built(PAGE_TRAJECTORY)
        if trajectory is not None:
            trajectory.pause()
        compare = self.pages.built(PAGE_COMPARE)
        if compare is not None:
            compare.shutdown()
