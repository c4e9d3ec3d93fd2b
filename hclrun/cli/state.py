"""``hclrun state``: list, show, mv, rm, pull, push and replace-provider."""

from __future__ import annotations

import sys

import click

from hclrun.cli.plan import lock_timeout_or_exit
from hclrun.cli.planflags import flag_value, state_options
from hclrun.cli.views.stream import Output
from hclrun.diagnostics import Diagnostics


@click.group()
def state() -> None:
    """Advanced state management."""


def _fail(output: Output, diags: Diagnostics) -> None:
    output.diagnostics(diags, {}, warnings_to_stderr=True)
    if diags.has_errors():
        sys.exit(1)


def ui_error(output: Output, diags: Diagnostics, sources: dict[str, bytes] | None = None) -> None:
    """Diagnostics as Terraform's state and workspace commands print them: the
    rendered boxes passed through its red error line (one colour code before,
    two resets and a newline after)."""
    from hclrun.diagrender import render_diagnostics

    text = render_diagnostics(diags, sources or {}, color=output.color)
    output.write_err(output.markup(f"[red]{text}[reset]") + "\n")
    if diags.has_errors():
        sys.exit(1)


def red_line(output: Output, text: str) -> None:
    output.write_err(output.markup(f"[red]{text}[reset]") + "\n")
    sys.exit(1)


def check_backend(output: Output) -> None:
    """Stop when ``init`` must run again for the configuration's backend."""
    from hclrun.operations import WorkingDir

    diags = WorkingDir(".").backend_diagnostics()
    if diags.has_errors():
        ui_error(output, diags)


def _no_state(output: Output, *, plain: bool = False) -> None:
    from hclrun.operations.state_ops import NO_STATE_FILE

    output.write_err((NO_STATE_FILE if plain else output.markup(f"[red]{NO_STATE_FILE}[reset]")) + "\n")
    sys.exit(1)


@state.command("list")
@click.option("--state", "state_path", hidden=True)
@click.option("--id", "id_", help="Filter to instances with the given id.")
@click.argument("addresses", nargs=-1)
def list_(state_path: str | None, id_: str | None, addresses: tuple[str, ...]) -> None:
    """List resources in the state."""
    from hclrun.engine.options import value_id
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import list_addresses, parse_targets, read_state

    output = Output(color=True)
    check_backend(output)
    file, diags = read_state(WorkingDir("."))
    if file is None:
        if diags.has_errors():
            _fail(output, diags)
        _no_state(output)
        return
    filters = parse_targets(list(addresses), diags)
    _fail(output, diags)
    for addr in list_addresses(file.state, filters):
        if id_ is not None:
            obj = file.state.current_object(addr)
            if obj is None or not isinstance(obj.attributes, dict) or obj.attributes.get("id") != id_:
                continue
        output.write(f"{addr}\n")
    del value_id


@state.command("show")
@click.option("--state", "state_path", hidden=True)
@click.option("--no-color", "no_color", is_flag=True)
@click.argument("address")
def show(state_path: str | None, no_color: bool, address: str) -> None:
    """Show a resource in the state."""
    from hclrun.addrs import AbsResource, AbsResourceInstance
    from hclrun.cli.views.stateview import render_resource, state_resources
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import parse_targets, read_state
    from hclrun.operations.workdir import ProviderSchemas

    output = Output(color=not no_color)
    check_backend(output)
    file, diags = read_state(WorkingDir("."))
    if file is None:
        _fail(output, diags)
        _no_state(output, plain=True)
        return
    targets = parse_targets([address], diags)
    _fail(output, diags)
    target = targets[0]
    addr = target.instance(None) if isinstance(target, AbsResource) else target
    if not isinstance(addr, AbsResourceInstance) or file.state.current_object(addr) is None:
        output.write_err(
            "No instance found for the given address!\n\nThis command requires that the address references "
            "one specific instance.\nTo view the available instances, use \"hclrun state list\". Please modify \n"
            "the address to reference a specific instance.\n"
        )
        sys.exit(1)
    schemas = ProviderSchemas().lookup()
    for resource in state_resources(file.state, schemas):
        if resource["address"] == str(addr):
            output.write(render_resource(resource, schemas))


