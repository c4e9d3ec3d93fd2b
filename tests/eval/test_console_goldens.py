"""Evaluator results compared with `terraform console` goldens (fixtures/eval/goldens/console.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.eval import Scope, evaluate_text
from hclrun.values.render import render_console

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"

GOLDENS: dict[str, dict[str, object]] = json.loads((FIXTURES / "goldens" / "console.json").read_text("utf-8"))


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("expr", list(GOLDENS))
def test_matches_console(expr: str, scope: Scope) -> None:
    golden = GOLDENS[expr]
    value, diags = evaluate_text(expr, scope)
    if "result" in golden:
        assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
        assert render_console(value) == golden["result"]
    else:
        expected = [(d["summary"], _words(d["detail"])) for d in golden["diagnostics"]]  # type: ignore[attr-defined]
        assert [(d.summary, _words(d.detail)) for d in diags] == expected
