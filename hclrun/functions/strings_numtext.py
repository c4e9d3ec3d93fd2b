"""Number text for ``format``: Go's ``big.Float`` (``%e %E %f %g %G``, and the
shortest ``%g`` that ``%v`` uses) and ``big.Int`` (``%b %d %o %x %X``) rules.

Decimal digits are taken from the exact binary value, then rounded half to
even at the requested digit, which is what the reference's decimal
conversion amounts to. The shortest form is the fewest digits that read back
as the same number at the number's own precision (512 bits for ordinary
numbers, 53 for results computed in float64).
"""

from __future__ import annotations

import gmpy2
from gmpy2 import mpfr


class Decimal:
    """A non-negative decimal ``0.MANT × 10**exp`` without trailing zeros (empty for zero)."""

    __slots__ = ("exp", "mant")

    def __init__(self, mant: str, exp: int) -> None:
        stripped = mant.rstrip("0")
        self.mant = stripped
        self.exp = exp if stripped else 0

    @staticmethod
    def exact(n: mpfr) -> Decimal:
        m, e = abs(n).as_mantissa_exp()
        return Decimal.of(int(m), int(e))

    @staticmethod
    def of(m: int, e: int) -> Decimal:
        """The exact decimal of ``m * 2**e`` (``m >= 0``)."""
        if m == 0:
            return Decimal("", 0)
        if e >= 0:
            digits = str(m << e)
            return Decimal(digits, len(digits))
        digits = str(m * 5 ** (-e))
        return Decimal(digits, len(digits) + e)

    def at(self, i: int) -> str:
        return self.mant[i] if 0 <= i < len(self.mant) else "0"

    def rounded(self, n: int) -> Decimal:
        """Rounded to ``n`` significant digits, half to even."""
        mant = self.mant
        if n < 0 or n >= len(mant):
            return self
        if mant[n] == "5" and n + 1 == len(mant):
            up = n > 0 and (ord(mant[n - 1]) - 48) % 2 == 1
        else:
            up = mant[n] >= "5"
        return self.round_up(n) if up else self.round_down(n)

    def round_down(self, n: int) -> Decimal:
        return Decimal(self.mant[:n], self.exp)

    def round_up(self, n: int) -> Decimal:
        mant = self.mant
        i = n
        while i > 0 and mant[i - 1] == "9":
            i -= 1
        if i == 0:
            return Decimal("1", self.exp + 1)
        return Decimal(mant[: i - 1] + chr(ord(mant[i - 1]) + 1), self.exp)


def _shortest(n: mpfr) -> Decimal:
    """The fewest digits that stay within half an ulp of ``n`` at its precision.

    The bounds are symmetric (also at powers of two) and inclusive when the
    mantissa is even, as Go's ``big.Float`` shortest conversion has them.
    """
    m, e = abs(n).as_mantissa_exp()
    m, e = int(m), int(e)
    if m == 0:
        return Decimal("", 0)
    shift = m.bit_length() - (n.precision + 1)
    m = m << -shift if shift < 0 else m >> shift
    e += shift
    d = Decimal.of(m, e)
    lower = Decimal.of(m - 1, e)
    upper = Decimal.of(m + 1, e)
    inclusive = m & 2 == 0
    for i, digit in enumerate(d.mant):
        low = lower.at(i - (d.exp - lower.exp))
        up = upper.at(i - (d.exp - upper.exp))
        ok_down = low != digit or (inclusive and i + 1 - (d.exp - lower.exp) == len(lower.mant))
        ok_up = digit != up and (inclusive or chr(ord(digit) + 1) < up or i + 1 - (d.exp - upper.exp) < len(upper.mant))
        if ok_down and ok_up:
            return d.rounded(i + 1)
        if ok_down:
            return d.round_down(i + 1)
        if ok_up:
            return d.round_up(i + 1)
    return d


def _fmt_e(d: Decimal, letter: str, prec: int) -> str:
    out = [d.mant[0] if d.mant else "0"]
    if prec > 0:
        frac = d.mant[1 : prec + 1]
        out.append("." + frac + "0" * (prec - len(frac)))
    exp = d.exp - 1 if d.mant else 0
    sign = "-" if exp < 0 else "+"
    out.append(f"{letter}{sign}{abs(exp):02d}")
    return "".join(out)


