"""Turn a change and its schema into a tree of ``Diff``s: attributes by their
types, nested blocks by their nesting modes, unknown and sensitive values
wherever they occur, as Terraform's plan renderer does."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from hclrun.plans.actions import Action
from hclrun.plans.render_change import ALWAYS, Change, deep_equal
from hclrun.plans.render_collections import (
    BlockRenderer,
    Blocks,
    ListRenderer,
    MapRenderer,
    ObjectRenderer,
    SetRenderer,
)
from hclrun.plans.render_nodes import Diff, Sensitive, SensitiveBlock, UnknownValue
from hclrun.plans.render_values import (
    Primitive,
    check_for_sensitive,
    check_for_unknown,
    compare_actions,
    transform_json,
    transform_map,
    transform_slice,
)
from hclrun.providers.schema import Block
from hclrun.values.types import BOOL, DYNAMIC, NUMBER, ObjectType, TupleType, Type


def compute_block(change: Change, block: Block) -> Diff:
    if change.before_sensitive is True or change.after_sensitive is True:
        sensitive = check_for_sensitive(
            change,
            lambda c: compute_block(c, block),
            lambda inner, bs, as_, action: Diff(SensitiveBlock(inner, bs, as_), action,
                                                change.replace_paths.matches()),
        )
        if sensitive is not None:
            return sensitive
    if change.unknown is True:
        unknown = check_for_unknown(
            change,
            dict.fromkeys(block.attributes, True),
            _unknown,
            lambda current, before: Diff(UnknownValue(compute_block(before, block)), current.calculate_action(),
                                         current.replace_paths.matches()),
        )
        if unknown is not None:
            return unknown
    change.non_legacy_schema = change.non_legacy_schema or _non_legacy(block)
    current = change.default_iteration_action()
    attributes: dict[str, Diff] = {}
    for key, attr in block.attributes.items():
        child = change.child_key(key)
        if not child.relevant.matches_partial():
            child = child.as_no_op()
        child.before_explicit = child.after_explicit = False
        diff = compute_type(child, attr.type)
        if diff.action is Action.NO_OP and child.before is None and child.after is None:
            continue
        attributes[key] = diff
        current = compare_actions(current, diff.action)
    blocks = Blocks()
    for key, nested in block.block_types.items():
        child = change.child_key(key)
        if not child.relevant.matches_partial():
            child = child.as_no_op()
        flags = (child.replace_paths.matches(), child.before_is_sensitive(), child.after_is_sensitive(),
                 child.is_unknown())
        empty = child.before is None and child.after is None and not child.is_unknown()
        mode = nested.nesting_mode
        if mode in ("single", "group"):
            diff = compute_block(child, nested.block)
            if diff.action is Action.NO_OP and empty:
                continue
            blocks.single[key] = diff
            action = diff.action
        elif mode == "map":
            before = child.before if isinstance(child.before, dict) else None
            after = child.after if isinstance(child.after, dict) else None
            elements, action = transform_map(
                before, after, child.map_keys(with_unknown=False),
                lambda k, c=child, b=nested.block: compute_block(_relevant(c.child_key(k)), b),
            )
            if action is Action.NO_OP and empty:
                continue
            blocks.maps[key] = elements
        else:
            diffs, action = _block_sequence(child, nested.block, mode == "set")
            if action is Action.NO_OP and empty:
                continue
            (blocks.sets if mode == "set" else blocks.lists)[key] = diffs
        blocks.note(key, *flags)
        current = compare_actions(current, action)
    return Diff(BlockRenderer(attributes, blocks), current, change.replace_paths.matches())


def _always_relevant(element: Change) -> Change:
    """An element's change (made for the caller alone) with every path relevant."""
    element.relevant = ALWAYS
    return element


def _relevant(change: Change) -> Change:
    return change if change.relevant.matches_partial() else change.as_no_op()


def _unknown(current: Change) -> Diff:
    return Diff(UnknownValue(Diff(None, Action.NO_OP)), current.calculate_action(), current.replace_paths.matches())


@lru_cache(maxsize=256)
def _non_legacy(block: Block) -> bool:
    if any(nb.nesting_mode in ("map", "group") for nb in block.block_types.values()):
        return True
    for attr in block.attributes.values():
        t = attr.type
        if t.has_dynamic_types() or t.is_tuple or t.is_object:
            return True
        if t.is_collection:
            et: Type = t.element  # type: ignore[attr-defined]
            if et.is_collection and not et.element.is_primitive:  # type: ignore[attr-defined]
                return True
    return False


def _block_sequence(change: Change, block: Block, is_set: bool) -> tuple[list[Diff], Action]:
    current = change.default_iteration_action()
    elements: list[Diff] = []

    def visit(child: Change) -> None:
        nonlocal current
        element = compute_block(child, block)
        elements.append(element)
        current = compare_actions(current, element.action)

    if is_set:
        process_set(change, visit)
    else:
        before = change.before if isinstance(change.before, list) else []
        after = change.after if isinstance(change.after, list) else []
        for ix in range(max(len(before), len(after))):
            visit(_relevant(change.child_index(ix, ix)))
    return elements, current


