"""Keep the translations up to date: ``python tools/translations.py [update|release|check]``.

* ``update``  runs PySide6's ``lupdate`` over each area's sources into
  ``optstudio/translations/<area>_<lang>.ts`` (new strings appear as ``unfinished``, strings no
  longer in the code are dropped with ``-no-obsolete``); then translate them (Qt Linguist,
  ``pyside6-linguist``, or any editor: it is XML).
* ``release`` compiles every ``.ts`` to the ``.qm`` the window loads (``lrelease``).
* ``todo AREA`` prints the unfinished strings of an area as JSON ``{context: {source: ""}}``;
  fill in the Chinese and ``fill AREA FILE.json`` writes them into the ``.ts`` (then ``release``).
* ``check``   fails if a string in the code is missing from a ``.ts``, a translation is
  unfinished, or a ``.qm`` is older than its ``.ts`` content (what ``tests/test_translations.py``
  asserts too).

Mark strings with ``translate("Context", "Text")`` (Qt's ``QCoreApplication.translate`` in the
window, :func:`optstudio.core.i18n.translate` in the core and the command line) or
``QT_TRANSLATE_NOOP("Context", "Text")``; never an f-string (lupdate would extract the braces):
``translate("Ctx", "{count} runs").format(count=n)``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "optstudio"
TRANSLATIONS = PACKAGE / "translations"
LANGUAGES = ("zh_CN",)

# Each area is one .ts per language; its sources are listed here (a source file belongs to one
# area: tests/test_translations.py checks that every module is in exactly one).
_GUI_PANELS = ["dataset_panel", "network_panel", "optimizer_panel", "param_form", "widgets", "plots",
               "network_view", "speed", "speed_control", "formatting", "experiment_settings",
               "status_display", "plot_export", "projection", "snapshot", "icon"]
_GUI_VIEWS = ["compare_view", "compare_data", "ewa_view", "inside_view", "inside_data", "schedule_preview",
              "trajectory_view", "_common", "__init__"]
_GUI_RESEARCH = ["research_view", "research_data", "research_glue", "sweep_view", "sweep_data", "sweep_sync"]


def areas() -> dict[str, list[Path]]:
    gui = PACKAGE / "gui"
    panels = [gui / f"{name}.py" for name in _GUI_PANELS]
    views = [gui / "views" / f"{name}.py" for name in _GUI_VIEWS]
    research = [gui / "views" / f"{name}.py" for name in _GUI_RESEARCH]
    window = sorted(p for p in gui.glob("*.py") if p not in panels)
    return {
        "window": window,
        "panels": panels,
        "views": views,
        "research": research,
        "core": sorted((PACKAGE / "core").glob("*.py")) + [PACKAGE / name for name in
                                                            ("api.py", "executors.py", "paths.py",
                                                             "desktop.py", "__init__.py", "__main__.py")],
        "cli": sorted((PACKAGE / "cli").glob("*.py")),
        "plugins": sorted((PACKAGE / "plugins").glob("*.py")) + sorted((PACKAGE / "labs").glob("*.py")),
    }


def tool(name: str) -> str:
    """PySide6's ``lupdate``/``lrelease`` (shipped in the PySide6-Essentials wheel)."""
    import PySide6  # noqa: PLC0415

    base = Path(PySide6.__file__).resolve().parent
    for candidate in (base / name, base / f"{name}.exe", base / "Qt" / "libexec" / name):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    raise SystemExit(f"{name} not found: is PySide6 installed?")


def ts_path(area: str, language: str) -> Path:
    return TRANSLATIONS / f"{area}_{language}.ts"


def lupdate(sources: list[Path], ts: Path, *, obsolete: bool = False) -> str:
    args = [tool("lupdate"), *map(str, sources), "-locations", "none", "-ts", str(ts)]
    if not obsolete:
        args.insert(-2, "-no-obsolete")
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)


def _chosen(names) -> dict[str, list[Path]]:
    every = areas()
    unknown = [n for n in names if n not in every]
    if unknown:
        raise SystemExit(f"unknown area {unknown[0]!r}: choose from {', '.join(every)}")
    return {n: every[n] for n in names} if names else every


def update(names=()) -> None:
    TRANSLATIONS.mkdir(exist_ok=True)
    for area, sources in _chosen(names).items():
        for language in LANGUAGES:
            ts = ts_path(area, language)
            if not ts.exists():
                ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                              f'<TS version="2.1" language="{language}" sourcelanguage="en">\n</TS>\n',
                              encoding="utf-8")
            print(f"{ts.name}: {lupdate(sources, ts).strip().splitlines()[-1].strip()}")


