"""Syntax errors: summary, detail and range must match what terraform reported.

The goldens under fixtures/syntax/invalid/ are written by
scripts/record_syntax_goldens from `terraform validate -json`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.syntax.json_syntax import parse_json_file
from hclrun.syntax.parser import parse_file

INVALID = Path(__file__).resolve().parents[2] / "fixtures" / "syntax" / "invalid"
CASES = sorted(p for p in INVALID.iterdir() if p.name.endswith((".tf", ".tf.json")))
# Inputs where the JSON scanner of the reference reports a different position or
# an extra follow-on error; only the first summary is compared there.
SUMMARY_ONLY: set[str] = set()
# Inputs where HCL resumes inside the template after a broken directive header and
# reports the unbalanced directives that follow; hclrun reports the first error only.
FIRST_DIAGNOSTIC_ONLY: set[str] = {"template_for_no_in.tf", "template_for_no_name.tf"}


def _actual(path: Path) -> list[dict[str, object]]:
    source = path.read_bytes()
    if path.name.endswith(".tf.json"):
        _, diags = parse_json_file(source, "main.tf.json")
    else:
        _, diags = parse_file(source, "main.tf")
    out = []
    for d in diags:
        assert d.subject is not None
        out.append(
            {
                "summary": d.summary,
                "detail": d.detail,
                "start": {"line": d.subject.start.line, "column": d.subject.start.column, "byte": d.subject.start.byte},
                "end": {"line": d.subject.end.line, "column": d.subject.end.column, "byte": d.subject.end.byte},
            }
        )
    return out


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_matches_terraform(path: Path) -> None:
    golden = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    expected = [{k: d[k] for k in ("summary", "detail", "start", "end")} for d in golden]
    actual = _actual(path)
    if path.name in SUMMARY_ONLY:
        assert [d["summary"] for d in actual[:1]] == [d["summary"] for d in expected[:1]]
    elif path.name in FIRST_DIAGNOSTIC_ONLY:
        assert actual[:1] == expected[:1]
    else:
        assert actual == expected


def test_every_invalid_input_has_a_golden() -> None:
    missing = [p.name for p in CASES if not p.with_name(p.name + ".expected.json").exists()]
    assert missing == []
