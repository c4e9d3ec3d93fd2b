"""The expressions a declaration holds and the module objects they refer to.

Both static validation and the engine's graph need to know what a block
depends on before anything is evaluated; this is the one place that says
which expressions count and how a reference names a module object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hclrun.config.model import Condition, ResourceDecl
from hclrun.eval.references import references
from hclrun.syntax import ast

# Reference roots that never name an object of the module.
NON_OBJECT_ROOTS = frozenset({"var", "path", "terraform", "count", "each", "self"})


def body_expressions(body: ast.Body) -> Iterator[ast.Expression]:
    """Every attribute expression of ``body`` and its nested blocks, in source order."""
    for item in body.items:
        if isinstance(item, ast.Attribute):
            yield item.expr
        else:
            yield from body_expressions(item.body)


def condition_expressions(conditions: Iterable[Condition]) -> Iterator[ast.Expression]:
    for condition in conditions:
        if condition.condition is not None:
            yield condition.condition
        if condition.error_message is not None:
            yield condition.error_message


def resource_expressions(resource: ResourceDecl) -> Iterator[ast.Expression]:
    """What ``resource`` needs before it is planned: meta-arguments, body, triggers, preconditions."""
    if resource.count is not None:
        yield resource.count
    if resource.for_each is not None:
        yield resource.for_each
    yield from resource.depends_on
    if resource.body is not None:
        yield from body_expressions(resource.body)
    yield from resource.lifecycle.replace_triggered_by
    yield from condition_expressions(resource.lifecycle.preconditions)


def resource_late_expressions(resource: ResourceDecl) -> Iterator[ast.Expression]:
    """What ``resource`` evaluates only after its own change: postconditions, provisioners, connections."""
    yield from condition_expressions(resource.lifecycle.postconditions)
    for provisioner in resource.provisioners:
        yield from body_expressions(provisioner.body)
        if provisioner.connection is not None:
            yield from body_expressions(provisioner.connection)
    if resource.connection is not None:
        yield from body_expressions(resource.connection)


def referenced_object(traversal: tuple[ast.Traverser, ...]) -> str | None:
    """The module object a reference points at: ``local.a``, ``module.m``, ``aws_x.y``, ``data.t.n``.

    None for references to things that are not objects of the module
    (variables, ``path``, ``count``...) and for incomplete references.
    """
    names = [None if isinstance(step, ast.TraverseIndex) else getattr(step, "name", None) for step in traversal]
    root = names[0]
    if root is None or root in NON_OBJECT_ROOTS:
        return None
    if root in ("data", "ephemeral", "resource"):
        if len(names) > 2 and names[1] and names[2]:
            prefix = "" if root == "resource" else f"{root}."
            return f"{prefix}{names[1]}.{names[2]}"
        return None
    return f"{root}.{names[1]}" if len(names) > 1 and names[1] else None


def referenced_objects(exprs: Iterable[ast.Expression]) -> set[str]:
    """Every module object the expressions refer to (see :func:`referenced_object`)."""
    found = set()
    for expr in exprs:
        for ref in references(expr):
            key = referenced_object(ref.traversal)
            if key is not None:
                found.add(key)
    return found
