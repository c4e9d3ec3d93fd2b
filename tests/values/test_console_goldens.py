"""Values built directly with the value layer render (or fail) exactly as
``terraform console`` printed them (goldens: fixtures/values/console.json,
recorded by scripts/record_values_goldens)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hclrun.values.errors import OperationError
from hclrun.values.json import JSONDecodeError, JSONEncodeError
from hclrun.values.render import render_console
from hclrun.values.value import Value
from tests.values.console_cases import CASES, UNIFY_FAILS

GOLDENS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "fixtures" / "values" / "console.json").read_text(encoding="utf-8")
)


def _errors(err: Exception, expr: str) -> list[dict[str, str]]:
    if isinstance(err, OperationError):
        return [{"summary": e.summary, "detail": e.detail} for e in (err, *err.others)]
    func = "jsondecode" if expr.startswith("jsondecode") else "jsonencode"
    assert isinstance(err, JSONDecodeError | JSONEncodeError)
    return [{"summary": "Error in function call", "detail": f'Call to function "{func}" failed: {err}.'}]


@pytest.mark.parametrize(("expr", "thunk"), CASES, ids=[c[0] for c in CASES])
def test_console_golden(expr: str, thunk: Any) -> None:
    golden = GOLDENS[expr]
    try:
        result = thunk()
    except (OperationError, JSONDecodeError, JSONEncodeError) as err:
        assert "errors" in golden, f"expected {golden['output']!r}, got error {err}"
        assert _errors(err, expr) == golden["errors"]
        return
    if result == UNIFY_FAILS:
        assert golden["errors"][0]["summary"] == "Inconsistent conditional result types"
        return
    assert "output" in golden, f"expected error {golden['errors']}, got {result!r}"
    rendered = render_console(result) if isinstance(result, Value) else result
    assert rendered == golden["output"]