def release(names=()) -> None:
    for ts in sorted(ts_path(a, lang) for a in _chosen(names) for lang in LANGUAGES):
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"{ts.with_suffix('.qm').name}")


def todo(name: str) -> dict:
    from optstudio.core.i18n import read_ts  # noqa: PLC0415

    out: dict = {}
    for language in LANGUAGES:
        for (context, source), (kind, text) in read_ts(ts_path(name, language)).items():
            if kind or not text:
                out.setdefault(context, {})[source] = ""
    return out


def fill(name: str, table: dict) -> int:
    """Write ``{context: {source: translation}}`` into the area's ``.ts``; returns how many."""
    import xml.etree.ElementTree as ET  # noqa: PLC0415, N817

    count = 0
    for language in LANGUAGES:
        path = ts_path(name, language)
        tree = ET.parse(path)
        for context in tree.getroot().iter("context"):
            given = table.get(context.findtext("name", ""), {})
            for message in context.iter("message"):
                text = given.get(message.findtext("source", ""))
                node = message.find("translation")
                if text and node is not None:
                    node.text = text
                    node.attrib.pop("type", None)
                    count += 1
        tree.write(path, encoding="utf-8", xml_declaration=True)
        text = path.read_text(encoding="utf-8")
        if "<!DOCTYPE TS>" not in text:
            path.write_text(text.replace("?>", "?>\n<!DOCTYPE TS>", 1), encoding="utf-8")
    update([name])
    return count


def problems(names=()) -> list[str]:
    """What ``check`` reports (one line each)."""
    from optstudio.core.i18n import placeholders, read_ts  # noqa: PLC0415

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for area, sources in _chosen(names).items():
            for language in LANGUAGES:
                ts = ts_path(area, language)
                if not ts.exists():
                    out.append(f"{ts.name}: missing (run tools/translations.py update)")
                    continue
                copy = Path(tmp) / ts.name
                shutil.copy(ts, copy)
                lupdate(sources, copy, obsolete=True)
                before = read_ts(ts)
                after = read_ts(copy)
                for key in sorted(set(after) - set(before)):
                    out.append(f"{ts.name}: not in the .ts (run update): [{key[0]}] {key[1]!r}")
                for key in sorted(set(before) - set(after)):
                    out.append(f"{ts.name}: no longer in the code (run update): [{key[0]}] {key[1]!r}")
                for (context, source), (kind, text) in before.items():
                    if kind or not text:
                        out.append(f"{ts.name}: unfinished: [{context}] {source!r}")
                    elif placeholders(text) != placeholders(source):
                        out.append(f"{ts.name}: placeholders differ: [{context}] {source!r} -> {text!r}")
                qm = ts.with_suffix(".qm")
                stale = _stale(qm, before)
                if stale:
                    out.append(f"{qm.name}: out of date (run tools/translations.py release): {stale}")
    return out


def _stale(qm: Path, messages: dict) -> str:
    """Why the compiled ``qm`` does not give the ``.ts``'s translations ("" if it does).

    Read back with Qt's own QTranslator rather than compared byte for byte with a fresh
    ``lrelease``: another PySide6 version may compile the same catalogue differently."""
    from PySide6.QtCore import QTranslator  # noqa: PLC0415

    if not qm.exists():
        return "missing"
    translator = QTranslator()
    if not translator.load(str(qm)):
        return "Qt cannot read it"
    for (context, source), (kind, text) in messages.items():
        if not kind and text and translator.translate(context, source) != text:
            return f"[{context}] {source!r} is not {text!r} there"
    return ""


def main(argv: list[str]) -> int:
    command, names = (argv[0], argv[1:]) if argv else ("check", [])
    if command == "update":
        update(names)
    elif command == "release":
        release(names)
    elif command == "todo" and len(names) == 1:
        import json  # noqa: PLC0415
        print(json.dumps(todo(names[0]), ensure_ascii=False, indent=1))
    elif command == "fill" and len(names) == 2:
        import json  # noqa: PLC0415
        table = json.loads(Path(names[1]).read_text(encoding="utf-8"))
        print(f"{fill(names[0], table)} translations written")
        release([names[0]])
    elif command == "check":
        found = problems(names)
        print("\n".join(found) or "translations: complete and compiled")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
