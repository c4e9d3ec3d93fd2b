"""Every expression a block holds, for dependency analysis."""

from __future__ import annotations

from collections.abc import Iterator

from hclrun.config.model import Condition, ResourceDecl
from hclrun.syntax import ast


def body_expressions(body: ast.Body) -> Iterator[ast.Expression]:
    for item in body.items:
        if isinstance(item, ast.Attribute):
            yield item.expr
        else:
            yield from body_expressions(item.body)


def condition_expressions(conditions: tuple[Condition, ...]) -> Iterator[ast.Expression]:
    for condition in conditions:
        if condition.condition is not None:
            yield condition.condition
        if condition.error_message is not None:
            yield condition.error_message


def resource_expressions(resource: ResourceDecl) -> Iterator[ast.Expression]:
    """The expressions that make ``resource`` depend on other objects (not provisioners or postconditions)."""
    if resource.count is not None:
        yield resource.count
    if resource.for_each is not None:
        yield resource.for_each
    yield from resource.depends_on
    if resource.body is not None:
        yield from body_expressions(resource.body)
    yield from resource.lifecycle.replace_triggered_by
    yield from condition_expressions(resource.lifecycle.preconditions)
