"""YAML syntax errors worded and positioned as Terraform reports them.

Terraform's YAML decoder is a port of libyaml; PyYAML is a port of the same
C library but words its problems differently ("expected <block end>, but
found '-'" where libyaml says "did not find expected key"). This module maps
PyYAML's errors onto libyaml's wording and reproduces how the reference
places them: ``on line L, column C: problem``, where

- for scanner errors, L is the problem's 0-based line plus one and C is 1;
- for parser errors, L is the problem's 0-based line (not plus one) and C its
  column plus one;
- when the problem is on the first line (0), the context's mark is used the
  same way, and when that is on the first line too there is no position;
- an error at the end of the input is where libyaml's stream-end token sits:
  at the start of the line after the last one.
"""

from __future__ import annotations

import re

import yaml

_EXPECTED = re.compile(r"expected (.*), but (?:found|got) .*", re.DOTALL)
_CANNOT_START = re.compile(r"found character .* that cannot start any token", re.DOTALL)
_UNDEFINED_ALIAS = re.compile(r"found undefined alias '(.*)'", re.DOTALL)

_RENAMED = {
    "mapping values are not allowed here": "mapping values are not allowed in this context",
    "found duplicate YAML directive": "found duplicate %YAML directive",
}


def yaml_error_message(text: str, exc: yaml.MarkedYAMLError) -> str:
    """The reference's message for a PyYAML syntax error in ``text``."""
    problem = exc.problem or exc.context or "invalid YAML syntax"
    alias = _UNDEFINED_ALIAS.fullmatch(problem)
    if alias is not None:
        # Reported against the alias event's start, with its 0-based line as is.
        return _at(exc.problem_mark, f'reference to undefined anchor "{alias.group(1)}"', line_offset=0)
    scanner = isinstance(exc, yaml.scanner.ScannerError)
    message = _libyaml_problem(text, problem, exc.context or "", exc.problem_mark)
    at_stream_end = not scanner or problem == "could not find expected ':'"
    problem_mark = _stream_end_mark(text, exc.problem_mark) if at_stream_end else exc.problem_mark
    if problem_mark is not None and problem_mark.line != 0:
        if scanner:
            return f"on line {problem_mark.line + 1}, column 1: {message}"
        return f"on line {problem_mark.line}, column {problem_mark.column + 1}: {message}"
    return _at(exc.context_mark, message, line_offset=0)


def _at(mark: yaml.Mark | None, message: str, line_offset: int) -> str:
    if mark is None or mark.line == 0:
        return message
    return f"on line {mark.line + line_offset}, column {mark.column + 1}: {message}"


def _stream_end_mark(text: str, mark: yaml.Mark | None) -> yaml.Mark | None:
    """libyaml moves the end-of-stream position to the start of a new line."""
    if mark is None or mark.index < len(text) or mark.column == 0:
        return mark
    return yaml.Mark(mark.name, mark.index, mark.line + 1, 0, None, None)  # type: ignore[arg-type]


def _libyaml_problem(text: str, problem: str, context: str, mark: yaml.Mark | None) -> str:
    if problem in _RENAMED:
        return _RENAMED[problem]
    if _CANNOT_START.fullmatch(problem):
        if mark is not None and text[mark.index : mark.index + 1] == "\t" and _continues_plain_scalar(text, mark):
            return "found a tab character that violates indentation"
        return "found character that cannot start any token"
    expected = _EXPECTED.fullmatch(problem)
    if expected is None:
        return problem
    what = expected.group(1)
    if what == "<block end>":
        return "did not find expected '-' indicator" if "collection" in context else "did not find expected key"
    if what == "the node content":
        what = "node content"
    return f"did not find expected {what.strip(chr(39)) if what.startswith(chr(39) + '<') else what}"


def _continues_plain_scalar(text: str, mark: yaml.Mark) -> bool:
    """Whether a tab at the start of a line follows a plain scalar, which libyaml
    scans on into the next line and so reports as an indentation problem."""
    before = text[: mark.index].rstrip(" \t\r\n")
    return bool(before) and before[-1] not in ":-[]{},?|>"
