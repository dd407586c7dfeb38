"""Lab files in Chinese (issue 11): ``Experiment.translations`` in JSON and TOML, the bundled labs'
Chinese titles and instructions, and one-line errors for a bad ``translations`` table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from optstudio.core import i18n
from optstudio.core.experiment import Experiment, ExperimentError, check_translations
from optstudio.core.i18n import localized
from optstudio.labs import lab_dir, list_labs, load_lab

LAB_FILES = sorted(p for p in lab_dir().iterdir() if p.suffix in (".json", ".toml"))
CJK = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e-?\d+)?")
CODE = re.compile(r"`[^`]+`")


@pytest.fixture
def chinese():
    previous = i18n.language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(previous)


def _lab(**changes) -> Experiment:
    exp = Experiment(title="Momentum on circles", instructions="1. Train.\n2. Look at the cost: `J`.")
    for key, value in changes.items():
        setattr(exp, key, value)
    return exp


TRANSLATIONS = {"zh_CN": {"title": "圆上的动量", "instructions": "1. 训练。\n2. 看成本：`J`。"},
                "fr": {"title": "Momentum sur des cercles"}}


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_translations_round_trip(tmp_path, suffix):
    exp = _lab(translations=TRANSLATIONS)
    path = tmp_path / f"lab{suffix}"
    exp.save(path)
    again = Experiment.load(path)
    assert again.translations == TRANSLATIONS            # unknown languages kept as they are
    assert again.title == exp.title and again.instructions == exp.instructions
    assert again.to_dict() == exp.to_dict()
    again.save(tmp_path / f"again{suffix}")
    assert (tmp_path / f"again{suffix}").read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_json_places_translations_after_the_instructions():
    keys = list(_lab(translations=TRANSLATIONS).to_dict())
    assert keys[:4] == ["optstudio", "title", "instructions", "translations"]
    assert "translations" not in _lab().to_dict()


def test_a_variant_and_a_copy_keep_the_translations():
    exp = _lab(translations=TRANSLATIONS)
    assert exp.copy().translations == TRANSLATIONS
    assert exp.variant({"training": {"epochs": 3}}).translations == TRANSLATIONS


def test_localized_title_and_instructions(chinese):
    exp = _lab(translations=TRANSLATIONS)
    assert localized(exp.translations, "title", exp.title) == "圆上的动量"
    assert localized(exp.translations, "instructions", exp.instructions).startswith("1. 训练。")
    only_title = _lab(translations={"zh_CN": {"title": "只有标题"}})
    assert localized(only_title.translations, "instructions", only_title.instructions) == only_title.instructions


@pytest.mark.parametrize("bad, words", [
    ("中文", "translations must be a table of languages"),
    (["zh_CN"], "translations must be a table of languages"),
    ({"zh_CN": "标题"}, "translations: zh_CN must be a table with title and instructions"),
    ({"zh_CN": {"title": 3}}, "translations: zh_CN: title must be text, got 3"),
    ({"zh_CN": {"instructions": ["1."]}}, "translations: zh_CN: instructions must be text"),
    ({"zh_CN": {"help": "…"}}, "translations: zh_CN: unknown key 'help' (known: title, instructions, runs)"),
    ({"": {"title": "x"}}, "a language must be a code such as"),
])
def test_a_bad_translations_table_is_a_one_line_error(tmp_path, bad, words):
    data = _lab().to_dict()
    data["translations"] = bad
    path = tmp_path / "bad_lab.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ExperimentError) as info:
        Experiment.load(path)
    message = str(info.value)
    assert message.startswith("'bad_lab.json': ") and words in message and "\n" not in message
    with pytest.raises(ExperimentError) as info:
        load_lab(path)
    assert "\n" not in str(info.value)


def test_a_bad_translations_table_in_toml(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('optstudio = 1\ntitle = "T"\n\n[translations]\nzh_CN = "标题"\n', encoding="utf-8")
    with pytest.raises(ExperimentError, match=r"^'bad.toml': translations: zh_CN must be a table"):
        Experiment.load(path)


def test_validate_checks_translations_set_in_code():
    with pytest.raises(ExperimentError, match="title must be text"):
        _lab(translations={"zh_CN": {"title": 1}}).validate()


# ------------------------------------------------------------------------------ the bundled labs

def test_there_are_twelve_bundled_labs():
    assert len(LAB_FILES) == 12


@pytest.mark.parametrize("path", LAB_FILES, ids=lambda p: p.stem)
def test_every_bundled_lab_has_chinese_title_and_instructions(path):
    exp = load_lab(path)
    table = exp.translations["zh_CN"]
    assert {"title", "instructions"} <= set(table) <= {"title", "instructions", "runs"}
    # every run's label has its Chinese (or is a name: Adam, Xavier, He)
    labels = [run.get("label") for run in exp.runs if run.get("label")]
    assert set(table.get("runs", {})) <= set(labels)
    for label in labels:
        assert label in table.get("runs", {}) or label in ("Adam", "Xavier", "He"), label
    assert CJK.search(table["title"]) and len(table["title"]) < 60
    english = exp.instructions.splitlines()
    chinese = table["instructions"].splitlines()
    # the same numbered steps ...
    assert [line.split(".")[0] for line in chinese] == [str(i) for i in range(1, len(english) + 1)]
    for en, zh in zip(english, chinese):
        assert CJK.search(zh), zh
        # ... with the same commands, and every number of the English step
        assert CODE.findall(zh) == CODE.findall(en), zh
        missing = set(NUMBER.findall(en)) - set(NUMBER.findall(zh))
        assert not missing, (path.stem, en, missing)


def test_the_lab_list_is_in_the_current_language(chinese):
    titles = dict(list_labs())
    for path in LAB_FILES:
        assert titles[path] == load_lab(path).translations["zh_CN"]["title"]


def test_the_lab_list_is_english_by_default():
    assert i18n.language() == "en"
    for path, title in list_labs():
        assert title == load_lab(path).title


def test_bundled_lab_files_are_as_experiment_save_writes_them(tmp_path):
    for path in LAB_FILES:
        copy = tmp_path / path.name
        load_lab(path).save(copy)
        assert copy.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


PANEL_SCRIPT = """
from PySide6.QtWidgets import QApplication
from optstudio.core import i18n
from optstudio.gui.lab_panel import LabPanel
from optstudio.labs import load_lab

