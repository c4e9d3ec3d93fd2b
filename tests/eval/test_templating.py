"""Template rendering for templatefile and templatestring."""

from __future__ import annotations

import pytest

from hclrun.eval import Scope, evaluate_text
from hclrun.eval.templating import TemplateRenderer
from hclrun.functions.spec import Function, FunctionCallError
from hclrun.values.types import STRING
from hclrun.values.value import Value


@pytest.fixture
def renderer(functions: dict[str, Function]) -> TemplateRenderer:
    return TemplateRenderer(functions)


@pytest.mark.parametrize(
    ("text", "variables", "expected"),
    [
        ("x${y}", {"y": Value.number(1)}, Value.string("x1")),
        ("${y}", {"y": Value.tuple([Value.number(1)])}, Value.tuple([Value.number(1)])),
        ("%{for v in l}${upper(v)}%{endfor}", {"l": Value.tuple([Value.string("a")])}, Value.string("A")),
        ("plain", {}, Value.string("plain")),
    ],
)
def test_renders(renderer: TemplateRenderer, text: str, variables: dict[str, Value], expected: Value) -> None:
    assert renderer(text, "t.tftpl", variables) == expected


def test_unknown_variable_gives_unknown(renderer: TemplateRenderer) -> None:
    value = renderer("a${y}", "t.tftpl", {"y": Value.unknown(STRING)})
    assert not value.is_known


@pytest.mark.parametrize(
    ("text", "variables", "message", "arg_index"),
    [
        ("${nope}", {}, 'vars map does not contain key "nope", referenced at t.tftpl:1,3-7', 1),
        ("x", {"1y": Value.number(1)}, 'invalid template variable name "1y": must start with a letter, followed by '
         "zero or more letters, digits, and underscores", 1),
        ("${y}x", {"y": Value.null()}, "t.tftpl:1,3-4: Invalid template interpolation value; The expression result "
         "is null. Cannot include a null value in a string template.", None),
        ("${1 + \"a\"}\n${[1]}x", {}, "t.tftpl:1,7-10: Invalid operand; Unsuitable value for right operand: a "
         "number is required., and 1 other diagnostic(s)", None),
        ('${templatefile("a", {})}', {}, 't.tftpl:1,3-16: Error in function call; Call to function "templatefile" '
         "failed: cannot recursively call templatefile from inside another template function.", None),
    ],
)
def test_errors(
    renderer: TemplateRenderer, text: str, variables: dict[str, Value], message: str, arg_index: int | None
) -> None:
    with pytest.raises(FunctionCallError) as info:
        renderer(text, "t.tftpl", variables)
    assert info.value.message == message
    assert info.value.arg_index == arg_index


def test_templatestring_through_the_function_table(scope: Scope) -> None:
    if "templatestring" not in (scope.functions or {}):
        pytest.skip("templatestring is not in the function table yet")
    local = Value.object({"t": Value.string("Hi ${name}")})
    value, diags = evaluate_text('templatestring(local.t, { name = "x" })', Scope({"local": local}, scope.functions))
    assert not diags.has_errors(), [(d.summary, d.detail) for d in diags]
    assert value == Value.string("Hi x")
