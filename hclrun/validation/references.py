"""Reference resolvers for ``validate``: declared objects are unknown values of their types.

Besides Terraform's "undeclared" diagnostics (from :mod:`hclrun.config.references`)
these check what Terraform checks statically: instance keys on resources
with and without ``count``/``for_each``, and attribute names against the
resource's schema when one is known.
"""

from __future__ import annotations

from hclrun.config import references as refs
from hclrun.config.model import Module, ResourceDecl
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.scope import Resolver, Traversal, did_you_mean
from hclrun.providers.schema import Block
from hclrun.syntax import ast
from hclrun.validation.provider_schemas import resource_schema
from hclrun.values.value import DYNAMIC_UNKNOWN, Value

_MODE_WORDS = {"managed": "A managed resource", "data": "A data resource", "ephemeral": "An ephemeral resource"}


def resource_value(module: Module, resource: ResourceDecl) -> Value:
    """What validate knows about one instance of ``resource``: an unknown of its schema's type."""
    schema = resource_schema(module, resource)
    return Value.unknown(schema.implied_type) if schema is not None else DYNAMIC_UNKNOWN


def resource_resolver(module: Module, mode: str, *, prefixed: bool, module_word: str) -> Resolver:
    skip = 1 if prefixed else 0
    shape_check = refs.resources(mode, module.resources, prefixed=prefixed)

    def resolve(traversal: Traversal) -> tuple[Value, int, Diagnostics]:
        type_step = traversal[skip] if skip < len(traversal) else None
        name_step = traversal[skip + 1] if skip + 1 < len(traversal) else None
        if not isinstance(type_step, ast.TraverseRoot | ast.TraverseAttr) or not isinstance(name_step, ast.TraverseAttr):
            return shape_check(traversal)
        resource = module.resources.get((mode, type_step.name, name_step.name))
        consumed = skip + 2
        if resource is None:
            return DYNAMIC_UNKNOWN, consumed, Diagnostics([
                Diagnostic.error(
                    "Reference to undeclared resource",
                    f'{_MODE_WORDS[mode]} "{type_step.name}" "{name_step.name}" has not been declared in '
                    f"{module_word}.",
                    traversal[0].range.to(name_step.range),
                )
            ])
        expanded = resource.count is not None or resource.for_each is not None
        following = traversal[consumed] if consumed < len(traversal) else None
        if expanded:
            if isinstance(following, ast.TraverseAttr):
                return DYNAMIC_UNKNOWN, len(traversal), Diagnostics([_missing_key(resource, traversal, consumed)])
            attr_at = consumed + 1
        else:
            if isinstance(following, ast.TraverseIndex):
                return DYNAMIC_UNKNOWN, len(traversal), Diagnostics([_unexpected_key(resource, traversal, consumed)])
            attr_at = consumed
        schema = resource_schema(module, resource)
        attr = traversal[attr_at] if attr_at < len(traversal) else None
        if schema is not None and isinstance(attr, ast.TraverseAttr):
            problem = unsupported_attribute(schema, attr)
            if problem is not None:
                return DYNAMIC_UNKNOWN, len(traversal), Diagnostics([problem])
        if expanded:
            return DYNAMIC_UNKNOWN, consumed, Diagnostics()
        return resource_value(module, resource), consumed, Diagnostics()

    return resolve


def unsupported_attribute(schema: Block, attr: ast.TraverseAttr) -> Diagnostic | None:
    names = set(schema.attributes) | set(schema.block_types)
    if attr.name in names:
        return None
    return Diagnostic.error(
        "Unsupported attribute",
        f'This object has no argument, nested block, or exported attribute named "{attr.name}".'
        f"{did_you_mean(attr.name, names)}",
        attr.range,
    )


def _missing_key(resource: ResourceDecl, traversal: Traversal, consumed: int) -> Diagnostic:
    meta = "count" if resource.count is not None else "for_each"
    example = "[count.index]" if meta == "count" else "[each.key]"
    return Diagnostic.error(
        "Missing resource instance key",
        f'Because {resource.address} has "{meta}" set, its attributes must be accessed on specific instances.\n\n'
        f"For example, to correlate with indices of a referring resource, use:\n    {resource.address}{example}",
        traversal[0].range.to(traversal[consumed - 1].range),
    )


def _unexpected_key(resource: ResourceDecl, traversal: Traversal, consumed: int) -> Diagnostic:
    return Diagnostic.error(
        "Unexpected resource instance key",
        f'Because {resource.address} does not have "count" or "for_each" set, references to it must not include '
        "an index key. Remove the bracketed index to refer to the single instance of this resource.",
        traversal[0].range.to(traversal[consumed].range),
    )
