"""Plugins ▸ Open plugin folder opens the user plugin folder (created if missing)."""

from PySide6.QtGui import QDesktopServices

from optstudio import paths


def _opened(monkeypatch, result=True):
    urls = []

    def fake_open(url):
        urls.append(url)
        return result

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return urls


def test_open_plugin_folder_creates_and_opens_the_user_folder(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    urls = _opened(monkeypatch)
    window = make_window(wait=False)
    folder = paths.user_plugin_dir()
    assert folder == tmp_path / "config" / "plugins" and not folder.exists()
    window.plugin_folder_action.trigger()
    assert folder.is_dir()
    assert len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile() == str(folder)
    window.plugin_folder_action.trigger()        # again: the folder exists already
    assert len(urls) == 2


def test_the_plugins_menu_says_where_to_drop_files(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    window = make_window(wait=False)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Plugins")
    texts = [a.text() for a in menu.actions()]
    assert "Open plugin folder" in texts
    hint = next(t for t in texts if t.startswith("Drop plugin files"))
    assert str(paths.user_plugin_dir()) in hint


def test_no_file_manager_is_a_message(make_window, monkeypatch, tmp_path):
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(tmp_path / "config"))
    _opened(monkeypatch, result=False)
    window = make_window(wait=False)
    window.plugin_folder_action.trigger()
    assert window.last_message is not None and str(paths.user_plugin_dir()) in window.last_message.text()
    window.last_message.close()


def test_a_folder_that_cannot_be_made_is_a_message(make_window, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(paths.CONFIG_DIR_ENV, str(blocker))
    urls = _opened(monkeypatch)
    window = make_window(wait=False)
    window.plugin_folder_action.trigger()
    assert urls == []
    assert window.last_message.windowTitle() == "Cannot create the plugin folder"
    assert "\n" not in window.last_message.text()
    window.last_message.close()
