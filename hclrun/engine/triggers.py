"""``replace_triggered_by``: replace an instance when something it names changes.

Each entry is a reference to a resource, one of its instances, or one of
their attributes. A whole-instance reference triggers when that instance is
planned to be updated or replaced; an attribute reference when the
attribute's planned value differs from its prior value (or is unknown).
"""

from __future__ import annotations

from hclrun.addrs import AbsResource, InstanceKey, ModuleInstance, Resource
from hclrun.config.model import ResourceDecl
from hclrun.engine.evaldata import MODES
from hclrun.engine.graph_build import ConfigGraph, reference_targets
from hclrun.engine.nodes import RESOURCE, Node
from hclrun.engine.valuepaths import get_path
from hclrun.eval.evaluator import evaluate
from hclrun.eval.references import references
from hclrun.eval.scope import Scope
from hclrun.plans.actions import Action
from hclrun.plans.model import ResourceInstanceChange
from hclrun.providers.objects import same
from hclrun.syntax import ast

_TRIGGERING = (Action.UPDATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE)


def replace_triggered(
    cg: ConfigGraph,
    node: Node,
    decl: ResourceDecl,
    scope: Scope,
    mi: ModuleInstance,
    key: InstanceKey,
    changes: dict,
) -> bool:
    for expr in decl.lifecycle.replace_triggered_by:
        if _one_triggers(cg, node, expr, scope, mi, changes):
            return True
    return False


def _one_triggers(cg: ConfigGraph, node: Node, expr: ast.Expression, scope: Scope, mi: ModuleInstance, changes: dict) -> bool:
    refs = references(expr)
    if not refs:
        return False
    traversal = refs[0].traversal
    targets = [t for t in reference_targets(cg, node.module, traversal) if t.kind == RESOURCE]
    if not targets:
        return False
    target = targets[0]
    tdecl = cg.resources[target]
    skip = 3 if traversal[0].name in ("data", "resource") else 2  # type: ignore[union-attr]
    rest = traversal[skip:]
    key: InstanceKey | str = "*"
    if isinstance(expr, ast.IndexExpr):
        value, diags = evaluate(expr.key, scope)
        plain, _ = value.unmark()
        if diags.has_errors() or not plain.is_known:
            return False
        key = int(plain.raw) if plain.type.friendly_name() == "number" else str(plain.raw)
        rest = ()
    elif rest and isinstance(rest[0], ast.TraverseIndex):
        k = rest[0].key
        key = k if isinstance(k, str) else int(k.text)
        rest = rest[1:]
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
