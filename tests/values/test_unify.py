"""unify(): cty's Unify / UnifyUnsafe."""

from __future__ import annotations

import pytest

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
    Type,
)
from hclrun.values.unify import unify, unify_unsafe

ROWS: list[tuple[str, list[Type], Type | None, Type | None]] = [
    # name, types, unsafe result, safe result
    ("same", [NUMBER, NUMBER], NUMBER, NUMBER),
    ("number and string", [NUMBER, STRING], STRING, STRING),
    ("bool and number", [BOOL, NUMBER], None, None),
    ("dynamic and number", [DYNAMIC, NUMBER], NUMBER, DYNAMIC),
    (
        "objects with different attributes",
        [ObjectType({"a": NUMBER}), ObjectType({"b": STRING})],
        MapType(STRING),
        MapType(STRING),
    ),
    (
        "objects with same attributes",
        [ObjectType({"a": NUMBER}), ObjectType({"a": STRING})],
        ObjectType({"a": STRING}),
        ObjectType({"a": STRING}),
    ),
    (
        "objects that cannot be maps",
        [ObjectType({"a": NUMBER}), ObjectType({"b": ListType(STRING)})],
        None,
        None,
    ),
    (
        "tuples of same length",
        [TupleType([NUMBER]), TupleType([STRING])],
        TupleType([STRING]),
        TupleType([STRING]),
    ),
    (
        "tuples of different length",
        [TupleType([NUMBER]), TupleType([STRING, STRING])],
        ListType(STRING),
        ListType(STRING),
    ),
    ("list and tuple", [ListType(STRING), TupleType([NUMBER])], ListType(STRING), ListType(STRING)),
    ("set and list", [SetType(STRING), ListType(STRING)], ListType(STRING), ListType(STRING)),
    ("list and dynamic", [ListType(STRING), DYNAMIC], DYNAMIC, DYNAMIC),
    ("object and tuple", [ObjectType({}), TupleType([])], None, None),
    ("empty", [], None, None),
]


@pytest.mark.parametrize(("name", "types", "unsafe", "safe"), ROWS, ids=[r[0] for r in ROWS])
def test_unify(name: str, types: list[Type], unsafe: Type | None, safe: Type | None) -> None:
    assert unify_unsafe(types) == unsafe
    assert unify(types) == safe
