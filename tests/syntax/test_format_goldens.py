"""format_source against goldens recorded from `terraform fmt` (scripts/record_fmt_goldens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.syntax.format import format_source

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fmt"
INPUTS = sorted(p.name for p in (FIXTURES / "input").iterdir())


def test_corpus_is_large_and_fully_recorded() -> None:
    assert len(INPUTS) >= 100
    missing = [name for name in INPUTS if not (FIXTURES / "expected" / name).exists()]
    assert missing == []


@pytest.mark.parametrize("name", INPUTS)
def test_matches_terraform(name: str) -> None:
    source = (FIXTURES / "input" / name).read_bytes()
    expected = (FIXTURES / "expected" / name).read_bytes()
    assert format_source(source) == expected


@pytest.mark.parametrize("name", INPUTS)
def test_formatting_the_result_again(name: str) -> None:
    """A second run changes nothing, except where Terraform's second run also does."""
    once = (FIXTURES / "expected" / name).read_bytes()
    second = FIXTURES / "expected" / f"{name}.second"
    expected = second.read_bytes() if second.exists() else once
    assert format_source(once) == expected
