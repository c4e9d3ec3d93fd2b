"""The table of built-in functions, by name, including the ``core::`` aliases.

Some functions need the caller's context (the module directory for
filesystem functions, a template renderer for ``templatefile``, the clock
for ``plantimestamp``); it arrives as a FunctionContext. ``try`` and ``can``
take unevaluated expressions, so the evaluator implements them itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from hclrun.functions.spec import Function
from hclrun.values.value import Value

# One module per family; each defines ``functions(ctx: FunctionContext) -> list[Function]``.
FAMILIES = (
    "strings",
    "numeric",
    "collections",
    "encoding",
    "filesystem",
    "datetime",
    "crypto",
    "network",
    "typeconv",
)

# Functions that take unevaluated expressions and are handled by the evaluator.
EVALUATOR_FUNCTIONS = frozenset({"try", "can"})

# Renders a template source text with the given variables; returns the result
# or raises FunctionCallError (TemplateParseError when the text does not parse).
# Provided by the evaluator layer. Arguments: text, file name, variables.
TemplateRenderer = Callable[[str, str, dict[str, Value]], Value]

# The file name templatestring's templates are parsed under; templates by that
# name may not call the filesystem functions.
TEMPLATESTRING_FILENAME = "<templatestring argument>"


@dataclass
class FunctionContext:
    base_dir: str = "."
    template_renderer: TemplateRenderer | None = None
    plan_timestamp: datetime = field(default_factory=lambda: datetime.now(UTC))
    # The function table itself, so templatefile can offer functions to templates.
    table: dict[str, Function] = field(default_factory=dict)


def build_function_table(ctx: FunctionContext | None = None) -> dict[str, Function]:
    """All built-in functions for ``ctx``, under their plain and ``core::`` names."""
    ctx = ctx or FunctionContext()
    table: dict[str, Function] = {}
    for family in FAMILIES:
        try:
            module = importlib.import_module(f"hclrun.functions.{family}")
        except ModuleNotFoundError as exc:
            if exc.name != f"hclrun.functions.{family}":
                raise
            continue
        for fn in module.functions(ctx):
            table[fn.name] = fn
    for name in list(table):
        table[f"core::{name}"] = table[name]
    ctx.table = table
    return table
