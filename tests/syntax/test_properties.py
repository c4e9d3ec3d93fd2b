"""Property tests: no input makes the parser raise."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hclrun.syntax.json_syntax import json_to_expression, parse_json_file
from hclrun.syntax.parser import parse_expression, parse_file, parse_template, parse_traversal

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "syntax" / "valid"
CORPUS = [p.read_text(encoding="utf-8") for p in sorted(VALID.glob("*.tf"))]
PIECES = [*'abc_01 \t\n{}[]()"$%~#/*.,=:?!<>+-&|\\\'`@;', "${", "%{", "<<EOT\n", "<<-X\n", "EOT", "for", "in", "if", "é"]
ALPHABET = st.sampled_from(PIECES)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_token_soup_never_raises(text: str) -> None:
    parse_file(text, "x.tf")
    parse_expression(text)
    parse_template(text)
    parse_traversal(text)


@SETTINGS
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_file(text, "x.tf")
    parse_expression(text)


@SETTINGS
@given(st.binary(max_size=80))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    parse_file(data, "x.tf")
    f, _ = parse_json_file(data, "x.tf.json")
    if f.root is not None:
        json_to_expression(f.root)


@SETTINGS
@given(st.sampled_from(CORPUS), st.integers(0, 10_000), st.integers(0, 40), st.sampled_from(["", "{", "}", '"', "\n", "(", "]", "${", "=", "%{"]))
def test_mutated_corpus_never_raises(text: str, at: int, cut: int, insert: str) -> None:
    at %= len(text) + 1
    mutated = text[:at] + insert + text[at + cut :]
    parse_file(mutated, "x.tf")
