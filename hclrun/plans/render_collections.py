"""Renderers for lists, sets, maps, objects and blocks: one line per changed
element or attribute, unchanged ones counted in a "hidden" comment."""

from __future__ import annotations

from dataclasses import dataclass, field

from hclrun.plans.actions import Action
from hclrun.plans.render_nodes import (
    Diff,
    Opts,
    Renderer,
    SensitiveBlock,
    UnknownValue,
    attribute_name,
    forces_replacement,
    indent_of,
    null_suffix,
    symbol,
    unchanged,
)
from hclrun.values.strings import go_quote

IMPORTANT_ATTRIBUTES = frozenset(("id", "name", "tags"))


def pad(name: str, width: int) -> str:
    """Go's ``%-*s``: the width counts characters; callers measure widths in bytes."""
    return name + " " * (width - len(name))


def width_of(names: list[str]) -> int:
    return max((len(n.encode("utf-8")) for n in names), default=0)


class ListRenderer(Renderer):
    __slots__ = ("elements", "display_context")

    def __init__(self, elements: list[Diff], display_context: bool = True) -> None:
        self.elements = elements
        self.display_context = display_context

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        if not self.elements:
            return "[]" + null_suffix(diff.action, opts) + forces_replacement(diff.replace, opts)
        element_opts = opts.clone()
        element_opts.override_null_suffix = True
        unchanged_opts = opts.clone()
        unchanged_opts.show_unchanged_children = True
        pad_in = indent_of(indent + 1)
        held: list[Diff] = []
        render_next = False
        out = ["[" + forces_replacement(diff.replace, opts) + "\n"]
        for element in self.elements:
            if element.action is Action.NO_OP and not render_next and not opts.show_unchanged_children:
                held.append(element)
                continue
            render_next = False
            eopts = element_opts
            if self.display_context:
                if len(held) > 1:
                    out.append(f"{pad_in}{symbol(Action.NO_OP, eopts)}{unchanged('element', len(held) - 1, eopts)}\n")
                if held:
                    last = held[-1]
                    out.append(
                        f"{pad_in}{symbol(last.action, unchanged_opts)}{last.render(indent + 1, unchanged_opts)},\n"
                    )
                held = []
                if element.action is Action.NO_OP:
                    eopts = unchanged_opts
                else:
                    render_next = True
            for warning in element.warnings(indent + 1, eopts):
                out.append(f"{pad_in}{warning}\n")
            out.append(f"{pad_in}{symbol(element.action, eopts)}{element.render(indent + 1, eopts)},\n")
        if held:
            out.append(f"{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('element', len(held), opts)}\n")
        out.append(f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}]{null_suffix(diff.action, opts)}")
        return "".join(out)


class SetRenderer(Renderer):
    __slots__ = ("elements", "override_forces_replacement")

    def __init__(self, elements: list[Diff], override_forces_replacement: bool = False) -> None:
        self.elements = elements
        self.override_forces_replacement = override_forces_replacement

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        in_self = diff.replace and not self.override_forces_replacement
        in_children = diff.replace and self.override_forces_replacement
        if not self.elements:
            return "[]" + null_suffix(diff.action, opts) + forces_replacement(in_self, opts)
        element_opts = opts.clone()
        element_opts.override_null_suffix = True
        element_opts.force_forces_replacement = in_children
        pad_in = indent_of(indent + 1)
        hidden = 0
        out = ["[" + forces_replacement(in_self, opts) + "\n"]
        for element in self.elements:
            if element.action is Action.NO_OP and not opts.show_unchanged_children:
                hidden += 1
                continue
            for warning in element.warnings(indent + 1, opts):
                out.append(f"{pad_in}{warning}\n")
            out.append(f"{pad_in}{symbol(element.action, element_opts)}{element.render(indent + 1, element_opts)},\n")
        if hidden:
            out.append(f"{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('element', hidden, opts)}\n")
        out.append(f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}]{null_suffix(diff.action, opts)}")
        return "".join(out)


