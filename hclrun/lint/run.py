"""Running the rules over module directories."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.lint.files import load_lint_module
from hclrun.lint.ignores import is_ignored
from hclrun.lint.rule import Finding, Rule
from hclrun.lint.rules import ALL_RULES
from hclrun.records import record


@record(frozen=False)
class LintResult:
    """Rule findings, plus any problem loading the configuration (with which the rules did not run)."""

    findings: list[Finding] = field(default_factory=list)
    load_diagnostics: Diagnostics = field(default_factory=Diagnostics)
    sources: dict[str, bytes] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        return self.load_diagnostics.has_errors() or any(f.diagnostic.is_error for f in self.findings)

    @property
    def entries(self) -> list[tuple[str | None, Diagnostic]]:
        """Every diagnostic in reporting order, each with the rule that reported it (None: loading)."""
        loaded: list[tuple[str | None, Diagnostic]] = [(None, d) for d in self.load_diagnostics]
        return loaded + [(f.rule_id, f.diagnostic) for f in self.findings]

    def extend(self, other: LintResult) -> None:
        self.findings.extend(other.findings)
        self.load_diagnostics.extend(other.load_diagnostics)
        self.sources.update(other.sources)


def lint_directory(directory: str, disabled: Iterable[str] = (), rules: Iterable[Rule] = ALL_RULES) -> LintResult:
    """Lint the module in ``directory`` with every rule not in ``disabled``."""
    lint, diags = load_lint_module(directory)
    result = LintResult(load_diagnostics=diags, sources=dict(lint.module.sources))
    if diags.has_errors():
        return result
    off = set(disabled)
    for rule in rules:
        if rule.id in off:
            continue
        for diag in rule.check(lint):
            if diag.severity is not rule.severity:
                diag = Diagnostic(rule.severity, diag.summary, diag.detail, diag.subject, diag.context)
            finding = Finding(rule.id, diag)
            if not is_ignored(finding, result.sources):
                result.findings.append(finding)
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def lint_directories(directories: Iterable[str], disabled: Iterable[str] = ()) -> LintResult:
    """Lint each directory as its own module; one result for all of them."""
    off = tuple(disabled)
    total = LintResult()
    for directory in directories:
        total.extend(lint_directory(directory, off))
    return total
