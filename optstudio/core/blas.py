"""How many threads the BLAS library (OpenBLAS/MKL behind numpy) may use.

The course's networks are small (a few hundred examples, layers of 2 to 64 units). For such
sizes BLAS worker threads cost more than they bring: their start-up and spinning between calls
dominate, and in the window they starve the GUI thread. Measured on a 2-core machine: the
notebook workload 1,300 → 2,000 epochs/s, digits [64, 64, 64, 10] 64 → 7 ms per epoch.
"""

from __future__ import annotations

import os

__all__ = ["limit_blas_threads"]

_DONE = False


def limit_blas_threads(limit: int | None = None) -> None:
    """Limit BLAS to ``limit`` threads (default: cores − 1, at least 1), once per process.

    ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` set by the user win. Purely a speed matter:
    any failure is ignored.
    """
    global _DONE
    if _DONE or os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS"):
        return
    _DONE = True
    try:
        from threadpoolctl import threadpool_limits  # comes with scikit-learn
        threadpool_limits(limits=limit or max(1, (os.cpu_count() or 2) - 1), user_api="blas")
    except Exception:  # noqa: BLE001
        pass
