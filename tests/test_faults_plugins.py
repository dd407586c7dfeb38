"""Fault injection, plugins: factories that raise (group 1 of issue 12) and plugins that hang or
misbehave while they load (group 6), through the real command line."""

from __future__ import annotations

import json
import time

import pytest

from fault_injection import assert_clean, assert_one_line_error, run_cli

# ------------------------------------------------------------------------------------------------
# Group 1: a plugin whose factory fails is one line and exit status 1, in every command.

FACTORIES = '''
import sys
from optstudio import hookimpl
from optstudio.plugins.types import OptimizerInfo, ScheduleInfo


class Boom(BaseException):
    pass


def boom(**kw):
    raise RuntimeError("factory boom")


def base(**kw):
    raise Boom("base boom")


def leave(**kw):
    sys.exit(4)


def nothing(**kw):
    return None


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name=name, label=name, description="", formula="", factory=factory)
            for name, factory in (("fboom", boom), ("fbase", base), ("fexit", leave), ("fnone", nothing))]


@hookimpl
def optstudio_schedules():
    return [ScheduleInfo(name="sboom", label="sboom", description="", formula="", factory=boom)]
'''

LAB_WITH_FBOOM = json.dumps({"optstudio": 1, "title": "broken", "training": {"epochs": 2},
                             "runs": [{"label": "GD", "optimizer": {"name": "gd"}},
                                      {"label": "Boom", "optimizer": {"name": "fboom"}}]})
CONFIG_WITH_SBOOM = json.dumps({"optstudio": 1, "training": {"epochs": 2}, "schedule": {"name": "sboom"}})

FACTORY_CASES = [
    (["run", "--optimizer", "fboom", "--epochs", "2"], "optimizer 'fboom' could not be created: RuntimeError: factory boom"),
    (["run", "--optimizer", "fboom", "--epochs", "2", "--json"], "RuntimeError: factory boom"),
    (["compare", "--optimizers", "gd,fboom", "--epochs", "2"], "optimizer 'fboom' could not be created"),
    (["run", "--schedule", "sboom", "--epochs", "2"], "schedule 'sboom' could not be created: RuntimeError: factory boom"),
    (["compare", "--optimizers", "gd,adam", "--schedule", "sboom", "--epochs", "2"], "schedule 'sboom'"),
    (["run", "--config", "sboom.json"], "schedule 'sboom' could not be created"),
    (["lab", "fboom_lab.json"], "optimizer 'fboom' could not be created"),
    (["trajectory", "--optimizer", "fboom", "--steps", "3"], "optimizer 'fboom' could not be created"),
    (["run", "--optimizer", "fbase", "--epochs", "2"], "Boom: base boom"),
    (["run", "--optimizer", "fexit", "--epochs", "2"], "SystemExit: 4"),
    (["compare", "--optimizers", "fnone", "--epochs", "2"], "factory returned None, which has no update() method"),
]


@pytest.mark.parametrize("args, expected", FACTORY_CASES, ids=[" ".join(c[0][:3]) for c in FACTORY_CASES])
def test_a_failing_factory_is_one_line_and_status_1(tmp_path, args, expected):
    (tmp_path / "sboom.json").write_text(CONFIG_WITH_SBOOM, encoding="utf-8")
    (tmp_path / "fboom_lab.json").write_text(LAB_WITH_FBOOM, encoding="utf-8")
    outcome = run_cli(tmp_path, *args, plugins={"factories.py": FACTORIES})
    line = assert_one_line_error(outcome, expected, code=1)
    assert "factories.py" in line                       # the file to fix is named
    assert outcome.out.strip() == "" or "--json" not in args


# ------------------------------------------------------------------------------------------------
# Group 6: plugins that never return, raise BaseException or flood the console while loading.

GOOD_PLUGIN = '''
from optstudio import hookimpl
from optstudio.plugins.types import OptimizerInfo


class Plain:
    def init(self, params):
        pass

    def update(self, params, grads, t, learning_rate):
        for name in params:
            params[name] -= learning_rate * grads[name]


@hookimpl
def optstudio_optimizers():
    return [OptimizerInfo(name="still-here", label="Still here", description="", formula="", factory=Plain)]
'''

