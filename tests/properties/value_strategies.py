"""Hypothesis strategies for types and for values of every kind: nested, null,
unknown and sensitive at any depth.

Numbers and strings come from small pools of awkward cases rather than from
the whole space: a random 400-digit width in a format string only measures
how long the machine takes to print spaces.
"""

from __future__ import annotations

from hypothesis import strategies as st

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
from hclrun.values.value import SENSITIVE, Value

STRINGS = (
    "", "a", "abc", "A b", "é", "e\u0301", "🇫🇷", "true", "false", "null", "0", "1.5", "-3", "1e3", "0x10",
    "a,b", "%s", "%d %v", "${x}", "%{if}", "\n", "a\r\nb", "  pad ", "[1]", '{"a": 1}', "a: b\n",
    "YQ==", "10.0.0.0/8", "192.168.1.1", "2001:db8::/32", "2018-01-02T23:12:01Z", "YYYY-MM-DD", "^a(b)?$",
    "[", "x.tf", "data.json", ".", "/", "..", "~", "k", "\u2028", "<&>", "\x00",
)  # fmt: skip
NUMBERS: tuple[int | float | str, ...] = (0, 1, -1, 2, 3, 7, 32, 100, 0.5, -2.5, 1e-5, 9007199254740993, "1e30", "-0")
KEYS = ("a", "b", "k", "", "é", "with space", "1")


def _number(raw: int | float | str) -> Value:
    return Value.number(raw)


def primitive_types() -> st.SearchStrategy[Type]:
    return st.sampled_from([STRING, NUMBER, BOOL])


def types(max_depth: int = 2) -> st.SearchStrategy[Type]:
    """Any type, including ``dynamic`` at the top and nested structural types."""

    def extend(inner: st.SearchStrategy[Type]) -> st.SearchStrategy[Type]:
        return st.one_of(
            inner.map(ListType),
            inner.map(SetType),
            inner.map(MapType),
            st.lists(inner, max_size=3).map(TupleType),
            st.dictionaries(st.sampled_from(KEYS), inner, max_size=3).map(ObjectType),
        )

    concrete = st.recursive(primitive_types(), extend, max_leaves=5)
    return st.one_of(concrete, st.just(DYNAMIC)) if max_depth else concrete


@st.composite
def values_of(draw: st.DrawFn, t: Type, special: bool = True) -> Value:
    """A value of type ``t``: sometimes null, unknown or sensitive (at any depth when ``special``)."""
    if special:
        roll = draw(st.integers(0, 19))
        if roll == 0:
            return Value.null(t)
        if roll == 1:
            return Value.unknown(t)
        if roll == 2:
            return draw(values_of(t, special)).mark(SENSITIVE)
    if t.is_dynamic:
        return draw(st.sampled_from([Value.null(DYNAMIC), Value.unknown(DYNAMIC)]))
    if t == STRING:
        return Value.string(draw(st.sampled_from(STRINGS)))
    if t == NUMBER:
        return _number(draw(st.sampled_from(NUMBERS)))
    if t == BOOL:
        return Value.bool(draw(st.booleans()))
    if isinstance(t, TupleType):
        return Value.tuple([draw(values_of(e, special)) for e in t.elements])
    if isinstance(t, ObjectType):
        return Value.object({k: draw(values_of(a, special)) for k, a in t.attributes.items()})
    element = t.element  # type: ignore[attr-defined]
    items = draw(st.lists(values_of(element, special), max_size=3))
    if isinstance(t, ListType):
        return Value.list(items, element)
    if isinstance(t, SetType):
        return Value.set(items, element)
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=len(items), max_size=len(items), unique=True))
    return Value.map(dict(zip(keys, items, strict=True)), element)


def values(max_depth: int = 2) -> st.SearchStrategy[Value]:
    """A value of any type, null, unknown and sensitive ones included."""
    return types(max_depth).flatmap(values_of)
