"""Work-arounds for broken binary builds of the Qt bindings (imported first by ``optstudio.gui``).

PySide6/shiboken6 6.12.0 wheels (``cp310-abi3``) are built against Python ≥ 3.12 headers, where
``None``, ``True`` and ``False`` are immortal, so their inlined ``Py_INCREF`` is dropped when a
C++ function returns ``None`` (every ``void`` method: ``widget.update()``, ``painter.drawLine()``,
``processEvents()``…) or ``Signal.emit()`` returns ``True``. On Python 3.10/3.11 each such call
takes one reference that was never given; after a few thousand calls the interpreter aborts with
``Fatal Python error: none_dealloc: deallocating None``. A window that repaints 30 times a second
reaches that within seconds.

:func:`protect_singletons` detects the bug (a few calls of a ``void`` method must leave the
reference count of ``None`` unchanged) and, only then and only on Python < 3.12, gives
``None``/``True``/``False`` (and ``NotImplemented``/``Ellipsis``, returned the same way) a
reserve of 2**40 references: practically what 3.12 does (immortal
objects). On a correct build, or on Python ≥ 3.12, it does nothing.
The real fix is a matching build: Python ≥ 3.12, or a PySide6 version built for the interpreter.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["protect_singletons", "singletons_leak", "PROTECTED"]

RESERVE = 1 << 40
PROTECTED = False


def singletons_leak(calls: int = 64) -> bool:
    """True if calling a ``void`` Qt method consumes references to ``None``."""
    from PySide6.QtCore import QObject  # noqa: PLC0415

    probe = QObject()
    probe.setObjectName("probe")
    before = sys.getrefcount(None)
    for _ in range(calls):
        probe.setObjectName("probe")
    after = sys.getrefcount(None)
    return before - after >= calls // 2


def protect_singletons() -> bool:
    """Apply the reserve if (and only if) this interpreter + bindings need it. Idempotent."""
    global PROTECTED
    if PROTECTED or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return PROTECTED
    try:
        leaking = singletons_leak()
    except Exception:  # noqa: BLE001 - no Qt: nothing to protect
        return False
    if leaking:
        for obj in (None, True, False, NotImplemented, Ellipsis):
            # ob_refcnt is the first field of every CPython object (Py_ssize_t)
            ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE
        PROTECTED = True
    return PROTECTED
