"""``hclrun init``: check the configuration and install the modules it calls."""

from __future__ import annotations

import os
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
@click.option("--backend-config", "backend_config", multiple=True, metavar="PATH|KEY=VALUE", help="Backend settings merged over the backend block.")
@click.option("--reconfigure", is_flag=True, help="Reconfigure the backend, ignoring any saved configuration.")
@click.option("--migrate-state", "migrate_state", is_flag=True, help="Reconfigure the backend, copying the existing state.")
def init(
    upgrade: bool,
    lock_modules: str,
    backend: str,
    input_: str,
    no_color: bool,
    backend_config: tuple[str, ...],
    reconfigure: bool,
    migrate_state: bool,
) -> None:
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
    if options.backend:
        _configure_backend(list(backend_config), reconfigure, migrate_state, color)
    click.echo("")
    message = "hclrun has been successfully initialized!"
    click.echo(f"\x1b[32m\x1b[1m{message}\x1b[0m" if color else message, color=color)


def _configure_backend(given: list[str], reconfigure: bool, migrate: bool, color: bool) -> None:
    """Record the configuration's backend in ``.terraform`` (see ``backends.configure``)."""
    from hclrun.backends.configure import configure_backend
    from hclrun.config.loader import load_module

    module, _ = load_module(".")
    if module.backend is None and not given and not os.path.exists(os.path.join(".terraform", "terraform.tfstate")):
        return
    click.echo("\x1b[0m\x1b[1mInitializing the backend...\x1b[0m" if color else "Initializing the backend...", color=color)
    done = configure_backend(".terraform", module.backend, given, reconfigure=reconfigure, migrate=migrate)
    if done.diagnostics:
        # init prints its warnings with its progress, on stdout
        to_stderr = done.diagnostics.has_errors()
        rendered = render_diagnostics(done.diagnostics, module.sources, color=color)
        click.echo(rendered, err=to_stderr, nl=False, color=color)
    if done.diagnostics.has_errors():
        sys.exit(1)
    if done.configured:
        message = (
            f'Successfully configured the backend "{done.configured}"! hclrun will automatically\n'
            "use this backend unless the backend configuration changes."
        )
        click.echo(f"\x1b[0m\x1b[32m\n{message}\x1b[0m" if color else "\n" + message, color=color)


def _flag(text: str) -> bool:
    return text.strip().lower() not in ("false", "0", "no")
