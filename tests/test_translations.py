"""The Chinese translation is complete, compiled and well-formed (issue 11).

Runs PySide6's own ``lupdate`` over the sources (into a copy of each ``.ts``) and ``lrelease``
(into a temporary ``.qm``): a string in the code that is missing from the catalogue, an
unfinished translation, a translation that drops or invents a ``{placeholder}``, or a ``.qm``
that does not match its ``.ts`` fails here. ``tools/translations.py update|fill|release`` fixes
them.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

from optstudio.core import i18n

_spec = importlib.util.spec_from_file_location(
    "translations_tool", Path(__file__).resolve().parent.parent / "tools" / "translations.py")
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)

PACKAGE = Path(translations.PACKAGE)


def test_every_translatable_string_is_translated_and_compiled():
    problems = translations.problems()
    assert not problems, f"{len(problems)} translation problems, e.g.:\n" + "\n".join(problems[:30])


def test_every_module_belongs_to_exactly_one_area():
    owners: dict[Path, list[str]] = {}
    for area, sources in translations.areas().items():
        for path in sources:
            assert path.is_file(), f"{area}: {path} does not exist"
            owners.setdefault(path.resolve(), []).append(area)
    modules = {p.resolve() for p in PACKAGE.rglob("*.py")}
    missing = sorted(str(p.relative_to(PACKAGE.resolve())) for p in modules - set(owners))
    assert not missing, f"modules in no translation area: {missing}"
    twice = {str(p): a for p, a in owners.items() if len(a) > 1}
    assert not twice, f"modules in two areas: {twice}"


def _translate_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("translate", "QT_TRANSLATE_NOOP"):
            yield func.id, node
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and (
                (func.attr == "translate" and func.value.id in ("QCoreApplication", "QApplication", "i18n"))
                or (func.attr == "tr" and func.value.id == "self")):
            yield func.attr, node


def test_translate_calls_have_literal_context_and_text():
    """lupdate extracts literals only: an f-string or a variable would never be translated."""
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "i18n.py":
            continue        # the definitions themselves
        for name, call in _translate_calls(ast.parse(path.read_text(encoding="utf-8"))):
            if name == "tr":
                bad.append(f"{path.name}:{call.lineno}: self.tr() (its context depends on the subclass): "
                           "use translate(\"Context\", ...)")
                continue
            args = call.args[:2]
            if name == "translate" and len(args) == 2 and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                              for a in args):
                continue
            if name == "QT_TRANSLATE_NOOP" and len(args) == 2 and all(isinstance(a, ast.Constant) for a in args):
                continue
            if name == "translate" and len(args) == 2 and isinstance(args[0], ast.Constant) \
                    and not isinstance(args[1], (ast.JoinedStr, ast.BinOp)):
                continue    # translate("Ctx", text): a QT_TRANSLATE_NOOP'd constant, shown here
            bad.append(f"{path.relative_to(PACKAGE)}:{call.lineno}: {ast.unparse(call)[:90]}")
    assert not bad, "translate() needs a literal context and text:\n" + "\n".join(bad)


def test_the_catalogue_translates_and_keeps_placeholders():
    catalogue = i18n._catalogue("zh_CN")
    assert len(catalogue) > 500, "the Chinese catalogue is nearly empty"
    for (_context, source), text in catalogue.items():
        assert i18n.placeholders(source) == i18n.placeholders(text), (source, text)
    (context, source), text = next(iter(sorted(catalogue.items())))
    try:
        assert i18n.set_language("zh_CN") == "zh_CN"
        assert i18n.translate(context, source) == text
    finally:
        i18n.set_language("en")
    assert i18n.translate(context, source) == source


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"), ({"LANG": "zh_TW.UTF-8"}, "zh_CN"), ({"LC_ALL": "zh_CN"}, "zh_CN"),
    ({"LANG": "C.UTF-8"}, "en"), ({"LANG": "de_DE.UTF-8"}, "en"), ({}, "en"),
    ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh_CN"), ({"LC_ALL": "en_US", "LANG": "zh_CN"}, "en"),
])
def test_system_language_follows_the_posix_variables(environ, expected):
    assert i18n.system_language(environ) == expected


def test_localized_picks_the_language_and_falls_back():
    table = {"zh-CN": {"label": "动量", "params": {"beta": {"label": "动量系数"}}}, "fr": {"label": "Élan"}}
    assert i18n.localized(table, "label", "Momentum", "zh_CN") == "动量"
    assert i18n.localized(table, "params.beta.label", "β", "zh_CN") == "动量系数"
    assert i18n.localized(table, "params.beta.help", "help", "zh_CN") == "help"
    assert i18n.localized(table, "label", "Momentum", "en") == "Momentum"
    assert i18n.localized(None, "label", "Momentum", "zh_CN") == "Momentum"
    assert i18n.localized({"zh_CN": {"label": "  "}}, "label", "Momentum", "zh_CN") == "Momentum"
