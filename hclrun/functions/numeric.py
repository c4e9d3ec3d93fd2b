"""Numeric functions: abs, ceil, floor, log, max, min, parseint, pow, signum.

Numbers are 512-bit binary floats. ``log`` and ``pow`` compute in float64,
as the reference does, and their results keep float64 precision (53 bits),
which is what makes ``pow(2, 64)`` print as ``18446744073709550000``.
Functions that return one of their arguments (``abs``, ``max``, ``min``,
``ceil``/``floor`` of an integer) keep that argument's precision.
"""

from __future__ import annotations

import math

import gmpy2
from gmpy2 import mpfr

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import (
    ArgError,
    Function,
    FunctionCallError,
    Implementation,
    PanicError,
    Parameter,
    fixed_type,
)
from hclrun.values import number as num
from hclrun.values.strings import go_quote
from hclrun.values.types import DYNAMIC, NUMBER, STRING, Type
from hclrun.values.value import Value

FLOAT64_PRECISION = 53
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
WHOLE_NUMBER_MESSAGE = f"value must be a whole number, between {INT64_MIN} and {INT64_MAX}"
# The range check for float64 arguments prints the bounds with %f.
_MAX_FLOAT64_TEXT = f"{int(1.7976931348623157e308)}.000000"
FLOAT64_RANGE_MESSAGE = f"value must be between -{_MAX_FLOAT64_TEXT} and {_MAX_FLOAT64_TEXT} inclusive"
NAN_PANIC_MESSAGE = "Float.SetFloat64(NaN)"


def whole_number(v: Value) -> int:
    """The value of a number argument as a 64-bit integer (cty's conversion to Go ``int``)."""
    n = v.raw
    if not num.is_integer(n) or not INT64_MIN <= int(n) <= INT64_MAX:
        raise FunctionCallError(WHOLE_NUMBER_MESSAGE)
    return int(n)


def as_float64(v: Value) -> float:
    """The value of a number argument as float64; out-of-range finite values are an error."""
    n = v.raw
    if gmpy2.is_infinite(n):
        return math.inf if n > 0 else -math.inf
    if abs(n) > mpfr(1.7976931348623157e308):
        raise FunctionCallError(FLOAT64_RANGE_MESSAGE)
    return float(n)


def float64_number(f: float) -> Value:
    """A number computed in float64; NaN cannot be represented (the reference panics)."""
    if math.isnan(f):
        raise PanicError(NAN_PANIC_MESSAGE)
    return Value(NUMBER, mpfr(f, FLOAT64_PRECISION))


def _same_precision(n: mpfr, like: mpfr) -> mpfr:
    return mpfr(n, max(like.precision, 2))


# --------------------------------------------------------------------------- float64 arithmetic


def _go_log(x: float) -> float:
    if math.isnan(x) or x < 0:
        return math.nan
    if x == 0:
        return -math.inf
    return math.log(x)


def _go_div(a: float, b: float) -> float:
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    negative = (a < 0) != (math.copysign(1.0, b) < 0)
    return -math.inf if negative else math.inf


def _is_odd_integer(y: float) -> bool:
    return math.isfinite(y) and y == math.floor(y) and abs(y) < 2**53 and int(y) % 2 == 1


def _go_pow(x: float, y: float) -> float:
    """Go's ``math.Pow``: IEEE special cases, then x**frac(y) by exp/log times x**int(y)
    by repeated squaring. Not always correctly rounded, and the reference's
    results depend on exactly this decomposition."""
    if y == 0 or x == 1:
        return 1.0
    if y == 1:
        return x
    if math.isnan(x) or math.isnan(y):
        return math.nan
    if x == 0:
        if y < 0:
            if _is_odd_integer(y):
                return math.copysign(math.inf, x)
            return math.inf
        return x if _is_odd_integer(y) else 0.0
    if math.isinf(y):
        if x == -1:
            return 1.0
        if (abs(x) < 1) == (y > 0):
            return 0.0
        return math.inf
    if math.isinf(x):
        if x < 0:
            return _go_pow(1 / x, -y)
        return 0.0 if y < 0 else math.inf
    if y == 0.5:
        return math.sqrt(x)
    if y == -0.5:
        return 1 / math.sqrt(x)
    yf, yi = math.modf(abs(y))
    if yf != 0 and x < 0:
        return math.nan
    if yi >= 2**63:
        if x == -1:
            return 1.0
        if (abs(x) < 1) == (y > 0):
            return 0.0
        return math.inf
    a1 = 1.0
    ae = 0
    if yf != 0:
        if yf > 0.5:
            yf -= 1
            yi += 1
        a1 = math.exp(yf * math.log(x))
    x1, xe = math.frexp(x)
    i = int(yi)
    while i != 0:
        if xe < -(1 << 12) or (1 << 12) < xe:
            ae += xe
            break
        if i & 1:
            a1 *= x1
            ae += xe
        x1 *= x1
        xe <<= 1
        if x1 < 0.5:
            x1 += x1
            xe -= 1
        i >>= 1
    if y < 0:
        a1 = 1 / a1
        ae = -ae
    return _ldexp(a1, ae)


