"""HCL's operators on values, with Terraform's unknown, null and mark rules.

Each operator behaves as HCL's operator expression does: operands are first
converted (unsafe rules) to the operator's parameter type — a failure is an
``OperationError("Invalid operand", "Unsuitable value for left operand: …",
"left")`` — and then the operation runs with cty's function-call rules:

- arithmetic (``+ - * / %``, unary ``-``): null operands fail with
  "Operation failed" / "Error during operation: argument must not be null.";
  any unknown operand gives an unknown number (known not to be null); marks
  of operands (at any depth) move to the result;
- ``&&``, ``||``, ``!``: as arithmetic, except an unknown result carries no
  marks (cty lets these see marked values, and the unknown short cut skips them);
  there is no short-circuit: ``false && unknown`` is unknown;
- comparisons ``< <= > >=``: unknown operands give an unknown bool, marks on
  the operands move to the result;
- ``==``/``!=``: see ``equality.equals``.

When both operands of a binary operator are unsuitable, the error raised is
for the left one and carries the right one in ``OperationError.others``.
"""

from __future__ import annotations

from collections.abc import Callable

import gmpy2

from hclrun.values import number as num
from hclrun.values.convert import convert
from hclrun.values.equality import equals
from hclrun.values.errors import ConversionError, OperationError
from hclrun.values.types import BOOL, NUMBER, Type
from hclrun.values.unknowns import NOT_NULL
from hclrun.values.value import FALSE, NO_MARKS, TRUE, Unknown, Value

__all__ = [
    "add",
    "and_",
    "divide",
    "equal",
    "greater",
    "greater_equal",
    "less",
    "less_equal",
    "modulo",
    "multiply",
    "negate",
    "not_",
    "not_equal",
    "or_",
    "subtract",
]

_UNKNOWN_NUMBER = Value(NUMBER, NOT_NULL)
_UNKNOWN_BOOL = Value(BOOL, NOT_NULL)


def _operands(a: Value, b: Value, want: Type) -> tuple[Value, Value]:
    errors = []
    try:
        a = convert(a, want)
    except ConversionError as err:
        errors.append(OperationError("Invalid operand", f"Unsuitable value for left operand: {err}.", "left"))
    try:
        b = convert(b, want)
    except ConversionError as err:
        errors.append(
            OperationError("Invalid operand", f"Unsuitable value for right operand: {err}.", "right")
        )
    if errors:
        first = errors[0]
        first.others = tuple(errors[1:])
        raise first
    return a, b


def _operand(v: Value, want: Type) -> Value:
    try:
        return convert(v, want)
    except ConversionError as err:
        raise OperationError(
            "Invalid operand", f"Unsuitable value for unary operand: {err}.", "operand"
        ) from None


def _failed(message: str) -> OperationError:
    return OperationError("Operation failed", f"Error during operation: {message}.", "expression")


def _plain_pair(a: Value, b: Value, t: Type) -> bool:
    """Both operands are known, non-null and unmarked values of the primitive type ``t``:
    nothing to convert, reject or unmark, so the operation can run on the raw values."""
    ar, br = a.raw, b.raw
    return (
        a.type is t
        and b.type is t
        and not a.marks
        and not b.marks
        and ar is not None
        and br is not None
        and not isinstance(ar, Unknown)
        and not isinstance(br, Unknown)
    )


def _check_not_null(*args: Value) -> None:
    for v in args:
        if v.raw is None:
            raise _failed("argument must not be null")


# --------------------------------------------------------------------------- arithmetic


def _arithmetic(a: Value, b: Value, compute: Callable[[object, object], object], nan_message: str) -> Value:
    if _plain_pair(a, b, NUMBER):
        result = compute(a.raw, b.raw)
        if gmpy2.is_nan(result):
            raise _failed(nan_message)
        return Value(NUMBER, result)
    a, b = _operands(a, b, NUMBER)
    _check_not_null(a, b)
    marks = NO_MARKS
    if a.marks or b.marks or a.contains_marked() or b.contains_marked():
        a, ma = a.unmark_deep()
        b, mb = b.unmark_deep()
        marks = ma | mb
    if not a.is_known or not b.is_known:
        return _UNKNOWN_NUMBER.with_marks(marks)
    result = compute(a.raw, b.raw)
    if gmpy2.is_nan(result):
        raise _failed(nan_message)
    return Value(NUMBER, result, marks)


def add(a: Value, b: Value) -> Value:
    return _arithmetic(a, b, num.add, "can't compute sum of opposing infinities")


def subtract(a: Value, b: Value) -> Value:
    return _arithmetic(a, b, num.subtract, "can't subtract infinity from itself")


def multiply(a: Value, b: Value) -> Value:
    return _arithmetic(a, b, num.multiply, "can't multiply zero by infinity")


