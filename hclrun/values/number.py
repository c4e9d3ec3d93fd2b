"""Numbers: binary floating point with a 512-bit mantissa, as Terraform uses.

Like Go's ``big.Float``, every number has its own precision: literals and
parsed text have 512 bits, integers made by functions (``length``, ``index``,
loop keys) 64 bits, ``pow`` and ``log`` results 53 bits (float64). Arithmetic
goes through ``add``/``subtract``/``multiply``/``divide``/``remainder`` here,
which pick the result precision as the reference does, and ``format_number``
prints the shortest decimal that reads back at the number's own precision.
"""

from __future__ import annotations

import gmpy2
from gmpy2 import mpfr

PRECISION = 512
CTX = gmpy2.context(precision=PRECISION, round=gmpy2.RoundToNearest, allow_complex=False)
gmpy2.set_context(CTX)

Number = mpfr

_INT_CACHE: dict[int, mpfr] = {}
INT64_PRECISION = 64


def number(x: int | float | str | mpfr) -> mpfr:
    """Make a 512-bit number from an int, float, decimal string or mpfr."""
    if isinstance(x, int) and not isinstance(x, bool):
        if -1024 <= x <= 1024:
            cached = _INT_CACHE.get(x)
            if cached is None:
                cached = _INT_CACHE[x] = mpfr(x, PRECISION)
            return cached
        return mpfr(x, PRECISION)
    if isinstance(x, str):
        return parse_number(x)
    return mpfr(x, PRECISION)


def parse_number(text: str) -> mpfr:
    """Parse a decimal number literal (``1``, ``-1.5e3``) at full precision.

    Raises ValueError for text that is not a number.
    """
    t = text.strip()
    if not t or t.lower() in ("inf", "+inf", "-inf", "nan", "infinity", "+infinity", "-infinity"):
        raise ValueError(f"invalid number {text!r}")
    if "_" in t or t.lower().startswith(("0x", "-0x", "+0x")):
        raise ValueError(f"invalid number {text!r}")
    with gmpy2.context(CTX):
        return mpfr(t, PRECISION)


def is_integer(n: mpfr) -> bool:
    return bool(gmpy2.is_finite(n)) and bool(gmpy2.is_integer(n))


def to_int(n: mpfr) -> int:
    """Truncate towards zero (callers check is_integer first where that matters)."""
    return int(n)


def int64_number(i: int) -> mpfr:
    """An integer as a function result holds it (cty ``NumberIntVal``: 64 bits)."""
    return mpfr(i, INT64_PRECISION)


def big_int_number(i: int) -> mpfr:
    """An arbitrary integer as Go's ``Float.SetInt`` holds it: at least 64 bits, exact."""
    return mpfr(i, max(INT64_PRECISION, i.bit_length()))


def format_number(n: mpfr) -> str:
    """The shortest decimal that reads back as the same number at its own precision,
    without exponent (Go's ``Float.Text('f', -1)``).

    This is how Terraform prints numbers in the console and in JSON.
    """
    if gmpy2.is_nan(n):
        return "NaN"
    if gmpy2.is_infinite(n):
        return "+Inf" if n > 0 else "-Inf"
    if n == 0:
        return "-0" if gmpy2.is_signed(n) else "0"
    # Below 2**precision every integer is exact and is its own shortest form.
    if gmpy2.is_integer(n) and abs(n) < 2 ** n.precision:
        return str(int(n))
    digits, exp = _shortest_digits(n)
    neg = digits.startswith("-")
    if neg:
        digits = digits[1:]
    # value = 0.digits * 10**exp
    if exp <= 0:
        s = "0." + "0" * (-exp) + digits
    elif exp >= len(digits):
        s = digits + "0" * (exp - len(digits))
    else:
        s = digits[:exp] + "." + digits[exp:]
    return "-" + s if neg else s


