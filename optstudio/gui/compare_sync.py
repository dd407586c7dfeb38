"""Keeps the "Compare optimizers" tab in step with the window's settings.

The comparison trains the window's data, network and training settings with several optimizers
(a lab's ``runs`` become its configurations). While it trains nothing changes under it: the last
change waits until it has ended (a new lab stops it first).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QObject, Slot

from optstudio.gui.i18n import localized, translate

__all__ = ["CompareSync"]


class CompareSync(QObject):
    """``view``: the CompareView once it is built (None before: it is synced when built)."""

    def __init__(self, settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.view = None
        self._key: str | None = None
        self._pending: bool | None = None     # a sync waiting for the comparison to end (with runs?)
        self.closed = False
        for signal in (settings.dataChanged, settings.networkChanged, settings.epochsChanged,
                       settings.miniBatchSizeChanged, settings.initChanged):
            signal.connect(self.sync)
        settings.loaded.connect(self.sync_with_runs)

    def attach(self, view) -> None:
        """The view was built: give it the settings and the experiment's runs."""
        self.view = view
        self._key = None
        view.runningChanged.connect(self._on_running)
        self.sync_with_runs()
        self.announce_runs()

    def announce_runs(self) -> None:
        exp = self.settings.experiment()
        if self.view is not None and exp.runs and not self.view.is_running():
            title = localized(getattr(exp, "translations", None), "title", exp.title)
            title = title or translate("CompareSync", "the experiment")
            self.view.set_status(translate("CompareSync", "Press ▶ Start to train the {count} configurations of "
                                                          "“{title}” side by side.").format(count=len(exp.runs),
                                                                                            title=title))

    @Slot()
    def sync_with_runs(self, *_args) -> None:
        self.sync(with_runs=True)

    @Slot()
    def sync(self, *_args, with_runs: bool = False) -> None:
        """Give the comparison the shared settings (and, ``with_runs``, the experiment's runs as
        its configurations). Waits while it trains."""
        view = self.view
        if self.closed or view is None:
            return
        if view.is_running():
            if with_runs:
                self._pending = True
                view.stop()                # a new lab replaces the comparison
            elif self._pending is None:
                self._pending = False
            return
        if not self.settings.valid and not with_runs:
            return
        exp = self.settings.experiment()
        data = exp.to_dict()
        key = json.dumps({k: data.get(k) for k in ("data", "network", "training")}, sort_keys=True, default=str)
        if not with_runs:
            if key == self._key:
                return
            exp.runs = []              # keep the student's configurations
        self._key = key
        view.set_base_experiment(exp)

    @Slot(bool)
    def _on_running(self, running: bool) -> None:
        if running or self._pending is None:
            return
        with_runs, self._pending = self._pending, None
        self.sync(with_runs=with_runs)
