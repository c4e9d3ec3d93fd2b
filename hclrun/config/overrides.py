"""Override files (``override.tf``, ``*_override.tf``): merging their blocks into the primary ones.

Merging happens on the syntax tree: an override block's arguments replace
the primary block's arguments of the same name, and its nested blocks of a
type replace all the primary's nested blocks of that type (``lifecycle`` is
merged argument by argument instead). Locals are replaced one by one.
"""

from __future__ import annotations

from hclrun.config.bodies import decl_range
from hclrun.diagnostics import Diagnostics
from hclrun.source import Range
from hclrun.syntax import ast

_MISSING = {
    "variable": ("Missing base variable declaration to override", "variable", "declared", "a variable"),
    "output": ("Missing base output definition to override", "output", "defined", "an output"),
    "module": ("Missing module call to override", "module call", "defined", "a module call"),
}
_KEYED = {"variable", "output", "module", "resource", "data", "ephemeral", "provider"}


def is_override_file(name: str) -> bool:
    stem = name.removesuffix(".json").removesuffix(".tf")
    return stem == "override" or stem.endswith("_override")


def merge_overrides(
    primary: list[ast.Block], overrides: list[ast.Block], diags: Diagnostics
) -> tuple[list[ast.Block], dict[str, Range]]:
    """The primary blocks with ``overrides`` merged in, and the variables whose default was overridden."""
    merged = list(primary)
    index = {(b.type, b.labels): i for i, b in reversed(list(enumerate(merged))) if b.type in _KEYED}
    overridden_defaults: dict[str, Range] = {}
    for block in overrides:
        if block.type == "locals":
            merged.extend(_merge_locals(merged, block, diags))
            continue
        if block.type not in _KEYED:
            merged.append(block)
            continue
        at = index.get((block.type, block.labels))
        if at is None:
            _missing_base(block, diags)
            continue
        merged[at] = merge_block(merged[at], block)
        if block.type == "variable" and any(a.name == "default" for a in block.body.attributes):
            overridden_defaults[block.labels[0]] = decl_range(block)
    return merged, overridden_defaults


def _missing_base(block: ast.Block, diags: Diagnostics) -> None:
    if block.type in _MISSING:
        summary, noun, verb, article = _MISSING[block.type]
        detail = (
            f'There is no {noun} named "{block.labels[0]}". An override file can only override {article} that was '
            f"already {verb} in a primary configuration file."
        )
        if block.type == "module":
            detail = detail.replace("that was already defined", "that was defined")
    elif block.type == "provider":
        summary = "Missing base provider configuration for override"
        detail = f'There is no {block.labels[0]} provider configuration with the alias "". An override file can only override an aliased provider configuration that was already defined in a primary configuration file.'
    else:
        kind = {"resource": "resource", "data": "data resource", "ephemeral": "ephemeral resource"}[block.type]
        summary = f"Missing {kind} to override"
        detail = (
            f'There is no {block.labels[0]} {kind} named "{block.labels[1]}". An override file can only override '
            f"a {kind} block defined in a primary configuration file."
        )
    diags.error(summary, detail, decl_range(block))


def _merge_locals(blocks: list[ast.Block], override: ast.Block, diags: Diagnostics) -> list[ast.Block]:
    """Replace locals of the same name in place; report locals that have no base definition."""
    for attr in override.body.attributes:
        for i, block in enumerate(blocks):
            if block.type != "locals":
                continue
            names = [a.name for a in block.body.attributes]
            if attr.name in names:
                items = tuple(attr if isinstance(x, ast.Attribute) and x.name == attr.name else x for x in block.body.items)
                blocks[i] = _with_items(block, items)
                break
        else:
            diags.error(
                "Missing base local value definition to override",
                f'There is no local value named "{attr.name}". An override file can only override a local value '
                "that was already defined in a primary configuration file.",
                attr.name_range.to(attr.expr.range),
            )
    return []


def merge_block(base: ast.Block, override: ast.Block) -> ast.Block:
    overriding_attrs = {a.name: a for a in override.body.attributes}
    overriding_types = {b.type for b in override.body.blocks}
    items: list[ast.Attribute | ast.Block] = []
    for item in base.body.items:
        if isinstance(item, ast.Attribute):
            items.append(overriding_attrs.pop(item.name, item))
        elif item.type == "lifecycle" and "lifecycle" in overriding_types:
            replacement = next(b for b in override.body.blocks if b.type == "lifecycle")
            items.append(merge_block(item, replacement))
        elif item.type not in overriding_types:
            items.append(item)
    items.extend(overriding_attrs.values())
    has_lifecycle = any(isinstance(i, ast.Block) and i.type == "lifecycle" for i in base.body.items)
    for block in override.body.blocks:
        if block.type != "lifecycle" or not has_lifecycle:
            items.append(block)
    return _with_items(base, tuple(items))


def _with_items(block: ast.Block, items: tuple[ast.Attribute | ast.Block, ...]) -> ast.Block:
    body = ast.Body(items, block.body.range, block.body.end_range)
    return ast.Block(
        block.type,
        block.labels,
        body,
        block.type_range,
        block.label_ranges,
        block.open_brace_range,
        block.close_brace_range,
        block.range,
    )
