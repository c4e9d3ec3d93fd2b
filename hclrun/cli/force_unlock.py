"""``hclrun force-unlock LOCK_ID``: release a state lock another process left behind."""

from __future__ import annotations

import sys

import click

from hclrun.cli.views.stream import Output


@click.command("force-unlock")
@click.option("--force", is_flag=True, help="Don't ask for input for unlock confirmation.")
@click.argument("lock_id")
def force_unlock(force: bool, lock_id: str) -> None:
    """Release a stuck lock on the current workspace."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.workspace_ops import force_unlock as unlock

    out = Output(color=True)
    if not force:
        out.write(
            "Do you really want to force-unlock?\n  hclrun will remove the lock on the remote state.\n"
            "  This will allow local hclrun commands to modify this state, even though it\n"
            "  may still be in use. Only 'yes' will be accepted to confirm.\n\n  Enter a value: "
        )
        answer = sys.stdin.readline()
        out.write("\n")
        if answer.strip() != "yes":
            out.write("force-unlock cancelled.\n")
            sys.exit(1)
    diags = unlock(WorkingDir("."), lock_id)
    if diags.has_errors():
        out.diagnostics(diags, {})
        sys.exit(1)
    out.write(
        out.markup(
            "[reset][green][bold]hclrun state has been successfully unlocked![reset][green]\n\n"
            "The state has been unlocked, and hclrun commands should now be able to\n"
            "obtain a new lock on the remote state.[reset]"
        )
        + "\n"
    )
