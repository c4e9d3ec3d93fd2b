"""The options ``plan``, ``apply``, ``destroy`` and ``refresh`` share, and the
click command class that remembers the order of ``-var`` and ``-var-file``
(later sources win, so their relative order matters)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from hclrun.plans.actions import PlanMode

F = TypeVar("F", bound=Callable[..., Any])
_ORDER_KEY = "hclrun.variable_order"


class OrderedVariablesCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        parser = self.make_parser(ctx)
        try:
            _, _, order = parser.parse_args(args=list(args))
        except click.UsageError:
            order = []
        ctx.meta[_ORDER_KEY] = [p.name for p in order if p.name in ("var", "var_file")]
        return super().parse_args(ctx, args)


def variable_args(ctx: click.Context, var: Sequence[str], var_file: Sequence[str]) -> list[tuple[str, str]]:
    """``(kind, text)`` pairs in command-line order."""
    vars_left, files_left = list(var), list(var_file)
    found: list[tuple[str, str]] = []
    for name in ctx.meta.get(_ORDER_KEY, []):
        if name == "var" and vars_left:
            found.append(("var", vars_left.pop(0)))
        elif name == "var_file" and files_left:
            found.append(("var-file", files_left.pop(0)))
    found.extend(("var", v) for v in vars_left)
    found.extend(("var-file", f) for f in files_left)
    return found


def flag_value(text: str) -> bool:
    return text.strip().lower() not in ("false", "0", "no", "f")


_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")


def parse_duration(text: str) -> float | None:
    """Go duration text (``0s``, ``5s``, ``1m30s``, ``500ms``) in seconds; None when invalid."""
    text = text.strip()
    if text in ("0", ""):
        return 0.0
    pos = 0
    total = 0.0
    scale = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}
    while pos < len(text):
        m = _DURATION.match(text, pos)
        if m is None:
            return None
        total += float(m.group(1)) * scale[m.group(2)]
        pos = m.end()
    return total


def state_options(f: F) -> F:
    f = click.option("--lock", "lock", default="true", metavar="BOOL", help="Lock the state file when locking is supported.")(f)
    f = click.option("--lock-timeout", "lock_timeout", default="0s", metavar="DURATION", help="Duration to retry a state lock.")(f)
    return f


def plan_options(f: F) -> F:
    options = [
        click.option("--destroy", "destroy", is_flag=True, help="Select the \"destroy\" planning mode."),
        click.option("--refresh-only", "refresh_only", is_flag=True, help="Select the \"refresh only\" planning mode."),
        click.option("--refresh", "refresh", default="true", metavar="BOOL", help="Skip checking for external changes."),
        click.option("--target", "target", multiple=True, metavar="ADDRESS", help="Limit the planning operation to the given resource."),
        click.option("--replace", "replace", multiple=True, metavar="ADDRESS", help="Force replacement of a resource instance."),
        click.option("--var", "var", multiple=True, metavar="NAME=VALUE", help="Set a value for one of the input variables."),
        click.option("--var-file", "var_file", multiple=True, metavar="FILENAME", help="Load variable values from the given file."),
        click.option("--parallelism", "parallelism", default=10, type=int, help="Limit the number of concurrent operations."),
        click.option("--input", "input_", default="true", metavar="BOOL", help="Ask for input for variables if not directly set."),
        click.option("--no-color", "no_color", is_flag=True, help="If specified, output won't contain any color."),
        click.option("--json", "as_json", is_flag=True, help="Produce output in a machine-readable JSON format."),
        click.option("--compact-warnings", "compact_warnings", is_flag=True, help="Show warnings in a more compact form."),
    ]
    for option in reversed(options):
        f = option(f)
    return state_options(f)


def plan_mode(destroy: bool, refresh_only: bool) -> PlanMode:
    if destroy:
        return PlanMode.DESTROY
    if refresh_only:
        return PlanMode.REFRESH_ONLY
    return PlanMode.NORMAL
