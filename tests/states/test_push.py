"""The `state push` guard: lineage and serial rules, and forcing."""

from __future__ import annotations

import pytest

from hclrun.states import StateFile, check_push
from tests.backends.helpers import state_with


def file(lineage: str, serial: int, instances: int = 1) -> StateFile:
    f = state_with(instances, lineage=lineage)
    f.serial = serial
    return f


CASES = [
    ("newer serial", file("L", 5), file("L", 4), ""),
    ("same serial same content", file("L", 4), file("L", 4), ""),
    ("same serial different content", file("L", 4, 2), file("L", 4), "cannot overwrite existing state with serial 4 with a different state that has the same serial"),
    ("older serial", file("L", 3), file("L", 4), "cannot import state with serial 3 over newer state with serial 4"),
    ("other lineage", file("A", 9), file("B", 1), 'cannot import state with lineage "A" over unrelated state with lineage "B"'),
    ("empty stored state", file("A", 1), file("B", 9, 0), ""),
    ("nothing stored", file("A", 1), None, ""),
    ("legacy state without lineage", file("", 1), file("B", 9), ""),
]


@pytest.mark.parametrize(("name", "incoming", "existing", "problem"), CASES, ids=[c[0] for c in CASES])
def test_check_push(name: str, incoming: StateFile, existing: StateFile | None, problem: str) -> None:
    diags = check_push(incoming, existing)
    assert [(d.summary, d.detail) for d in diags] == ([("Failed to write state", problem)] if problem else [])
    assert not check_push(incoming, existing, force=True)
