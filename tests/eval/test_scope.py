"""Scopes: variables, resolvers for configuration roots, and unknown names."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval import Scope, Traversal, did_you_mean, evaluate_text
from hclrun.syntax.ast import TraverseAttr
from hclrun.values.value import Value


def test_unknown_variable_suggests_a_name() -> None:
    scope = Scope({"local": Value.object({}), "var": Value.object({})})
    _, diags = evaluate_text("vr.x", scope)
    assert [(d.summary, d.detail) for d in diags] == [
        ("Unknown variable", 'There is no variable named "vr". Did you mean "var"?')
    ]
    assert (diags[0].subject.start.column, diags[0].subject.end.column) == (1, 3)  # type: ignore[union-attr]


def test_variables_not_allowed_without_any() -> None:
    _, diags = evaluate_text("a", Scope())
    assert [(d.summary, d.detail) for d in diags] == [("Variables not allowed", "Variables may not be used here.")]


def test_function_calls_not_allowed_without_a_table() -> None:
    _, diags = evaluate_text("upper(x)", Scope({"x": Value.string("a")}))
    assert [d.summary for d in diags] == ["Function calls not allowed"]


def test_resolver_consumes_steps_and_the_rest_are_applied() -> None:
    seen: list[int] = []

    def resolve_var(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
        seen.append(len(traversal))
        step = traversal[1]
        assert isinstance(step, TraverseAttr)
        if step.name != "region":
            diag = Diagnostic.error(
                "Reference to undeclared input variable",
                f'An input variable with the name "{step.name}" has not been declared.{did_you_mean(step.name, ["region"])}',
                step.range,
            )
            return Value.null(), 2, Diagnostics([diag])
        return Value.object({"code": Value.string("eu")}), 2, Diagnostics()

    scope = Scope({}, resolvers={"var": resolve_var})
    value, diags = evaluate_text("var.region.code", scope)
    assert not diags and value == Value.string("eu")
    _, diags = evaluate_text("var.regin", scope)
    assert [(d.summary, d.detail) for d in diags] == [
        (
            "Reference to undeclared input variable",
            'An input variable with the name "regin" has not been declared. Did you mean "region"?',
        )
    ]
    assert seen == [3, 2]


def test_fallback_resolver_handles_every_other_root() -> None:
    def fallback(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
        return Value.string("resource"), 1, Diagnostics()

    value, diags = evaluate_text("aws_instance", Scope({}, fallback=fallback))
    assert not diags and value == Value.string("resource")


def test_child_scope_shadows_parent() -> None:
    scope = Scope({"v": Value.number(1)})
    child = scope.child({"v": Value.number(2)})
    assert child.lookup("v") == Value.number(2)
    assert scope.lookup("v") == Value.number(1)
    value, _ = evaluate_text("[for v in [5] : v]", scope)
    assert value == Value.tuple([Value.number(5)])
