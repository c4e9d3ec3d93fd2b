"""Workspaces of the local backend: list, create (and select), select, delete."""

from __future__ import annotations

from hclrun.backends import DEFAULT_WORKSPACE, acquire_lock, release_lock, select_workspace
from hclrun.backends.fileio import go_error
from hclrun.backends.protocol import LockInfo
from hclrun.backends.workspaces import invalid_name_diagnostics
from hclrun.diagnostics import Diagnostics
from hclrun.operations.workdir import WorkingDir
from hclrun.states import read_state_file

_NOT_FOUND = (
    'Workspace "{name}" doesn\'t exist.\n\nYou can create this workspace with the "new" subcommand \n'
    'or include the "-or-create" flag with the "select" subcommand.'
)


def _invalid_name(name: str) -> Diagnostics:
    """A name Terraform refuses; its commands print the detail as a red line, not a box."""
    diags = Diagnostics()
    if invalid_name_diagnostics(name).has_errors():
        diags.error(
            "Invalid workspace name",
            f'The workspace name "{name}" is not allowed. The name must contain only URL safe\n'
            "characters, and no path separators.",
        )
    return diags


def list_workspaces(wd: WorkingDir) -> tuple[list[str], str]:
    """Every workspace and the selected one."""
    return wd.backend().workspaces(), wd.workspace()


def new_workspace(
    wd: WorkingDir, name: str, *, lock: bool = True, lock_timeout: float = 0.0, state_path: str | None = None
) -> Diagnostics:
    """Create ``name`` and select it; with ``state_path`` its state starts as a copy of that file."""
    backend = wd.backend()
    diags = _invalid_name(name)
    if diags.has_errors():
        return diags
    initial = None
    if state_path is not None:
        try:
            with open(state_path, "rb") as f:
                data = f.read()
        except OSError as err:
            diags.error("Error loading state", f"open {state_path}: {go_error(err)}")
            return diags
        initial, read_diags = read_state_file(data, state_path)
        diags.extend(read_diags)
        if initial is None:
            return diags
    if name in backend.workspaces():
        diags.error(f'Workspace "{name}" already exists')
        return diags
    diags.extend(backend.create_workspace(name))
    if diags.has_errors():
        return diags
    if lock:
        lock_id, lock_diags = acquire_lock(backend, name, LockInfo(operation="OperationTypeInvalid"), timeout=lock_timeout)
        diags.extend(lock_diags)
        if lock_id is None:
            return diags
        if initial is not None:
            diags.extend(backend.put_state(name, initial))
        diags.extend(release_lock(backend, name, lock_id))
    elif initial is not None:
        diags.extend(backend.put_state(name, initial))
    select_workspace(name, wd.data_dir)
    return diags


def switch_workspace(wd: WorkingDir, name: str, *, or_create: bool = False) -> tuple[Diagnostics, bool]:
    """Select ``name``; the flag says whether it was created first."""
    backend = wd.backend()
    diags = _invalid_name(name)
    if diags.has_errors():
        return diags, False
    created = False
    if name not in backend.workspaces():
        if not or_create:
            diags.error("\n" + _NOT_FOUND.format(name=name))
            return diags, False
        diags.extend(backend.create_workspace(name))
        created = True
    select_workspace(name, wd.data_dir)
    return diags, created


def delete_workspace(
    wd: WorkingDir, name: str, *, force: bool = False, lock: bool = True, lock_timeout: float = 0.0
) -> Diagnostics:
    backend = wd.backend()
    diags = Diagnostics()
    if name not in backend.workspaces():
        diags.error(_NOT_FOUND.format(name=name))
        return diags
    if name == DEFAULT_WORKSPACE:
        diags.error("cannot delete default state")
        return diags
    if name == wd.workspace():
        diags.error(
            f'Workspace "{name}" is your active workspace.\n\nYou cannot delete the currently active workspace. '
            "Please switch\nto another workspace and try again."
        )
        return diags
    lock_id = None
    if lock:
        lock_id, lock_diags = acquire_lock(backend, name, LockInfo(operation="OperationTypeInvalid"), timeout=lock_timeout)
        diags.extend(lock_diags)
        if lock_id is None:
            return diags
    if lock_id is not None:
        diags.extend(release_lock(backend, name, lock_id))
    diags.extend(backend.delete_workspace(name, force=force))
    return diags


def tracks_resources(wd: WorkingDir, name: str) -> bool:
    """Whether the workspace's state holds any managed resource instance."""
    if name not in wd.backend().workspaces():
        return False
    file, _ = wd.backend().get_state(name)
    if file is None:
        return False
    return any(
        rs.addr.resource.mode.value == "managed" and any(i.current is not None or i.deposed for i in rs.instances.values())
        for rs in file.state.iter_resources()
    )


def force_unlock(wd: WorkingDir, lock_id: str) -> Diagnostics:
    backend = wd.backend()
    return release_lock(backend, wd.workspace(), lock_id)
