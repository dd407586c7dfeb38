"""Finds, loads and validates OptStudio plugins, and guards the objects they build.

Every optimizer and schedule -- the built-in ones included -- comes in through the same door:
a module with ``@hookimpl`` functions registered with pluggy. Discovery order:

1. the built-ins (:data:`BUILTIN_PLUGINS`);
2. installed distributions' entry points in the group ``optstudio.plugins``;
3. every ``*.py`` in the repository's top-level ``plugins/`` folder (source checkouts only);
4. every ``*.py`` in the per-user plugin folder and in the folders of ``OPTSTUDIO_PLUGIN_PATH``.

The first plugin to provide a name keeps it; later ones are rejected (so built-ins cannot be
shadowed). Anything that goes wrong -- a file that does not import, a hook that raises or
returns rubbish, a descriptor that fails validation, an optimizer that raises at run time --
becomes a :class:`PluginError` in :attr:`PluginManager.errors`; the other plugins keep working.

Environment variables:

``OPTSTUDIO_DISABLE_PLUGINS=1``
    load the built-ins only (``builtins_only=None`` reads it).
``OPTSTUDIO_PLUGIN_PATH``
    extra plugin folders, separated by ``os.pathsep``; missing folders are ignored.
``OPTSTUDIO_NO_ENTRY_POINTS=1``
    do not load installed entry-point plugins (the test suite sets it).
``OPTSTUDIO_CONFIG_DIR``
    moves the per-user folder, see :mod:`optstudio.paths`.
``OPTSTUDIO_PLUGIN_TIMEOUT``
    seconds a plugin may take to import (and to answer a hook while loading), default 10.

Loading a plugin runs its code, which may never return: every drop-in file and entry point is
imported, and its hooks are called, in a helper thread that the manager waits for at most
``OPTSTUDIO_PLUGIN_TIMEOUT`` seconds. A plugin still running then becomes a :class:`PluginError`
("still importing after 10 s", with the line it is stuck on) and the app goes on without it;
Python cannot stop a thread, so the daemon thread keeps running (and using CPU) until the app
exits. What plugin code prints while it loads does not reach stdout (``optstudio plugins
--json`` stays JSON): it is shown on stderr, shortened.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import math
import numbers
import os
import re
import sys
import sysconfig
import threading
import traceback
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pluggy

from optstudio import paths
from optstudio.core.i18n import translate
from optstudio.plugins import hookspecs
from optstudio.core.optim import (Chain, DescriptorError, one_line, OptimizerFailure, OptimizerInfo, ScheduleInfo,
                                  validate_params, with_shared)

__all__ = [
    "BUILTIN_PLUGINS",
    "ENTRY_POINT_GROUP",
    "PluginError",
    "PluginRuntimeError",
    "PluginRecord",
    "PluginManager",
    "GuardedOptimizer",
    "GuardedSchedule",
    "get_plugin_manager",
    "reset_plugin_manager",
]

#: Modules holding the built-in optimizers and schedules, registered like any other plugin.
BUILTIN_PLUGINS = ("optstudio.plugins.builtin_optimizers", "optstudio.plugins.builtin_schedules")

#: Entry-point group an installed distribution declares its plugin module in.
ENTRY_POINT_GROUP = "optstudio.plugins"

ENV_DISABLE = "OPTSTUDIO_DISABLE_PLUGINS"
ENV_PLUGIN_PATH = "OPTSTUDIO_PLUGIN_PATH"
ENV_NO_ENTRY_POINTS = "OPTSTUDIO_NO_ENTRY_POINTS"
ENV_TIMEOUT = "OPTSTUDIO_PLUGIN_TIMEOUT"

#: Seconds a plugin may take to import (or to answer a hook) while the manager loads it.
DEFAULT_TIMEOUT = 10.0
#: Seconds to wait for plugin code that was asked to stop (see :func:`_interrupt`).
STOP_WAIT = 1.0
#: Characters of what a plugin prints while loading that are shown (on stderr).
SHOWN_OUTPUT = 2000

BUILTIN_SOURCE = "built-in"

_HOOKS = (
    # kind, hook name, descriptor class, other hook (for the "wrong hook" hint)
    ("optimizer", "optstudio_optimizers", OptimizerInfo, "optstudio_schedules"),
    ("schedule", "optstudio_schedules", ScheduleInfo, "optstudio_optimizers"),
)
_HOOK_NAMES = tuple(hook for _kind, hook, _cls, _other in _HOOKS)
_KINDS = ("optimizer", "schedule")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class PluginError:
    """One problem with one plugin, ready to show to the user."""

    plugin: str
    file: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.file is None:
            return f"{self.plugin}: {self.message}"
        if self.line is None:
            return f"{self.plugin}: {self.file}: {self.message}"
        return f"{self.plugin}: {self.file}:{self.line}: {self.message}"


class PluginRuntimeError(OptimizerFailure):
    """Raised by a guarded optimizer or schedule; ``error`` is already in ``manager.errors``."""

    def __init__(self, error: PluginError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class PluginRecord:
    """A registered plugin: who it is and where it came from."""

    key: str  # the name it is registered under in pluggy (unique)
    name: str  # what errors call it: module name, file stem or distribution name
    source: str  # "built-in", "<dist> <version> (entry point)" or the absolute file path
    file: str | None  # the plugin's main file, if known
    builtin: bool
    roots: tuple[str, ...] = ()  # files / folders whose frames count as "the plugin's code"


def _reraise_interrupt(exc: BaseException) -> None:
    """Plugin code's failures are recorded, whatever they raise (``SystemExit``, a
    ``BaseException`` subclass of its own…), except the user's Ctrl-C: raised again."""
    if isinstance(exc, KeyboardInterrupt):
        raise exc


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _one_line(exc: BaseException) -> str:
    """``"TypeName: first line of the message"``: how a plugin's own exception is described."""
    return one_line(exc, with_type=True)


