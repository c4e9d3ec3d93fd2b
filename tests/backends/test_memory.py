"""The in-memory backend double behaves like the protocol says."""

from __future__ import annotations

import pytest

from hclrun.backends import DEFAULT_WORKSPACE, InMemoryBackend, LockError, LockInfo, open_session
from tests.backends.helpers import PROVIDER, RES, obj


def test_session_round_trip_and_locking() -> None:
    backend = InMemoryBackend()
    session, diags = open_session(backend, "dev")
    assert session is not None and not diags
    session.sync.set_current(RES.instance(0), obj(0), PROVIDER)
    second, diags = open_session(backend, "dev")
    assert second is None and diags[0].summary == "Error acquiring the state lock"
    assert not session.finish()
    file, _ = backend.get_state("dev")
    assert file is not None and file.serial == 1 and file.state.instance_count() == 1
    assert backend.workspaces() == [DEFAULT_WORKSPACE, "dev"]
    file.state.set_current(RES.instance(1), obj(1), PROVIDER)
    backend.put_state("dev", file)
    assert file.serial == 2
    with pytest.raises(LockError):
        backend.unlock("dev", "nope")
    lock_id = backend.lock("dev", LockInfo())
    backend.unlock("dev", lock_id)
    assert backend.delete_workspace(DEFAULT_WORKSPACE).has_errors()
    assert not backend.delete_workspace("dev") and backend.workspaces() == [DEFAULT_WORKSPACE]
