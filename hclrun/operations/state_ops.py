"""The ``state`` subcommands, ``taint`` and ``untaint``: read the state, or
change it under the lock with a timestamped backup of what was there, as
Terraform's local backend does for these commands."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import field

from hclrun.addrs import (
    AbsProviderConfig,
    AbsResource,
    AbsResourceInstance,
    ModuleInstance,
    Target,
    parse_provider_source,
    parse_target,
)
from hclrun.backends import open_session
from hclrun.backends.fileio import atomic_write
from hclrun.diagnostics import Diagnostics
from hclrun.operations.plan_op import release_session
from hclrun.operations.workdir import WorkingDir
from hclrun.records import record
from hclrun.states import State, StateFile, check_push, read_state_file, write_state_file
from hclrun.states.objects import ObjectStatus, ResourceInstanceObject

NO_STATE_FILE = (
    "No state file was found!\n\nState management commands require a state file. Run this command\n"
    "in a directory where hclrun has been run or use the -state flag\nto point the command to a specific state location."
)


@record(frozen=False)
class StateEdit:
    """What an editing command reports: lines for the user, and problems."""

    messages: list[str] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    changed: bool = False


def read_state(wd: WorkingDir) -> tuple[StateFile | None, Diagnostics]:
    """The stored state of the selected workspace (None when there is none), without locking."""
    return wd.backend().get_state(wd.workspace())


def target_covers(target: Target, addr: AbsResourceInstance) -> bool:
    if isinstance(target, AbsResourceInstance):
        return target == addr
    if isinstance(target, AbsResource):
        return target == addr.containing_resource()
    assert isinstance(target, ModuleInstance)
    return addr.module.steps[: len(target.steps)] == target.steps


def parse_targets(texts: list[str], diags: Diagnostics) -> list[Target]:
    found: list[Target] = []
    for text in texts:
        target, target_diags = parse_target(text)
        diags.extend(target_diags)
        if target is not None:
            found.append(target)
    return found


def list_addresses(state: State, filters: list[Target]) -> list[AbsResourceInstance]:
    return [a for a in state.resource_instance_addrs() if not filters or any(target_covers(t, a) for t in filters)]


def edit_state(
    wd: WorkingDir,
    mutate: Callable[[State, StateEdit], None],
    *,
    lock: bool = True,
    lock_timeout: float = 0.0,
    backup: bool = True,
) -> StateEdit:
    """Run ``mutate`` on the locked state; when it changed anything, keep a
    timestamped backup of the stored file and write the new state."""
    edit = StateEdit()
    backend = wd.backend()
    workspace = wd.workspace()
    path = backend.state_path(workspace)
    if not os.path.exists(path):
        edit.diagnostics.error(NO_STATE_FILE)
        return edit
    session, diags = open_session(
        backend, workspace, operation="OperationTypeInvalid", lock=lock, lock_timeout=lock_timeout, journal=False,
        working_dir=wd.path,
    )
    edit.diagnostics.extend(diags)
    if session is None:
        return edit
    original = write_state_file(session.file)
    with session.sync.locked() as state:
        mutate(state, edit)
    if edit.diagnostics.has_errors() or not edit.changed:
        release_session(session, edit.diagnostics)
        return edit
    if backup:
        try:
            # Terraform names it after the default state file, in the working directory,
            # whatever path the backend is configured with.
            atomic_write(os.path.join(wd.path, f"terraform.tfstate.{int(time.time())}.backup"), original.encode("utf-8"))
        except OSError as err:
            edit.diagnostics.error("Failed to write state backup", f"The backup could not be written: {err.strerror}.")
            release_session(session, edit.diagnostics)
            return edit
    edit.diagnostics.extend(session.finish())
    return edit


def remove_instances(state: State, edit: StateEdit, texts: list[str]) -> None:
    targets = parse_targets(texts, edit.diagnostics)
    if edit.diagnostics.has_errors():
        return
    found = [a for a in list_addresses(state, targets)]
    if not found:
        edit.diagnostics.error(
            "Invalid target address",
            'No matching objects found. To view the available instances, use "hclrun state list". Please modify '
            "the address to reference a specific instance.",
        )
        return
    for addr in found:
        rs = state.resource(addr.containing_resource())
        assert rs is not None
        inst = rs.instances.get(addr.resource.key)
        if inst is not None:
            for key in list(inst.deposed):
                state.set_deposed(addr, key, None, rs.provider)
        state.set_current(addr, None, rs.provider)
        edit.messages.append(f"Removed {addr}")
    edit.messages.append(f"Successfully removed {len(found)} resource instance(s).")
    edit.changed = True


def move_instances(state: State, edit: StateEdit, source: str, destination: str) -> None:
    diags = edit.diagnostics
    src = parse_targets([source], diags)
    dst = parse_targets([destination], diags)
    if diags.has_errors():
        return
    s, d = src[0], dst[0]
    moves: list[tuple[AbsResourceInstance, AbsResourceInstance]] = []
    if isinstance(s, AbsResourceInstance) and isinstance(d, AbsResourceInstance | AbsResource):
        target = d if isinstance(d, AbsResourceInstance) else d.instance(None)
        moves = [(s, target)] if state.resource_instance(s) is not None else []
    elif isinstance(s, AbsResource) and isinstance(d, AbsResource):
        rs = state.resource(s)
        moves = [(s.instance(k), d.instance(k)) for k in (rs.instances if rs else {})]
    elif isinstance(s, ModuleInstance) and isinstance(d, ModuleInstance):
        for addr in list_addresses(state, [s]):
            rest = addr.module.steps[len(s.steps) :]
            moves.append((addr, AbsResourceInstance(ModuleInstance(d.steps + rest), addr.resource)))
    else:
        diags.error("Invalid state move request", f"Cannot move {source} to {destination}: the address types differ.")
        return
    if not moves:
        diags.error("Invalid source address", f"Cannot move {source}: does not match anything in the current state.")
        return
    for old, new in moves:
        if state.resource_instance(new) is not None:
            diags.error("Invalid target address", f"Cannot move to {new}: there is already a resource instance at that address in the current state.")
            return
        if old.resource.resource.type != new.resource.resource.type:
            diags.error(
                "Invalid state move request",
                f"Cannot move {old} to {new}: resource types don't match.",
            )
            return
    edit.messages.append(f'Move "{source}" to "{destination}"')
    for old, new in moves:
        rs = state.resource(old.containing_resource())
        assert rs is not None
        inst = rs.instances[old.resource.key]
        provider = rs.provider if new.module == old.module else AbsProviderConfig(rs.provider.provider, new.module.module(), rs.provider.alias)
        state.set_current(new, inst.current, provider)
        for key, obj in inst.deposed.items():
            state.set_deposed(new, key, obj, provider)
        for key in list(inst.deposed):
            state.set_deposed(old, key, None, rs.provider)
        state.set_current(old, None, rs.provider)
    edit.messages.append(f"Successfully moved {len(moves)} object(s).")
    edit.changed = True


def set_tainted(state: State, edit: StateEdit, text: str, tainted: bool, allow_missing: bool = False) -> None:
    diags = edit.diagnostics
    targets = parse_targets([text], diags)
    if diags.has_errors():
        return
    target = targets[0]
    addr = target.instance(None) if isinstance(target, AbsResource) else target
    if not isinstance(addr, AbsResourceInstance):
        diags.error("Invalid resource instance address", f'"{text}" is not a resource instance address.')
        return
    rs = state.resource(addr.containing_resource())
    obj = state.current_object(addr)
    if rs is None or obj is None:
        if allow_missing:
            edit.messages.append(f"Resource instance {addr} was not found, but this is not an error.")
            return
        verb = "tainted" if tainted else "untainted"
        diags.error(
            "No such resource instance",
            f"There is no resource instance in the state with the address {addr}. If the resource configuration "
            f'has just been added, you must run "hclrun apply" once to create the corresponding instance(s) '
            f"before they can be {verb}.",
        )
        return
    if not tainted and obj.status is not ObjectStatus.TAINTED:
        diags.error(
            "Resource instance is not tainted",
            f"Resource instance {addr} is not currently tainted, and so it cannot be untainted.",
        )
        return
    new = obj.tainted() if tainted else _ready(obj)
    state.set_current(addr, new, rs.provider)
    edit.messages.append(
        f"Resource instance {addr} has been marked as tainted."
        if tainted
        else f"Resource instance {addr} has been successfully untainted."
    )
    edit.changed = True


def _ready(obj: ResourceInstanceObject) -> ResourceInstanceObject:
    from dataclasses import replace

    return replace(obj, status=ObjectStatus.READY)


def replace_provider(state: State, edit: StateEdit, source: str, destination: str) -> None:
    old = parse_provider_source(source)
    new = parse_provider_source(destination)
    if old is None or new is None:
        bad = source if old is None else destination
        edit.diagnostics.error("Invalid provider address", f'The provider address "{bad}" is not valid.')
        return
    changed = [rs for rs in state.iter_resources() if rs.provider.provider == old]
    if not changed:
        edit.messages.append("No matching resources found.")
        return
    edit.messages.append("hclrun will perform the following actions:\n")
    edit.messages.append("  ~ Updating provider:")
    edit.messages.append(f"    - {old}")
    edit.messages.append(f"    + {new}\n")
    for rs in changed:
        edit.messages.append(f"  {'~'} {rs.addr}")
        rs.provider = AbsProviderConfig(new, rs.provider.module, rs.provider.alias)
    edit.messages.append(f"\nSuccessfully replaced provider for {len(changed)} resources.")
    edit.changed = True


def push_state(wd: WorkingDir, data: bytes, filename: str, *, force: bool, lock: bool, lock_timeout: float) -> Diagnostics:
    diags = Diagnostics()
    incoming, read_diags = read_state_file(data, filename)
    diags.extend(read_diags)
    if incoming is None:
        return diags
    backend = wd.backend()
    workspace = wd.workspace()
    session, open_diags = open_session(
        backend, workspace, operation="OperationTypeInvalid", lock=lock, lock_timeout=lock_timeout, journal=False,
        working_dir=wd.path,
    )
    diags.extend(open_diags)
    if session is None:
        return diags
    existing = session.file if os.path.exists(backend.state_path(workspace)) else None
    problems = check_push(incoming, existing, force=force)
    diags.extend(problems)
    if problems.has_errors():
        release_session(session, diags)
        return diags
    session.finished = True
    diags.extend(backend.put_state(workspace, incoming))
    release_session(session, diags)
    return diags
