"""hclrun's fmt on generated configurations matches terraform fmt's output, recorded
by ``scripts/record_property_goldens fmt``."""

from __future__ import annotations

import json

import pytest
import regex

from hclrun.syntax.format import format_source
from hclrun.syntax.parser import parse_file

from .corpus import ROOT

RECORDS: list[dict[str, str]] = json.loads(
    (ROOT / "fixtures" / "properties" / "fmt_generated.json").read_text(encoding="utf-8")
)

# Shapes of input hclrun formats differently from terraform, with the reason.
KNOWN_DIVERGENCES = [
    (
        # terraform fmt writes `x[true]` as `x[]`, which no longer parses; hclrun keeps the key.
        regex.compile(r"[\w\]]\[\s*(?:true|false|null)\s*\]"),
        "terraform fmt drops a true/false/null key of a traversal's index",
    ),
]


def _param(index: int) -> object:
    marks = [
        pytest.mark.xfail(strict=True, reason=reason)
        for pattern, reason in KNOWN_DIVERGENCES
        if pattern.search(RECORDS[index]["input"])
    ]
    return pytest.param(index, id=f"generated-{index}", marks=marks[:1])


def test_enough_configurations_were_recorded() -> None:
    assert len(RECORDS) >= 300


@pytest.mark.parametrize("index", [_param(i) for i in range(len(RECORDS))])
def test_fmt_matches_terraform(index: int) -> None:
    record = RECORDS[index]
    _, diags = parse_file(record["input"], "generated.tf")
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags.errors()]
    # `terraform fmt -` ends its output with a newline; format_source keeps the input's ending.
    formatted = format_source(record["input"].encode("utf-8")).decode("utf-8")
    if not formatted.endswith("\n"):
        formatted += "\n"
    assert formatted == record["output"]