class MapRenderer(Renderer):
    __slots__ = ("elements", "override_null_suffix", "override_forces_replacement", "align_keys")

    def __init__(self, elements: dict[str, Diff], nested: bool = False) -> None:
        self.elements = elements
        self.override_null_suffix = nested
        self.override_forces_replacement = nested
        self.align_keys = not nested

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        in_self = diff.replace and not self.override_forces_replacement
        in_children = diff.replace and self.override_forces_replacement
        if not self.elements:
            return "{}" + null_suffix(diff.action, opts) + forces_replacement(in_self, opts)
        keys = sorted(self.elements, key=lambda k: k.encode("utf-8", "surrogatepass"))
        escaped = {k: go_quote(k) for k in keys}
        width = width_of(list(escaped.values()))
        element_opts = opts.clone()
        element_opts.override_null_suffix = diff.action is Action.DELETE or self.override_null_suffix
        element_opts.force_forces_replacement = in_children
        pad_in = indent_of(indent + 1)
        hidden = 0
        out = ["{" + forces_replacement(in_self, opts) + "\n"]
        for key in keys:
            element = self.elements[key]
            if element.action is Action.NO_OP and not opts.show_unchanged_children:
                hidden += 1
                continue
            for warning in element.warnings(indent + 1, opts):
                out.append(f"{pad_in}{warning}\n")
            comma = "," if isinstance(element.renderer, ObjectRenderer) else ""
            name = pad(escaped[key], width) if self.align_keys else escaped[key]
            out.append(
                f"{pad_in}{symbol(element.action, element_opts)}{name} = "
                f"{element.render(indent + 1, element_opts)}{comma}\n"
            )
        if hidden:
            out.append(f"{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('element', hidden, opts)}\n")
        out.append(f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}}}{null_suffix(diff.action, opts)}")
        return "".join(out)


class ObjectRenderer(Renderer):
    __slots__ = ("attributes", "override_null_suffix")

    def __init__(self, attributes: dict[str, Diff], nested: bool = False) -> None:
        self.attributes = attributes
        self.override_null_suffix = not nested

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        if not self.attributes:
            return "{}" + null_suffix(diff.action, opts) + forces_replacement(diff.replace, opts)
        attr_opts = opts.clone()
        attr_opts.override_null_suffix = self.override_null_suffix
        keys = sorted(self.attributes, key=lambda k: k.encode("utf-8", "surrogatepass"))
        escaped = {k: attribute_name(k) for k in keys}
        width = width_of(list(escaped.values()))
        pad_in = indent_of(indent + 1)
        hidden = 0
        out = ["{" + forces_replacement(diff.replace, opts) + "\n"]
        for key in keys:
            attribute = self.attributes[key]
            if key in IMPORTANT_ATTRIBUTES:
                iopts = attr_opts.clone()
                iopts.show_unchanged_children = True
                for warning in attribute.warnings(indent + 1, iopts):
                    out.append(f"{pad_in}{warning}\n")
                out.append(
                    f"{pad_in}{symbol(attribute.action, iopts)}{pad(escaped[key], width)} = "
                    f"{attribute.render(indent + 1, iopts)}\n"
                )
                continue
            if attribute.action is Action.NO_OP and not opts.show_unchanged_children:
                hidden += 1
                continue
            for warning in attribute.warnings(indent + 1, opts):
                out.append(f"{pad_in}{warning}\n")
            out.append(
                f"{pad_in}{symbol(attribute.action, attr_opts)}{pad(escaped[key], width)} = "
                f"{attribute.render(indent + 1, attr_opts)}\n"
            )
        if hidden:
            out.append(f"{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('attribute', hidden, opts)}\n")
        out.append(f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}}}{null_suffix(diff.action, opts)}")
        return "".join(out)


@dataclass
class Blocks:
    single: dict[str, Diff] = field(default_factory=dict)
    lists: dict[str, list[Diff]] = field(default_factory=dict)
    sets: dict[str, list[Diff]] = field(default_factory=dict)
    maps: dict[str, dict[str, Diff]] = field(default_factory=dict)
    replace: dict[str, bool] = field(default_factory=dict)
    before_sensitive: dict[str, bool] = field(default_factory=dict)
    after_sensitive: dict[str, bool] = field(default_factory=dict)
    unknown: dict[str, bool] = field(default_factory=dict)

    def keys(self) -> list[str]:
        return sorted([*self.single, *self.lists, *self.sets, *self.maps])

    def note(self, key: str, replace: bool, before_sensitive: bool, after_sensitive: bool, unknown: bool) -> None:
        self.replace[key] = replace
        self.before_sensitive[key] = before_sensitive
        self.after_sensitive[key] = after_sensitive
        self.unknown[key] = unknown