def process_set(change: Change, process: Any) -> None:
    before = change.before if isinstance(change.before, list) else []
    after = change.after if isinstance(change.after, list) else []
    found_before: dict[int, int] = {}
    found_after: dict[int, int] = {}
    for bi in range(len(before)):
        matched = False
        for ai in range(len(after)):
            if ai in found_after:
                continue
            child = change.child_index(bi, ai)
            if (
                deep_equal(child.before, child.after)
                and child.before_is_sensitive() == child.after_is_sensitive()
                and not child.is_unknown()
            ):
                matched = True
                found_before[bi] = ai
                found_after[ai] = bi
        if not matched:
            found_before[bi] = -1
    for bi in range(len(before)):
        ai = found_before[bi]
        child = change.child_index(bi, ai if ai >= 0 else len(after))
        process(_always_relevant(child))
    for ai in range(len(after)):
        if ai not in found_after:
            process(_always_relevant(change.child_index(len(before), ai)))


def compute_type(change: Change, t: Type) -> Diff:
    if not change.non_legacy_schema:
        if change.before == "":
            change.before = None
        if change.after == "":
            change.after = None
    replace_here = change.replace_paths.matches()
    if change.before_sensitive is True or change.after_sensitive is True or change.unknown is True:
        special = _special_type(change, t, replace_here)
        if special is not None:
            return special
    if t is DYNAMIC:
        return compute_output(change)
    if t.is_primitive:
        kind = "number" if t is NUMBER else "bool" if t is BOOL else "string"
        return Diff(Primitive(change.before, change.after, kind), change.calculate_action(), replace_here)
    return _compute_collection(change, t, replace_here)


def _special_type(change: Change, t: Type, replace_here: bool) -> Diff | None:
    """``compute_type`` of a sensitive or unknown value (None when it is neither)."""
    if change.before_sensitive is True or change.after_sensitive is True:
        sensitive = check_for_sensitive(
            change,
            lambda c: compute_type(c, t),
            lambda inner, bs, as_, action: Diff(Sensitive(inner, bs, as_), action, replace_here),
        )
        if sensitive is not None:
            return sensitive
    unknown = check_for_unknown(
        change,
        False,
        _unknown,
        lambda current, before: Diff(UnknownValue(compute_type(before, t)), current.calculate_action(),
                                     current.replace_paths.matches()),
    )
    return unknown


def _compute_collection(change: Change, t: Type, replace_here: bool) -> Diff:
    if isinstance(t, ObjectType):
        return _object(change, t)
    et: Type = getattr(t, "element", DYNAMIC)
    if t.is_map:
        elements, action = transform_map(
            change.before if isinstance(change.before, dict) else None,
            change.after if isinstance(change.after, dict) else None,
            change.map_keys(),
            lambda k: compute_type(_relevant(change.child_key(k)), et),
        )
        return Diff(MapRenderer(elements), action, replace_here)
    if t.is_list:
        def element(bi: int, ai: int) -> Diff:
            return compute_type(_always_relevant(change.child_index(bi, ai)), et)

        items, action = transform_slice(
            change.before if isinstance(change.before, list) else None,
            change.after if isinstance(change.after, list) else None,
            element,
            lambda _: et.is_object,
        )
        return Diff(ListRenderer(items), action, replace_here)
    if isinstance(t, TupleType):
        current = change.default_iteration_action()
        items = []
        for ix, it in enumerate(t.elements):
            diff = compute_type(_relevant(change.child_index(ix, ix)), it)
            items.append(diff)
            current = compare_actions(current, diff.action)
        return Diff(ListRenderer(items), current, replace_here)
    current = change.default_iteration_action()
    items = []

    def visit(child: Change) -> None:
        nonlocal current
        diff = compute_type(child, et)
        items.append(diff)
        current = compare_actions(current, diff.action)

    process_set(change, visit)
    return Diff(SetRenderer(items), current, replace_here)


def _object(change: Change, t: ObjectType) -> Diff:
    current = change.default_iteration_action()
    attributes: dict[str, Diff] = {}
    for key, at in t.attributes.items():
        child = _relevant(change.child_key(key))
        child.before_explicit = child.after_explicit = False
        diff = compute_type(child, at)
        if diff.action is Action.NO_OP and child.before is None and child.after is None:
            continue
        attributes[key] = diff
        current = compare_actions(current, diff.action)
    return Diff(ObjectRenderer(attributes), current, change.replace_paths.matches())


def compute_output(change: Change) -> Diff:
    """A value without a schema type (a dynamic attribute or an output), diffed by its JSON."""
    if change.before_sensitive is not True and change.after_sensitive is not True and change.unknown is not True:
        return transform_json(change)
    sensitive = check_for_sensitive(
        change,
        lambda c: compute_output(c),
        lambda inner, bs, as_, action: Diff(Sensitive(inner, bs, as_), action, change.replace_paths.matches()),
    )
    if sensitive is not None:
        return sensitive
    unknown = check_for_unknown(change, False, _unknown, lambda current, before: Diff(
        UnknownValue(compute_output(before)), current.calculate_action(), current.replace_paths.matches()))
    if unknown is not None:
        return unknown
    return transform_json(change)


__all__ = ["compute_block", "compute_output", "compute_type"]
