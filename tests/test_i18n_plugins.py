"""Plugins in Chinese (issue 11): the ``translations`` of OptimizerInfo and ScheduleInfo, the
built-ins' Chinese, the host's own ParamSpec texts in the catalogue, and a third-party plugin's
translations shown through ``localized``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from optstudio.core import i18n
from optstudio.core.i18n import localized
from optstudio.core.optim import (SHARED_PARAMS, DescriptorError, OptimizerInfo, ParamSpec, ScheduleInfo,
                                  param_text)
from optstudio.core.settings import TRAINING_SETTINGS
from optstudio.plugins.builtin_optimizers import _descriptors as builtin_optimizers
from optstudio.plugins.builtin_schedules import _descriptors as builtin_schedules
from optstudio.plugins.manager import PluginManager
from optstudio.plugins.param_texts import PARAM_TEXTS
from optstudio.plugins.report import format_plugins_report, plugins_report

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    previous = i18n.language()
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(previous)


def _info(**changes):
    fields = dict(name="x", label="X", description="", formula="", factory=object,
                  params=(ParamSpec("beta", 0.9, label="β", help="momentum"),))
    fields.update(changes)
    return OptimizerInfo(**fields)


# ------------------------------------------------------------------------------ the built-ins

@pytest.mark.parametrize("info", builtin_optimizers() + builtin_schedules(), ids=lambda i: i.name)
def test_every_builtin_has_chinese_label_description_and_params(info, chinese):
    table = info.translations["zh_CN"]
    assert table["label"].strip() and table["description"].strip()
    # the description is prose: Chinese, not the English left in place
    assert CJK.search(table["description"]), info.name
    assert info.text("label") == table["label"]
    assert localized(info.translations, "description", info.description) == table["description"]
    for spec in info.params:
        for key in ("label", "help"):
            text = localized(info.translations, f"params.{spec.name}.{key}", None)
            assert isinstance(text, str) and text.strip(), (info.name, spec.name, key)
            assert info.param_text(spec, key) == text
        assert CJK.search(info.param_text(spec, "help")), (info.name, spec.name)


_MATH = "αβεμψλπθΘγ√⌊⌋²·−=+/<>∇⋯½^"


def test_builtin_formulas_keep_their_math_in_chinese():
    """Only the words around an update rule are translated: every symbol stays, in order."""
    translated = 0
    for info in builtin_optimizers() + builtin_schedules():
        assert not CJK.search(info.formula)
        text = info.translations["zh_CN"].get("formula")
        if text is None:
            continue
        translated += 1
        assert CJK.search(text), info.name
        assert [c for c in text if c in _MATH] == [c for c in info.formula if c in _MATH], info.name
    assert translated >= 5      # the formulas that carry English words (momentum, adam, plateau …)


def test_english_is_unchanged_without_a_language():
    assert i18n.language() == "en"
    adam = next(i for i in builtin_optimizers() if i.name == "adam")
    assert adam.text("label") == "Adam" and adam.text("description") == adam.description
    beta1 = adam.params[0]
    assert adam.param_text(beta1, "help") == beta1.help
    assert param_text(TRAINING_SETTINGS["learning_rate"]) == "learning rate α"


def test_the_manager_serves_the_translations(chinese):
    pm = PluginManager(load_entry_points=False, plugin_dirs=[])
    assert pm.optimizer_info("momentum").text() == "动量梯度下降"
    assert pm.schedule_info("exponential").text() == "指数衰减"
    report = plugins_report(pm)
    assert report["optimizers"][0]["translations"]["zh_CN"]["label"] == "梯度下降"
    text = format_plugins_report(pm)
    assert "优化器（" in text and "梯度下降" in text and "没有插件错误。" in text


# ------------------------------------------------------------------------------ the host's ParamSpecs

def test_core_param_texts_are_marked_for_the_catalogue():
    """settings.py and SHARED_PARAMS are translated under "ParamSpec" from plugins/param_texts.py."""
    specs = list(TRAINING_SETTINGS.values()) + list(SHARED_PARAMS)
    for spec in specs:
        assert spec.label in PARAM_TEXTS, spec.label
        assert spec.help in PARAM_TEXTS, spec.help


def test_core_param_texts_have_chinese(chinese):
    for spec in list(TRAINING_SETTINGS.values()) + list(SHARED_PARAMS):
        for key in ("label", "help"):
            text = i18n.translate("ParamSpec", getattr(spec, key))
            assert text != getattr(spec, key) and CJK.search(text), (spec.name, key)
            assert param_text(spec, key) == text
    assert param_text(TRAINING_SETTINGS["mini_batch_size"]) == "小批量大小"
    # a shared parameter the optimizer does not translate itself: the catalogue's text
    gd = next(i for i in builtin_optimizers() if i.name == "gd")
    clip = next(p for p in gd.all_params if p.name == "clip_norm")
    assert gd.param_text(clip) == i18n.translate("ParamSpec", "clip ‖dW‖ at") != "clip ‖dW‖ at"


# ------------------------------------------------------------------------------ bad translations

@pytest.mark.parametrize("bad, words", [
    (["zh_CN"], "translations must be a mapping"),
    ({"zh_CN": "动量"}, "translations['zh_CN'] must be a mapping"),
    ({"zh_CN": {"label": 3}}, "label must be a string"),
    ({"zh_CN": {"help": "帮助"}}, "unknown key 'help'"),
    ({"zh_CN": {"params": ["beta"]}}, "params must be a mapping"),
    ({"zh_CN": {"params": {"gamma": {"label": "γ"}}}}, "unknown parameter 'gamma'"),
    ({"zh_CN": {"params": {"beta": "β"}}}, "params['beta'] must be a mapping"),
    ({"zh_CN": {"params": {"beta": {"label": None}}}}, "label must be a string"),
    ({"zh_CN": {"params": {"beta": {"tooltip": "x"}}}}, "unknown key 'tooltip'"),
    ({3: {"label": "x"}}, "a language must be a code"),
    ({"zh_CN": {"params": {"beta": {"choices": {"a": "甲"}}}}}, "the parameter has no choices"),
])
def test_a_bad_translations_mapping_is_a_one_line_descriptor_error(bad, words):
    with pytest.raises(DescriptorError) as info:
        _info(translations=bad)
    message = str(info.value)
    assert words in message and "\n" not in message and message.startswith("optimizer 'x': translations")
    with pytest.raises(DescriptorError) as info:
        ScheduleInfo(name="s", label="S", description="", formula="", factory=object,
                     params=(ParamSpec("beta", 0.5),), translations=bad)
    assert "\n" not in str(info.value) and str(info.value).startswith("schedule 's': translations")


def test_choices_and_formula_may_be_translated(chinese):
    spec = ParamSpec("form", "average", kind="choice", choices=("average", "sum"), label="form")
    info = _info(params=(spec,), translations={"zh_CN": {"formula": "v = β·v + dW",
                                                         "params": {"form": {"choices": {"average": "平均"}}}}})
    assert info.choice_text(spec, "average") == "平均" and info.choice_text("form", "sum") == "sum"
    assert info.text("formula") == "v = β·v + dW"
    assert localized(info.translations, "params.form.choices.average", "average") == "平均"
    for bad, words in (({"average": 1}, "the text of 'average' must be a string"),
                       ({"mean": "均值"}, "unknown choice 'mean' (choices: average, sum)"),
                       (["平均"], "choices must be a mapping")):
        with pytest.raises(DescriptorError, match=re.escape(words)):
            _info(params=(spec,), translations={"zh_CN": {"params": {"form": {"choices": bad}}}})


def test_translations_may_name_shared_parameters_and_are_copied():
    given = {"zh_CN": {"params": {"weight_decay": {"label": "λ"}}}}
    info = _info(translations=given)
    given["zh_CN"]["label"] = "changed later"
    assert info.translations == {"zh_CN": {"params": {"weight_decay": {"label": "λ"}}}}
    assert _info() == _info(translations={"zh_CN": {"label": "叉"}})   # not part of equality
    hash(_info(translations={"zh_CN": {"label": "叉"}}))


# ------------------------------------------------------------------------------ a third-party plugin

PLUGIN = '''
import numpy as np
from optstudio import hookimpl
from optstudio.plugins.types import Optimizer, OptimizerInfo, ParamSpec, Schedule, ScheduleInfo


class Sign(Optimizer):
    def __init__(self, scale):
        self.scale = scale

    def update(self, params, grads, t, learning_rate):
        for name, W in params.items():
            W -= learning_rate * self.scale * np.sign(grads[name])


class Half(Schedule):
    def rate(self, initial_rate, epoch, step, costs):
        return initial_rate / 2


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(
        name="sign", label="Sign GD", description="Steps by the sign.", formula="W = W − α·s·sign(dW)",
        factory=Sign, params=(ParamSpec("scale", 1.0, min=0.0, label="scale s", help="Multiplies every step."),),
        translations={"zh-CN": {"label": "符号梯度下降", "description": "按符号走一步。",
                                "params": {"scale": {"label": "倍数 s", "help": "每一步都乘以它。"}}}},
    )]


@hookimpl
def optstudio_schedules():
    return [ScheduleInfo(name="half", label="Half", description="α0/2.", formula="α = α0/2", factory=Half,
                         translations={"zh_CN": {"label": "减半"}})]
'''

BROKEN = '''
from optstudio import hookimpl
from optstudio.plugins.types import OptimizerInfo


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="broken", label="Broken", description="", formula="", factory=dict,
                          translations={"zh_CN": {"params": {"nope": {"label": "x"}}}})]
'''


def test_a_third_party_plugin_shows_its_translations(write_plugin, chinese):
    path = write_plugin(PLUGIN, "sign.py")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert pm.errors == []
    info = pm.optimizer_info("sign")
    assert localized(info.translations, "label", info.label) == "符号梯度下降"
    assert localized(info.translations, "description", info.description) == "按符号走一步。"
    spec = info.params[0]
    assert localized(info.translations, f"params.{spec.name}.label", spec.label) == "倍数 s"
    assert info.param_text(spec, "help") == "每一步都乘以它。"
    schedule = pm.schedule_info("half")
    assert schedule.text("label") == "减半"
    assert schedule.text("description") == "α0/2."          # not given: English
    i18n.set_language("en")
    assert info.text("label") == "Sign GD" and info.param_text(spec) == "scale s"


def test_a_plugin_with_bad_translations_is_reported_in_one_line(write_plugin):
    path = write_plugin(BROKEN, "broken.py")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    assert "broken" not in pm.optimizers
    (error,) = pm.errors
    assert "unknown parameter 'nope'" in error.message and "\n" not in str(error)


def test_the_guide_example_is_translated(tmp_path, chinese):
    """docs/plugins.md's "Translating your plugin" example, dropped in a plugin folder."""
    text = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    code = next(b for b in blocks if "translations=" in b)
    folder = tmp_path / "guide"
    folder.mkdir()
    (folder / "sign_gd.py").write_text(code, encoding="utf-8")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[folder])
    assert pm.errors == []
    info = pm.optimizer_info("sign-gd")
    assert info.text() == "符号梯度下降"
    assert info.param_text("scale") == "步长倍数 s"
    assert info.param_text("weight_decay") == "λ（权重衰减）"


def test_example_plugins_are_translated(chinese):
    pm = PluginManager(load_entry_points=False, plugin_dirs=[REPO / "plugins"])
    assert pm.errors == []
    for info in (pm.optimizer_info("lion"), pm.schedule_info("cyclical")):
        assert CJK.search(info.text("description"))
        for spec in info.params:
            assert CJK.search(info.param_text(spec, "help")), spec.name


def test_manager_messages_are_translated(write_plugin, chinese):
    path = write_plugin("x = 1\n", "nothing.py")
    pm = PluginManager(load_entry_points=False, plugin_dirs=[path.parent])
    (error,) = pm.errors
    assert error.message == "没有定义任何 @hookimpl 函数"
