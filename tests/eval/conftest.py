"""Shared fixtures: a scope with the built-in functions and a few variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.eval import Scope, default_functions
from hclrun.functions.spec import Function

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "eval"


@pytest.fixture(scope="session")
def functions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Function]:
    return default_functions(str(tmp_path_factory.mktemp("module")))


@pytest.fixture
def scope(functions: dict[str, Function]) -> Scope:
    return Scope({}, functions)
