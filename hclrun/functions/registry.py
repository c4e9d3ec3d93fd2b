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
from hclrun.functions.table import FunctionTable
from hclrun.values.value import Value

# One module per family; each defines ``functions(ctx: FunctionContext) -> list[Function]``
# returning exactly these names, in this order (a test keeps the two in step). Knowing
# the names here lets the table answer "is there such a function" and list names
# without importing any family.
FAMILY_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "strings": (
        "upper", "lower", "title", "chomp", "trimspace", "strrev", "trim", "trimprefix", "trimsuffix",
        "startswith", "endswith", "strcontains", "indent", "substr", "replace", "split", "join", "regex",
        "regexall", "format", "formatlist", "templatestring",
    ),
    "numeric": ("abs", "ceil", "floor", "signum", "log", "pow", "max", "min", "parseint"),
    "collections": (
        "length", "element", "index", "contains", "concat", "flatten", "range", "slice", "reverse",
        "chunklist", "distinct", "compact", "sort", "one", "keys", "values", "lookup", "merge", "zipmap",
        "transpose", "matchkeys", "setunion", "setintersection", "setsubtract", "setproduct", "alltrue",
        "anytrue", "sum", "coalesce", "coalescelist",
    ),
    "encoding": (
        "base64decode", "base64encode", "base64gzip", "urlencode", "textencodebase64", "textdecodebase64",
        "jsonencode", "jsondecode", "yamlencode", "yamldecode", "csvdecode",
    ),
    "filesystem": (
        "abspath", "basename", "dirname", "pathexpand", "file", "filebase64", "fileexists", "filemd5",
        "filesha1", "filesha256", "filesha512", "filebase64sha256", "filebase64sha512", "fileset",
        "templatefile",
    ),
    "datetime": ("formatdate", "timeadd", "timecmp", "timestamp", "plantimestamp"),
    "crypto": ("md5", "sha1", "sha256", "sha512", "base64sha256", "base64sha512", "bcrypt", "rsadecrypt", "uuid", "uuidv5"),
    "network": ("cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets"),
    "typeconv": (
        "tobool", "tonumber", "tostring", "tolist", "toset", "tomap", "sensitive", "nonsensitive", "issensitive",
        "ephemeralasnull",
    ),
}  # fmt: skip

FAMILIES = tuple(FAMILY_FUNCTIONS)

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


def function_families() -> dict[str, str]:
    """Every function name, plain then ``core::``, mapped to the family defining it."""
    plain = {name: family for family, names in FAMILY_FUNCTIONS.items() for name in names}
    return plain | {f"core::{name}": family for name, family in plain.items()}


def build_function_table(ctx: FunctionContext | None = None) -> FunctionTable:
    """All built-in functions for ``ctx``, under their plain and ``core::`` names.

    The table is a FunctionTable: each family's module (and what it imports)
    loads when one of its functions is first looked up.
    """
    context = ctx or FunctionContext()

    def load_family(family: str) -> list[Function]:
        module = importlib.import_module(f"hclrun.functions.{family}")
        return list(module.functions(context))

    table = FunctionTable(function_families(), load_family)
    context.table = table
    return table
