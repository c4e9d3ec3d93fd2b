"""Checking a body against a block schema: unknown, missing and repeated arguments and blocks."""

from __future__ import annotations

from dataclasses import field

from hclrun.config.schemas import BlockSchema
from hclrun.diagnostics import Diagnostics
from hclrun.eval.scope import did_you_mean
from hclrun.records import record
from hclrun.source import Range
from hclrun.syntax import ast


@record(frozen=False)
class BodyContent:
    """A body's arguments by name and its nested blocks in order."""

    attributes: dict[str, ast.Attribute] = field(default_factory=dict)
    blocks: list[ast.Block] = field(default_factory=list)
    missing_range: Range | None = None

    def blocks_of(self, type_name: str) -> list[ast.Block]:
        return [b for b in self.blocks if b.type == type_name]


def range_text(r: Range) -> str:
    """A range as HCL writes it in messages: ``main.tf:1,1-13``, or ``main.tf:1,1-2,3`` across lines."""
    if r.start.line == r.end.line:
        return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.column}"
    return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.line},{r.end.column}"


def decode_body(body: ast.Body, schema: BlockSchema, missing_range: Range, diags: Diagnostics) -> BodyContent:
    """The content of ``body`` as ``schema`` allows it; problems are added to ``diags``."""
    content = BodyContent(missing_range=missing_range)
    for item in body.items:
        if isinstance(item, ast.Attribute):
            _attribute(item, schema, content, diags)
        else:
            _block(item, schema, content, diags)
    for name in schema.required:
        if name not in content.attributes:
            diags.error(
                "Missing required argument",
                f'The argument "{name}" is required, but no definition was found.',
                missing_range,
            )
    return content


def _attribute(attr: ast.Attribute, schema: BlockSchema, content: BodyContent, diags: Diagnostics) -> None:
    if attr.name in schema.blocks and not schema.open_attributes:
        diags.error(
            "Unsupported argument",
            f'An argument named "{attr.name}" is not expected here. Did you mean to define a block of type '
            f'"{attr.name}"?',
            attr.name_range,
        )
        return
    if attr.name not in schema.attributes and not schema.open_attributes:
        diags.error(
            "Unsupported argument",
            f'An argument named "{attr.name}" is not expected here.{did_you_mean(attr.name, schema.attributes)}',
            attr.name_range,
        )
        return
    previous = content.attributes.get(attr.name)
    if previous is not None:
        diags.error(
            "Duplicate argument",
            f'The argument "{attr.name}" was already set at {range_text(previous.name_range)}. '
            "Each argument may be set only once.",
            attr.name_range,
        )
        return
    content.attributes[attr.name] = attr


def _block(block: ast.Block, schema: BlockSchema, content: BodyContent, diags: Diagnostics) -> None:
    spec = schema.blocks.get(block.type)
    if spec is None:
        if schema.open_blocks:
            content.blocks.append(block)
            return
        if block.type in schema.attributes:
            diags.error(
                "Unsupported block type",
                f'Blocks of type "{block.type}" are not expected here. Did you mean to define argument '
                f'"{block.type}"? If so, use the equals sign to assign it a value.',
                block.type_range,
            )
            return
        diags.error(
            "Unsupported block type",
            f'Blocks of type "{block.type}" are not expected here.{did_you_mean(block.type, schema.blocks)}',
            block.type_range,
        )
        return
    labels = spec[0]
    if len(block.labels) < len(labels):
        missing = labels[len(block.labels)]
        diags.error(
            f"Missing {missing} for {block.type}",
            f"All {block.type} blocks must have {len(labels)} labels ({', '.join(labels)}).",
            block.open_brace_range,
        )
        return
    if len(block.labels) > len(labels):
        extra = block.label_ranges[len(labels)]
        if labels:
            detail = f"Only {len(labels)} labels ({', '.join(labels)}) are expected for {block.type} blocks."
        else:
            detail = f"No labels are expected for {block.type} blocks."
        diags.error(f"Extraneous label for {block.type}", detail, extra)
        return
    content.blocks.append(block)


def label_range(block: ast.Block, index: int = 0) -> Range:
    return block.label_ranges[index] if index < len(block.label_ranges) else block.type_range


def decl_range(block: ast.Block) -> Range:
    """From the block type to the end of its last label, as Terraform reports declarations."""
    end = block.label_ranges[-1] if block.label_ranges else block.type_range
    return block.type_range.to(end)
