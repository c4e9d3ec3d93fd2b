"""Errors raised by value operations, carrying Terraform's wording.

``ConversionError(message, path)``: a value could not be converted to a type.
``message`` is cty's wording ("a number is required"); ``path`` leads to the
nested value that failed: ``str`` steps are attribute names, ``int`` steps
are sequence indexes, ``MapKey`` steps (a ``str`` subclass) are map keys.
``str(err)`` is the bare message (how function argument errors print it);
``err.formatted()`` prefixes the path as Terraform does for input variables
(``.a[0]: string required``).

``OperationError(summary, detail, subject)``: an operator, index or attribute
access failed. ``summary``/``detail`` are Terraform's diagnostic texts;
``subject`` says which part of the source the diagnostic points at, so the
evaluator can choose the range: ``"left"``/``"right"``/``"operand"`` (an
operator's operand), ``"expression"`` (the whole operation), ``"traversal"``
(the index or attribute step).
"""

from __future__ import annotations

from hclrun.values.strings import go_quote


class MapKey(str):
    """A path step that indexes a map (or object, by key) with a string."""

    __slots__ = ()


PathStep = str | int


def format_path(path: tuple[PathStep, ...]) -> str:
    """Terraform's rendering of a value path: ``.attr``, ``[0]``, ``["key"]``."""
    parts = []
    for step in path:
        if isinstance(step, MapKey):
            parts.append(f"[{go_quote(step)}]")
        elif isinstance(step, str):
            parts.append(f".{step}")
        else:
            parts.append(f"[{step}]")
    return "".join(parts)


class ConversionError(Exception):
    def __init__(self, message: str, path: tuple[PathStep, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def under(self, step: PathStep) -> ConversionError:
        """The same error seen from the enclosing value (path prefixed with ``step``)."""
        return ConversionError(self.message, (step, *self.path))

    def formatted(self) -> str:
        if not self.path:
            return self.message
        return f"{format_path(self.path)}: {self.message}"

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ConversionError({self.message!r}, {self.path!r})"


class OperationError(Exception):
    def __init__(self, summary: str, detail: str, subject: str = "expression") -> None:
        super().__init__(f"{summary}: {detail}")
        self.summary = summary
        self.detail = detail
        self.subject = subject
        # Further errors found in the same operation (both operands unsuitable).
        self.others: tuple[OperationError, ...] = ()

    def __repr__(self) -> str:
        return f"OperationError({self.summary!r}, {self.detail!r}, {self.subject!r})"
