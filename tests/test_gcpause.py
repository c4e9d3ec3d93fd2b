"""The cyclic collector is paused while large structures are built and left as it was found."""

from __future__ import annotations

import gc

import pytest

from hclrun.gcpause import cyclic_gc_paused, without_cyclic_gc


@pytest.mark.parametrize("enabled_before", [True, False], ids=["enabled", "disabled"])
def test_pause_restores_the_previous_setting(enabled_before: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled_before else gc.disable)()
        with cyclic_gc_paused():
            assert not gc.isenabled()
            with cyclic_gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the outer pause is still on
        assert gc.isenabled() is enabled_before
    finally:
        (gc.enable if was else gc.disable)()


def test_pause_ends_when_the_block_raises() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_decorated_function_runs_paused_and_keeps_its_result() -> None:
    @without_cyclic_gc
    def collector_state(x: int) -> tuple[int, bool]:
        return x + 1, gc.isenabled()

    assert gc.isenabled()
    assert collector_state(1) == (2, False)
    assert gc.isenabled()
