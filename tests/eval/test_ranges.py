"""Diagnostic wording, subject ranges and "with" notes compared with `terraform validate -json`.

Each golden comes from a configuration whose ``locals`` block holds the
preamble (fixtures/eval/preamble.tf) and then ``x = <expression>``; here the
preamble is evaluated into ``local`` and ``x`` is evaluated in that scope.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.eval import Scope, evaluate
from hclrun.functions.spec import Function
from hclrun.syntax import ast
from hclrun.syntax.parser import parse_file
from hclrun.values.value import Value

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"

GOLDENS: dict[str, list[dict[str, object]]] = json.loads((FIXTURES / "goldens" / "ranges.json").read_text("utf-8"))
PREAMBLE = (FIXTURES / "preamble.tf").read_text("utf-8")

# Undeclared references are reported by the configuration layer's resolvers, not the evaluator.
CONFIG_LAYER = {"Reference to undeclared resource"}



def _locals(expr_text: str) -> tuple[ast.Expression, dict[str, ast.Expression]]:
    source = f"locals {{\n{PREAMBLE}  x = {expr_text}\n}}\n"
    tree, diags = parse_file(source, "main.tf")
    assert not diags.has_errors(), [d.summary for d in diags]
    block = tree.body.blocks[0]
    attrs = {a.name: a.expr for a in block.body.attributes}
    return attrs.pop("x"), attrs


def _cases() -> list[object]:
    cases: list[object] = []
    for text, diags in GOLDENS.items():
        if any(d["summary"] in CONFIG_LAYER for d in diags):
            continue
        cases.append(text)
    return cases


@pytest.mark.parametrize("expr_text", _cases())
def test_matches_validate(expr_text: str, functions: dict[str, Function]) -> None:
    expr, preamble = _locals(expr_text)
    base = Scope({}, functions)
    local_values: dict[str, Value] = {}
    for name, pexpr in preamble.items():
        value, diags = evaluate(pexpr, base)
        assert not diags.has_errors()
        local_values[name] = value
    scope = Scope({"local": Value.object(local_values)}, functions)
    _, diags = evaluate(expr, scope)
    got = [
        {
            "summary": d.summary,
            "detail": d.detail,
            "range": None
            if d.subject is None
            else [d.subject.start.line, d.subject.start.column, d.subject.end.line, d.subject.end.column],
            "values": [[v.traversal, v.statement] for v in d.values],
        }
        for d in diags
    ]
    expected = [{k: d[k] for k in ("summary", "detail", "range", "values")} for d in GOLDENS[expr_text]]
    assert got == expected
