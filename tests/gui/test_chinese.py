"""The window in Chinese: no English left on any page (issue 11).

Builds the real window after installing the zh_CN translators, shows every page and every tab of
the Training page, and walks every widget (labels, buttons, group boxes, combo box items, tool
tips, menus, plot titles and axes: ``tests/gui/untranslated.py``). Formulas and names are
allowed (``untranslated.ALLOWED``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("untranslated", Path(__file__).with_name("untranslated.py"))
untranslated = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(untranslated)


@pytest.fixture
def chinese(qapp):
    from optstudio.core import i18n as core_i18n
    from optstudio.gui.i18n import install_language

    loaded = install_language("zh_CN", qapp)
    try:
        yield loaded
    finally:
        install_language("en", qapp)
        assert core_i18n.language() == "en"


def test_the_detector_sees_english_and_passes_chinese_formulas_and_names():
    assert untranslated.is_english("Learning rate")
    assert untranslated.is_english("<b>Start</b> the training")
    assert not untranslated.is_english("学习率 α")
    assert not untranslated.is_english("Adam")
    assert not untranslated.is_english("v = β·v + (1 − β)·dW")
    assert not untranslated.is_english("MNIST, moons")


def test_the_translators_load(chinese):
    assert any(stem.startswith("window_") for stem in chinese)
    assert any(stem.startswith("qtbase_") for stem in chinese), "Qt's own translation (standard buttons)"


def test_no_english_left_in_the_chinese_window(chinese, make_window):
    window = make_window()
    found = untranslated.english_in_window(window)
    assert not found, f"{len(found)} untranslated texts in the Chinese window:\n" + "\n".join(found[:40])
    assert window.menuBar().actions()[0].text() != "&File"


def test_core_messages_follow_the_window(chinese):
    from optstudio.core import i18n as core_i18n

    assert core_i18n.language() == "zh_CN"


def test_no_english_left_in_the_chinese_dialogs(chinese, make_window, qtbot):
    """Plugins, keyboard shortcuts, Open lab, Save as lab and About: built in Chinese, walked."""
    from PySide6.QtWidgets import QWidget

    from optstudio.gui.dialogs import LabDialog, PluginDialog, ShortcutsDialog, about_text
    from optstudio.gui.lab_editor import LabEditor

    window = make_window()
    dialogs = [PluginDialog(window.manager, window),
               ShortcutsDialog([window.start_action, window.open_action, *window.view_actions.values()], window),
               LabDialog(parent=window), LabEditor(window)]
    found = []
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        for widget in [dialog, *dialog.findChildren(QWidget)]:
            found += [f"{type(dialog).__name__}: {where}: {text!r}" for where, text in untranslated.widget_texts(widget)
                      if untranslated.is_english(text)]
        found += [f"{type(dialog).__name__}: title {dialog.windowTitle()!r}"] if untranslated.is_english(
            dialog.windowTitle()) else []
        if isinstance(dialog, LabEditor):       # "α 的学习率调度" must not become "Α 的…" (capital alpha)
            from PySide6.QtWidgets import QCheckBox
            assert not [box.text() for box in dialog.findChildren(QCheckBox) if "\u0391" in box.text()]
        dialog.close()
    if untranslated.is_english(about_text()):
        found.append(f"about: {about_text()[:80]!r}")
    assert not found, f"{len(found)} untranslated texts in the Chinese dialogs:\n" + "\n".join(found[:40])
