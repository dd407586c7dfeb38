"""Experiment file and setting errors in Chinese (issue 11): what a student sees when a lab file is
bad is one line in the language of the window or of ``LANG``, still naming the file, the section,
the key and the value as the file wrote them; in English it is unchanged."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from optstudio.core import i18n
from optstudio.core.experiment import (Experiment, ExperimentError, NetworkSpec, dumps_toml,
                                       loads_settings, output_units, read_settings_file)

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    previous = i18n.language()
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(previous)


@pytest.fixture
def english():
    previous = i18n.language()
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language(previous)


def _message(call, *args, **kwargs) -> str:
    with pytest.raises(ExperimentError) as info:
        call(*args, **kwargs)
    text = str(info.value)
    assert "\n" not in text and text.strip() == text
    return text


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BROKEN_JSON = '{"optstudio": 1,\n  "network": {"hidden": [5, 2]\n'
UNKNOWN_SECTION = {"optstudio": 1, "netwrok": {"hidden": [5, 2]}}
BAD_VALUE = {"optstudio": 1, "network": {"hidden": [5, "two"]}}


def test_broken_json_in_chinese(tmp_path, chinese):
    text = _message(Experiment.load, _write(tmp_path, "broken.json", BROKEN_JSON))
    assert CJK.search(text)
    assert text.startswith("'broken.json' 不是有效的 JSON（第 ")
    assert "第 3 行" in text and "列" in text
    assert "Expecting" not in text          # the parser's reason too


def test_unknown_section_in_chinese(tmp_path, chinese):
    path = _write(tmp_path, "lab.json", json.dumps(UNKNOWN_SECTION))
    assert _message(Experiment.load, path) == "'lab.json'：未知的节 'netwrok'"


def test_bad_value_in_chinese(tmp_path, chinese):
    path = _write(tmp_path, "lab.json", json.dumps(BAD_VALUE))
    text = _message(Experiment.load, path)
    assert text == "'lab.json'：network：hidden 必须是整数列表，例如 [5, 2]，得到的是 [5, \"two\"]"


def test_more_messages_in_chinese(tmp_path, chinese):
    missing = tmp_path / "missing.json"
    text = _message(read_settings_file, missing)
    assert text == f"实验设置文件 {str(missing)!r} 不存在"
    assert _message(read_settings_file, tmp_path).endswith("是文件夹，不是实验设置文件")
    binary = tmp_path / "latin1.json"
    binary.write_bytes(b'{"title": "caf\xe9"}')
    assert _message(read_settings_file, binary).startswith("'latin1.json' 不是 UTF-8 文本文件")
    text = _message(Experiment.load, _write(tmp_path, "old.json", '{"title": "x"}'))
    assert text == "'old.json' 不是 OptStudio 实验设置（缺少 'optstudio' 版本键）"
    text = _message(Experiment.load, _write(tmp_path, "lab.toml", "optstudio = 1\n[network\n"))
    assert text.startswith("'lab.toml' 不是有效的 TOML（")
    text = _message(Experiment.from_dict, {"optstudio": 1, "network": {"activations": ["relu", "tanhh"]}},
                    where="'lab.json'")
    assert text.startswith("'lab.json'：未知的激活函数 'tanhh'（可用：") and "relu" in text
    text = _message(Experiment.from_dict, {"optstudio": 1, "training": {"preset": "x"}})
    assert text == "未知的预设 'x'（可用：default, notebook）"
    text = _message(Experiment.from_dict, {"optstudio": 1, "translations": {"zh_CN": {"titel": "x"}}})
    assert text == "实验设置：translations：zh_CN：未知的键 'titel'（已知：title, instructions, runs）"
    text = _message(Experiment.from_dict, {"optstudio": 1, "runs": [{"optimizer": {"name": ""}}]},
                    where="'lab.json'")
    assert text.startswith("'lab.json'：第 1 个运行：") and "optimizer：name" in text
    text = _message(Experiment.from_dict, {"optstudio": 1, "network": {"batch_norm": 1}}, where="'lab.json'")
    assert text == "'lab.json'：network：batch_norm 必须是布尔值（true 或 false），例如 false，得到的是 1"
    text = _message(Experiment.from_dict, {"optstudio": 1, "sweep": {"x": 1}}, where="'lab.json'")
    assert text.startswith("'lab.json'：sweep：") and "'x'" in text
    assert _message(output_units, NetworkSpec(), 3).startswith("数据有 3 个类别：二元交叉熵")
    assert _message(dumps_toml, {"a": [None]}) == "TOML 无法存储空值；请使用 JSON"
    assert _message(loads_settings, "[" * 100, where="'deep.json'") == (
        "'deep.json' 的嵌套超过 64 层（第 1 行）；实验设置文件只需要几层")


def test_english_unchanged(tmp_path, english):
    text = _message(Experiment.load, _write(tmp_path, "broken.json", BROKEN_JSON))
    assert text == ("'broken.json' is not valid JSON (line 3, column 1: Expecting ',' delimiter)")
    path = _write(tmp_path, "lab.json", json.dumps(UNKNOWN_SECTION))
    assert _message(Experiment.load, path) == "'lab.json': unknown section 'netwrok'"
    path = _write(tmp_path, "lab2.json", json.dumps(BAD_VALUE))
    assert _message(Experiment.load, path) == (
        "'lab2.json': network: hidden must be a list of whole numbers, e.g. [5, 2], got [5, \"two\"]")
    assert _message(Experiment.from_dict, {"optstudio": 1, "translations": {"zh_CN": {"titel": "x"}}}) == (
        "experiment: translations: zh_CN: unknown key 'titel' (known: title, instructions, runs)")
    assert _message(Experiment.from_dict, {"optstudio": 1, "runs": [{"network": 1}]}, where="'x.json'") == (
        "'x.json': run 1: network must be a table")
    assert _message(loads_settings, "[" * 100) == (
        "file nests more than 64 levels deep (line 1); an experiment file needs only a few")
    assert _message(output_units, NetworkSpec(), 3) == (
        "the data has 3 classes: binary cross-entropy needs 2; choose the softmax loss")


def test_cli_prints_one_chinese_line(tmp_path):
    path = _write(tmp_path, "bad.json", BROKEN_JSON)
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONIOENCODING": "utf-8"}
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        env.pop(key, None)
    result = subprocess.run([sys.executable, "-m", "optstudio", "run", "--config", str(path)],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "'bad.json' 不是有效的 JSON" in lines[0] and CJK.search(lines[0])
