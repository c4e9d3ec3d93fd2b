"""Lint: warnings about configurations that are valid but worth changing.

Each rule has an id (``unused-variable``), a one-line description and a
check that reads one module directory (its configuration model and its
parsed files) and reports findings as warning diagnostics. Findings can be
silenced per run (``disabled`` rule ids) or per line with a
``# hclrun-lint-ignore RULE`` comment on the line before, or at the end of
the line, the finding points at.
"""

from hclrun.lint.rule import Finding, Rule
from hclrun.lint.rules import ALL_RULES, RULES_BY_ID
from hclrun.lint.run import LintResult, lint_directories, lint_directory
from hclrun.lint.targets import module_directories

__all__ = [
    "ALL_RULES",
    "RULES_BY_ID",
    "Finding",
    "LintResult",
    "Rule",
    "lint_directories",
    "lint_directory",
    "module_directories",
]