def _norm(path: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.realpath(os.fspath(path)))


def _in_roots(filename: str, roots: Sequence[str]) -> bool:
    if not filename or filename.startswith("<"):
        return False
    norm = _norm(filename)
    for root in roots:
        if norm == root or norm.startswith(root.rstrip(os.sep) + os.sep):
            return True
    return False


_STDLIB_DIRS = tuple(
    _norm(p) for p in {sysconfig.get_paths().get("stdlib"), sysconfig.get_paths().get("platstdlib")} if p
)
_THIS_FILE = _norm(__file__)


def _locate(exc: BaseException, roots: Sequence[str], fallback_file: str | None,
            foreign_ok: bool = False) -> tuple[str | None, int | None]:
    """The file and line to blame for ``exc``.

    A syntax error names its own file and line. Otherwise: the deepest traceback frame inside
    ``roots`` (the plugin's file or package); if there is none and ``foreign_ok``, the deepest
    frame outside the standard library and this module; else ``fallback_file`` without a line.
    """
    if isinstance(exc, SyntaxError) and exc.filename:
        return exc.filename, exc.lineno
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    for frame in reversed(frames):
        if _in_roots(frame.filename, roots):
            return frame.filename, frame.lineno
    if foreign_ok:
        for frame in reversed(frames):
            name = frame.filename
            if not name or name.startswith("<"):
                continue
            norm = _norm(name)
            if norm == _THIS_FILE or any(norm.startswith(d + os.sep) for d in _STDLIB_DIRS):
                continue
            return name, frame.lineno
    return fallback_file, None


def _code_location(func: Any) -> tuple[str | None, int | None]:
    """File and first line of a function (or of a method of a class), best effort."""
    func = inspect.unwrap(getattr(func, "__func__", func)) if func is not None else None
    code = getattr(func, "__code__", None)
    if code is None:
        return None, None
    return code.co_filename, code.co_firstlineno


def _short_repr(value: Any, limit: int = 60) -> str:
    try:
        text = repr(value)
    except BaseException as exc:  # noqa: BLE001 - a plugin's __repr__ may be broken too
        _reraise_interrupt(exc)
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- loading plugin code


def load_timeout() -> float:
    """Seconds a plugin may take to load (``OPTSTUDIO_PLUGIN_TIMEOUT``, default 10)."""
    try:
        value = float(os.environ.get(ENV_TIMEOUT, "") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 and math.isfinite(value) else DEFAULT_TIMEOUT


class _StillRunning(Exception):
    """Plugin code did not return within the time limit; ``file``/``line``: where it was."""

    def __init__(self, seconds: float, file: str | None, line: int | None) -> None:
        super().__init__(f"still running after {seconds:g} s")
        self.seconds, self.file, self.line = seconds, file, line


class _Captured:
    """What one thread of plugin code wrote to stdout/stderr: the start, and how much in all."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def add(self, text: str) -> None:
        self.total += len(text)
        if self.kept < SHOWN_OUTPUT:
            part = text[: SHOWN_OUTPUT - self.kept]
            self.parts.append(part)
            self.kept += len(part)


class _Router:
    """Stands in for ``sys.stdout``/``sys.stderr`` while plugin code loads: what a thread
    running plugin code writes is captured (see :class:`_Captured`), every other thread writes
    through to the real stream."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def write(self, text: str) -> int:
        captured = _CAPTURES.get(threading.get_ident())
        if captured is None:
            return self._target.write(text)
        try:
            captured.add(str(text))
        except BaseException:  # noqa: BLE001 - a plugin writing something odd
            pass
        return len(text) if isinstance(text, str) else 0

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if threading.get_ident() not in _CAPTURES and self._target is not None:
            self._target.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target, name)


_CAPTURES: dict[int, _Captured] = {}
_CAPTURE_LOCK = threading.Lock()
_ROUTERS: list[tuple[str, Any, _Router]] = []   # (sys attribute, original stream, router) installed now
# Every router ever installed stays referenced: ``print`` holds a *borrowed* reference to
# sys.stdout while it writes, so a router must never be freed under a thread that prints.
_ALL_ROUTERS: list[_Router] = []
_ROUTING = 0                                     # managers loading plugins right now


def _install_routers() -> None:
    """Route stdout/stderr through :class:`_Router` (called by the loading thread, never by a
    plugin's thread: replacing sys.stdout while another thread prints can crash CPython)."""
    global _ROUTING
    with _CAPTURE_LOCK:
        _ROUTING += 1
        if _ROUTERS:
            return
        for name in ("stdout", "stderr"):
            original = getattr(sys, name)
            if original is not None and not isinstance(original, _Router):
                router = _Router(original)
                _ALL_ROUTERS.append(router)
                setattr(sys, name, router)
                _ROUTERS.append((name, original, router))


def _remove_routers() -> None:
    """Put the real streams back, unless plugin code that ran out of time may still print
    (then the routers stay, and keep its output away from stdout)."""
    global _ROUTING
    with _CAPTURE_LOCK:
        _ROUTING -= 1
        if _CAPTURES or _ROUTING > 0:      # plugin code still running, or another manager loading
            return
        for name, original, router in _ROUTERS:
            if getattr(sys, name) is router:
                setattr(sys, name, original)
        _ROUTERS.clear()


