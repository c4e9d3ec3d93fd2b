"""The renderer's shortcuts give what the general paths give: the planned
views of a value in one walk, JSON objects diffed without a change per
primitive attribute, key order and name widths."""

from __future__ import annotations

from typing import Any

import pytest

from hclrun.plans.jsonvalues import omit_unknowns, planned_views, sensitive_as_bool, unknown_as_bool
from hclrun.plans.render_change import ALWAYS, Change, PathMatcher
from hclrun.plans.render_collections import _sorted_keys, width_of
from hclrun.plans.render_nodes import Opts
from hclrun.plans.render_text import Colorize
from hclrun.plans.render_values import json_type, transform_json
from hclrun.states.jsondata import JSONNumber
from hclrun.values.types import DYNAMIC, NUMBER, STRING, ListType, MapType, ObjectType
from hclrun.values.value import SENSITIVE, Value

S = Value.string

VALUES = [
    ("null", Value.null(STRING)),
    ("string", S("a")),
    ("number", Value.number(3)),
    ("unknown string", Value.unknown(STRING)),
    ("unknown list", Value.unknown(ListType(STRING))),
    ("unknown object", Value.unknown(ObjectType({"a": STRING}))),
    ("unknown dynamic", Value.unknown(DYNAMIC)),
    ("sensitive string", S("s").mark(SENSITIVE)),
    ("sensitive unknown list", Value.unknown(ListType(STRING)).mark(SENSITIVE)),
    ("sensitive null", Value.null(NUMBER).mark(SENSITIVE)),
    (
        "object with unknown and sensitive parts",
        Value.object({"a": S("x"), "b": Value.unknown(NUMBER), "c": S("y").mark(SENSITIVE), "d": Value.null(STRING)}),
    ),
    ("tuple with unknown element", Value.tuple([S("a"), Value.unknown(STRING), Value.number(1)])),
    ("sensitive tuple", Value.tuple([S("a")]).mark(SENSITIVE)),
    (
        "map of objects",
        Value.map({"k": Value.object({"n": Value.unknown(STRING).mark(SENSITIVE)}), "l": Value.object({"n": S("v")})}),
    ),
    ("wholly known nested", Value.object({"l": Value.list([Value.number(1), Value.number(2)]), "m": Value.map({"x": S("y")})})),
    ("empty map", Value.null(MapType(STRING))),
]


@pytest.mark.parametrize(("name", "value"), VALUES, ids=[v[0] for v in VALUES])
def test_planned_views_match_the_separate_views(name: str, value: Value) -> None:
    known, unknown, sensitive, wholly_known = planned_views(value)
    assert wholly_known == value.is_wholly_known
    assert known == omit_unknowns(value)
    assert unknown == unknown_as_bool(value)
    assert sensitive == sensitive_as_bool(value)


JSON_PAIRS: list[tuple[str, Any, Any]] = [
    ("create", None, {"a": "x", "b": JSONNumber("1"), "c": True, "d": None}),
    ("delete", {"a": "x", "b": [1, 2]}, None),
    ("update", {"a": "x", "b": JSONNumber("1"), "c": False}, {"a": "y", "b": JSONNumber("1"), "c": True}),
    ("type change", {"a": "1", "b": None}, {"a": JSONNumber("1"), "b": "now"}),
    ("to and from null", {"a": None, "b": "x"}, {"a": "x", "b": None}),
    ("nested", {"o": {"p": "q", "r": ["s"]}}, {"o": {"p": "Q", "r": ["s", "t"]}, "n": {}}),
    ("strings that hold JSON", {"j": '{"a": 1}'}, {"j": '{"a": 2}', "k": "[1, 2]"}),
    ("multi-line", {"m": "one\ntwo\n"}, {"m": "one\nthree\n"}),
    ("unchanged", {"a": "x", "b": [True]}, {"a": "x", "b": [True]}),
]


@pytest.mark.parametrize(("name", "before", "after"), JSON_PAIRS, ids=[p[0] for p in JSON_PAIRS])
@pytest.mark.parametrize("color", [False, True])
def test_json_object_shortcut_renders_as_the_general_path(name: str, before: Any, after: Any, color: bool) -> None:
    # A matcher that matches every path but is not ALWAYS sends every
    # attribute through the general path.
    everything = PathMatcher([[]], propagate=True)
    opts = Opts(Colorize(disable=not color))

    def rendered(relevant: PathMatcher) -> tuple[str, Any]:
        change = Change(
            before=before,
            after=after,
            unknown=False,
            before_sensitive=False,
            after_sensitive=False,
            before_explicit=before is not None,
            after_explicit=after is not None,
            relevant=relevant,
        )
        diff = transform_json(change)
        return diff.render(0, opts), diff.action

    assert rendered(ALWAYS) == rendered(everything)


def test_sorted_keys_are_in_utf8_byte_order() -> None:
    keys = ["b", "a", "é", "z", "\U0001f600", "\uffff", "A", "\ud800", "aa", "", "\u00ff"]
    names = dict.fromkeys(keys)
    assert _sorted_keys(names) == sorted(keys, key=lambda k: k.encode("utf-8", "surrogatepass"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("names", "width"),
    [([], 0), (["id", "name"], 4), (["é", "ab"], 2), (["é", "a"], 2), (["\U0001f600"], 4), (["x", '"a b"'], 5)],
)
def test_width_of_counts_utf8_bytes(names: list[str], width: int) -> None:
    assert width_of(names) == width


@pytest.mark.parametrize(
    ("value", "kind"),
    [(None, "null"), (True, "bool"), (JSONNumber("1"), "number"), ("s", "string"), ({}, "object"), ([], "array"),
     (1, "number"), (1.5, "number")],
)
def test_json_type(value: Any, kind: str) -> None:
    assert json_type(value) == kind


def test_json_type_of_subclasses() -> None:
    class Text(str):
        pass

    assert json_type(Text("x")) == "string"
    with pytest.raises(TypeError):
        json_type(object())