def _fmt_f(d: Decimal, prec: int) -> str:
    if d.exp > 0:
        whole = d.mant[: d.exp] + "0" * max(d.exp - len(d.mant), 0)
    else:
        whole = "0"
    if prec > 0:
        return whole + "." + "".join(d.at(d.exp + i) for i in range(prec))
    return whole


def float_body(n: mpfr, fmt: str, prec: int) -> str:
    """``big.Float.Append``: the text of ``n`` for 'e', 'E', 'f', 'g', 'G'; ``prec < 0`` is shortest."""
    sign = "-" if gmpy2.is_signed(n) else ""
    if gmpy2.is_infinite(n):
        return sign + "Inf" if sign else "+Inf"
    shortest = prec < 0
    if shortest:
        d = _shortest(n)
        if fmt in "eE":
            prec = len(d.mant) - 1
        elif fmt == "f":
            prec = max(len(d.mant) - d.exp, 0)
        else:
            prec = len(d.mant)
    else:
        d = Decimal.exact(n)
        if fmt in "eE":
            d = d.rounded(1 + prec)
        elif fmt == "f":
            d = d.rounded(d.exp + prec)
        else:
            prec = prec or 1
            d = d.rounded(prec)
    if fmt in "eE":
        return sign + _fmt_e(d, fmt, prec)
    if fmt == "f":
        return sign + _fmt_f(d, prec)
    eprec = prec
    if eprec > len(d.mant) and len(d.mant) >= d.exp:
        eprec = len(d.mant)
    if shortest:
        eprec = 6
    exp = d.exp - 1
    letter = "e" if fmt == "g" else "E"
    if exp < -4 or exp >= eprec:
        return sign + _fmt_e(d, letter, min(prec, len(d.mant)) - 1)
    if prec > d.exp:
        prec = len(d.mant)
    return sign + _fmt_f(d, max(prec - d.exp, 0))


def shortest_g(n: mpfr) -> str:
    """``Text('g', -1)``: the form ``%v`` gives a number."""
    return float_body(n, "g", -1)


def float_text(
    n: mpfr,
    fmt: str,
    plus: bool,
    space: bool,
    zero: bool,
    minus: bool,
    width: int | None,
    prec: int | None,
) -> str:
    """``big.Float.Format`` for one verb with its flags, width and precision."""
    if prec is None:
        prec = -1 if fmt in "gG" else 6
    body = float_body(n, fmt, prec)
    if body.startswith("-"):
        sign, body = "-", body[1:]
    elif body.startswith("+"):
        sign, body = (" " if space else "+"), body[1:]
    elif plus:
        sign = "+"
    elif space:
        sign = " "
    else:
        sign = ""
    padding = max((width or 0) - len(sign) - len(body), 0)
    if zero and not gmpy2.is_infinite(n):
        return sign + "0" * padding + body
    if minus:
        return sign + body + " " * padding
    return " " * padding + sign + body


_BASES = {"b": 2, "o": 8, "d": 10, "x": 16, "X": 16}
_PREFIXES = {"b": "0b", "o": "0", "x": "0x", "X": "0X"}


def _int_digits(value: int, base: int) -> str:
    if base == 10:
        return str(value)
    return {2: format(value, "b"), 8: format(value, "o"), 16: format(value, "x")}[base]


def integer_text(
    n: mpfr,
    verb: str,
    plus: bool,
    space: bool,
    sharp: bool,
    zero: bool,
    minus: bool,
    width: int | None,
    prec: int | None,
) -> str | None:
    """``big.Int.Format``; None when ``n`` is not an integer."""
    if not gmpy2.is_finite(n) or not gmpy2.is_integer(n):
        return None
    value = int(n)
    sign = "-" if value < 0 else "+" if plus else " " if space else ""
    prefix = _PREFIXES.get(verb, "") if sharp else ""
    digits = _int_digits(abs(value), _BASES[verb])
    if verb == "X":
        digits = digits.upper()
    zeros = 0
    if prec is not None:
        if len(digits) < prec:
            zeros = prec - len(digits)
        elif digits == "0" and prec == 0:
            return ""
    length = len(sign) + len(prefix) + zeros + len(digits)
    left = right = 0
    if width is not None and length < width:
        d = width - length
        if minus:
            right = d
        elif zero and prec is None:
            zeros = d
        else:
            left = d
    return " " * left + sign + prefix + "0" * zeros + digits + " " * right
