"""Work done in a forked copy of the process: results come back, failures come back as None."""

from __future__ import annotations

import os
import threading

import pytest

from hclrun.forked import can_fork, forked

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork, a second core and no other thread")


def test_result_comes_back_from_the_copy() -> None:
    parent = os.getpid()
    with forked(lambda: (os.getpid(), [1, 2, {"a": b"x" * 200_000}])) as copy:
        assert copy is not None
        pid, payload = copy.result()  # type: ignore[misc]
    assert pid != parent
    assert payload == [1, 2, {"a": b"x" * 200_000}]


def test_an_exception_in_the_copy_gives_none() -> None:
    def fail() -> int:
        raise ValueError("broken")

    with forked(fail) as copy:
        assert copy is not None
        assert copy.result() is None


def test_a_result_that_cannot_be_pickled_gives_none() -> None:
    with forked(lambda: threading.Lock()) as copy:
        assert copy is not None
        assert copy.result() is None


def test_a_copy_that_dies_gives_none() -> None:
    with forked(lambda: os._exit(3)) as copy:
        assert copy is not None
        assert copy.result() is None


def test_leaving_the_block_stops_an_uncollected_copy() -> None:
    import time

    with forked(lambda: time.sleep(60)) as copy:
        assert copy is not None
        pid = copy._pid
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already: no zombie is left behind


def test_no_copy_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with forked(lambda: 1) as copy:
            assert copy is None
    finally:
        stop.set()
        thread.join()
