"""A lab's locked settings and hidden views in the window (the ``"lock"`` and ``"hide"`` sections
of :mod:`optstudio.labs`).

Each experiment the window shows (``ExperimentSettings.loaded``: a lab, a file, a pasted line,
File ▸ New) sets the controls afresh: the fields a lab locks are disabled, marked with a lock in
their tooltip and in their section's title, and listed in a note under the instructions; the
views it hides leave the tabs and the View menu. An experiment without the sections unlocks
everything, so closing the lab (File ▸ New) gives the student every control back.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from optstudio.core.experiment import ExperimentError
from optstudio.gui.i18n import QT_TRANSLATE_NOOP, translate
from optstudio.gui.network_panel import MAX_LAYERS
from optstudio.gui.notice import html_escape
from optstudio.gui.pages import PAGE_TRAINING, PAGES, VIEW_KEYS
from optstudio.labs import HIDE_NAMES, LOCK_NAMES, LabControls, lab_controls

__all__ = ["LabLock", "lock_mark", "lock_note", "lock_text", "hide_text"]

#: the lock drawn where a font has it; otherwise the words say it alone ("fixed by the lab")
_LOCK = "\U0001F512"
_EMOJI_FONTS = ("Noto Color Emoji", "Noto Emoji", "Segoe UI Emoji", "Segoe UI Symbol", "Apple Color Emoji",
                "Symbola", "Twitter Color Emoji", "JoyPixels", "EmojiOne Color")
_mark: str | None = None


def lock_mark() -> str:
    """``"🔒 "`` when an installed font draws it (most desktops), else ``""`` (an empty box on
    screen would say nothing)."""
    global _mark
    if _mark is None:
        from PySide6.QtGui import QFontDatabase, QFontMetrics  # noqa: PLC0415
        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        app = QApplication.instance()
        drawn = app is not None and QFontMetrics(app.font()).inFontUcs4(ord(_LOCK))
        families = set(QFontDatabase.families())
        _mark = f"{_LOCK} " if drawn or any(name in families for name in _EMOJI_FONTS) else ""
    return _mark

_SECTION_TITLES = {"data": QT_TRANSLATE_NOOP("MainWindow", "Dataset"),
                   "network": QT_TRANSLATE_NOOP("MainWindow", "Network"),
                   "optimizer": QT_TRANSLATE_NOOP("MainWindow", "Optimizer and training")}
# optstudio.labs' LOCK_NAMES and HIDE_NAMES as the window says them (the same English texts)
_LOCK_TEXTS = (
    QT_TRANSLATE_NOOP("LabLock", "the dataset"), QT_TRANSLATE_NOOP("LabLock", "the network"),
    QT_TRANSLATE_NOOP("LabLock", "the hidden layers"), QT_TRANSLATE_NOOP("LabLock", "the loss and output activation"),
    QT_TRANSLATE_NOOP("LabLock", "the initialisation"), QT_TRANSLATE_NOOP("LabLock", "L2 λ"),
    QT_TRANSLATE_NOOP("LabLock", "the optimizer, its hyperparameters and α"),
    QT_TRANSLATE_NOOP("LabLock", "the optimizer"), QT_TRANSLATE_NOOP("LabLock", "the optimizer's hyperparameters"),
    QT_TRANSLATE_NOOP("LabLock", "the learning rate α"), QT_TRANSLATE_NOOP("LabLock", "the α schedule"),
    QT_TRANSLATE_NOOP("LabLock", "the mini-batch size, epochs and seed"),
    QT_TRANSLATE_NOOP("LabLock", "the mini-batch size"), QT_TRANSLATE_NOOP("LabLock", "the number of epochs"),
    QT_TRANSLATE_NOOP("LabLock", "the seed"),
)


def lock_text(name: str) -> str:
    """How the window says lock name ``name`` (:data:`optstudio.labs.LOCK_NAMES`)."""
    return translate("LabLock", LOCK_NAMES[name])


def hide_text(name: str) -> str:
    """How the window says view ``name`` (:data:`optstudio.labs.HIDE_NAMES`: the View menu's names)."""
    return translate("Pages", HIDE_NAMES[name])

# the settings column's sections -> the lock names (sections of the file) they show
_SECTION_ROOTS = {"data": ("data",), "network": ("network",), "optimizer": ("optimizer", "schedule", "training")}


class LabLock(QObject):
    """Applies a lab's ``lock`` and ``hide`` to a :class:`~optstudio.gui.main_window.MainWindow`."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controls = LabControls()
        self._tips: dict[QWidget, str] = {}
        self._locked_widgets: list[QWidget] = []
        window.settings.loaded.connect(self.apply)     # after the panels showed the values

    # ------------------------------------------------------------------ what locks what
    def widgets(self, name: str) -> list[QWidget]:
        """The widgets that lock setting ``name`` (one of :data:`optstudio.labs.LOCK_NAMES`)."""
        w = self.window
        d, n, o = w.dataset_panel, w.network_panel, w.optimizer_panel
        table: dict[str, Callable[[], list[QWidget]]] = {
            "data": lambda: [d],
            "network": lambda: [n],
            "network.hidden": lambda: [n.layers_box, n.add_button],
            "network.loss": lambda: [n.loss, n.output_stack],
            "network.init": lambda: [n.init],
            "network.l2": lambda: [n.l2],
            "optimizer": lambda: [o.optimizer, o.learning_rate, o.form, o.shared_section],
            "optimizer.name": lambda: [o.optimizer],
            "optimizer.params": lambda: [o.form, o.shared_section],
            "optimizer.learning_rate": lambda: [o.learning_rate],
            "schedule": lambda: [o.schedule, o.schedule_form],
            "training": lambda: [o.batch, o.epochs, o.seed, o.notebook],
            "training.mini_batch_size": lambda: [o.batch],
            "training.epochs": lambda: [o.epochs],
            "training.seed": lambda: [o.seed, o.notebook],
        }
        return table[name]()

    def _sections(self):
        w = self.window
        return {"data": w.dataset_section, "network": w.network_section, "optimizer": w.optimizer_section}

    # ------------------------------------------------------------------ applying
    @Slot(object)
    def apply(self, experiment) -> None:
        """Lock and hide what ``experiment`` says (nothing, without the sections)."""
        try:
            controls = lab_controls(experiment, where="this lab")
        except ExperimentError as exc:
            controls = LabControls()
            self.window.notice.show_notice(translate("LabLock", "The lab's lock and hide lists are ignored: {problem}")
                                           .format(problem=html_escape(exc)), "notice")
        self.controls = controls
        self._unlock()
        for name in controls.lock:
            for widget in self.widgets(name):
                self._lock(widget, lock_text(name))
        self._mark_sections(controls)
        self._hide(controls)
        self.window.lab_panel.set_note(lock_note(controls))

    def note(self) -> str:
        """The lab panel's note for the lab shown now (see :func:`lock_note`)."""
        return lock_note(self.controls)

    def _lock(self, widget: QWidget, what: str) -> None:
        if widget not in self._tips:
            self._tips[widget] = widget.toolTip()
        original = self._tips[widget]
        widget.setToolTip(lock_mark() + translate("LabLock", "Fixed by this lab: {what}.").format(what=what)
                          + (f"\n{original}" if original else ""))
        widget.setEnabled(False)
        self._locked_widgets.append(widget)

    def _unlock(self) -> None:
        for widget in self._locked_widgets:
            widget.setEnabled(True)
        for widget, tip in self._tips.items():
            widget.setToolTip(tip)
        self._tips.clear()
        self._locked_widgets.clear()
        panel = self.window.network_panel        # enabled by the panel while a layer can be added
        panel.add_button.setEnabled(len(panel.layer_rows) < MAX_LAYERS)

    def _mark_sections(self, controls: LabControls) -> None:
        """The lock mark in a section's title: all of it fixed, or part of it (the details are in
        the fields' tooltips and the note)."""
        for key, section in self._sections().items():
            roots = _SECTION_ROOTS[key]
            title = translate("MainWindow", _SECTION_TITLES[key])
            fixed = [lock_text(n) for n in controls.lock if n.split(".")[0] in roots]
            if all(root in controls.lock for root in roots):
                text = f"{title} {lock_mark()}" + translate("LabLock", "(fixed)")
            elif fixed:
                text = f"{title} {lock_mark()}" + translate("LabLock", "(part fixed)")
            else:
                text = title
            section.header.setText(text)
            # a marked title must not widen the settings column: it may be cut instead
            section.header.setMinimumWidth(120 if fixed else 0)
            section.header.setToolTip(translate("LabLock", "Fixed by this lab: {what}.").format(what=_join(fixed))
                                      if fixed else translate("LabLock", "Show or hide the {section} settings")
                                      .format(section=title))

    def _hide(self, controls: LabControls) -> None:
        w = self.window
        tabs = {key: tab for key, _text, _page, tab in VIEW_KEYS if tab is not None}
        actions = dict(w.view_actions)
        if getattr(w, "sweep_action", None) is not None:
            actions.setdefault("sweep", w.sweep_action)
        for key in HIDE_NAMES:
            hidden = key in controls.hide
            if key in tabs:
                w.training_page.views.setTabVisible(tabs[key], not hidden)
            elif key in PAGES:
                w.pages.setTabVisible(PAGES[key], not hidden)
            action = actions.get(key)
            if action is not None:
                action.setVisible(not hidden)
                action.setEnabled(not hidden)
        if not w.pages.isTabVisible(w.pages.currentIndex()):
            w.pages.setCurrentIndex(PAGE_TRAINING)
        views = w.training_page.views
        if not views.isTabVisible(views.currentIndex()):
            shown = [i for i in range(views.count()) if views.isTabVisible(i)]
            if shown:
                views.setCurrentIndex(shown[0])

    def is_hidden(self, key: str) -> bool:
        return key in self.controls.hide


def lock_note(controls: LabControls) -> str:
    """The lab panel's note: which settings a lab fixed and which views it hid ("" for none)."""
    parts = []
    if controls.lock:
        parts.append(lock_mark() + translate("LabLock", "This lab fixes {what}: change the other settings.")
                     .format(what=_join([lock_text(n) for n in controls.lock])))
    if controls.hide:
        parts.append(translate("LabLock", "Hidden by this lab: {views}.")
                     .format(views=_join([hide_text(n) for n in controls.hide])))
    if parts:
        parts.append(translate("LabLock", "File ▸ New closes the lab and gives back every control."))
    return " ".join(parts)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return translate("LabLock", "{items} and {last}").format(items=translate("LabLock", ", ").join(items[:-1]),
                                                            last=items[-1])
