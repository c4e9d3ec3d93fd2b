"""An in-memory backend: the test double for code that uses the backend protocol."""

from __future__ import annotations

from hclrun.backends.protocol import DEFAULT_WORKSPACE, LockError, LockInfo
from hclrun.diagnostics import Diagnostics
from hclrun.states import StateFile, read_state_file, write_state_file
from hclrun.states.journal import Journal


class InMemoryBackend:
    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.locks: dict[str, LockInfo] = {}

    def workspaces(self) -> list[str]:
        return [DEFAULT_WORKSPACE, *sorted(w for w in self.texts if w != DEFAULT_WORKSPACE)]

    def get_state(self, workspace: str) -> tuple[StateFile | None, Diagnostics]:
        text = self.texts.get(workspace)
        if text is None:
            return None, Diagnostics()
        return read_state_file(text, f"<memory:{workspace}>")

    def put_state(self, workspace: str, file: StateFile) -> Diagnostics:
        text = write_state_file(file)
        old = self.texts.get(workspace)
        if old is None:
            file.serial += 1
            text = write_state_file(file)
        elif old != text:
            previous, _ = read_state_file(old)
            if previous is not None and previous.lineage == file.lineage and file.serial <= previous.serial:
                file.serial = previous.serial + 1
                text = write_state_file(file)
        self.texts[workspace] = text
        return Diagnostics()

    def delete_workspace(self, workspace: str, *, force: bool = False) -> Diagnostics:
        diags = Diagnostics()
        if workspace == DEFAULT_WORKSPACE:
            diags.error("Failed to delete workspace", "cannot delete default state")
        else:
            self.texts.pop(workspace, None)
        return diags

    def lock(self, workspace: str, info: LockInfo) -> str:
        if workspace in self.locks:
            raise LockError("resource temporarily unavailable", self.locks[workspace])
        self.locks[workspace] = info
        return info.id

    def unlock(self, workspace: str, lock_id: str) -> None:
        held = self.locks.get(workspace)
        if held is None or held.id != lock_id:
            raise LockError(f'lock ID "{lock_id}" does not match existing lock ID "{held.id if held else ""}"', held)
        del self.locks[workspace]

    def open_journal(self, workspace: str, base: StateFile) -> Journal | None:
        return None
