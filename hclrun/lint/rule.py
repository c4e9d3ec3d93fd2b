"""What a lint rule is, and what it reports."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from hclrun.diagnostics import Diagnostic, Severity
from hclrun.records import record

if TYPE_CHECKING:
    from hclrun.lint.files import LintModule

Check = Callable[["LintModule"], Iterable[Diagnostic]]


@record
class Rule:
    """A named check; ``check`` returns warning diagnostics for one module."""

    id: str
    description: str
    check: Check
    severity: Severity = Severity.WARNING


@record
class Finding:
    """A diagnostic reported by one rule."""

    rule_id: str
    diagnostic: Diagnostic

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        subject = self.diagnostic.subject
        if subject is None:
            return ("", 0, 0, self.rule_id)
        return (subject.filename, subject.start.line, subject.start.column, self.rule_id)
