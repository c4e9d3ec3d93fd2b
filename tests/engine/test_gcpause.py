"""The cyclic collector is paused inside walks and left as it was found."""

from __future__ import annotations

import gc

import pytest

from hclrun.engine.gcpause import cyclic_gc_paused


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
