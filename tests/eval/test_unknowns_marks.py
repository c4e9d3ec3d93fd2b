"""Unknown values and marks flowing through every kind of expression."""

from __future__ import annotations

import pytest

from hclrun.eval import Scope, evaluate_text
from hclrun.functions.spec import Function
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, STRING, ListType, ObjectType, TupleType, Type
from hclrun.values.value import SENSITIVE, Unknown, Value


@pytest.fixture
def vscope(functions: dict[str, Function]) -> Scope:
    return Scope(
        {
            "us": Value.unknown(STRING),
            "un": Value.unknown(NUMBER),
            "ub": Value.unknown(BOOL),
            "ul": Value.unknown(ListType(STRING)),
            "uo": Value.unknown(ObjectType({"a": NUMBER})),
            "ud": Value.unknown(DYNAMIC),
            "partial": Value.tuple([Value.string("a"), Value.unknown(STRING)]),
            "sec": Value.string("s").mark(SENSITIVE),
            "secl": Value.tuple([Value.number(1), Value.number(2)]).mark(SENSITIVE),
            "secb": Value.bool(True).mark(SENSITIVE),
            "s": Value.string("x"),
        },
        functions,
    )


# expression, expected type of the unknown result
UNKNOWN_ROWS: list[tuple[str, Type]] = [
    ("us", STRING),
    ('"a${us}"', STRING),
    ("un + 1", NUMBER),
    ("ub ? 1 : 2", NUMBER),
    ('ub ? "a" : 1', STRING),
    ("upper(us)", STRING),
    ("uo.a", NUMBER),
    ("ul[0]", STRING),
    ("ul[*]", ListType(STRING)),
    ("[for v in ul : v]", DYNAMIC),
    ("{for v in ul : v => v}", DYNAMIC),
    ("[for v in [1] : v if ub]", DYNAMIC),
    ("try(us, 1)", DYNAMIC),
    ("try(partial, 1)", DYNAMIC),
    ("can(us)", BOOL),
    ("ud.a.b", DYNAMIC),
    ("ud[0]", DYNAMIC),
    ("upper(ud...)", DYNAMIC),
    ('"%{for v in ul}${v}%{endfor}"', STRING),
    ('"%{if ub}a%{endif}"', STRING),
    ("{ (us) = 1 }", DYNAMIC),
    ("un == 1", BOOL),
    ("!ub", BOOL),
]


@pytest.mark.parametrize(("text", "want"), UNKNOWN_ROWS)
def test_unknown_results(text: str, want: Type, vscope: Scope) -> None:
    value, diags = evaluate_text(text, vscope)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert not value.is_known
    assert value.type == want


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ('"ab${us}"', "a"),
        ('"ab-${us}"', "ab-"),
        ('"${us}ab"', ""),
        ('"x/${us}/y"', "x/"),
    ],
)
def test_template_known_prefix(text: str, prefix: str, vscope: Scope) -> None:
    value, _ = evaluate_text(text, vscope)
    assert isinstance(value.raw, Unknown)
    assert value.raw.not_null
    assert value.raw.string_prefix == prefix


SENSITIVE_ROWS = [
    '"a${sec}"',
    "upper(sec)",
    "secb ? 1 : 2",
    "true ? sec : s",
    "false ? sec : s",
    "[for v in secl : v]",
    "{for v in secl : v => v}",
    "secl[0]",
    "secl[*]",
    "length(secl)",
    "sec == s",
    "{ (sec) = 1 }",
    '"%{for v in secl}${v}%{endfor}"',
    "try(sec, 1)",
]


@pytest.mark.parametrize("text", SENSITIVE_ROWS)
def test_sensitive_results(text: str, vscope: Scope) -> None:
    value, diags = evaluate_text(text, vscope)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert value.is_sensitive


@pytest.mark.parametrize(
    ("text", "marked_index"),
    [("[sec, s]", 0), ("[s, sec]", 1)],
)
def test_marks_stay_on_elements(text: str, marked_index: int, vscope: Scope) -> None:
    value, _ = evaluate_text(text, vscope)
    assert not value.is_sensitive
    assert [e.is_sensitive for e in value.raw] == [i == marked_index for i in range(2)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("null[*]", Value.tuple([])),
        ("[for v in [] : v]", Value.tuple([])),
        ('true ? null : "a"', Value.null(STRING)),
        ("ub ? null : null", Value.null(DYNAMIC)),
        ('"${null}"', Value.null(DYNAMIC)),
        ("[1, null]", Value.tuple([Value.number(1), Value.null(DYNAMIC)])),
        ("{ a = null }", Value.object({"a": Value.null(DYNAMIC)})),
        ("[null][*]", Value.tuple([Value.null(DYNAMIC)])),
        ("tolist([1])[*]", Value.list([Value.number(1)])),
        ("[1][*]", Value(TupleType([NUMBER]), (Value.number(1),))),
    ],
)
def test_null_rows(text: str, expected: Value, vscope: Scope) -> None:
    value, diags = evaluate_text(text, vscope)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert value == expected


def test_diagnostics_leave_sensitive_values_out(vscope: Scope) -> None:
    _, diags = evaluate_text("sec + 1", vscope)
    assert [d.summary for d in diags] == ["Invalid operand"]
    assert diags[0].values == ()


def test_unknown_operand_does_not_hide_type_errors(vscope: Scope) -> None:
    _, diags = evaluate_text("un + [1]", vscope)
    assert [(d.summary, d.detail) for d in diags] == [
        ("Invalid operand", "Unsuitable value for right operand: number required.")
    ]
