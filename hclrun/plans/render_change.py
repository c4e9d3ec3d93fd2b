"""The change the human renderer walks: before, after and their unknown and
sensitive trees as JSON data, with matchers for the paths that force
replacement and the attributes relevant to drift (as Terraform's renderer
reads its JSON plan)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hclrun.plans.actions import Action


class PathMatcher:
    """Paths (lists of attribute names and indexes) matched step by step."""

    __slots__ = ("paths", "propagate")

    def __init__(self, paths: list[list[Any]] | None = None, propagate: bool = False) -> None:
        self.paths = paths or []
        self.propagate = propagate

    def matches(self) -> bool:
        paths = self.paths
        return bool(paths) and any(not p for p in paths)

    def matches_partial(self) -> bool:
        return bool(self.paths)

    def child_key(self, key: str) -> PathMatcher:
        if not self.paths:
            return self
        return self._child(lambda step: isinstance(step, str) and step == key)

    def child_index(self, index: int) -> PathMatcher:
        if not self.paths:
            return self
        return self._child(lambda step: not isinstance(step, bool) and _as_int(step) == index)

    def _child(self, first_step_matches: Callable[[Any], bool]) -> PathMatcher:
        """The rests of the paths whose first step matches (an ended path stays when propagating)."""
        if not self.paths:
            return self
        out = []
        for p in self.paths:
            if not p:
                if self.propagate:
                    out.append(p)
            elif first_step_matches(p[0]):
                out.append(p[1:])
        return PathMatcher(out, self.propagate)


def _as_int(step: Any) -> int | None:
    try:
        return int(float(step))
    except (TypeError, ValueError):
        return None


class AlwaysMatcher(PathMatcher):
    __slots__ = ()

    def matches(self) -> bool:
        return True

    def matches_partial(self) -> bool:
        return True

    def child_key(self, key: str) -> PathMatcher:
        return self

    def child_index(self, index: int) -> PathMatcher:
        return self


ALWAYS = AlwaysMatcher()
NEVER = PathMatcher()


@dataclass(slots=True)
class Change:
    before: Any = None
    after: Any = None
    unknown: Any = None
    before_sensitive: Any = None
    after_sensitive: Any = None
    before_explicit: bool = False
    after_explicit: bool = False
    replace_paths: PathMatcher = NEVER
    relevant: PathMatcher = ALWAYS
    non_legacy_schema: bool = False

    @staticmethod
    def from_json(body: dict[str, Any], relevant: PathMatcher = ALWAYS) -> Change:
        change = Change(
            before=body.get("before"),
            after=body.get("after"),
            unknown=body.get("after_unknown"),
            before_sensitive=body.get("before_sensitive"),
            after_sensitive=body.get("after_sensitive"),
            replace_paths=PathMatcher([list(p) for p in body.get("replace_paths", [])]),
            relevant=relevant,
        )
        if body.get("actions") == ["forget"]:
            change = change.as_no_op()
        return change

    # ---------------------------------------------------------------- predicates

    def before_is_sensitive(self) -> bool:
        return self.before_sensitive is True

    def after_is_sensitive(self) -> bool:
        return self.after_sensitive is True

    def is_unknown(self) -> bool:
        return self.unknown is True

    def calculate_action(self) -> Action:
        if self.before is None and not self.before_explicit and (self.after is not None or self.after_explicit):
            return Action.CREATE
        if self.after is None and not self.after_explicit and (self.before is not None or self.before_explicit):
            return Action.DELETE
        if (
            deep_equal(self.before, self.after)
            and self.after_explicit == self.before_explicit
            and self.after_is_sensitive() == self.before_is_sensitive()
        ):
            return Action.NO_OP
        return Action.UPDATE

    def default_iteration_action(self) -> Action:
        if self.before is None and self.after is None:
            return Action.NO_OP
        if self.before is None:
            return Action.CREATE
        if self.after is None:
            return Action.DELETE
        return Action.NO_OP

    # ---------------------------------------------------------------- variants

    def copy(self) -> Change:
        return Change(
            self.before,
            self.after,
            self.unknown,
            self.before_sensitive,
            self.after_sensitive,
            self.before_explicit,
            self.after_explicit,
            self.replace_paths,
            self.relevant,
            self.non_legacy_schema,
        )

    def as_no_op(self) -> Change:
        c = self.copy()
        c.after_explicit, c.after, c.unknown, c.after_sensitive = (
            self.before_explicit,
            self.before,
            False,
            self.before_sensitive,
        )
        return c

    def as_delete(self) -> Change:
        c = self.copy()
        c.after_explicit, c.after, c.unknown, c.after_sensitive = False, None, None, None
        return c

    def as_create(self) -> Change:
        c = self.copy()
        c.before_explicit, c.before, c.before_sensitive = False, None, None
        return c

    # ---------------------------------------------------------------- children

    def map_keys(self, with_unknown: bool = True) -> list[str]:
        # Only the keys matter; ``update`` keeps each at its first position.
        keys: dict[str, Any] = {}
        before, after = self.before, self.after
        if isinstance(before, dict):
            keys.update(before)
        if isinstance(after, dict):
            keys.update(after)
        if with_unknown:
            for source in (self.unknown, self.after_sensitive, self.before_sensitive):
                if isinstance(source, dict):
                    keys.update(source)
        return list(keys)

    def child_key(self, key: str) -> Change:
        # The hottest step of the renderer's walk: lookups inlined, matchers
        # without paths (always or never matching) passed down as they are.
        before, after, unknown = self.before, self.after, self.unknown
        before_sensitive, after_sensitive = self.before_sensitive, self.after_sensitive
        replace_paths, relevant = self.replace_paths, self.relevant
        before_explicit = isinstance(before, dict) and key in before
        after_explicit = isinstance(after, dict) and key in after
        return Change(
            before[key] if before_explicit else None,
            after[key] if after_explicit else None,
            unknown.get(key) if isinstance(unknown, dict) else None,
            before_sensitive.get(key) if isinstance(before_sensitive, dict) else None,
            after_sensitive.get(key) if isinstance(after_sensitive, dict) else None,
            before_explicit,
            after_explicit,
            replace_paths.child_key(key) if replace_paths.paths else replace_paths,
            relevant.child_key(key) if relevant.paths else relevant,
            self.non_legacy_schema,
        )

    def child_index(self, before_ix: int, after_ix: int) -> Change:
        """The change of one element: the "before" side (and what was sensitive
        there) at ``before_ix``, the rest at ``after_ix``. Elements do not
        inherit ``non_legacy_schema``."""
        before_len = len(self.before) if isinstance(self.before, list) else 0
        relevant_ix = after_ix if before_ix < 0 or before_ix >= before_len else before_ix
        before, before_explicit = _get_index(self.before, before_ix)
        after, after_explicit = _get_index(self.after, after_ix)
        replace_paths, relevant = self.replace_paths, self.relevant
        return Change(
            before,
            after,
            _get_index(self.unknown, after_ix)[0],
            _get_index(self.before_sensitive, before_ix)[0],
            _get_index(self.after_sensitive, after_ix)[0],
            before_explicit,
            after_explicit,
            replace_paths.child_index(relevant_ix) if replace_paths.paths else replace_paths,
            relevant.child_index(relevant_ix) if relevant.paths else relevant,
            False,
        )


def _get_index(data: Any, ix: int) -> tuple[Any, bool]:
    if isinstance(data, list) and 0 <= ix < len(data):
        return data[ix], True
    return None, False


def as_list(data: Any) -> list[Any] | None:
    return data if isinstance(data, list) else None


def as_dict(data: Any) -> dict[str, Any] | None:
    return data if isinstance(data, dict) else None


def deep_equal(a: Any, b: Any) -> bool:
    """Equality of JSON data that tells types apart (a number is never a string)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(deep_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(deep_equal(x, y) for x, y in zip(a, b))
    return bool(a == b)


__all__ = ["ALWAYS", "NEVER", "AlwaysMatcher", "Change", "PathMatcher", "as_dict", "as_list", "deep_equal"]
