"""``hclrun validate``: check the configuration in the current directory without providers or state."""

from __future__ import annotations

import json
import sys

import click

from hclrun.diagrender import render_diagnostics


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Produce output in a machine-readable JSON format.")
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
@click.option("--no-tests", "no_tests", is_flag=True, hidden=True)
@click.option("--test-directory", "test_directory", hidden=True)
def validate(as_json: bool, no_color: bool, no_tests: bool, test_directory: str | None) -> None:
    """Validate the configuration files in a directory."""
    from hclrun.validation import validate_tree

    result = validate_tree(".")
    diags = result.diagnostics
    if as_json:
        from hclrun.validation.report import validate_document

        click.echo(json.dumps(validate_document(diags, result.sources), indent=2, ensure_ascii=False))
        sys.exit(0 if result.valid else 1)
    color = not no_color
    errors = [d for d in diags if d.is_error]
    warnings = [d for d in diags if not d.is_error]
    if errors:
        text = render_diagnostics(diags, result.sources, color=color)
        click.echo(text, err=True, nl=False, color=color)
        sys.exit(1)
    if warnings:
        click.echo(render_diagnostics(warnings, result.sources, color=color), nl=False, color=color)
        message = "Success! The configuration is valid, but there were some validation warnings\nas shown above.\n"
    else:
        message = "Success! The configuration is valid.\n"
    if color:
        head, _, rest = message.partition(" ")
        message = f"\x1b[32m\x1b[1m{head}\x1b[0m\x1b[32m {rest.rstrip()}\x1b[0m\n"
    click.echo(message, color=color)