def _capture_start() -> _Captured:
    """Capture what the current thread writes to stdout/stderr (while the routers are in)."""
    with _CAPTURE_LOCK:
        captured = _CAPTURES[threading.get_ident()] = _Captured()
        return captured


def _capture_end() -> None:
    """Stop capturing the current thread."""
    with _CAPTURE_LOCK:
        _CAPTURES.pop(threading.get_ident(), None)


def _real_stderr() -> Any:
    for name, original, _router in _ROUTERS:
        if name == "stderr":
            return original
    return sys.stderr


def _run_plugin_code(func: Any, label: str, roots: Sequence[str], fallback: str | None,
                     timeout: float) -> Any:
    """``func()`` (plugin code) in a daemon thread, waited for at most ``timeout`` seconds.

    Returns its result or raises what it raised (a ``KeyboardInterrupt`` raised by the plugin
    itself comes back as a RuntimeError: only the user's Ctrl-C, in this thread, interrupts).
    Raises :class:`_StillRunning` when it is still running. What it prints is shown on stderr,
    shortened, never on stdout."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def target() -> None:
        captured = _capture_start()
        try:
            outcome["value"] = func()
        except KeyboardInterrupt as exc:
            error = RuntimeError("raised KeyboardInterrupt")
            outcome["error"] = error.with_traceback(exc.__traceback__)
        except BaseException as exc:  # noqa: BLE001 - whatever the plugin raises is recorded
            outcome["error"] = exc
        finally:
            outcome["captured"] = captured
            _capture_end()
            done.set()

    thread = threading.Thread(target=target, name=f"optstudio-plugin-load:{label}", daemon=True)
    thread.start()
    finished = done.wait(timeout)
    if not finished:
        file, line = _stuck_at(thread, roots, fallback)
        _interrupt(thread)
        done.wait(STOP_WAIT)               # a stopped thread finishes before the app goes on
        raise _StillRunning(timeout, file, line)
    _show_output(label, outcome.get("captured"))
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


class PluginTimeout(BaseException):
    """Raised inside plugin code that ran past its time limit while loading, to stop it."""


def _interrupt(thread: threading.Thread) -> None:
    """Ask ``thread`` to stop by raising :class:`PluginTimeout` in it (CPython's
    ``PyThreadState_SetAsyncExc``): a loop of Python code stops at its next instruction, so its
    thread does not keep using the CPU; code blocked in C (a ``sleep``) is not reached until it
    returns, and its daemon thread then ends with the app."""
    try:
        import ctypes

        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(PluginTimeout))
    except Exception:  # noqa: BLE001 - not CPython, no ctypes: the thread runs on, as a daemon
        pass


def _stuck_at(thread: threading.Thread, roots: Sequence[str], fallback: str | None) -> tuple[str | None, int | None]:
    """The plugin file and line ``thread`` is running now (its deepest frame in ``roots``)."""
    frames = getattr(sys, "_current_frames", lambda: {})()
    frame = frames.get(thread.ident)
    stack = []
    while frame is not None:
        stack.append((frame.f_code.co_filename, frame.f_lineno))
        frame = frame.f_back
    for filename, line in stack:           # innermost first
        if _in_roots(filename, roots):
            return filename, line
    return fallback, None


def _slow_message(doing: str, slow: _StillRunning) -> str:
    """``doing`` is ``"importing"`` or ``"running"``."""
    if doing == "importing":
        text = translate("PluginManager", "still importing after {seconds} s (an endless loop, or waiting for "
                                          "something?); OptStudio goes on without it (set {variable} to wait longer)")
    else:
        text = translate("PluginManager", "still running after {seconds} s (an endless loop, or waiting for "
                                          "something?); OptStudio goes on without it (set {variable} to wait longer)")
    return text.format(seconds=f"{slow.seconds:g}", variable=ENV_TIMEOUT)


def _show_output(label: str, captured: _Captured | None) -> None:
    """What plugin code printed while loading, on the real stderr, shortened."""
    if captured is None or not captured.total:
        return
    text = "".join(captured.parts)
    more = captured.total - captured.kept
    note = f"\n… ({more} more characters printed by plugin {label!r} not shown)" if more else ""
    stream = _real_stderr()
    try:
        stream.write(text if text.endswith("\n") or not text else text + "\n")
        if note:
            stream.write(note.lstrip("\n") + "\n")
        stream.flush()
    except (OSError, ValueError, AttributeError):
        pass


# --------------------------------------------------------------------------- guards

_MISSING = object()


class _Guard:
    """Common part of the two guards: error recording and attribute forwarding."""

    _kind = "plugin"

    def __init__(self, inner: Any, name: str, info: Any, record: PluginRecord,
                 manager: "PluginManager") -> None:
        self.inner = inner
        self.name = name
        self.info = info
        self.record = record
        self._manager = manager

    def __getattr__(self, attr: str) -> Any:
        # Only called for attributes the guard itself does not have.
        if attr.startswith("__"):
            raise AttributeError(attr)
        inner = self.__dict__.get("inner", _MISSING)
        if inner is _MISSING:
            raise AttributeError(attr)
        return getattr(inner, attr)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} of {self.record.source}>"

    def _plugin_object(self) -> Any:
        """The object the plugin's factory built (inside the shared pieces' :class:`Chain`)."""
        obj = self.inner
        while isinstance(obj, Chain):
            obj = obj.inner
        return obj

    def _roots(self) -> tuple[str, ...]:
        roots = list(self.record.roots)
        plugin_type = type(self._plugin_object())
        try:
            class_file = inspect.getsourcefile(plugin_type) or inspect.getfile(plugin_type)
        except (TypeError, OSError):
            class_file = None
        # A class defined in a helper module next to the plugin file counts as the plugin's code.
        if (class_file and self.record.file and _norm(class_file) not in roots
                and os.path.dirname(_norm(class_file)) == os.path.dirname(_norm(self.record.file))):
            roots.append(_norm(class_file))
        return tuple(roots)

    def _record(self, message: str, file: str | None, line: int | None) -> PluginRuntimeError:
        error = PluginError(self.record.name, file if file is not None else self.record.file, line,
                            message)
        self._manager.record_error(error)
        return PluginRuntimeError(error)

    def _fail(self, where: str, exc: BaseException) -> PluginRuntimeError:
        file, line = _locate(exc, self._roots(), self.record.file)
        if self._kind == "optimizer":
            text = translate("PluginManager", "optimizer {name} raised in {where}: {error}")
        else:
            text = translate("PluginManager", "schedule {name} raised in {where}: {error}")
        return self._record(text.format(name=repr(self.name), where=where, error=_one_line(exc)), file, line)

    def _method_location(self, method: str) -> tuple[str | None, int | None]:
        file, line = _code_location(getattr(type(self._plugin_object()), method, None))
        if file is None or not _in_roots(file, self._roots()):
            return self.record.file, None
        return file, line


class GuardedOptimizer(_Guard):
    """Wraps every optimizer the manager builds.

    ``inner`` is the plugin's optimizer, or the :class:`~optstudio.core.optim.Chain` of the shared
    pieces around it when one of them is on; errors are blamed on the plugin's code either way.

    * Exceptions from ``init``/``update``/``state``/``effective_step`` become a recorded
      :class:`PluginError` plus a :class:`PluginRuntimeError`.
    * ``update`` gets a shallow copy of the params dict: an entry rebound to an array of the same
      shape is copied back into the original array; a different shape is an error.
    * For plugins (not built-ins) parameters that turn NaN/inf although parameters and gradients
      were finite are an error. Checked with one ``sum()`` per array, so it stays cheap.
    """

    _kind = "optimizer"

    def __init__(self, inner: Any, name: str, info: OptimizerInfo, record: PluginRecord,
                 manager: "PluginManager") -> None:
        super().__init__(inner, name, info, record, manager)
        self._check_finite = not record.builtin
        self._last_finite: bool | None = None  # were the params finite after the last call?

    @property
    def state_names(self) -> tuple[tuple[str, str], ...]:
        return tuple(getattr(self.inner, "state_names", ()) or ())

    def init(self, params: Mapping[str, np.ndarray]) -> None:
        try:
            self.inner.init(dict(params))
        except BaseException as exc:
            _reraise_interrupt(exc)
            raise self._fail("init", exc) from exc
        self._last_finite = _all_finite(params) if self._check_finite else None

    def update(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray], t: int,
               learning_rate: float) -> None:
        check = self._check_finite
        if check and self._last_finite is None:
            self._last_finite = _all_finite(params)
        view = dict(params)
        try:
            self.inner.update(view, grads, t, learning_rate)
        except BaseException as exc:
            _reraise_interrupt(exc)
            raise self._fail(translate("PluginManager", "update at step {step}").format(step=t), exc) from exc
        for key, original in params.items():
            if view.get(key, _MISSING) is not original:
                self._restore(key, original, view.get(key, _MISSING), t)
        if check:
            try:
                for p in params.values():
                    if not math.isfinite(float(p.sum())):
                        self._non_finite(params, grads, t)
                        return
            except (TypeError, ValueError, AttributeError):
                return  # not arrays of numbers: nothing sensible to check
            self._last_finite = True

    def _restore(self, key: str, original: np.ndarray, new: Any, t: int) -> None:
        file, line = self._method_location("update")
        if new is _MISSING:
            raise self._record(translate("PluginManager", "optimizer {name} removed {key} from params in update at "
                                                          "step {step}; update must change the arrays in place")
                               .format(name=repr(self.name), key=repr(key), step=t), file, line)
        try:
            array = np.asarray(new)
        except BaseException as exc:  # noqa: BLE001
            _reraise_interrupt(exc)
            array = None
        shape = getattr(original, "shape", None)
        if array is None or array.shape != shape:
            if array is not None:
                text = translate("PluginManager", "optimizer {name} returned an array of shape {got} for {key}, "
                                                  "expected {shape} (update at step {step}; change params in place)")
                got = str(array.shape)
            else:
                text = translate("PluginManager", "optimizer {name} returned {got} for {key}, expected {shape} "
                                                  "(update at step {step}; change params in place)")
                got = _short_repr(new)
            raise self._record(text.format(name=repr(self.name), got=got, key=repr(key), shape=shape, step=t),
                               file, line)
        try:
            np.copyto(original, array, casting="unsafe")
        except BaseException as exc:  # noqa: BLE001 - e.g. a read-only array
            _reraise_interrupt(exc)
            raise self._record(translate("PluginManager", "optimizer {name} rebound {key} in update at step {step} "
                                                          "and it could not be copied back: {error}")
                               .format(name=repr(self.name), key=repr(key), step=t, error=_one_line(exc)),
                               file, line) from exc

    def _non_finite(self, params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray],
                    t: int) -> None:
        bad = [key for key, p in params.items() if not np.all(np.isfinite(p))]
        if not bad:  # the sum overflowed, the values are fine
            self._last_finite = True
            return
        was_finite, self._last_finite = self._last_finite, False
        try:
            grads_finite = all(bool(np.all(np.isfinite(g))) for g in grads.values())
        except (TypeError, ValueError):
            grads_finite = False
        if not (was_finite and grads_finite):
            return  # garbage in, garbage out: not the optimizer's fault
        what = "NaN" if any(np.isnan(params[key]).any() for key in bad) else "inf"
        file, line = self._method_location("update")
        raise self._record(
            translate("PluginManager", "optimizer {name} produced {what} at step {step} in {key} although "
                                       "parameters and gradients were finite (a bug, or a learning rate far too high)")
            .format(name=repr(self.name), what=what, step=t, key=repr(bad[0])), file, line)

    def state(self) -> dict[str, dict[str, np.ndarray]]:
        method = getattr(self.inner, "state", None)
        if method is None:
            return {}
        try:
            return method()
        except BaseException as exc:
            _reraise_interrupt(exc)
            raise self._fail("state", exc) from exc

    def effective_step(self, learning_rate: float) -> dict[str, np.ndarray] | None:
        method = getattr(self.inner, "effective_step", None)
        if method is None:
            return None
        try:
            return method(learning_rate)
        except BaseException as exc:
            _reraise_interrupt(exc)
            raise self._fail("effective_step", exc) from exc


def _all_finite(params: Mapping[str, Any]) -> bool:
    try:
        return all(bool(np.all(np.isfinite(p))) for p in params.values())
    except (TypeError, ValueError):
        return False


class GuardedSchedule(_Guard):
    """Wraps every schedule: exceptions and rates that are not finite positive numbers are errors."""

    _kind = "schedule"

    @property
    def per(self) -> str:
        return self.info.per

    def rate(self, initial_rate: float, epoch: int, step: int, costs: Sequence[float]) -> float:
        try:
            value = self.inner.rate(initial_rate, epoch, step, costs)
        except BaseException as exc:
            _reraise_interrupt(exc)
            raise self._fail(self._at(epoch, step, translate("PluginManager", "rate at epoch {epoch}"),
                                      translate("PluginManager", "rate at epoch {epoch}, step {step}")), exc) from exc
        if type(value) is float and 0.0 < value < math.inf:
            return value
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            number = float(value)
            if 0.0 < number < math.inf:
                return number
            if not (isinstance(initial_rate, numbers.Real) and 0.0 < initial_rate < math.inf):
                return number  # garbage in (the caller's initial rate), garbage out
            shown = f"{number:g}"
        else:
            shown = _short_repr(value)
        file, line = self._method_location("rate")
        text = self._at(epoch, step,
                        translate("PluginManager", "schedule {name} returned {value} at epoch {epoch}; a rate must "
                                                   "be a finite number > 0"),
                        translate("PluginManager", "schedule {name} returned {value} at epoch {epoch}, step {step}; "
                                                   "a rate must be a finite number > 0"))
        raise self._record(text.replace("{name}", repr(self.name)).replace("{value}", shown), file, line)

    def _at(self, epoch: int, step: int, per_epoch: str, per_step: str) -> str:
        """``per_epoch`` or (a schedule computed per step) ``per_step``, with ``{epoch}`` and
        ``{step}`` filled in (other placeholders kept)."""
        text = per_step if getattr(self.info, "per", "epoch") == "step" else per_epoch
        return text.replace("{epoch}", str(epoch)).replace("{step}", str(step))


# --------------------------------------------------------------------------- manager


class PluginManager:
    """Loads all plugins once; see the module docstring for the rules."""

    def __init__(self, *, load_entry_points: bool = True,
                 plugin_dirs: Iterable[str | os.PathLike[str]] | None = None,
                 builtins_only: bool | None = None) -> None:
        if builtins_only is None:
            builtins_only = _truthy(os.environ.get(ENV_DISABLE))
        if _truthy(os.environ.get(ENV_NO_ENTRY_POINTS)):
            load_entry_points = False
        self.builtins_only = bool(builtins_only)
        self.optimizers: dict[str, OptimizerInfo] = {}
        self.schedules: dict[str, ScheduleInfo] = {}
        self.errors: list[PluginError] = []
        self.plugins: list[PluginRecord] = []  # registered plugins in discovery order
        self.plugin_dirs: list[Path] = []  # folders that were scanned
        # every folder looked at, in order, and whether it existed: the repository's plugins/ (a
        # source checkout only), the user plugin folder, OPTSTUDIO_PLUGIN_PATH's folders
        self.searched_folders: list[tuple[Path, bool]] = []
        self._origins: dict[str, dict[str, PluginRecord]] = {kind: {} for kind in _KINDS}
        self._lock = threading.Lock()
        self._timeout = load_timeout()
        self._pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._pm.add_hookspecs(hookspecs)

        for module_name in BUILTIN_PLUGINS:
            self._load_builtin(module_name)
        _install_routers()                 # what plugin code prints goes to stderr, shortened
        try:
            if not self.builtins_only:
                if load_entry_points:
                    self._load_entry_points()
                for folder in self._folders(plugin_dirs):
                    self._load_folder(folder)
            for record in self.plugins:
                self._collect(record)
        finally:
            _remove_routers()

    # ------------------------------------------------------------------ public API

    @property
    def pluggy_manager(self) -> pluggy.PluginManager:
        return self._pm

    def record_error(self, error: PluginError) -> None:
        """Add ``error`` to :attr:`errors` (once: an identical error is not added again)."""
        with self._lock:
            if error not in self.errors:
                self.errors.append(error)

    def origin(self, kind: str, name: str) -> PluginRecord:
        table = self._table(kind)
        if name not in table:
            self._unknown(kind, name)
        return self._origins[kind][name]

    def source(self, kind: str, name: str) -> str:
        """``"built-in"``, ``"<dist> <version> (entry point)"`` or the plugin's absolute path."""
        return self.origin(kind, name).source

    def is_builtin(self, kind: str, name: str) -> bool:
        return self.origin(kind, name).builtin

    def optimizer_info(self, name: str) -> OptimizerInfo:
        if name not in self.optimizers:
            self._unknown("optimizer", name)
        return self.optimizers[name]

    def schedule_info(self, name: str) -> ScheduleInfo:
        if name not in self.schedules:
            self._unknown("schedule", name)
        return self.schedules[name]

    def create_optimizer(self, name: str, params: Mapping[str, Any] | None = None) -> GuardedOptimizer:
        """Validate ``params`` (``ValueError`` on bad or unknown ones) and build a guarded optimizer.

        ``params`` may hold any of ``info.all_params``: the shared ones (weight decay, clipping,
        see :data:`optstudio.core.optim.SHARED_PARAMS`) are split off, the plugin's factory gets
        the rest, and the result is composed with the shared pieces that are not 0
        (:func:`~optstudio.core.optim.with_shared`; no wrapper when all are 0).
        """
        info = self.optimizer_info(name)
        own, shared = info.split(info.validate(dict(params or {})))
        inner = self._build("optimizer", name, info, own, "update")
        return GuardedOptimizer(with_shared(inner, **shared), name, info,
                                self._origins["optimizer"][name], self)

    def create_schedule(self, name: str, params: Mapping[str, Any] | None = None) -> GuardedSchedule:
        info = self.schedule_info(name)
        values = validate_params(info.params, dict(params or {}),
                                 translate("PluginManager", "schedule {name}").format(name=repr(name)))
        inner = self._build("schedule", name, info, values, "rate")
        return GuardedSchedule(inner, name, info, self._origins["schedule"][name], self)

    # ------------------------------------------------------------------ helpers

    def _table(self, kind: str) -> dict[str, Any]:
        if kind == "optimizer":
            return self.optimizers
        if kind == "schedule":
            return self.schedules
        raise ValueError(f"kind must be 'optimizer' or 'schedule', got {kind!r}")

    def _unknown(self, kind: str, name: str) -> None:
        available = ", ".join(self._table(kind)) or translate("PluginManager", "none")
        text = (translate("PluginManager", "unknown optimizer {name} (available: {names})") if kind == "optimizer"
                else translate("PluginManager", "unknown schedule {name} (available: {names})"))
        raise ValueError(text.format(name=repr(name), names=available))

    def _build(self, kind: str, name: str, info: Any, values: Mapping[str, Any], method: str) -> Any:
        """Call the plugin's factory with validated ``values``; its errors become plugin errors."""
        record = self._origins[kind][name]
        try:
            obj = info.factory(**values)
        except ValueError as exc:
            # The factory's way to reject a combination of values: the user's problem.
            message = _one_line(exc)
            if type(exc) is ValueError and message.startswith("ValueError: "):
                message = message[len("ValueError: "):]
            if not message.startswith(f"{kind} {name!r}"):
                message = f"{kind} {name!r}: {message}"
            raise ValueError(message) from None
        except BaseException as exc:
            _reraise_interrupt(exc)
            file, line = _locate(exc, record.roots, record.file)
            if kind == "optimizer":
                text = translate("PluginManager", "optimizer {name} could not be created: {error}")
            else:
                text = translate("PluginManager", "schedule {name} could not be created: {error}")
            error = PluginError(record.name, file, line, text.format(name=repr(name), error=_one_line(exc)))
            self.record_error(error)
            raise PluginRuntimeError(error) from exc
        if not callable(getattr(obj, method, None)):
            file, line = _code_location(info.factory)
            if kind == "optimizer":
                text = translate("PluginManager", "optimizer {name}: factory returned {value}, which has no "
                                                  "{method}() method")
            else:
                text = translate("PluginManager", "schedule {name}: factory returned {value}, which has no "
                                                  "{method}() method")
            error = PluginError(record.name, file or record.file, line,
                                text.format(name=repr(name), value=_short_repr(obj), method=method))
            self.record_error(error)
            raise PluginRuntimeError(error)
        return obj

    # ------------------------------------------------------------------ discovery

    def _folders(self, plugin_dirs: Iterable[str | os.PathLike[str]] | None) -> list[Path]:
        if plugin_dirs is None:
            candidates: list[Path | None] = [paths.repo_plugin_dir(), paths.user_plugin_dir()]
            for entry in os.environ.get(ENV_PLUGIN_PATH, "").split(os.pathsep):
                if entry.strip():
                    candidates.append(Path(entry.strip()).expanduser())
        else:
            candidates = [Path(p).expanduser() for p in plugin_dirs]
        folders, seen = [], set()
        self.searched_folders = [(folder, folder.is_dir()) for folder in candidates if folder is not None]
        for folder in candidates:
            if folder is None or not folder.is_dir():
                continue
            folder = folder.resolve()
            if folder not in seen:
                seen.add(folder)
                folders.append(folder)
        self.plugin_dirs = folders
        return folders

    def _load_builtin(self, module_name: str) -> None:
        try:
            module = importlib.import_module(module_name)
        except BaseException as exc:
            _reraise_interrupt(exc)
            spec_file = _module_origin(module_name)
            roots = (_norm(spec_file),) if spec_file else ()
            file, line = _locate(exc, roots, spec_file, foreign_ok=True)
            self.record_error(PluginError(module_name, file, line,
                                          translate("PluginManager", "built-in plugin failed to import: {error}")
                                          .format(error=_one_line(exc))))
            return
        file = getattr(module, "__file__", None)
        record = PluginRecord(module_name, module_name, BUILTIN_SOURCE, file, True,
                              (_norm(file),) if file else ())
        self._register(module, record)

    def _load_entry_points(self) -> None:
        try:
            eps = list(entry_points(group=ENTRY_POINT_GROUP))
        except BaseException as exc:  # noqa: BLE001 - broken metadata on the machine
            _reraise_interrupt(exc)
            self.record_error(PluginError("entry points", None, None,
                                          translate("PluginManager", "could not list installed plugins: {error}")
                                          .format(error=_one_line(exc))))
            return
        for ep in eps:
            dist_name, version = _dist_info(ep)
            module_name = (getattr(ep, "value", "") or "").split(":", 1)[0].strip()
            label = dist_name or module_name or getattr(ep, "name", "?")
            source = f"{label} {version} (entry point)" if version else f"{label} (entry point)"
            try:
                obj = _run_plugin_code(ep.load, label, _package_roots(module_name), None, self._timeout)
            except _StillRunning as slow:
                self.record_error(PluginError(label, slow.file, slow.line,
                                              translate("PluginManager", "entry point {name}: {problem}")
                                              .format(name=repr(getattr(ep, 'name', '?')),
                                                      problem=_slow_message('importing', slow))))
                continue
            except BaseException as exc:
                _reraise_interrupt(exc)
                roots = _package_roots(module_name)
                fallback = next(iter(roots), None)
                file, line = _locate(exc, roots, fallback, foreign_ok=True)
                self.record_error(PluginError(label, file, line,
                                              translate("PluginManager",
                                                        "entry point {name} ({value}) failed to load: {error}")
                                              .format(name=repr(getattr(ep, 'name', '?')),
                                                      value=getattr(ep, 'value', '?'), error=_one_line(exc))))
                continue
            module = inspect.getmodule(obj)
            file = getattr(module, "__file__", None) if module is not None else None
            roots = _package_roots(module_name) or ((_norm(file),) if file else ())
            key = f"{ENTRY_POINT_GROUP}:{label}:{getattr(ep, 'name', '?')}"
            self._register(obj, PluginRecord(key, label, source, file, False, roots))

    def _load_folder(self, folder: Path) -> None:
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_") or not path.is_file():
                continue
            self._load_file(path.resolve())

    def _load_file(self, path: Path) -> None:
        file = str(path)
        if any(record.file == file for record in self.plugins):
            return  # the same file reached through two folders
        stem = re.sub(r"\W", "_", path.stem)
        digest = hashlib.sha1(file.encode("utf-8")).hexdigest()[:8]
        module_name = f"optstudio_plugin_{stem}_{digest}"
        record = PluginRecord(module_name, path.stem, file, file, False, (_norm(file),))

        original_path = sys.path
        saved_path = list(sys.path)
        sys.path.insert(0, str(path.parent))  # so `import _helpers` next to the file works
        def load() -> Any:
            spec = importlib.util.spec_from_file_location(module_name, file)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot import {file}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            spec.loader.exec_module(module)
            return module

        try:
            module = _run_plugin_code(load, record.name, record.roots, file, self._timeout)
        except _StillRunning as slow:
            sys.modules.pop(module_name, None)
            self.record_error(PluginError(record.name, slow.file, slow.line, _slow_message("importing", slow)))
            return
        except BaseException as exc:
            _reraise_interrupt(exc)
            sys.modules.pop(module_name, None)
            err_file, line = _locate(exc, record.roots, file)
            self.record_error(PluginError(record.name, err_file, line, _one_line(exc)))
            return
        finally:
            sys.path = original_path
            sys.path[:] = saved_path
        if not self._register(module, record):
            sys.modules.pop(module_name, None)

    def _register(self, plugin: Any, record: PluginRecord) -> bool:
        try:
            self._pm.register(plugin, name=record.key)
        except BaseException as exc:
            _reraise_interrupt(exc)
            # pluggy's validation errors span several lines: join them, use the plugin's name.
            text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
            text = text.replace(repr(record.key), repr(record.name))
            self.record_error(PluginError(record.name, record.file, None,
                                          translate("PluginManager", "could not be registered: {error}")
                                          .format(error=f"{type(exc).__name__}: {text}")))
            return False
        callers = self._pm.get_hookcallers(plugin) or []
        for caller in callers:
            if caller.name in _HOOK_NAMES:
                continue
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin:
                    file, line = _code_location(impl.function)
                    self.record_error(PluginError(
                        record.name, file or record.file, line,
                        translate("PluginManager", "unknown hook {hook} (OptStudio hooks: {hooks})")
                        .format(hook=repr(caller.name), hooks=", ".join(_HOOK_NAMES))))
        if not callers:
            if any(callable(getattr(plugin, hook, None)) for hook in _HOOK_NAMES):
                message = translate("PluginManager", "defines no @hookimpl functions (did you forget @hookimpl "
                                                     "above the hook function?)")
            else:
                message = translate("PluginManager", "defines no @hookimpl functions")
            self.record_error(PluginError(record.name, record.file, None, message))
        self.plugins.append(record)
        return True

    def _collect(self, record: PluginRecord) -> None:
        for kind, hook_name, cls, other_hook in _HOOKS:
            caller = getattr(self._pm.hook, hook_name)
            for impl in caller.get_hookimpls():
                if impl.plugin_name == record.key:
                    self._call_hook(record, kind, hook_name, cls, other_hook, impl)

    def _call_hook(self, record: PluginRecord, kind: str, hook_name: str, cls: type,
                   other_hook: str, impl: Any) -> None:
        hook_file, hook_line = _code_location(impl.function)
        hook_file = hook_file or record.file

        def error(message: str, file: str | None = hook_file, line: int | None = hook_line) -> None:
            self.record_error(PluginError(record.name, file, line, message))

        if impl.hookwrapper or impl.wrapper:
            error(translate("PluginManager", "{hook}: hook wrappers are not supported").format(hook=hook_name))
            return
        try:
            result = _run_plugin_code(impl.function, record.name, record.roots, hook_file, self._timeout)
        except _StillRunning as slow:
            error(f"{hook_name}: {_slow_message('running', slow)}", slow.file or hook_file, slow.line)
            return
        except DescriptorError as exc:
            file, line = _locate(exc, record.roots, hook_file)
            error(translate("PluginManager", "invalid descriptor in {hook}: {error}").format(hook=hook_name, error=exc),
                  file, line)
            return
        except BaseException as exc:
            _reraise_interrupt(exc)
            file, line = _locate(exc, record.roots, hook_file)
            error(translate("PluginManager", "{hook} raised {error}").format(hook=hook_name, error=_one_line(exc)),
                  file, line)
            return
        if not isinstance(result, (list, tuple)):
            error(translate("PluginManager", "{hook} returned {value}; it must return a list of {type}")
                  .format(hook=hook_name, value=_short_repr(result), type=cls.__name__))
            return
        table = self._table(kind)
        origins = self._origins[kind]
        for item in result:
            if not isinstance(item, cls):
                if isinstance(item, (OptimizerInfo, ScheduleInfo)):
                    error(translate("PluginManager", "{hook} returned {value}, not an {type} ({other_type} belongs "
                                                     "in {other_hook}); ignored")
                          .format(hook=hook_name, value=_short_repr(item), type=cls.__name__,
                                  other_type=type(item).__name__, other_hook=other_hook))
                else:
                    error(translate("PluginManager", "{hook} returned {value}, not an {type}; ignored")
                          .format(hook=hook_name, value=_short_repr(item), type=cls.__name__))
                continue
            if item.name in table:
                if kind == "optimizer":
                    text = translate("PluginManager", "optimizer {name} from {source} rejected: the name is already "
                                                      "provided by {other}")
                else:
                    text = translate("PluginManager", "schedule {name} from {source} rejected: the name is already "
                                                      "provided by {other}")
                error(text.format(name=repr(item.name), source=record.source, other=origins[item.name].source))
                continue
            table[item.name] = item
            origins[item.name] = record


