"""Attribute paths in provider diagnostics, and the diagnostics that carry them."""

from __future__ import annotations

from dataclasses import replace

from hclrun.diagnostics import Diagnostic
from hclrun.values.errors import MapKey, format_path

__all__ = ["MapKey", "attribute_error", "attribute_warning", "format_path"]


def attribute_error(path: tuple[str | int, ...], summary: str, detail: str = "") -> Diagnostic:
    """An error about the attribute at ``path`` (``("keepers", MapKey("a"))``)."""
    return replace(Diagnostic.error(summary, detail), attribute_path=path)


def attribute_warning(path: tuple[str | int, ...], summary: str, detail: str = "") -> Diagnostic:
    return replace(Diagnostic.warning(summary, detail), attribute_path=path)
