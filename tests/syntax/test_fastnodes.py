"""The fast node constructors build genuine frozen nodes, equal to the ordinary ones."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable
from typing import Any

import pytest

from hclrun.source import Pos, Range
from hclrun.syntax import ast
from hclrun.syntax import fastnodes as fast

RNG = Range("a.tf", Pos(1, 1, 0), Pos(1, 4, 3))
ROOT = ast.TraverseRoot("var", RNG)
LIT = ast.LiteralValueExpr("x", RNG)
KEY = ast.ObjectConsKeyExpr(LIT, False, RNG)

CASES: list[tuple[str, Callable[..., Any], type, tuple[Any, ...]]] = [
    ("scope_traversal", fast.scope_traversal, ast.ScopeTraversalExpr, ((ROOT,), RNG)),
    ("traverse_root", fast.traverse_root, ast.TraverseRoot, ("var", RNG)),
    ("traverse_attr", fast.traverse_attr, ast.TraverseAttr, ("name", RNG)),
    ("literal-string", fast.literal, ast.LiteralValueExpr, ("x", RNG)),
    ("literal-null", fast.literal, ast.LiteralValueExpr, (None, RNG)),
    ("literal-bool", fast.literal, ast.LiteralValueExpr, (True, RNG)),
    ("literal-number", fast.literal, ast.LiteralValueExpr, (ast.NumberLiteral("1e3"), RNG)),
    ("number_literal", fast.number_literal, ast.NumberLiteral, ("12.5",)),
    ("object_key", fast.object_key, ast.ObjectConsKeyExpr, (LIT, True, RNG)),
    ("object_item", fast.object_item, ast.ObjectConsItem, (KEY, LIT)),
    ("template", fast.template, ast.TemplateExpr, ((LIT,), RNG, True)),
]


@pytest.mark.parametrize(("make", "cls", "args"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fast_constructor_matches_dataclass(make: Callable[..., Any], cls: type, args: tuple[Any, ...]) -> None:
    made = make(*args)
    ordinary = cls(*args)
    assert type(made) is cls
    assert made == ordinary and hash(made) == hash(ordinary)
    assert repr(made) == repr(ordinary)
    assert pickle.loads(pickle.dumps(made)) == ordinary
    field = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, field, None)
