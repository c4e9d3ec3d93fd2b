"""Type constraints and optional attribute defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.eval import TypeDefaults, apply_defaults, type_constraint
from hclrun.source import Pos
from hclrun.syntax.parser import parse_expression
from hclrun.values.convert import convert
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"
GOLDENS: dict[str, list[dict[str, object]]] = json.loads((FIXTURES / "goldens" / "types.json").read_text("utf-8"))
PREFIX = 'variable "x" { type = '


def _constraint(text: str) -> tuple[Type, TypeDefaults | None, list[dict[str, object]]]:
    expr, diags = parse_expression(text, "main.tf", Pos(1, len(PREFIX) + 1, len(PREFIX)))
    assert expr is not None and not diags.has_errors()
    t, defaults, tdiags = type_constraint(expr)
    got = [
        {
            "summary": d.summary,
            "detail": d.detail,
            "range": [d.subject.start.line, d.subject.start.column, d.subject.end.line, d.subject.end.column]
            if d.subject
            else None,
        }
        for d in tdiags
    ]
    return t, defaults, got


@pytest.mark.parametrize("text", list(GOLDENS))
def test_diagnostics_match_validate(text: str) -> None:
    _, _, got = _constraint(text)
    assert got == [{k: d[k] for k in ("summary", "detail", "range")} for d in GOLDENS[text]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string", STRING),
        ("any", DYNAMIC),
        ("list(number)", ListType(NUMBER)),
        ("set(bool)", SetType(BOOL)),
        ("map(any)", MapType(DYNAMIC)),
        ("list", ListType(DYNAMIC)),
        ("map", MapType(DYNAMIC)),
        ("tuple([string, number])", TupleType([STRING, NUMBER])),
        ("object({ a = string, b = optional(number) })", ObjectType({"a": STRING, "b": NUMBER}, ["b"])),
        ("list(object({ a = optional(string, \"x\") }))", ListType(ObjectType({"a": STRING}, ["a"]))),
    ],
)
def test_types(text: str, expected: Type) -> None:
    t, _, diags = _constraint(text)
    assert not diags
    assert t == expected


def _defaults(text: str) -> tuple[Type, TypeDefaults]:
    t, defaults, diags = _constraint(text)
    assert not diags and defaults is not None
    return t, defaults


OBJ = 'object({ a = string, b = optional(number, 1), c = optional(list(string), ["x"]) })'


@pytest.mark.parametrize(
    ("text", "given", "expected"),
    [
        (OBJ, {"a": "v"}, {"a": "v", "b": 1, "c": ["x"]}),
        (OBJ, {"a": "v", "b": None}, {"a": "v", "b": 1, "c": ["x"]}),
        (OBJ, {"a": "v", "b": 5, "c": []}, {"a": "v", "b": 5, "c": []}),
        (
            "list(object({ n = optional(number, 7) }))",
            [{}, {"n": 2}],
            [{"n": 7}, {"n": 2}],
        ),
        (
            "map(object({ n = optional(number, 7), o = optional(object({ p = optional(bool, true) }), {}) }))",
            {"k": {}},
            {"k": {"n": 7, "o": {"p": True}}},
        ),
    ],
)
def test_apply_defaults(text: str, given: object, expected: object) -> None:
    t, defaults = _defaults(text)
    value = convert(apply_defaults(_value(given), defaults), t)
    assert value.as_python() == expected


def _value(data: object) -> Value:
    if isinstance(data, dict):
        return Value.object({k: _value(v) for k, v in data.items()})
    if isinstance(data, list):
        return Value.tuple([_value(v) for v in data])
    if data is None:
        return Value.null()
    if isinstance(data, str):
        return Value.string(data)
    if isinstance(data, bool):
        return Value.bool(data)
    return Value.number(data)  # type: ignore[arg-type]


@pytest.mark.parametrize("given", [Value.null(), Value.unknown(DYNAMIC)])
def test_apply_defaults_leaves_null_and_unknown_alone(given: Value) -> None:
    _, defaults = _defaults(OBJ)
    assert apply_defaults(given, defaults) is given


def test_apply_defaults_keeps_marks() -> None:
    _, defaults = _defaults(OBJ)
    value = apply_defaults(_value({"a": "v"}).mark(SENSITIVE), defaults)
    assert value.is_sensitive
    assert value.raw["b"] == Value.number(1)


def test_no_defaults_without_default_values() -> None:
    _, defaults, _ = _constraint("object({ o = optional(object({ p = optional(string) })) })")
    assert defaults is None
    given = _value({})
    assert apply_defaults(given, defaults) is given
