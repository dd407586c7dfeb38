"""The folded "Weight decay and clipping" section of the optimizer panel shows none of its fields.

The section's body is a ParamForm, which shows itself when it gets fields (another optimizer):
that used to unfold the body under a folded header. Folded: no field of the section visible;
unfolded: every one.
"""

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from optstudio.gui.optimizer_panel import OptimizerPanel
from optstudio.gui.param_form import ParamForm
from optstudio.gui.widgets import CollapsibleSection
from optstudio.plugins.manager import PluginManager


@pytest.fixture
def panel(qtbot):
    manager = PluginManager(load_entry_points=False, plugin_dirs=[], builtins_only=True)
    panel = OptimizerPanel(manager)
    qtbot.addWidget(panel)
    panel.resize(400, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _shown(section: CollapsibleSection) -> list[QWidget]:
    """The section's fields and their labels that are visible."""
    form = section.body
    widgets = list(form.fields.values()) + list(form.rows.values()) + form.findChildren(QLabel)
    return [w for w in widgets if w.isVisible() and (not isinstance(w, QLabel) or w.text())]


def _fields(section: CollapsibleSection) -> list[QWidget]:
    return list(section.body.fields.values())


def test_folded_section_shows_no_field(panel, qtbot):
    section = panel.shared_section
    assert section.isVisible() and not section.isExpanded()
    assert _fields(section), "the built-in optimizers offer weight decay and clipping"
    assert _shown(section) == []
    for name in ("adam", "momentum", "rmsprop", "sgd"):
        if panel.optimizer.findData(name) < 0:
            continue
        panel.select_optimizer(name)          # a new form: its fields must stay folded away
        qtbot.wait(1)
        assert section.header.isVisible()
        assert _shown(section) == [], name


def test_unfolded_section_shows_every_field(panel, qtbot):
    section = panel.shared_section
    section.header.click()
    assert section.isExpanded()
    fields = _fields(section)
    assert fields and all(f.isVisible() for f in fields)
    panel.select_optimizer("adam" if panel.optimizer.findData("adam") >= 0 else panel.optimizer.itemData(0))
    fields = _fields(section)
    assert fields and all(f.isVisible() for f in fields)
    section.header.click()                    # folded again
    assert not section.isExpanded() and _shown(section) == []


def test_collapsible_section_keeps_a_self_showing_body_folded(qtbot):
    form = ParamForm()
    section = CollapsibleSection("Test", form, expanded=False)
    qtbot.addWidget(section)
    section.show()
    from optstudio.core.optim import SHARED_PARAMS

    form.set_specs(SHARED_PARAMS)             # ParamForm.set_specs shows the form
    assert form.fields and not any(f.isVisible() for f in form.fields.values())
    section.setExpanded(True)
    assert all(f.isVisible() for f in form.fields.values())
    section.setExpanded(False)
    assert not any(f.isVisible() for f in form.fields.values())
