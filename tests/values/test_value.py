"""Deep marks: finding them, removing them, and exact equality."""

from __future__ import annotations

import pytest

from hclrun.values.types import STRING
from hclrun.values.value import SENSITIVE, Value

PLAIN = Value.object({"a": Value.string("x"), "l": Value.list([Value.number(1), Value.number(2)])})
NESTED_MARK = Value.object(
    {"a": Value.string("x"), "l": Value.list([Value.number(1), Value.number(2).mark(SENSITIVE)])}
)
TOP_MARK = PLAIN.mark(SENSITIVE)
UNKNOWN_MARKED = Value.object({"u": Value.unknown(STRING).mark(SENSITIVE)})
NULL = Value.null()
SET_MARKED = Value.set([Value.string("a").mark(SENSITIVE)])

CASES = [
    # name, value, contains a mark, marks unmark_deep finds
    ("plain object", PLAIN, False, frozenset()),
    ("mark deep in a list", NESTED_MARK, True, frozenset({SENSITIVE})),
    ("mark on the object itself", TOP_MARK, True, frozenset({SENSITIVE})),
    ("marked unknown", UNKNOWN_MARKED, True, frozenset({SENSITIVE})),
    ("null", NULL, False, frozenset()),
    ("set (marks move to the set)", SET_MARKED, True, frozenset({SENSITIVE})),
]


@pytest.mark.parametrize(("value", "marked", "marks"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_unmark_deep(value: Value, marked: bool, marks: frozenset[str]) -> None:
    assert value.contains_marked() is marked
    plain, found = value.unmark_deep()
    assert found == marks
    assert not plain.contains_marked()
    assert plain.type == value.type
    if marked:
        assert plain is not value
    else:
        assert plain is value  # nothing to remove: no copy


def test_unmark_deep_keeps_content() -> None:
    plain, _ = NESTED_MARK.unmark_deep()
    assert plain.raw_equals(PLAIN)
    assert not NESTED_MARK.raw_equals(PLAIN)


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        (PLAIN, PLAIN, True),
        (PLAIN, Value.object({"a": Value.string("x"), "l": Value.list([Value.number(1), Value.number(2)])}), True),
        (PLAIN, NESTED_MARK, False),
        (Value.unknown(STRING), Value.unknown(STRING), True),
        (UNKNOWN_MARKED, UNKNOWN_MARKED, True),
        (NULL, Value.null(STRING), False),
    ],
    ids=["same object", "equal copy", "marks differ", "unknowns", "marked unknown itself", "null types differ"],
)
def test_raw_equals(left: Value, right: Value, equal: bool) -> None:
    assert left.raw_equals(right) is equal
    assert right.raw_equals(left) is equal


def test_object_values_built_alike_share_their_type() -> None:
    from hclrun.values.types import NUMBER, ObjectType

    a = Value.object({"b": Value.number(1), "a": Value.string("x")})
    b = Value.object({"a": Value.string("y"), "b": Value.number(2)})
    assert a.type is b.type
    assert list(a.raw) == ["a", "b"]
    expected = ObjectType({"a": STRING, "b": NUMBER})
    assert a.type == expected and expected == a.type
    assert hash(a.type) == hash(expected)
    assert a.type != ObjectType({"a": STRING, "b": NUMBER}, optional=["a"])
    assert a.type != ObjectType({"a": STRING, "c": NUMBER})


def test_tuple_values_built_alike_share_their_type() -> None:
    from hclrun.values.types import NUMBER, TupleType

    a = Value.tuple([Value.number(1), Value.string("x")])
    b = Value.tuple([Value.number(2), Value.string("y")])
    assert a.type is b.type
    assert a.type == TupleType([NUMBER, STRING]) and hash(a.type) == hash(TupleType([NUMBER, STRING]))
    assert a.type != TupleType([STRING, NUMBER])
    assert Value.tuple([]).type == TupleType([])


@pytest.mark.parametrize("size", [0, 3, 1030])
def test_list_elements_are_keyed_by_index(size: int) -> None:
    from hclrun.values.number import int64_number
    from hclrun.values.value import index_value

    lst = Value.tuple([Value.string(str(i)) for i in range(size)])
    keys = [k for k, _ in lst.elements()]
    assert [k.raw for k in keys] == [int64_number(i) for i in range(size)]
    assert all(k.type is NUMBER_TYPE and k.raw.precision == int64_number(0).precision for k in keys)
    assert index_value(2) is index_value(2)


NUMBER_TYPE = Value.number(0).type
