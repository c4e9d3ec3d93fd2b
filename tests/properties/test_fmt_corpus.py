"""Formatting keeps the meaning of every valid file in the corpus, and is idempotent on it."""

from __future__ import annotations

import pytest

from hclrun.syntax.format import format_source
from hclrun.syntax.parser import parse_file

from .corpus import evaluation_scope, file_outcomes, valid_corpus
from .meaning import file_meaning, has_interpolation_only_value, labels_fmt_drops

CORPUS = valid_corpus()


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS) > 150


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_formatting_keeps_meaning(name: str) -> None:
    source = CORPUS[name]
    formatted = format_source(source)
    before, _ = parse_file(source, name)
    after, diags = parse_file(formatted, name)
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags.errors()]
    if labels_fmt_drops(before.body):
        # Terraform's own fmt changes these labels; the goldens check that case.
        assert len(file_meaning(after)) == len(file_meaning(before))
        return
    assert file_meaning(after) == file_meaning(before)
    scope = evaluation_scope()
    assert file_outcomes(after, scope) == file_outcomes(before, scope)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_formatting_is_idempotent(name: str) -> None:
    once = format_source(CORPUS[name])
    twice = format_source(once)
    parsed_once, _ = parse_file(once, name)
    if has_interpolation_only_value(parsed_once.body):
        # "${"${x}"}" loses one level per run; a second run still means the same.
        parsed_twice, _ = parse_file(twice, name)
        assert file_meaning(parsed_twice) == file_meaning(parsed_once)
    else:
        assert twice == once
