"""Which instances of a resource an object's configuration names.

Terraform's apply graph has a node per resource instance, and a reference
such as ``terraform_data.many[1]`` (or the legacy ``many.1``, or one in
``depends_on``) leads to that instance's node alone; a reference without a
literal key (``many[*]``, ``many[count.index]``, ``length(many)``) leads to
every instance. So when one instance fails, only what names it, or names
the resource as a whole, is skipped.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from hclrun.addrs.keys import InstanceKey
from hclrun.engine.graph_build import ConfigGraph, node_expressions, reference_targets
from hclrun.engine.nodes import RESOURCE, Node
from hclrun.eval.references import references
from hclrun.syntax import ast

# Keys named by literal references; None: the resource is named as a whole.
NamedKeys = frozenset[InstanceKey] | None


def referenced_keys(cg: ConfigGraph, node: Node) -> dict[Node, NamedKeys]:
    """For each resource ``node``'s expressions refer to: the instance keys named, or None."""
    found: dict[Node, set[InstanceKey] | None] = {}
    for path, expr in node_expressions(cg, node):
        for ref in references(expr):
            for target in reference_targets(cg, path, ref.traversal):
                if target.kind != RESOURCE:
                    continue
                key = _literal_key(ref.traversal)
                if key is _WHOLE:
                    found[target] = None
                    continue
                keys = found.setdefault(target, set())
                if keys is not None:
                    keys.add(key)  # type: ignore[arg-type]
    return {target: None if keys is None else frozenset(keys) for target, keys in found.items()}


_WHOLE = object()


def _literal_key(traversal: tuple[ast.Traverser, ...]) -> object:
    """The instance key right after the resource name, or ``_WHOLE`` when there is none."""
    root = traversal[0]
    # data.TYPE.NAME[...] and resource.TYPE.NAME[...] are one step longer than TYPE.NAME[...].
    at = 3 if isinstance(root, ast.TraverseRoot) and root.name in ("data", "resource") else 2
    if len(traversal) <= at:
        return _WHOLE
    step = traversal[at]
    if not isinstance(step, ast.TraverseIndex):
        return _WHOLE
    if isinstance(step.key, str):
        return step.key
    try:
        number = Decimal(step.key.text)
    except InvalidOperation:
        return _WHOLE
    if number != number.to_integral_value():
        return _WHOLE
    return int(number)
