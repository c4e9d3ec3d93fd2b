"""Import block targets: the resource configuration they name, and the address per ``each``."""

from __future__ import annotations

import pytest

from hclrun.diagnostics import Diagnostics
from hclrun.engine.import_address import ImportAddress
from hclrun.eval.scope import Scope
from hclrun.syntax.parser import parse_expression
from hclrun.values.value import Value

EACH = {"each": Value.object({"key": Value.string("k\"1"), "value": Value.number(3)})}


@pytest.mark.parametrize(
    ("text", "target", "resolved"),
    [
        ("terraform_data.x", ((), "terraform_data.x"), "terraform_data.x"),
        ("terraform_data.x[each.key]", ((), "terraform_data.x"), 'terraform_data.x["k\\"1"]'),
        ("terraform_data.x[each.value]", ((), "terraform_data.x"), "terraform_data.x[3]"),
        ('module.m[each.key].terraform_data.y', (("m",), "terraform_data.y"), 'module.m["k\\"1"].terraform_data.y'),
        ('module.a["p"].module.b[0].terraform_data.z[1]', (("a", "b"), "terraform_data.z"), 'module.a["p"].module.b[0].terraform_data.z[1]'),
    ],
)
def test_target_and_resolution(text: str, target: tuple[tuple[str, ...], str], resolved: str) -> None:
    expr, diags = parse_expression(text, "main.tf")
    assert expr is not None and not diags.has_errors()
    address = ImportAddress.of(expr)
    assert address is not None
    assert address.static_target() == target
    found = Diagnostics()
    addr = address.resolve(Scope(EACH), found)
    assert not found.has_errors(), [d.detail for d in found]
    assert str(addr) == resolved


def test_unknown_key_is_an_error() -> None:
    expr, _ = parse_expression("terraform_data.x[each.key]", "main.tf")
    assert expr is not None
    address = ImportAddress.of(expr)
    assert address is not None
    diags = Diagnostics()
    scope = Scope({"each": Value.object({"key": Value.unknown(Value.string("").type)})})
    assert address.resolve(scope, diags) is None
    assert [d.summary for d in diags] == ["Invalid import address expression"]


def test_not_a_reference() -> None:
    expr, _ = parse_expression('"terraform_data.x"', "main.tf")
    assert expr is not None
    assert ImportAddress.of(expr) is None
