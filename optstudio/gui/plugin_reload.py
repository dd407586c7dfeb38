"""Plugins that failed to load are shown where the student looks (a notice bar, like Orange's
widget warnings), and Plugins ▸ Reload plugins loads the plugin folders again: a file dropped in
appears without a restart."""

from __future__ import annotations

from optstudio.core.experiment import ExperimentError
from optstudio.gui.dialogs import PluginDialog
from optstudio.gui.files import checked_experiment
from optstudio.gui.i18n import translate
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
    more = (translate("PluginReload", " (and {count} more)").format(count=len(errors) - 1)
            if len(errors) > 1 else "")
    title = (translate("PluginReload", "{count} plugin problems") if len(errors) > 1
             else translate("PluginReload", "{count} plugin problem")).format(count=len(errors))
    w.plugin_notice.show_notice(
        translate("PluginReload", "<b>{title}</b>: {problem}{more}. Everything else works.")
        .format(title=title, problem=html_escape(where) + html_escape(first.message), more=more), "plugins",
        [(translate("PluginReload", "Show the errors…"), lambda: PluginDialog(w.manager, w).exec()),
         (translate("PluginReload", "Reload plugins"), lambda: reload_plugins(w))])


def reload_plugins(w) -> None:
    """Load the plugins again (a file dropped into a plugin folder appears at once)."""
    manager = get_plugin_manager(refresh=True)
    w.manager = manager
    w.controller.registry = w.training_page.manager = manager
    exp = w.experiment()
    w.optimizer_panel.set_manager(manager)
    try:
        exp = checked_experiment(exp, manager)
    except ExperimentError as exc:
        w.notice.show_notice(translate("PluginReload", "After reloading the plugins: {problem}. Using the defaults.")
                             .format(problem=html_escape(exc)), "notice")
        w.load_experiment(w.default_experiment())
    else:
        w.optimizer_panel.set_specs(exp.optimizer, exp.schedule, exp.training)
    compare = w.pages.built(PAGE_COMPARE)
    w.pages.set_manager(manager, keep=(PAGE_COMPARE,) if compare and compare.is_running() else ())
    w.show_plugin_problems()
    w.statusBar().showMessage(translate("PluginReload", "Plugins reloaded: {optimizers} optimizers, {schedules} "
                                                        "schedules.")
                              .format(optimizers=len(manager.optimizers), schedules=len(manager.schedules)), 6000)
