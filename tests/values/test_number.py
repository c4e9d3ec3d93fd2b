"""Number precision: shortest printing at a number's own precision and the precision of results.

Expected texts were observed with ``terraform console`` (see also the
``pow``/``length`` rows in fixtures/eval/console_cases.txt).
"""

from __future__ import annotations

import math

import pytest
from gmpy2 import mpfr

from hclrun.values import number as num


def f64(x: float) -> mpfr:
    return mpfr(x, 53)


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("float64 power of two keeps symmetric interval", f64(2.0**64), "18446744073709550000"),
        ("float64 sqrt", f64(math.sqrt(2)), "1.4142135623730951"),
        ("float64 log", f64(math.log(1000) / math.log(10)), "2.9999999999999996"),
        ("float64 tenth", f64(0.1), "0.1"),
        ("float64 negative", f64(-1.5), "-1.5"),
        ("float64 negative zero", mpfr("-0", 53), "-0"),
        ("512-bit third", num.number(1) / num.number(3), "0." + "3" * 154 + "5"),
        ("512-bit large integer", num.number("1e300"), "1" + "0" * 300),
        ("64-bit integer", num.int64_number(-7), "-7"),
        ("infinity", num.number(mpfr("inf")), "+Inf"),
    ],
)
def test_format_number(name: str, value: mpfr, text: str) -> None:
    assert num.format_number(value) == text


@pytest.mark.parametrize(
    ("name", "compute", "text", "precision"),
    [
        ("add takes the wider precision", lambda: num.add(f64(2.0**64), num.number(1)), "18446744073709551617", 512),
        ("add of two float64", lambda: num.add(f64(math.sqrt(2)), f64(math.sqrt(2))), "2.8284271247461903", 53),
        ("negate keeps precision", lambda: num.negate(f64(math.sqrt(2))), "-1.4142135623730951", 53),
        (
            "product widens to stay exact",
            lambda: num.multiply(f64(math.sqrt(2)), f64(math.sqrt(3))),
            "2.4494897427831781237221939200634",
            105,
        ),
        ("remainder at the dividend's precision", lambda: num.remainder(f64(math.sqrt(2)), num.number(1)),
         "0.41421356237309515", 53),
        ("64-bit quotient", lambda: num.divide(num.int64_number(3), num.int64_number(7)), "0.42857142857142857144", 64),
        ("big integer precision", lambda: num.big_int_number(2**80 + 1), "1208925819614629174706177", 81),
    ],
)
def test_result_precision(name: str, compute: object, text: str, precision: int) -> None:
    result = compute()  # type: ignore[operator]
    assert num.format_number(result) == text
    assert result.precision == precision


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        (f64(math.sqrt(2)), num.number("1.4142135623730951"), True),
        (f64(math.sqrt(2)), num.number("1.4142135623730951454746218587388284504413604736328125"), False),
        (num.int64_number(3), num.number(3), True),
        (num.number("-0"), num.number(0), True),
        (f64(0.5), num.number("0.5"), True),
    ],
)
def test_numbers_equal(a: mpfr, b: mpfr, equal: bool) -> None:
    assert num.numbers_equal(a, b) is equal
