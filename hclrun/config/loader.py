"""Reading a module directory: every ``*.tf`` file in lexical order, parsed and decoded."""

from __future__ import annotations

import os
from pathlib import Path

from hclrun.config.model import Local, Module, ModuleCall, Output, ResourceDecl, Variable
from hclrun.diagnostics import Diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.types import BOOL
from hclrun.values.value import Value

RESOURCE_MODES = {"resource": "managed", "data": "data", "ephemeral": "ephemeral"}


def module_files(directory: str) -> list[Path]:
    """The ``.tf`` files of a module directory, in the lexical order Terraform reads them."""
    base = Path(directory)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.suffix == ".tf" and p.is_file() and not p.name.startswith("."))


def display_name(directory: str, path: Path) -> str:
    """A file's name as diagnostics show it: relative to the module directory's parent path."""
    return path.name if os.path.normpath(directory) == "." else os.path.join(directory, path.name)


def load_module(directory: str) -> tuple[Module, Diagnostics]:
    """Parse and decode the module in ``directory``; a best-effort Module even when there are errors."""
    from hclrun.syntax.parser import parse_file

    module = Module(directory)
    diags = Diagnostics()
    for path in module_files(directory):
        name = display_name(directory, path)
        source = path.read_bytes()
        module.sources[name] = source
        file, file_diags = parse_file(source, name)
        diags.extend(file_diags)
        if file is not None:
            _decode_body(file.body, module, diags)
    return module, diags


def range_text(r: Range) -> str:
    """A range as HCL writes it in messages: ``main.tf:1,1-13``, or ``main.tf:1,1-2,3`` across lines."""
    if r.start.line == r.end.line:
        return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.column}"
    return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.line},{r.end.column}"


def _decode_body(body: ast.Body, module: Module, diags: Diagnostics) -> None:
    for block in body.blocks:
        if block.type == "variable" and len(block.labels) == 1:
            _decode_variable(block, module, diags)
        elif block.type == "locals":
            _decode_locals(block, module, diags)
        elif block.type == "output" and len(block.labels) == 1:
            attrs = {a.name: a for a in block.body.attributes}
            value = attrs.get("value")
            module.outputs[block.labels[0]] = Output(
                block.labels[0],
                value.expr if value else None,
                _static_bool(attrs.get("sensitive"), False, diags),
                _decl_range(block),
            )
        elif block.type in RESOURCE_MODES and len(block.labels) == 2:
            mode = RESOURCE_MODES[block.type]
            key = (mode, block.labels[0], block.labels[1])
            module.resources.setdefault(key, ResourceDecl(mode, *key[1:], _decl_range(block)))
        elif block.type == "module" and len(block.labels) == 1:
            module.module_calls.setdefault(block.labels[0], ModuleCall(block.labels[0], _decl_range(block)))


def _decl_range(block: ast.Block) -> Range:
    """From the block type to the end of its last label, as Terraform reports declarations."""
    end = block.label_ranges[-1] if block.label_ranges else block.type_range
    return block.type_range.to(end)


def _decode_variable(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    name = block.labels[0]
    decl = _decl_range(block)
    if name in module.variables:
        first = module.variables[name].decl_range
        diags.error(
            "Duplicate variable declaration",
            f'A variable named "{name}" was already declared at {range_text(first)}. '
            "Variable names must be unique within a module.",
            decl,
        )
        return
    attrs = {a.name: a for a in block.body.attributes}
    type_attr = attrs.get("type")
    default_attr = attrs.get("default")
    module.variables[name] = Variable(
        name,
        type_attr.expr if type_attr else None,
        default_attr.expr if default_attr else None,
        _static_bool(attrs.get("sensitive"), False, diags),
        _static_bool(attrs.get("nullable"), True, diags),
        decl,
    )


def _decode_locals(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    for attr in block.body.attributes:
        if attr.name in module.locals:
            first = module.locals[attr.name].decl_range
            diags.error(
                "Duplicate local value definition",
                f'A local value named "{attr.name}" was already defined at {range_text(first)}. '
                "Local value names must be unique within a module.",
                attr.name_range.to(attr.expr.range),
            )
            continue
        module.locals[attr.name] = Local(attr.name, attr.expr, attr.name_range.to(attr.expr.range))


def _static_bool(attr: ast.Attribute | None, default: bool, diags: Diagnostics) -> bool:
    """A boolean argument that must not refer to anything (``sensitive``, ``nullable``)."""
    if attr is None:
        return default
    value, value_diags = evaluate(attr.expr, Scope())
    diags.extend(value_diags)
    if value_diags.has_errors() or not value.is_known or value.is_null:
        return default
    converted = _to_bool(value)
    if converted is None:
        diags.error(
            "Incorrect attribute value type",
            f'Inappropriate value for attribute "{attr.name}": bool required.',
            attr.expr.range,
        )
        return default
    return converted


def _to_bool(value: Value) -> bool | None:
    if value.type == BOOL:
        return bool(value.raw)
    if isinstance(value.raw, str) and value.raw in ("true", "false"):
        return value.raw == "true"
    return None