app = QApplication([])
i18n.set_language("zh_CN")
exp = load_lab("02")
panel = LabPanel()
panel.set_experiment(exp)
assert panel.title.text() == exp.translations["zh_CN"]["title"], panel.title.text()
assert panel.text() == exp.translations["zh_CN"]["instructions"]
panel.set_lab(exp.title, exp.instructions)            # no translations: as given
assert panel.title.text() == exp.title
i18n.set_language("en")
panel.set_experiment(exp)
assert panel.title.text() == exp.title and panel.text() == exp.instructions
print("ok")
"""


def test_lab_panel_shows_the_translation():
    """In a separate process: a QApplication here would outlive this test."""
    pytest.importorskip("PySide6")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PANEL_SCRIPT], capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_run_labels_are_shown_in_the_language_and_files_keep_them():
    from optstudio.core import i18n

    exp = load_lab(next(p for p in LAB_FILES if p.stem.startswith("03")))
    assert exp.shown_run_label("SGD (size 1)", "zh_CN") == "随机梯度下降（大小 1）"
    assert exp.shown_run_label("SGD (size 1)", "en") == "SGD (size 1)"
    assert exp.shown_run_label("not a run", "zh_CN") == "not a run"
    i18n.set_language("zh_CN")
    try:
        assert exp.shown_run_label("Mini-batch 64") == "小批量 64"
    finally:
        i18n.set_language("en")
    assert [run["label"] for run in exp.to_dict()["runs"]] == ["Batch GD (size 300)", "Mini-batch 64", "SGD (size 1)"]


@pytest.mark.parametrize("runs", [{"a": 1}, "abc", ["a"]])
def test_bad_run_label_translations_are_one_line(runs):
    with pytest.raises(ExperimentError, match=r"runs must map a run's label to its text") as info:
        check_translations({"zh_CN": {"runs": runs}})
    assert "\n" not in str(info.value)
