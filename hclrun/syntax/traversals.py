"""Folding a term and its ``.attr`` / ``[index]`` / splat suffixes into tree nodes.

This follows HCL's rules: steps after a plain variable extend its
ScopeTraversalExpr; steps after any other expression form a
RelativeTraversalExpr; an index whose key is not a literal number or string
becomes an IndexExpr. A full splat ``[*]`` takes every following step into its
``each`` expression; the legacy ``.*`` takes only ``.attr`` and ``.N`` steps.
"""

from __future__ import annotations

from typing import Any

from hclrun.diagnostics import Diagnostics
from hclrun.source import Pos, Range
from hclrun.syntax.ast import (
    AnonSymbolExpr,
    Expression,
    IndexExpr,
    LiteralValueExpr,
    NumberLiteral,
    RelativeTraversalExpr,
    ScopeTraversalExpr,
    SplatExpr,
    TemplateExpr,
    TraverseAttr,
    TraverseIndex,
    Traverser,
)
from hclrun.syntax.locate import span as _span

# A suffix as produced by the builder: (kind, payload, range).
# kind is "attr" (payload: name), "lindex" (payload: number text),
# "lsplat", "index" (payload: key expression) or "splat".
Suffix = tuple[str, Any, Range]


def _literal_key(expr: Expression) -> str | NumberLiteral | None:
    if isinstance(expr, LiteralValueExpr) and isinstance(expr.value, (str, NumberLiteral)):
        return expr.value
    if (
        isinstance(expr, TemplateExpr)
        and not expr.heredoc
        and len(expr.parts) == 1
        and isinstance(expr.parts[0], LiteralValueExpr)
        and isinstance(expr.parts[0].value, str)
    ):
        return expr.parts[0].value
    return None


def _extend(expr: Expression, steps: list[Traverser], rng: Range) -> Expression:
    """``expr`` followed by ``steps``, the last of which ends at ``rng``."""
    if isinstance(expr, ScopeTraversalExpr):
        return ScopeTraversalExpr((*expr.traversal, *steps), _span(expr.range, rng))
    if isinstance(expr, RelativeTraversalExpr):
        return RelativeTraversalExpr(expr.source, (*expr.traversal, *steps), _span(expr.range, rng))
    return RelativeTraversalExpr(expr, tuple(steps), _span(expr.range, rng))


def _legacy_index(text: str, rng: Range, diags: Diagnostics) -> TraverseIndex:
    if "." in text:
        first, second = text.split(".", 1)
        diags.error(
            "Invalid legacy index syntax",
            "When using the legacy index syntax, chaining two indexes together is not permitted. "
            f"Use the proper index syntax instead, like [{first}][{second}].",
            Range(rng.filename, _after_dot(rng), rng.end),
        )
    return TraverseIndex(NumberLiteral(text), rng)


def _after_dot(rng: Range) -> Pos:
    s = rng.start
    return Pos(s.line, s.column + 1, s.byte + 1)


def fold_suffixes(head: Expression, suffixes: list[Suffix], diags: Diagnostics) -> Expression:
    expr, _ = _fold(head, suffixes, 0, diags)
    return expr


def _fold(origin: Expression, suffixes: list[Suffix], i: int, diags: Diagnostics) -> tuple[Expression, int]:
    expr = origin
    count = len(suffixes)
    # Consecutive traversal steps are collected and joined to ``expr`` at once.
    steps: list[Traverser] = []
    last = origin.range
    while i < count:
        kind, payload, rng = suffixes[i]
        if kind == "attr":
            steps.append(TraverseAttr(payload, rng))
        elif kind == "lindex":
            steps.append(_legacy_index(payload, rng, diags))
        elif kind == "index" and (key := _literal_key(payload)) is not None:
            steps.append(TraverseIndex(key, rng))
        else:
            break
        last = rng
        i += 1
    if steps:
        expr = _extend(expr, steps, last)
    while i < count:
        kind, payload, rng = suffixes[i]
        i += 1
        if kind == "attr":
            expr = _extend(expr, [TraverseAttr(payload, rng)], rng)
        elif kind == "index":
            key = _literal_key(payload)
            if key is not None:
                expr = _extend(expr, [TraverseIndex(key, rng)], rng)
            else:
                expr = IndexExpr(expr, payload, _span(origin.range, rng), rng)
        elif kind == "lindex":
            expr = _extend(expr, [_legacy_index(payload, rng, diags)], rng)
        elif kind == "splat":
            item = AnonSymbolExpr(rng)
            full_each, i = _fold(item, suffixes, i, diags)
            expr = SplatExpr(expr, full_each, item, _span(origin.range, full_each.range), rng)
        else:  # legacy splat: only attribute-like steps follow
            item = AnonSymbolExpr(rng)
            steps = []
            last = rng
            first: Range | None = None
            while i < count and suffixes[i][0] in ("attr", "lindex"):
                skind, spayload, srng = suffixes[i]
                i += 1
                if skind == "attr":
                    steps.append(TraverseAttr(spayload, srng))
                else:
                    steps.append(_legacy_index(spayload, srng, diags))
                first = first or srng
                last = srng
            each: Expression = item
            if steps and first is not None:
                each = RelativeTraversalExpr(item, tuple(steps), _span(first, last))
            expr = SplatExpr(expr, each, item, _span(origin.range, last), rng, legacy=True)
    return expr, i