class BlockRenderer(Renderer):
    __slots__ = ("attributes", "blocks")

    def __init__(self, attributes: dict[str, Diff], blocks: Blocks) -> None:
        self.attributes = attributes
        self.blocks = blocks

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        block_keys = self.blocks.keys()
        if not self.attributes and not block_keys:
            return "{}" + forces_replacement(diff.replace, opts)
        keys = sorted(self.attributes)
        escaped = {k: attribute_name(k) for k in keys}
        width = width_of(list(escaped.values()))
        important_opts = opts.clone()
        important_opts.show_unchanged_children = True
        attr_opts = opts.clone()
        pad_in = indent_of(indent + 1)
        hidden_attributes = 0
        out = ["{" + forces_replacement(diff.replace, opts) + "\n"]
        for key in keys:
            attribute = self.attributes[key]
            if key in IMPORTANT_ATTRIBUTES:
                for warning in attribute.warnings(indent + 1, important_opts):
                    out.append(f"{pad_in}{warning}\n")
                out.append(
                    f"{pad_in}{symbol(attribute.action, important_opts)}{pad(key, width)} = "
                    f"{attribute.render(indent + 1, important_opts)}\n"
                )
                continue
            if attribute.action is Action.NO_OP and not opts.show_unchanged_children:
                hidden_attributes += 1
                continue
            for warning in attribute.warnings(indent + 1, opts):
                out.append(f"{pad_in}{warning}\n")
            out.append(
                f"{pad_in}{symbol(attribute.action, attr_opts)}{pad(escaped[key], width)} = "
                f"{attribute.render(indent + 1, attr_opts)}\n"
            )
        if hidden_attributes:
            out.append(f"{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('attribute', hidden_attributes, opts)}\n")
        hidden_blocks = self._render_blocks(diff, indent, opts, block_keys, out)
        if hidden_blocks:
            out.append(f"\n{pad_in}{symbol(Action.NO_OP, opts)}{unchanged('block', hidden_blocks, opts)}\n")
        out.append(f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}}}")
        return "".join(out)

    def _render_blocks(self, diff: Diff, indent: int, opts: Opts, keys: list[str], out: list[str]) -> int:
        blocks = self.blocks
        hidden = 0
        pad_in = indent_of(indent + 1)
        for key in keys:
            found_changed = False

            def render_block(block: Diff, map_key: str, bopts: Opts, key: str = key) -> None:
                nonlocal hidden, found_changed
                bs, as_ = blocks.before_sensitive.get(key, False), blocks.after_sensitive.get(key, False)
                if (
                    (block.action is Action.CREATE and as_)
                    or (block.action is Action.DELETE and bs)
                    or (block.action in (Action.UPDATE, Action.NO_OP) and (as_ or bs))
                ):
                    action = block.action
                    if action is Action.NO_OP and bs != as_:
                        action = Action.UPDATE
                    block = Diff(SensitiveBlock(block, bs, as_), action, block.replace)
                if block.action is Action.NO_OP and not bopts.show_unchanged_children:
                    hidden += 1
                    return
                if not found_changed and self.attributes:
                    out.append("\n")
                    found_changed = True
                block_opts = bopts.clone()
                block_opts.force_forces_replacement = blocks.replace.get(key, False)
                for warning in block.warnings(indent + 1, block_opts):
                    out.append(f"{pad_in}{warning}\n")
                out.append(
                    f"{pad_in}{symbol(block.action, block_opts)}{attribute_name(key)}{map_key} "
                    f"{block.render(indent + 1, block_opts)}\n"
                )

            unknown_block = Diff(UnknownValue(Diff(None, Action.NO_OP)), diff.action)
            if key in blocks.single:
                render_block(blocks.single[key], "", opts)
            elif key in blocks.maps:
                if blocks.unknown.get(key):
                    render_block(unknown_block, "", opts)
                for inner in sorted(blocks.maps[key]):
                    render_block(blocks.maps[key][inner], " " + go_quote(inner), opts)
            elif key in blocks.sets:
                if blocks.unknown.get(key):
                    render_block(unknown_block, "", opts)
                for block in blocks.sets[key]:
                    render_block(block, "", opts)
            elif key in blocks.lists:
                if blocks.unknown.get(key):
                    render_block(unknown_block, "", opts)
                for block in blocks.lists[key]:
                    render_block(block, "", opts)
        return hidden


__all__ = ["BlockRenderer", "Blocks", "ListRenderer", "MapRenderer", "ObjectRenderer", "SetRenderer"]
