"""Binary and unary operator expressions.

The value layer implements the operators (conversion of operands, unknowns,
marks); this module evaluates the operands and turns an ``OperationError``
into a diagnostic pointing at the operand or the whole operation. As in HCL,
both operands are always evaluated: ``&&`` and ``||`` do not short-circuit.
"""

from __future__ import annotations

from collections.abc import Callable

from hclrun.diagnostics import Diagnostics
from hclrun.eval.core import eval_expr, handles, has_errors_since, report
from hclrun.eval.scope import Scope
from hclrun.syntax import ast
from hclrun.values import ops
from hclrun.values.errors import OperationError
from hclrun.values.types import BOOL, NUMBER, Type
from hclrun.values.value import Value

BinaryImpl = Callable[[Value, Value], Value]

BINARY: dict[str, tuple[BinaryImpl, Type]] = {
    "||": (ops.or_, BOOL),
    "&&": (ops.and_, BOOL),
    "==": (ops.equal, BOOL),
    "!=": (ops.not_equal, BOOL),
    "<": (ops.less, BOOL),
    ">": (ops.greater, BOOL),
    "<=": (ops.less_equal, BOOL),
    ">=": (ops.greater_equal, BOOL),
    "+": (ops.add, NUMBER),
    "-": (ops.subtract, NUMBER),
    "*": (ops.multiply, NUMBER),
    "/": (ops.divide, NUMBER),
    "%": (ops.modulo, NUMBER),
}

_UNKNOWN_RESULT: dict[Type, Value] = {BOOL: Value.unknown(BOOL), NUMBER: Value.unknown(NUMBER)}


@handles(ast.BinaryOpExpr)
def eval_binary(expr: ast.BinaryOpExpr, scope: Scope, diags: Diagnostics) -> Value:
    impl, result_type = BINARY[expr.op]
    mark = len(diags)
    lhs = eval_expr(expr.lhs, scope, diags)
    rhs = eval_expr(expr.rhs, scope, diags)
    try:
        result = impl(lhs, rhs)
    except OperationError as err:
        # The operation's own errors come before those of its operands.
        operand_diags = Diagnostics(diags[mark:])
        del diags[mark:]
        errors = [err, *getattr(err, "others", ())]
        if err.summary == "Invalid operand":
            for e in errors:
                operand = expr.lhs if e.subject == "left" else expr.rhs
                report(
                    diags, e.summary, e.detail, operand.range, context=expr.range, expr=operand, scope=scope
                )
        elif not operand_diags.has_errors():
            report(diags, err.summary, err.detail, expr.range, expr=expr, scope=scope)
        diags.extend(operand_diags)
        return _UNKNOWN_RESULT[result_type]
    if len(diags) != mark and has_errors_since(diags, mark):
        return _UNKNOWN_RESULT[result_type]
    return result


@handles(ast.UnaryOpExpr)
def eval_unary(expr: ast.UnaryOpExpr, scope: Scope, diags: Diagnostics) -> Value:
    result_type = BOOL if expr.op == "!" else NUMBER
    mark = len(diags)
    operand = eval_expr(expr.operand, scope, diags)
    failed = diags.has_errors() if mark == 0 else any(d.is_error for d in diags[mark:])
    try:
        result = ops.not_(operand) if expr.op == "!" else ops.negate(operand)
    except OperationError as err:
        if err.summary == "Invalid operand":
            report(
                diags,
                err.summary,
                err.detail,
                expr.operand.range,
                context=expr.range,
                expr=expr.operand,
                scope=scope,
            )
        elif not failed:
            report(diags, err.summary, err.detail, expr.range, expr=expr, scope=scope)
        return _UNKNOWN_RESULT[result_type]
    if failed:
        return _UNKNOWN_RESULT[result_type]
    return result
