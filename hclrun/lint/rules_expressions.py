"""Rules about how expressions are written: interpolation-only strings and legacy index syntax.

Both look at the native syntax only: in ``.tf.json`` files every expression
is written as a ``"${...}"`` string, so there is nothing to warn about.
"""

from __future__ import annotations

from collections.abc import Iterator

from hclrun.diagnostics import Diagnostic
from hclrun.lint.files import ConfigFile, LintModule, attributes, subexpressions
from hclrun.syntax import ast


def _file_expressions(file: ConfigFile) -> Iterator[ast.Expression]:
    if file.body is None:
        return
    for attribute, _ in attributes(file.body):
        yield from subexpressions(attribute.expr)


def interpolation_only(lint: LintModule) -> Iterator[Diagnostic]:
    for file in lint.native_files:
        object_keys: set[int] = set()
        for expr in _file_expressions(file):
            if isinstance(expr, ast.ObjectConsExpr):
                # "${k}" = v is one of the two ways to write a computed key; leave it alone.
                object_keys.update(id(item.key.wrapped) for item in expr.items)
            if isinstance(expr, ast.TemplateWrapExpr) and id(expr) not in object_keys:
                inner = file.source[expr.wrapped.range.start.byte : expr.wrapped.range.end.byte].decode("utf-8")
                yield Diagnostic.warning(
                    "Interpolation-only expression",
                    f'A string holding nothing but one interpolation, "${{{inner}}}", is the same as the bare '
                    f"expression {inner}. Terraform 0.11 required the quotes and the interpolation sequence; "
                    "since 0.12 they only hide the expression. Write the expression without them.",
                    expr.range,
                )


def legacy_index(lint: LintModule) -> Iterator[Diagnostic]:
    for file in lint.native_files:
        for expr in _file_expressions(file):
            if isinstance(expr, ast.SplatExpr) and expr.legacy:
                yield Diagnostic.warning(
                    "Legacy splat syntax",
                    'The ".*" attribute-only splat is kept for compatibility with Terraform 0.11. Use the full '
                    'splat operator "[*]", which also applies any index or attribute after it to each element.',
                    expr.marker_range,
                )
            elif isinstance(expr, ast.ScopeTraversalExpr | ast.RelativeTraversalExpr):
                yield from _legacy_indexes(file, expr.traversal)


def _legacy_indexes(file: ConfigFile, traversal: tuple[ast.Traverser, ...]) -> Iterator[Diagnostic]:
    for step in traversal:
        if not isinstance(step, ast.TraverseIndex) or not isinstance(step.key, ast.NumberLiteral):
            continue
        if file.source[step.range.start.byte : step.range.start.byte + 1] != b".":
            continue
        index = step.key.text
        yield Diagnostic.warning(
            "Legacy index syntax",
            f'The ".{index}" attribute-style index is kept for compatibility with Terraform 0.11. Use the '
            f'index operator "[{index}]" instead.',
            step.range,
        )

