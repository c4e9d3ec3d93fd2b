"""Numbers: binary floating point with a 512-bit mantissa, as Terraform uses.

All arithmetic must go through ``CTX`` (round to nearest even, 512 bits) so
results match the reference digit for digit; a few functions (``pow``,
``log``) deliberately compute in float64 instead, as the reference does.
"""

from __future__ import annotations

import gmpy2
from gmpy2 import mpfr

PRECISION = 512
CTX = gmpy2.context(precision=PRECISION, round=gmpy2.RoundToNearest, allow_complex=False)
gmpy2.set_context(CTX)

Number = mpfr

_INT_CACHE: dict[int, mpfr] = {}


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


# Below 2**PRECISION every integer is exact and is its own shortest form.
_EXACT_INTEGER_LIMIT = 2**PRECISION


def format_number(n: mpfr) -> str:
    """The shortest decimal that reads back as the same 512-bit number, without exponent.

    This is how Terraform prints numbers in the console and in JSON.
    """
    if gmpy2.is_nan(n):
        return "NaN"
    if gmpy2.is_infinite(n):
        return "+Inf" if n > 0 else "-Inf"
    if n == 0:
        return "-0" if gmpy2.is_signed(n) else "0"
    if gmpy2.is_integer(n) and abs(n) < _EXACT_INTEGER_LIMIT:
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
    """Mantissa digits and exponent (value = 0.DIGITS x 10**exp) of the shortest round-trip form."""
    lo, hi = 2, 160
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        digits, exp, _ = n.digits(10, mid)
        candidate = mpfr(_as_sci(digits, exp), PRECISION)
        if candidate == n:
            best = (digits, exp)
            hi = mid - 1
        else:
            lo = mid + 1
    if best is None:
        digits, exp, _ = n.digits(10, 0)
        best = (digits, exp)
    digits, exp = best
    neg = digits.startswith("-")
    body = digits[1:] if neg else digits
    body = body.rstrip("0") or "0"
    return ("-" if neg else "") + body, exp


def _as_sci(digits: str, exp: int) -> str:
    neg = digits.startswith("-")
    body = digits[1:] if neg else digits
    return ("-" if neg else "") + "0." + body + "e" + str(exp)


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
