"""Compute threads: never more than the cores a process may use.

newsprism runs its heavy work in worker processes (the spaCy pass, the
per-story comparison), each of which should compute on one thread, while the
parent, when it computes alone, may use every core. :func:`pin_threads` sets
the limit for torch and for the BLAS/OpenMP pools numpy and scipy use, both
for libraries already loaded (through threadpoolctl and ``torch.set_num_threads``)
and for those loaded later (through the environment variables they read at start).
"""

from __future__ import annotations

import os
import sys

__all__ = ["available_cores", "pin_threads"]

_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def available_cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def pin_threads(n: int, *, forked: bool = False) -> None:
    """Limit this process to ``n`` compute threads in torch, BLAS and OpenMP.

    A process ``forked`` from one that may have run torch leaves torch and
    OpenMP alone (touching an OpenMP runtime inherited through fork can stall
    the child) and limits only the BLAS pools and what later loads read.
    """
    n = max(1, n)
    for name in _ENV:
        os.environ[name] = str(n)
    from threadpoolctl import threadpool_limits

    if forked:
        threadpool_limits(n, user_api="blas")
        return
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(n)
    threadpool_limits(n)
