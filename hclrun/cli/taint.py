"""``hclrun taint`` and ``hclrun untaint``: mark an instance for replacement, or clear the mark."""

from __future__ import annotations

import click

from hclrun.cli.planflags import state_options
from hclrun.cli.state import _run_edit


@click.command()
@state_options
@click.option("--allow-missing", "allow_missing", is_flag=True, help="Succeed even if the resource is missing.")
@click.option("--no-color", "no_color", is_flag=True)
@click.argument("address")
def taint(lock: str, lock_timeout: str, allow_missing: bool, no_color: bool, address: str) -> None:
    """Mark a resource instance as not fully functional."""
    from hclrun.operations.state_ops import set_tainted

    _run_edit(lambda st, edit: set_tainted(st, edit, address, True, allow_missing), lock, lock_timeout, backup=False, color=not no_color)


@click.command()
@state_options
@click.option("--allow-missing", "allow_missing", is_flag=True, help="Succeed even if the resource is missing.")
@click.option("--no-color", "no_color", is_flag=True)
@click.argument("address")
def untaint(lock: str, lock_timeout: str, allow_missing: bool, no_color: bool, address: str) -> None:
    """Remove the 'tainted' state from a resource instance."""
    from hclrun.operations.state_ops import set_tainted

    _run_edit(lambda st, edit: set_tainted(st, edit, address, False, allow_missing), lock, lock_timeout, backup=False, color=not no_color)
