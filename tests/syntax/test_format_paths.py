"""The formatter's bulk paths against their token-by-token counterparts, and the line tables they use."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.syntax import tokens as t
from hclrun.syntax.format_lines import bracket_depths, line_ends, token_count
from hclrun.syntax.format_spacing import pair_spaces
from hclrun.syntax.scanner import scan
from hclrun.syntax.scanner_templates import scan_construct

INPUTS = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "fmt" / "input").iterdir())
K = t.KIND_NAMES


def _scan_token_by_token(text: str) -> tuple[list[int], list[str]]:
    """Scan with the modal scanner alone, which also handles every plain token."""
    kinds: list[int] = []
    texts: list[str] = []
    pos = 1 if text.startswith("\ufeff") else 0
    while pos < len(text):
        pos = scan_construct(text, pos, kinds, texts)
    return [*kinds, t.EOF], [*texts, ""]


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_bulk_scan_matches_token_by_token_scan_on_fixtures(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="surrogateescape")
    assert scan(text) == _scan_token_by_token(text)


_PIECES = [
    "a", "in", "1", "1.5e3", "1..2", " ", "\t", "\n", "\r\n", "\r", "=", "==", "=>", "-", "!", "<", "<<", "<=", ":",
    "::", ",", ".", "...", "(", ")", "[", "]", "{", "}", "~", "~}", '"', '"x"', '""', '"a $ b % c"', '"\\""', "${",
    "%{", "$${", "<<EOT\n", "<<-EOT\n", "EOT\n", "  EOT\n", "#c\n", "// c\n", "/* c */", "/*", "*/", "/", "$", "@",
    "\\", "é", "aé", "日", "\ufeff", "\x00",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=50))
def test_bulk_scan_matches_token_by_token_scan_on_token_soup(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert scan(text) == _scan_token_by_token(text)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", []),
        ("a\n", [1]),
        ("a = 1\n\nb\n", [3, 4, 6]),
        ("a # c\nb // d\nc /* e */\n", [1, 3, 6]),
        ("a #c", []),  # a comment at EOF without a newline ends no line
        ("x = <<EOT\n${a}\nEOT\n", [8]),  # heredoc bodies are inside the line
    ],
)
def test_line_ends(source: str, expected: list[int]) -> None:
    kinds, texts = scan(source)
    assert line_ends(kinds, texts, token_count(kinds)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", [0, 0]),
        ("f(a, [b])", [0, 0, 1, 1, 1, 2, 2, 1, 0, 0]),
        ('"${a}"', [0, 0, 1, 1, 0, 0, 0]),
        ("}", [0, -1, -1]),
    ],
)
def test_bracket_depths(source: str, expected: list[int]) -> None:
    kinds, _ = scan(source)
    assert bracket_depths(kinds) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a = -1", [0, 1, 1, 0, 0]),  # negation after =
        ("a - 1", [0, 1, 1, 0]),  # subtraction
        ("-1", [0, 0, 0]),  # negation at the start of a line
        ("x\n-1", [0, 0, 1, 0, 0]),  # the entry of a line's first token is left to the indentation
        ("[for x in [a] : x]", [0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0]),  # `in` keeps its space before a tuple
        ("in [a]", [0, 0, 0, 0, 0]),  # `in` alone indexes
        ('"${-', [0, 0, 0, 0]),  # nothing before EOF
        ("f(a...)", [0, 0, 0, 0, 0, 0]),
    ],
)
def test_pair_spaces(source: str, expected: list[int]) -> None:
    kinds, texts = scan(source)
    assert pair_spaces(kinds, texts) == expected, [K[k] for k in kinds]
