"""``hclrun init``: check the configuration and install the modules it calls."""

from __future__ import annotations

import sys

import click

from hclrun.diagrender import render_diagnostics

_INVALID_CONFIGURATION = (
    "Error: hclrun encountered problems during initialisation, including problems\n"
    "with the configuration, described below.\n\n"
    "The hclrun configuration must be valid before initialization so that\n"
    "hclrun can determine which modules and providers need to be installed.\n"
)


@click.command()
@click.option("--upgrade", is_flag=True, help="Install the latest module versions allowed by the configuration.")
@click.option("--lock-modules", "lock_modules", default="true", metavar="BOOL", help="Verify and update the module lock.")
@click.option("--backend", "backend", default="true", metavar="BOOL", help="Configure the backend (false skips it).")
@click.option("--input", "input_", default="true", metavar="BOOL", help="Ask for input if necessary.")
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
def init(upgrade: bool, lock_modules: str, backend: str, input_: str, no_color: bool) -> None:
    """Prepare your working directory for other commands."""
    from hclrun.config.initialize import InitOptions, initialize

    color = not no_color
    options = InitOptions(upgrade=upgrade, lock_modules=_flag(lock_modules), backend=_flag(backend))
    result = initialize(".", options, progress=click.echo)
    if result.configuration_invalid:
        click.echo("\n" + _INVALID_CONFIGURATION, err=True)
    if result.diagnostics:
        click.echo(render_diagnostics(result.diagnostics, result.sources, color=color), err=True, nl=False, color=color)
    if not result.ok:
        sys.exit(1)
    click.echo("")
    message = "hclrun has been successfully initialized!"
    click.echo(f"\x1b[32m\x1b[1m{message}\x1b[0m" if color else message, color=color)


def _flag(text: str) -> bool:
    return text.strip().lower() not in ("false", "0", "no")
