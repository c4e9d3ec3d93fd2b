"""The human progress view's lines around an apply: the start and completion
lines, and the "Still ..." lines written every interval while a change runs
(one timer serves all running changes)."""

from __future__ import annotations

import io
import time

import pytest

from hclrun.addrs import AbsResourceInstance, Resource, ResourceInstance, ResourceMode
from hclrun.addrs.module import ROOT_MODULE_INSTANCE
from hclrun.cli.views import progress
from hclrun.cli.views.progress import HumanProgress
from hclrun.cli.views.stream import Output
from hclrun.plans.actions import Action


def _addr(name: str) -> AbsResourceInstance:
    return AbsResourceInstance(ROOT_MODULE_INSTANCE, ResourceInstance(Resource(ResourceMode.MANAGED, "terraform_data", name)))


def _lines(buffer: io.StringIO) -> list[str]:
    return buffer.getvalue().splitlines()


def _wait_for(buffer: io.StringIO, text: str, count: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while sum(text in line for line in _lines(buffer)) < count:
        assert time.monotonic() < deadline, f"{count} lines with {text!r} never came: {_lines(buffer)}"
        time.sleep(0.01)


def test_start_and_completion_lines() -> None:
    buffer = io.StringIO()
    view = HumanProgress(Output(False, buffer), ids={_addr("b"): "old-id"})
    view.pre_apply(_addr("a"), Action.CREATE)
    view.post_apply(_addr("a"), Action.CREATE, 0.2, "new-id", None)
    view.pre_apply(_addr("b"), Action.DELETE)
    view.post_apply(_addr("b"), Action.DELETE, 61.0, "", None)
    view.pre_apply(_addr("c"), Action.UPDATE)
    view.post_apply(_addr("c"), Action.UPDATE, 1.0, "", "failed")
    assert _lines(buffer) == [
        "terraform_data.a: Creating...",
        "terraform_data.a: Creation complete after 0s [id=new-id]",
        "terraform_data.b: Destroying... [id=old-id]",
        "terraform_data.b: Destruction complete after 1m1s",
        "terraform_data.c: Modifying...",
    ]


def test_still_lines_while_changes_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "STILL_INTERVAL", 0.05)
    buffer = io.StringIO()
    view = HumanProgress(Output(False, buffer))
    view.pre_apply(_addr("slow"), Action.CREATE)
    view.pre_apply(_addr("quick"), Action.DELETE)
    view.post_apply(_addr("quick"), Action.DELETE, 0.0, "", None)
    _wait_for(buffer, "terraform_data.slow: Still creating... [0s elapsed]", 3)
    view.post_apply(_addr("slow"), Action.CREATE, 0.2, "x", None)
    after_stop = len(_lines(buffer))
    time.sleep(0.2)
    lines = _lines(buffer)
    assert len(lines) == after_stop
    assert not any("Still destroying" in line for line in lines)
    assert lines[-1] == "terraform_data.slow: Creation complete after 0s [id=x]"


def test_a_change_started_later_gets_its_own_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "STILL_INTERVAL", 0.05)
    buffer = io.StringIO()
    view = HumanProgress(Output(False, buffer))
    view.pre_apply(_addr("first"), Action.CREATE)
    _wait_for(buffer, "terraform_data.first: Still creating", 2)
    view.pre_apply(_addr("second"), Action.UPDATE)
    _wait_for(buffer, "terraform_data.second: Still modifying... [0s elapsed]", 2)
    view.stop_all()
    count = len(_lines(buffer))
    time.sleep(0.2)
    assert len(_lines(buffer)) == count


def test_elapsed_time_is_counted_from_each_start(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, float]] = []
    ticker = progress._StillTicker(lambda addr, participle, elapsed: shown.append((participle, elapsed)))
    monkeypatch.setattr(progress, "STILL_INTERVAL", 0.05)
    ticker.start(_addr("a"), Action.CREATE, "creating")
    deadline = time.monotonic() + 5
    while len(shown) < 3:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    ticker.stop_all()
    participles, elapsed = zip(*shown[:3], strict=True)
    assert participles == ("creating",) * 3
    assert list(elapsed) == sorted(elapsed)
    assert elapsed[0] >= 0.05 and elapsed[2] >= 0.15