def _ldexp(frac: float, exp: int) -> float:
    try:
        return math.ldexp(frac, exp)
    except OverflowError:
        return math.copysign(math.inf, frac)


# --------------------------------------------------------------------------- implementations


def _abs(args: list[Value], _rt: Type) -> Value:
    n = args[0].raw
    return Value(NUMBER, _same_precision(abs(n), n))


def _ceil(args: list[Value], _rt: Type) -> Value:
    n = args[0].raw
    if gmpy2.is_integer(n) or gmpy2.is_infinite(n):
        return args[0]
    return Value(NUMBER, mpfr(int(gmpy2.ceil(n)), n.precision))


def _floor(args: list[Value], _rt: Type) -> Value:
    n = args[0].raw
    if gmpy2.is_integer(n) or gmpy2.is_infinite(n):
        return args[0]
    return Value(NUMBER, mpfr(int(gmpy2.floor(n)), n.precision))


def _log(args: list[Value], _rt: Type) -> Value:
    x, base = as_float64(args[0]), as_float64(args[1])
    return float64_number(_go_div(_go_log(x), _go_log(base)))


def _pow(args: list[Value], _rt: Type) -> Value:
    x, y = as_float64(args[0]), as_float64(args[1])
    return float64_number(_go_pow(x, y))


def _extreme(name: str, pick_greater: bool) -> Function:
    def impl(args: list[Value], _rt: Type) -> Value:
        if not args:
            raise FunctionCallError("must pass at least one number")
        best = args[0]
        for arg in args[1:]:
            if (arg.raw > best.raw) if pick_greater else (arg.raw < best.raw):
                best = arg
        return best

    return Function(
        name,
        (),
        fixed_type(NUMBER),
        impl,
        variadic=Parameter("numbers", NUMBER),
        description=f"Returns the {'greatest' if pick_greater else 'smallest'} of the given numbers.",
    )


def _signum(args: list[Value], _rt: Type) -> Value:
    n = whole_number(args[0])
    return Value(NUMBER, num.int64_number((n > 0) - (n < 0)))


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _digit_value(ch: str, base: int) -> int:
    """A digit's value as Go's ``big.Int.SetString`` reads it (bases above 36 are case-sensitive)."""
    if "0" <= ch <= "9":
        return ord(ch) - ord("0")
    if "a" <= ch <= "z":
        return ord(ch) - ord("a") + 10
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + (36 if base > 36 else 10)
    return base


def parse_integer(text: str, base: int) -> int | None:
    """Parse an optionally signed integer in ``base`` (2–62); None when it is not one."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body:
        return None
    value = 0
    for ch in body:
        d = _digit_value(ch, base)
        if d >= base:
            return None
        value = value * base + d
    return -value if text.startswith("-") else value


def _parseint_type(args: list[Value]) -> Type:
    t = args[0].type
    if t.is_dynamic:
        return DYNAMIC
    if t != STRING:
        raise ArgError(0, f"first argument must be a string, not {t.friendly_name()}")
    return NUMBER


def _parseint(args: list[Value], _rt: Type) -> Value:
    text = args[0].raw
    try:
        base = whole_number(args[1])
    except FunctionCallError as exc:
        raise ArgError(1, exc.message) from None
    if not 2 <= base <= 62:
        raise ArgError(1, "base must be a whole number between 2 and 62 inclusive")
    value = parse_integer(text, base)
    if value is None:
        raise ArgError(0, f"cannot parse {go_quote(text)} as a base {base} integer")
    return Value(NUMBER, num.big_int_number(value))


def _one_number(name: str, impl: Implementation, description: str) -> Function:
    return Function(name, (Parameter("num", NUMBER),), fixed_type(NUMBER), impl, description=description)


def functions(ctx: FunctionContext) -> list[Function]:
    return [
        _one_number("abs", _abs, "Returns the absolute value of a number."),
        _one_number("ceil", _ceil, "Rounds a number up to the nearest whole number."),
        _one_number("floor", _floor, "Rounds a number down to the nearest whole number."),
        _one_number("signum", _signum, "Returns -1, 0 or 1 for a negative, zero or positive number."),
        Function(
            "log",
            (Parameter("num", NUMBER), Parameter("base", NUMBER)),
            fixed_type(NUMBER),
            _log,
            description="Returns the logarithm of a number in the given base.",
        ),
        Function(
            "pow",
            (Parameter("num", NUMBER), Parameter("power", NUMBER)),
            fixed_type(NUMBER),
            _pow,
            description="Raises a number to the given power.",
        ),
        _extreme("max", True),
        _extreme("min", False),
        Function(
            "parseint",
            (Parameter("number", DYNAMIC), Parameter("base", NUMBER)),
            _parseint_type,
            _parseint,
            description="Parses a string as an integer in the given base.",
        ),
    ]