@state.command("pull")
def pull() -> None:
    """Pull current state and output to stdout."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import read_state
    from hclrun.states import write_state_file

    output = Output(color=True)
    check_backend(output)
    file, diags = read_state(WorkingDir("."))
    _fail(output, diags)
    if file is not None:
        output.write(write_state_file(file))


@state.command("push")
@state_options
@click.option("--force", is_flag=True, help="Write the state even if lineages don't match or the remote serial is higher.")
@click.argument("path")
def push(lock: str, lock_timeout: str, force: bool, path: str) -> None:
    """Update remote state from a local state file."""
    from hclrun.backends.fileio import go_error
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import push_state

    output = Output(color=True)
    check_backend(output)
    try:
        data = sys.stdin.buffer.read() if path == "-" else _read_file(path)
    except OSError as err:
        red_line(output, f"open {path}: {go_error(err)}")
        return
    diags = push_state(
        WorkingDir("."), data, path, force=force, lock=flag_value(lock), lock_timeout=lock_timeout_or_exit(output, lock_timeout)
    )
    refused = next((d for d in diags if d.is_error and d.summary == "Failed to write state"), None)
    if refused is not None:
        red_line(output, f"Failed to write state: {refused.detail}")
    _fail(output, diags)


def _read_file(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _run_edit(mutate: object, lock: str, lock_timeout: str, backup: bool = True, color: bool = True) -> None:
    from hclrun.operations import WorkingDir
    from hclrun.operations.state_ops import NO_STATE_FILE, edit_state

    output = Output(color=color)
    check_backend(output)
    edit = edit_state(
        WorkingDir("."), mutate, lock=flag_value(lock), lock_timeout=lock_timeout_or_exit(output, lock_timeout), backup=backup  # type: ignore[arg-type]
    )
    if any(d.summary == NO_STATE_FILE for d in edit.diagnostics):
        _no_state(output)
    for line in edit.messages:
        output.write(line + "\n")
    if edit.diagnostics.has_errors():
        ui_error(output, edit.diagnostics)
    _fail(output, edit.diagnostics)


@state.command("rm")
@state_options
@click.option("--dry-run", "dry_run", is_flag=True, help="Only print what would be removed.")
@click.option("--backup", "backup", hidden=True)
@click.option("--state", "state_path", hidden=True)
@click.argument("addresses", nargs=-1, required=True)
def rm(lock: str, lock_timeout: str, dry_run: bool, backup: str | None, state_path: str | None, addresses: tuple[str, ...]) -> None:
    """Remove instances from the state."""
    from hclrun.operations.state_ops import remove_instances

    def mutate(st: object, edit: object) -> None:
        remove_instances(st, edit, list(addresses))  # type: ignore[arg-type]
        if dry_run:
            edit.changed = False  # type: ignore[attr-defined]

    _run_edit(mutate, lock, lock_timeout)


@state.command("mv")
@state_options
@click.option("--dry-run", "dry_run", is_flag=True, help="Only print what would be moved.")
@click.option("--backup", "backup", hidden=True)
@click.option("--state", "state_path", hidden=True)
@click.argument("source")
@click.argument("destination")
def mv(lock: str, lock_timeout: str, dry_run: bool, backup: str | None, state_path: str | None, source: str, destination: str) -> None:
    """Move an item in the state."""
    from hclrun.operations.state_ops import move_instances

    def mutate(st: object, edit: object) -> None:
        move_instances(st, edit, source, destination)  # type: ignore[arg-type]
        if dry_run:
            edit.changed = False  # type: ignore[attr-defined]

    _run_edit(mutate, lock, lock_timeout)


@state.command("replace-provider")
@state_options
@click.option("--auto-approve", "auto_approve", is_flag=True, help="Skip interactive approval.")
@click.argument("source")
@click.argument("destination")
def replace_provider_command(lock: str, lock_timeout: str, auto_approve: bool, source: str, destination: str) -> None:
    """Replace provider in the state."""
    from hclrun.operations.state_ops import replace_provider

    def mutate(st: object, edit: object) -> None:
        replace_provider(st, edit, source, destination)  # type: ignore[arg-type]

    _run_edit(mutate, lock, lock_timeout)
