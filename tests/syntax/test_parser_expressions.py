"""Expression forms and the tree shapes HCL builds for them."""

from __future__ import annotations

import pytest

from hclrun.source import Pos
from hclrun.syntax import ast
from hclrun.syntax.parser import parse_expression, parse_traversal
from tests.syntax.shapes import shape

SHAPES = [
    ("number", "42", "num(42)"),
    ("float exponent", "6.02e+23", "num(6.02e+23)"),
    ("keywords", "[true, false, null]", "[True, False, None]"),
    ("precedence", "1 + 2 * 3 - 4", "((num(1) + (num(2) * num(3))) - num(4))"),
    ("left assoc", "a - b - c", "((var(a) - var(b)) - var(c))"),
    ("or and", "a || b && c", "(var(a) || (var(b) && var(c)))"),
    ("compare eq", "a < b == c >= d", "((var(a) < var(b)) == (var(c) >= var(d)))"),
    ("unary binds tight", "-a.b + 1", "(-var(a.b) + num(1))"),
    ("not not", "!!x", "!!var(x)"),
    ("conditional right", "a ? b : c ? d : e", "cond(var(a), var(b), cond(var(c), var(d), var(e)))"),
    ("traversal", 'var.a.b[0]["k"]', "var(var.a.b[0]['k'])"),
    ("legacy index", "a.0.b", "var(a[0].b)"),
    ("relative after call", "f(x).a[1]", "rel(f(var(x)), .a[1])"),
    ("relative after paren", "(x).a", "rel(paren(var(x)), .a)"),
    ("index expr", "a[b]", "index(var(a), var(b))"),
    ("index then attr", "a[b].c", "rel(index(var(a), var(b)), .c)"),
    ("negative index is expr", "a[-1]", "index(var(a), -num(1))"),
    ("splat", "a[*].b[0]", "splat(var(a), rel(item, .b[0]))"),
    ("bare splat", "a[*]", "splat(var(a), item)"),
    ("nested splat", "a[*].b[*].c", "splat(var(a), splat(rel(item, .b), rel(item, .c)))"),
    ("legacy splat", "a.*.b.c", "lsplat(var(a), rel(item, .b.c))"),
    ("legacy splat stops at index", "a.*.b[0]", "rel(lsplat(var(a), rel(item, .b)), [0])"),
    ("call expand", "max(xs...)", "max(var(xs)...)"),
    ("call trailing comma", "f(1, 2,)", "f(num(1), num(2))"),
    ("call no args", "timestamp()", "timestamp()"),
    ("namespaced", "provider::aws::arn_parse(x)", "provider::aws::arn_parse(var(x))"),
    ("core namespace", 'core::upper("a")', "core::upper(tpl('a'))"),
    ("tuple trailing comma", "[1, 2,]", "[num(1), num(2)]"),
    ("empty tuple", "[]", "[]"),
    ("object forms", '{a = 1, "b": 2, (c) = 3}', "{var(a)=num(1), tpl('b')=num(2), !paren(var(c))=num(3)}"),
    ("object newlines", "{\n  a = 1\n  b = 2\n}", "{var(a)=num(1), var(b)=num(2)}"),
    ("object comma newline", "{\n  a = 1,\n  b = 2,\n}", "{var(a)=num(1), var(b)=num(2)}"),
    ("empty object", "{}", "{}"),
    ("for tuple", "[for x in xs : x if x]", "for(x in var(xs): var(x) if var(x))"),
    ("for object", "{for k, v in m : k => v...}", "for(k,v in var(m): var(k)=>var(v)...)"),
    ("for arrow next line", "{for k, v in m : k\n=> v}", "for(k,v in var(m): var(k)=>var(v))"),
    ("for head newlines", "[for x in\n xs :\n x]", "for(x in var(xs): var(x))"),
    ("newline in parens", "(var.x\n.y)", "paren(var(var.x.y))"),
    ("newline in call", "f(\n1,\n2\n)", "f(num(1), num(2))"),
    ("variable named like keyword", "x.for", "var(x.for)"),
    ("comments", "1 /* c */ + # d\n 2", "(num(1) + num(2))"),
]


