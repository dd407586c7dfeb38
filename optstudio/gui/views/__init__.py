"""Self-contained views for the main window's tabs.

Each view is a QWidget built as ``View(manager=None, parent=None)`` (``manager``: the plugin
manager, default :func:`optstudio.plugins.manager.get_plugin_manager`):

* :class:`~.compare_view.CompareView` – optimizers trained side by side (worker thread).
* :class:`~.trajectory_view.TrajectoryView` – optimizer paths on 2-D test functions.
* :class:`~.inside_view.InsideView` – what the optimizer is doing inside (per-parameter steps).
* :class:`~.schedule_preview.SchedulePreview` – α over the planned epochs for a schedule.
* :class:`~.ewa_view.EwaView` – exponentially weighted averages (the notes' temperature example).

:mod:`.inside_data` and :mod:`.compare_data` hold the Qt-free parts that run in training threads.
Import the views from their modules; importing this package itself loads no Qt.
"""

__all__ = ["live_view_threads"]


def live_view_threads():
    """QThreads started by the views that are still running (see :mod:`._common`)."""
    from optstudio.gui.views._common import live_view_threads as live

    return live()
