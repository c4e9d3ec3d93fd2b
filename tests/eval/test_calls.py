"""Where function-call diagnostics point, and how operator diagnostics are ordered."""

from __future__ import annotations

import pytest

from hclrun.eval import Scope, evaluate_text
from hclrun.functions.spec import Function
from hclrun.values.value import Value


@pytest.fixture
def lscope(functions: dict[str, Function]) -> Scope:
    return Scope(
        {"l": Value.tuple([Value.number(1), Value.string("x")]), "n": Value.tuple([Value.number(1)])},
        functions,
    )


# expression, summary, subject as (first column, last column) on line 1
SUBJECT_ROWS: list[tuple[str, str, tuple[int, int]]] = [
    # a written argument: its start range (a quoted string's is its text)
    ("upper([1])", "Invalid function argument", (7, 8)),
    ('max(1, "x")', "Invalid function argument", (9, 10)),
    ('max(1, upper("x"))', "Invalid function argument", (8, 14)),
    ('max(1, 2 + "x")', "Invalid operand", (12, 15)),
    # arguments expanded from a final ``...``: the whole expanded argument
    ("max(l...)", "Invalid function argument", (5, 6)),
    ("max(1, l...)", "Invalid function argument", (8, 9)),
    # one too many: the first extra argument's start range
    ('upper("a", "b")', "Too many function arguments", (13, 14)),
    ('upper("a", n...)', "Too many function arguments", (12, 13)),
]


@pytest.mark.parametrize(("text", "summary", "columns"), SUBJECT_ROWS)
def test_argument_errors_point_at_the_argument(
    lscope: Scope, text: str, summary: str, columns: tuple[int, int]
) -> None:
    _, diags = evaluate_text(text, lscope)
    assert [d.summary for d in diags] == [summary]
    subject = diags[0].subject
    assert subject is not None
    assert (subject.start.line, subject.start.column, subject.end.column) == (1, *columns)


def test_operator_error_comes_before_its_operands_errors(lscope: Scope) -> None:
    _, diags = evaluate_text('(1 + "a") + upper([1])', lscope)
    assert [d.summary for d in diags] == ["Invalid operand", "Invalid function argument"]
    assert [d.subject.start.column for d in diags if d.subject] == [6, 19]


def test_conditional_reports_only_the_chosen_result(lscope: Scope) -> None:
    _, diags = evaluate_text('true ? upper("a") : upper([1])', lscope)
    assert list(diags) == []
    _, diags = evaluate_text('false ? upper("a") : upper([1])', lscope)
    assert [d.summary for d in diags] == ["Invalid function argument"]
