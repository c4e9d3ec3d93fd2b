"""``hclrun version``."""

from __future__ import annotations

import click

from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Output the version information as a JSON object.")
def version(as_json: bool) -> None:
    """Show the current hclrun version."""
    if as_json:
        import json

        click.echo(json.dumps({"hclrun_version": __version__, "terraform_version": TERRAFORM_COMPAT_VERSION}, indent=2))
    else:
        click.echo(f"hclrun v{__version__}\n(compatible with Terraform v{TERRAFORM_COMPAT_VERSION})")
