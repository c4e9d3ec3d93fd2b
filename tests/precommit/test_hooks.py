"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit on real commits."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CHECKOUT = Path(__file__).resolve().parents[2]
HOOK_IDS = ("hclrun-fmt", "hclrun-validate", "hclrun-lint")

GOOD = {
    "versions.tf": 'terraform {\n  required_version = ">= 1.5"\n}\n',
    "variables.tf": 'variable "name" {\n  type        = string\n  description = "The name."\n}\n',
    "outputs.tf": 'output "greeting" {\n  description = "A greeting."\n  value       = "hello ${var.name}"\n}\n',
}


def test_hook_definitions_follow_pre_commit_terraform_conventions() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text())}
    assert tuple(hooks) == HOOK_IDS
    assert all(hook["language"] == "python" and hook["exclude"] == r"\.terraform/.*$" for hook in hooks.values())
    assert hooks["hclrun-fmt"]["files"] == r"\.(tf|tfvars|tftest\.hcl)$"
    assert hooks["hclrun-validate"]["require_serial"] and hooks["hclrun-lint"]["require_serial"]
    assert hooks["hclrun-validate"]["entry"] == "hclrun hook validate"


def test_badly_formatted_files_fail_the_commit_and_get_formatted(make_project) -> None:  # type: ignore[no-untyped-def]
    project = make_project("- id: hclrun-fmt")
    project.write({**GOOD, "variables.tf": 'variable "name" {\n  type = string\n    description="The name."\n}\n'})
    done = project.commit()
    assert done.returncode != 0, done.stdout
    assert "hclrun fmt" in done.stdout and "Failed" in done.stdout
    assert "files were modified by this hook" in done.stdout
    assert (project.path / "variables.tf").read_text() == GOOD["variables.tf"]
    assert project.commit_count() == 0
    again = project.commit()
    assert again.returncode == 0, again.stdout
    assert project.commit_count() == 1


def test_reference_to_undeclared_variable_is_refused(make_project) -> None:  # type: ignore[no-untyped-def]
    project = make_project()
    project.write({
        **GOOD,
        "modules/app/main.tf": 'output "id" {\n  description = "The id."\n  value       = var.nope\n}\n',
    })
    done = project.commit()
    assert done.returncode != 0, done.stdout
    assert "hclrun validate" in done.stdout and "Failed" in done.stdout
    assert "Error: Reference to undeclared input variable" in done.stdout
    assert "on modules/app/main.tf line 3, in output \"id\":" in done.stdout
    assert 'An input variable with the name "nope" has not been declared.' in done.stdout
    assert project.commit_count() == 0


def test_good_commit_passes_every_hook(make_project) -> None:  # type: ignore[no-untyped-def]
    project = make_project()
    project.write(GOOD)
    done = project.commit()
    assert done.returncode == 0, done.stdout
    for name in ("hclrun fmt", "hclrun validate", "hclrun lint"):
        line = next(line for line in done.stdout.splitlines() if line.startswith(name))
        assert line.endswith("Passed"), line
    assert project.commit_count() == 1


@pytest.mark.parametrize(
    ("hooks", "passes"),
    [
        pytest.param("- id: hclrun-lint\n  verbose: true", True, id="warnings-shown-not-failing"),
        pytest.param("- id: hclrun-lint\n  verbose: true\n  args: [--error-on-warning]", False, id="error-on-warning"),
        pytest.param(
            "- id: hclrun-lint\n  verbose: true\n  args: [--error-on-warning, --disable=unused-variable]", True,
            id="rule-disabled",
        ),
    ],
)
def test_lint_warnings_fail_only_when_asked(make_project, hooks: str, passes: bool) -> None:  # type: ignore[no-untyped-def]
    project = make_project(hooks)
    project.write({**GOOD, "extra.tf": 'variable "spare" {\n  type        = string\n  description = "Unused."\n}\n'})
    done = project.commit()
    assert (done.returncode == 0) is passes, done.stdout
    if "--disable" not in hooks:
        assert 'Warning: Variable "spare" is declared but not used (unused-variable)' in done.stdout
        assert "on extra.tf line 1:" in done.stdout
    assert project.commit_count() == (1 if passes else 0)


def test_hooks_skip_files_under_dot_terraform(make_project) -> None:  # type: ignore[no-untyped-def]
    project = make_project()
    project.write({**GOOD, ".terraform/modules/x/main.tf": "this is   not = valid {\n"})
    done = project.commit()
    assert done.returncode == 0, done.stdout
    assert project.commit_count() == 1