def _shortest_digits(n: mpfr) -> tuple[str, int]:
    """Mantissa digits and exponent (value = 0.DIGITS x 10**exp) of the shortest decimal
    that rounds back to ``n`` at its precision.

    This follows Go's ``big.Float`` rule, which differs from a plain round-trip
    search: the accepted interval is always ``n`` ± half a unit in the last
    place (also just below a power of two), with its ends included only when
    the mantissa is even; among the shortest candidates the nearest wins.
    """
    mantissa, exponent = (int(part) for part in n.as_mantissa_exp())
    negative = mantissa < 0
    mantissa = abs(mantissa)
    # Scale so the lowest mantissa bit is half a unit in the last place.
    shift = n.precision + 1 - mantissa.bit_length()
    mantissa <<= shift
    exponent -= shift
    inclusive = mantissa & 2 == 0
    # Exact integers on a common decimal scale: value = X * 10**-scale.
    if exponent >= 0:
        scale, factor = 0, 1 << exponent
    else:
        scale, factor = -exponent, 5**-exponent
    exact, lower, upper = mantissa * factor, (mantissa - 1) * factor, (mantissa + 1) * factor
    width = len(str(exact))

    def candidates(kept: int) -> tuple[int, int, bool, bool]:
        unit = 10 ** (width - kept)
        down = exact // unit * unit
        up = down + unit
        ok_down = down > lower or (inclusive and down == lower)
        return down, unit, ok_down, up < upper or (inclusive and up == upper)

    # Once some number of digits reaches into the interval, every longer one does too.
    lo, hi = 1, width
    while lo < hi:
        mid = (lo + hi) // 2
        _, _, ok_down, ok_up = candidates(mid)
        if ok_down or ok_up:
            hi = mid
        else:
            lo = mid + 1
    down, unit, ok_down, ok_up = candidates(lo)
    if ok_down and ok_up:
        twice_rest = 2 * (exact - down)
        round_up = twice_rest > unit or (twice_rest == unit and (down // unit) % 2 == 1)
    else:
        round_up = not ok_down
    result = down + unit if round_up else down
    digits = str(result)
    exp10 = len(digits) - scale
    body = digits.rstrip("0") or "0"
    return ("-" if negative else "") + body, exp10


_GO_FLOAT = None


def parse_go_float(text: str) -> mpfr:
    """Parse a number as cty's string → number conversion does (Go's ``big.ParseFloat``
    in base 10): optional sign, decimal mantissa, ``e`` (decimal) or ``p`` (binary)
    exponent, or ``Inf``. No surrounding spaces, underscores or prefixes.

    Raises ValueError for anything else.
    """
    import re

    global _GO_FLOAT
    if _GO_FLOAT is None:
        _GO_FLOAT = re.compile(r"([+-]?)(?:(inf|Inf)|(\d+\.?\d*|\.\d+)(?:([eEpP])([+-]?\d+))?)")
    m = _GO_FLOAT.fullmatch(text)
    if m is None:
        raise ValueError(f"invalid number {text!r}")
    sign, inf, mantissa, exp_kind, exp = m.groups()
    if inf:
        return mpfr("-inf" if sign == "-" else "inf", PRECISION)
    if exp_kind in ("p", "P"):
        with gmpy2.context(CTX):
            base = mpfr(mantissa, PRECISION)
            value = gmpy2.mul_2exp(base, int(exp))
        return -value if sign == "-" else value
    with gmpy2.context(CTX):
        return mpfr(text, PRECISION)


# --------------------------------------------------------------------------- arithmetic

_CONTEXTS: dict[int, gmpy2.context] = {PRECISION: CTX}


def _context(precision: int) -> gmpy2.context:
    ctx = _CONTEXTS.get(precision)
    if ctx is None:
        ctx = _CONTEXTS[precision] = gmpy2.context(
            precision=precision, round=gmpy2.RoundToNearest, allow_complex=False
        )
    return ctx


def _wider(a: mpfr, b: mpfr) -> gmpy2.context:
    return _context(max(a.precision, b.precision))


def add(a: mpfr, b: mpfr) -> mpfr:
    """``a + b`` rounded to the larger precision of the two (Go's ``Float.Add``)."""
    return _wider(a, b).add(a, b)


def subtract(a: mpfr, b: mpfr) -> mpfr:
    return _wider(a, b).sub(a, b)


def divide(a: mpfr, b: mpfr) -> mpfr:
    return _wider(a, b).div(a, b)


def negate(a: mpfr) -> mpfr:
    return mpfr(-a, a.precision)


def absolute(a: mpfr) -> mpfr:
    return mpfr(abs(a), a.precision)


def minimum_precision(a: mpfr) -> int:
    """The fewest mantissa bits that hold ``a`` exactly (Go's ``Float.MinPrec``); 0 for zero and infinities."""
    if not gmpy2.is_finite(a) or a == 0:
        return 0
    mantissa = abs(int(a.as_mantissa_exp()[0]))
    return mantissa.bit_length() - ((mantissa & -mantissa).bit_length() - 1)


def multiply(a: mpfr, b: mpfr) -> mpfr:
    """The product as cty computes it: at 512 bits, then kept at the larger operand
    precision, or more when the product needs more bits to stay exact."""
    product = CTX.mul(a, b)
    precision = max(a.precision, b.precision, minimum_precision(product))
    return product if precision == product.precision else mpfr(product, precision)


def remainder(a: mpfr, b: mpfr) -> mpfr:
    """cty's modulo of finite numbers, ``b`` not zero: ``a - b * trunc(a / b)`` with the
    last two steps rounded to the precision of ``a``."""
    ctx = _context(a.precision)
    quotient = int(gmpy2.trunc(divide(a, b)))
    product = ctx.mul(b, mpfr(quotient, a.precision))
    return ctx.sub(a, product)


def numbers_equal(a: mpfr, b: mpfr) -> bool:
    """cty's number equality: integers compare exactly, other numbers by their printed form."""
    a_int, b_int = is_integer(a), is_integer(b)
    if a_int or b_int:
        return a_int and b_int and a == b
    if a.precision == b.precision or not (gmpy2.is_finite(a) and gmpy2.is_finite(b)):
        return bool(a == b)
    return format_number(a) == format_number(b)
