"""Quoted templates, heredocs, directives, strip markers and bare templates."""

from __future__ import annotations

import pytest

from hclrun.syntax import ast
from hclrun.syntax.parser import parse_expression, parse_file, parse_template
from tests.syntax.shapes import shape

QUOTED = [
    ("literal", '"abc"', "tpl('abc')"),
    ("empty", '""', "tpl('')"),
    ("escapes", r'"a\n\t\"\\\r"', "tpl('a\\n\\t\"\\\\\\r')"),
    ("unicode escapes", r'"\u00e9\U0001F600"', "tpl('é😀')"),
    ("literal markers", '"$${x} %%{y} $$ %"', "tpl('${x} %{y} $$ %')"),
    ("wrap", '"${x}"', "wrap(var(x))"),
    ("wrap keeps literal", '"${true}"', "wrap(True)"),
    ("interp", '"a${b}c"', "tpl('a', var(b), 'c')"),
    ("strip both", '"a ${~x~} b"', "tpl('a', var(x), 'b')"),
    ("strip not wrap", '" ${~ 1 ~} "', "tpl(num(1))"),
    ("strip escaped newline", r'"a\n ${~"x"}"', "tpl('a', tpl('x'))"),
    ("if", '"%{if c}y%{endif}"', "tpl(if(var(c), tpl('y')))"),
    ("if else strip", '"%{if true} x %{~ else ~} y %{~ endif ~}!"', "tpl(if(True, tpl(' x'), tpl('y')), '!')"),
    ("for", '"%{for i, x in xs}${i}=${x};%{endfor}"', "tpl(tfor(i,x in var(xs), tpl(var(i), '=', var(x), ';')))"),
    ("nested", '"a${"b${c}"}"', "tpl('a', tpl('b', var(c)))"),
]


@pytest.mark.parametrize(("name", "source", "expected"), QUOTED, ids=[q[0] for q in QUOTED])
def test_quoted(name: str, source: str, expected: str) -> None:
    expr, diags = parse_expression(source)
    assert list(diags) == []
    assert shape(expr) == expected


def _attr_value(src: str) -> ast.Expression:
    f, diags = parse_file(src, "t.tf")
    assert list(diags) == []
    attr = f.body.items[0]
    assert isinstance(attr, ast.Attribute)
    return attr.expr


HEREDOCS = [
    ("plain", "a = <<EOT\nhello\n  world\nEOT\n", "tpl('hello\\n  world\\n')"),
    ("no escapes", "a = <<EOT\na\\nb $${x}\nEOT\n", "tpl('a\\\\nb ${x}\\n')"),
    ("flush", "a = <<-EOT\n    a\n      b\n\n    c\n  EOT\n", "tpl('a\\n  b\\n\\nc\\n')"),
    ("flush interp at line start", "a = <<-EOT\n  a\n${x}\nEOT\n", "tpl('  a\\n', var(x), '\\n')"),
    ("interp", "a = <<EOT\nx=${y}\nEOT\n", "tpl('x=', var(y), '\\n')"),
    ("any delimiter", "a = <<POLICY\n{}\nPOLICY\n", "tpl('{}\\n')"),
    ("empty", "a = <<EOT\nEOT\n", "tpl('')"),
    (
        "directive lines",
        "a = <<EOT\n%{ for x in xs ~}\n${x}\n%{ endfor ~}\nEOT\n",
        "tpl(tfor(x in var(xs), tpl(var(x), '\\n')))",
    ),
]


@pytest.mark.parametrize(("name", "source", "expected"), HEREDOCS, ids=[h[0] for h in HEREDOCS])
def test_heredocs(name: str, source: str, expected: str) -> None:
    expr = _attr_value(source)
    assert shape(expr) == expected
    assert isinstance(expr, ast.TemplateExpr) and expr.heredoc


def test_heredoc_range_spans_markers() -> None:
    expr = _attr_value("a = <<EOT\nx\nEOT\n")
    assert (expr.range.start.line, expr.range.start.column) == (1, 5)
    assert (expr.range.end.line, expr.range.end.column) == (3, 4)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hello, ${name}!\n", "tpl('Hello, ', var(name), '!\\n')"),
        ("a\\nb", "tpl('a\\\\nb')"),
        ("%{ for x in xs }${x}%{ endfor }", "tpl(tfor(x in var(xs), tpl(var(x))))"),
        ("${x}", "wrap(var(x))"),
        ("", "tpl('')"),
        ('"quoted" text', "tpl('\"quoted\" text')"),
    ],
)
def test_bare_templates(source: str, expected: str) -> None:
    expr, diags = parse_template(source)
    assert list(diags) == []
    assert shape(expr) == expected


@pytest.mark.parametrize(
    ("source", "summary"),
    [
        ('"a\\qb"', "Invalid escape sequence"),
        ('"%{ if x }y"', "Unexpected end of template"),
        ('"%{ bogus }"', "Invalid template control keyword"),
        ('"abc', "Unterminated template string"),
    ],
)
def test_template_errors(source: str, summary: str) -> None:
    _, diags = parse_expression(source)
    assert summary in [d.summary for d in diags]
