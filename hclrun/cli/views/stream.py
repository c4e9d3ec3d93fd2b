"""Where a view writes: stdout or stderr, with a lock so that worker threads'
progress lines never interleave, and colour codes kept or dropped."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from hclrun.diagnostics import Diagnostic
from hclrun.diagrender import render_diagnostics
from hclrun.plans.render_text import Colorize, product


class Output:
    def __init__(self, color: bool, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.color = color
        self._out = out
        self._err = err
        self._lock = threading.RLock()
        self.colorize = Colorize(disable=not color)

    @property
    def out(self) -> TextIO:
        return self._out or sys.stdout

    @property
    def err(self) -> TextIO:
        return self._err or sys.stderr

    def write(self, text: str) -> None:
        with self._lock:
            self.out.write(text)
            self.out.flush()

    def write_err(self, text: str) -> None:
        with self._lock:
            self.err.write(text)
            self.err.flush()

    def markup(self, text: str) -> str:
        """Terraform's ``[bold]``-style markup as colour codes (or nothing)."""
        return self.colorize.color(text)

    def diagnostics(
        self, diags: list[Diagnostic], sources: dict[str, bytes], *, warnings_to_stderr: bool = False
    ) -> None:
        """Warnings to stdout and errors to stderr, as Terraform's operation commands print them.

        Commands whose stdout is data (``state list``, ``state pull``, ``output``)
        send warnings to stderr too, as Terraform's older commands do.
        """
        if not diags:
            return
        named = [_product_diag(d) for d in diags]
        warnings = [d for d in named if not d.is_error]
        errors = [d for d in named if d.is_error]
        if warnings:
            text = render_diagnostics(warnings, sources, color=self.color)
            if warnings_to_stderr:
                self.write_err(text)
            else:
                self.write(text)
        if errors:
            self.write_err(render_diagnostics(errors, sources, color=self.color))


def _product_diag(diag: Diagnostic) -> Diagnostic:
    from dataclasses import replace

    summary = product(diag.summary)
    detail = product(diag.detail) if diag.detail else diag.detail
    if summary == diag.summary and detail == diag.detail:
        return diag
    return replace(diag, summary=summary, detail=detail)
