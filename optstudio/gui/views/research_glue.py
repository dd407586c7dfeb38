"""What the “Why it behaves so” page takes from the window, and File ▸ Export weights….

* The view measures the experiment set up on the left (:attr:`ResearchView.experiment_source`):
  the window's settings, refused with the first field problem while a field is invalid.
* “Use this α” puts the range test's suggestion into the learning-rate field of the settings
  column (the field then tells the settings and a training in progress, as typing would).
* A lab whose ``"view"`` section names ``sharpness``, ``layers`` or ``lr_range`` (labs 07–09 and
  11) opens this page at that panel, with the lab's runs to choose from and its settings; one that
  names ``online`` (lab 10) opens the panel “Online problem” with the lab's optimizers, C and
  number of steps, and runs them.
* File ▸ Export weights… writes the window's run's parameters as a plain ``.npz``
  (:func:`optstudio.core.weights_file.write_weights`, the file ``optstudio run --save-weights``
  writes).
* View ▸ Why it behaves so (Ctrl+0).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from optstudio.core.experiment import ExperimentError
from optstudio.core.weights_file import write_weights
from optstudio.gui.i18n import translate
from optstudio.gui.notice import html_escape
from optstudio.gui.pages import PAGE_RESEARCH

__all__ = ["ResearchGlue", "LAB_PANELS"]

#: the lab views this page shows
LAB_PANELS = ("sharpness", "layers", "lr_range", "online")


class ResearchGlue(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.pages = window.pages
        self.lab = None             # (experiment, LabView) of the lab whose view this page shows
        self.pages.viewBuilt.connect(self._on_built)
        self.view_action = QAction(translate("ResearchGlue", "Why it behaves so"), window)
        self.view_action.setShortcut(QKeySequence("Ctrl+0"))
        self.view_action.setToolTip(translate("ResearchGlue",
                                              "Show the tab “Why it behaves so”: sharpness, landscape, learning-rate "
                                              "range test, layers, online problem (Ctrl+0)"))
        self.view_action.triggered.connect(lambda: window.show_view("research"))
        window.addAction(self.view_action)
        self.export_action = QAction(translate("ResearchGlue", "Export weights…"), window)
        self.export_action.setToolTip(translate("ResearchGlue",
                                                "Save the weights of the training as a plain .npz file (W1, b1, …) "
                                                "to load with numpy.load in your own notebook"))
        self.export_action.triggered.connect(self._on_export_weights)
        self._add_to_menus()

    def _add_to_menus(self) -> None:
        # the menus are found by an action they hold (their titles are translated), else by the
        # English title
        csv = getattr(self.window, "csv_action", None)
        file_marks = [a for a in (csv, getattr(self.window, "quit_action", None)) if a is not None]
        view_marks = [a for a in (getattr(self.window, "sweep_action", None),
                                  *getattr(self.window, "view_actions", {}).values()) if a is not None]
        for action in self.window.menuBar().actions():
            menu = action.menu()
            if menu is None:
                continue
            title = action.text().replace("&", "")
            items = menu.actions()
            if any(a in items for a in file_marks) or (not file_marks and title == "File"):
                after = items.index(csv) + 1 if csv in items else len(items)
                before = items[after] if after < len(items) else None
                menu.insertAction(before, self.export_action)
            elif any(a in items for a in view_marks) or (not view_marks and title == "View"):
                menu.addAction(self.view_action)

    # ------------------------------------------------------------------ the view
    @Slot(int, object)
    def _on_built(self, page: int, view) -> None:
        if page != PAGE_RESEARCH:
            return
        view.experiment_source = self.experiment
        view.useLearningRate.connect(self.use_learning_rate)
        if self.lab is not None:
            view.set_lab(*self.lab)

    def experiment(self):
        """The experiment on the left; ValueError naming the first invalid field."""
        errors = self.window.settings.errors
        if errors:
            raise ValueError(translate("ResearchGlue", "Fix the settings on the left first: {error}").format(
                error=errors[0]))
        return self.window.settings.experiment()

    @Slot(float)
    def use_learning_rate(self, learning_rate: float) -> None:
        field = self.window.optimizer_panel.learning_rate
        field.setValue(learning_rate)
        self.window.statusBar().showMessage(
            translate("ResearchGlue", "Learning rate set to {value} (the range test's suggestion)").format(
                value=f"{field.value():.4g}"), 5000)

    def show_lab_parts(self, experiment, *, switch: bool) -> None:
        """A lab (or an experiment) was opened: show its view here when it names one of ours."""
        from optstudio.labs.views import lab_view  # noqa: PLC0415
        try:
            view = lab_view(experiment)
        except ExperimentError as exc:
            self.window.notice.show_notice(translate("ResearchGlue", "The lab's view section cannot be shown: "
                                                     "{error}").format(error=html_escape(exc)), "notice")
            view = None
        self.lab = (experiment.copy(), view) if view is not None and view.name in LAB_PANELS else None
        built = self.pages.built(PAGE_RESEARCH)
        if built is not None:
            built.set_lab(*(self.lab or (None, None)))
        if switch and self.lab is not None:
            self.pages.setCurrentIndex(PAGE_RESEARCH)

    # ------------------------------------------------------------------ weights
    @Slot()
    def _on_export_weights(self) -> None:
        path = self.window._export_path(translate("ResearchGlue", "Export weights"), "weights.npz",
                                        translate("ResearchGlue", "NumPy arrays (*.npz)"))
        if path:
            self.export_weights(path)

    def export_weights(self, path) -> bool:
        """Write the window's run's weights to ``path``; a message box says what went wrong."""
        controller = self.window.controller
        run = controller.run
        if run is None or not len(run.history):
            self.window.show_message(translate("ResearchGlue", "Nothing to export"),
                                     translate("ResearchGlue", "Train at least one epoch first."),
                                     QMessageBox.Icon.Information)
            return False
        state = getattr(controller.state, "value", "")
        if state in ("running", "stepping"):
            self.window.show_message(translate("ResearchGlue", "Training is running"),
                                     translate("ResearchGlue", "Pause the training first, then export the weights."),
                                     QMessageBox.Icon.Information)
            return False
        try:
            write_weights(run.network, path)
        except OSError as exc:
            self.window.show_message(translate("ResearchGlue", "Cannot export the weights"), str(exc))
            return False
        self.window.statusBar().showMessage(translate("ResearchGlue", "Saved {path}").format(path=path), 5000)
        return True

    def shutdown(self) -> None:
        view = self.pages.built(PAGE_RESEARCH)
        if view is not None:
            view.shutdown()
