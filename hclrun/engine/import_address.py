"""Where an ``import`` block's ``to`` points: statically, and for each ``for_each`` element.

``to`` is written as a reference whose index steps may be expressions
(``terraform_data.x[each.key]``, ``module.m[each.key].terraform_data.y``).
``ImportAddress`` splits it into steps once: names and literal keys, and key
expressions to evaluate for each instance of the block. The names alone give
the resource configuration the block targets, which places the block in the
configuration graph before anything is evaluated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from hclrun.addrs import AbsResourceInstance, parse_abs_resource_instance
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import NUMBER, STRING

# A step: a name (attribute or root), a literal key, or a key expression.
Step = tuple[str, object]


def _steps(expr: ast.Expression) -> list[Step] | None:
    if isinstance(expr, ast.ScopeTraversalExpr):
        return [_traverser_step(t) for t in expr.traversal]
    if isinstance(expr, ast.RelativeTraversalExpr):
        base = _steps(expr.source)
        return None if base is None else base + [_traverser_step(t) for t in expr.traversal]
    if isinstance(expr, ast.IndexExpr):
        base = _steps(expr.collection)
        return None if base is None else [*base, ("expr", expr.key)]
    return None


def _traverser_step(t: ast.Traverser) -> Step:
    if isinstance(t, ast.TraverseIndex):
        key = t.key
        return ("key", key if isinstance(key, str) else int(str(key)))
    return ("name", getattr(t, "name", ""))


def _key_text(key: object) -> str:
    return f"[{json.dumps(key, ensure_ascii=False)}]" if isinstance(key, str) else f"[{key}]"


@dataclass(frozen=True)
class ImportAddress:
    steps: tuple[Step, ...]
    range: Range

    @staticmethod
    def of(expr: ast.Expression) -> ImportAddress | None:
        steps = _steps(expr)
        return None if steps is None else ImportAddress(tuple(steps), expr.range)

    def static_target(self) -> tuple[tuple[str, ...], str] | None:
        """The module call path and resource name (``terraform_data.x``) the block targets."""
        names = [str(value) for kind, value in self.steps if kind == "name"]
        modules: list[str] = []
        while len(names) >= 2 and names[0] == "module":
            modules.append(names[1])
            names = names[2:]
        if len(names) != 2:
            return None
        return tuple(modules), ".".join(names)

    def key_expressions(self) -> Iterator[ast.Expression]:
        for kind, value in self.steps:
            if kind == "expr":
                yield value  # type: ignore[misc]

    def resolve(self, scope: Scope, diags: Diagnostics) -> AbsResourceInstance | None:
        """The instance address with the key expressions evaluated in ``scope``."""
        text = ""
        for kind, value in self.steps:
            if kind == "name":
                text += f".{value}" if text else str(value)
            elif kind == "key":
                text += _key_text(value)
            else:
                key = _evaluate_key(value, scope, diags)  # type: ignore[arg-type]
                if key is None:
                    return None
                text += _key_text(key)
        addr, addr_diags = parse_abs_resource_instance(text)
        if addr is None:
            diags.error("Invalid import address", f"The import target address {text} is not a resource instance.", self.range)
        diags.extend(addr_diags)
        return addr


def _evaluate_key(expr: ast.Expression, scope: Scope, diags: Diagnostics) -> str | int | None:
    value, value_diags = evaluate(expr, scope)
    diags.extend(value_diags)
    plain, _ = value.unmark()
    if value_diags.has_errors():
        return None
    if not plain.is_known or plain.is_null:
        diags.error(
            "Invalid import address expression",
            "The instance key of an import address must be known and not null.",
            expr.range,
        )
        return None
    try:
        if plain.type is NUMBER:
            return int(convert(plain, NUMBER).raw)
        return str(convert(plain, STRING).raw)
    except (ConversionError, ValueError, TypeError) as exc:
        diags.error("Invalid import address expression", f"The instance key is unsuitable: {exc}.", expr.range)
        return None
