"""Render every view offscreen after doing something meaningful; save docs/views_<name>.png.

    cd /work/main && QT_QPA_PLATFORM=offscreen python tests/gui_views/make_screenshots.py [name ...]

Not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

SIZE = (1000, 650)
OUT = ROOT / "docs"


def _wait(app, condition, timeout=120.0):
    start = time.time()
    while not condition():
        app.processEvents()
        if time.time() - start > timeout:
            raise TimeoutError("the view did not finish in time")
        time.sleep(0.005)


def _save(app, view, name):
    view.resize(*SIZE)
    view.show()
    view.setFocus()
    for _ in range(5):
        app.processEvents()
    path = OUT / f"views_{name}.png"
    view.grab().save(str(path))
    print("wrote", path)


def compare(app, manager):
    from optstudio.gui.views.compare_view import CompareView

    view = CompareView(manager)
    view.resize(*SIZE)
    view.show()
    view.epochs.setValue(300)
    view.target.setValue(0.6)
    view.start()
    _wait(app, lambda: not view.is_running())
    _save(app, view, "compare")
    view.shutdown()
    return view


def trajectory(app, manager):
    from optstudio.gui.views.trajectory_view import TrajectoryView

    view = TrajectoryView(manager)
    view.set_function("ellipse")
    view.play()
    _wait(app, lambda: not view.is_playing())
    _save(app, view, "trajectory")
    return view


def inside(app, manager):
    from optstudio.core.build import build_engine
    from optstudio.core.experiment import notebook_preset
    from optstudio.gui.views.inside_view import InsideView

    exp = notebook_preset()
    exp.training.epochs = 200
    engine = build_engine(exp, manager)
    engine.run()
    trainer = engine.runs[0]
    view = InsideView(manager)
    view.update_from(trainer)
    _save(app, view, "inside_adam")
    exp = exp.variant({"optimizer": {"name": "momentum", "params": {"beta": 0.9}, "learning_rate": 0.05}})
    engine = build_engine(exp, manager)
    engine.run()
    trainer = engine.runs[0]
    view.update_from(trainer)
    _save(app, view, "inside_momentum")
    return view


def schedule(app, manager):
    from optstudio.gui.views.schedule_preview import SchedulePreview

    view = SchedulePreview(manager)
    view.set_schedule("inverse-time", {"decay_rate": 0.05}, 0.5, 100, 5)
    _save(app, view, "schedule")
    return view


def ewa(app, manager):
    from optstudio.gui.views.ewa_view import EwaView

    view = EwaView(manager)
    view.set_beta(0.95)
    view.set_bias_correction(True)
    _save(app, view, "ewa")
    return view


VIEWS = {"compare": compare, "trajectory": trajectory, "inside": inside, "schedule": schedule, "ewa": ewa}


def main(names):
    from optstudio.plugins.manager import get_plugin_manager

    app = QApplication.instance() or QApplication([])
    manager = get_plugin_manager()
    keep = []
    for name in names or VIEWS:
        keep.append(VIEWS[name](app, manager))
    for view in keep:
        view.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
