"""The ``hclrun`` command: a click group whose subcommands load lazily.

Terraform's single-dash long flags (``-chdir=DIR``, ``-check``, ``-out=FILE``)
are accepted by rewriting them to click's ``--long`` form before parsing.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Sequence

import click

from hclrun.version import TERRAFORM_COMPAT_VERSION, __version__

# command name -> ("module:attribute", short help); modules import only when the command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "apply": ("hclrun.cli.apply:apply", "Create or update infrastructure"),
    "console": ("hclrun.cli.console:console", "Try hclrun expressions at an interactive command prompt"),
    "destroy": ("hclrun.cli.apply:destroy", "Destroy previously-created infrastructure"),
    "fmt": ("hclrun.cli.fmt:fmt", "Reformat your configuration in the standard style"),
    "graph": ("hclrun.cli.graph:graph", "Generate a Graphviz graph of the steps in an operation"),
    "hook": ("hclrun.cli.hooks:hook", "Commands the pre-commit hooks run on changed files"),
    "init": ("hclrun.cli.init:init", "Prepare your working directory for other commands"),
    "lint": ("hclrun.cli.lint:lint", "Warn about configuration that is valid but worth changing"),
    "plan": ("hclrun.cli.plan:plan", "Show changes required by the current configuration"),
    "refresh": ("hclrun.cli.apply:refresh", "Update the state to match remote systems"),
    "validate": ("hclrun.cli.validate:validate", "Check whether the configuration is valid"),
    "version": ("hclrun.cli.version:version", "Show the current hclrun version"),
    "force-unlock": ("hclrun.cli.force_unlock:force_unlock", "Release a stuck lock on the current workspace"),
    "output": ("hclrun.cli.output:output", "Show output values from your root module"),
    "providers": ("hclrun.cli.providers:providers", "Show the providers required for this configuration"),
    "show": ("hclrun.cli.show:show", "Show the current state or a saved plan"),
    "state": ("hclrun.cli.state:state", "Advanced state management"),
    "taint": ("hclrun.cli.taint:taint", "Mark a resource instance as not fully functional"),
    "untaint": ("hclrun.cli.taint:untaint", "Remove the 'tainted' state from a resource instance"),
    "workspace": ("hclrun.cli.workspace:workspace", "Workspace management"),
    "import": ("hclrun.cli.import_resource:import_", "Associate existing infrastructure with a hclrun resource"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            rest = boolean_flag_values(command, rest)
        return name, command, rest

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands from the static table, so ``--help`` imports none of them."""
        rows = [(name, help_text) for name, (_, help_text) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def normalize_args(args: Sequence[str]) -> list[str]:
    """Rewrite Terraform-style ``-flag`` / ``-flag=value`` into ``--flag`` forms.

    A lone ``-`` (stdin) and arguments after ``--`` are left alone, as are
    negative numbers and single-letter flags such as ``-h``.
    """
    out: list[str] = []
    passthrough = False
    for a in args:
        if passthrough or a == "--":
            passthrough = True
            out.append(a)
            continue
        if a == "-help":
            out.append("--help")
        elif a.startswith("-") and not a.startswith("--") and len(a) > 2 and a[1].isalpha():
            out.append("-" + a)
        else:
            out.append(a)
    return out


GO_TRUE = frozenset({"1", "t", "T", "TRUE", "true", "True"})
GO_FALSE = frozenset({"0", "f", "F", "FALSE", "false", "False"})


def boolean_flag_values(command: click.Command, args: list[str]) -> list[str]:
    """Terraform's boolean flags also take a value (``-or-create=true``, ``-upgrade=false``):
    rewrite those into click's valueless flags, for ``command`` and the subcommand it leads to."""
    flags: dict[str, click.Option] = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.is_flag and not param.count:
            flags.update((opt, param) for opt in param.opts)
    out: list[str] = []
    for i, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        option = flags.get(name) if equals else None
        if option is None or (value not in GO_TRUE and value not in GO_FALSE):
            out.append(arg)
            if isinstance(command, click.Group) and not arg.startswith("-"):
                sub = command.commands.get(arg)
                return out + (boolean_flag_values(sub, args[i + 1 :]) if sub is not None else args[i + 1 :])
            continue
        if value in GO_TRUE:
            out.append(name)
        elif option.secondary_opts:
            out.append(option.secondary_opts[0])
    return out


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.option("--chdir", "chdir", metavar="DIR", help="Switch to a different working directory before executing the given subcommand.")
@click.option("--version", "show_version", is_flag=True, help="Show the current hclrun version.")
@click.pass_context
def cli(ctx: click.Context, chdir: str | None, show_version: bool) -> None:
    """hclrun: a Terraform-compatible infrastructure-as-code engine."""
    if chdir:
        try:
            os.chdir(chdir)
        except OSError as exc:
            click.echo(f"Error handling -chdir option: {exc.strerror}: {chdir}", err=True)
            ctx.exit(1)
    if show_version:
        click.echo(f"hclrun v{__version__}\n(compatible with Terraform v{TERRAFORM_COMPAT_VERSION})")
        ctx.exit(0)
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
        ctx.exit(0)


# Commands that build a syntax tree, report and exit: the cycle collector would scan
# their tens of thousands of tree objects again and again as they grow, for little
# memory (the trees hold few reference cycles) and about a sixth of their time.
SHORT_LIVED_COMMANDS = frozenset({"fmt", "graph", "init", "lint", "validate"})


def _command_name(args: Sequence[str]) -> str | None:
    """The subcommand in ``args`` (after the global ``-chdir=DIR`` option, if any)."""
    for a in args:
        if not a.startswith("-"):
            return a
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """The program's entry point (tests call the click group directly and keep their collector)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if _command_name(args) in SHORT_LIVED_COMMANDS:
        gc.disable()
    try:
        cli.main(args=normalize_args(args), prog_name="hclrun")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug: report it briefly instead of a traceback
        if os.environ.get("HCLRUN_DEBUG"):
            raise
        sys.stderr.write(
            f"\nError: hclrun crashed: {type(exc).__name__}: {exc}\n\n"
            "This is a bug in hclrun. Set HCLRUN_DEBUG=1 to see the full traceback.\n"
        )
        sys.exit(1)
