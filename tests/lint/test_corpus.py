"""No false positives on the valid configurations in fixtures/: each finding is checked against the text.

A variable or local is reported unused only if its name never appears after
``var.`` / ``local.`` in the module's files; legacy index findings point at
``.N`` or ``.*`` in the source, and interpolation-only findings at ``"${...}"``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from hclrun.lint import lint_directory

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SYNTAX_FILES = sorted((FIXTURES / "syntax" / "valid").glob("*.tf"))
VALID_MODULES = sorted(p for p in (FIXTURES / "validate" / "valid").iterdir() if p.is_dir())
CASE_MODULES = sorted(p for p in (FIXTURES / "validate" / "cases").iterdir() if p.is_dir())
LINT_MODULES = sorted(p for p in (FIXTURES / "lint").iterdir() if p.is_dir())


def _module_copies(tmp_path: Path, source: Path) -> Path:
    target = tmp_path / "module"
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        target.mkdir(parents=True)
        shutil.copy(source, target / source.name)
    return target


def _check_findings(directory: Path, monkeypatch: pytest.MonkeyPatch, must_load: bool) -> None:
    monkeypatch.chdir(directory)
    result = lint_directory(".")
    if result.load_diagnostics.has_errors():
        assert not must_load, [d.summary for d in result.load_diagnostics]
        return
    text = "\n".join(source.decode("utf-8") for source in result.sources.values())
    for finding in result.findings:
        diag = finding.diagnostic
        assert diag.subject is not None
        source = result.sources[diag.subject.filename]
        subject = source[diag.subject.start.byte : diag.subject.end.byte].decode("utf-8")
        name = re.search(r'"([^"]+)"', diag.summary)
        if finding.rule_id in ("unused-variable", "unused-local"):
            assert name is not None
            root = "var" if finding.rule_id == "unused-variable" else "local"
            uses = re.findall(rf"\b{root}\.{re.escape(name.group(1))}\b", text)
            assert len(uses) <= _self_references(text, name.group(1)), (finding.rule_id, name.group(1))
        elif finding.rule_id == "deprecated-index":
            assert re.fullmatch(r"\.(\d+|\*)", subject), subject
        elif finding.rule_id == "deprecated-interpolation":
            assert re.fullmatch(r'"\$\{[^"]*\}"', subject), subject


def _self_references(text: str, name: str) -> int:
    """References to var.NAME inside NAME's own variable block (its validation conditions)."""
    block = re.search(rf'variable\s+"{re.escape(name)}"\s*\{{(.*?)\n\}}', text, re.S)
    return len(re.findall(rf"\bvar\.{re.escape(name)}\b", block.group(1))) if block else 0


@pytest.mark.parametrize("path", SYNTAX_FILES + VALID_MODULES + LINT_MODULES, ids=lambda p: p.name)
def test_valid_configurations(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check_findings(_module_copies(tmp_path, path), monkeypatch, must_load=True)


@pytest.mark.parametrize("path", CASE_MODULES, ids=lambda p: p.name)
def test_validate_cases_that_load(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _check_findings(_module_copies(tmp_path, path), monkeypatch, must_load=False)


def test_corpus_exercises_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: set[str] = set()
    for path in SYNTAX_FILES:
        directory = _module_copies(tmp_path / path.stem, path)
        monkeypatch.chdir(directory)
        seen.update(f.rule_id for f in lint_directory(".").findings)
    assert {"unused-local", "deprecated-index", "deprecated-interpolation", "variable-missing-description"} <= seen
