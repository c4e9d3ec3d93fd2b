"""Grouping changed files into module directories, as the hooks do."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.lint import module_directories

TREE = {
    "main.tf": "",
    "prod.tfvars": "",
    "modules/app/main.tf": "",
    "modules/app/variables.tf": "",
    "modules/json/main.tf.json": "{}",
    "docs/notes.md": "",
    "vars/only.tfvars": "",
}


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["main.tf"], ["."]),
        (["main.tf", "prod.tfvars"], ["."]),
        (["modules/app/variables.tf", "modules/app/main.tf", "main.tf"], [".", "modules/app"]),
        (["modules/json/main.tf.json"], ["modules/json"]),
        (["./modules/app/../app/main.tf"], ["modules/app"]),
        (["modules/app"], ["modules/app"]),
        (["vars/only.tfvars", "docs/notes.md"], []),
        (["missing/main.tf"], []),
        ([], []),
    ],
)
def test_module_directories(files: list[str], expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in TREE.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    assert module_directories(files) == expected
