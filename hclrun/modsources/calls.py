"""Module calls: what the installer is asked to install, and a minimal way to find them.

The installer does not load configurations; it asks a ``find_module_calls``
callback for the ``module`` blocks of a directory. ``find_module_calls``
here is a small stand-in that reads ``*.tf`` files (in lexical order) and
``*.tf.json`` files, taking literal ``source`` and ``version`` strings only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.source import Range


@record
class ModuleCall:
    name: str  # the block label
    source: str  # the raw source string
    version: str | None = None  # the raw version constraint
    source_range: Range | None = None
    version_range: Range | None = None
    call_range: Range | None = None  # the ``module "name"`` header, for "main.tf:3" in messages

    @property
    def location(self) -> str:
        """``file:line`` of the call, as Terraform's messages show it."""
        if self.call_range is None:
            return "unknown:0"
        return f"{self.call_range.filename}:{self.call_range.start.line}"


FindModuleCalls = Callable[[str], Sequence[ModuleCall]]


def find_module_calls(directory: str) -> list[ModuleCall]:
    """The module calls of the module in ``directory`` (syntax problems are ignored here)."""
    calls, _ = find_module_calls_with_diagnostics(directory)
    return calls


def find_module_calls_with_diagnostics(directory: str) -> tuple[list[ModuleCall], Diagnostics]:
    diags = Diagnostics()
    calls: list[ModuleCall] = []
    base = Path(directory)
    if not base.is_dir():
        return calls, diags
    files = sorted(p for p in base.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in files:
        if path.name.endswith(".tf"):
            calls.extend(_native_calls(path, directory, diags))
        elif path.name.endswith(".tf.json"):
            calls.extend(_json_calls(path, diags))
    return calls, diags


def _display_name(directory: str, path: Path) -> str:
    return path.name if Path(directory) == Path(".") else str(Path(directory, path.name))


def _native_calls(path: Path, directory: str, diags: Diagnostics) -> list[ModuleCall]:
    from hclrun.syntax import ast
    from hclrun.syntax.parser import parse_file

    parsed, parse_diags = parse_file(path.read_bytes(), _display_name(directory, path))
    diags.extend(parse_diags)
    calls = []
    for item in parsed.body.items:
        if not isinstance(item, ast.Block) or item.type != "module" or len(item.labels) != 1:
            continue
        attrs = {a.name: a for a in item.body.items if isinstance(a, ast.Attribute)}
        source = attrs.get("source")
        version = attrs.get("version")
        source_text = _literal(source.expr) if source else None
        if source is None or source_text is None:
            continue
        version_text = _literal(version.expr) if version else None
        header = item.type_range.to(item.label_ranges[0])
        calls.append(
            ModuleCall(
                item.labels[0],
                source_text,
                version_text,
                source.expr.range,
                version.expr.range if version else None,
                header,
            )
        )
    return calls


def _literal(expr: object) -> str | None:
    from hclrun.syntax import ast

    if isinstance(expr, ast.TemplateExpr):
        if not expr.parts:
            return ""
        if len(expr.parts) == 1:
            expr = expr.parts[0]
    if isinstance(expr, ast.LiteralValueExpr) and isinstance(expr.value, str):
        return expr.value
    return None


def _json_calls(path: Path, diags: Diagnostics) -> list[ModuleCall]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        diags.error("Invalid JSON configuration", f"The file {path.name} could not be read as JSON: {err}.")
        return []
    modules = document.get("module") if isinstance(document, dict) else None
    blocks = modules if isinstance(modules, list) else [modules] if isinstance(modules, dict) else []
    calls = []
    for block in blocks:
        for name, body in block.items() if isinstance(block, dict) else ():
            if isinstance(body, dict) and isinstance(body.get("source"), str):
                version = body.get("version")
                calls.append(ModuleCall(name, body["source"], version if isinstance(version, str) else None))
    return calls
