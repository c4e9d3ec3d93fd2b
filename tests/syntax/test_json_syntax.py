"""The JSON syntax: values with ranges, and conversion to expressions."""

from __future__ import annotations

import pytest

from hclrun.syntax import ast
from hclrun.syntax.json_syntax import JsonObject, JsonString, json_to_expression, parse_json_file
from tests.syntax.shapes import shape

CONVERT = [
    ("string", '"x"', "tpl('x')"),
    ("template", '"a-${var.b}"', "tpl('a-', var(var.b))"),
    ("wrap", '"${var.b}"', "wrap(var(var.b))"),
    ("escaped marker", '"$${x}"', "tpl('${x}')"),
    ("number", "1.5e3", "num(1.5e3)"),
    ("keywords", "[true, false, null]", "[True, False, None]"),
    ("object", '{"a": 1, "b": [2]}', "{tpl('a')=num(1), tpl('b')=[num(2)]}"),
    ("unicode escape", '"\\u00e9\\ud83d\\ude00"', "tpl('é😀')"),
]


@pytest.mark.parametrize(("name", "source", "expected"), CONVERT, ids=[c[0] for c in CONVERT])
def test_json_to_expression(name: str, source: str, expected: str) -> None:
    f, diags = parse_json_file(source, "x.tf.json")
    assert list(diags) == [] and f.root is not None
    expr, cdiags = json_to_expression(f.root)
    assert list(cdiags) == []
    assert shape(expr) == expected


def test_literal_strings_for_tfvars() -> None:
    f, _ = parse_json_file('"${x}"', "t.tfvars.json")
    assert f.root is not None
    expr, _ = json_to_expression(f.root, templates=False)
    assert shape(expr) == "tpl('${x}')"


def test_template_ranges_point_into_json() -> None:
    src = '{\n  "a": "x-${var.b}"\n}'
    f, _ = parse_json_file(src, "m.tf.json")
    assert isinstance(f.root, JsonObject)
    expr, _ = json_to_expression(f.root.properties[0].value)
    assert isinstance(expr, ast.TemplateExpr)
    ref = expr.parts[1]
    assert (ref.range.start.line, ref.range.start.column, ref.range.start.byte) == (2, 13, 14)


def test_properties_keep_order_duplicates_and_comments() -> None:
    f, _ = parse_json_file('{"//": "note", "r": {}, "r": {"x": 1}}', "m.tf.json")
    assert isinstance(f.root, JsonObject)
    assert [p.name for p in f.root.properties] == ["//", "r", "r"]
    assert [p.name for p in f.root.body_properties()] == ["r", "r"]
    name_range = f.root.properties[1].name_range
    assert (name_range.start.column, name_range.end.column) == (16, 19)


def test_string_value_range() -> None:
    f, _ = parse_json_file('  "ab"', "m.json")
    assert isinstance(f.root, JsonString)
    assert (f.root.range.start.column, f.root.range.end.column) == (3, 7)


@pytest.mark.parametrize(
    ("source", "summary"),
    [
        ("", "Missing value"),
        ("[1,]", "Trailing comma in array"),
        ('{"a" 1}', "Missing property value colon"),
        ("{1: 2}", "Invalid object property name"),
        ('"a\\x"', "Invalid JSON string"),
        ("[" * 5000, "Unclosed array"),
    ],
)
def test_json_errors(source: str, summary: str) -> None:
    f, diags = parse_json_file(source, "m.json")
    assert f.root is None
    assert diags[0].summary in (summary, "Nesting too deep")
