"""Literals, references, index expressions and the tuple/object constructors."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.core import eval_expr, handles, has_errors_since, report
from hclrun.eval.scope import Scope
from hclrun.eval.traversal import index, step
from hclrun.syntax import ast
from hclrun.values import number as num
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import NUMBER, STRING
from hclrun.values.value import DYNAMIC_UNKNOWN, FALSE, NULL, TRUE, Value

_NUMBERS: dict[str, Value] = {}


def number_literal(text: str) -> Value:
    value = _NUMBERS.get(text)
    if value is None:
        if len(_NUMBERS) > 4096:
            _NUMBERS.clear()
        value = _NUMBERS[text] = Value(NUMBER, num.parse_number(text))
    return value


_STRINGS: dict[str, Value] = {}


def string_literal(text: str) -> Value:
    """The value of literal text; values are immutable, so each text's is built once."""
    value = _STRINGS.get(text)
    if value is None:
        if len(_STRINGS) > 4096:
            _STRINGS.clear()
        value = _STRINGS[text] = Value.string(text)
    return value


@handles(ast.LiteralValueExpr)
def eval_literal(expr: ast.LiteralValueExpr, scope: Scope, diags: Diagnostics) -> Value:
    v = expr.value
    if v is None:
        return NULL
    if v is True:
        return TRUE
    if v is False:
        return FALSE
    if isinstance(v, ast.NumberLiteral):
        return number_literal(v.text)
    return string_literal(v)


@handles(ast.ParenthesesExpr)
def eval_parentheses(expr: ast.ParenthesesExpr, scope: Scope, diags: Diagnostics) -> Value:
    return eval_expr(expr.expr, scope, diags)  # type: ignore[no-any-return]


@handles(ast.TemplateWrapExpr)
def eval_template_wrap(expr: ast.TemplateWrapExpr, scope: Scope, diags: Diagnostics) -> Value:
    return eval_expr(expr.wrapped, scope, diags)  # type: ignore[no-any-return]


@handles(ast.AnonSymbolExpr)
def eval_anon_symbol(expr: ast.AnonSymbolExpr, scope: Scope, diags: Diagnostics) -> Value:
    return scope.symbol_value(expr)


def apply_steps(
    value: Value,
    steps: tuple[ast.Traverser, ...],
    start: int,
    expr: ast.Expression,
    scope: Scope,
    diags: Diagnostics,
) -> Value:
    for i in range(start, len(steps)):
        traverser = steps[i]
        if type(traverser) is ast.TraverseAttr:
            raw = value.raw
            if type(raw) is dict and not value.marks:
                # A known, unmarked object or map: an attribute it has is the element itself.
                element = raw.get(traverser.name)
                if element is not None:
                    value = element
                    continue
        value, diag = step(value, traverser)
        if diag is not None:
            report(diags, diag.summary, diag.detail, diag.subject, expr=expr, scope=scope)
            return DYNAMIC_UNKNOWN
    return value


@handles(ast.ScopeTraversalExpr)
def eval_scope_traversal(expr: ast.ScopeTraversalExpr, scope: Scope, diags: Diagnostics) -> Value:
    traversal = expr.traversal
    value, consumed, found = scope.resolve(traversal)
    if found:
        diags.extend(found)
        if found.has_errors():
            return DYNAMIC_UNKNOWN
    if consumed >= len(traversal):
        return value
    return apply_steps(value, traversal, consumed, expr, scope, diags)


@handles(ast.RelativeTraversalExpr)
def eval_relative_traversal(expr: ast.RelativeTraversalExpr, scope: Scope, diags: Diagnostics) -> Value:
    mark = len(diags)
    source = eval_expr(expr.source, scope, diags)
    if has_errors_since(diags, mark):
        return DYNAMIC_UNKNOWN
    return apply_steps(source, expr.traversal, 0, expr, scope, diags)


@handles(ast.IndexExpr)
def eval_index(expr: ast.IndexExpr, scope: Scope, diags: Diagnostics) -> Value:
    collection = eval_expr(expr.collection, scope, diags)
    key = eval_expr(expr.key, scope, diags)
    value, diag = index(collection, key, expr.open_range)
    if diag is not None:
        report(diags, diag.summary, diag.detail, diag.subject, expr=expr, scope=scope)
    return value


@handles(ast.TupleConsExpr)
def eval_tuple(expr: ast.TupleConsExpr, scope: Scope, diags: Diagnostics) -> Value:
    return Value.tuple([eval_expr(e, scope, diags) for e in expr.exprs])


def literal_key_name(key: ast.ObjectConsKeyExpr) -> str | None:
    """The name a bare identifier key stands for (``foo = 1``), or None."""
    if key.force_non_literal:
        return None
    wrapped = key.wrapped
    if type(wrapped) is ast.ScopeTraversalExpr and len(wrapped.traversal) == 1:
        return wrapped.traversal[0].name  # type: ignore[union-attr]
    if type(wrapped) is ast.LiteralValueExpr and (wrapped.value is None or isinstance(wrapped.value, bool)):
        return {None: "null", True: "true", False: "false"}[wrapped.value]
    return None


def eval_object_key(key: ast.ObjectConsKeyExpr, scope: Scope, diags: Diagnostics) -> Value:
    if not key.force_non_literal:
        wrapped = key.wrapped
        if type(wrapped) is ast.ScopeTraversalExpr and len(wrapped.traversal) > 1:
            report(
                diags,
                "Ambiguous attribute key",
                "If this expression is intended to be a reference, wrap it in parentheses. If it's instead "
                "intended as a literal name containing periods, wrap it in quotes to create a string literal.",
                key.range,
            )
            return DYNAMIC_UNKNOWN
        name = literal_key_name(key)
        if name is not None:
            return Value(STRING, name)
    return eval_expr(key.wrapped, scope, diags)  # type: ignore[no-any-return]


@handles(ast.ObjectConsExpr)
def eval_object(expr: ast.ObjectConsExpr, scope: Scope, diags: Diagnostics) -> Value:
    attrs: dict[str, Value] = {}
    marks: frozenset[str] = frozenset()
    known = True
    for item in expr.items:
        key_expr = item.key
        wrapped = key_expr.wrapped
        if (
            type(wrapped) is ast.ScopeTraversalExpr
            and len(wrapped.traversal) == 1
            and not key_expr.force_non_literal
        ):
            # A bare name (``name = ...``) is the key itself: nothing to evaluate or check.
            attrs[wrapped.traversal[0].name] = eval_expr(item.value, scope, diags)  # type: ignore[union-attr]
            continue
        mark = len(diags)
        key = eval_object_key(item.key, scope, diags)
        key_failed = has_errors_since(diags, mark)
        value = eval_expr(item.value, scope, diags)
        if key_failed:
            known = False
            continue
        if key.raw is None:
            report(
                diags,
                "Null value as key",
                "Can't use a null value as a key.",
                item.value.range,
                expr=item.key.wrapped,
                scope=scope,
            )
            known = False
            continue
        if key.marks:
            key, key_marks = key.unmark()
            marks = marks | key_marks
        try:
            key = convert(key, STRING)
        except ConversionError as exc:
            report(
                diags,
                "Incorrect key type",
                f"Can't use this value as a key: {exc}.",
                item.key.range,
                expr=item.key.wrapped,
                scope=scope,
            )
            known = False
            continue
        if not key.is_known:
            known = False
            continue
        attrs[key.raw] = value
    if not known:
        return DYNAMIC_UNKNOWN
    result = Value.object(attrs)
    return result.with_marks(marks) if marks else result
