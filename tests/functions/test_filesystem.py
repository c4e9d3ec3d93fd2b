"""Filesystem functions against goldens recorded from terraform console, plus direct checks.

The goldens were recorded in a temporary directory holding a copy of
``fixtures/functions/filesystem_files`` as ``<TMP>/work``, with ``HOME`` set to
``<TMP>``; the tests recreate that layout and put ``<TMP>`` back into results.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from golden_function_cases import (
    FIXTURES,
    build_arg,
    case_id,
    comparable,
    expected,
    load_goldens,
    metadata_signatures,
    run_case,
    signature_mismatches,
)

from hclrun.eval.templating import default_functions
from hclrun.functions.filesystem import base_name, clean_path, dir_name, glob, match_name
from hclrun.functions.registry import FunctionContext, build_function_table
from hclrun.functions.spec import FunctionCallError, call_function
from hclrun.values.types import STRING, SetType
from hclrun.values.value import Value

NAMES = [
    "abspath",
    "basename",
    "dirname",
    "pathexpand",
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
    "templatefile",
]
GOLDENS = load_goldens("filesystem")
# Differences that come from the template renderer or parser, not these functions.
RENDERER_DIVERGENCES = {
    'templatefile("tmpl/bad.tftpl", {})': "the template parser words an unfinished interpolation differently",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    shutil.copytree(FIXTURES / "filesystem_files", work, symlinks=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def _placeholder(outcome: dict[str, Any], tmp: Path) -> dict[str, Any]:
    if "output" in outcome:
        return {"output": outcome["output"].replace(str(tmp), "<TMP>")}
    error = {k: v.replace(str(tmp), "<TMP>") for k, v in outcome["error"].items()}
    return {"error": error}


@pytest.mark.parametrize("record", GOLDENS, ids=case_id)
def test_filesystem_golden(record: dict[str, Any], workdir: Path) -> None:
    if record["expr"] in RENDERER_DIVERGENCES:
        pytest.xfail(RENDERER_DIVERGENCES[record["expr"]])
    got = _placeholder(run_case(record["case"], default_functions(".")), workdir)
    assert comparable(got) == comparable(expected(record))


@pytest.mark.parametrize("name", NAMES)
def test_filesystem_signatures_match_metadata(name: str) -> None:
    assert signature_mismatches(build_function_table()[name], metadata_signatures([name])[name]) == []


def test_paths_are_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "x.txt").write_text("in module", encoding="utf-8")
    table = build_function_table(FunctionContext(base_dir=str(tmp_path / "mod")))
    assert call_function(table["file"], [Value.string("x.txt")]) == Value.string("in module")
    assert call_function(table["fileexists"], [Value.string("x.txt")]) == Value.bool(True)
    found = call_function(table["fileset"], [Value.string("."), Value.string("*")])
    assert found == Value.set([Value.string("x.txt")], STRING)


def test_templatefile_needs_a_renderer(workdir: Path) -> None:
    table = build_function_table(FunctionContext(base_dir="."))
    args = [Value.string("tmpl/greeting.tftpl"), build_arg({"name": "x"})]
    with pytest.raises(FunctionCallError, match="cannot be rendered"):
        call_function(table["templatefile"], args)


def test_templatefile_passes_source_filename_and_vars(workdir: Path) -> None:
    seen: list[tuple[str, str, dict[str, Value]]] = []

    def renderer(source: str, filename: str, variables: dict[str, Value]) -> Value:
        seen.append((source, filename, variables))
        return Value.string("rendered")

    table = build_function_table(FunctionContext(base_dir=".", template_renderer=renderer))
    result = call_function(
        table["templatefile"], [Value.string("tmpl/greeting.tftpl").mark("sensitive"), build_arg({"name": "x"})]
    )
    assert result == Value.string("rendered").mark("sensitive")
    assert seen == [("Hello, ${name}!", "tmpl/greeting.tftpl", {"name": Value.string("x")})]


@pytest.mark.parametrize("name", ["file", "filemd5", "fileexists", "templatefile"])
def test_sensitive_unknown_path_gives_sensitive_unknown(name: str) -> None:
    fn = build_function_table()[name]
    args = [Value.unknown(STRING).mark("sensitive"), build_arg({})][: len(fn.params)]
    result = call_function(fn, args)
    assert not result.is_known and result.is_sensitive


def test_abspath_spells_working_directory_as_pwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "link")
    monkeypatch.setenv("PWD", str(tmp_path / "link"))
    result = call_function(build_function_table()["abspath"], [Value.string("x/../y")])
    assert result == Value.string(f"{tmp_path}/link/y")


def test_fileset_result_type_when_empty(workdir: Path) -> None:
    result = call_function(build_function_table()["fileset"], [Value.string("tree"), Value.string("none*")])
    assert result.type == SetType(STRING) and result.length() == 0


@pytest.mark.parametrize(
    ("pattern", "name", "matches"),
    [
        ("*", ".hidden", True),
        ("a?c", "abc", True),
        ("a[^b]c", "abc", False),
        ("a[!b]c", "a!c", True),
        ("[a-c]x", "bx", True),
        ("{ab,cd}.txt", "cd.txt", True),
        ("{ab,cd}.txt", "ef.txt", False),
        ("\\*", "*", True),
        ("a**", "abc", True),
        ("*.md", "a.txt", False),
    ],
)
def test_match_name(pattern: str, name: str, matches: bool) -> None:
    assert match_name(pattern, name) is matches


def test_glob_lists_directories_and_files(workdir: Path) -> None:
    assert glob("tree/sub/deep/*") == ["tree/sub/deep/d.txt", "tree/sub/deep/e.md"]
    assert "tree/sub/deep" in glob("tree/**")


@pytest.mark.parametrize(
    ("path", "clean", "base", "directory"),
    [
        ("a/b/../c/", "a/c", "c", "a/b/../c"),
        ("//x//y", "/x/y", "y", "/x"),
        ("", ".", ".", "."),
        ("/", "/", "/", "/"),
    ],
)
def test_path_text(path: str, clean: str, base: str, directory: str) -> None:
    assert (clean_path(path), base_name(path), dir_name(path)) == (clean, base, clean_path(directory))
