"""What loading checks in ``replace_triggered_by``: the kinds of things each entry refers to.

The entries are not evaluated here: whether the resources exist and what
the index keys resolve to is only known per instance while planning.
Every problem points at the whole entry, as terraform's do.
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.references import references
from hclrun.syntax import ast

_NOT_RESOURCES = ("var", "local", "module", "path", "terraform", "self", "run", "check")


def check_replace_triggers(exprs: tuple[ast.Expression, ...], diags: Diagnostics) -> None:
    """Report the references in each entry that are not a resource, ``count.index`` or ``each.key``.

    Like terraform, the first entry with a problem ends the check of the resource.
    """
    for expr in exprs:
        problems = [p for p in (_problem(ref.traversal) for ref in references(expr)) if p is not None]
        for summary, detail in problems:
            diags.error(summary, detail, expr.range)
        if problems:
            return


def _problem(traversal: tuple[ast.Traverser, ...]) -> tuple[str, str] | None:
    root = traversal[0].name  # type: ignore[union-attr]
    step = traversal[1] if len(traversal) > 1 else None
    if root in ("count", "each"):
        if step is None:
            return (
                "Invalid reference",
                f'The "{root}" object cannot be accessed directly. Instead, access one of its attributes.',
            )
        if not isinstance(step, ast.TraverseAttr):
            return "Invalid reference", f'The "{root}" object does not support this operation.'
        if root == "count" and step.name != "index":
            return (
                "Invalid count reference in replace_triggered_by expression",
                "Only count.index may be used in replace_triggered_by.",
            )
        if root == "each" and step.name != "key":
            return (
                "Invalid each reference in replace_triggered_by expression",
                "Only each.key may be used in replace_triggered_by.",
            )
        return None
    if root in _NOT_RESOURCES:
        return (
            "Invalid reference in replace_triggered_by expression",
            "Only resources, count.index, and each.key may be used in replace_triggered_by.",
        )
    return None
