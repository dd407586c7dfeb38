"""The row of pages of the plot area: Training, then the views of :mod:`optstudio.gui.views`.

The pages next to Training are built the first time they are shown (the window opens fast, and a
view nobody looks at costs nothing); :attr:`Pages.viewBuilt` lets the window bring a new view up
to date.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["view_text", "Pages", "PAGE_TRAINING", "PAGE_COMPARE", "PAGE_TRAJECTORY", "PAGE_INSIDE", "PAGE_SCHEDULE",
           "PAGE_EWA", "PAGE_SWEEP", "PAGES", "VIEW_KEYS", "TRAINING_PAGES", "STANDALONE_PAGES"]

PAGE_TRAINING, PAGE_COMPARE, PAGE_TRAJECTORY, PAGE_INSIDE, PAGE_SCHEDULE, PAGE_EWA, PAGE_SWEEP = range(7)
PAGES = {"training": PAGE_TRAINING, "compare": PAGE_COMPARE, "trajectory": PAGE_TRAJECTORY,
         "inside": PAGE_INSIDE, "schedule": PAGE_SCHEDULE, "ewa": PAGE_EWA, "sweep": PAGE_SWEEP}
#: the pages that show the window's own training (Start, Step and Reset act there)
TRAINING_PAGES = (PAGE_TRAINING, PAGE_INSIDE, PAGE_SCHEDULE)
#: the pages with settings of their own (the settings column makes room)
STANDALONE_PAGES = (PAGE_TRAJECTORY, PAGE_EWA)
# what Ctrl+1 … Ctrl+8 show: (key, menu text, page, tab of the Training page or None); the Sweep tab
# has its own action in the window (Ctrl+9)
VIEW_KEYS = [
    ("boundary", QT_TRANSLATE_NOOP("Pages", "Decision boundary"), PAGE_TRAINING, 0),
    ("network", QT_TRANSLATE_NOOP("Pages", "Network"), PAGE_TRAINING, 1),
    ("confusion", QT_TRANSLATE_NOOP("Pages", "Confusion matrix"), PAGE_TRAINING, 2),
    ("compare", QT_TRANSLATE_NOOP("Pages", "Compare optimizers"), PAGE_COMPARE, None),
    ("trajectory", QT_TRANSLATE_NOOP("Pages", "Trajectories (2-D)"), PAGE_TRAJECTORY, None),
    ("inside", QT_TRANSLATE_NOOP("Pages", "Inside the optimizer"), PAGE_INSIDE, None),
    ("schedule", QT_TRANSLATE_NOOP("Pages", "Schedule preview"), PAGE_SCHEDULE, None),
    ("ewa", QT_TRANSLATE_NOOP("Pages", "Averages (EWA)"), PAGE_EWA, None),
]
_TEXTS = (QT_TRANSLATE_NOOP("Pages", "Training"), QT_TRANSLATE_NOOP("Pages", "Compare optimizers"),
          QT_TRANSLATE_NOOP("Pages", "Trajectories (2-D)"), QT_TRANSLATE_NOOP("Pages", "Inside the optimizer"),
          QT_TRANSLATE_NOOP("Pages", "Schedule preview"), QT_TRANSLATE_NOOP("Pages", "Averages (EWA)"),
          QT_TRANSLATE_NOOP("Pages", "Sweep"))
_TIPS = (
    QT_TRANSLATE_NOOP("Pages", "Train the network set up on the left: decision boundary, network, confusion matrix, "
                      "cost, accuracy and α (Ctrl+1, Ctrl+2, Ctrl+3)."),
    QT_TRANSLATE_NOOP("Pages", "Train several optimizers at the same time on the data and network set up on the "
                      "left, from the same initial weights, and compare them (Ctrl+4)."),
    QT_TRANSLATE_NOOP("Pages", "Watch optimizers walk down 2-D test functions such as an elongated ellipse or a "
                      "saddle; click on the plot to start from there (Ctrl+5)."),
    QT_TRANSLATE_NOOP("Pages", "What the optimizer of the training on the left does with each parameter: its own "
                      "learning rate (Adam, RMSprop), its velocity (momentum) (Ctrl+6)."),
    QT_TRANSLATE_NOOP("Pages", "The learning rate α the schedule chosen on the left will use in each of the planned "
                      "epochs, before you train (Ctrl+7)."),
    QT_TRANSLATE_NOOP("Pages", "Exponentially weighted averages, the idea behind momentum, RMSprop and Adam, on the "
                      "notes' temperature example (Ctrl+8)."),
    QT_TRANSLATE_NOOP("Pages", "A grid of optimizers × learning rates × seeds on the data and network set up on the "
                      "left: which optimizer, at which learning rate, how sensitive (Ctrl+9)."),
)

# “Why it behaves so” (issue 13), the last page: optstudio.gui.views.research_view (View ▸ Ctrl+0)
PAGE_RESEARCH = len(_TEXTS)
_TEXTS += (QT_TRANSLATE_NOOP("Pages", "Why it behaves so"),)
_TIPS += (QT_TRANSLATE_NOOP("Pages", "Why an optimizer behaves as it does: sharpness and the edge of stability, "
                            "the loss landscape, the learning-rate range test and per-layer gradients, for the "
                            "experiment set up on the left (Ctrl+0)."),)
PAGES["research"] = PAGE_RESEARCH
__all__ += ["PAGE_RESEARCH"]


def view_text(text: str) -> str:
    """A page's or view's name (from :data:`VIEW_KEYS` or the tab texts) in the window's language."""
    return translate("Pages", text)


