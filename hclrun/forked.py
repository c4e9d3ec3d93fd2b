"""Running a share of the work in a forked copy of this process, on machines with a second core.

The copy is made with ``fork``, so nothing is imported or loaded again: it
runs one function, sends back the pickled result through a pipe and leaves
with ``os._exit`` (no clean-up of the parent's runs twice, no buffered output
is written twice). Whatever goes wrong in the copy (an exception, a result
that cannot be pickled, a signal) makes :meth:`Forked.result` return None, and
the caller then does that share of the work itself: a second process only
ever makes a command faster, never different.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a forked copy can help: a second core, ``fork`` itself, and no other thread
    (a copy of a process with threads can deadlock on a lock one of them held)."""
    return hasattr(os, "fork") and usable_cpus() >= 2 and threading.active_count() == 1


class Forked(Generic[T]):
    """A forked copy of this process computing one result."""

    def __init__(self, pid: int, reader: int) -> None:
        self._pid = pid
        self._reader = reader
        self._done = False

    def result(self) -> T | None:
        """The copy's result, waiting for it; None if it failed."""
        if self._done:
            return None
        chunks = []
        try:
            while chunk := os.read(self._reader, 1 << 20):
                chunks.append(chunk)
        finally:
            self._finish()
        if self._status != 0 or not chunks:
            return None
        try:
            return pickle.loads(b"".join(chunks))  # type: ignore[no-any-return]
        except Exception:  # a truncated or unreadable result: do the work here instead
            return None

    def cancel(self) -> None:
        """Stop the copy (if still running) and forget its result."""
        if self._done:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._finish()

    def _finish(self) -> None:
        self._done = True
        os.close(self._reader)
        _, status = os.waitpid(self._pid, 0)
        self._status = status


def _run_in_copy(work: Callable[[], object], writer: int) -> None:
    code = 1
    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as out:
            out.write(data)
        code = 0
    except BaseException:  # whatever it was, the parent does this share itself
        pass
    finally:
        os._exit(code)


def fork_call(work: Callable[[], T]) -> Forked[T] | None:
    """``work`` started in a forked copy, or None when no copy can help. The caller
    must collect the result or cancel the copy."""
    if not can_fork():
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    reader, writer = os.pipe()
    # The copy's cycle collector leaves what exists now alone: scanning it would copy
    # every page the two processes still share.
    gc.freeze()
    try:
        pid = os.fork()
    except OSError:
        gc.unfreeze()
        os.close(reader)
        os.close(writer)
        return None
    if pid == 0:
        os.close(reader)
        _run_in_copy(work, writer)
    gc.unfreeze()
    os.close(writer)
    return Forked(pid, reader)


@contextmanager
def forked(work: Callable[[], T]) -> Iterator[Forked[T] | None]:
    """``work`` started in a forked copy (None when no copy can help); stopped on leaving
    the block if its result was not collected, so an interrupt never leaves it behind."""
    child = fork_call(work)
    try:
        yield child
    finally:
        if child is not None:
            child.cancel()
