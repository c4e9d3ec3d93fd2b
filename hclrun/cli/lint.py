"""``hclrun lint``: warnings about valid configurations worth changing (unused declarations, unpinned sources...)."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.diagrender import render_diagnostics


def split_rule_ids(values: Sequence[str]) -> list[str]:
    """Rule ids from repeated and comma-separated ``--disable`` values; unknown ids are a usage error."""
    from hclrun.lint import RULES_BY_ID

    ids = [part.strip() for value in values for part in value.split(",") if part.strip()]
    unknown = [rule_id for rule_id in ids if rule_id not in RULES_BY_ID]
    if unknown:
        known = ", ".join(sorted(RULES_BY_ID))
        raise click.BadParameter(f"unknown rule {unknown[0]!r} (rules: {known})", param_hint="--disable")
    return ids


def lint_json(entries: Sequence[tuple[str | None, Diagnostic]], sources: dict[str, bytes]) -> dict[str, Any]:
    """The ``validate -json`` document, with each lint finding's ``rule`` id added to its diagnostic."""
    from hclrun.validation.report import validate_document

    document = validate_document(Diagnostics(d for _, d in entries), sources)
    for item, (rule_id, _) in zip(document["diagnostics"], entries, strict=True):
        if rule_id is not None:
            item["rule"] = rule_id
    return document


def with_rule_ids(entries: Sequence[tuple[str | None, Diagnostic]]) -> Diagnostics:
    """Diagnostics for the terminal: each finding's summary ends with its rule id, as ``(unused-variable)``."""
    return Diagnostics(
        d if rule_id is None else dataclasses.replace(d, summary=f"{d.summary} ({rule_id})") for rule_id, d in entries
    )


def report(
    entries: Sequence[tuple[str | None, Diagnostic]],
    sources: dict[str, bytes],
    *,
    as_json: bool,
    color: bool,
    error_on_warning: bool,
) -> int:
    """Print the findings; the exit status (1 on errors, or on warnings with ``error_on_warning``)."""
    diags = with_rule_ids(entries)
    has_errors = diags.has_errors()
    failed = has_errors or (error_on_warning and bool(diags))
    if as_json:
        click.echo(json.dumps(lint_json(entries, sources), indent=2, ensure_ascii=False))
    elif diags:
        text = render_diagnostics(diags, sources, color=color)
        click.echo(text, nl=False, color=color, err=has_errors)
    return 1 if failed else 0


@click.command()
@click.argument("directories", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Produce output in a machine-readable JSON format.")
@click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color.")
@click.option("--disable", "disable", multiple=True, metavar="RULE", help="Turn off a rule (repeat, or separate with commas).")
@click.option("--error-on-warning", "error_on_warning", is_flag=True, help="Exit with status 1 when there are warnings.")
@click.option("--list-rules", "list_rules", is_flag=True, help="List the rules and exit.")
def lint(
    directories: tuple[str, ...],
    as_json: bool,
    no_color: bool,
    disable: tuple[str, ...],
    error_on_warning: bool,
    list_rules: bool,
) -> None:
    """Check the modules in DIRECTORIES (default: the current directory) for common mistakes.

    Silence one finding with a "# hclrun-lint-ignore RULE" comment on the line
    before it, or a whole rule with --disable RULE.
    """
    from hclrun.lint import ALL_RULES, lint_directories

    if list_rules:
        width = max(len(rule.id) for rule in ALL_RULES)
        for rule in ALL_RULES:
            click.echo(f"{rule.id:<{width}}  {rule.description}")
        return
    disabled = split_rule_ids(disable)
    result = lint_directories(directories or (".",), disabled)
    sys.exit(report(result.entries, result.sources, as_json=as_json, color=not no_color, error_on_warning=error_on_warning))
