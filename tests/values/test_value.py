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
