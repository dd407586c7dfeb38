"""Where a sweep's tasks run besides this process: the machine's cores or a Dask cluster.

:meth:`optstudio.core.sweep.Sweep.run` takes an executor: anything with
``submit(fn, *args) -> concurrent.futures.Future``. This module makes the two OptStudio uses:

* :class:`LocalPool` – worker processes on this machine, joblib's process pool (loky, which
  comes with scikit-learn's joblib); a pool whose worker died is replaced on the next submit;
* :class:`DaskCluster` – a Dask ``distributed`` scheduler (``dask scheduler`` on one machine,
  ``dask worker tcp://HOST:8786`` on the others), through the client's ``concurrent.futures``
  executor. Optional: ``pip install "optstudio[cluster]"``.

Every task is checked to run on the same OptStudio version as the machine that sent it (the
worker's plugins must be the same too, see the README). Dask runs the code it is sent: use it on a
trusted lab network only. The command line and the window use the same two classes.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from optstudio.core.i18n import translate

__all__ = ["ClusterError", "LocalPool", "DaskCluster", "checked_task", "default_jobs"]


class ClusterError(RuntimeError):
    """The cluster cannot be used (Dask missing, scheduler unreachable); one line for the user."""


def default_jobs() -> int:
    """Worker processes for a local sweep: one per core."""
    return max(1, os.cpu_count() or 1)


def checked_task(version: str, fn: Callable, *args: Any) -> Any:
    """Run ``fn(*args)`` in a worker after checking that it has OptStudio ``version``."""
    from optstudio import __version__
    if __version__ != version:
        raise RuntimeError(f"the worker has OptStudio {__version__}, the sweep was started with {version}; "
                           f"install the same version on every worker")
    return fn(*args)


def _version() -> str:
    from optstudio import __version__
    return __version__


class LocalPool:
    """``workers`` processes on this machine (joblib's reusable loky pool)."""

    def __init__(self, workers: int | None = None):
        self.workers = max(1, int(workers or default_jobs()))
        self._executor = None

    def _pool(self):
        from joblib.externals.loky import get_reusable_executor
        # the same pool while it works; a new one after a worker died (loky marks it broken)
        self._executor = get_reusable_executor(max_workers=self.workers, timeout=60)
        return self._executor

    def submit(self, fn: Callable, *args: Any):
        return self._pool().submit(checked_task, _version(), fn, *args)

    def close(self, cancel: bool = False) -> None:
        """Shut the pool down; ``cancel``: do not wait for running tasks (their workers are
        stopped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=not cancel, kill_workers=cancel)
            self._executor = None


class DaskCluster:
    """The Dask scheduler at ``address`` (e.g. ``tcp://192.168.1.10:8786``) and its workers."""

    def __init__(self, address: str, *, timeout: float = 10.0):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError(translate("executors", "--scheduler needs Dask's distributed package: pip install \"optstudio[cluster]\"")) from None
        self.address = address
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(translate("executors", "cannot reach the Dask scheduler at {address}: {error}").format(
                address=address, error=_first_line(exc))) from None
        except ValueError as exc:
            raise ClusterError(translate("executors", "{address} is not a Dask scheduler address ({error}); write it like tcp://HOST:8786")
                               .format(address=repr(address), error=_first_line(exc))) from None
        self._executor = self.client.get_executor(pure=False)

    @property
    def workers(self) -> int:
        """Worker threads of the cluster right now (at least 1)."""
        info = self.client.scheduler_info()
        return max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()))

    def submit(self, fn: Callable, *args: Any):
        return self._executor.submit(checked_task, _version(), fn, *args)

    def close(self, cancel: bool = False) -> None:
        try:
            self._executor.shutdown(wait=not cancel)
        finally:
            self.client.close()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
