"""Helpers for the object values of a schema block: building, reading, changing,
and Terraform's "proposed new state" (configuration merged with prior state)."""

from __future__ import annotations

from collections.abc import Mapping

from hclrun.providers.schema import Block
from hclrun.values.types import Type
from hclrun.values.value import Unknown, Value


def null_attrs(block: Block) -> dict[str, Value]:
    """Every attribute and nested block of ``block`` as a typed null."""
    return {name: Value.null(t) for name, t in block.implied_type.attributes.items()}


def make_object(block: Block, attrs: Mapping[str, Value]) -> Value:
    """An object of ``block``: given attributes, the others null (cty's CoerceValue
    of a partial object)."""
    full = null_attrs(block)
    full.update(attrs)
    return Value.object(full)


def attr(obj: Value, name: str) -> Value:
    """Attribute ``name`` of a known, non-null object value."""
    return obj.raw[name]  # type: ignore[no-any-return]


def with_attrs(obj: Value, changes: Mapping[str, Value]) -> Value:
    """``obj`` with some attributes replaced (types follow the new values)."""
    raw: dict[str, Value] = dict(obj.raw)
    raw.update(changes)
    if all(raw[k].type == obj.type.attributes[k] for k in changes):  # type: ignore[attr-defined]
        return Value(obj.type, {k: raw[k] for k in obj.raw}, obj.marks)
    return Value.object(raw).with_marks(obj.marks)


def same(a: Value, b: Value) -> bool:
    """Exact equality, ignoring marks (cty's RawEquals on unmarked values)."""
    if a is b:
        return True
    if a.contains_marked() or b.contains_marked():
        return a.unmark_deep()[0].raw_equals(b.unmark_deep()[0])
    return a.raw_equals(b)


def is_unknown(v: Value) -> bool:
    return isinstance(v.raw, Unknown)


def proposed_new(block: Block, prior: Value, config: Value) -> Value:
    """Terraform's ProposedNew: the configuration, with computed attributes that the
    configuration leaves null taken from the prior state. A null config (delete)
    stays null; a null prior (create) contributes nothing."""
    if config.is_null:
        return config
    if not config.is_known:
        return config
    prior_raw = prior.raw if (not prior.is_null and prior.is_known) else None
    out: dict[str, Value] = {}
    for name, a in block.attributes.items():
        cv: Value = config.raw[name]
        if a.computed and cv.is_null:
            out[name] = prior_raw[name] if prior_raw is not None else cv
        else:
            out[name] = cv
    for name, nb in block.block_types.items():
        cv = config.raw[name]
        pv = prior_raw[name] if prior_raw is not None else Value.null(cv.type)
        out[name] = _proposed_nested(nb.nesting_mode, nb.block, pv, cv)
    return Value.object(out)


def _proposed_nested(mode: str, block: Block, prior: Value, config: Value) -> Value:
    if mode in ("single", "group"):
        return proposed_new(block, prior, config)
    if not block.computed_names and not block.block_types:
        return config
    if config.is_null or not config.is_known:
        return config
    if mode == "list":
        prior_elems = prior.raw if (not prior.is_null and prior.is_known) else ()
        elems = []
        for i, ce in enumerate(config.raw):
            pe = prior_elems[i] if i < len(prior_elems) else Value.null(ce.type)
            elems.append(proposed_new(block, pe, ce))
        return _rebuild_sequence(config.type, elems)
    if mode == "map":
        prior_items = prior.raw if (not prior.is_null and prior.is_known) else {}
        items = {
            k: proposed_new(block, prior_items.get(k, Value.null(ce.type)), ce)
            for k, ce in config.raw.items()
        }
        element = getattr(config.type, "element", None)
        if all(v.type == element for v in items.values()):
            return Value(config.type, items)
        return Value.object(items)
    return config  # sets: elements have no identity to pair by


def _rebuild_sequence(t: Type, elems: list[Value]) -> Value:
    if t.is_list and all(e.type == t.element for e in elems):  # type: ignore[attr-defined]
        return Value(t, tuple(elems))
    return Value.tuple(elems)
