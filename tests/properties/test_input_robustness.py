"""Broken input is reported, never raised: mutated configuration files through the
parser, the formatter and the evaluator, and random console input."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from hclrun.syntax.format import format_source
from hclrun.syntax.parser import parse_file

from .corpus import evaluation_outcome, evaluation_scope, valid_corpus, variables_scope
from .hcl_strategies import SAME_LINE, expression
from .meaning import attribute_expressions

CORPUS = sorted(valid_corpus().items())
# Words, numbers, quoted-string delimiters, operators of two characters, any other character.
_TOKEN = regex.compile(r"\w+|\$\{|%\{|<<-?|==|!=|<=|>=|&&|\|\||=>|\.\.\.|\s+|.", regex.DOTALL)
INSERTIONS = ("", "{", "}", "[", "]", "(", ")", '"', "${", "%{", "=", ",", "\n", "#", "/*", "*/", "<<EOT\n",
              "EOT", "~", "...", "?", ":", "for", "in", "if", "endif", "\\", "\x00", "\xff", "é")  # fmt: skip


@st.composite
def mutated_source(draw: st.DrawFn) -> bytes:
    """A corpus file after a few random edits on its bytes or on its tokens."""
    _, data = draw(st.sampled_from(CORPUS))
    for _ in range(draw(st.integers(1, 3))):
        data = draw(st.sampled_from([_byte_edit, _token_edit]))(draw, data)
    return data


def _byte_edit(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    kind = draw(st.integers(0, 3))
    if kind == 0:  # deletion
        return data[:at] + data[at + draw(st.integers(1, 8)) :]
    if kind == 1:  # insertion
        return data[:at] + draw(st.sampled_from(INSERTIONS)).encode("utf-8", "surrogateescape") + data[at:]
    if kind == 2:  # truncation
        return data[:at]
    other = draw(st.integers(0, len(data)))  # swap two bytes
    if at >= len(data) or other >= len(data):
        return data
    swapped = bytearray(data)
    swapped[at], swapped[other] = swapped[other], swapped[at]
    return bytes(swapped)


def _token_edit(draw: st.DrawFn, data: bytes) -> bytes:
    tokens = _TOKEN.findall(data.decode("utf-8", "surrogateescape"))
    if not tokens:
        return data
    at = draw(st.integers(0, len(tokens) - 1))
    kind = draw(st.integers(0, 2))
    if kind == 0:
        del tokens[at]
    elif kind == 1:
        tokens.insert(at, draw(st.sampled_from([*INSERTIONS, tokens[draw(st.integers(0, len(tokens) - 1))]])))
    else:
        other = draw(st.integers(0, len(tokens) - 1))
        tokens[at], tokens[other] = tokens[other], tokens[at]
    return "".join(tokens).encode("utf-8", "surrogateescape")


@settings(max_examples=200)
@given(mutated_source())
def test_mutated_file_is_reported_not_raised(source: bytes) -> None:
    file, diags = parse_file(source, "mutated.tf")
    if not diags.has_errors():
        formatted = format_source(source)
        _, again = parse_file(formatted, "mutated.tf")
        assert not again.has_errors(), [(d.summary, d.detail) for d in again.errors()]
    for _, expr in attribute_expressions(file.body):
        evaluation_outcome(expr, evaluation_scope())
        evaluation_outcome(expr, variables_scope())


@cache
def _console(directory: Path) -> object:
    from hclrun.console_session import ConsoleSession

    return ConsoleSession(directory)


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> object:
    return _console(tmp_path_factory.mktemp("console-input"))


SOUP = st.sampled_from([*INSERTIONS, "a", "var.x", "1", "-", "+", "*", "!", ".", "[*]", " ", "upper(", "type(",
                        "tostring", "null", "true", '"a"', "<<EOT\nx\nEOT\n", "local", "each", "count"])  # fmt: skip


@settings(max_examples=100)
@given(st.one_of(expression(3, SAME_LINE), st.lists(SOUP, max_size=25).map("".join)))
def test_console_input_is_reported_not_raised(console: object, text: str) -> None:
    output, diags = console.evaluate(text)  # type: ignore[attr-defined]
    assert (output is None) == diags.has_errors()
