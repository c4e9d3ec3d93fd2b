"""Diagnostics: user-facing problems with source ranges.

A Diagnostic carries Terraform's wording: a short summary (no full stop), a
detail in full sentences, the subject range (what is wrong) and an optional
context range (the enclosing construct). Code that can fail in the user's
input returns diagnostics instead of raising; exceptions are for bugs.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import field, replace

from hclrun.records import record
from hclrun.source import Range


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@record
class ExpressionValue:
    """A `with NAME as VALUE` note: a value that took part in a failed expression."""

    traversal: str
    statement: str  # e.g. 'is "a"', 'is a list of string', 'has a sensitive value'


@record
class FunctionCallInfo:
    """The function a failed call was made to: rendered as ``while calling name(a, b, rest...)``."""

    called_as: str
    params: tuple[str, ...] = ()
    variadic_param: str | None = None
    # The function's signature as JSON text, as ``validate -json`` shows it.
    signature_json: str | None = None


@record
class Diagnostic:
    severity: Severity
    summary: str
    detail: str = ""
    subject: Range | None = None
    context: Range | None = None
    # Values that took part in a failed expression, rendered as
    # "├──────────────── var.x is ..." lines under the source snippet.
    values: tuple[ExpressionValue, ...] = ()
    # The raw origin of the problem, when it came from a nested failure (for tests).
    extra: object = field(default=None, compare=False)
    # The function call that failed, when the problem was in a call's arguments or result.
    function_call: FunctionCallInfo | None = None
    # The attribute a provider reported the problem against (steps: attribute
    # names as str, list indexes as int, map keys as values.errors.MapKey);
    # the engine maps it to the range of that attribute in the configuration.
    attribute_path: tuple[str | int, ...] | None = None
    # The resource instance the problem arose in (``terraform_data.x[2]``),
    # rendered as a ``with ADDR,`` line above the source snippet.
    address: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def with_address(self, address: str) -> Diagnostic:
        """This diagnostic attributed to a resource instance (unless it already is)."""
        return self if self.address else replace(self, address=address)

    @staticmethod
    def error(summary: str, detail: str = "", subject: Range | None = None, context: Range | None = None) -> Diagnostic:
        return Diagnostic(Severity.ERROR, summary, detail, subject, context)

    @staticmethod
    def warning(summary: str, detail: str = "", subject: Range | None = None, context: Range | None = None) -> Diagnostic:
        return Diagnostic(Severity.WARNING, summary, detail, subject, context)


class Diagnostics(list[Diagnostic]):
    """An ordered list of diagnostics with a few conveniences."""

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        super().__init__(items)

    def has_errors(self) -> bool:
        return any(d.is_error for d in self)

    def errors(self) -> Iterator[Diagnostic]:
        return (d for d in self if d.is_error)

    def add(self, diag: Diagnostic) -> Diagnostic:
        self.append(diag)
        return diag

    def error(self, summary: str, detail: str = "", subject: Range | None = None, context: Range | None = None) -> Diagnostic:
        return self.add(Diagnostic.error(summary, detail, subject, context))

    def warning(self, summary: str, detail: str = "", subject: Range | None = None, context: Range | None = None) -> Diagnostic:
        return self.add(Diagnostic.warning(summary, detail, subject, context))


class DiagnosticsError(Exception):
    """Raised by API entry points that cannot return a best-effort result."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = Diagnostics(diagnostics)
        first = next(iter(self.diagnostics), None)
        super().__init__(first.summary if first else "error")
