"""Backends: where states are stored and locked. The protocol
(``protocol.Backend``), the local backend with its atomic writes, lock file
and change journal, workspace selection, and the command session that ties
lock, load, journal and final write together."""

from hclrun.backends.local import LocalBackend
from hclrun.backends.locking import acquire_lock, release_lock
from hclrun.backends.memory import InMemoryBackend
from hclrun.backends.protocol import DEFAULT_WORKSPACE, Backend, LockError, LockInfo
from hclrun.backends.session import StateSession, open_session, write_errored_state
from hclrun.backends.workspaces import select_workspace, selected_workspace, valid_workspace_name

__all__ = [
    "DEFAULT_WORKSPACE",
    "Backend",
    "InMemoryBackend",
    "LocalBackend",
    "LockError",
    "LockInfo",
    "StateSession",
    "acquire_lock",
    "open_session",
    "release_lock",
    "select_workspace",
    "selected_workspace",
    "valid_workspace_name",
    "write_errored_state",
]
