"""``hclrun workspace``: new, select, list, show, delete."""

from __future__ import annotations

import sys

import click

from hclrun.cli.plan import lock_timeout_or_exit
from hclrun.cli.planflags import flag_value, state_options
from hclrun.cli.state import check_backend
from hclrun.cli.views.stream import Output
from hclrun.diagnostics import Diagnostics


@click.group()
def workspace() -> None:
    """Workspace management."""


def _report(output: Output, diags: Diagnostics) -> None:
    for diag in diags:
        if diag.is_error and diag.summary == "Invalid workspace name":
            output.write_err(output.markup(f"[red]\n{diag.detail}\n[reset]") + "\n")
        elif diag.is_error and not diag.detail:
            output.write_err(output.markup(f"[red]{diag.summary}[reset]") + "\n")
        else:
            output.diagnostics([diag], {})
    if diags.has_errors():
        sys.exit(1)


_NO_COLOR = click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")


def _created(out: Output, name: str) -> None:
    out.write(
        out.markup(f'[green][bold]Created and switched to workspace "{name}"![reset]')
        + out.markup(
            "[green]\n\nYou're now on a new, empty workspace. Workspaces isolate their state,\n"
            "so if you run \"hclrun plan\" hclrun will not see any existing state\nfor this configuration.[reset]"
        )
        + "\n"
    )


@workspace.command("list")
@_NO_COLOR
def list_(no_color: bool) -> None:
    """List workspaces."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.workspace_ops import list_workspaces

    out = Output(color=not no_color)
    check_backend(out)
    names, current = list_workspaces(WorkingDir("."))
    for name in names:
        out.write(("* " if name == current else "  ") + name + "\n")
    out.write("\n")


@workspace.command("show")
@_NO_COLOR
def show(no_color: bool) -> None:
    """Show the name of the current workspace."""
    from hclrun.operations import WorkingDir

    Output(color=not no_color).write(WorkingDir(".").workspace() + "\n")


@workspace.command("new")
@state_options
@_NO_COLOR
@click.option("--state", "state_path", metavar="PATH", help="Copy an existing state file into the new workspace.")
@click.argument("name")
def new(lock: str, lock_timeout: str, no_color: bool, state_path: str | None, name: str) -> None:
    """Create a new workspace."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.workspace_ops import new_workspace

    out = Output(color=not no_color)
    check_backend(out)
    diags = new_workspace(
        WorkingDir("."),
        name,
        lock=flag_value(lock),
        lock_timeout=lock_timeout_or_exit(out, lock_timeout),
        state_path=state_path,
    )
    _report(out, diags)
    _created(out, name)


@workspace.command("select")
@_NO_COLOR
@click.option("--or-create", "or_create", is_flag=True, help="Create the workspace if it doesn't exist.")
@click.argument("name")
def select(no_color: bool, or_create: bool, name: str) -> None:
    """Select a workspace."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.workspace_ops import switch_workspace

    out = Output(color=not no_color)
    check_backend(out)
    wd = WorkingDir(".")
    if name == wd.workspace():
        out.write(f'You\'re already on workspace "{name}".\n')
        return
    diags, created = switch_workspace(wd, name, or_create=or_create)
    _report(out, diags)
    if created:
        _created(out, name)
    else:
        out.write(out.markup(f'[green]Switched to workspace "{name}".[reset]') + "\n")


@workspace.command("delete")
@state_options
@_NO_COLOR
@click.option("--force", is_flag=True, help="Remove a workspace even if it is managing resources.")
@click.argument("name")
def delete(lock: str, lock_timeout: str, no_color: bool, force: bool, name: str) -> None:
    """Delete a workspace."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.workspace_ops import delete_workspace, tracks_resources

    out = Output(color=not no_color)
    check_backend(out)
    wd = WorkingDir(".")
    non_empty = force and tracks_resources(wd, name)
    diags = delete_workspace(wd, name, force=force, lock=flag_value(lock), lock_timeout=lock_timeout_or_exit(out, lock_timeout))
    _report(out, diags)
    out.write(out.markup(f'[green]Deleted workspace "{name}"![reset]') + "\n")
    if non_empty:
        out.write(
            f'WARNING: "{name}" was non-empty.\nThe resources managed by the deleted workspace may still exist,\n'
            "but are no longer manageable by hclrun since the state has\nbeen deleted.\n"
        )