def divide(a: Value, b: Value) -> Value:
    return _arithmetic(a, b, num.divide, "can't divide zero by zero or infinity by infinity")


def _modulo(x: object, y: object) -> object:
    """cty's modulo: ``x - y * trunc(x / y)``, and ``x % 0`` is ``x``. A finite
    ``x % ±Inf`` multiplies zero by infinity and fails; ``±Inf % y`` crashes
    the reference implementation, reported here as a failed operation."""
    if y == 0:
        return x
    if gmpy2.is_infinite(x):
        raise _failed("can't use modulo with an infinite dividend")
    return num.remainder(x, y)  # type: ignore[arg-type]


def modulo(a: Value, b: Value) -> Value:
    return _arithmetic(a, b, _modulo, "can't use modulo with zero and infinity")


def negate(v: Value) -> Value:
    v = _operand(v, NUMBER)
    _check_not_null(v)
    if not v.is_known:
        return _UNKNOWN_NUMBER
    return Value(NUMBER, num.negate(v.raw), v.marks)


# --------------------------------------------------------------------------- logic


def not_(v: Value) -> Value:
    v = _operand(v, BOOL)
    _check_not_null(v)
    if not v.is_known:
        return _UNKNOWN_BOOL
    return Value(BOOL, not v.raw, v.marks)


def and_(a: Value, b: Value) -> Value:
    if _plain_pair(a, b, BOOL):
        return TRUE if a.raw and b.raw else FALSE
    a, b = _operands(a, b, BOOL)
    _check_not_null(a, b)
    if not a.is_known or not b.is_known:
        return _UNKNOWN_BOOL
    return (TRUE if a.raw and b.raw else FALSE).with_marks(a.marks | b.marks)


def or_(a: Value, b: Value) -> Value:
    if _plain_pair(a, b, BOOL):
        return TRUE if a.raw or b.raw else FALSE
    a, b = _operands(a, b, BOOL)
    _check_not_null(a, b)
    if not a.is_known or not b.is_known:
        return _UNKNOWN_BOOL
    return (TRUE if a.raw or b.raw else FALSE).with_marks(a.marks | b.marks)


# --------------------------------------------------------------------------- comparison


def _compare(a: Value, b: Value, test: Callable[[object, object], bool], strict: bool, less: bool) -> Value:
    if _plain_pair(a, b, NUMBER):
        return TRUE if test(a.raw, b.raw) else FALSE
    a, b = _operands(a, b, NUMBER)
    _check_not_null(a, b)
    marks = a.marks | b.marks
    if not a.is_known or not b.is_known:
        shortcut = _compare_bounds(a, b, strict, less)
        result = _UNKNOWN_BOOL if shortcut is None else (TRUE if shortcut else FALSE)
        return result.with_marks(marks)
    return (TRUE if test(a.raw, b.raw) else FALSE).with_marks(marks)


def _bounds(v: Value) -> tuple[object | None, object | None]:
    raw = v.raw
    if isinstance(raw, Unknown):
        lo = raw.number_lower[0] if raw.number_lower else None
        hi = raw.number_upper[0] if raw.number_upper else None
        return lo, hi
    return raw, raw


def _compare_bounds(a: Value, b: Value, strict: bool, less: bool) -> bool | None:
    """What refinements of unknown operands already decide (cty's range shortcut)."""
    if not less:
        a, b = b, a
    a_lo, a_hi = _bounds(a)
    b_lo, b_hi = _bounds(b)
    if a_hi is not None and b_lo is not None and (a_hi < b_lo if strict else a_hi <= b_lo):  # type: ignore[operator]
        return True
    if a_lo is not None and b_hi is not None and (a_lo >= b_hi if strict else a_lo > b_hi):  # type: ignore[operator]
        return False
    return None


def less(a: Value, b: Value) -> Value:
    return _compare(a, b, lambda x, y: x < y, True, True)  # type: ignore[operator]


def less_equal(a: Value, b: Value) -> Value:
    return _compare(a, b, lambda x, y: x <= y, False, True)  # type: ignore[operator]


def greater(a: Value, b: Value) -> Value:
    return _compare(a, b, lambda x, y: x > y, True, False)  # type: ignore[operator]


def greater_equal(a: Value, b: Value) -> Value:
    return _compare(a, b, lambda x, y: x >= y, False, False)  # type: ignore[operator]


# --------------------------------------------------------------------------- equality


def equal(a: Value, b: Value) -> Value:
    """HCL's ``==``: never fails; see ``equality.equals``."""
    return _refined(equals(a, b))


def not_equal(a: Value, b: Value) -> Value:
    result = equals(a, b)
    if not result.is_known:
        return _refined(result)
    return (FALSE if result.raw else TRUE).with_marks(result.marks)


def _refined(v: Value) -> Value:
    if not v.is_known and not v.raw.not_null:
        return Value(v.type, NOT_NULL, v.marks)
    return v
