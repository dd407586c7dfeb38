"""View ▸ Language: System, English, 中文; the choice is saved and takes effect after a restart; a
window built after ``install_language("zh_CN")`` is in Chinese."""

import pytest

from optstudio.gui.i18n import SYSTEM, current_language, install_language, language_setting


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    """The settings file in a fresh folder (the Language setting of this test only)."""
    monkeypatch.setenv("OPTSTUDIO_CONFIG_DIR", str(tmp_path))
    from optstudio.gui.settings import settings_path
    return settings_path()


def _menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == title)


def test_language_menu_has_three_exclusive_choices(settings_file, make_window):
    window = make_window(wait=False)
    menu = window.language_menu
    assert menu.title() == "&Language"
    assert menu in [a.menu() for a in _menu(window, "&View").actions()]
    texts = [a.text() for a in menu.actions()]
    assert texts == ["System", "English", "中文"]
    assert [a.data() for a in menu.actions()] == [SYSTEM, "en", "zh_CN"]
    assert all(a.isCheckable() for a in menu.actions())
    assert window.language_group.isExclusive()
    # nothing saved yet: "System" is checked
    assert [a.isChecked() for a in menu.actions()] == [True, False, False]


def test_choosing_a_language_saves_it_and_says_when_it_applies(settings_file, make_window):
    assert current_language() == "en"
    window = make_window(wait=False)
    window.statusBar().clearMessage()
    window.language_actions["zh_CN"].trigger()
    assert language_setting() == "zh_CN"
    assert settings_file.exists() and "zh_CN" in settings_file.read_text(encoding="utf-8")
    assert window.language_actions["zh_CN"].isChecked()
    assert not window.language_actions["en"].isChecked()
    assert "restart" in window.statusBar().currentMessage()
    # back to the running language: saved, and no restart needed
    window.language_actions["en"].trigger()
    assert language_setting() == "en"
    assert "restart" not in window.statusBar().currentMessage()
    assert window.language_actions["en"].isChecked()


def test_the_menu_shows_the_saved_setting(settings_file, make_window):
    from optstudio.gui.i18n import save_language_setting

    save_language_setting("zh_CN")
    window = make_window(wait=False)
    assert window.language_actions["zh_CN"].isChecked()
    assert not window.language_actions[SYSTEM].isChecked()


def test_a_window_built_in_chinese_has_chinese_menus(settings_file, make_window):
    try:
        loaded = install_language("zh_CN")
        assert "window_zh_CN" in loaded
        window = make_window(wait=False)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles[:2] == ["文件(&F)", "编辑(&E)"]
        assert "视图(&V)" in titles and "帮助(&H)" in titles
        assert window.language_menu.title() == "语言(&L)"
        # the language names stay as they are; "System" is translated
        assert [a.text() for a in window.language_menu.actions()][1:] == ["English", "中文"]
        assert window.language_actions[SYSTEM].text() != "System"
        assert window.pages.tabText(0) == "训练"
        assert window.start_action.text() == "开始"
    finally:
        install_language("en")
    assert current_language() == "en"


def test_without_a_chinese_font_the_status_bar_says_which_to_install(settings_file, make_window, monkeypatch):
    import optstudio.gui.main_window as main_window

    monkeypatch.setattr(main_window, "has_font_for", lambda code: code == "en")
    monkeypatch.setattr(main_window, "current_language", lambda: "zh_CN")
    window = make_window(wait=False)
    assert "fonts-noto-cjk" in window.statusBar().currentMessage()
    monkeypatch.setattr(main_window, "current_language", lambda: "en")
    window.statusBar().clearMessage()
    assert window.check_font()
    assert window.statusBar().currentMessage() == ""
