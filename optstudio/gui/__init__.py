"""The OptStudio window (PySide6 + pyqtgraph). Everything Qt lives in this package.

The GUI is a view of the core: it builds an :class:`~optstudio.core.experiment.Experiment` from
its widgets, asks :func:`~optstudio.core.build.build_engine` for the core engine and shows the
snapshots its training thread sends. Entry point: :func:`optstudio.gui.app.main`.

Modules that do not import Qt (usable and testable without a display):
:mod:`.projection` (PCA), :mod:`.snapshot` (what the training thread sends to the window),
:mod:`.formatting` (numbers for people).
"""

from optstudio.gui._compat import protect_singletons as _protect_singletons

_protect_singletons()   # PySide6 6.12 on Python < 3.12 loses references to None (see _compat)
