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
    symbol_texts,
    unchanged,
)
from hclrun.values.strings import go_quote

IMPORTANT_ATTRIBUTES = frozenset(("id", "name", "tags"))


def pad(name: str, width: int) -> str:
    """Go's ``%-*s``: the width counts characters; callers measure widths in bytes."""
    return name + " " * (width - len(name))


def width_of(names: list[str]) -> int:
    if not names:
        return 0
    if "".join(names).isascii():
        return max(map(len, names))
    return max(len(n.encode("utf-8")) for n in names)


def _line(item: Diff, indent: int, opts: Opts, name: str = "", tail: str = "") -> str:
    """One child's line: its symbol, ``name`` (with its separator), its value and ``tail``."""
    renderer = item.renderer
    assert renderer is not None
    return (
        f"{indent_of(indent + 1)}{symbol(item.action, opts)}{name}{renderer.render(item, indent + 1, opts)}{tail}\n"
    )


def _emit(out: list[str], item: Diff, indent: int, warn_opts: Opts, opts: Opts, name: str = "", tail: str = "") -> None:
    """A child's warnings (rendered with ``warn_opts``), then its line."""
    renderer = item.renderer
    if renderer is not None and renderer.warns:
        pad_in = indent_of(indent + 1)
        out.extend(f"{pad_in}{warning}\n" for warning in item.warnings(indent + 1, warn_opts))
    out.append(_line(item, indent, opts, name, tail))


def _emit_changed(out: list[str], item: Diff, indent: int, opts: Opts, child_opts: Opts, name: str = "", tail: str = "") -> bool:
    """``_emit`` unless the child is unchanged and hidden; whether it was shown."""
    if item.action is Action.NO_OP and not opts.show_unchanged_children:
        return False
    _emit(out, item, indent, opts, child_opts, name, tail)
    return True


def _hidden(keyword: str, count: int, indent: int, opts: Opts) -> str:
    """The "# (N unchanged KEYWORDs hidden)" line, or nothing when none are hidden."""
    if not count:
        return ""
    return f"{indent_of(indent + 1)}{symbol(Action.NO_OP, opts)}{unchanged(keyword, count, opts)}\n"


def _close(bracket: str, indent: int, opts: Opts, suffix: str = "") -> str:
    return f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}{bracket}{suffix}"


def _sorted_keys(names: dict[str, Diff]) -> list[str]:
    """Keys in the order of their UTF-8 bytes, which is their code points' order."""
    return sorted(names)


