"""A stored state whose serial goes up is exactly the text the state writer gives for the new serial."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.backends import DEFAULT_WORKSPACE, LocalBackend
from hclrun.states import write_state_file
from tests.backends.helpers import PROVIDER, RES, obj, state_with


@pytest.mark.parametrize(
    ("start_serial", "stored_serial", "expected"),
    [(0, None, 1), (9, None, 10), (3, 7, 8), (12, 7, 12)],
    ids=["first write", "first write of a later serial", "behind the stored serial", "ahead of the stored serial (kept)"],
)
def test_written_text_matches_the_writer(
    tmp_path: Path, start_serial: int, stored_serial: int | None, expected: int
) -> None:
    file = state_with(2)
    if stored_serial is not None:
        stored = state_with(1, lineage=file.lineage)
        stored.serial = stored_serial - 1
        assert not LocalBackend(str(tmp_path)).put_state(DEFAULT_WORKSPACE, stored)
        assert stored.serial == stored_serial
    file.serial = start_serial
    file.state.set_current(RES.instance(7), obj(7), PROVIDER)
    assert not LocalBackend(str(tmp_path)).put_state(DEFAULT_WORKSPACE, file)
    assert file.serial == expected
    assert (tmp_path / "terraform.tfstate").read_text() == write_state_file(file)
