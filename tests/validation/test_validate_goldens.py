"""``validate`` against the diagnostics terraform reported for the same configurations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hclrun.validation import validate_tree
from hclrun.validation.report import validate_document
from tests.validation.goldens import FIXTURES, case_names, comparable, golden


def _run(kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    work = tmp_path / name
    shutil.copytree(FIXTURES / kind / name, work)
    monkeypatch.chdir(work)
    result = validate_tree(".")
    return validate_document(result.diagnostics, result.sources)


# Cases where hclrun knowingly reports differently, with the reason.
KNOWN_DIVERGENCES = {
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_DIVERGENCES[n], strict=True))
        if n in KNOWN_DIVERGENCES
        else n
        for n in case_names("cases")
    ],
)
def test_invalid_configuration(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = golden("cases", name)["validate"]["json"]
    got = _run("cases", name, tmp_path, monkeypatch)
    assert comparable(got["diagnostics"]) == comparable(want["diagnostics"])  # type: ignore[arg-type]
    assert got["valid"] == want["valid"]


@pytest.mark.parametrize("name", case_names("valid"))
def test_valid_configuration(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got = _run("valid", name, tmp_path, monkeypatch)
    assert got["diagnostics"] == []
    assert got["valid"] is True


def _function_calls(document: dict[str, object]) -> list[tuple[str, object]]:
    rows = []
    for d in document["diagnostics"]:  # type: ignore[attr-defined]
        call = d.get("snippet", {}).get("function_call")
        if call is not None:
            rows.append((d["summary"], call))
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


@pytest.mark.parametrize(
    "name", [n for n in case_names("cases") if _function_calls(golden("cases", n)["validate"]["json"])]
)
def test_function_call_snippets(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The failed call and its signature, as terraform describes them."""
    want = golden("cases", name)["validate"]["json"]
    got = _run("cases", name, tmp_path, monkeypatch)
    assert _function_calls(got) == _function_calls(want)
