"""Static references: what an expression refers to, before evaluation."""

from __future__ import annotations

import pytest

from hclrun.eval import references
from hclrun.syntax.parser import parse_expression


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2", []),
        ("var.a", ["var.a"]),
        ('var.a.b[0]["k"]', ['var.a.b[0]["k"]']),
        ("aws_instance.web[*].id", ["aws_instance.web"]),
        ("module.m.out", ["module.m.out"]),
        ('"${var.a}-${local.b}"', ["var.a", "local.b"]),
        ("[for k, v in var.m : v + k + local.x if v != var.y]", ["var.m", "local.x", "var.y"]),
        ("{for x in var.l : x => count.index}", ["var.l", "count.index"]),
        ("try(var.a, local.b)", ["var.a", "local.b"]),
        ("can(data.x.y.z)", ["data.x.y.z"]),
        ("upper(each.value)", ["each.value"]),
        ("var.c ? self.a : path.module", ["var.c", "self.a", "path.module"]),
        ("{ a = var.x, (local.k) = 1 }", ["var.x", "local.k"]),
        ("{ local = 1 }", []),
        ("var.m[local.k]", ["var.m", "local.k"]),
        ('"%{for v in var.l}${v}${x}%{endfor}"', ["var.l", "x"]),
        ("[for v in v : v]", ["v"]),
        ("-var.n", ["var.n"]),
        ("(var.n)", ["var.n"]),
    ],
)
def test_references(text: str, expected: list[str]) -> None:
    expr, diags = parse_expression(text)
    assert expr is not None and not diags.has_errors()
    assert [str(r) for r in references(expr)] == expected


def test_reference_ranges() -> None:
    expr, _ = parse_expression("1 + var.a.b")
    assert expr is not None
    (ref,) = references(expr)
    assert (ref.range.start.column, ref.range.end.column) == (5, 12)
    assert ref.root_name == "var"
