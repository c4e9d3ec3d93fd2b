"""``hclrun import ADDR ID``: bring an existing object under management."""

from __future__ import annotations

import sys

import click

from hclrun.cli.plan import lock_timeout_or_exit
from hclrun.cli.planflags import flag_value, state_options
from hclrun.cli.views.stream import Output

IMPORT_SUCCESS = (
    "\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\n"
    "your hclrun state and will henceforth be managed by hclrun.\n"
)


@click.command("import")
@state_options
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
@click.option("--input", "input_", default="true", metavar="BOOL", help="Ask for input for variables if not directly set.")
@click.option("--var", "var", multiple=True, hidden=True)
@click.option("--var-file", "var_file", multiple=True, hidden=True)
@click.argument("address")
@click.argument("import_id", metavar="ID")
def import_(lock: str, lock_timeout: str, no_color: bool, input_: str, var: tuple[str, ...], var_file: tuple[str, ...], address: str, import_id: str) -> None:
    """Associate existing infrastructure with a hclrun resource."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.importing import run_import

    out = Output(color=not no_color)

    def progress(line: str) -> None:
        out.write(out.markup(f"[reset][bold]{line}[reset]") + "\n" if out.color else line + "\n")

    result = run_import(
        WorkingDir("."), address, import_id, lock=flag_value(lock),
        lock_timeout=lock_timeout_or_exit(out, lock_timeout), progress=progress,
    )
    out.diagnostics(result.diagnostics, result.sources)
    if not result.ok:
        sys.exit(1)
    out.write(out.markup("[reset][green]" + IMPORT_SUCCESS + "[reset]"))
