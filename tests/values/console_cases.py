"""Console cases for the value layer: (expression, thunk) rows.

``scripts/record_values_goldens`` runs every expression through
``terraform console`` and stores what it prints; ``test_console_goldens``
builds the same value directly with the value layer (the thunk) and checks
that it renders identically, or fails with the same error. A thunk returns a
``Value`` (rendered with ``render_console``), a ``str`` (compared as is) or
raises ``OperationError``; ``UNIFY_FAILS`` marks conditionals whose branch
types do not unify.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hclrun.values import ops
from hclrun.values.convert import convert, get_conversion
from hclrun.values.errors import ConversionError, OperationError
from hclrun.values.json import from_json, to_json
from hclrun.values.render import render_type
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, MapType, SetType, Type
from hclrun.values.unify import unify_unsafe
from hclrun.values.value import Value

UNIFY_FAILS = "<unify fails>"

N = Value.number
S = Value.string
B = Value.bool
NULL = Value.null()


def T(*elems: Value) -> Value:
    return Value.tuple(elems)


def O(**attrs: Value) -> Value:  # noqa: E743
    return Value.object(attrs)


def OD(attrs: dict[str, Value]) -> Value:
    return Value.object(attrs)


def sens(v: Value) -> Value:
    return v.mark("sensitive")


def to(v: Value, want: Type) -> Value:
    """tolist/toset/tomap/tostring/...: cty's conversion functions."""
    if get_conversion(v.type, want) is None and v.type != want:
        raise OperationError(
            "Invalid function argument",
            f'Invalid value for "v" parameter: cannot convert {v.type.friendly_name()} to '
            f"{want.friendly_name_for_constraint()}.",
        )
    return arg(v, want, "v")


def arg(v: Value, want: Type, param: str) -> Value:
    """A function argument converted to its parameter type."""
    try:
        return convert(v, want)
    except ConversionError as err:
        raise OperationError(
            "Invalid function argument", f'Invalid value for "{param}" parameter: {err}.'
        ) from None


def cond(a: Value, b: Value) -> Value | str:
    """``true ? a : b``; like HCL, a literal ``null`` branch takes the other's type."""
    if b.raw is None and b.type is DYNAMIC:
        return a
    if a.raw is None and a.type is DYNAMIC:
        return convert(a, b.type)
    t = unify_unsafe([a.type, b.type])
    if t is None:
        return UNIFY_FAILS
    return convert(a, t)


LIST = ListType(DYNAMIC)
SET = SetType(DYNAMIC)
MAP = MapType(DYNAMIC)

Thunk = Callable[[], Any]

