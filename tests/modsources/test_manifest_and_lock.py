"""modules.json encoding, the module lock format and tree hash, and the default module call finder."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.modsources.calls import find_module_calls, find_module_calls_with_diagnostics
from hclrun.modsources.lockfile import ModuleLock, encode_lock, read_lock, tree_hash, write_lock
from hclrun.modsources.manifest import ManifestRecord, encode_manifest, read_manifest, write_manifest

ENCODED = [
    ([ManifestRecord("", "", ".")], '{"Modules":[{"Key":"","Source":"","Dir":"."}]}'),
    (
        [ManifestRecord("b", "./b", "b"), ManifestRecord("", "", "."), ManifestRecord("a.x", "ns/n/p", ".terraform/modules/a.x", "1.0.0")],
        '{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"a.x","Source":"ns/n/p","Version":"1.0.0","Dir":".terraform/modules/a.x"},'
        '{"Key":"b","Source":"./b","Dir":"b"}]}',
    ),
    (
        [ManifestRecord("m", "git::https://h/x?a=1&b=<2>", "d\u2028é")],
        '{"Modules":[{"Key":"m","Source":"git::https://h/x?a=1\\u0026b=\\u003c2\\u003e","Dir":"d\\u2028é"}]}',
    ),
]


@pytest.mark.parametrize(("records", "text"), ENCODED)
def test_manifest_encoding_is_terraforms(records: list[ManifestRecord], text: str) -> None:
    assert encode_manifest(records) == text


def test_manifest_round_trip_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "modules" / "modules.json"
    records = [ManifestRecord("", "", "."), ManifestRecord("a", "x", "y", "2.0.0")]
    write_manifest(path, records)
    assert read_manifest(path) == {r.key: r for r in records}
    path.write_text("{not json")
    assert read_manifest(path) == {}
    assert read_manifest(tmp_path / "absent.json") == {}


def test_lock_format_and_round_trip(tmp_path: Path) -> None:
    locks = [
        ModuleLock("vpc", "git::https://h/vpc.git?ref=v1", None, "a" * 40, "h1:abc="),
        ModuleLock("net", "registry.terraform.io/ns/net/aws", "1.2.0", None, "h1:def="),
    ]
    text = encode_lock(locks)
    assert text == (
        '# This file is maintained automatically by "hclrun init".\n'
        "# Manual edits may be lost in future updates.\n"
        "\n"
        'module "net" {\n'
        '  source  = "registry.terraform.io/ns/net/aws"\n'
        '  version = "1.2.0"\n'
        '  hash    = "h1:def="\n'
        "}\n"
        "\n"
        'module "vpc" {\n'
        '  source = "git::https://h/vpc.git?ref=v1"\n'
        f'  commit = "{"a" * 40}"\n'
        '  hash   = "h1:abc="\n'
        "}\n"
    )
    path = tmp_path / ".hclrun.lock.hcl"
    write_lock(path, locks)
    parsed, diags = read_lock(path)
    assert not diags
    assert parsed == {lock.key: lock for lock in locks}


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ('resource "x" "y" {}\n', "Invalid module lock file"),
        ('module "m" {\n  source = var.x\n}\n', "Invalid module lock file"),
        ('module "m" {\n', "Unclosed configuration block"),
    ],
)
def test_invalid_lock_files(tmp_path: Path, text: str, summary: str) -> None:
    path = tmp_path / ".hclrun.lock.hcl"
    path.write_text(text)
    _, diags = read_lock(path)
    assert summary in [d.summary for d in diags]


def test_tree_hash_is_stable_and_ignores_git(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root, order in ((a, ["x.tf", "sub/y.tf"]), (b, ["sub/y.tf", "x.tf"])):
        for name in order:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(name)
    (a / ".git").mkdir()
    (a / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    assert tree_hash(a) == tree_hash(b)
    assert tree_hash(a).startswith("h1:")
    (b / "x.tf").write_text("changed")
    assert tree_hash(a) != tree_hash(b)
    (b / "x.tf").write_text("x.tf")
    (b / "link").symlink_to("x.tf")
    assert tree_hash(a) != tree_hash(b)


def test_default_finder_reads_literal_module_blocks(tmp_path: Path) -> None:
    (tmp_path / "b.tf").write_text(
        'module "net" {\n  source  = "ns/net/aws"\n  version = "~> 1.0"\n}\n'
        'module "dynamic" {\n  source = var.where\n}\n'
        'resource "x" "y" {}\n'
    )
    (tmp_path / "a.tf").write_text('module "app" {\n  source = "./app"\n}\n')
    (tmp_path / "c.tf.json").write_text('{"module": {"j": {"source": "./j", "version": "1"}}}')
    (tmp_path / ".hidden.tf").write_text('module "no" {\n  source = "./no"\n}\n')
    calls = find_module_calls(str(tmp_path))
    assert [(c.name, c.source, c.version) for c in calls] == [
        ("app", "./app", None),
        ("net", "ns/net/aws", "~> 1.0"),
        ("j", "./j", "1"),
    ]
    net = calls[1]
    assert net.location.endswith("b.tf:1")
    assert net.source_range is not None and net.source_range.start.line == 2
    assert net.version_range is not None and net.version_range.start.line == 3


def test_default_finder_reports_syntax_errors(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('module "x" {\n  source = "./x"\n')
    _, diags = find_module_calls_with_diagnostics(str(tmp_path))
    assert diags.has_errors()
    assert find_module_calls(str(tmp_path / "absent")) == []
