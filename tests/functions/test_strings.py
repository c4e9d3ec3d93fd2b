"""String functions against goldens recorded from ``terraform console``, plus
return types for unknown arguments, marks, and templatestring's value part."""

from __future__ import annotations

from typing import Any

import pytest
from golden_function_cases import case_id, load_goldens, metadata_signatures, signature_mismatches
from test_numeric import TABLE, check_golden

from hclrun.functions import strings
from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import FunctionCallError, call_function
from hclrun.values.types import DYNAMIC, STRING, ListType, ObjectType, TupleType, Type
from hclrun.values.value import SENSITIVE, Value

STRING_NAMES = [
    "chomp", "endswith", "format", "formatlist", "indent", "join", "lower", "regex", "regexall",
    "replace", "split", "startswith", "strcontains", "strrev", "substr", "title", "trim",
    "trimprefix", "trimspace", "trimsuffix", "upper", "templatestring",
]  # fmt: skip


def _needs_json(record: dict[str, Any]) -> bool:
    expr: str = record["expr"]
    return expr.startswith(("format(", "formatlist(")) and any(v in expr for v in ("%v", "%#v", "%q"))


def _json_ready() -> bool:
    try:
        from hclrun.values.json import to_json

        to_json(Value.string("x"))
    except NotImplementedError:
        return False
    return True


JSON_READY = _json_ready()


def golden_params() -> list[Any]:
    params = []
    for record in load_goldens("strings"):
        marks = []
        if not JSON_READY and _needs_json(record):
            marks.append(pytest.mark.xfail(reason="hclrun.values.json.to_json not available yet"))
        params.append(pytest.param(record, id=case_id(record), marks=marks))
    return params


@pytest.mark.parametrize("record", golden_params())
def test_strings_golden(record: dict[str, Any]) -> None:
    check_golden(record)


def test_every_function_of_the_families_is_in_the_table() -> None:
    from test_numeric import NUMERIC_NAMES

    from hclrun.functions.registry import build_function_table

    table = build_function_table()
    for name in STRING_NAMES + NUMERIC_NAMES:
        assert table[name] is not None
        assert table[f"core::{name}"] is table[name]
        assert signature_mismatches(table[name], metadata_signatures([name])[name]) == []


@pytest.mark.parametrize("name", STRING_NAMES)
def test_signature_matches_metadata(name: str) -> None:
    assert signature_mismatches(TABLE[name], metadata_signatures([name])[name]) == []


S = Value.string
UNKNOWN_STRING = Value.unknown(STRING)


@pytest.mark.parametrize(
    ("name", "args", "want_type"),
    [
        ("regex", [S("a"), UNKNOWN_STRING], STRING),
        ("regex", [S("(a)(b)"), UNKNOWN_STRING], TupleType([STRING, STRING])),
        ("regex", [S("(?P<x>a)"), UNKNOWN_STRING], ObjectType({"x": STRING})),
        ("regex", [UNKNOWN_STRING, S("a")], DYNAMIC),
        ("regexall", [S("(?P<x>a)"), UNKNOWN_STRING], ListType(ObjectType({"x": STRING}))),
        ("regexall", [UNKNOWN_STRING, S("a")], ListType(DYNAMIC)),
        ("upper", [UNKNOWN_STRING], STRING),
        ("split", [S(","), UNKNOWN_STRING], ListType(STRING)),
        ("format", [S("%s"), UNKNOWN_STRING], STRING),
        ("format", [S("%v"), Value.tuple([UNKNOWN_STRING])], STRING),
        ("formatlist", [S("%s"), Value.unknown(ListType(STRING))], ListType(STRING)),
        ("join", [S(","), Value.list([S("a"), UNKNOWN_STRING])], STRING),
        ("format", [S("%s"), Value.null()], DYNAMIC),
    ],
)
def test_unknown_results_have_the_right_type(name: str, args: list[Value], want_type: Type) -> None:
    result = call_function(TABLE[name], args)
    assert not result.is_known
    assert result.type == want_type


def test_formatlist_unknown_element_gives_unknown_element_only() -> None:
    result = call_function(TABLE["formatlist"], [S("%s!"), Value.list([S("a"), UNKNOWN_STRING])])
    assert result.is_known
    assert result.raw[0] == S("a!")
    assert not result.raw[1].is_known


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("upper", [S("a").mark(SENSITIVE)]),
        ("join", [S(","), Value.list([S("a").mark(SENSITIVE), S("b")])]),
        ("format", [S("%v"), Value.tuple([S("x").mark(SENSITIVE)])]),
        ("formatlist", [S("%s"), Value.list([S("x").mark(SENSITIVE)])]),
        ("replace", [S("abc"), S("b"), S("x").mark(SENSITIVE)]),
    ],
)
def test_nested_sensitive_values_mark_the_result(name: str, args: list[Value]) -> None:
    assert call_function(TABLE[name], args).is_sensitive


def _fake_renderer(source: str, filename: str, variables: dict[str, Value]) -> Value:
    """Replaces ``{name}`` with the variable's string value (enough to test the plumbing)."""
    assert filename == "<templatestring argument>"
    if source == "{x}":
        return variables["x"]
    out = source
    for name, value in variables.items():
        out = out.replace("{" + name + "}", str(value.raw))
    return S(out)


TEMPLATESTRING = next(f for f in strings.functions(FunctionContext(template_renderer=_fake_renderer))
                      if f.name == "templatestring")


@pytest.mark.parametrize(
    ("template", "variables", "want"),
    [
        ("Hello, {name}!", Value.object({"name": S("x")}), S("Hello, x!")),
        ("Hello, {name}!", Value.map({"name": S("m")}), S("Hello, m!")),
        ("{x}", Value.object({"x": Value.number(5)}), S("5")),
        ("{x}", Value.object({"x": S("s").mark(SENSITIVE)}), S("s").mark(SENSITIVE)),
        ("plain", Value.unknown(ObjectType({})), UNKNOWN_STRING),
    ],
)
def test_templatestring_renders(template: str, variables: Value, want: Value) -> None:
    assert call_function(TEMPLATESTRING, [S(template), variables]) == want


@pytest.mark.parametrize(
    ("variables", "arg_index", "message"),
    [
        (S("x"), 1, "invalid vars value: must be a map"),
        (Value.null(ObjectType({})), 1, "argument must not be null"),
        (Value.object({"x": Value.tuple([S("a")])}), None, "invalid template result: string required"),
    ],
)
def test_templatestring_errors(variables: Value, arg_index: int | None, message: str) -> None:
    with pytest.raises(FunctionCallError) as info:
        call_function(TEMPLATESTRING, [S("{x}"), variables])
    assert (info.value.arg_index, info.value.message) == (arg_index, message)
