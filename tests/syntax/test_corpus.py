"""The valid corpus parses without errors and agrees with python-hcl2 on structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.syntax import ast
from hclrun.syntax.parser import parse_file

VALID = Path(__file__).resolve().parents[2] / "fixtures" / "syntax" / "valid"
CORPUS = sorted(VALID.glob("*.tf"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_parses_cleanly(path: Path) -> None:
    f, diags = parse_file(path.read_bytes(), path.name)
    assert list(diags) == []
    assert f.body.items


def _ours(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    f, _ = parse_file(path.read_bytes(), path.name)
    out = []
    for item in f.body.items:
        if isinstance(item, ast.Block):
            out.append((item.type, item.labels))
        else:
            out.append(("=", (item.name,)))
    return sorted(out)


def _theirs(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    hcl2 = pytest.importorskip("hcl2")
    try:
        data = hcl2.loads(path.read_text(encoding="utf-8"))
    except Exception as err:  # python-hcl2 lacks some newer syntax (provider functions)
        pytest.skip(f"python-hcl2 cannot parse {path.name}: {type(err).__name__}")
    out: list[tuple[str, tuple[str, ...]]] = []
    for key, value in data.items():
        if key.startswith("__"):  # python-hcl2's own metadata
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            out.append(("=", (key,)))
            continue
        for block in value:
            labels: list[str] = []
            node = block
            # python-hcl2 nests labels as single-key dicts.
            while isinstance(node, dict) and len(node) == 1 and not _is_body(node):
                (label, node), = node.items()
                labels.append(label.strip('"'))
            out.append((key, tuple(labels)))
    return sorted(out)


def _is_body(node: dict[str, object]) -> bool:
    (value,) = node.values()
    return not isinstance(value, dict) or "__start_line__" in value or any(
        not isinstance(v, dict) for v in value.values()
    )


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_top_level_structure_agrees_with_python_hcl2(path: Path) -> None:
    ours = _ours(path)
    theirs = _theirs(path)
    assert [t for t, _ in ours] == [t for t, _ in theirs]
