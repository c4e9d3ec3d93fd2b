"""The valid configuration files the project already has, gathered for property tests."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hclrun.diagnostics import Diagnostics
from hclrun.eval import Scope, default_functions, evaluate
from hclrun.syntax import ast
from hclrun.syntax.parser import parse_file
from hclrun.values.render import render_console
from hclrun.values.value import Value

from .meaning import attribute_expressions, called_functions

ROOT = Path(__file__).resolve().parents[2]

# Functions whose result differs from one call to the next.
IMPURE_FUNCTIONS = frozenset({"timestamp", "plantimestamp", "uuid", "bcrypt"})


def _corpus_paths() -> list[Path]:
    fixtures = ROOT / "fixtures"
    paths = [
        *sorted((fixtures / "syntax" / "valid").glob("*.tf")),
        *sorted((fixtures / "fmt" / "input").glob("*.tf")),
        *sorted(
            p
            for p in (fixtures / "validate").rglob("*.tf")
            if any(part.startswith("valid") for part in p.relative_to(fixtures / "validate").parts)
        ),
        *sorted((ROOT / "examples").rglob("*.tf")),
    ]
    return [p for p in paths if p.is_file()]


@cache
def valid_corpus() -> dict[str, bytes]:
    """Relative path -> contents, for every corpus file that parses without errors."""
    found: dict[str, bytes] = {}
    for path in _corpus_paths():
        data = path.read_bytes()
        _, diags = parse_file(data, path.name)
        if not diags.has_errors():
            found[str(path.relative_to(ROOT))] = data
    return found


@cache
def evaluation_scope() -> Scope:
    """An empty scope (every reference is an error) with the built-in functions."""
    return Scope({}, default_functions(str(ROOT / "fixtures" / "console" / "files")))


@cache
def variables_scope() -> Scope:
    """A scope with a few variables of different kinds."""
    variables = {
        "var": Value.object(
            {
                "name": Value.string("web"),
                "count": Value.number(3),
                "tags": Value.map({"env": Value.string("prod")}),
                "secret": Value.string("hunter2").mark("sensitive"),
                "later": Value.unknown(),
                "nothing": Value.null(),
                "list": Value.tuple([Value.number(1), Value.string("two"), Value.bool(True)]),
            }
        ),
        "local": Value.object({"zone": Value.string("a"), "ids": Value.list([Value.string("i-1")])}),
        "count": Value.object({"index": Value.number(0)}),
        "each": Value.object({"key": Value.string("k"), "value": Value.unknown()}),
    }
    return Scope(variables, evaluation_scope().functions)


def evaluation_outcome(expr: ast.Expression, scope: Scope) -> tuple[str, ...] | str | None:
    """What evaluating ``expr`` gives, in comparable form: the console rendering of the
    value, the error summaries, or None when the expression calls an impure function."""
    if called_functions(expr) & IMPURE_FUNCTIONS:
        return None
    value, diags = evaluate(expr, scope)
    return _outcome(value, diags)


def _outcome(value: Value, diags: Diagnostics) -> tuple[str, ...] | str:
    if diags.has_errors():
        return tuple(d.summary for d in diags.errors())
    return render_console(value)


def file_outcomes(file: ast.File, scope: Scope) -> list[tuple[str, tuple[str, ...] | str | None]]:
    return [(path, evaluation_outcome(expr, scope)) for path, expr in attribute_expressions(file.body)]
