"""index(), get_attr() and length() as HCL traversals use them."""

from __future__ import annotations

import pytest

from hclrun.values.access import get_attr, index, length
from hclrun.values.errors import OperationError
from hclrun.values.types import DYNAMIC, NUMBER, STRING, ListType, MapType, ObjectType, TupleType
from hclrun.values.value import NULL, Unknown, Value

N, S = Value.number, Value.string
LST = Value.list([S("a"), S("b")])
NO_ELEMENT = "The given key does not identify an element in this collection value"

INDEX_ERRORS = [
    (
        "null collection",
        NULL,
        N(0),
        "Attempt to index null value",
        "This value is null, so it does not have any indices.",
    ),
    ("null key", LST, NULL, "Invalid index", "Can't use a null value as an indexing key."),
    (
        "fraction",
        LST,
        N("0.5"),
        "Invalid index",
        f"{NO_ELEMENT}: indexing a sequence requires a whole number, but the given index has a fractional part.",
    ),
    (
        "negative",
        LST,
        N(-1),
        "Invalid index",
        f"{NO_ELEMENT}: a negative number is not a valid index for a sequence.",
    ),
    (
        "index equal to the length",
        LST,
        N(2),
        "Invalid index",
        f"{NO_ELEMENT}: the given index is greater than or equal to the length of the collection.",
    ),
    # HCL explains only an index equal to the length; larger ones get the generic wording.
    ("index past the length", LST, N(3), "Invalid index", f"{NO_ELEMENT}."),
    ("past the length of a tuple", Value.tuple([N(1)]), N(5), "Invalid index", f"{NO_ELEMENT}."),
    ("marked collection", LST.mark("sensitive"), N(2), "Invalid index", f"{NO_ELEMENT}."),
    ("empty", Value.tuple([]), N(0), "Invalid index", f"{NO_ELEMENT}: the collection has no elements."),
    ("past the end of empty", Value.tuple([]), N(1), "Invalid index", f"{NO_ELEMENT}."),
    ("bad key type", LST, S("x"), "Invalid index", f"{NO_ELEMENT}: a number is required."),
    ("missing map key", Value.map({"a": N(1)}), S("b"), "Invalid index", f"{NO_ELEMENT}."),
    (
        "object by number",
        Value.object({"a": N(1)}),
        N(0),
        "Invalid index",
        f"{NO_ELEMENT}. An object only supports looking up attributes by name, not by numeric index.",
    ),
    ("string", S("abc"), N(0), "Invalid index", "This value does not have any indices."),
]


@pytest.mark.parametrize(
    ("name", "coll", "key", "summary", "detail"), INDEX_ERRORS, ids=[r[0] for r in INDEX_ERRORS]
)
def test_index_errors(name: str, coll: Value, key: Value, summary: str, detail: str) -> None:
    with pytest.raises(OperationError) as info:
        index(coll, key)
    assert (info.value.summary, info.value.detail) == (summary, detail)


def test_index_values_unknowns_and_marks() -> None:
    assert index(LST, S("1")) == S("b")
    assert index(Value.map({"a": N(1)}), S("a")) == N(1)
    assert index(LST.mark("sensitive"), N(0)) == S("a").mark("sensitive")
    assert index(LST, N(0).mark("sensitive")) == S("a").mark("sensitive")
    assert index(Value.tuple([N(1)]), N(0).mark("sensitive")) == N(1).mark("sensitive")
    assert index(Value.map({"a": N(1)}), S("a").mark("sensitive")) == N(1).mark("sensitive")
    # An object's attribute is looked up with the unmarked key.
    assert index(Value.object({"a": N(1)}), S("a").mark("sensitive")) == N(1)
    assert index(Value.object({"a": N(1).mark("sensitive")}), S("a").mark("sensitive")) == N(1).mark("sensitive")
    out = index(Value.unknown(ListType(STRING)), N(5))
    assert out.type == STRING and not out.is_known
    assert index(LST, Value.unknown(NUMBER)).type == STRING
    assert index(Value.unknown(TupleType([NUMBER, STRING])), N(1)).type == STRING
    assert index(Value.unknown(), N(0)).type == DYNAMIC


GETATTR_ERRORS = [
    (
        "null",
        NULL,
        "Attempt to get attribute from null value",
        "This value is null, so it does not have any attributes.",
    ),
    (
        "missing",
        Value.object({"a": N(1)}),
        "Unsupported attribute",
        'This object does not have an attribute named "x".',
    ),
    (
        "map",
        Value.map({"a": N(1)}),
        "Missing map element",
        'This map does not have an element with the key "x".',
    ),
    (
        "primitive",
        S("s"),
        "Unsupported attribute",
        "Can't access attributes on a primitive-typed value (string).",
    ),
    (
        "list of objects",
        Value.list([Value.object({"x": N(1)})]),
        "Unsupported attribute",
        'Can\'t access attributes on a list of objects. Did you mean to access attribute "x" for a specific element of '
        "the list, or across all elements of the list?",
    ),
    ("tuple", Value.tuple([]), "Unsupported attribute", "This value does not have any attributes."),
]


@pytest.mark.parametrize(
    ("name", "obj", "summary", "detail"), GETATTR_ERRORS, ids=[r[0] for r in GETATTR_ERRORS]
)
def test_get_attr_errors(name: str, obj: Value, summary: str, detail: str) -> None:
    with pytest.raises(OperationError) as info:
        get_attr(obj, "x")
    assert (info.value.summary, info.value.detail) == (summary, detail)


def test_get_attr_values() -> None:
    assert get_attr(Value.object({"x": N(1)}).mark("sensitive"), "x") == N(1).mark("sensitive")
    assert get_attr(Value.unknown(ObjectType({"x": STRING})), "x").type == STRING
    assert get_attr(Value.unknown(MapType(NUMBER)), "x").type == NUMBER
    assert get_attr(Value.unknown(), "x").type == DYNAMIC


def test_length() -> None:
    assert length(LST) == N(2)
    assert length(Value.unknown(TupleType([NUMBER]))) == N(1)
    assert length(LST.mark("sensitive")) == N(2).mark("sensitive")
    unknown = length(Value(ListType(STRING), Unknown(length_lower=1, length_upper=3)))
    assert not unknown.is_known and unknown.raw.number_lower[0] == 1 and unknown.raw.number_upper[0] == 3
    assert length(Value(ListType(STRING), Unknown(length_lower=2, length_upper=2))) == N(2)
    assert not length(Value.set([Value.unknown(STRING), S("a")])).is_known
