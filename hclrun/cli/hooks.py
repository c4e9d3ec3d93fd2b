"""``hclrun hook``: what the pre-commit hooks run, given the changed files.

pre-commit passes file names; ``validate`` and ``lint`` work on module
directories. These commands group the files by directory and check each
directory once, as its own root module, with file names in messages
relative to where the hook runs (``modules/app/main.tf``).
"""

from __future__ import annotations

import dataclasses
import os
import sys

import click

from hclrun.cli.lint import report, split_rule_ids
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.diagrender import render_diagnostics
from hclrun.source import Range

_COLOR_OPTION = click.option(
    "--color/--no-color",
    "color",
    default=None,
    help="Colour the output (default: only when writing to a terminal and NO_COLOR is not set).",
)


def _use_color(requested: bool | None) -> bool:
    """pre-commit captures hook output, so colour is off unless asked for or the output is a terminal."""
    if requested is not None:
        return requested
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.group()
def hook() -> None:
    """Run a check on the module directories of changed files (used by .pre-commit-hooks.yaml)."""


@hook.command("validate")
@click.argument("files", nargs=-1)
@_COLOR_OPTION
def validate_files(files: tuple[str, ...], color: bool | None) -> None:
    """Validate each module directory that contains one of FILES; fail if any has errors."""
    from hclrun.lint import module_directories

    color = _use_color(color)
    failed = False
    for directory in module_directories(files):
        diags, sources = _validate_directory(directory)
        if not diags:
            continue
        failed = failed or diags.has_errors()
        click.echo(render_diagnostics(diags, sources, color=color), nl=False, color=color, err=diags.has_errors())
    sys.exit(1 if failed else 0)


@hook.command("lint")
@click.argument("files", nargs=-1)
@_COLOR_OPTION
@click.option("--disable", "disable", multiple=True, metavar="RULE", help="Turn off a rule (repeat, or separate with commas).")
@click.option("--error-on-warning", "error_on_warning", is_flag=True, help="Fail when there are warnings.")
def lint_files(files: tuple[str, ...], color: bool | None, disable: tuple[str, ...], error_on_warning: bool) -> None:
    """Lint each module directory that contains one of FILES."""
    from hclrun.lint import lint_directories, module_directories

    disabled = split_rule_ids(disable)
    result = lint_directories(module_directories(files), disabled)
    sys.exit(report(result.entries, result.sources, as_json=False, color=_use_color(color), error_on_warning=error_on_warning))


def _validate_directory(directory: str) -> tuple[Diagnostics, dict[str, bytes]]:
    """``validate`` run inside ``directory``, file names then made relative to the current directory."""
    from hclrun.validation import validate_tree

    here = os.getcwd()
    os.chdir(directory)
    try:
        result = validate_tree(".")
    finally:
        os.chdir(here)
    if os.path.normpath(directory) == ".":
        return result.diagnostics, result.sources
    sources = {os.path.join(directory, name): text for name, text in result.sources.items()}
    return Diagnostics(_moved(d, directory) for d in result.diagnostics), sources


def _moved(diag: Diagnostic, directory: str) -> Diagnostic:
    return dataclasses.replace(diag, subject=_prefixed(diag.subject, directory), context=_prefixed(diag.context, directory))


def _prefixed(where: Range | None, directory: str) -> Range | None:
    if where is None or not where.filename or os.path.isabs(where.filename):
        return where
    return dataclasses.replace(where, filename=os.path.join(directory, where.filename))
