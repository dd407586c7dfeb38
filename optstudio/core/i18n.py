"""Translations without Qt: the language of messages, and the text of translatable strings.

OptStudio uses Qt's translation system: strings are marked ``translate("Context", "Text")`` (or
``QT_TRANSLATE_NOOP("Context", "Text")`` for constants translated where they are shown),
``pyside6-lupdate`` extracts them into the ``.ts`` sources in ``optstudio/translations/`` and
``pyside6-lrelease`` compiles those to the ``.qm`` files the window's ``QTranslator`` loads (see
``tools/translations.py`` and ``optstudio.gui.i18n``).

The core and the command line must not import Qt, so this module reads the same ``.ts`` sources
with the standard library's XML parser: one catalogue, two readers. The window sets the language
here too (:func:`set_language`), so that a core message shown in the window is in the window's
language; the command line takes it from ``LANG`` (:func:`system_language`).

Plugins and lab files carry their own translations (``translations={"zh_CN": {...}}``);
:func:`localized` picks the text for the current language from such a mapping.
"""

from __future__ import annotations

import os
import re
import unicodedata
import xml.etree.ElementTree as ET  # noqa: N817 - the .ts files are our own package data
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

__all__ = ["LANGUAGES", "SOURCE_LANGUAGE", "TRANSLATIONS_DIR", "translate", "QT_TRANSLATE_NOOP",
           "set_language", "language", "system_language", "normalize_language", "localized",
           "placeholders", "display_width", "ljust_display", "rjust_display", "read_ts"]

#: the source language (the text in the code) and the languages we ship a translation for
SOURCE_LANGUAGE = "en"
LANGUAGES = {"en": "English", "zh_CN": "中文"}

#: where the ``.ts`` sources and compiled ``.qm`` files are (package data)
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"

_language = SOURCE_LANGUAGE


def normalize_language(code: str | None) -> str:
    """A locale name (``zh_CN.UTF-8``, ``zh-Hans-CN``, ``zh``, ``en_GB``, ``C``) → one of
    :data:`LANGUAGES` (English for anything we do not translate)."""
    text = (code or "").strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if text.startswith("zh"):
        return "zh_CN"          # the course's students read simplified Chinese
    return SOURCE_LANGUAGE


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG`` (POSIX order)."""
    env = os.environ if environ is None else environ
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(key, "")
        if value:
            return normalize_language(value.split(":")[0])
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Messages from now on in ``code`` (normalised); returns the language set."""
    global _language
    _language = normalize_language(code) if code not in LANGUAGES else code
    return _language


def language() -> str:
    """The current language (:data:`SOURCE_LANGUAGE` unless someone set another)."""
    return _language


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's (and lupdate's) name
    """Marks ``text`` for extraction; translate it where it is shown with
    ``translate(context, text)``."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the current language (``text`` itself if there is no translation).

    Same signature as ``QCoreApplication.translate`` so ``lupdate`` extracts the calls."""
    if _language == SOURCE_LANGUAGE:
        return text
    found = _catalogue(_language).get((context, text))
    return found if found else text


_PLACEHOLDER = re.compile(r"\{[A-Za-z_0-9!:.<>^+\-,]*\}|%n|%\d|%\([A-Za-z_]+\)[sdrf]|%[sdrf]")


def placeholders(text: str) -> list[str]:
    """The ``{name}``, ``{}``, ``%n``, ``%1``, ``%(name)s`` and ``%s`` placeholders of a message, sorted."""
    return sorted(_PLACEHOLDER.findall(text))


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """The messages of one ``.ts`` file: (context, source) → (type, translation); type is
    ``""`` for a finished translation, else ``"unfinished"``. Obsolete and vanished messages
    are left out. Raises OSError or ``xml.etree.ElementTree.ParseError``."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            node = message.find("translation")
            kind = node.get("type", "") if node is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            out[(name, message.findtext("source", ""))] = (kind, (node.text or "") if node is not None else "")
    return out


@lru_cache(maxsize=None)
def _catalogue(code: str) -> dict[tuple[str, str], str]:
    """Every finished translation of the ``*_{code}.ts`` files: (context, source) → text."""
    out: dict[tuple[str, str], str] = {}
    for path in sorted(TRANSLATIONS_DIR.glob(f"*_{code}.ts")):
        try:
            messages = read_ts(path)
        except (OSError, ET.ParseError):
            continue            # a broken file only means English for its strings
        out.update({key: text for key, (kind, text) in messages.items() if not kind and text})
    return out


def localized(translations: Mapping[str, Any] | None, key: str, default: Any, code: str | None = None) -> Any:
    """``translations[language][key]`` if a plugin or lab file gave it, else ``default``.

    ``translations`` is ``{"zh_CN": {"label": "动量", "help": "…"}}`` (any language codes that
    :func:`normalize_language` understands); nested keys use dots (``"params.beta.label"``)."""
    code = code or _language
    if code == SOURCE_LANGUAGE or not translations:
        return default
    for lang, table in translations.items():
        if normalize_language(lang) != code or not isinstance(table, Mapping):
            continue
        value: Any = table
        for part in key.split("."):
            if not isinstance(value, Mapping) or part not in value:
                value = None
                break
            value = value[part]
        if isinstance(value, str) and value.strip():
            return value
    return default


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for wide (East Asian) characters, none for
    combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def ljust_display(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns (:func:`display_width`)."""
    return text + " " * max(0, width - display_width(text))


def rjust_display(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` display columns."""
    return " " * max(0, width - display_width(text)) + text