def _view_class(page: int):
    """The view of a page (imported when first needed)."""
    if page == PAGE_RESEARCH:
        from optstudio.gui.views.research_view import ResearchView  # noqa: PLC0415
        return ResearchView
    if page == PAGE_COMPARE:
        from optstudio.gui.views.compare_view import CompareView as cls  # noqa: PLC0415
    elif page == PAGE_TRAJECTORY:
        from optstudio.gui.views.trajectory_view import TrajectoryView as cls  # noqa: PLC0415
    elif page == PAGE_INSIDE:
        from optstudio.gui.views.inside_view import InsideView as cls  # noqa: PLC0415
    elif page == PAGE_SCHEDULE:
        from optstudio.gui.views.schedule_preview import SchedulePreview as cls  # noqa: PLC0415
    elif page == PAGE_EWA:
        from optstudio.gui.views.ewa_view import EwaView as cls  # noqa: PLC0415
    elif page == PAGE_SWEEP:
        from optstudio.gui.views.sweep_view import SweepView as cls  # noqa: PLC0415
    else:
        raise KeyError(page)
    return cls


_NAMES = {PAGE_COMPARE: "compare_view", PAGE_TRAJECTORY: "trajectory_view", PAGE_INSIDE: "inside_view",
          PAGE_SCHEDULE: "schedule_preview", PAGE_EWA: "ewa_view", PAGE_SWEEP: "sweep_view"}
_NAMES[PAGE_RESEARCH] = "research_view"


class Pages(QTabWidget):
    """The tabs of the plot area; :meth:`view` builds a page's view when first asked for."""

    viewBuilt = Signal(int, object)     # page, view

    def __init__(self, manager, training_page: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pages")
        self.setDocumentMode(True)
        self.manager = manager
        self.views: dict[int, QWidget] = {}
        self._holders: dict[int, QWidget] = {}
        for page, text in enumerate(_TEXTS):
            if page == PAGE_TRAINING:
                widget = training_page
            else:
                widget = QWidget()
                widget.setObjectName(f"page_{page}")
                QVBoxLayout(widget).setContentsMargins(0, 0, 0, 0)
                self._holders[page] = widget
            self.addTab(widget, translate("Pages", text))
            self.setTabToolTip(page, translate("Pages", _TIPS[page]))
        self.currentChanged.connect(self._build_current)

    def view(self, page: int) -> QWidget:
        """The view of ``page``, built (and announced by ``viewBuilt``) the first time."""
        view = self.views.get(page)
        if view is None:
            view = _view_class(page)(self.manager)
            view.setObjectName(_NAMES[page])
            if page == PAGE_SCHEDULE:
                view.set_controls_visible(False)
            self.views[page] = view
            self._holders[page].layout().addWidget(view)
            view.show()              # (at once, not at the next turn of the event loop)
            self.viewBuilt.emit(page, view)
        return view

    # the views by name (built on first use)
    compare = property(lambda self: self.view(PAGE_COMPARE), doc="The “Compare optimizers” view.")
    trajectory = property(lambda self: self.view(PAGE_TRAJECTORY), doc="The “Trajectories (2-D)” view.")
    inside = property(lambda self: self.view(PAGE_INSIDE), doc="The “Inside the optimizer” view.")
    schedule = property(lambda self: self.view(PAGE_SCHEDULE), doc="The “Schedule preview” view.")
    ewa = property(lambda self: self.view(PAGE_EWA), doc="The “Averages (EWA)” view.")
    sweep = property(lambda self: self.view(PAGE_SWEEP), doc="The “Sweep” view.")

    research = property(lambda self: self.view(PAGE_RESEARCH), doc="The “Why it behaves so” view.")
    def built(self, page: int) -> QWidget | None:
        return self.views.get(page)

    def _build_current(self, index: int) -> None:
        if index in self._holders:
            self.view(index)

    def set_manager(self, manager, keep=()) -> None:
        """Another plugin manager: the views are built again when next shown (except those in
        ``keep``, e.g. a comparison that is training)."""
        self.manager = manager
        for page in [p for p in self.views if p not in keep]:
            view = self.views.pop(page)
            shutdown = getattr(view, "shutdown", None)
            if shutdown is not None:
                shutdown()
            view.hide()
            view.setParent(None)
            view.deleteLater()
        self._build_current(self.currentIndex())

    def key(self) -> str:
        return next(key for key, index in PAGES.items() if index == self.currentIndex())
