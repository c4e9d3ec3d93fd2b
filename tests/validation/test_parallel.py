"""Validating with a second process finds exactly what one process finds, in the same order."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import hclrun.validation.parallel as parallel
from hclrun.forked import can_fork
from hclrun.validation import validate_tree
from hclrun.validation.report import validate_document
from tests.validation.goldens import FIXTURES, case_names

pytestmark = pytest.mark.skipif(not can_fork(), reason="needs fork, a second core and no other thread")


@pytest.fixture
def copies(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every tree with two calls or more is shared; records whether each copy's result was used."""
    monkeypatch.setattr(parallel, "MIN_SHARED_BYTES", 0)
    used: list[bool] = []
    real = parallel.forked

    @contextmanager
    def spy(work: Any) -> Iterator[Any]:
        with real(work) as copy:
            assert copy is not None
            result = copy.result

            def recorded() -> Any:
                value = result()
                used.append(value is not None)
                return value

            copy.result = recorded  # type: ignore[method-assign]
            yield copy

    monkeypatch.setattr(parallel, "forked", spy)
    return used


def _document(share: bool) -> dict[str, Any]:
    result = validate_tree(".", share=share)
    return validate_document(result.diagnostics, result.sources)


def _both(directory: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], dict[str, Any]]:
    monkeypatch.chdir(directory)
    return _document(False), _document(True)


@pytest.mark.parametrize(
    ("kind", "name"),
    [("cases", n) for n in case_names("cases")] + [("valid", n) for n in case_names("valid")],
)
def test_recorded_cases_give_the_same_report(
    kind: str, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: list[bool]
) -> None:
    work = tmp_path / name
    shutil.copytree(FIXTURES / kind / name, work)
    one, two = _both(work, monkeypatch)
    assert two == one
    assert all(copies)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


CHILD = """
variable "name" {
  type = string
}
variable "size" {
  type    = number
  default = 1
}
output "id" {
  value = "${var.name}-${var.size}"
}
output "secret" {
  value     = var.name
  sensitive = true
}
"""


def _tree(root: Path, broken_child: bool) -> None:
    calls = []
    for i in range(6):
        calls.append(f'module "m{i}" {{\n  source = "./modules/m{i}"\n  name = "n{i}"\n  size = {i}\n}}\n')
    calls.append('module "again" {\n  source = "./modules/shared"\n  name = "x"\n}\n')
    calls.append('module "shared" {\n  source = "./modules/shared"\n  name = "y"\n  size = "many"\n}\n')
    calls.append('module "remote" {\n  source = "git::https://example.com/x.git"\n}\n')
    if broken_child:
        calls.append('module "gone" {\n  source = "./modules/nowhere"\n}\n')
    _write(
        root,
        {
            "main.tf": "".join(calls)
            + 'output "ids" {\n  value = [module.m0.id, module.m5.id, module.shared.secret, module.m3.missing]\n}\n'
            + "locals {\n  oops = module.m4.nope\n}\n",
            **{f"modules/m{i}/main.tf": CHILD for i in range(6)},
            "modules/m2/extra.tf": 'resource "terraform_data" "x" {\n  input = var.undeclared\n}\n',
            "modules/m5/inner.tf": 'module "deep" {\n  source = "../m1"\n  name = 3\n  bogus = true\n}\n',
            "modules/shared/main.tf": CHILD + ("variable {\n" if broken_child else ""),
        },
    )


@pytest.mark.parametrize("broken_child", [False, True])
def test_problems_in_both_shares_come_in_the_same_order(
    broken_child: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: list[bool]
) -> None:
    _tree(tmp_path, broken_child)
    one, two = _both(tmp_path, monkeypatch)
    assert two == one
    assert copies == [True, True] or copies == [True]
    summaries = [d["summary"] for d in one["diagnostics"]]
    if broken_child:
        # The shared directory's syntax error is reported once, though two calls use it.
        assert summaries == ["Unclosed configuration block", "Unreadable module directory"]
    else:
        assert "Reference to undeclared input variable" in summaries
        assert "Unsupported argument" in summaries
        assert "Invalid value for input variable" in summaries
        assert "Unsupported attribute" in summaries


def test_a_failed_copy_is_redone_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: list[bool]
) -> None:
    _tree(tmp_path, False)
    parent = os.getpid()
    real = parallel.load_and_check

    def fails_in_copy(*args: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        return real(*args)

    monkeypatch.setattr(parallel, "load_and_check", fails_in_copy)
    one, two = _both(tmp_path, monkeypatch)
    assert two == one
    assert copies == [False]


def test_small_trees_are_not_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(parallel, "forked", None)  # would fail if used
    result = validate_tree(".")
    assert result.diagnostics.has_errors()
