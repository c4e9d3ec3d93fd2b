"""Diagnostic rendering against goldens recorded from `terraform validate`.

Each fixture directory holds a configuration, the diagnostics Terraform
reported for it as JSON (with ranges, values and function-call notes) and
its plain and coloured text output. The diagnostics are rebuilt from the
JSON and rendered; the output must match Terraform's byte for byte. Terraform
reports diagnostics in a nondeterministic order, so blocks are compared as
sorted lists.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from hclrun.diagnostics import Diagnostic, ExpressionValue, FunctionCallInfo, Severity
from hclrun.diagrender import render_diagnostic, render_diagnostics, wrap_words
from hclrun.source import Pos, Range

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "diagrender" / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if p.is_dir())


def _pos(p: dict[str, int]) -> Pos:
    return Pos(p["line"], p["column"], p["byte"])


def _line_offsets(src: bytes) -> list[int]:
    offsets = [0]
    for i, b in enumerate(src):
        if b == 0x0A:
            offsets.append(i + 1)
    return offsets


def diagnostic_from_json(d: dict[str, Any], sources: dict[str, bytes]) -> Diagnostic:
    severity = Severity.ERROR if d["severity"] == "error" else Severity.WARNING
    subject = context = None
    values: tuple[ExpressionValue, ...] = ()
    call = None
    if "range" in d:
        r = d["range"]
        subject = Range(r["filename"], _pos(r["start"]), _pos(r["end"]))
        snippet = d.get("snippet")
        if snippet is not None:
            src = sources[r["filename"]]
            offsets = _line_offsets(src)
            first = snippet["start_line"]
            last = first + snippet["code"].count("\n")
            start = Pos(first, 1, offsets[first - 1])
            end_byte = offsets[last] - 1 if last < len(offsets) else len(src)
            context = Range(r["filename"], start, Pos(last, 1, end_byte))
            values = tuple(ExpressionValue(v["traversal"], v["statement"]) for v in snippet["values"])
            fc = snippet.get("function_call")
            if fc is not None and fc.get("signature") is not None:
                sig = fc["signature"]
                variadic = sig.get("variadic_param")
                call = FunctionCallInfo(
                    fc["called_as"],
                    tuple(p["name"] for p in sig.get("params", [])),
                    variadic["name"] if variadic else None,
                )
    return Diagnostic(severity, d["summary"], d["detail"], subject, context, values, function_call=call)


def _load(case: Path) -> tuple[list[Diagnostic], dict[str, bytes]]:
    sources = {p.name: p.read_bytes() for p in case.glob("*.tf")}
    doc = json.loads((case / "validate.json").read_text())
    return [diagnostic_from_json(d, sources) for d in doc["diagnostics"]], sources


def _golden_text(case: Path, mode: str) -> str:
    text = (case / f"{mode}.stderr").read_text() + (case / f"{mode}.stdout").read_text()
    cut = text.find("Success!")
    if cut >= 0:
        text = text[: text.rfind("\n", 0, cut) + 1]
    return text


def _split_plain(text: str) -> list[str]:
    return sorted(part for part in re.split(r"(?=\n(?:Error|Warning): )", text) if part)


def _split_boxed(text: str) -> list[str]:
    return sorted(part for part in re.split(r"(?=\x1b\[3[13]m╷)", text) if part)


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_plain_matches_terraform(case: Path) -> None:
    diags, sources = _load(case)
    assert diags
    rendered = [render_diagnostic(d, sources) for d in diags]
    assert sorted(rendered) == _split_plain(_golden_text(case, "plain"))


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: p.name)
def test_colour_matches_terraform(case: Path) -> None:
    diags, sources = _load(case)
    rendered = [render_diagnostic(d, sources, color=True) for d in diags]
    assert sorted(rendered) == _split_boxed(_golden_text(case, "color"))


def test_missing_source_says_so() -> None:
    r = Range("<console-input>", Pos(1, 1, 0), Pos(1, 6, 5))
    diag = Diagnostic.error("Reference to undeclared input variable", "An input variable.", r)
    assert render_diagnostic(diag, {}) == (
        "\nError: Reference to undeclared input variable\n\n"
        "  on <console-input> line 1:\n  (source code not available)\n\nAn input variable.\n"
    )


def test_no_subject_and_no_detail() -> None:
    diag = Diagnostic.warning("Something odd")
    assert render_diagnostic(diag, {}) == "\nWarning: Something odd\n\n"
    assert render_diagnostics([diag, diag], {}) == "\nWarning: Something odd\n\n" * 2


def test_indented_detail_lines_are_not_wrapped() -> None:
    detail = "word " * 30 + "\n  " + "x " * 60
    out = render_diagnostic(Diagnostic.error("S", detail.strip()), {}, width=40)
    lines = out.split("\n")
    assert any(line.startswith("  x x") and len(line) > 40 for line in lines)
    assert all(len(line) <= 39 for line in lines if line.startswith("word"))


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a b c", 3, "a b\nc"),
        ("hello world", 5, "hello\nworld"),
        ("averyveryverylongword x", 5, "averyveryverylongword\nx"),
        ("a  b", 10, "a  b"),
        ("", 10, ""),
        ("trailing   ", 9, "trailing"),
        ("trailing ", 10, "trailing "),
        ("ünï ünï", 3, "ünï\nünï"),
    ],
)
def test_wrap_words(text: str, limit: int, expected: str) -> None:
    assert wrap_words(text, limit) == expected
