"""Inline suppression comments: ``# hclrun-lint-ignore RULE[, RULE...]`` (or ``all``).

A comment silences findings that start on the line after it, or on its own
line when it ends that line. ``//`` comments work too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hclrun.lint.rule import Finding

_COMMENT = re.compile(rb"(?:#|//)\s*hclrun-lint-ignore\s*:?\s*([A-Za-z0-9_\-, ]*)")
ALL = "all"


def ignored_rules(line: bytes) -> set[str]:
    """The rule ids a source line's ignore comment names (empty when it has none)."""
    match = _COMMENT.search(line)
    if match is None:
        return set()
    names = {n for n in re.split(r"[,\s]+", match.group(1).decode("ascii")) if n}
    return names or {ALL}


def is_ignored(finding: Finding, sources: Mapping[str, bytes]) -> bool:
    subject = finding.diagnostic.subject
    if subject is None or subject.filename not in sources:
        return False
    lines = sources[subject.filename].splitlines()
    index = subject.start.line - 1  # 0-based index of the finding's line
    for candidate in (index - 1, index):
        if 0 <= candidate < len(lines):
            rules = ignored_rules(lines[candidate])
            if finding.rule_id in rules or ALL in rules:
                return True
    return False
