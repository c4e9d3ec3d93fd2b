"""``for`` expressions and splat expressions.

Each iteration evaluates its body in a child scope binding the key and value
names. An unknown collection, condition or key makes the whole result an
unknown of type ``any``; the collection's marks (and the marks of conditions
and keys) go on the result.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.core import eval_expr, handles, has_errors_since, report
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import BOOL, DYNAMIC, STRING, ListType, TupleType, Type
from hclrun.values.unknowns import definitely_not_null, unknown_not_null
from hclrun.values.value import DYNAMIC_UNKNOWN, NO_MARKS, Value

Marks = frozenset[str]


def _bind(scope: Scope, key_var: str | None, value_var: str, key: Value, value: Value) -> Scope:
    if key_var:
        return scope.child({key_var: key, value_var: value})
    return scope.child({value_var: value})


def _collection(
    collection_expr: ast.Expression, src_range: Range, scope: Scope, diags: Diagnostics
) -> tuple[Value | None, Marks]:
    """The collection to iterate, unmarked, or None when the result must be unknown."""
    collection = eval_expr(collection_expr, scope, diags)
    if collection.raw is None:
        report(
            diags,
            "Iteration over null value",
            "A null value cannot be used as the collection in a 'for' expression.",
            collection_expr.range,
            context=src_range,
            expr=collection_expr,
            scope=scope,
        )
        return None, NO_MARKS
    if collection.type.is_dynamic:
        return None, NO_MARKS
    collection, marks = collection.unmark()
    t = collection.type
    if not (t.is_collection or t.is_structural):
        report(
            diags,
            "Iteration over non-iterable value",
            f"A value of type {t.friendly_name()} cannot be used as the collection in a 'for' expression.",
            collection_expr.range,
            context=src_range,
            expr=collection_expr,
            scope=scope,
        )
        return None, NO_MARKS
    return collection, marks


def _precheck_condition(
    key_var: str | None,
    value_var: str,
    condition: ast.Expression,
    src_range: Range,
    scope: Scope,
    diags: Diagnostics,
) -> tuple[bool, Marks]:
    """Evaluate the ``if`` clause once with unknown iterators, to catch static problems."""
    mark = len(diags)
    inner = _bind(scope, key_var, value_var, DYNAMIC_UNKNOWN, DYNAMIC_UNKNOWN)
    result = eval_expr(condition, inner, diags)
    if result.raw is None:
        report(
            diags,
            "Condition is null",
            "The value of the 'if' clause must not be null.",
            condition.range,
            context=src_range,
            expr=condition,
            scope=inner,
        )
        return False, NO_MARKS
    try:
        convert(result, BOOL)
    except ConversionError as exc:
        report(
            diags,
            "Invalid 'for' condition",
            f"The 'if' clause value is invalid: {exc}.",
            condition.range,
            context=src_range,
            expr=condition,
            scope=inner,
        )
        return False, NO_MARKS
    return not has_errors_since(diags, mark), result.marks


def _include(
    condition: ast.Expression, src_range: Range, inner: Scope, diags: Diagnostics, report_errors: bool
) -> tuple[bool | None, Marks]:
    """Whether this iteration passes the ``if`` clause; None when unknown or invalid."""
    raw = eval_expr(condition, inner, diags)
    if raw.raw is None:
        if report_errors:
            report(
                diags,
                "Invalid 'for' condition",
                "The value of the 'if' clause must not be null.",
                condition.range,
                context=src_range,
                expr=condition,
                scope=inner,
            )
        return None, NO_MARKS
    marks = raw.marks
    if not raw.is_known:
        return None, marks
    try:
        include = convert(raw, BOOL)
    except ConversionError as exc:
        if report_errors:
            report(
                diags,
                "Invalid 'for' condition",
                f"The 'if' clause value is invalid: {exc}.",
                condition.range,
                context=src_range,
                expr=condition,
                scope=inner,
            )
        return None, marks
    if not include.is_known:
        return None, marks
    return bool(include.raw), marks


def for_elements(
    key_var: str | None,
    value_var: str,
    collection_expr: ast.Expression,
    value_expr: ast.Expression,
    condition: ast.Expression | None,
    src_range: Range,
    scope: Scope,
    diags: Diagnostics,
) -> tuple[list[Value] | None, Marks]:
    """The values of a tuple-producing ``for``; None when the result is unknown."""
    collection, marks = _collection(collection_expr, src_range, scope, diags)
    if collection is None:
        return None, marks
    if condition is not None:
        ok, cond_marks = _precheck_condition(key_var, value_var, condition, src_range, scope, diags)
        if not ok:
            return None, marks
        if not collection.is_known:
            return None, marks | cond_marks
    if not collection.is_known:
        return None, marks
    values: list[Value] = []
    known = True
    for key, element in collection.elements():
        inner = _bind(scope, key_var, value_var, key, element)
        if condition is not None:
            include, include_marks = _include(condition, src_range, inner, diags, known)
            marks = marks | include_marks
            if include is None:
                known = False
                continue
            if not include:
                continue
        values.append(eval_expr(value_expr, inner, diags))
    return (values if known else None), marks


@handles(ast.ForExpr)
def eval_for(expr: ast.ForExpr, scope: Scope, diags: Diagnostics) -> Value:
    if expr.key_expr is None:
        values, marks = for_elements(
            expr.key_var,
            expr.value_var,
            expr.collection,
            expr.value_expr,
            expr.condition,
            expr.range,
            scope,
            diags,
        )
        result = DYNAMIC_UNKNOWN if values is None else Value.tuple(values)
        return result.with_marks(marks) if marks else result
    return _eval_object_for(expr, expr.key_expr, scope, diags)


def _eval_object_for(expr: ast.ForExpr, key_expr: ast.Expression, scope: Scope, diags: Diagnostics) -> Value:
    collection, marks = _collection(expr.collection, expr.range, scope, diags)
    if collection is None:
        return DYNAMIC_UNKNOWN.with_marks(marks)
    condition = expr.condition
    if condition is not None:
        ok, cond_marks = _precheck_condition(
            expr.key_var, expr.value_var, condition, expr.range, scope, diags
        )
        if not ok:
            return DYNAMIC_UNKNOWN
        if not collection.is_known:
            return DYNAMIC_UNKNOWN.with_marks(marks | cond_marks)
    if not collection.is_known:
        return DYNAMIC_UNKNOWN.with_marks(marks)
    values: dict[str, Value] = {}
    groups: dict[str, list[Value]] = {}
    known = True
    for key, element in collection.elements():
        inner = _bind(scope, expr.key_var, expr.value_var, key, element)
        if condition is not None:
            include, include_marks = _include(condition, expr.range, inner, diags, known)
            marks = marks | include_marks
            if include is None:
                known = False
                continue
            if not include:
                continue
        key_value = eval_expr(key_expr, inner, diags)
        if key_value.raw is None:
            if known:
                report(
                    diags,
                    "Invalid object key",
                    "Key expression in 'for' expression must not produce a null value.",
                    key_expr.range,
                    context=expr.range,
                    expr=key_expr,
                    scope=inner,
                )
            known = False
            continue
        marks = marks | key_value.marks
        if not key_value.is_known:
            known = False
            continue
        try:
            key_value = convert(key_value, STRING)
        except ConversionError as exc:
            if known:
                report(
                    diags,
                    "Invalid object key",
                    f"The key expression produced an invalid result: {exc}.",
                    key_expr.range,
                    context=expr.range,
                    expr=key_expr,
                    scope=inner,
                )
            known = False
            continue
        name: str = key_value.raw
        value = eval_expr(expr.value_expr, inner, diags)
        if expr.group:
            groups.setdefault(name, []).append(value)
        elif name in values:
            report(
                diags,
                "Duplicate object key",
                f"Two different items produced the key \"{name}\" in this 'for' expression. If duplicates are "
                "expected, use the ellipsis (...) after the value expression to enable grouping by key.",
                key_expr.range,
                context=expr.range,
                expr=key_expr,
                scope=inner,
            )
        else:
            values[name] = value
    if not known:
        return DYNAMIC_UNKNOWN.with_marks(marks)
    if expr.group:
        values = {name: Value.tuple(items) for name, items in groups.items()}
    result = Value.object(values)
    return result.with_marks(marks) if marks else result


# --------------------------------------------------------------------------- splat


@handles(ast.SplatExpr)
def eval_splat(expr: ast.SplatExpr, scope: Scope, diags: Diagnostics) -> Value:
    mark = len(diags)
    source = eval_expr(expr.source, scope, diags)
    if has_errors_since(diags, mark):
        return DYNAMIC_UNKNOWN
    t = source.type
    auto_upgrade = not (t.is_tuple or t.is_list or t.is_set)
    if source.raw is None:
        if auto_upgrade:
            return Value.tuple(()).with_marks(source.marks)
        report(
            diags,
            "Splat of null value",
            "Splat expressions (with the * symbol) cannot be applied to null sequences.",
            expr.source.range,
            context=Range.between(expr.source.range, expr.marker_range),
            expr=expr.source,
            scope=scope,
        )
        return DYNAMIC_UNKNOWN
    if t.is_dynamic:
        return DYNAMIC_UNKNOWN.with_marks(source.marks)
    upgraded_unknown = False
    if auto_upgrade:
        upgraded_unknown = not source.is_known and not definitely_not_null(source)
        source = Value.tuple((source.unmark()[0],)).with_marks(source.marks)
        t = source.type
    if not source.is_known:
        result_type = _splat_result_type(expr, t, scope, diags)
        result = Value.unknown(result_type) if result_type is DYNAMIC else unknown_not_null(result_type)
        return result.with_marks(source.marks)
    source, marks = source.unmark()
    values: list[Value] = []
    known = True
    for _, item in source.elements():
        mark = len(diags)
        values.append(eval_expr(expr.each, scope.with_symbol(expr.item, item), diags))
        if has_errors_since(diags, mark):
            known = False
    if upgraded_unknown:
        return DYNAMIC_UNKNOWN.with_marks(marks)
    if not known:
        return Value.unknown(_splat_result_type(expr, t, scope, Diagnostics())).with_marks(marks)
    if t.is_tuple:
        return Value.tuple(values).with_marks(marks)
    if not values:
        result_type = _splat_result_type(expr, t, scope, diags)
        return Value.list((), result_type.element).with_marks(marks)  # type: ignore[attr-defined]
    first = values[0].type
    if any(v.type != first for v in values):
        report(
            diags,
            "Invalid nested splat expressions",
            "The second level of splat expression produced elements of different types, so it isn't possible "
            "to construct a valid list to represent the top-level result.\n\nConsider using a for expression "
            "instead, to produce a tuple-typed result which can therefore have non-homogenous element types.",
            expr.each.range,
            context=expr.range,
        )
        return DYNAMIC_UNKNOWN
    return Value.list(values).with_marks(marks)


def _splat_result_type(expr: ast.SplatExpr, source_type: Type, scope: Scope, diags: Diagnostics) -> Type:
    """The result type, found by evaluating the item expression on unknown items."""
    if source_type.is_list or source_type.is_set:
        element = source_type.element  # type: ignore[attr-defined]
        value = eval_expr(expr.each, scope.with_symbol(expr.item, Value.unknown(element)), diags)
        return ListType(value.type)
    if isinstance(source_type, TupleType):
        types = [
            eval_expr(expr.each, scope.with_symbol(expr.item, Value.unknown(et)), diags).type
            for et in source_type.elements
        ]
        return TupleType(types)
    return DYNAMIC
