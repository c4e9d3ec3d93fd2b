"""Primitive values (strings as heredocs or JSON diffs when they hold JSON)
and the diff of schema-less JSON values (dynamic attributes and outputs)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from hclrun.plans.actions import Action
from hclrun.plans.render_change import ALWAYS, NEVER, Change, deep_equal
from hclrun.plans.render_collections import ListRenderer, MapRenderer, ObjectRenderer
from hclrun.plans.render_nodes import (
    Diff,
    Opts,
    Renderer,
    Sensitive,
    TypeChange,
    UnknownValue,
    forces_replacement,
    indent_of,
    null_suffix,
    symbol,
)
from hclrun.states.jsondata import JSONNumber
from hclrun.values.strings import go_quote

STRING, NUMBER, BOOL, NULL, OBJECT, ARRAY = "string", "number", "bool", "null", "object", "array"


def json_type(value: Any) -> str:
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if value is None:
        return NULL
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, JSONNumber):
        return NUMBER
    if isinstance(value, str):
        return STRING
    if isinstance(value, dict):
        return OBJECT
    if isinstance(value, list):
        return ARRAY
    if isinstance(value, int | float):
        return NUMBER
    raise TypeError(f"unexpected JSON data {value!r}")


# The kinds of the exact types JSON data is made of, found with one lookup
# (subclasses go through the checks above, in their order).
_KINDS: dict[type, str] = {
    type(None): NULL,
    bool: BOOL,
    JSONNumber: NUMBER,
    str: STRING,
    dict: OBJECT,
    list: ARRAY,
    int: NUMBER,
    float: NUMBER,
}
_PRIMITIVE_KINDS = frozenset((NULL, BOOL, STRING, NUMBER))


# ----------------------------------------------------------------------------- primitives


@dataclass(slots=True)
class _Evaluated:
    text: str = ""
    json: Any = None
    has_json: bool = False
    multiline: bool = False
    null: bool = False

    def simple(self) -> str:
        return self.text if self.null else go_quote(self.text)


def _evaluate(value: Any, opts: Opts) -> _Evaluated:
    if value is None:
        return _Evaluated(opts.color("[dark_gray]null[reset]"), null=True)
    text = str(value)
    if text.startswith(("{", "[")):
        parsed = _parse_json(text)
        if parsed is not _INVALID:
            return _Evaluated(text, parsed, has_json=True)
    if "\n" in text:
        return _Evaluated(text.strip(" \t\n\r\v\f\x85\xa0"), multiline=True)
    return _Evaluated(text)


_INVALID: Any = object()


def _parse_json(text: str) -> Any:
    try:
        return _DECODER.decode(text)
    except (ValueError, RecursionError):
        return _INVALID


def _reject(name: str) -> Any:
    raise ValueError(name)


# What ``json.loads`` with these options would build for every call.
_DECODER = json.JSONDecoder(parse_int=JSONNumber, parse_float=JSONNumber, parse_constant=_reject)


class Primitive(Renderer):
    __slots__ = ("before", "after", "kind")

    def __init__(self, before: Any, after: Any, kind: str) -> None:
        self.before = before
        self.after = after
        self.kind = kind

    def render(self, diff: Diff, indent: int, opts: Opts) -> str:
        action = diff.action
        if self.kind == STRING:
            if action is Action.CREATE or action is Action.NO_OP:
                # The common case, a one-line string that is not JSON, without
                # the general path's steps.
                text = self.after
                if type(text) is str and "\n" not in text and not text.startswith(("{", "[")):
                    if diff.replace or opts.force_forces_replacement:
                        return go_quote(text) + forces_replacement(diff.replace, opts)
                    return go_quote(text)
            return self._render_string(diff, indent, opts)
        replace_note = forces_replacement(diff.replace, opts)
        if action is Action.CREATE:
            return self._value(self.after, opts) + replace_note
        if action is Action.DELETE:
            return self._value(self.before, opts) + null_suffix(action, opts) + replace_note
        if action is Action.NO_OP:
            return self._value(self.before, opts) + replace_note
        before = self._value(self.before, opts)
        return f"{before} {opts.color('[yellow]->[reset]')} {self._value(self.after, opts)}{replace_note}"

    def _value(self, value: Any, opts: Opts) -> str:
        if value is None:
            return opts.color("[dark_gray]null[reset]")
        if value is True:
            return "true"
        if value is False:
            return "false"
        return str(value)

    def _render_string(self, diff: Diff, indent: int, opts: Opts) -> str:
        lines: list[str] = []
        pad_in = indent_of(indent + 1)
        keep = symbol(Action.NO_OP, opts)
        action = diff.action
        if action in (Action.CREATE, Action.NO_OP):
            ev = _evaluate(self.after, opts)
            if ev.has_json:
                if action is Action.NO_OP:
                    return self._render_json(diff, indent, opts, ev, ev)
                return self._render_json(diff, indent, opts, _Evaluated(), ev)
            if not ev.multiline:
                return ev.simple() + forces_replacement(diff.replace, opts)
            lines = [pad_in + keep + line for line in ev.text.split("\n")]
        elif action is Action.DELETE:
            ev = _evaluate(self.before, opts)
            if ev.null:
                return ev.simple() + forces_replacement(diff.replace, opts)
            if ev.has_json:
                return self._render_json(diff, indent, opts, ev, _Evaluated())
            if not ev.multiline:
                return ev.simple() + null_suffix(action, opts) + forces_replacement(diff.replace, opts)
            lines = [pad_in + keep + line for line in ev.text.split("\n")]
        else:
            before, after = _evaluate(self.before, opts), _evaluate(self.after, opts)
            if before.has_json and after.has_json:
                return self._render_json(diff, indent, opts, before, after)
            if before.has_json or after.has_json:
                change = TypeChange(
                    Diff(Primitive(self.before, None, STRING), Action.DELETE),
                    Diff(Primitive(None, self.after, STRING), Action.CREATE),
                )
                return Diff(change, action, diff.replace).render(indent, opts)
            if not before.multiline and not after.multiline:
                arrow = opts.color("[yellow]->[reset]")
                return f"{before.simple()} {arrow} {after.simple()}{forces_replacement(diff.replace, opts)}"
            before_lines, after_lines = before.text.split("\n"), after.text.split("\n")
            add, remove = symbol(Action.CREATE, opts), symbol(Action.DELETE, opts)

            def line(bi: int, ai: int) -> None:
                if bi < 0 or bi >= len(before_lines):
                    lines.append(pad_in + add + after_lines[ai])
                elif ai < 0 or ai >= len(after_lines):
                    lines.append(pad_in + remove + before_lines[bi])
                elif before_lines[bi] != after_lines[ai]:
                    lines.append(pad_in + remove + before_lines[bi])
                    lines.append(pad_in + add + after_lines[ai])
                else:
                    lines.append(pad_in + keep + before_lines[bi])

            process_slice(before_lines, after_lines, line, lambda _: False)
        return (
            f"<<-EOT{forces_replacement(diff.replace, opts)}\n" + "\n".join(lines) + "\n"
            f"{indent_of(indent)}{keep}EOT{null_suffix(action, opts)}"
        )

    def _render_json(self, diff: Diff, indent: int, opts: Opts, before: _Evaluated, after: _Evaluated) -> str:
        json_diff = transform_json(
            Change(
                before=before.json,
                after=after.json,
                unknown=False,
                before_sensitive=False,
                after_sensitive=False,
                before_explicit=diff.action is not Action.CREATE,
                after_explicit=diff.action is not Action.DELETE,
                replace_paths=NEVER,
                relevant=ALWAYS,
            )
        )
        action = diff.action
        json_opts = opts.clone()
        json_opts.override_null_suffix = True
        whitespace = replace_note = ""
        if json_diff.action is Action.NO_OP and diff.action is Action.UPDATE:
            whitespace = " # whitespace changes force replacement" if diff.replace else " # whitespace changes"
            json_opts.show_unchanged_children = True
            action = Action.NO_OP
        else:
            replace_note = forces_replacement(diff.replace, opts)
        rendered = json_diff.render(indent + 1, json_opts)
        if diff.action in (Action.CREATE, Action.DELETE):
            action = Action.NO_OP
        if "\n" in rendered:
            return (
                f"jsonencode({whitespace}\n{indent_of(indent + 1)}{symbol(action, opts)}{rendered}{replace_note}\n"
                f"{indent_of(indent)}{symbol(Action.NO_OP, opts)}){null_suffix(diff.action, opts)}"
            )
        return f"jsonencode({rendered}){whitespace}{replace_note}"


# ----------------------------------------------------------------------------- sequences


def _is_reorder(before: list[Any], after: list[Any]) -> bool:
    if len(before) != len(after):
        return False
    return all(any(deep_equal(b, a) for a in after) for b in before)


def longest_common_subsequence(xs: list[Any], ys: list[Any]) -> list[Any]:
    if not xs or not ys:
        return []
    w = len(xs)
    c = [0] * (len(xs) * len(ys))
    eqs = [False] * (len(xs) * len(ys))
    for y in range(len(ys)):
        for x in range(len(xs)):
            i = w * y + x
            if deep_equal(xs[x], ys[y]):
                eqs[i] = True
                c[i] = 1 if x == 0 or y == 0 else c[w * (y - 1) + (x - 1)] + 1
            else:
                left = c[i - 1] if x > 0 else 0
                up = c[w * (y - 1) + x] if y > 0 else 0
                c[i] = max(left, up)
    seq: list[Any] = [None] * c[-1]
    x, y, i = len(xs) - 1, len(ys) - 1, len(seq) - 1
    while x > -1 and y > -1:
        if eqs[w * y + x]:
            seq[i] = xs[x]
            x, y, i = x - 1, y - 1, i - 1
        else:
            left = c[w * y + (x - 1)] if x > 0 else 0
            up = c[w * (y - 1) + x] if y > 0 else 0
            if left > up:
                x -= 1
            else:
                y -= 1
    return seq


def process_slice(before: list[Any], after: list[Any], process: Any, is_object: Any) -> None:
    """Pair up elements as Terraform does: index by index when lengths match and
    it is not a reordering, else along the longest common subsequence."""
    if len(before) == len(after) and not _is_reorder(before, after):
        for i in range(len(before)):
            process(i, i)
        return
    lcs = longest_common_subsequence(before, after)
    bi = ai = li = 0
    while bi < len(before) or ai < len(after) or li < len(lcs):
        while bi < len(before) and (li >= len(lcs) or not deep_equal(before[bi], lcs[li])):
            if (
                is_object(before[bi])
                and ai < len(after)
                and is_object(after[ai])
                and (li >= len(lcs) or not deep_equal(after[ai], lcs[li]))
            ):
                process(bi, ai)
                bi, ai = bi + 1, ai + 1
                continue
            process(bi, len(after))
            bi += 1
        while ai < len(after) and (li >= len(lcs) or not deep_equal(after[ai], lcs[li])):
            process(len(before), ai)
            ai += 1
        if li < len(lcs):
            process(bi, ai)
            bi, ai, li = bi + 1, ai + 1, li + 1


def transform_slice(before: Any, after: Any, process: Any, is_object: Any) -> tuple[list[Diff], Action]:
    current = Action.NO_OP
    if before is not None and after is None:
        current = Action.DELETE
    if before is None and after is not None:
        current = Action.CREATE
    elements: list[Diff] = []

    def visit(bi: int, ai: int) -> None:
        nonlocal current
        element = process(bi, ai)
        elements.append(element)
        current = compare_actions(current, element.action)

    process_slice(before or [], after or [], visit, is_object)
    return elements, current


def transform_map(before: Any, after: Any, keys: list[str], process: Any) -> tuple[dict[str, Diff], Action]:
    current = Action.NO_OP
    if before is not None and after is None:
        current = Action.DELETE
    if before is None and after is not None:
        current = Action.CREATE
    elements: dict[str, Diff] = {}
    for key in keys:
        element = elements[key] = process(key)
        current = compare_actions(current, element.action)
    return elements, current


def compare_actions(current: Action, following: Action) -> Action:
    if following is Action.NO_OP:
        return current
    if current is not following:
        return Action.UPDATE
    return current


# ----------------------------------------------------------------------------- schema-less JSON


def check_for_sensitive(change: Change, inner: Any, make: Any) -> Diff | None:
    before_sensitive, after_sensitive = change.before_is_sensitive(), change.after_is_sensitive()
    if not before_sensitive and not after_sensitive:
        return None
    value = change.copy()
    value.before_sensitive = value.after_sensitive = False
    inner_diff: Diff = inner(value)
    action = inner_diff.action
    null_no_op = (
        change.before is None and not change.before_explicit and change.after is None and not change.after_explicit
    )
    if action is Action.NO_OP and before_sensitive != after_sensitive and not null_no_op:
        action = Action.UPDATE
    result: Diff = make(inner_diff, before_sensitive, after_sensitive, action)
    return result


def check_for_unknown(change: Change, child_unknown: Any, process: Any, process_before: Any) -> Diff | None:
    if not change.is_unknown():
        return None
    change = change.copy()
    change.after_explicit = True
    if change.before is None:
        result: Diff = process(change)
        return result
    before = change.as_delete()
    before.unknown = child_unknown
    result = process_before(change, before)
    return result


def transform_json(change: Change) -> Diff:
    if change.before_sensitive is not True and change.after_sensitive is not True and change.unknown is not True:
        return _json_known(change)
    sensitive = check_for_sensitive(
        change,
        transform_json,
        lambda inner, bs, as_, action: Diff(Sensitive(inner, bs, as_), action),
    )
    if sensitive is not None:
        return sensitive
    unknown = check_for_unknown(
        change,
        False,
        lambda current: Diff(UnknownValue(Diff(None, Action.NO_OP)), Action.CREATE),
        lambda current, before: Diff(UnknownValue(transform_json(before)), Action.UPDATE),
    )
    if unknown is not None:
        return unknown
    return _json_known(change)


def _json_known(change: Change) -> Diff:
    """``transform_json`` of a change with nothing sensitive or unknown at its top."""
    before, after = change.before, change.after
    before_type = _KINDS.get(type(before)) or json_type(before)
    after_type = _KINDS.get(type(after)) or json_type(after)
    if before_type == after_type or (before_type == NULL and not change.before_explicit):
        kind = after_type
    elif after_type == NULL and not change.after_explicit:
        kind = before_type
    else:
        return Diff(
            TypeChange(_json_update(change.as_delete(), before_type), _json_update(change.as_create(), after_type)),
            Action.UPDATE,
        )
    if kind in _PRIMITIVE_KINDS:
        return _json_primitive(change, kind)
    return _json_update(change, kind)


def _json_primitive(change: Change, kind: str) -> Diff:
    return _primitive_diff(change.before, change.before_explicit, change.after, change.after_explicit, kind)


def _primitive_diff(before: Any, before_explicit: bool, after: Any, after_explicit: bool, kind: str) -> Diff:
    before_missing = before is None and not before_explicit
    after_missing = after is None and not after_explicit
    if before_missing and not after_missing:
        action = Action.CREATE
    elif not before_missing and after_missing:
        action = Action.DELETE
    elif deep_equal(before, after):
        action = Action.NO_OP
    else:
        action = Action.UPDATE
    return Diff(Primitive(before, after, kind), action)


def _json_update(change: Change, kind: str) -> Diff:
    if kind in _PRIMITIVE_KINDS:
        return _json_primitive(change, kind)
    before, after = change.before, change.after
    if kind == OBJECT:
        return _json_object(change)
    elements_list, action = transform_slice(
        before if isinstance(before, list) else None,
        after if isinstance(after, list) else None,
        lambda bi, ai: transform_json(change.child_index(bi, ai)),
        lambda v: isinstance(v, dict),
    )
    return Diff(ListRenderer(elements_list), action)


def _json_object(change: Change) -> Diff:
    before_map = change.before if isinstance(change.before, dict) else None
    after_map = change.after if isinstance(change.after, dict) else None
    current = Action.NO_OP
    if before_map is not None and after_map is None:
        current = Action.DELETE
    elif before_map is None and after_map is not None:
        current = Action.CREATE
    # Attributes that are primitives on both sides, neither unknown nor
    # sensitive, are diffed here without a ``Change`` of their own (the
    # shortcut of ``transform_json`` for most of a plan's values).
    direct = change.relevant is ALWAYS
    before_source = before_map if before_map is not None else _NOTHING
    after_source = after_map if after_map is not None else _NOTHING
    unknown = change.unknown if isinstance(change.unknown, dict) else _NOTHING
    before_sensitive = change.before_sensitive if isinstance(change.before_sensitive, dict) else _NOTHING
    after_sensitive = change.after_sensitive if isinstance(change.after_sensitive, dict) else _NOTHING
    elements: dict[str, Diff] = {}
    for key in change.map_keys():
        element: Diff | None = None
        if (
            direct
            and unknown.get(key) is not True
            and before_sensitive.get(key) is not True
            and after_sensitive.get(key) is not True
        ):
            before, after = before_source.get(key), after_source.get(key)
            before_type, after_type = _KINDS.get(type(before), ARRAY), _KINDS.get(type(after), ARRAY)
            if before_type in _PRIMITIVE_KINDS and after_type in _PRIMITIVE_KINDS:
                before_explicit, after_explicit = key in before_source, key in after_source
                kind = ""
                if before_type == after_type or (before_type == NULL and not before_explicit):
                    kind = after_type
                elif after_type == NULL and not after_explicit:
                    kind = before_type
                if kind:
                    element = _primitive_diff(before, before_explicit, after, after_explicit, kind)
        if element is None:
            child = change.child_key(key)
            if not child.relevant.matches_partial():
                child = child.as_no_op()
            element = transform_json(child)
        elements[key] = element
        following = element.action
        if following is not Action.NO_OP and following is not current:
            current = Action.UPDATE
    return Diff(ObjectRenderer(elements), current)


_NOTHING: dict[str, Any] = {}


__all__ = [
    "MapRenderer",
    "Primitive",
    "check_for_sensitive",
    "check_for_unknown",
    "compare_actions",
    "json_type",
    "process_slice",
    "transform_json",
    "transform_map",
    "transform_slice",
]