def _attribute_lines(
    attributes: dict[str, Diff], keys: list[str], indent: int, opts: Opts, attr_opts: Opts, out: list[str]
) -> int:
    """One line per attribute shown, names aligned; ``id``, ``name`` and ``tags``
    are always shown. Returns how many unchanged attributes were hidden.

    Unchanged attributes are hidden under ``opts``; lines are rendered with
    ``attr_opts`` (the important attributes with a copy showing unchanged
    children), as ``_emit_changed`` and ``_emit`` would, inlined here because
    every attribute of every resource passes through this loop."""
    names = [attribute_name(k) for k in keys]
    width = width_of(names)
    important_opts = attr_opts.clone()
    important_opts.show_unchanged_children = True
    show_unchanged = opts.show_unchanged_children
    attr_symbols, important_symbols = symbol_texts(attr_opts), symbol_texts(important_opts)
    inner = indent + 1
    pad_in = indent_of(inner)
    hidden = 0
    for key, name in zip(keys, names):
        item = attributes[key]
        action = item.action
        if key in IMPORTANT_ATTRIBUTES:
            warn_opts = line_opts = important_opts
            symbols = important_symbols
        elif action is Action.NO_OP and not show_unchanged:
            hidden += 1
            continue
        else:
            warn_opts, line_opts, symbols = opts, attr_opts, attr_symbols
        renderer = item.renderer
        assert renderer is not None
        if renderer.warns:
            out.extend(f"{pad_in}{warning}\n" for warning in renderer.warnings(item, inner, warn_opts))
        out.append(f"{pad_in}{symbols[action]}{name}{' ' * (width - len(name))} = "
                   f"{renderer.render(item, inner, line_opts)}\n")
    return hidden


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
                    out.append(_hidden("element", len(held) - 1, indent, eopts))
                if held:
                    out.append(_line(held[-1], indent, unchanged_opts, tail=","))
                held = []
                if element.action is Action.NO_OP:
                    eopts = unchanged_opts
                else:
                    render_next = True
            _emit(out, element, indent, eopts, eopts, tail=",")
        out.append(_hidden("element", len(held), indent, opts))
        out.append(_close("]", indent, opts, null_suffix(diff.action, opts)))
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
        out = ["[" + forces_replacement(in_self, opts) + "\n"]
        hidden = sum(not _emit_changed(out, element, indent, opts, element_opts, tail=",") for element in self.elements)
        out.append(_hidden("element", hidden, indent, opts))
        out.append(_close("]", indent, opts, null_suffix(diff.action, opts)))
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
        keys = _sorted_keys(self.elements)
        escaped = {k: go_quote(k) for k in keys}
        width = width_of(list(escaped.values()))
        element_opts = opts.clone()
        element_opts.override_null_suffix = diff.action is Action.DELETE or self.override_null_suffix
        element_opts.force_forces_replacement = in_children
        hidden = 0
        out = ["{" + forces_replacement(in_self, opts) + "\n"]
        for key in keys:
            element = self.elements[key]
            comma = "," if isinstance(element.renderer, ObjectRenderer) else ""
            name = pad(escaped[key], width) if self.align_keys else escaped[key]
            hidden += not _emit_changed(out, element, indent, opts, element_opts, f"{name} = ", comma)
        out.append(_hidden("element", hidden, indent, opts))
        out.append(_close("}", indent, opts, null_suffix(diff.action, opts)))
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
        out = ["{" + forces_replacement(diff.replace, opts) + "\n"]
        hidden = _attribute_lines(self.attributes, _sorted_keys(self.attributes), indent, opts, attr_opts, out)
        out.append(_hidden("attribute", hidden, indent, opts))
        out.append(_close("}", indent, opts, null_suffix(diff.action, opts)))
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
        out = ["{" + forces_replacement(diff.replace, opts) + "\n"]
        hidden = _attribute_lines(self.attributes, sorted(self.attributes), indent, opts, opts.clone(), out)
        out.append(_hidden("attribute", hidden, indent, opts))
        hidden_blocks = self._render_blocks(diff, indent, opts, block_keys, out)
        if hidden_blocks:
            out.append("\n" + _hidden("block", hidden_blocks, indent, opts))
        out.append(_close("}", indent, opts))
        return "".join(out)

    def _nested(self, key: str, diff: Diff) -> list[tuple[str, Diff]]:
        """The blocks of type ``key`` with the label each is shown with (a map's keys)."""
        blocks = self.blocks
        if key in blocks.single:
            return [("", blocks.single[key])]
        unknown = [("", Diff(UnknownValue(Diff(None, Action.NO_OP)), diff.action))] if blocks.unknown.get(key) else []
        if key in blocks.maps:
            return [*unknown, *((" " + go_quote(inner), blocks.maps[key][inner]) for inner in sorted(blocks.maps[key]))]
        return [*unknown, *(("", block) for block in blocks.sets.get(key, blocks.lists.get(key, [])))]

    def _render_blocks(self, diff: Diff, indent: int, opts: Opts, keys: list[str], out: list[str]) -> int:
        blocks = self.blocks
        hidden = 0
        for key in keys:
            found_changed = False
            bs, as_ = blocks.before_sensitive.get(key, False), blocks.after_sensitive.get(key, False)
            for map_key, block in self._nested(key, diff):
                if (
                    (block.action is Action.CREATE and as_)
                    or (block.action is Action.DELETE and bs)
                    or (block.action in (Action.UPDATE, Action.NO_OP) and (as_ or bs))
                ):
                    action = block.action
                    if action is Action.NO_OP and bs != as_:
                        action = Action.UPDATE
                    block = Diff(SensitiveBlock(block, bs, as_), action, block.replace)
                if block.action is Action.NO_OP and not opts.show_unchanged_children:
                    hidden += 1
                    continue
                if not found_changed and self.attributes:
                    out.append("\n")
                    found_changed = True
                block_opts = opts.clone()
                block_opts.force_forces_replacement = blocks.replace.get(key, False)
                _emit(out, block, indent, block_opts, block_opts, f"{attribute_name(key)}{map_key} ")
        return hidden


__all__ = ["BlockRenderer", "Blocks", "ListRenderer", "MapRenderer", "ObjectRenderer", "SetRenderer"]
