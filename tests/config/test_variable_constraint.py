"""A variable's type constraint is read from its ``type`` expression once."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.config import load_module
from hclrun.eval import typeexpr
from hclrun.values.types import NUMBER, STRING, ListType, ObjectType


def test_constraint_is_worked_out_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "a" {\n  type = list(string)\n  default = ["x"]\n}\n'
        'variable "b" {\n  type = object({ n = optional(number, 1) })\n}\n'
    )
    module, diags = load_module(str(tmp_path))
    assert not diags.has_errors()
    calls: list[object] = []
    real = typeexpr.type_constraint
    monkeypatch.setattr(typeexpr, "type_constraint", lambda expr: calls.append(expr) or real(expr))
    a, b = module.variables["a"], module.variables["b"]
    assert a.constraint[0] == ListType(STRING)
    assert a.constraint is a.constraint
    constraint, defaults, problems = b.constraint
    assert constraint == ObjectType({"n": NUMBER}, optional=frozenset({"n"}))
    assert defaults is not None and not problems
    assert calls == []  # loading already read both, checking the defaults


def test_problems_in_the_type_are_kept(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('variable "a" {\n  type = lisst(string)\n}\n')
    module, diags = load_module(str(tmp_path))
    problems = module.variables["a"].constraint[2]
    assert problems.has_errors()
    assert [d.summary for d in diags if d.is_error] == [d.summary for d in problems]
