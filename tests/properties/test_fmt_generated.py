"""Formatting generated configurations keeps their meaning and is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings

from hclrun.syntax.format import format_source
from hclrun.syntax.parser import parse_file

from .corpus import file_outcomes, variables_scope
from .hcl_strategies import configuration
from .meaning import file_meaning, has_interpolation_only_value


def _errors(source: str | bytes) -> list[tuple[str, str]]:
    _, diags = parse_file(source, "gen.tf")
    return [(d.summary, d.detail) for d in diags.errors()]


@settings(max_examples=80)
@given(configuration())
@example('a = "${x}"\nb = "${"${x}"}"\n')
@example('variable "v" {\n  type = "list"\n  default = "${"d"}"\n}\n')
@example('a = "${\n  x + 1\n}"\nb = [for k, v in x : v if k != "" /* c */]\n')
def test_formatting_generated_configuration_keeps_meaning(source: str) -> None:
    before, diags = parse_file(source, "gen.tf")
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags.errors()]
    formatted = format_source(source.encode())
    after, diags = parse_file(formatted, "gen.tf")
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags.errors()]
    assert file_meaning(after) == file_meaning(before)
    scope = variables_scope()
    assert file_outcomes(after, scope) == file_outcomes(before, scope)

    twice = format_source(formatted)
    if has_interpolation_only_value(after.body):
        # "${"${x}"}" loses one level of interpolation per run.
        again, _ = parse_file(twice, "gen.tf")
        assert file_meaning(again) == file_meaning(after)
    else:
        assert twice == formatted


# Valid HCL (terraform accepts each; `terraform console` evaluates the template
# ones) that the parser rejects.
KNOWN_PARSER_BUGS = [
    pytest.param(
        'a = "%{ /**/ if true}x%{endif}"\n',
        marks=pytest.mark.xfail(strict=True, reason="a comment before a template directive keyword is rejected"),
        id="comment-before-if-keyword",
    ),
    pytest.param(
        'a = "%{if true}x%{ /* c */ endif}"\n',
        marks=pytest.mark.xfail(strict=True, reason="a comment before a template directive keyword is rejected"),
        id="comment-before-endif-keyword",
    ),
    pytest.param(
        # Found by the generator: the for look-ahead after "{" once backtracked through block comments.
        'count2={/**/"":{a:[]\n /**/é:"\\\\"}\n /**/(2/false)={(var):0,(0):true,é=[].name}}\nb={/**/for v in 0:0=>0}',
        id="object-items-after-comments",
    ),
]


@pytest.mark.parametrize("source", KNOWN_PARSER_BUGS)
def test_valid_configuration_parses(source: str) -> None:
    assert _errors(source) == []


# Invalid HCL (terraform reports the summary given) that the parser accepts.
KNOWN_ACCEPTED_ERRORS = [
    pytest.param(
        "a = x.*.*.b\n",
        "Nested splat expression not allowed",
        marks=pytest.mark.xfail(strict=True, reason="a legacy splat inside another is accepted"),
        id="nested-legacy-splat",
    ),
    pytest.param(
        "a = x.*.name.*\n",
        "Nested splat expression not allowed",
        marks=pytest.mark.xfail(strict=True, reason="a legacy splat inside another is accepted"),
        id="legacy-splat-after-attribute",
    ),
]


@pytest.mark.parametrize(("source", "summary"), KNOWN_ACCEPTED_ERRORS)
def test_invalid_configuration_is_rejected(source: str, summary: str) -> None:
    assert [s for s, _ in _errors(source)][:1] == [summary]
