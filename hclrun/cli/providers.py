"""``hclrun providers``: the providers the configuration needs, and ``schema -json``."""

from __future__ import annotations

import sys

import click

from hclrun.cli.views.stream import Output


@click.group(invoke_without_command=True)
@click.pass_context
def providers(ctx: click.Context) -> None:
    """Show the providers required for this configuration."""
    if ctx.invoked_subcommand is not None:
        return
    from hclrun.operations import WorkingDir
    from hclrun.operations.schema_json import required_providers

    out = Output(color=True)
    lines = required_providers(WorkingDir("."))
    out.write("\nProviders required by configuration:\n.\n" + "".join(f"└── provider[{p}]\n" for p in lines) + "\n")


@providers.command("schema")
@click.option("--json", "as_json", is_flag=True, help="Print the schemas in JSON format.")
def schema(as_json: bool) -> None:
    """Show schemas for the providers used in the configuration."""
    from hclrun.operations import WorkingDir
    from hclrun.operations.schema_json import provider_schemas_json

    out = Output(color=True)
    if not as_json:
        out.write_err(
            "\nError: The -json flag is required\n\nThe `hclrun providers schema` command requires the `-json` flag.\n"
        )
        sys.exit(1)
    doc, diags = provider_schemas_json(WorkingDir("."))
    if diags.has_errors():
        out.diagnostics(diags, {})
        sys.exit(1)
    out.write(doc + "\n")
