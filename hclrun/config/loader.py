"""Reading a module directory: every ``*.tf`` and ``*.tf.json`` file, overrides merged, blocks decoded."""

from __future__ import annotations

import os
from pathlib import Path

from hclrun.config import schemas
from hclrun.config.bodies import decode_body, range_text
from hclrun.config.decode_other import (
    decode_check,
    decode_import,
    decode_module_call,
    decode_moved,
    decode_provider,
    decode_removed,
    decode_terraform,
)
from hclrun.config.decode_resources import decode_resource
from hclrun.config.decode_values import decode_locals, decode_output, decode_variable
from hclrun.config.model import Module
from hclrun.config.overrides import is_override_file, merge_overrides
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.version import TERRAFORM_COMPAT_VERSION

__all__ = ["display_name", "load_module", "module_files", "range_text"]

RESOURCE_MODES = {"resource": "managed", "data": "data", "ephemeral": "ephemeral"}

# Parsed files by display name and content: a directory that several module calls use
# is parsed once per run, as Terraform parses each file once. Syntax trees are
# immutable, so every module decoded from one shares them safely.
ParseCache = dict[tuple[str, bytes], tuple[ast.Body, tuple[Diagnostic, ...]]]


def module_files(directory: str) -> list[Path]:
    """The ``.tf`` and ``.tf.json`` files of a module directory, in the lexical order Terraform reads them."""
    try:
        entries = list(os.scandir(directory or "."))
    except (NotADirectoryError, FileNotFoundError):
        return []
    base = Path(directory)
    names = sorted(
        entry.name
        for entry in entries
        if entry.name.endswith((".tf", ".tf.json")) and not entry.name.startswith((".", "#", "~")) and entry.is_file()
    )
    return [base / name for name in names]


def display_name(directory: str, path: Path) -> str:
    """A file's name as diagnostics show it: relative to the module directory's parent path."""
    return path.name if os.path.normpath(directory) == "." else os.path.join(directory, path.name)


def load_module(directory: str) -> tuple[Module, Diagnostics]:
    """Parse and decode the module in ``directory``; a best-effort Module even when there are errors."""
    module, parse_diags, diags = load_module_parts(directory)
    parse_diags.extend(diags)
    return module, parse_diags


def load_module_parts(directory: str, parsed: ParseCache | None = None) -> tuple[Module, Diagnostics, Diagnostics]:
    """Like :func:`load_module`, with the problems found parsing the files apart from the others.

    Terraform parses each file once however many module calls use its
    directory, so the parse problems of a directory are reported once, while
    the others are reported for each call. Files found in ``parsed`` (same name,
    same content) are not parsed again; new ones are added to it.
    """
    module = Module(directory)
    parse_diags = Diagnostics()
    diags = Diagnostics()
    primary: list[ast.Block] = []
    overrides: list[ast.Block] = []
    for path in module_files(directory):
        name = display_name(directory, path)
        source = path.read_bytes()
        module.sources[name] = source
        body = _parse_once(source, name, parse_diags, parsed)
        target = overrides if is_override_file(path.name) else primary
        target.extend(_top_level_blocks(body, diags))
    blocks, overridden = merge_overrides(primary, overrides, diags) if overrides else (primary, {})
    for block in blocks:
        _decode_block(block, module, diags)
    check_variable_defaults(module, overridden, diags)
    check_required_versions(module, diags)
    return module, parse_diags, diags


def _parse_once(source: bytes, name: str, diags: Diagnostics, parsed: ParseCache | None) -> ast.Body:
    if parsed is None:
        return _parse(source, name, diags)
    found = parsed.get((name, source))
    if found is None:
        file_diags = Diagnostics()
        found = parsed[(name, source)] = (_parse(source, name, file_diags), tuple(file_diags))
    diags.extend(found[1])
    return found[0]


def _parse(source: bytes, name: str, diags: Diagnostics) -> ast.Body:
    if name.endswith(".json"):
        from hclrun.config.jsonbody import json_file_body
        from hclrun.syntax.json_syntax import parse_json

        root, parse_diags = parse_json(source, name)
        diags.extend(parse_diags)
        return json_file_body(root, schemas.FILE, name, diags)
    from hclrun.syntax.parser import parse_file

    file, parse_diags = parse_file(source, name)
    diags.extend(parse_diags)
    return file.body


def _top_level_blocks(body: ast.Body, diags: Diagnostics) -> list[ast.Block]:
    """The file's blocks, checked against the file schema (labels, unknown block types)."""
    content = decode_body(body, schemas.FILE, body.end_range, diags)
    return content.blocks


def _decode_block(block: ast.Block, module: Module, diags: Diagnostics) -> None:
    kind = block.type
    if kind == "variable":
        decode_variable(block, module, diags)
    elif kind == "locals":
        decode_locals(block, module, diags)
    elif kind == "output":
        decode_output(block, module, diags)
    elif kind in RESOURCE_MODES:
        decode_resource(block, module, diags)
    elif kind == "module":
        before = len(diags)
        decode_module_call(block, module, diags)
        module.module_call_diagnostics.extend(diags[before:])
    elif kind == "provider":
        decode_provider(block, module, diags)
    elif kind == "terraform":
        decode_terraform(block, module, diags)
    elif kind == "required_providers":
        from hclrun.config.decode_other import decode_required_providers

        decode_required_providers(block, module, diags)
    elif kind == "moved":
        decode_moved(block, module, diags)
    elif kind == "import":
        decode_import(block, module, diags)
    elif kind == "removed":
        decode_removed(block, module, diags)
    elif kind == "check":
        decode_check(block, module, diags)


def check_variable_defaults(module: Module, overridden: dict[str, Range], diags: Diagnostics) -> None:
    """Every default must convert to its variable's type constraint (Terraform checks this at load)."""
    from hclrun.config.typeconstraints import default_conversion_error

    for variable in module.variables.values():
        if variable.type_expr is None:
            continue
        if variable.default is None:
            diags.extend(variable.constraint[2])
            continue
        message = default_conversion_error(variable, diags)
        if message is None:
            continue
        if variable.name in overridden:
            diags.error(
                "Invalid default value for variable",
                "The overridden default value for this variable is not compatible with the variable's type "
                f"constraint: {message}.",
                overridden[variable.name],
            )
        else:
            diags.error(
                "Invalid default value for variable",
                f"This default value is not compatible with the variable's type constraint: {message}.",
                variable.default.range,
            )


def check_required_versions(module: Module, diags: Diagnostics) -> None:
    if not module.required_versions:
        return
    from hclrun.modsources.versions import Version, VersionConstraints, VersionError

    current = Version.parse(TERRAFORM_COMPAT_VERSION)
    for text, expr_range, attr_range in module.required_versions:
        try:
            constraints = VersionConstraints.parse(text)
        except VersionError:
            diags.error(
                "Invalid version constraint", "This string does not use correct version constraint syntax.", expr_range
            )
            continue
        if not constraints.allows(current):
            diags.error(
                "Unsupported Terraform Core version",
                f"This configuration does not support Terraform version {TERRAFORM_COMPAT_VERSION}. To proceed, "
                "either choose another supported Terraform version or update this version constraint. Version "
                "constraints are normally set for good reason, so updating the constraint may lead to other "
                "errors or unexpected behavior.",
                attr_range,
            )
