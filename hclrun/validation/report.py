"""The ``validate -json`` document: Terraform's format version 1.0, diagnostics with source snippets."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.diagrender_context import block_context
from hclrun.source import Pos


def validate_document(diags: Diagnostics, sources: Mapping[str, bytes]) -> dict[str, Any]:
    errors = sum(1 for d in diags if d.is_error)
    return {
        "format_version": "1.0",
        "valid": errors == 0,
        "error_count": errors,
        "warning_count": len(diags) - errors,
        "diagnostics": [diagnostic_json(d, sources) for d in diags],
    }


def _pos(pos: Pos) -> dict[str, int]:
    return {"line": pos.line, "column": pos.column, "byte": pos.byte}


def diagnostic_json(diag: Diagnostic, sources: Mapping[str, bytes]) -> dict[str, Any]:
    out: dict[str, Any] = {"severity": diag.severity.value, "summary": diag.summary, "detail": diag.detail}
    subject = diag.subject
    if subject is None or not subject.filename:
        return out
    out["range"] = {"filename": subject.filename, "start": _pos(subject.start), "end": _pos(subject.end)}
    src = sources.get(subject.filename)
    if src is None:
        return out
    snip_start, snip_end = subject.start.byte, subject.end.byte
    start_line = subject.start.line
    context = diag.context
    if context is not None and context.filename == subject.filename:
        if context.start.byte < snip_start:
            start_line = context.start.line
        snip_start = min(snip_start, context.start.byte)
        snip_end = max(snip_end, context.end.byte)
    line_start = src.rfind(b"\n", 0, snip_start) + 1
    line_end = src.find(b"\n", max(snip_end - 1, snip_start))
    if line_end < 0:
        line_end = len(src)
    code = src[line_start:line_end].rstrip(b"\r")
    header = block_context(src, subject.start.byte - 1) if not subject.filename.endswith(".json") else ""
    snippet: dict[str, Any] = {
        "context": header or None,
        "code": code.decode("utf-8", "replace"),
        "start_line": start_line,
        "highlight_start_offset": subject.start.byte - line_start,
        "highlight_end_offset": subject.end.byte - line_start,
        "values": [{"traversal": v.traversal, "statement": v.statement} for v in sorted(diag.values, key=lambda v: v.traversal)],
    }
    if diag.function_call is not None:
        call: dict[str, Any] = {"called_as": diag.function_call.called_as}
        if diag.function_call.signature_json is not None:
            call["signature"] = json.loads(diag.function_call.signature_json)
        snippet["function_call"] = call
    out["snippet"] = snippet
    return out
