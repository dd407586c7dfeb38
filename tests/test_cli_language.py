"""The command line speaks the language of LANG (issue 11): Chinese for zh_CN.UTF-8, English for C;
errors stay one line, the summary table stays aligned with wide characters."""

import os
import subprocess
import sys
import unicodedata

import pytest

from optstudio.cli import main
from optstudio.core import i18n


def _set_lang(monkeypatch, value):
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("LANG", value)


def _error_line(capsys, argv):
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


BAD = [  # argv, the Chinese fragment, the English fragment
    (["run", "--layers", "5,x", "--epochs", "2"], "不是整数", "is not a whole number"),
    (["run", "--dataset", "nosuch", "--epochs", "2"], "未知的数据集", "unknown dataset 'nosuch'"),
    (["run", "--epochs", "abc"], "无效的 int 值", "invalid int value"),
    (["run", "--history", "/no/such/folder/h.csv", "--epochs", "2"], "不存在", "does not exist"),
]


@pytest.mark.parametrize("argv,chinese,english", BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_bad_input_follows_lang_and_is_one_line(argv, chinese, english, capsys, monkeypatch):
    _set_lang(monkeypatch, "zh_CN.UTF-8")
    line = _error_line(capsys, argv)
    assert line.startswith("optstudio: 错误：") and chinese in line, line
    assert english not in line
    _set_lang(monkeypatch, "C")
    line = _error_line(capsys, argv)
    assert line.startswith("optstudio: error: ") and english in line, line
    assert i18n.language() == "en"


def _display_columns(line: str, char: str = "|") -> list[int]:
    """The display columns (wide characters count two) where ``char`` is in ``line``."""
    columns, at = [], 0
    for ch in line:
        if ch == char:
            columns.append(at)
        at += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return columns


def _table(capsys, monkeypatch, lang):
    _set_lang(monkeypatch, lang)
    assert main(["compare", "--epochs", "5", "--samples", "100", "--target-cost", "0.01"]) == 0
    return capsys.readouterr().out.strip().splitlines()


def test_summary_table_in_chinese_is_aligned(capsys, monkeypatch):
    lines = _table(capsys, monkeypatch, "zh_CN.UTF-8")
    header, rule, rows = lines[0], lines[1], lines[2:5]
    for word in ("优化器", "训练集准确率", "测试集准确率", "最终成本", "秒", "未达到", "梯度下降", "动量梯度下降"):
        assert word in "\n".join(lines), word
    assert "train accuracy" not in header
    bars = _display_columns(header)
    assert len(bars) == 6
    assert _display_columns(rule, "+") == bars          # the rule's crossings under the header's bars
    for row in rows:
        assert _display_columns(row) == bars, row
    assert i18n.language() == "en"                       # main() gives the language back


def test_summary_table_in_english_with_lang_c(capsys, monkeypatch):
    lines = _table(capsys, monkeypatch, "C")
    assert lines[0].startswith("optimizer ") and "train accuracy" in lines[0] and "never" in "\n".join(lines)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in "\n".join(lines))


def test_csv_table_stays_english(tmp_path, capsys, monkeypatch):
    _set_lang(monkeypatch, "zh_CN.UTF-8")
    table = tmp_path / "t.csv"
    assert main(["compare", "--epochs", "3", "--samples", "100", "--table", str(table)]) == 0
    assert "优化器" in capsys.readouterr().out
    lines = table.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("optimizer,train accuracy")
    assert lines[1].startswith("Gradient descent,")          # the file keeps the run's label


def test_run_summary_in_chinese(capsys, monkeypatch):
    _set_lang(monkeypatch, "zh_CN.UTF-8")
    assert main(["run", "--epochs", "4", "--samples", "100", "--print-every", "2"]) == 0
    out = capsys.readouterr().out
    assert "epoch 0 后的成本：" in out and "训练集准确率：" in out and "测试集准确率：" in out and "最终成本：" in out


def test_lang_from_the_environment_of_a_real_process(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(OPTSTUDIO_CONFIG_DIR=str(tmp_path / "config"), OPTSTUDIO_DISABLE_PLUGINS="1", PYTHONIOENCODING="utf-8")

    def run(lang):
        return subprocess.run([sys.executable, "-m", "optstudio", "run", "--batch-size", "0", "--epochs", "2"],
                              capture_output=True, text=True, encoding="utf-8", env={**env, "LANG": lang},
                              cwd=tmp_path, timeout=120)

    chinese, english = run("zh_CN.UTF-8"), run("C")
    assert chinese.returncode == english.returncode == 2
    assert chinese.stderr.count("\n") == 1 and chinese.stderr.startswith("optstudio: 错误：")
    assert "--batch-size" in chinese.stderr
    assert english.stderr.count("\n") == 1 and english.stderr.startswith("optstudio: error: ")


def test_english_when_the_output_cannot_show_chinese(tmp_path):
    """LANG=zh_CN.UTF-8 but an ASCII-only stdout/stderr: English rather than an encoding error."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(OPTSTUDIO_CONFIG_DIR=str(tmp_path / "config"), OPTSTUDIO_DISABLE_PLUGINS="1",
               PYTHONIOENCODING="ascii", LANG="zh_CN.UTF-8")
    done = subprocess.run([sys.executable, "-m", "optstudio", "run", "--layers", "5,x", "--epochs", "2"],
                          capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stderr.decode("ascii").startswith("optstudio: error: --layers: 'x' is not a whole number")
