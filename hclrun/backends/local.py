"""The local backend: state files on the local filesystem.

The default workspace lives in ``terraform.tfstate``; others in
``terraform.tfstate.d/NAME/terraform.tfstate``. Beside each state file:
``.terraform.tfstate.lock.info`` (the lock), ``terraform.tfstate.backup``
(the content before this process first replaced it) and, while a command
runs, ``terraform.tfstate.journal`` (changes not yet in the full state).

Writes are atomic where the directory allows it (see ``fileio``) and the files
are private (mode 0600).
A journal left behind by a crash is replayed by the next ``get_state``:
persisted when the lock is free or held by us, otherwise only shown.
"""

from __future__ import annotations

import os
import shutil

from hclrun.backends.fileio import durable_write, go_error, read_bytes, state_file_refused
from hclrun.backends.filelock import FileLock
from hclrun.backends.protocol import DEFAULT_WORKSPACE, LockError, LockInfo
from hclrun.backends.workspaces import invalid_name_diagnostics
from hclrun.diagnostics import Diagnostics
from hclrun.states import StateFile, read_state_file, write_state_file
from hclrun.states.journal import Journal, read_header, replay

STATE_FILE = "terraform.tfstate"
WORKSPACE_DIR = "terraform.tfstate.d"


class LocalBackend:
    def __init__(self, working_dir: str = ".", path: str = STATE_FILE, workspace_dir: str = WORKSPACE_DIR) -> None:
        self.working_dir = working_dir
        self.path = path
        self.workspace_dir = workspace_dir
        self._locks: dict[str, FileLock] = {}
        self._backed_up: set[str] = set()
        self._last_text: dict[str, str] = {}
        self._last_meta: dict[str, tuple[str, int]] = {}

    # ------------------------------------------------------------------ paths

    def _abs(self, path: str) -> str:
        return path if os.path.isabs(path) else os.path.join(self.working_dir, path)

    def _shown(self, path: str) -> str:
        """``path`` as messages name it: relative to the working directory unless configured absolute."""
        return path if os.path.isabs(self.path) else os.path.relpath(path, self.working_dir)

    def state_path(self, workspace: str) -> str:
        if workspace == DEFAULT_WORKSPACE:
            return self._abs(self.path)
        return self._abs(os.path.join(self.workspace_dir, workspace, STATE_FILE))

    def backup_path(self, workspace: str) -> str:
        return self.state_path(workspace) + ".backup"

    def journal_path(self, workspace: str) -> str:
        return self.state_path(workspace) + ".journal"

    def lock_info_path(self, workspace: str) -> str:
        state = self.state_path(workspace)
        return os.path.join(os.path.dirname(state), "." + os.path.basename(state) + ".lock.info")

    # ------------------------------------------------------------------ workspaces

    def workspaces(self) -> list[str]:
        names = []
        root = self._abs(self.workspace_dir)
        try:
            entries = os.listdir(root)
        except OSError:
            entries = []
        for name in entries:
            if name != DEFAULT_WORKSPACE and os.path.isdir(os.path.join(root, name)):
                names.append(name)
        return [DEFAULT_WORKSPACE, *sorted(names)]

    def create_workspace(self, workspace: str) -> Diagnostics:
        diags = invalid_name_diagnostics(workspace)
        if diags.has_errors():
            return diags
        if workspace in self.workspaces():
            diags.error("Workspace already exists", f'Workspace "{workspace}" already exists')
            return diags
        if workspace != DEFAULT_WORKSPACE:
            os.makedirs(os.path.dirname(self.state_path(workspace)), exist_ok=True)
        return diags

    def delete_workspace(self, workspace: str, *, force: bool = False) -> Diagnostics:
        diags = Diagnostics()
        if workspace == DEFAULT_WORKSPACE or not workspace:
            diags.error("Failed to delete workspace", "cannot delete default state")
            return diags
        if workspace not in self.workspaces():
            diags.error("Workspace does not exist", f'Workspace "{workspace}" doesn\'t exist.')
            return diags
        if not force:
            file, read_diags = self.get_state(workspace)
            diags.extend(d for d in read_diags if d.is_error)
            if diags.has_errors():
                return diags
            if file is not None and any(True for _ in _managed_objects(file)):
                listing = "".join(f"\n  - {line}" for line in _managed_objects(file))
                diags.error(
                    "Workspace is not empty",
                    f'Workspace "{workspace}" is currently tracking the following resource instances:{listing}\n\n'
                    "Deleting this workspace would cause Terraform to lose track of any associated remote objects, "
                    "which would then require you to delete them manually outside of Terraform. You should destroy "
                    "these objects with Terraform before deleting the workspace.\n\n"
                    "If you want to delete this workspace anyway, and have Terraform forget about these managed "
                    "objects, use the -force option to disable this safety check.",
                )
                return diags
        shutil.rmtree(os.path.dirname(self.state_path(workspace)), ignore_errors=True)
        self._last_text.pop(workspace, None)
        self._last_meta.pop(workspace, None)
        return diags

    # ------------------------------------------------------------------ states

    def get_state(self, workspace: str) -> tuple[StateFile | None, Diagnostics]:
        path = self.state_path(workspace)
        diags = Diagnostics()
        try:
            data = read_bytes(path)
        except OSError as err:
            diags.error("Failed to load state", f"Error reading {path}: {err.strerror}.")
            return None, diags
        file: StateFile | None = None
        if data:
            file, read_diags = read_state_file(data, path)
            diags.extend(read_diags)
            if file is None:
                return None, diags
            self._last_text[workspace] = data.decode("utf-8")
            self._last_meta[workspace] = (file.lineage, file.serial)
        if os.path.exists(self.journal_path(workspace)):
            file = self._recover(workspace, file, diags)
        return file, diags

    def _recover(self, workspace: str, file: StateFile | None, diags: Diagnostics) -> StateFile | None:
        """Replay a journal left by an interrupted command over the stored state."""
        jpath = self.journal_path(workspace)
        header = read_header(jpath)
        lock = self._lock_for(workspace)
        took_lock = False
        if not lock.held:
            try:
                lock.acquire(LockInfo(operation="OperationTypeRecover"))
                took_lock = True
            except LockError:
                pass  # a running command owns the journal: show its changes, leave the files alone
        persist = lock.held
        try:
            if os.path.getsize(jpath) == 0:  # retired when the state went to errored.tfstate
                if persist:
                    _discard(jpath)
                return file
            if file is None:
                if header is None:
                    if persist:
                        _discard(jpath)
                    return None
                file = StateFile(lineage=header[0], serial=header[1])
            if header is not None and (header[0] != file.lineage or header[1] < file.serial):
                # The full state was written after the journal: it already holds these changes.
                if persist:
                    _discard(jpath)
                return file
            result = replay(jpath, file.state, file.lineage, file.serial)
            if result.problem and result.applied == 0:
                diags.warning(
                    "State journal not replayed",
                    f"The change journal {jpath} could not be replayed ({result.problem}); it was left in place.",
                )
                return file
            if not persist:
                return file
            put_diags = self.put_state(workspace, file)
            diags.extend(put_diags)
            if put_diags.has_errors():
                return file
            _discard(jpath)
            detail = (
                f"The previous command did not finish writing the state for workspace \"{workspace}\". "
                f"{result.applied} recorded change batch(es) from {jpath} were applied to the state and saved "
                f"as serial {file.serial}."
            )
            if result.torn_tail:
                detail += " An incomplete final record, written while the command was stopped, was ignored."
            if result.problem:
                detail += f" Replay stopped early: {result.problem}."
            diags.warning("Recovered state changes from an interrupted command", detail)
            return file
        finally:
            if took_lock:
                lock.release(lock.lock_id)

    def put_state(self, workspace: str, file: StateFile) -> Diagnostics:
        """Store ``file``; its serial goes up when the content differs from what is stored
        (a first write counts as a change)."""
        diags = Diagnostics()
        text = write_state_file(file)
        previous = self._last_text.get(workspace)
        if previous is None:
            raw = read_bytes(self.state_path(workspace))
            previous = raw.decode("utf-8", "replace") if raw else None
        if previous == text:
            return diags
        meta = self._stored_meta(workspace, previous)
        stored_serial = file.serial
        if meta is None:
            text = _with_serial(text, file.serial, file.serial + 1)
            file.serial += 1
        elif meta[0] == file.lineage and file.serial <= meta[1]:
            text = _with_serial(text, file.serial, meta[1] + 1)
            file.serial = meta[1] + 1
        problem = self._store(workspace, previous, text)
        if problem:
            file.serial = stored_serial  # unsaved: errored.tfstate carries the serial it was loaded with, as Terraform's does
            diags.error("Failed to save state", f"Error saving state: {problem}")
            return diags
        self._backed_up.add(workspace)
        self._last_text[workspace] = text
        self._last_meta[workspace] = (file.lineage, file.serial)
        return diags

    def _store(self, workspace: str, previous: str | None, text: str) -> str:
        """Write the backup (once per process) and the state; the problem in
        Terraform's words, or ``""``."""
        path = self.state_path(workspace)
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        except OSError as err:
            return f"mkdir {self._shown(os.path.dirname(path))}: {go_error(err)}"
        if previous is not None and workspace not in self._backed_up:
            backup = self.backup_path(workspace)
            try:
                durable_write(backup, previous.encode("utf-8"))
            except OSError as err:
                return f"failed to create local state backup file: open {self._shown(backup)}: {go_error(err)}"
        try:
            durable_write(path, text.encode("utf-8"))
        except OSError as err:
            return f"open {self._shown(path)}: {go_error(err)}"
        return ""

    def _stored_meta(self, workspace: str, previous: str | None) -> tuple[str, int] | None:
        """Lineage and serial of the stored state (from memory when this backend read or wrote it)."""
        if previous is None:
            return None
        meta = self._last_meta.get(workspace)
        if meta is not None and self._last_text.get(workspace) == previous:
            return meta
        old, _ = read_state_file(previous)
        return None if old is None else (old.lineage, old.serial)

    # ------------------------------------------------------------------ locks and journal

    def _lock_for(self, workspace: str) -> FileLock:
        lock = self._locks.get(workspace)
        if lock is None:
            lock = self._locks[workspace] = FileLock(self.lock_info_path(workspace))
        return lock

    def lock(self, workspace: str, info: LockInfo) -> str:
        """Terraform opens (creating) the state file to lock it and then writes the
        lock info beside it; either failing is a ``LockError`` in its words."""
        path = self.state_path(workspace)
        info.path = self._shown(path)
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        except OSError as err:
            raise LockError(f"mkdir {self._shown(os.path.dirname(path))}: {go_error(err)}") from None
        refused = state_file_refused(path)
        if refused:
            raise LockError(f"open {info.path}: {refused}")
        try:
            return self._lock_for(workspace).acquire(info)
        except OSError as err:
            shown_info = self._shown(self.lock_info_path(workspace))
            raise LockError(f'could not write lock info for "{info.path}": open {shown_info}: {go_error(err)}') from None

    def unlock(self, workspace: str, lock_id: str) -> None:
        """Release our lock, or break another process's lock with its ID (``force-unlock``)."""
        self._lock_for(workspace).force_release(lock_id)

    force_unlock = unlock

    def open_journal(self, workspace: str, base: StateFile) -> Journal | None:
        """Start the journal for changes made on top of ``base``; raises ``OSError`` when it cannot be created."""
        return Journal.create(self.journal_path(workspace), base.lineage, base.serial)


def _discard(path: str) -> None:
    """Remove a replayed or superseded journal; one in a directory we may no longer
    write stays, and the next load sees the full state is newer and skips it."""
    try:
        os.unlink(path)
    except OSError:
        pass


def _managed_objects(file: StateFile) -> list[str]:
    lines = []
    for rs in file.state.iter_resources():
        if rs.addr.resource.mode.value != "managed":
            continue
        for key, inst in rs.instances.items():
            addr = rs.addr.instance(key)
            if inst.current is not None:
                lines.append(str(addr))
            for dk in inst.deposed:
                lines.append(f"{addr} (deposed object {dk})")
    return lines


def _with_serial(text: str, old: int, new: int) -> str:
    """State file text with the serial in its header changed (the rest is the same text)."""
    marker = f'\n  "serial": {old},\n'
    at = text.find(marker, 0, 200)
    if at < 0:
        raise ValueError("state file text has no serial in its header")
    return f'{text[:at]}\n  "serial": {new},\n{text[at + len(marker):]}'
