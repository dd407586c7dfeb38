"""Plugins that failed to load are shown where the student looks (a notice bar, like Orange's
widget warnings), and Plugins ▸ Reload plugins loads the plugin folders again: a file dropped in
appears without a restart."""

from __future__ import annotations

from optstudio.core.experiment import ExperimentError
from optstudio.gui.dialogs import PluginDialog
from optstudio.gui.files import checked_experiment
from optstudio.gui.notice import html_escape
from optstudio.gui.pages import PAGE_COMPARE
from optstudio.plugins.manager import get_plugin_manager

__all__ = ["show_plugin_problems", "reload_plugins"]


def show_plugin_problems(w) -> None:
    """A notice bar while plugins failed to load (with the way to see and retry them)."""
    errors = w.manager.errors
    if not errors:
        w.plugin_notice.hide_notice()
        return
    first = errors[0]
    where = f"{first.plugin}: " if getattr(first, "plugin", "") else ""
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    w.plugin_notice.show_notice(
        f"<b>{len(errors)} plugin problem{'s' if len(errors) > 1 else ''}</b>: {html_escape(where)}"
        f"{html_escape(first.message)}{more}. Everything else works.", "plugins",
        [("Show the errors…", lambda: PluginDialog(w.manager, w).exec()),
         ("Reload plugins", lambda: reload_plugins(w))])


def reload_plugins(w) -> None:
    """Load the plugins again (a file dropped into a plugin folder appears at once)."""
    manager = get_plugin_manager(refresh=True)
    w.manager = manager
    w.controller.registry = w.training_page.manager = manager
    exp = w.settings.experiment()
    w.optimizer_panel.set_manager(manager)
    try:
        exp = checked_experiment(exp, manager)
    except ExperimentError as exc:
        w.notice.show_notice(f"After reloading the plugins: {html_escape(exc)}. Using the defaults.", "notice")
        w.load_experiment(w.default_experiment())
    else:
        w.optimizer_panel.set_specs(exp.optimizer, exp.schedule, exp.training)
    compare = w.pages.built(PAGE_COMPARE)
    w.pages.set_manager(manager, keep=(PAGE_COMPARE,) if compare and compare.is_running() else ())
    w.show_plugin_problems()
    w.statusBar().showMessage(f"Plugins reloaded: {len(manager.optimizers)} optimizers, "
                              f"{len(manager.schedules)} schedules.", 6000)
