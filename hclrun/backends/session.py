"""A command's hold on a state: lock it, load it (recovering an interrupted
command's journal), journal every change as it completes, and at the end
write the full state once, remove the journal and unlock.

If the final write fails, the state goes to ``errored.tfstate`` in the
working directory with Terraform's instructions; it is never lost.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import field

from hclrun.backends.fileio import atomic_write, go_error
from hclrun.backends.locking import acquire_lock, release_lock
from hclrun.backends.protocol import Backend, LockInfo
from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.states import StateFile, write_state_file
from hclrun.states.journal import Journal
from hclrun.states.sync import SyncState

ERRORED_STATE_FILE = "errored.tfstate"

_RETRY = (
    'Running "hclrun apply" again at this point will create a forked state, making it harder to recover.\n\n'
    "To retry writing this state, use the following command:\n    hclrun state push {path}\n"
)
STATE_WRITE_BACKED_UP = (
    "The error shown above has prevented Terraform from writing the updated state to the configured backend. "
    'To allow for recovery, the state has been written to the file "{path}" in the current working directory.\n\n'
    + _RETRY
)
# Terraform claims errored.tfstate was written even when the working directory
# refuses it (and the state is lost); hclrun writes it to the temporary directory.
STATE_WRITE_BACKED_UP_ELSEWHERE = (
    "The errors shown above prevented Terraform from writing the updated state to the configured backend and "
    'to the current working directory. To allow for recovery, the state has been written to the file "{path}".\n\n'
    + _RETRY
)
STATE_WRITE_CONSOLE_FALLBACK = (
    "The errors shown above prevented Terraform from writing the updated state to the configured backend and "
    "from creating a local backup file. As a fallback, the raw state data follows as a JSON object.\n\n"
    "To retry writing this state, copy the state data (from the first { to the last } inclusive) and save it "
    "into a local file called errored.tfstate, then run the following command:\n    hclrun state push errored.tfstate\n\n"
)


@record(frozen=False)
class StateSession:
    backend: Backend
    workspace: str
    file: StateFile
    sync: SyncState
    lock_id: str | None = None
    journal: Journal | None = None
    working_dir: str = "."
    finished: bool = field(default=False)

    def finish(self) -> Diagnostics:
        """Write the full state once, drop the journal, release the lock."""
        diags = Diagnostics()
        if self.finished:
            return diags
        self.finished = True
        self.file.state = self.sync.snapshot()
        put = self.backend.put_state(self.workspace, self.file)
        if put.has_errors():
            diags.extend(put)
            saved_to, errored_diags = save_errored_state(self.file, self.working_dir)
            diags.extend(errored_diags)
            if self.journal is not None:
                self.journal.close()
                if saved_to is not None:
                    _retire_journal(self.journal.path)
        elif self.journal is not None:
            try:
                self.journal.close(remove=True)
            except OSError:
                pass  # the state is saved and newer: a journal that cannot be removed is skipped on load
        if self.lock_id is not None:
            diags.extend(release_lock(self.backend, self.workspace, self.lock_id))
        return diags


def open_session(
    backend: Backend,
    workspace: str,
    *,
    operation: str = "OperationTypeApply",
    lock: bool = True,
    lock_timeout: float = 0.0,
    journal: bool = True,
    working_dir: str = ".",
) -> tuple[StateSession | None, Diagnostics]:
    diags = Diagnostics()
    lock_id = None
    if lock:
        lock_id, lock_diags = acquire_lock(backend, workspace, LockInfo(operation=operation), timeout=lock_timeout)
        diags.extend(lock_diags)
        if lock_id is None:
            return None, diags
    file, load_diags = backend.get_state(workspace)
    diags.extend(load_diags)
    if load_diags.has_errors():
        if lock_id is not None:
            diags.extend(release_lock(backend, workspace, lock_id))
        return None, diags
    if file is None:
        file = StateFile()
    opened = None
    if journal:
        try:
            opened = backend.open_journal(workspace, file)
        except OSError as err:
            diags.warning(
                "State changes are not journaled",
                f"The change journal beside the state could not be created ({err.strerror}), so changes are "
                "saved only when the command finishes.",
            )
    sync = SyncState(file.state, opened)
    return StateSession(backend, workspace, file, sync, lock_id, opened, working_dir), diags


def write_errored_state(file: StateFile, working_dir: str = ".") -> Diagnostics:
    """Save ``file`` as ``errored.tfstate`` in the working directory, failing
    that in the temporary directory, failing that in the diagnostic itself."""
    return save_errored_state(file, working_dir)[1]


def save_errored_state(file: StateFile, working_dir: str = ".") -> tuple[str | None, Diagnostics]:
    """``write_errored_state``, also returning the file written (``None`` when none could be)."""
    diags = Diagnostics()
    data = write_state_file(file).encode("utf-8")
    path = os.path.join(working_dir, ERRORED_STATE_FILE)
    try:
        atomic_write(path, data)
        diags.error("Failed to persist state to backend", STATE_WRITE_BACKED_UP.format(path=ERRORED_STATE_FILE))
        return path, diags
    except OSError as err:
        diags.error(
            "Failed to create local state file",
            f"Error creating local state file for recovery: open {ERRORED_STATE_FILE}: {go_error(err)}",
        )
    try:
        fallback = _write_temporary(data)
    except OSError:
        diags.error("Failed to persist state to backend", STATE_WRITE_CONSOLE_FALLBACK + data.decode("utf-8"))
        return None, diags
    diags.error("Failed to persist state to backend", STATE_WRITE_BACKED_UP_ELSEWHERE.format(path=fallback))
    return fallback, diags


def _retire_journal(path: str) -> None:
    """The errored state file holds everything the journal does, and the user is
    told to push it: the journal must not be replayed over the stored state as
    well. Removed, or emptied when its directory no longer lets us remove it."""
    try:
        os.unlink(path)
    except OSError:
        try:
            os.truncate(path, 0)
        except OSError:
            pass


def _write_temporary(data: bytes) -> str:
    fd, path = tempfile.mkstemp(prefix="errored-", suffix=".tfstate")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return path
