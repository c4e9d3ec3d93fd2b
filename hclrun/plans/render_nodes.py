"""The pieces of a rendered diff: each ``Diff`` has an action, whether it
forces replacement, and a renderer that writes it as Terraform's plan output
does at a given indent (four spaces per level, an action symbol column)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from hclrun.plans.actions import Action
from hclrun.plans.render_text import Colorize
from hclrun.values.strings import go_quote

SYMBOLS = {
    Action.DELETE_THEN_CREATE: "[red]-[reset]/[green]+[reset]",
    Action.CREATE_THEN_DELETE: "[green]+[reset]/[red]-[reset]",
    Action.CREATE: "  [green]+[reset]",
    Action.DELETE: "  [red]-[reset]",
    Action.FORGET: " [red].[reset]",
    Action.CREATE_THEN_FORGET: " [green]+[reset]/[red].[reset]",
    Action.READ: " [cyan]<=[reset]",
    Action.UPDATE: "  [yellow]~[reset]",
    Action.NO_OP: "   ",
}


@dataclass(slots=True)
class Opts:
    colorize: Colorize
    override_null_suffix: bool = False
    force_forces_replacement: bool = False
    forbid_forces_replacement: bool = False
    show_unchanged_children: bool = False
    hide_diff_action_symbols: bool = False

    def clone(self) -> Opts:
        return Opts(
            self.colorize,
            self.override_null_suffix,
            False,
            False,
            self.show_unchanged_children,
            self.hide_diff_action_symbols,
        )

    def color(self, text: str) -> str:
        return self.colorize.color(text)


class Renderer:
    __slots__ = ()
    # Whether ``warnings`` can return anything (only sensitivity changes warn).
    warns = False

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        raise NotImplementedError

    def warnings(self, diff: Diff, indent: int, opts: Opts) -> list[str]:
        return []


@dataclass(slots=True)
class Diff:
    renderer: Renderer | None
    action: Action
    replace: bool = False

    def render(self, indent: int, opts: Opts) -> str:
        assert self.renderer is not None
        return self.renderer.render(self, indent, opts)

    def warnings(self, indent: int, opts: Opts) -> list[str]:
        assert self.renderer is not None
        return self.renderer.warnings(self, indent, opts)


EMPTY_DIFF = Diff(None, Action.NO_OP)


# ----------------------------------------------------------------------------- helpers


def _symbol_table(disable_colour: bool) -> dict[Action, str]:
    colorize = Colorize(disable=disable_colour)
    return {action: colorize.color(SYMBOLS.get(action, "  ?")) + " " for action in Action}


# Each action's symbol column (with the space after it), plain and coloured,
# and the empty column of views that hide the symbols.
_SYMBOL_TABLES = {True: _symbol_table(True), False: _symbol_table(False)}
_NO_SYMBOLS = dict.fromkeys(Action, "")


def symbol_texts(opts: Opts) -> dict[Action, str]:
    """The symbol column of each action under ``opts`` (for loops over many children)."""
    if opts.hide_diff_action_symbols:
        return _NO_SYMBOLS
    return _SYMBOL_TABLES[opts.colorize.disable]


def symbol(action: Action, opts: Opts) -> str:
    if opts.hide_diff_action_symbols:
        return ""
    return _SYMBOL_TABLES[opts.colorize.disable][action]


_INDENTS = ["    " * n for n in range(32)]


def indent_of(n: int) -> str:
    return _INDENTS[n] if n < 32 else "    " * n


def null_suffix(action: Action, opts: Opts) -> str:
    if not opts.override_null_suffix and action is Action.DELETE:
        return opts.color(" [dark_gray]-> null[reset]")
    return ""


def forces_replacement(replace: bool, opts: Opts) -> str:
    if (replace or opts.force_forces_replacement) and not opts.forbid_forces_replacement:
        return opts.color(" [red]# forces replacement[reset]")
    return ""


def unchanged(keyword: str, count: int, opts: Opts) -> str:
    plural = "" if count == 1 else "s"
    return opts.color(f"[dark_gray]# ({count} unchanged {keyword}{plural} hidden)[reset]")


@lru_cache(maxsize=4096)
def valid_identifier(name: str) -> bool:
    if not name:
        return False
    first = name[0]
    if not (first.isalpha() or first == "_"):
        return False
    return all(c.isalnum() or c in "_-" for c in name)


@lru_cache(maxsize=4096)
def attribute_name(name: str) -> str:
    return name if valid_identifier(name) else go_quote(name)


def render_number(value: Any) -> str:
    return str(value)


# ----------------------------------------------------------------------------- leaves


class Sensitive(Renderer):
    __slots__ = ("inner", "before_sensitive", "after_sensitive")

    def __init__(self, inner: Diff, before_sensitive: bool, after_sensitive: bool) -> None:
        self.inner = inner
        self.before_sensitive = before_sensitive
        self.after_sensitive = after_sensitive

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        return "(sensitive value)" + null_suffix(diff.action, opts) + forces_replacement(diff.replace, opts)

    warns = True

    def warnings(self, diff: Diff, indent: int, opts: Opts) -> list[str]:
        if self.before_sensitive == self.after_sensitive or self.inner.action in (Action.CREATE, Action.DELETE):
            return []
        pad = indent_of(indent)
        if self.before_sensitive:
            warning = opts.color(
                f"  # [yellow]Warning[reset]: this attribute value will no longer be marked as sensitive\n"
                f"{pad}  # after applying this change."
            )
        else:
            warning = opts.color(
                f"  # [yellow]Warning[reset]: this attribute value will be marked as sensitive and will not\n"
                f"{pad}  # display in UI output after applying this change."
            )
        if self.inner.action is Action.NO_OP:
            return [f"{warning} The value is unchanged."]
        return [warning]


class SensitiveBlock(Sensitive):
    __slots__ = ()

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        prefix = indent_of(indent) + symbol(Action.NO_OP, opts)
        return (
            "{" + forces_replacement(diff.replace, opts) + "\n"
            f"{prefix}  # At least one attribute in this block is (or was) sensitive,\n"
            f"{prefix}  # so its contents will not be displayed.\n{prefix}}}"
        )

    def warnings(self, diff: Diff, indent: int, opts: Opts) -> list[str]:
        if self.before_sensitive == self.after_sensitive or self.inner.action in (Action.CREATE, Action.DELETE):
            return []
        pad = indent_of(indent)
        if self.before_sensitive:
            return [
                opts.color(
                    f"  # [yellow]Warning[reset]: this block will no longer be marked as sensitive\n"
                    f"{pad}  # after applying this change."
                )
            ]
        return [
            opts.color(
                f"  # [yellow]Warning[reset]: this block will be marked as sensitive and will not\n"
                f"{pad}  # display in UI output after applying this change."
            )
        ]


class UnknownValue(Renderer):
    __slots__ = ("before",)

    def __init__(self, before: Diff) -> None:
        self.before = before

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        if diff.action is Action.CREATE or self.before.renderer is None:
            return "(known after apply)" + forces_replacement(diff.replace, opts)
        before_opts = opts.clone()
        before_opts.override_null_suffix = True
        if diff.replace:
            before_opts.forbid_forces_replacement = True
        return f"{self.before.render(indent, before_opts)} -> (known after apply)" + forces_replacement(
            diff.replace, opts
        )


class TypeChange(Renderer):
    __slots__ = ("before", "after")

    def __init__(self, before: Diff, after: Diff) -> None:
        self.before = before
        self.after = after

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        opts = replace(opts, override_null_suffix=True)
        arrow = opts.color("[yellow]->[reset]")
        return f"{self.before.render(indent, opts)} {arrow} {self.after.render(indent, opts)}"


def json_text(value: Any) -> str:
    return json.dumps(value)


__all__ = [
    "EMPTY_DIFF",
    "SYMBOLS",
    "Diff",
    "Opts",
    "Renderer",
    "Sensitive",
    "SensitiveBlock",
    "TypeChange",
    "UnknownValue",
    "attribute_name",
    "forces_replacement",
    "indent_of",
    "null_suffix",
    "symbol",
    "symbol_texts",
    "unchanged",
]
