"""Pausing Python's cyclic garbage collector while large structures are built.

Parsing, planning, applying and encoding plans allocate many long-lived
objects and almost no reference cycles, so the collector's repeated scans of
the growing heap cost time (up to half of it) and find nothing. Reference
counting still frees everything else at once; the collector runs again as
soon as the outermost pause ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (nested and concurrent blocks share one pause)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def without_cyclic_gc(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """``fn`` run inside :func:`cyclic_gc_paused`."""

    @wraps(fn)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with cyclic_gc_paused():
            return fn(*args, **kwargs)

    return wrapper