LOADING_CASES = [
    ("spin.py", "x = 0\nwhile True:\n    x += 1\n", "still importing after 1 s", (2, 3)),
    ("sleepy.py", "import time\ntime.sleep(120)\n", "still importing after 1 s", 2),
    ("stubborn.py", "while True:\n    try:\n        while True:\n            pass\n    except BaseException:\n"
                    "        pass\n", "still importing after 1 s", (1, 2, 3, 4, 5)),
    ("hook_spin.py", "from optstudio import hookimpl\n\n@hookimpl\ndef optstudio_optimizers():\n"
                     "    while True:\n        pass\n", "optstudio_optimizers: still running after 1 s", (5, 6)),
    ("own_base.py", "class Fatal(BaseException):\n    pass\n\nraise Fatal('from the plugin')\n",
     "Fatal: from the plugin", 4),
    ("ctrl_c.py", "raise KeyboardInterrupt\n", "raised KeyboardInterrupt", 1),
    ("gen_exit.py", "raise GeneratorExit('odd')\n", "GeneratorExit: odd", 1),
    ("quits.py", "import sys\nsys.exit('bye')\n", "SystemExit: bye", 2),
    ("hook_base.py", "from optstudio import hookimpl\n\nclass Odd(BaseException):\n    pass\n\n@hookimpl\n"
                     "def optstudio_schedules():\n    raise Odd('in a hook')\n", "Odd: in a hook", 8),
]


@pytest.mark.parametrize("name, source, expected, line", LOADING_CASES, ids=[c[0] for c in LOADING_CASES])
def test_a_plugin_that_misbehaves_while_loading_is_recorded_and_the_rest_works(tmp_path, name, source,
                                                                               expected, line):
    plugins = {name: source, "good.py": GOOD_PLUGIN}
    env = {"OPTSTUDIO_PLUGIN_TIMEOUT": "1"}
    started = time.monotonic()
    listing = run_cli(tmp_path, "plugins", "--json", plugins=plugins, env=env, timeout=60)
    assert time.monotonic() - started < 30
    assert listing.code == 0, listing.err
    assert_clean(listing)
    report = json.loads(listing.out)                    # stdout is JSON, nothing else
    assert "still-here" in {o["name"] for o in report["optimizers"]}
    errors = [e for e in report["errors"] if e["plugin"] == name[:-3]]
    assert len(errors) == 1, report["errors"]
    assert expected in errors[0]["message"]
    assert errors[0]["file"].endswith(name)              # where to look: the file and line
    assert errors[0]["line"] in (line if isinstance(line, tuple) else (line,))
    # every command still runs, with the good plugin
    trained = run_cli(tmp_path, "run", "--optimizer", "still-here", "--epochs", "2", "--json", plugins=plugins,
                      env=env, timeout=60)
    assert trained.code == 0, trained.err
    assert json.loads(trained.out)["status"] == "finished"


NOISY = {
    "shout.py": "print('x' * (20 * 1024 * 1024))\n",
    "shout_err.py": "import sys\nsys.stderr.write('e' * (5 * 1024 * 1024))\n",
    "shout_lines.py": "for i in range(200000):\n    print('line', i)\n",
    "shout_hook.py": "from optstudio import hookimpl\n\n@hookimpl\ndef optstudio_optimizers():\n"
                     "    print('{\"not\": \"json\"}' * 1000)\n    return []\n",
    "shout_writelines.py": "import sys\nsys.stdout.writelines(['a\\n'] * 100000)\nsys.stdout.flush()\n",
}


@pytest.mark.parametrize("command", [["plugins", "--json"], ["run", "--epochs", "2", "--json"],
                                     ["compare", "--epochs", "2", "--json"],
                                     ["trajectory", "--steps", "3", "--json"], ["lab", "--list", "--json"]],
                         ids=lambda c: c[0])
def test_plugins_printing_while_loading_do_not_spoil_machine_readable_output(tmp_path, command):
    outcome = run_cli(tmp_path, *command, plugins={**NOISY, "good.py": GOOD_PLUGIN})
    assert outcome.code == 0, outcome.err[-2000:]
    json.loads(outcome.out)                             # stdout holds the JSON only
    assert len(outcome.err) < 30_000                     # what they printed is shown, shortened
    assert "more characters printed by plugin 'shout' not shown" in outcome.err
