"""Each lint rule against small configurations: which findings, and exactly where."""

from __future__ import annotations

from pathlib import Path

import pytest

from hclrun.lint import ALL_RULES, RULES_BY_ID, lint_directory

TF = "main.tf"

# (row id, rule under test, files, expected "range summary" lines)
ROWS: list[tuple[str, str, dict[str, str], list[str]]] = [
    # unused-variable
    ("var-used-in-output", "unused-variable", {TF: 'variable "a" {}\noutput "o" { value = var.a }\n'}, []),
    ("var-unused", "unused-variable", {TF: 'variable "a" {}\n'},
     ['main.tf:1,1-1,13 Variable "a" is declared but not used']),
    ("var-null-default-unused", "unused-variable", {TF: 'variable "a" {\n  default = null\n}\n'},
     ['main.tf:1,1-1,13 Variable "a" is declared but not used']),
    ("var-sensitive-used-in-resource", "unused-variable",
     {TF: 'variable "p" {\n  sensitive = true\n}\nresource "terraform_data" "d" {\n  input = var.p\n}\n'}, []),
    ("var-used-in-template", "unused-variable", {TF: 'variable "a" {}\nlocals {\n  x = "n-${var.a}"\n}\n'}, []),
    ("var-used-in-other-file", "unused-variable", {TF: 'variable "a" {}\n', "b.tf": 'output "o" { value = var.a }\n'}, []),
    ("var-used-in-for-expression", "unused-variable",
     {TF: 'variable "a" {}\noutput "o" { value = [for x in var.a : x] }\n'}, []),
    ("var-used-in-count", "unused-variable",
     {TF: 'variable "n" {}\nresource "terraform_data" "d" {\n  count = var.n\n}\n'}, []),
    ("var-used-in-module-argument", "unused-variable",
     {TF: 'variable "a" {}\nmodule "m" {\n  source = "./m"\n  x      = var.a\n}\n', "m/main.tf": 'variable "x" {}\n'}, []),
    ("var-used-in-dynamic-block", "unused-variable",
     {TF: 'variable "a" {}\nresource "x_y" "z" {\n  dynamic "b" {\n    for_each = var.a\n    content {}\n  }\n}\n'}, []),
    ("var-only-in-own-validation", "unused-variable",
     {TF: 'variable "a" {\n  validation {\n    condition     = var.a != ""\n    error_message = "Empty."\n  }\n}\n'},
     ['main.tf:1,1-1,13 Variable "a" is declared but not used']),
    ("var-used-in-other-variables-validation", "unused-variable",
     {TF: 'variable "a" {}\nvariable "b" {\n  validation {\n    condition     = var.b != var.a\n'
          '    error_message = "Same."\n  }\n}\noutput "o" { value = var.b }\n'}, []),
    ("var-name-shadowed-by-for", "unused-variable",
     {TF: 'variable "a" {}\noutput "o" { value = [for var in [1] : var] }\n'},
     ['main.tf:1,1-1,13 Variable "a" is declared but not used']),
    ("var-used-in-json", "unused-variable",
     {"main.tf.json": '{"variable": {"a": {}}, "output": {"o": {"value": "${var.a}"}}}'}, []),
    ("var-unused-in-json", "unused-variable",
     {"main.tf.json": '{"variable": {"a": {}}}'}, ['main.tf.json:1,2-1,18 Variable "a" is declared but not used']),
    # unused-local
    ("local-used", "unused-local", {TF: 'locals {\n  a = 1\n}\noutput "o" { value = local.a }\n'}, []),
    ("local-unused", "unused-local", {TF: 'locals {\n  a = 1\n  b = local.a\n}\n'},
     ['main.tf:3,3-3,14 Local value "b" is declared but not used']),
    ("local-unknown-value-used-by-resource", "unused-local",
     {TF: 'locals {\n  id = terraform_data.d.id\n}\nresource "terraform_data" "d" {}\n'
          'resource "terraform_data" "e" {\n  input = local.id\n}\n'}, []),
    ("local-null-unused", "unused-local", {TF: 'locals {\n  n = null\n}\n'},
     ['main.tf:2,3-2,11 Local value "n" is declared but not used']),
    # variable-missing-type
    ("type-given", "variable-missing-type", {TF: 'variable "a" {\n  type = string\n}\n'}, []),
    ("type-any", "variable-missing-type", {TF: 'variable "a" {\n  type = any\n}\n'}, []),
    ("type-missing", "variable-missing-type", {TF: 'variable "a" {\n  default = 1\n}\n'},
     ['main.tf:1,1-1,13 Variable "a" has no type constraint']),
    ("type-missing-sensitive", "variable-missing-type", {TF: 'variable "s" {\n  sensitive = true\n}\n'},
     ['main.tf:1,1-1,13 Variable "s" has no type constraint']),
    # variable-missing-description
    ("var-description-given", "variable-missing-description", {TF: 'variable "a" {\n  description = "A."\n}\n'}, []),
    ("var-description-missing", "variable-missing-description", {TF: 'variable "a" {}\n'},
     ['main.tf:1,1-1,13 Variable "a" has no description']),
    ("var-description-empty", "variable-missing-description", {TF: 'variable "a" {\n  description = ""\n}\n'},
     ['main.tf:1,1-1,13 Variable "a" has no description']),
    # output-missing-description
    ("output-description-given", "output-missing-description",
     {TF: 'output "o" {\n  description = "O."\n  value       = 1\n}\n'}, []),
    ("output-description-missing", "output-missing-description",
     {TF: 'output "o" {\n  value     = null\n  sensitive = true\n}\n'}, ['main.tf:1,1-1,11 Output "o" has no description']),
    # deprecated-interpolation
    ("interpolation-only", "deprecated-interpolation", {TF: 'variable "a" {}\noutput "o" { value = "${var.a}" }\n'},
     ["main.tf:2,22-2,32 Interpolation-only expression"]),
    ("interpolation-with-text", "deprecated-interpolation",
     {TF: 'variable "a" {}\noutput "o" { value = "x-${var.a}" }\n'}, []),
    ("interpolation-nested-in-list", "deprecated-interpolation",
     {TF: 'variable "a" {}\noutput "o" { value = [1, "${var.a}"] }\n'}, ["main.tf:2,26-2,36 Interpolation-only expression"]),
    ("interpolation-as-object-key", "deprecated-interpolation",
     {TF: 'variable "a" {}\noutput "o" { value = { "${var.a}" = 1 } }\n'}, []),
    ("interpolation-heredoc", "deprecated-interpolation",
     {TF: 'variable "a" {}\noutput "o" {\n  value = <<EOT\n${var.a}\nEOT\n}\n'}, []),
    ("interpolation-in-json-is-normal", "deprecated-interpolation",
     {"main.tf.json": '{"variable": {"a": {}}, "output": {"o": {"value": "${var.a}"}}}'}, []),
    # deprecated-index
    ("index-brackets", "deprecated-index", {TF: 'variable "a" {}\noutput "o" { value = var.a[0].b }\n'}, []),
    ("index-legacy", "deprecated-index", {TF: 'variable "a" {}\noutput "o" { value = var.a.0.b }\n'},
     ["main.tf:2,27-2,29 Legacy index syntax"]),
    ("index-legacy-after-call", "deprecated-index", {TF: 'output "o" { value = tolist(["a"]).0 }\n'},
     ["main.tf:1,35-1,37 Legacy index syntax"]),
    ("splat-full", "deprecated-index", {TF: 'variable "a" {}\noutput "o" { value = var.a[*].id }\n'}, []),
    ("splat-legacy", "deprecated-index", {TF: 'variable "a" {}\noutput "o" { value = var.a.*.id }\n'},
     ["main.tf:2,27-2,29 Legacy splat syntax"]),
    ("decimal-is-not-an-index", "deprecated-index", {TF: 'output "o" { value = 1.5 }\n'}, []),
    # module-source-unpinned
    ("module-local", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "./m"\n}\n', "m/main.tf": ""}, []),
    ("module-registry-with-version", "module-source-unpinned",
     {TF: 'module "m" {\n  source  = "hashicorp/consul/aws"\n  version = "0.1.0"\n}\n'}, []),
    ("module-registry-without-version", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "hashicorp/consul/aws"\n}\n'}, ["main.tf:2,12-2,34 Module version not pinned"]),
    ("module-git-tag", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "git::https://example.com/m.git?ref=v1.2.0"\n}\n'}, []),
    ("module-git-commit", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "github.com/org/m?ref=51d462976d84fdea54b47d80dcabbf680badcdb8"\n}\n'}, []),
    ("module-git-no-ref", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "github.com/org/m"\n}\n'}, ["main.tf:2,12-2,30 Module source not pinned"]),
    ("module-git-branch", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "git@github.com:org/m.git?ref=main"\n}\n'}, ["main.tf:2,12-2,47 Module source not pinned"]),
    ("module-git-master-subdir", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "git::https://example.com/m.git//sub?ref=master"\n}\n'},
     ["main.tf:2,12-2,60 Module source not pinned"]),
    ("module-archive-versioned", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "https://example.com/m-1.2.0.zip"\n}\n'}, []),
    ("module-archive-checksum", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "https://example.com/m.zip?checksum=sha256:abcd"\n}\n'}, []),
    ("module-archive-unversioned", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "https://example.com/m.tar.gz"\n}\n'}, ["main.tf:2,12-2,42 Module source not pinned"]),
    ("module-s3-unversioned", "module-source-unpinned",
     {TF: 'module "m" {\n  source = "s3::https://s3.amazonaws.com/b/m.zip"\n}\n'},
     ["main.tf:2,12-2,50 Module source not pinned"]),
    # missing-required-version
    ("required-version-given", "missing-required-version",
     {TF: 'terraform {\n  required_version = ">= 1.0"\n}\n'}, []),
    ("required-version-in-other-file", "missing-required-version",
     {TF: 'variable "a" {}\n', "versions.tf": 'terraform {\n  required_version = ">= 1.0"\n}\n'}, []),
    ("required-version-missing-terraform-block", "missing-required-version",
     {"a.tf": 'variable "a" {}\n', "b.tf": 'terraform {\n  required_providers {}\n}\n'},
     ["b.tf:1,1-1,10 Missing required_version"]),
    ("required-version-missing-prefers-main", "missing-required-version",
     {"a.tf": 'variable "a" {}\n', TF: 'variable "b" {}\n'}, ["main.tf:1,1-1,1 Missing required_version"]),
    ("required-version-empty-module", "missing-required-version", {}, []),
    # missing-required-providers
    ("provider-declared", "missing-required-providers",
     {TF: 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n'
          'resource "aws_s3_bucket" "b" {}\n'}, []),
    ("provider-undeclared-resource", "missing-required-providers",
     {TF: 'resource "aws_s3_bucket" "b" {}\ndata "aws_region" "r" {}\n'},
     ['main.tf:1,1-1,29 Provider "aws" has no required_providers entry']),
    ("provider-undeclared-provider-block", "missing-required-providers",
     {TF: 'provider "google" {}\n'}, ['main.tf:1,1-1,18 Provider "google" has no required_providers entry']),
    ("provider-builtin-terraform", "missing-required-providers",
     {TF: 'resource "terraform_data" "d" {}\n'}, []),
    ("provider-meta-argument", "missing-required-providers",
     {TF: 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n'
          'resource "aws_s3_bucket" "b" {\n  provider = other\n}\n'},
     ['main.tf:7,14-7,19 Provider "other" has no required_providers entry']),
]


