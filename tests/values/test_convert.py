"""convert(): cty's rules, messages and paths, with null, unknown and sensitive rows."""

from __future__ import annotations

import pytest

from hclrun.values.convert import ConversionError, can_convert, convert, convert_safe
from hclrun.values.types import (
    BOOL,
    DYNAMIC,
    NUMBER,
    STRING,
    ListType,
    MapType,
    ObjectType,
    SetType,
    TupleType,
)
from hclrun.values.value import NULL, Unknown, Value

N, S, B = Value.number, Value.string, Value.bool
T = Value.tuple
O = Value.object  # noqa: E741

OK_ROWS = [
    ("number to string", N("1.5"), STRING, S("1.5")),
    ("bool to string", B(False), STRING, S("false")),
    ("string to number", S("-2e3"), NUMBER, N(-2000)),
    ("string 1 to bool", S("1"), BOOL, B(True)),
    ("string 0 to bool", S("0"), BOOL, B(False)),
    ("tuple to list", T([N(1), S("a")]), ListType(STRING), Value.list([S("1"), S("a")])),
    ("tuple to list(any)", T([N(1), S("a")]), ListType(DYNAMIC), Value.list([S("1"), S("a")])),
    ("tuple to set dedups", T([S("b"), S("a"), S("b")]), SetType(STRING), Value.set([S("a"), S("b")])),
    ("object to map", O({"a": N(1)}), MapType(NUMBER), Value.map({"a": N(1)})),
    (
        "map to object drops extras",
        Value.map({"a": S("1"), "z": S("x")}),
        ObjectType({"a": NUMBER}),
        O({"a": N(1)}),
    ),
    ("object drops extra attributes", O({"a": N(1), "b": N(2)}), ObjectType({"a": NUMBER}), O({"a": N(1)})),
    (
        "optional attribute filled with typed null",
        O({}),
        ObjectType({"a": STRING}, ["a"]),
        O({"a": Value.null(STRING)}),
    ),
    ("to any returns value", T([N(1)]), DYNAMIC, T([N(1)])),
    ("null string to number", Value.null(STRING), NUMBER, Value.null(NUMBER)),
    ("dynamic null to list", NULL, ListType(STRING), Value.null(ListType(STRING))),
    (
        "null tuple to list(any)",
        Value.null(TupleType([NUMBER])),
        ListType(DYNAMIC),
        Value.null(ListType(NUMBER)),
    ),
    ("nested null element", T([NULL, N(1)]), ListType(DYNAMIC), Value.list([Value.null(NUMBER), N(1)])),
    ("empty tuple to list", T([]), ListType(STRING), Value(ListType(STRING), ())),
]


@pytest.mark.parametrize(("name", "value", "want", "expected"), OK_ROWS, ids=[r[0] for r in OK_ROWS])
def test_convert_ok(name: str, value: Value, want: object, expected: Value) -> None:
    assert convert(value, want) == expected  # type: ignore[arg-type]


