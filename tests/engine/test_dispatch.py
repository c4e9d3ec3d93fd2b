"""Node kinds reach their visit; plan and apply share the common kinds."""

from __future__ import annotations

import pytest

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.dispatch import KindDispatch
from hclrun.engine.evaluate_nodes import NodeEvaluator
from hclrun.engine.nodes import CHECK, KINDS, LOCAL, MODULE, OUTPUT, PROVIDER, RESOURCE, VARIABLE, Node


def _visit_named(name: str) -> object:
    return lambda node: Diagnostics([Diagnostic.warning(name, str(node))])


@pytest.mark.parametrize(
    ("kind", "expected"),
    [(VARIABLE, "variable"), (LOCAL, "local"), (RESOURCE, "resource")],
)
def test_dispatch_calls_the_handler_of_the_kind(kind: str, expected: str) -> None:
    dispatch = KindDispatch({name: _visit_named(label) for name, label in [(VARIABLE, "variable"), (LOCAL, "local"), (RESOURCE, "resource")]})  # type: ignore[misc]
    found = dispatch(Node(kind, ("app",), "x"))
    assert [(d.summary, d.detail) for d in found] == [(expected, str(Node(kind, ("app",), "x")))]


def test_dispatch_of_an_unregistered_kind_is_a_bug() -> None:
    dispatch = KindDispatch({VARIABLE: _visit_named("variable")})  # type: ignore[dict-item]
    with pytest.raises(AssertionError, match="output"):
        dispatch(Node(OUTPUT, (), "x"))


def test_shared_visits_cover_every_kind_but_resources() -> None:
    evaluator = NodeEvaluator.__new__(NodeEvaluator)
    visits = evaluator.shared_visits()
    assert set(visits) == set(KINDS) - {RESOURCE}
    assert visits[MODULE] == evaluator.visit_module
    assert visits[CHECK] == evaluator.visit_check
    assert visits[PROVIDER] == evaluator.visit_provider
