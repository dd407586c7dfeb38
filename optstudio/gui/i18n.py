"""The window's language: Qt's translators, the Language setting, and a font that can draw it.

Strings of the window are marked ``translate("Context", "Text")`` (this module's ``translate`` is
``QCoreApplication.translate``) or ``QT_TRANSLATE_NOOP("Context", "Text")`` for constants that are
translated where they are shown. ``tools/translations.py`` runs PySide6's ``lupdate`` and
``lrelease``; the compiled ``optstudio/translations/*_<lang>.qm`` are installed here with a
``QTranslator`` each, plus Qt's own ``qtbase_<lang>.qm`` (standard buttons, file dialogs).

The Language setting (``language`` in the settings file) is ``system`` (the default: the
system's locale), ``en`` or ``zh_CN``; it is applied when the window starts (the menu says a
change takes effect after a restart). The core's messages follow the same language
(:func:`optstudio.core.i18n.set_language`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase

from optstudio.core import i18n as core_i18n
from optstudio.core.i18n import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS_DIR, localized, normalize_language

__all__ = ["translate", "QT_TRANSLATE_NOOP", "LANGUAGES", "SETTING_KEY", "SYSTEM", "language_setting",
           "save_language_setting", "resolve_language", "install_language", "current_language",
           "has_font_for", "localized"]

translate = QCoreApplication.translate

#: the settings key and its "follow the system" value
SETTING_KEY = "language"
SYSTEM = "system"

_installed: list[QTranslator] = []


def language_setting(settings=None) -> str:
    """``system``, ``en`` or ``zh_CN`` as saved (anything else reads as ``system``)."""
    if settings is None:
        from optstudio.gui.settings import open_settings  # noqa: PLC0415
        settings = open_settings()
    value = str(settings.value(SETTING_KEY, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES or value == SYSTEM else SYSTEM


def save_language_setting(value: str, settings=None) -> None:
    if value != SYSTEM and value not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}: choose one of {SYSTEM}, {', '.join(LANGUAGES)}")
    if settings is None:
        from optstudio.gui.settings import open_settings  # noqa: PLC0415
        settings = open_settings()
    settings.setValue(SETTING_KEY, value)
    settings.sync()


def resolve_language(setting: str) -> str:
    """The language a setting means on this machine (``system`` → the system locale's)."""
    if setting in LANGUAGES:
        return setting
    locale = QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        code = normalize_language(name)
        if code != SOURCE_LANGUAGE:
            return code
    return SOURCE_LANGUAGE


def install_language(code: str, app: QCoreApplication | None = None) -> list[str]:
    """Translate the window into ``code`` from now on (English: remove the translators).

    Returns the ``.qm`` files loaded. Widgets built before the call keep their text."""
    app = app or QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = code if code in LANGUAGES else normalize_language(code)
    core_i18n.set_language(code)
    loaded: list[str] = []
    if code == SOURCE_LANGUAGE:
        return loaded
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(qt_dir, f"qtbase_{code}")] + [(str(TRANSLATIONS_DIR), p.stem)
                                                 for p in sorted(TRANSLATIONS_DIR.glob(f"*_{code}.qm"))]
    for directory, stem in candidates:
        translator = QTranslator(app)
        if translator.load(stem, directory):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(stem)
    return loaded


def current_language() -> str:
    """The language the window was given (the core's: one setting for both)."""
    return core_i18n.language()


def has_font_for(code: str) -> bool:
    """Whether a font on this machine can draw ``code`` (Chinese needs a CJK font on Linux)."""
    if code == SOURCE_LANGUAGE:
        return True
    system = QFontDatabase.WritingSystem.SimplifiedChinese
    return bool(QFontDatabase.families(system))
