"""``replace_triggered_by``: replace an instance when something it names changes.

Each entry is a reference to a resource, one of its instances, or one of
their attributes. A whole-instance reference triggers when that instance is
planned to be updated or replaced; an attribute reference when the
attribute's planned value differs from its prior value (or is unknown).

The reference is read per instance: an index key may only be a constant,
``count.index`` or ``each.key``, filled in from the instance's own key.
Problems are reported once per instance, as terraform does.
"""

from __future__ import annotations

from dataclasses import dataclass

from hclrun.addrs import AbsResource, InstanceKey, ModuleInstance, Resource
from hclrun.config.model import ResourceDecl
from hclrun.config.static import STATIC_REFERENCE_DETAIL
from hclrun.diagnostics import Diagnostics
from hclrun.engine.evaldata import MODES
from hclrun.engine.graph_build import ConfigGraph, reference_targets
from hclrun.engine.nodes import RESOURCE, Node
from hclrun.engine.valuepaths import get_path
from hclrun.plans.actions import Action
from hclrun.plans.model import ResourceInstanceChange
from hclrun.providers.objects import same
from hclrun.syntax import ast

_TRIGGERING = (Action.UPDATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE)
_INVALID_INDEX = "Only constant values, count.index or each.key are allowed in index expressions."


@dataclass(frozen=True, slots=True)
class ResolvedKey:
    """An index step whose key was filled in from the instance (``count.index``, ``each.key``)."""

    key: int | str


Step = ast.Traverser | ResolvedKey


def replace_triggered(
    cg: ConfigGraph,
    node: Node,
    decl: ResourceDecl,
    mi: ModuleInstance,
    key: InstanceKey,
    changes: dict,
    diags: Diagnostics,
) -> bool:
    """Whether any entry triggers replacement of instance ``key``; problems go to ``diags``.

    Every entry is read even after a problem, so each one is reported.
    """
    triggered = False
    for expr in decl.lifecycle.replace_triggered_by:
        steps = _static_steps(expr, key, diags)
        if steps is None:
            continue
        if _one_triggers(cg, node, expr, steps, mi, changes, diags):
            triggered = True
    return triggered


def _static_steps(expr: ast.Expression, key: InstanceKey, diags: Diagnostics) -> list[Step] | None:
    """The reference as traversal steps, index keys resolved for instance ``key``."""
    if isinstance(expr, ast.ScopeTraversalExpr):
        return list(expr.traversal)
    if isinstance(expr, ast.RelativeTraversalExpr):
        source = _static_steps(expr.source, key, diags)
        return None if source is None else [*source, *expr.traversal]
    if isinstance(expr, ast.IndexExpr):
        collection = _static_steps(expr.collection, key, diags)
        if collection is None:
            return None
        resolved = _index_key(expr.key, key, diags)
        return None if resolved is None else [*collection, resolved]
    diags.error(
        "Invalid replace_triggered_by expression",
        "Unexpected expression found in replace_triggered_by.",
        expr.range,
    )
    return None


def _index_key(expr: ast.Expression, key: InstanceKey, diags: Diagnostics) -> ResolvedKey | None:
    if not isinstance(expr, ast.ScopeTraversalExpr):
        diags.error("Invalid expression", STATIC_REFERENCE_DETAIL, expr.range)
        return None
    names = [
        step.name if isinstance(step, ast.TraverseRoot | ast.TraverseAttr) else None
        for step in expr.traversal
    ]
    if None in names:
        diags.error("Invalid index expression", _INVALID_INDEX, expr.range)
        return None
    written = ".".join(name for name in names if name is not None)
    if written == "count.index":
        if not isinstance(key, int):
            diags.error(
                'Reference to "count" in non-counted context',
                'The "count" object can only be used in "resource" blocks when the "count" argument is set.',
                expr.range,
            )
            return None
        return ResolvedKey(key)
    if written == "each.key":
        if not isinstance(key, str):
            diags.error(
                'Reference to "each" in context without for_each',
                'The "each" object can be used only in "resource" blocks when the "for_each" argument is set.',
                expr.range,
            )
            return None
        return ResolvedKey(key)
    diags.error("Invalid index expression", _INVALID_INDEX, expr.range)
    return None


def _one_triggers(
    cg: ConfigGraph,
    node: Node,
    expr: ast.Expression,
    steps: list[Step],
    mi: ModuleInstance,
    changes: dict,
    diags: Diagnostics,
) -> bool:
    prefixed = isinstance(steps[0], ast.TraverseRoot) and steps[0].name in ("data", "resource")
    skip = 3 if prefixed else 2
    head = tuple(s for s in steps[:skip] if not isinstance(s, ResolvedKey))
    targets = (
        [t for t in reference_targets(cg, node.module, head) if t.kind == RESOURCE]
        if len(head) == skip
        else []
    )
    rest = steps[skip:]
    key: InstanceKey | str = "*"
    if rest and isinstance(rest[0], ResolvedKey | ast.TraverseIndex):
        first = rest[0]
        if isinstance(first, ResolvedKey):
            key = first.key
        else:
            key = first.key if isinstance(first.key, str) else int(first.key.text)
        rest = rest[1:]
    if not targets:
        subject = ".".join(getattr(s, "name", "") for s in head)
        if key != "*":
            subject += f'["{key}"]' if isinstance(key, str) else f"[{key}]"
        where = "the root module" if mi.is_root else str(mi)
        diags.error(
            "Reference to undeclared resource",
            f"A resource {subject} has not been declared in {where}",
            expr.range,
        )
        return False
    tdecl = cg.resources[targets[0]]
    attr_path = tuple(step.name for step in rest if isinstance(step, ast.TraverseAttr))
    abs_res = AbsResource(mi, Resource(MODES[tdecl.mode], tdecl.type, tdecl.name))
    candidates: list[ResourceInstanceChange] = []
    if key == "*":
        candidates = [c for (a, d), c in changes.items() if not d and a.containing_resource() == abs_res]
        if tdecl.count is None and tdecl.for_each is None:
            candidates = [c for c in candidates if c.addr.resource.key is None]
    else:
        found = changes.get((abs_res.instance(key), ""))  # type: ignore[arg-type]
        candidates = [found] if found is not None else []
    for change in candidates:
        if not attr_path:
            if change.action in _TRIGGERING:
                return True
            continue
        if change.before is None or change.after is None:
            continue
        old, new = get_path(change.before, attr_path), get_path(change.after, attr_path)
        if new is None or old is None:
            continue
        if not new.is_wholly_known or not same(old, new):
            return True
    return False