def _dist_info(ep: Any) -> tuple[str | None, str | None]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return None, None
    name = getattr(dist, "name", None)
    if not name:
        try:
            name = dist.metadata["Name"]
        except BaseException as exc:  # noqa: BLE001
            _reraise_interrupt(exc)
            name = None
    version = getattr(dist, "version", None)
    return name, version


def _module_origin(module_name: str) -> str | None:
    """The file a module would be imported from, without importing it (best effort)."""
    try:
        parent = module_name.rpartition(".")[0]
        if parent and parent not in sys.modules:
            return None
        spec = importlib.util.find_spec(module_name)
    except BaseException as exc:
        _reraise_interrupt(exc)
        return None
    if spec is None or not spec.origin or spec.origin in ("built-in", "frozen", "namespace"):
        return None
    return spec.origin


def _package_roots(module_name: str) -> tuple[str, ...]:
    """The folder of the top-level package of ``module_name`` (or its single file)."""
    if not module_name:
        return ()
    top = module_name.split(".")[0]
    module = sys.modules.get(top)
    locations: list[str] = []
    if module is not None:
        locations = list(getattr(module, "__path__", []) or [])
        if not locations and getattr(module, "__file__", None):
            locations = [module.__file__]
    else:
        try:
            spec = importlib.util.find_spec(top)
        except BaseException as exc:
            _reraise_interrupt(exc)
            spec = None
        if spec is not None:
            locations = list(spec.submodule_search_locations or [])
            if not locations and spec.origin and spec.origin not in ("built-in", "frozen"):
                locations = [spec.origin]
    return tuple(_norm(p) for p in locations)


# --------------------------------------------------------------------------- default instance

_default_manager: PluginManager | None = None
_default_lock = threading.Lock()


def get_plugin_manager(refresh: bool = False) -> PluginManager:
    """The process-wide manager, built on first use (or again with ``refresh=True``)."""
    global _default_manager
    with _default_lock:
        if _default_manager is None or refresh:
            _default_manager = PluginManager()
        return _default_manager


def reset_plugin_manager() -> None:
    """Forget the cached default manager (the next :func:`get_plugin_manager` builds a new one)."""
    global _default_manager
    with _default_lock:
        _default_manager = None
