"""Function signatures as ``validate -json`` describes them, against ``terraform metadata functions``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hclrun.functions.describe import signature_data
from hclrun.functions.registry import EVALUATOR_FUNCTIONS, build_function_table

METADATA = Path(__file__).resolve().parents[2] / "fixtures" / "console" / "functions.json"
SIGNATURES: dict[str, dict[str, Any]] = json.loads(METADATA.read_text(encoding="utf-8"))["function_signatures"]
TABLE = build_function_table()

# The reference accepts values of unknown type for templatestring's variables,
# which hclrun's declaration does not, so its static return type is dynamic here.
DYNAMIC_HERE = {"templatestring"}


def _param(data: dict[str, Any]) -> dict[str, Any]:
    return {"name": data["name"], "type": data["type"]}


@pytest.mark.parametrize("name", sorted(n for n in SIGNATURES if "::" not in n and n not in EVALUATOR_FUNCTIONS))
def test_signature_matches_metadata(name: str) -> None:
    want = SIGNATURES[name]
    got = signature_data(name, TABLE[name])
    assert got["name"] == name
    assert got["params"] == [_param(p) for p in want.get("parameters", [])]
    variadic = want.get("variadic_parameter")
    assert got.get("variadic_param") == (_param(variadic) if variadic else None)
    assert got["return_type"] == ("dynamic" if name in DYNAMIC_HERE else want["return_type"])


@pytest.mark.parametrize(
    ("called_as", "name"), [("core::upper", "upper"), ("upper", "upper"), ("core::timestamp", "timestamp")]
)
def test_name_drops_namespace(called_as: str, name: str) -> None:
    assert signature_data(called_as, TABLE[called_as])["name"] == name
