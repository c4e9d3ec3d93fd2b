"""Module source parsing: a table of expected results and the goldens recorded from terraform init."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hclrun.modsources.source_address import (
    LocalSource,
    RegistrySource,
    RemoteSource,
    parse_module_source,
)

GOLDENS = Path(__file__).resolve().parents[2] / "fixtures" / "modsources" / "goldens"
RECORDED = json.loads((GOLDENS / "source_addresses.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", RECORDED, ids=[f"{c['source']}@{c['version']}" for c in RECORDED])
def test_matches_terraform_init(case: dict) -> None:
    source, diags = parse_module_source(case["source"], case["version"] is not None)
    outcome = case["outcome"]
    if outcome == "error":
        assert source is None
        assert [(d.summary, d.detail) for d in diags] == [
            (d["summary"], d["detail"]) for d in case["diagnostics"]
        ]
        return
    assert not diags, [d.detail for d in diags]
    if outcome == "local":
        assert isinstance(source, LocalSource)
    elif outcome == "registry":
        assert isinstance(source, RegistrySource)
    else:
        assert isinstance(source, RemoteSource)
        assert source.package == case["package"]


PARSED = [
    ("./a//b/", LocalSource("./a/b")),
    ("../x/./y", LocalSource("../x/y")),
    (".\\mods\\a", LocalSource("./mods/a")),
    ("./", LocalSource("./.")),
    ("hashicorp/consul/aws", RegistrySource("registry.terraform.io", "hashicorp", "consul", "aws")),
    ("App.Example.com/ns/name/aws//a/../b", RegistrySource("app.example.com", "ns", "name", "aws", "b")),
    ("github.com/org/repo", RemoteSource("git::https://github.com/org/repo.git")),
    ("github.com/org/repo/a/b?ref=v1", RemoteSource("git::https://github.com/org/repo.git?ref=v1", "a/b")),
    ("git@github.com:org/repo.git?ref=v2&depth=1", RemoteSource("git::ssh://git@github.com/org/repo.git?depth=1&ref=v2")),
    ("git::https://h.example/x.git//sub/?ref=v1", RemoteSource("git::https://h.example/x.git?ref=v1", "sub")),
    ("git::file:///srv/repo//m?ref=0123abc", RemoteSource("git::file:///srv/repo?ref=0123abc", "m")),
    ("https://h.example/x.tgz//inner", RemoteSource("https://h.example/x.tgz", "inner")),
    ("bitbucket.org/org/repo", RemoteSource("git::https://bitbucket.org/org/repo.git")),
    ("bucket.s3.amazonaws.com/k.zip", RemoteSource("s3::https://bucket.s3.amazonaws.com/k.zip")),
    ("www.googleapis.com/storage/v1/b/k.zip", RemoteSource("gcs::https://www.googleapis.com/storage/v1/b/k.zip")),
    ("/srv/modules/a", RemoteSource("file:///srv/modules/a")),
]


@pytest.mark.parametrize(("raw", "expected"), PARSED, ids=[p[0] for p in PARSED])
def test_parse_table(raw: str, expected: object) -> None:
    source, diags = parse_module_source(raw)
    assert not diags
    assert source == expected


STRINGS = [
    ("git::https://h.example/x.git//sub?ref=v1", "git::https://h.example/x.git//sub?ref=v1"),
    ("./modules//other/", "./modules/other"),
    ("hashicorp/consul/aws//modules/a", "registry.terraform.io/hashicorp/consul/aws//modules/a"),
    ("github.com/org/repo/sub", "git::https://github.com/org/repo.git//sub"),
]


@pytest.mark.parametrize(("raw", "text"), STRINGS)
def test_string_form_is_what_modules_json_records(raw: str, text: str) -> None:
    source, _ = parse_module_source(raw)
    assert str(source) == text


GETTERS = [
    ("git::https://h.example/x.git", "git", None),
    ("https://h.example/x.zip", "https", "zip"),
    ("https://h.example/x.tar.gz?ref=1", "https", "tar.gz"),
    ("https://h.example/download?archive=tgz", "https", "tgz"),
    ("https://h.example/x.zip?archive=false", "https", None),
    ("file:///srv/x.tgz", "file", "tgz"),
    ("s3::https://s3.amazonaws.com/b/k.zip", "s3", "zip"),
    ("gcs::https://www.googleapis.com/storage/v1/b/k", "gcs", None),
]


@pytest.mark.parametrize(("raw", "getter", "archive"), GETTERS)
def test_getter_and_archive_format(raw: str, getter: str, archive: str | None) -> None:
    source, _ = parse_module_source(raw)
    assert isinstance(source, RemoteSource)
    assert source.getter == getter
    assert source.archive_format() == archive


SECRETS = [
    ("https://alice:hunter22@h.example/x.zip", "https://alice:xxxxx@h.example/x.zip", "hunter22"),
    ("git::https://ghp_abcdef123@github.com/o/r.git?ref=v1", "git::https://xxxxx@github.com/o/r.git?ref=v1", "ghp_abcdef123"),
    ("git::ssh://git@h.example/o/r.git?sshkey=QUJDREVG", "git::ssh://git@h.example/o/r.git?sshkey=xxxxx", "QUJDREVG"),
    ("https://h.example/x.zip?X-Amz-Signature=deadbeef&a=1", "https://h.example/x.zip?X-Amz-Signature=xxxxx&a=1", "deadbeef"),
]


@pytest.mark.parametrize(("raw", "shown", "secret"), SECRETS)
def test_display_hides_credentials(raw: str, shown: str, secret: str) -> None:
    source, _ = parse_module_source(raw)
    assert source is not None
    assert source.display() == shown
    assert secret not in source.display()


def test_diagnostic_carries_subject_range() -> None:
    from hclrun.source import Pos, Range

    subject = Range("main.tf", Pos(2, 12, 20), Pos(2, 17, 25))
    _, diags = parse_module_source("foo", subject=subject)
    assert diags[0].subject == subject


def test_registry_display_omits_default_host() -> None:
    source, _ = parse_module_source("hashicorp/consul/aws//x")
    assert isinstance(source, RegistrySource)
    assert source.display() == "hashicorp/consul/aws//x"
    other, _ = parse_module_source("app.example.com/a/b/c")
    assert other is not None and other.display() == "app.example.com/a/b/c"