CASES: list[tuple[str, Thunk]] = [
    # ---------------------------------------------------------------- primitives and rendering
    ('"hello"', lambda: S("hello")),
    ('"tab\\there"', lambda: S("tab\there")),
    ('"quote\\" back\\\\slash"', lambda: S('quote" back\\slash')),
    ('"\\u0001\\u007f\\u00ff"', lambda: S("\x01\x7f\xff")),
    ('"\\U0001F600 emoji"', lambda: S("\U0001f600 emoji")),
    ('"\\u200b zero width"', lambda: S("\u200b zero width")),
    ('"e\\u0301"', lambda: S("e\u0301")),
    ('""', lambda: S("")),
    ('"a\\nb"', lambda: S("a\nb")),
    ('"x\\n"', lambda: S("x\n")),
    ('"\\n"', lambda: S("\n")),
    ('"a\\nEOT\\nb"', lambda: S("a\nEOT\nb")),
    ('"a\\n  EOT  \\nEOT_\\nb"', lambda: S("a\n  EOT  \nEOT_\nb")),
    ('"a\\r\\nb"', lambda: S("a\r\nb")),
    ("1", lambda: N(1)),
    ("-1", lambda: ops.negate(N(1))),
    ("-0", lambda: ops.negate(N(0))),
    ("1.5", lambda: N("1.5")),
    ("0.1", lambda: N("0.1")),
    ("1e3", lambda: N("1e3")),
    ("1e-7", lambda: N("1e-7")),
    ("123456789012345678901234567890", lambda: N("123456789012345678901234567890")),
    ("9007199254740993", lambda: N("9007199254740993")),
    ("true", lambda: B(True)),
    ("false", lambda: B(False)),
    ("null", lambda: NULL),
    ("tostring(null)", lambda: Value.null(STRING)),
    ("tonumber(null)", lambda: Value.null(NUMBER)),
    ("tobool(null)", lambda: Value.null(BOOL)),
    ("tolist(null)", lambda: Value.null(LIST)),
    ("toset(null)", lambda: Value.null(SET)),
    ("tomap(null)", lambda: Value.null(MAP)),
    ("[]", lambda: T()),
    ("{}", lambda: O()),
    ("[1, 2]", lambda: T(N(1), N(2))),
    ('[1, "a", true, null]', lambda: T(N(1), S("a"), B(True), NULL)),
    ("[[], {}]", lambda: T(T(), O())),
    ('{a = 1, b = "x"}', lambda: O(a=N(1), b=S("x"))),
    ('{b = 1, a = 2, "A" = 3, "a b" = 4}', lambda: OD({"b": N(1), "a": N(2), "A": N(3), "a b": N(4)})),
    ('{"é" = 1, "z" = 2, "\\u00e9" = 3}', lambda: OD({"é": N(3), "z": N(2)})),
    ('{a = {b = {c = [1, {d = "x"}]}}}', lambda: O(a=O(b=O(c=T(N(1), O(d=S("x"))))))),
    ('{a = "x\\ny"}', lambda: O(a=S("x\ny"))),
    ('[["a\\nb"]]', lambda: T(T(S("a\nb")))),
    ('{"multi\\nkey" = 1}', lambda: OD({"multi\nkey": N(1)})),
    ('tomap({a = ["x\\ny"]})', lambda: to(O(a=T(S("x\ny"))), MAP)),
    (
        "{a = null, b = tolist(null), c = tostring(null)}",
        lambda: O(a=NULL, b=Value.null(LIST), c=Value.null(STRING)),
    ),
    (
        "[null, tolist(null), tomap(null), toset(null)]",
        lambda: T(NULL, Value.null(LIST), Value.null(MAP), Value.null(SET)),
    ),
    ("sensitive(1)", lambda: sens(N(1))),
    ("[sensitive(1), 2]", lambda: T(sens(N(1)), N(2))),
    ('{a = sensitive("x")}', lambda: O(a=sens(S("x")))),
    ('sensitive({a = "x"})', lambda: sens(O(a=S("x")))),
    # ---------------------------------------------------------------- types
    ('type("a")', lambda: render_type(STRING)),
    ("type(1)", lambda: render_type(NUMBER)),
    ("type(null)", lambda: render_type(DYNAMIC)),
    ('type(tolist(["a"]))', lambda: render_type(to(T(S("a")), LIST).type)),
    ("type(tomap({a = 1}))", lambda: render_type(to(O(a=N(1)), MAP).type)),
    ("type(toset([[1]]))", lambda: render_type(to(T(T(N(1))), SET).type)),
    ("type({})", lambda: render_type(O().type)),
    ("type([])", lambda: render_type(T().type)),
    ("type([1])", lambda: render_type(T(N(1)).type)),
    ('type({a = 1, b = [true, "x"]})', lambda: render_type(O(a=N(1), b=T(B(True), S("x"))).type)),
    ("type(tolist([{a = 1}]))", lambda: render_type(to(T(O(a=N(1))), LIST).type)),
    ("type(tomap({a = {b = [1]}}))", lambda: render_type(to(O(a=O(b=T(N(1)))), MAP).type)),
    ("type(tolist([tolist([{a = 1}])]))", lambda: render_type(to(T(to(T(O(a=N(1))), LIST)), LIST).type)),
    ("type(tolist([]))", lambda: render_type(to(T(), LIST).type)),
    ("type([[], {}])", lambda: render_type(T(T(), O()).type)),
    # ---------------------------------------------------------------- conversion functions
    ('tolist([1, "a"])', lambda: to(T(N(1), S("a")), LIST)),
    ('tolist([1, "a", true])', lambda: to(T(N(1), S("a"), B(True)), LIST)),
    ("tolist([1, true])", lambda: to(T(N(1), B(True)), LIST)),
    ("tolist([1, [1]])", lambda: to(T(N(1), T(N(1))), LIST)),
    ("tolist([])", lambda: to(T(), LIST)),
    ("tolist([null])", lambda: to(T(NULL), LIST)),
    ("tolist([null, 1])", lambda: to(T(NULL, N(1)), LIST)),
    ('tolist([null, "a", 1])', lambda: to(T(NULL, S("a"), N(1)), LIST)),
    ("tolist([[1], [2, 3]])", lambda: to(T(T(N(1)), T(N(2), N(3))), LIST)),
    ('tolist([[1], ["a"]])', lambda: to(T(T(N(1)), T(S("a"))), LIST)),
    ('tolist([{a = 1}, {a = "x"}])', lambda: to(T(O(a=N(1)), O(a=S("x"))), LIST)),
    ("tolist([{a = 1}, {b = 2}])", lambda: to(T(O(a=N(1)), O(b=N(2))), LIST)),
    ('tolist([{a = 1}, {b = "x"}])', lambda: to(T(O(a=N(1)), O(b=S("x"))), LIST)),
    ("tolist([{a = 1}, {a = [1]}])", lambda: to(T(O(a=N(1)), O(a=T(N(1)))), LIST)),
    ("tolist([{a = 1}, [1]])", lambda: to(T(O(a=N(1)), T(N(1))), LIST)),
    ("tolist([tolist([1]), [2]])", lambda: to(T(to(T(N(1)), LIST), T(N(2))), LIST)),
    ('tolist([tolist([1]), ["a"]])', lambda: to(T(to(T(N(1)), LIST), T(S("a"))), LIST)),
    ('tolist([tomap({a = 1}), {b = "x"}])', lambda: to(T(to(O(a=N(1)), MAP), O(b=S("x"))), LIST)),
    ("tolist(toset([3, 1, 2]))", lambda: to(to(T(N(3), N(1), N(2)), SET), LIST)),
    ('tolist("a")', lambda: to(S("a"), LIST)),
    ("tolist({a = 1})", lambda: to(O(a=N(1)), LIST)),
    ('toset(["b", "a", "b", "B"])', lambda: to(T(S("b"), S("a"), S("b"), S("B")), SET)),
    ("toset([3, 1, 2, 1, 10])", lambda: to(T(N(3), N(1), N(2), N(1), N(10)), SET)),
    ("toset([true, false, true])", lambda: to(T(B(True), B(False), B(True)), SET)),
    ('toset([1, "1", "a"])', lambda: to(T(N(1), S("1"), S("a")), SET)),
    ("toset([1.5, 1.50, -2, 0])", lambda: to(T(N("1.5"), N("1.50"), N(-2), N(0)), SET)),
    (
        'toset(["é", "e", "z", "Z", "10", "9"])',
        lambda: to(T(S("é"), S("e"), S("z"), S("Z"), S("10"), S("9")), SET),
    ),
    ("toset([[1], [2], [3, 4]])", lambda: to(T(T(N(1)), T(N(2)), T(N(3), N(4))), SET)),
    ("toset([[3, 4], [2], [1]])", lambda: to(T(T(N(3), N(4)), T(N(2)), T(N(1))), SET)),
    ("toset([{a = 1}, {a = 2}])", lambda: to(T(O(a=N(1)), O(a=N(2))), SET)),
    ("toset([{a = 2}, {a = 1}, {a = 10}])", lambda: to(T(O(a=N(2)), O(a=N(1)), O(a=N(10))), SET)),
    ('toset([{a = "x"}, {a = "y"}, {a = "x"}])', lambda: to(T(O(a=S("x")), O(a=S("y")), O(a=S("x"))), SET)),
    (
        'toset([{a = 1, b = "z"}, {a = 1, b = "a"}])',
        lambda: to(T(O(a=N(1), b=S("z")), O(a=N(1), b=S("a"))), SET),
    ),
    ("toset([tolist([1]), tolist([1])])", lambda: to(T(to(T(N(1)), LIST), to(T(N(1)), LIST)), SET)),
    ('toset([["b"], ["a"], ["a", "b"]])', lambda: to(T(T(S("b")), T(S("a")), T(S("a"), S("b"))), SET)),
    ("toset([[10], [9], [100]])", lambda: to(T(T(N(10)), T(N(9)), T(N(100))), SET)),
    (
        "toset([[0.5], [12345678901], [1e-5]])",
        lambda: to(T(T(N("0.5")), T(N(12345678901)), T(N("1e-5"))), SET),
    ),
    ("toset([[true], [false]])", lambda: to(T(T(B(True)), T(B(False))), SET)),
    (
        'toset([tomap({b = "1"}), tomap({a = "2"})])',
        lambda: to(T(to(O(b=S("1")), MAP), to(O(a=S("2")), MAP)), SET),
    ),
    ("toset([[null], [1]])", lambda: to(T(T(NULL), T(N(1))), SET)),
    ("toset([])", lambda: to(T(), SET)),
    ('toset([toset(["b"]), toset(["a"])])', lambda: to(T(to(T(S("b")), SET), to(T(S("a")), SET)), SET)),
    ('toset(["a", sensitive("b")])', lambda: to(T(S("a"), sens(S("b"))), SET)),
    ('tomap({a = 1, b = "x"})', lambda: to(O(a=N(1), b=S("x")), MAP)),
    ("tomap({a = 1, b = true})", lambda: to(O(a=N(1), b=B(True)), MAP)),
    ("tomap({a = 1, b = [1]})", lambda: to(O(a=N(1), b=T(N(1))), MAP)),
    ("tomap({a = [1], b = [2, 3]})", lambda: to(O(a=T(N(1)), b=T(N(2), N(3))), MAP)),
    ("tomap({a = {x = 1}, b = {y = 2}})", lambda: to(O(a=O(x=N(1)), b=O(y=N(2))), MAP)),
    ('tomap({a = {x = 1}, b = {x = "s"}})', lambda: to(O(a=O(x=N(1)), b=O(x=S("s"))), MAP)),
    ("tomap({})", lambda: to(O(), MAP)),
    ("tomap([1])", lambda: to(T(N(1)), MAP)),
    ('tomap({b = "2", a = "1"})', lambda: to(O(b=S("2"), a=S("1")), MAP)),
    ("tomap({a = null, b = 1})", lambda: to(O(a=NULL, b=N(1)), MAP)),
    ("tostring(1.5)", lambda: to(N("1.5"), STRING)),
    ("tostring(true)", lambda: to(B(True), STRING)),
    ("tostring(-0)", lambda: to(ops.negate(N(0)), STRING)),
    ("tostring(1e21)", lambda: to(N("1e21"), STRING)),
    ("tostring([])", lambda: to(T(), STRING)),
    ('tonumber("1.5")', lambda: to(S("1.5"), NUMBER)),
    ('tonumber("1p3")', lambda: to(S("1p3"), NUMBER)),
    ('tonumber("Inf")', lambda: to(S("Inf"), NUMBER)),
    ('tonumber("-inf")', lambda: to(S("-inf"), NUMBER)),
    ('tonumber(".5")', lambda: to(S(".5"), NUMBER)),
    ('tonumber("5.")', lambda: to(S("5."), NUMBER)),
    ('tonumber("+1")', lambda: to(S("+1"), NUMBER)),
    ('tonumber("1E2")', lambda: to(S("1E2"), NUMBER)),
    ('tonumber("0.1")', lambda: to(S("0.1"), NUMBER)),
    ("tonumber(true)", lambda: to(B(True), NUMBER)),
    ('tobool("true")', lambda: to(S("true"), BOOL)),
    ('tobool("false")', lambda: to(S("false"), BOOL)),
    ("tobool(1)", lambda: to(N(1), BOOL)),
    # ---------------------------------------------------------------- function argument conversion
    ("upper([])", lambda: arg(T(), STRING, "str")),
    ("upper({})", lambda: arg(O(), STRING, "str")),
    ('join(",", [1, [2]])', lambda: arg(T(N(1), T(N(2))), ListType(STRING), "lists")),
    ('join(",", [1, {}])', lambda: arg(T(N(1), O()), ListType(STRING), "lists")),
    ('join(",", {a = "x"})', lambda: arg(O(a=S("x")), ListType(STRING), "lists")),
    ('join(",", tomap({a = "x"}))', lambda: arg(to(O(a=S("x")), MAP), ListType(STRING), "lists")),
    ('join(",", "x")', lambda: arg(S("x"), ListType(STRING), "lists")),
    ('join(",", [["a"]])', lambda: arg(T(T(S("a"))), ListType(STRING), "lists")),
    ('join(",", tolist([["a"]]))', lambda: arg(to(T(T(S("a"))), LIST), ListType(STRING), "lists")),
    (
        'join(",", tolist([tolist(["a"])]))',
        lambda: arg(to(T(to(T(S("a")), LIST)), LIST), ListType(STRING), "lists"),
    ),
    ('join(",", toset([["a"]]))', lambda: arg(to(T(T(S("a"))), SET), ListType(STRING), "lists")),
    ("abs([])", lambda: arg(T(), NUMBER, "num")),
    ('abs("x")', lambda: arg(S("x"), NUMBER, "num")),
    ('abs("12")', lambda: arg(S("12"), NUMBER, "num")),
    ('abs(" 12")', lambda: arg(S(" 12"), NUMBER, "num")),
    ("abs(true)", lambda: arg(B(True), NUMBER, "num")),
    # ---------------------------------------------------------------- conditionals (unification)
    ('true ? 1 : "a"', lambda: cond(N(1), S("a"))),
    ("true ? 0 : false", lambda: cond(N(0), B(False))),
    ('true ? true : "x"', lambda: cond(B(True), S("x"))),
    ("true ? {a = 1} : {b = 2}", lambda: cond(O(a=N(1)), O(b=N(2)))),
    ('true ? {a = 1} : {b = "x"}', lambda: cond(O(a=N(1)), O(b=S("x")))),
    ('true ? {a = 1} : {a = "x"}', lambda: cond(O(a=N(1)), O(a=S("x")))),
    ("true ? {a = 1} : {b = [1]}", lambda: cond(O(a=N(1)), O(b=T(N(1))))),
    ("true ? {a = 1} : {a = true}", lambda: cond(O(a=N(1)), O(a=B(True)))),
    ('true ? [1] : ["a"]', lambda: cond(T(N(1)), T(S("a")))),
    ("true ? [1] : [1, 2]", lambda: cond(T(N(1)), T(N(1), N(2)))),
    ('true ? [1] : ["a", "b"]', lambda: cond(T(N(1)), T(S("a"), S("b")))),
    ("true ? [1] : [true]", lambda: cond(T(N(1)), T(B(True)))),
    ("true ? [1] : {a = 1}", lambda: cond(T(N(1)), O(a=N(1)))),
    ("true ? [] : {}", lambda: cond(T(), O())),
    ('true ? tolist(["a"]) : [1]', lambda: cond(to(T(S("a")), LIST), T(N(1)))),
    ('true ? tolist([1]) : ["a"]', lambda: cond(to(T(N(1)), LIST), T(S("a")))),
    ('true ? tomap({a = 1}) : {b = "x"}', lambda: cond(to(O(a=N(1)), MAP), O(b=S("x")))),
    ('true ? toset(["a"]) : tolist(["b"])', lambda: cond(to(T(S("a")), SET), to(T(S("b")), LIST))),
    ('true ? toset(["a"]) : ["b"]', lambda: cond(to(T(S("a")), SET), T(S("b")))),
    ("true ? null : 1", lambda: cond(NULL, N(1))),
    ("true ? 1 : null", lambda: cond(N(1), NULL)),
    ("true ? null : [1]", lambda: cond(NULL, T(N(1)))),
    ('false ? 1 : "a"', lambda: convert(S("a"), STRING)),
    ('true ? tolist([1]) : tolist(["a"])', lambda: cond(to(T(N(1)), LIST), to(T(S("a")), LIST))),
    ("true ? tolist([1]) : tolist([true])", lambda: cond(to(T(N(1)), LIST), to(T(B(True)), LIST))),
    ("true ? [[1]] : [[1, 2]]", lambda: cond(T(T(N(1))), T(T(N(1), N(2))))),
    ('true ? {a = {b = 1}} : {a = {b = "x"}}', lambda: cond(O(a=O(b=N(1))), O(a=O(b=S("x"))))),
    # ---------------------------------------------------------------- arithmetic
    ("1 + 2", lambda: ops.add(N(1), N(2))),
    ('"1" + 2', lambda: ops.add(S("1"), N(2))),
    ('"1.5" * "2"', lambda: ops.multiply(S("1.5"), S("2"))),
    ("0.1 + 0.2", lambda: ops.add(N("0.1"), N("0.2"))),
    ("0.1 + 0.2 == 0.3", lambda: ops.equal(ops.add(N("0.1"), N("0.2")), N("0.3"))),
    ("1 / 3", lambda: ops.divide(N(1), N(3))),
    ("2 / 3", lambda: ops.divide(N(2), N(3))),
    ("10 / 4", lambda: ops.divide(N(10), N(4))),
    ("1 / 0", lambda: ops.divide(N(1), N(0))),
    ("-1 / 0", lambda: ops.divide(ops.negate(N(1)), N(0))),
    ("0 / 0", lambda: ops.divide(N(0), N(0))),
    ("1 - 1", lambda: ops.subtract(N(1), N(1))),
    ("-7 % 3", lambda: ops.modulo(ops.negate(N(7)), N(3))),
    ("7 % -3", lambda: ops.modulo(N(7), ops.negate(N(3)))),
    ("7.5 % 2", lambda: ops.modulo(N("7.5"), N(2))),
    ("5 % 0", lambda: ops.modulo(N(5), N(0))),
    ("5 % (1/0)", lambda: ops.modulo(N(5), ops.divide(N(1), N(0)))),
    ("(1/0) % 0", lambda: ops.modulo(ops.divide(N(1), N(0)), N(0))),
    ("1e600", lambda: N("1e600")),
    ("2e155 + 1", lambda: ops.add(N("2e155"), N(1))),
    ("0 % (1/0)", lambda: ops.modulo(N(0), ops.divide(N(1), N(0)))),
    ("(1/0) - (1/0)", lambda: ops.subtract(ops.divide(N(1), N(0)), ops.divide(N(1), N(0)))),
    ("(1/0) + (-1/0)", lambda: ops.add(ops.divide(N(1), N(0)), ops.divide(ops.negate(N(1)), N(0)))),
    ("0 * (1/0)", lambda: ops.multiply(N(0), ops.divide(N(1), N(0)))),
    ("(1/0) / (1/0)", lambda: ops.divide(ops.divide(N(1), N(0)), ops.divide(N(1), N(0)))),
    ("1e300 * 1e300", lambda: ops.multiply(N("1e300"), N("1e300"))),
    ("9007199254740993 + 1", lambda: ops.add(N("9007199254740993"), N(1))),
    (
        "12345678901234567890 * 98765432109876543210",
        lambda: ops.multiply(N("12345678901234567890"), N("98765432109876543210")),
    ),
    ('"x" + 1', lambda: ops.add(S("x"), N(1))),
    ('"x" + []', lambda: ops.add(S("x"), T())),
    ("null + 1", lambda: ops.add(NULL, N(1))),
    ("1 + null", lambda: ops.add(N(1), NULL)),
    ("true + 1", lambda: ops.add(B(True), N(1))),
    ("{} + 1", lambda: ops.add(O(), N(1))),
    ("-true", lambda: ops.negate(B(True))),
    ('-"2"', lambda: ops.negate(S("2"))),
    ("-null", lambda: ops.negate(NULL)),
    ("sensitive(1) + 1", lambda: ops.add(sens(N(1)), N(1))),
    ("-sensitive(1)", lambda: ops.negate(sens(N(1)))),
    # ---------------------------------------------------------------- logic and comparison
    ("true && false", lambda: ops.and_(B(True), B(False))),
    ("true || false", lambda: ops.or_(B(True), B(False))),
    ('"true" && true', lambda: ops.and_(S("true"), B(True))),
    ('"True" && true', lambda: ops.and_(S("True"), B(True))),
    ('"yes" && true', lambda: ops.and_(S("yes"), B(True))),
    ("1 && true", lambda: ops.and_(N(1), B(True))),
    ("null && true", lambda: ops.and_(NULL, B(True))),
    ("!true", lambda: ops.not_(B(True))),
    ('!"false"', lambda: ops.not_(S("false"))),
    ("!1", lambda: ops.not_(N(1))),
    ("!null", lambda: ops.not_(NULL)),
    ("!sensitive(true)", lambda: ops.not_(sens(B(True)))),
    ("1 < 2", lambda: ops.less(N(1), N(2))),
    ("2 <= 2", lambda: ops.less_equal(N(2), N(2))),
    ("3 > 2", lambda: ops.greater(N(3), N(2))),
    ("1 >= 2", lambda: ops.greater_equal(N(1), N(2))),
    ('"10" > 9', lambda: ops.greater(S("10"), N(9))),
    ('"a" < 1', lambda: ops.less(S("a"), N(1))),
    ("null < 1", lambda: ops.less(NULL, N(1))),
    ("[] < 1", lambda: ops.less(T(), N(1))),
    ("sensitive(1) < 2", lambda: ops.less(sens(N(1)), N(2))),
    ("(1/0) > 1e300", lambda: ops.greater(ops.divide(N(1), N(0)), N("1e300"))),
    # ---------------------------------------------------------------- equality
    ('1 == "1"', lambda: ops.equal(N(1), S("1"))),
    ("1 == 1.0", lambda: ops.equal(N(1), N("1.0"))),
    ('"a" == "a"', lambda: ops.equal(S("a"), S("a"))),
    ('"é" == "e\\u0301"', lambda: ops.equal(S("é"), S("e\u0301"))),
    ("true == true", lambda: ops.equal(B(True), B(True))),
    ('true == "true"', lambda: ops.equal(B(True), S("true"))),
    ("null == null", lambda: ops.equal(NULL, NULL)),
    ("null == 1", lambda: ops.equal(NULL, N(1))),
    ("tostring(null) == null", lambda: ops.equal(Value.null(STRING), NULL)),
    ("tostring(null) == tonumber(null)", lambda: ops.equal(Value.null(STRING), Value.null(NUMBER))),
    ("[] == []", lambda: ops.equal(T(), T())),
    ("{} == {}", lambda: ops.equal(O(), O())),
    ("[] == {}", lambda: ops.equal(T(), O())),
    ("[1] == [1]", lambda: ops.equal(T(N(1)), T(N(1)))),
    ('[1] == ["1"]', lambda: ops.equal(T(N(1)), T(S("1")))),
    ("[1] == tolist([1])", lambda: ops.equal(T(N(1)), to(T(N(1)), LIST))),
    ("tolist([1]) == tolist([1])", lambda: ops.equal(to(T(N(1)), LIST), to(T(N(1)), LIST))),
    ("tolist([1, 2]) == tolist([2, 1])", lambda: ops.equal(to(T(N(1), N(2)), LIST), to(T(N(2), N(1)), LIST))),
    ("toset([1, 2]) == toset([2, 1])", lambda: ops.equal(to(T(N(1), N(2)), SET), to(T(N(2), N(1)), SET))),
    (
        "toset([1, 2]) == toset([2, 1, 3])",
        lambda: ops.equal(to(T(N(1), N(2)), SET), to(T(N(2), N(1), N(3)), SET)),
    ),
    ("{a = 1} == {a = 1}", lambda: ops.equal(O(a=N(1)), O(a=N(1)))),
    ("{a = 1} == {a = 2}", lambda: ops.equal(O(a=N(1)), O(a=N(2)))),
    ("{a = 1} == {b = 1}", lambda: ops.equal(O(a=N(1)), O(b=N(1)))),
    ("{a = 1} == tomap({a = 1})", lambda: ops.equal(O(a=N(1)), to(O(a=N(1)), MAP))),
    ("tomap({a = 1}) == tomap({a = 1})", lambda: ops.equal(to(O(a=N(1)), MAP), to(O(a=N(1)), MAP))),
    ("[null] == [null]", lambda: ops.equal(T(NULL), T(NULL))),
    ("[null] == [1]", lambda: ops.equal(T(NULL), T(N(1)))),
    ("{a = null} == {a = null}", lambda: ops.equal(O(a=NULL), O(a=NULL))),
    ("1 != 2", lambda: ops.not_equal(N(1), N(2))),
    ('1 != "1"', lambda: ops.not_equal(N(1), S("1"))),
    ("sensitive(1) == 1", lambda: ops.equal(sens(N(1)), N(1))),
    ("[sensitive(1)] == [1]", lambda: ops.equal(T(sens(N(1))), T(N(1)))),
    ("sensitive(1) != 1", lambda: ops.not_equal(sens(N(1)), N(1))),
    ("(1/0) == (1/0)", lambda: ops.equal(ops.divide(N(1), N(0)), ops.divide(N(1), N(0)))),
    ("-0 == 0", lambda: ops.equal(ops.negate(N(0)), N(0))),
    # ---------------------------------------------------------------- json
    ('jsonencode("<a & b>")', lambda: S(to_json(S("<a & b>")))),
    ('jsonencode("\\u2028\\u2029")', lambda: S(to_json(S("\u2028\u2029")))),
    (
        'jsonencode("tab\\t nl\\n quote\\" bs\\\\ ctl\\u0001 del\\u007f é 😀")',
        lambda: S(to_json(S('tab\t nl\n quote" bs\\ ctl\x01 del\x7f é 😀'))),
    ),
    ('jsonencode("\\u0008\\u000c\\u001f")', lambda: S(to_json(S("\b\f\x1f")))),
    ("jsonencode(-0)", lambda: S(to_json(ops.negate(N(0))))),
    ("jsonencode(1.5)", lambda: S(to_json(N("1.5")))),
    ("jsonencode(1e21)", lambda: S(to_json(N("1e21")))),
    ("jsonencode(1/3)", lambda: S(to_json(ops.divide(N(1), N(3))))),
    ("jsonencode(null)", lambda: S(to_json(NULL))),
    ("jsonencode(tostring(null))", lambda: S(to_json(Value.null(STRING)))),
    ('jsonencode({b = 1, a = [true, null, "x"]})', lambda: S(to_json(O(b=N(1), a=T(B(True), NULL, S("x")))))),
    ('jsonencode(toset(["b", "a"]))', lambda: S(to_json(to(T(S("b"), S("a")), SET)))),
    ('jsonencode(tomap({z = 1, "a b" = 2}))', lambda: S(to_json(to(OD({"z": N(1), "a b": N(2)}), MAP)))),
    ("jsonencode([])", lambda: S(to_json(T()))),
    ("jsonencode({})", lambda: S(to_json(O()))),
    ('jsonencode({"<" = ">"})', lambda: S(to_json(OD({"<": S(">")})))),
    ("jsonencode(1/0)", lambda: S(to_json(ops.divide(N(1), N(0))))),
    (
        'jsondecode("{\\"b\\": 1, \\"a\\": [true, null, \\"x\\", 1.5]}")',
        lambda: from_json('{"b": 1, "a": [true, null, "x", 1.5]}'),
    ),
    ('jsondecode("1")', lambda: from_json("1")),
    ('jsondecode("123456789012345678901234567890.5")', lambda: from_json("123456789012345678901234567890.5")),
    ('jsondecode("0.1")', lambda: from_json("0.1")),
    ('jsondecode("1e400")', lambda: from_json("1e400")),
    ('jsondecode("-0")', lambda: from_json("-0")),
    ('jsondecode("\\"e\\\\u0301\\"")', lambda: from_json('"e\\u0301"')),
    ('jsondecode("null")', lambda: from_json("null")),
    ('jsondecode("[]")', lambda: from_json("[]")),
    ('jsondecode("{}")', lambda: from_json("{}")),
    ('jsondecode("{\\"a\\": {\\"b\\": []}}")', lambda: from_json('{"a": {"b": []}}')),
    ('jsondecode("{\\"a\\": 1, \\"a\\": 2}")', lambda: from_json('{"a": 1, "a": 2}')),
    ('jsondecode("[1,")', lambda: from_json("[1,")),
    ('jsondecode("")', lambda: from_json("")),
    ('jsondecode("1 2")', lambda: from_json("1 2")),
    ('jsondecode("tru")', lambda: from_json("tru")),
    ('jsondecode("{\\"a\\" 1}")', lambda: from_json('{"a" 1}')),
    ('jsondecode("\\"\\\\ud83d\\\\ude00\\"")', lambda: from_json('"\\ud83d\\ude00"')),
    ('jsondecode("  [ 1 , 2 ]  ")', lambda: from_json("  [ 1 , 2 ]  ")),
    ('jsondecode("01")', lambda: from_json("01")),
    ('jsondecode("1.")', lambda: from_json("1.")),
    ('jsondecode("[1, {\\"a\\": \\"b\\"}, [null]]")', lambda: from_json('[1, {"a": "b"}, [null]]')),
]