@pytest.mark.parametrize(("name", "source", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_shapes(name: str, source: str, expected: str) -> None:
    expr, diags = parse_expression(source)
    assert list(diags) == []
    assert shape(expr) == expected


RANGES = [
    # (source, path to node, (start col, end col))
    ("a + b", lambda e: e, (1, 6)),
    ("a + b", lambda e: e.rhs, (5, 6)),
    ("var.x[0]", lambda e: e.traversal[2], (6, 9)),
    ("f(x)", lambda e: e.name_range, (1, 2)),
    ("f(x)", lambda e: e.close_paren_range, (4, 5)),
    ("-x", lambda e: e.symbol_range, (1, 2)),
    ('"a${b}c"', lambda e: e.parts[0], (2, 3)),
    ('"a${b}c"', lambda e: e.parts[1], (5, 6)),
    ('"${x}"', lambda e: e, (1, 7)),
    ("a[*].b", lambda e: e.marker_range, (2, 5)),
    ("a[*].b", lambda e: e, (1, 7)),
    ("a.*.b", lambda e: e.marker_range, (2, 4)),
    ("a[b]", lambda e: e.open_range, (2, 5)),
    ("[for x in y: x]", lambda e: e.close_range, (15, 16)),
    ("(x)", lambda e: e, (1, 4)),
]


@pytest.mark.parametrize(("source", "pick", "cols"), RANGES)
def test_ranges(source: str, pick: object, cols: tuple[int, int]) -> None:
    expr, _ = parse_expression(source)
    node = pick(expr)  # type: ignore[operator]
    rng = node if hasattr(node, "start") else node.range
    assert (rng.start.column, rng.end.column) == cols
    assert (rng.start.byte, rng.end.byte) == (cols[0] - 1, cols[1] - 1)


def test_ranges_count_characters_and_bytes() -> None:
    expr, _ = parse_expression('"é" + x')
    assert isinstance(expr, ast.BinaryOpExpr)
    assert (expr.rhs.range.start.column, expr.rhs.range.start.byte) == (7, 7)


def test_start_position_offsets_ranges() -> None:
    expr, _ = parse_expression("a\n+ b", "f.tf", Pos(10, 5, 100))
    assert isinstance(expr, ast.BinaryOpExpr)
    assert expr.lhs.range.start == Pos(10, 5, 100)
    assert expr.rhs.range.start == Pos(11, 3, 104)


ERRORS = [
    ("", "Invalid expression"),
    ("1 +", "Missing expression"),
    ("[1,", "Missing expression"),
    ("{a = 1", "Unterminated object constructor expression"),
    ("f(1", "Unterminated function call"),
    ("[1, 2", "Unterminated tuple constructor expression"),
    ("[for x in [1]: x => x]", "Invalid 'for' expression"),
    ("{for x in [1]: x}", "Invalid 'for' expression"),
    ("[for x in [1]: x...]", "Invalid 'for' expression"),
    ('"%{else}"', "Unexpected else directive"),
    ('"%{for x in y}a%{endif}"', "Unexpected endif directive"),
    ('"\\u12"', "Invalid escape sequence"),
    ("1 2", "Extra characters after expression"),
    ("(1", "Unbalanced parentheses"),
    ("[1 2]", "Missing item separator"),
    ("a.", "Invalid attribute name"),
    ("a.0.1", "Invalid legacy index syntax"),
    ("1 @ 2", "Invalid character"),
]


@pytest.mark.parametrize(("source", "summary"), ERRORS)
def test_expression_errors(source: str, summary: str) -> None:
    _, diags = parse_expression(source)
    assert diags.has_errors()
    assert diags[0].summary == summary


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('aws_instance.x["a"][0]', 'aws_instance.x[\'a\'][0]'),
        ("module.m.null_resource.y", "module.m.null_resource.y"),
        ("null", "null"),
    ],
)
def test_traversals(source: str, expected: str) -> None:
    from tests.syntax.shapes import trav

    steps, diags = parse_traversal(source)
    assert list(diags) == []
    assert steps is not None and trav(steps) == expected


@pytest.mark.parametrize("source", ["a[b]", "f(x)", "a[*]", "1 + 2", "a["])
def test_traversal_rejects_non_static(source: str) -> None:
    steps, diags = parse_traversal(source)
    assert steps is None and diags.has_errors()
