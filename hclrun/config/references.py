"""Resolvers for Terraform's reference roots: ``var``, ``local``, ``module``, ``data``, resources...

Each resolver checks the shape of a reference the way Terraform parses it
and reports Terraform's diagnostics for malformed or undeclared references.
Declared things resolve through the callables the scope builder supplies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.eval.scope import Resolver, Traversal, name_suggestion
from hclrun.source import Pos, Range
from hclrun.syntax import ast
from hclrun.values.value import DYNAMIC_UNKNOWN, Value

ResolveResult = tuple[Value, int, Diagnostics]

# Terraform reports some reference problems without a source location.
NO_RANGE = Range("", Pos(0, 0, 0), Pos(0, 0, 0))


def _fail(*diags: Diagnostic, consumed: int = 1) -> ResolveResult:
    return DYNAMIC_UNKNOWN, consumed, Diagnostics(diags)


def _attr(traversal: Traversal, i: int) -> ast.TraverseAttr | None:
    step = traversal[i] if i < len(traversal) else None
    return step if isinstance(step, ast.TraverseAttr) else None


def _span(traversal: Traversal, upto: int) -> Range:
    return traversal[0].range.to(traversal[min(upto, len(traversal)) - 1].range)


def _invalid(traversal: Traversal, detail: str) -> Diagnostic:
    return Diagnostic.error("Invalid reference", detail, _span(traversal, len(traversal)))


def _not_direct(traversal: Traversal, root: str) -> Diagnostic:
    if len(traversal) == 1:
        detail = f'The "{root}" object cannot be accessed directly. Instead, access one of its attributes.'
    else:
        detail = f'The "{root}" object does not support this operation.'
    return Diagnostic.error("Invalid reference", detail, traversal[0].range)


def _suggest(name: str, candidates: Iterable[str]) -> str:
    found = name_suggestion(name, candidates)
    return f' Did you mean "{found}"?' if found else ""



def named_object(
    root: str,
    declared: Mapping[str, object],
    value_of: Callable[[str], Value],
    undeclared: Callable[[str, str], Diagnostic],
) -> Resolver:
    """A resolver for ``root.NAME`` objects such as ``var.x`` and ``local.y``.

    ``undeclared(name, suggestion)`` builds the diagnostic for a name not in ``declared``.
    """

    def resolve(traversal: Traversal) -> ResolveResult:
        attr = _attr(traversal, 1)
        if attr is None:
            first = undeclared("", "")
            return _fail(Diagnostic.error(first.summary, first.detail, NO_RANGE), _not_direct(traversal, root))
        if attr.name not in declared:
            diag = undeclared(attr.name, _suggest(attr.name, declared))
            return _fail(Diagnostic.error(diag.summary, diag.detail, _span(traversal, 2)), consumed=2)
        return value_of(attr.name), 2, Diagnostics()

    return resolve


def undeclared_variable(name: str, suggestion: str) -> Diagnostic:
    tail = suggestion or f' This variable can be declared with a variable "{name}" {{}} block.'
    return Diagnostic.error(
        "Reference to undeclared input variable",
        f'An input variable with the name "{name}" has not been declared.{tail}',
    )


def undeclared_local(name: str, suggestion: str) -> Diagnostic:
    return Diagnostic.error(
        "Reference to undeclared local value", f'A local value with the name "{name}" has not been declared.{suggestion}'
    )


def module_calls(declared: Mapping[str, object]) -> Resolver:
    def resolve(traversal: Traversal) -> ResolveResult:
        attr = _attr(traversal, 1)
        if attr is None:
            return _fail(_not_direct(traversal, "module"))
        if attr.name not in declared:
            return _fail(
                Diagnostic.error(
                    "Reference to undeclared module",
                    f'No module call named "{attr.name}" is declared in the root module.'
                    f"{_suggest(attr.name, declared)}",
                    _span(traversal, 2),
                ),
                consumed=2,
            )
        return DYNAMIC_UNKNOWN, 2, Diagnostics()

    return resolve


_MODE_WORDS = {"managed": "A managed resource", "data": "A data resource", "ephemeral": "An ephemeral resource"}
_MODE_TYPES = {"data": "data source", "ephemeral": "ephemeral resource"}


def resources(mode: str, declared: Mapping[tuple[str, str, str], object], *, prefixed: bool) -> Resolver:
    """Resource references: ``T.N`` (managed), ``resource.T.N``, ``data.T.N``, ``ephemeral.T.N``."""
    skip = 1 if prefixed else 0

    def resolve(traversal: Traversal) -> ResolveResult:
        type_step = traversal[skip] if skip < len(traversal) else None
        name_step = _attr(traversal, skip + 1)
        type_name = type_step.name if isinstance(type_step, ast.TraverseRoot | ast.TraverseAttr) else None
        if type_name is None or name_step is None:
            if mode == "managed":
                detail = (
                    "A reference to a resource type must be followed by at least one attribute access, "
                    "specifying the resource name."
                )
            else:
                root = traversal[0].name  # type: ignore[union-attr]
                detail = (
                    f'The "{root}" object must be followed by two attribute names: '
                    f"the {_MODE_TYPES[mode]} type and the resource name."
                )
            return _fail(_invalid(traversal, detail), consumed=len(traversal))
        if (mode, type_name, name_step.name) not in declared:
            return _fail(
                Diagnostic.error(
                    "Reference to undeclared resource",
                    f'{_MODE_WORDS[mode]} "{type_name}" "{name_step.name}" has not been declared in the root module.',
                    _span(traversal, skip + 2),
                ),
                consumed=skip + 2,
            )
        return DYNAMIC_UNKNOWN, skip + 2, Diagnostics()

    return resolve


_ATTRIBUTE_HELP = {
    "count": (
        " The only supported attribute is count.index, which is the index of each instance of a resource "
        'block that has the "count" argument set.'
    ),
    "each": (
        " The supported attributes are each.key and each.value, the current key and value pair of the "
        '"for_each" attribute set.'
    ),
    "path": "",
    "terraform": (
        " The only supported attributes are terraform.workspace, the name of the currently-selected "
        "workspace, and terraform.applying, a boolean which is true only during apply."
    ),
}


def fixed_attributes(root: str, values: Mapping[str, Callable[[Range], ResolveResult]]) -> Resolver:
    """Objects with a fixed set of attributes: ``path``, ``terraform``, ``count``, ``each``."""

    def resolve(traversal: Traversal) -> ResolveResult:
        attr = _attr(traversal, 1)
        name = attr.name if attr is not None else ""
        if name in values:
            return values[name](_span(traversal, 2))
        diag = Diagnostic.error(
            f'Invalid "{root}" attribute',
            f'The "{root}" object does not have an attribute named "{name}".{_ATTRIBUTE_HELP[root]}',
            _span(traversal, 2) if attr is not None else NO_RANGE,
        )
        if attr is None:
            return _fail(diag, _not_direct(traversal, root))
        return _fail(diag, consumed=2)

    return resolve


def constant(value: Value) -> Callable[[Range], ResolveResult]:
    return lambda _range: (value, 2, Diagnostics())


def failing(summary: str, detail: str) -> Callable[[Range], ResolveResult]:
    return lambda subject: _fail(Diagnostic.error(summary, detail, subject), consumed=2)


def self_reference(traversal: Traversal) -> ResolveResult:
    return _fail(
        Diagnostic.error(
            'Invalid "self" reference',
            'The "self" object is not available in this context. This object can be used only in resource '
            "provisioner, connection, and postcondition blocks.",
            traversal[0].range,
        ),
        consumed=len(traversal),
    )
