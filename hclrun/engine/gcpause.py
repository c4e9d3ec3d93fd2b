"""Pausing Python's cyclic garbage collector for the length of a walk.

A walk allocates many long-lived objects (values, changes, state objects)
and almost no reference cycles, so the collector's repeated scans of the
growing heap cost time and find nothing. Reference counting still frees
everything else at once; the collector runs again as soon as the walk ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