def write(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text)


def findings(base: Path, monkeypatch: pytest.MonkeyPatch, rule_id: str) -> list[str]:
    monkeypatch.chdir(base)
    result = lint_directory(".", rules=[RULES_BY_ID[rule_id]])
    assert not result.load_diagnostics.has_errors(), [d.summary for d in result.load_diagnostics]
    return [f"{f.diagnostic.subject} {f.diagnostic.summary}" for f in result.findings]


@pytest.mark.parametrize(("rule_id", "files", "expected"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS])
def test_rule(rule_id: str, files: dict[str, str], expected: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, files)
    assert findings(tmp_path, monkeypatch, rule_id) == expected


def test_every_rule_has_rows_with_and_without_findings() -> None:
    for rule in ALL_RULES:
        rows = [row for row in ROWS if row[1] == rule.id]
        assert any(row[3] for row in rows), rule.id
        assert any(not row[3] for row in rows), rule.id


def test_findings_are_warnings_with_details(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {TF: 'variable "a" {}\noutput "o" { value = "${var.a}" }\n'})
    monkeypatch.chdir(tmp_path)
    result = lint_directory(".")
    assert result.findings and not result.has_errors
    for finding in result.findings:
        diag = finding.diagnostic
        assert not diag.is_error and diag.detail.endswith(".") and not diag.summary.endswith(".")


def test_configuration_with_errors_is_reported_not_linted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {TF: 'variable "a" {\n'})
    monkeypatch.chdir(tmp_path)
    result = lint_directory(".")
    assert result.has_errors and not result.findings
    assert result.load_diagnostics[0].summary == "Unclosed configuration block"
