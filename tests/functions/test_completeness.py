"""Every built-in function is Terraform's, declared as Terraform declares it, and tested.

The function table must hold exactly the names ``terraform metadata functions``
lists (``fixtures/console/functions.json``), with ``core::`` aliases bound to
the same definitions. ``try`` and ``can`` are listed there but evaluated by
the evaluator, so they are absent from the table. Each function needs at least
three recorded console cases, one of them an error: the conformance goldens
(``fixtures/console/goldens``) plus the cases recorded for this check
(``fixtures/properties/completeness.json``, by ``scripts/record_property_goldens``),
which are also replayed here through the console session.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from hclrun.functions.registry import EVALUATOR_FUNCTIONS, build_function_table
from hclrun.functions.spec import Function, Parameter
from hclrun.values.json import type_from_json
from hclrun.values.types import Type
from hclrun.values.value import Value

ROOT = Path(__file__).resolve().parents[2]
METADATA = ROOT / "fixtures" / "console" / "functions.json"
CONSOLE_GOLDENS = ROOT / "fixtures" / "console" / "goldens"
CONSOLE_FILES = ROOT / "fixtures" / "console" / "files"
COMPLETENESS_GOLDENS = ROOT / "fixtures" / "properties" / "completeness.json"

# Offered by the console only; Terraform does not list it among its functions.
CONSOLE_ONLY = frozenset({"type"})
MIN_CASES = 3


@cache
def signatures() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(METADATA.read_text(encoding="utf-8"))["function_signatures"]
    return data


@cache
def table() -> dict[str, Function]:
    return build_function_table()


def golden_records() -> Iterator[dict[str, Any]]:
    for path in sorted(CONSOLE_GOLDENS.glob("*.json")):
        yield from json.loads(path.read_text(encoding="utf-8"))
    yield from json.loads(COMPLETENESS_GOLDENS.read_text(encoding="utf-8"))


def plain_names() -> list[str]:
    return sorted(name for name in signatures() if "::" not in name)


def calls_function(name: str, expr: str) -> bool:
    """Whether ``expr`` calls ``name`` (plain or ``core::``), not merely a longer name ending in it."""
    return re.search(rf"(?<![\w-]){re.escape(name)}\s*\(", expr) is not None


def metadata_type(data: Any) -> Type:
    return type_from_json(json.dumps(data))


def declared(param: Parameter) -> tuple[str, Type, bool]:
    return param.name, param.type, param.allow_null


def wanted(param: dict[str, Any]) -> tuple[str, Type, bool]:
    return param["name"], metadata_type(param["type"]), bool(param.get("is_nullable", False))


# ---------------------------------------------------------------- the name table


def test_table_names_are_terraforms_names() -> None:
    evaluated = EVALUATOR_FUNCTIONS | {f"core::{name}" for name in EVALUATOR_FUNCTIONS}
    assert set(table()) == set(signatures()) - evaluated


def test_evaluator_functions_are_listed_by_terraform() -> None:
    for name in EVALUATOR_FUNCTIONS:
        assert name in signatures()
        assert f"core::{name}" in signatures()
        assert name not in table()


def test_console_only_functions_are_not_terraform_functions() -> None:
    for name in CONSOLE_ONLY:
        assert name not in signatures()
        assert name not in table()


@pytest.mark.parametrize("name", [n for n in plain_names() if n not in EVALUATOR_FUNCTIONS])
def test_core_alias_is_the_same_function(name: str) -> None:
    assert table()[f"core::{name}"] is table()[name]
    assert table()[name].name == name


def test_every_terraform_name_has_a_core_alias() -> None:
    names = set(signatures())
    assert {n.removeprefix("core::") for n in names if n.startswith("core::")} == {n for n in names if "::" not in n}


# ---------------------------------------------------------------- signatures


@pytest.mark.parametrize("name", [n for n in plain_names() if n not in EVALUATOR_FUNCTIONS])
def test_signature_matches_metadata(name: str) -> None:
    fn, sig = table()[name], signatures()[name]
    assert [declared(p) for p in fn.params] == [wanted(p) for p in sig.get("parameters", [])]
    variadic = sig.get("variadic_parameter")
    assert (fn.variadic is None) == (variadic is None)
    if fn.variadic is not None and variadic is not None:
        assert declared(fn.variadic) == wanted(variadic)
    returns = metadata_type(sig["return_type"])
    if not returns.is_dynamic:
        placeholders = [Value.unknown(p.type) for p in fn.params]
        assert fn.return_type(placeholders) == returns


@pytest.mark.parametrize("name", sorted(EVALUATOR_FUNCTIONS))
def test_evaluator_function_metadata(name: str) -> None:
    sig = signatures()[name]
    shape = (len(sig.get("parameters", [])), "variadic_parameter" in sig)
    assert shape == {"try": (0, True), "can": (1, False)}[name]


# ---------------------------------------------------------------- recorded cases


@cache
def case_counts() -> dict[str, tuple[int, int]]:
    """Function name -> (recorded cases calling it, of which errors)."""
    records = list(golden_records())
    counts = {}
    for name in plain_names():
        calling = [r for r in records if calls_function(name, r["expr"])]
        counts[name] = (len(calling), sum(1 for r in calling if not r["ok"]))
    return counts


@pytest.mark.parametrize("name", plain_names())
def test_function_has_recorded_cases(name: str) -> None:
    cases, errors = case_counts()[name]
    assert cases >= MIN_CASES, f"{name}: {cases} recorded console cases"
    assert errors >= 1, f"{name}: no recorded error case"


def test_name_matching_ignores_longer_names() -> None:
    assert calls_function("sha1", 'sha1("a")')
    assert calls_function("sha1", 'core::sha1 ("a")')
    assert not calls_function("sha1", 'filesha1("a")')
    assert not calls_function("sha1", "sha1")
    assert not calls_function("file", 'templatefile("a", {})')


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from hclrun.console_session import ConsoleSession

    work = tmp_path_factory.mktemp("completeness") / "work"
    shutil.copytree(CONSOLE_FILES, work)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        yield ConsoleSession(".")


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    "record",
    json.loads(COMPLETENESS_GOLDENS.read_text(encoding="utf-8")),
    ids=lambda r: r["expr"],
)
def test_recorded_completeness_case(record: dict[str, Any], console: Any) -> None:
    output, diags = console.evaluate(record["expr"])
    errors = list(diags.errors())
    if record["ok"]:
        assert not errors, [(d.summary, d.detail) for d in errors]
        assert output + "\n" == record["output"]
        return
    assert output is None
    assert errors
    assert errors[0].summary == record["error"]["summary"]
    assert _squash(errors[0].detail) == _squash(record["error"]["detail"])
