"""How much memory one data set or one network may take, checked before anything is allocated.

numpy finds out that an array does not fit only when it tries to allocate it (``MemoryError``
with a traceback), and on Linux a large allocation may even succeed and get the process killed
later. A student who types ``--layers 100000,100000`` or opens a 4 MB file that inflates to
4 GiB should read instead, in one line, how much memory that would take. The data loader and
the network builder estimate their arrays with this module and refuse what does not fit.

The limit is ``OPTSTUDIO_MEMORY_LIMIT`` when set (bytes, or a number with a unit: ``512M``,
``2G``, ``1.5GiB``); otherwise half of the computer's memory (the physical memory, or the
container's limit when that is lower), or 4 GiB when neither can be found.

numpy only (here: stdlib only); no Qt.
"""

from __future__ import annotations

import os
import re
import sys

from optstudio.core.i18n import translate

__all__ = ["MEMORY_LIMIT_ENV", "memory_limit", "format_bytes", "memory_problem", "parse_size"]

#: Environment variable that sets the limit (see the module docstring).
MEMORY_LIMIT_ENV = "OPTSTUDIO_MEMORY_LIMIT"

#: The limit when the computer's memory cannot be found.
FALLBACK_LIMIT = 4 * 1024 ** 3

_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1024 ** 2, "mb": 1000 ** 2,
          "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1000 ** 3, "gib": 1024 ** 3, "t": 1024 ** 4,
          "tb": 1000 ** 4, "tib": 1024 ** 4}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-zA-Z]*)\s*$")


def parse_size(text: str) -> int | None:
    """``"2G"`` → 2147483648; ``None`` for text that is not a size."""
    m = _SIZE.match(text or "")
    if not m or m.group(2).lower() not in _UNITS:
        return None
    value = float(m.group(1)) * _UNITS[m.group(2).lower()]
    return int(value) if value >= 1 else None


def _physical_memory() -> int | None:
    """The computer's physical memory in bytes, or None."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes

            class _Status(ctypes.Structure):
                _fields_ = [("dwLength", ctypes.c_ulong), ("dwMemoryLoad", ctypes.c_ulong),
                            ("ullTotalPhys", ctypes.c_ulonglong), ("ullAvailPhys", ctypes.c_ulonglong),
                            ("ullTotalPageFile", ctypes.c_ulonglong), ("ullAvailPageFile", ctypes.c_ulonglong),
                            ("ullTotalVirtual", ctypes.c_ulonglong), ("ullAvailVirtual", ctypes.c_ulonglong),
                            ("ullAvailExtendedVirtual", ctypes.c_ulonglong)]

            status = _Status()
            status.dwLength = ctypes.sizeof(_Status)
            if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)):
                return int(status.ullTotalPhys)
        except Exception:  # noqa: BLE001 - no ctypes, no kernel32: use the fallback
            return None
        return None
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None
    return int(total) if total > 0 else None


def _container_limit() -> int | None:
    """A Linux container's (cgroup's) memory limit in bytes, or None."""
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            with open(path, encoding="ascii") as fh:
                text = fh.read().strip()
        except (OSError, UnicodeDecodeError):
            continue
        if text.isdigit() and 0 < int(text) < 1 << 60:
            return int(text)
    return None


def memory_limit() -> int:
    """The most memory (bytes) one data set or one network may take (see the module docstring)."""
    override = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    if override:
        size = parse_size(override)
        if size is not None:
            return size
    known = [m for m in (_physical_memory(), _container_limit()) if m]
    return min(known) // 2 if known else FALLBACK_LIMIT


def format_bytes(n: float) -> str:
    """``80000000000`` → ``"74.5 GiB"``; ``512`` → ``"512 bytes"``."""
    n = float(n)
    if n < 1024:
        return f"{n:.0f} bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB", "PiB"):
        n /= 1024
        if n < 1024 or unit == "PiB":
            return f"{n:.3g} {unit}" if n < 1000 else f"{n:.0f} {unit}"
    return f"{n:.0f} PiB"  # pragma: no cover


def memory_problem(nbytes: float, what: str, *, more_than: bool = False) -> str | None:
    """``None`` when ``nbytes`` fit the limit; else one line saying that ``what`` would need
    that much memory (``what`` starts the sentence, e.g. ``"this network"``; ``more_than``: at
    least that much, the real amount is not known)."""
    limit = memory_limit()
    if nbytes <= limit and not more_than:
        return None
    if os.environ.get(MEMORY_LIMIT_ENV, "").strip() and parse_size(os.environ[MEMORY_LIMIT_ENV]) is not None:
        source = translate("memory", "{variable} is {limit}").format(variable=MEMORY_LIMIT_ENV, limit=format_bytes(limit))
    else:
        source = translate("memory", "OptStudio uses at most {limit} on this computer; set {variable} to change it").format(
            limit=format_bytes(limit), variable=MEMORY_LIMIT_ENV)
    if more_than:
        amount = translate("memory", "more than {limit}").format(limit=format_bytes(limit))
    else:
        amount = format_bytes(nbytes)
    return translate("memory", "{what} would need {amount} of memory ({source})").format(
        what=what, amount=amount, source=source)
