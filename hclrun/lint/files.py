"""One module directory as the rules see it: the configuration model plus every file's syntax tree.

The model answers questions about declarations (variables, outputs, module
calls); the syntax trees answer questions about how expressions are written
(legacy index syntax, interpolation-only strings) and where every reference is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import field

from hclrun.config import load_module
from hclrun.config.model import Module
from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.syntax import ast
from hclrun.syntax.json_syntax import json_to_expression, parse_json
from hclrun.syntax.parser import parse_file


@record
class ConfigFile:
    """A ``.tf`` file (``body``) or a ``.tf.json`` file (``document``: the whole file as one expression)."""

    name: str
    source: bytes
    body: ast.Body | None = None
    document: ast.Expression | None = None

    @property
    def lines(self) -> list[bytes]:
        return self.source.splitlines()


@record(frozen=False)
class LintModule:
    directory: str
    module: Module
    files: list[ConfigFile] = field(default_factory=list)

    @property
    def native_files(self) -> list[ConfigFile]:
        return [f for f in self.files if f.body is not None]


def load_lint_module(directory: str) -> tuple[LintModule, Diagnostics]:
    """The module in ``directory`` and the problems loading it (the rules run only when there are no errors)."""
    module, diags = load_module(directory)
    files: list[ConfigFile] = []
    for name, source in module.sources.items():
        if name.endswith(".json"):
            root, _ = parse_json(source, name)
            document = json_to_expression(root)[0] if root is not None else None
            files.append(ConfigFile(name, source, document=document))
        else:
            parsed, _ = parse_file(source, name)
            files.append(ConfigFile(name, source, body=parsed.body))
    return LintModule(directory, module, files), diags


def attributes(body: ast.Body, enclosing: tuple[ast.Block, ...] = ()) -> Iterator[tuple[ast.Attribute, tuple[ast.Block, ...]]]:
    """Every attribute in ``body`` and its nested blocks, with the blocks that enclose it (outermost first)."""
    for item in body.items:
        if isinstance(item, ast.Attribute):
            yield item, enclosing
        else:
            yield from attributes(item.body, (*enclosing, item))


def blocks(body: ast.Body) -> Iterator[ast.Block]:
    """Every block in ``body``, nested ones included, in source order."""
    for item in body.items:
        if isinstance(item, ast.Block):
            yield item
            yield from blocks(item.body)


def subexpressions(expr: ast.Expression) -> Iterator[ast.Expression]:
    """``expr`` and every expression inside it, parents before children."""
    yield expr
    for f in dataclasses.fields(expr):  # type: ignore[arg-type]
        yield from _expressions_in(getattr(expr, f.name))


def _expressions_in(value: object) -> Iterator[ast.Expression]:
    if isinstance(value, tuple):
        for item in value:
            yield from _expressions_in(item)
    elif isinstance(value, ast.ObjectConsItem):
        yield from _expressions_in(value.key.wrapped)
        yield from _expressions_in(value.value)
    elif isinstance(value, ast.ObjectConsKeyExpr):
        yield from _expressions_in(value.wrapped)
    elif dataclasses.is_dataclass(value) and hasattr(value, "range") and not isinstance(value, _NOT_EXPRESSIONS):
        yield from subexpressions(value)  # type: ignore[arg-type]


_NOT_EXPRESSIONS = (ast.TraverseRoot, ast.TraverseAttr, ast.TraverseIndex, ast.TraverseSplat)