ERROR_ROWS = [
    ("bad number", S("abc"), NUMBER, "a number is required", ()),
    ("bad bool", S("yes"), BOOL, "a bool is required", ()),
    (
        "capitalised bool",
        S("TRUE"),
        BOOL,
        'a bool is required; to convert from string, use lowercase "true"',
        (),
    ),
    ("no number to bool", N(1), BOOL, "bool required", ()),
    ("tuple to string", T([]), STRING, "string required", ()),
    ("list of string", S("x"), ListType(STRING), "list of string required", ()),
    ("element of tuple", T([S("a"), T([])]), ListType(STRING), "element 1: string required", ()),
    (
        "list element type",
        Value.list([Value.list([S("a")])]),
        ListType(STRING),
        "incorrect list element type: string required",
        (),
    ),
    (
        "mixed tuple to list(any)",
        T([N(1), T([])]),
        ListType(DYNAMIC),
        "all list elements must have the same type",
        (),
    ),
    ("missing attribute", O({}), ObjectType({"x": STRING}), 'attribute "x" is required', ()),
    ("two missing", O({}), ObjectType({"x": STRING, "a": STRING}), 'attributes "a" and "x" are required', ()),
    (
        "three missing",
        O({}),
        ObjectType({"x": STRING, "a": STRING, "m": NUMBER}),
        'attributes "a", "m", and "x" are required',
        (),
    ),
    (
        "nested attribute",
        O({"a": T([S("x"), T([])])}),
        ObjectType({"a": ListType(STRING)}),
        'attribute "a": element 1: string required',
        (),
    ),
    (
        "value failure has a path",
        O({"a": T([S("x")])}),
        ObjectType({"a": ListType(NUMBER)}),
        "a number is required",
        ("a", 0),
    ),
    ("map key path", O({"k": S("x")}), MapType(NUMBER), "a number is required", ("k",)),
    (
        "required map element",
        Value.map({"b": S("1")}),
        ObjectType({"a": NUMBER}),
        'map has no element for required attribute "a"',
        (),
    ),
]


@pytest.mark.parametrize(
    ("name", "value", "want", "message", "path"), ERROR_ROWS, ids=[r[0] for r in ERROR_ROWS]
)
def test_convert_error(name: str, value: Value, want: object, message: str, path: tuple[object, ...]) -> None:
    with pytest.raises(ConversionError) as info:
        convert(value, want)  # type: ignore[arg-type]
    assert info.value.message == message
    assert tuple(info.value.path) == path


def test_error_formatting_matches_terraform_paths() -> None:
    with pytest.raises(ConversionError) as info:
        convert(O({"a": T([S("x")])}), ObjectType({"a": ListType(NUMBER)}))
    assert info.value.formatted() == ".a[0]: a number is required"
    with pytest.raises(ConversionError) as info:
        convert(O({"k": S("x")}), MapType(NUMBER))
    assert info.value.formatted() == '["k"]: a number is required'


def test_unknown_converts_to_unknown_of_target_type() -> None:
    out = convert(Value.unknown(TupleType([NUMBER, NUMBER])), ListType(DYNAMIC))
    assert out.type == ListType(NUMBER) and not out.is_known
    assert (out.raw.length_lower, out.raw.length_upper) == (2, 2)
    assert convert(Value.unknown(), NUMBER).type == NUMBER
    refined = convert(Value.unknown(STRING, Unknown(not_null=True)), NUMBER)
    assert refined.raw.not_null


def test_unknown_element_stays_unknown() -> None:
    out = convert(T([Value.unknown(), N(1)]), ListType(STRING))
    assert out.raw[0].type == STRING and not out.raw[0].is_known
    assert out.raw[1] == S("1")


def test_marks_survive_at_every_depth() -> None:
    out = convert(T([N(1).mark("sensitive"), N(2)]).mark("ephemeral"), ListType(STRING))
    assert out.marks == {"ephemeral"}
    assert out.raw[0] == S("1").mark("sensitive")
    assert not out.raw[1].marks
    assert convert(S("5").mark("sensitive"), NUMBER) == N(5).mark("sensitive")


def test_set_conversion_moves_marks_to_the_set() -> None:
    out = convert(T([S("a").mark("sensitive"), S("b")]), SetType(STRING))
    assert out.marks == {"sensitive"}
    assert all(not e.marks for e in out.raw)


def test_safe_and_unsafe() -> None:
    assert can_convert(NUMBER, STRING, unsafe=False)
    assert not can_convert(STRING, NUMBER, unsafe=False)
    assert can_convert(STRING, NUMBER)
    assert not can_convert(ListType(STRING), SetType(STRING), unsafe=False)
    assert can_convert(ListType(STRING), SetType(STRING))
    assert not can_convert(MapType(STRING), ObjectType({"a": STRING}), unsafe=False)
    with pytest.raises(ConversionError):
        convert_safe(S("1"), NUMBER)
    assert convert_safe(N(1), STRING) == S("1")
