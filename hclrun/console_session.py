"""An interactive evaluation session: what ``hclrun console`` does, without any I/O.

A session loads the module in a directory (if it has ``.tf`` files), builds
the scope Terraform's console offers there and evaluates one expression at a
time, returning the rendered result or diagnostics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from hclrun.config import ConsoleScopeOptions, Module, console_scope, load_module
from hclrun.diagnostics import Diagnostics
from hclrun.diagrender import render_diagnostics
from hclrun.eval.evaluator import evaluate
from hclrun.eval.references import references
from hclrun.eval.scope import Scope
from hclrun.eval.typeexpr import type_constraint
from hclrun.functions.spec import Function, Parameter, fixed_type
from hclrun.syntax import ast
from hclrun.values.render import render_console, render_type
from hclrun.values.types import STRING
from hclrun.values.value import Value

INPUT_NAME = "<console-input>"


class ConsoleSession:
    """Evaluates console expressions in the context of one module directory."""

    def __init__(
        self,
        directory: str | Path = ".",
        options: ConsoleScopeOptions | None = None,
        *,
        var_assignments: Sequence[str] = (),
    ) -> None:
        """Load the module in ``directory``; ``var_assignments`` are ``NAME=VALUE`` strings (``-var``)."""
        self.directory = str(directory)
        self.module, diags = load_module(self.directory)
        options = options or ConsoleScopeOptions()
        if var_assignments:
            given, var_diags = parse_var_assignments(self.module, var_assignments)
            diags.extend(var_diags)
            options = ConsoleScopeOptions(options.workspace, {**options.variables, **given})
        self.scope, scope_diags = console_scope(self.module, options)
        self.scope.functions = _console_functions(self.scope.functions or {})
        diags.extend(scope_diags)
        # Problems in the configuration itself, found while loading it.
        self.startup_diagnostics = diags

    @property
    def sources(self) -> dict[str, bytes]:
        """The configuration files' text, for rendering diagnostics (console input is not included)."""
        return self.module.sources

    def evaluate(self, text: str) -> tuple[str | None, Diagnostics]:
        """The console rendering of expression ``text``'s value, or None when it failed."""
        from hclrun.syntax.parser import parse_expression

        expr, diags = parse_expression(text, INPUT_NAME)
        if expr is None or diags.has_errors():
            return None, Diagnostics(diags)
        result = Diagnostics(diags)
        # Like Terraform, resolve every reference before evaluating, so a bad
        # reference is an error even in a branch or try() that is never taken.
        result.extend(self._check_references(expr))
        if result.has_errors():
            return None, result
        value, eval_diags = evaluate(expr, self.scope)
        result.extend(eval_diags)
        if result.has_errors():
            return None, result
        if _is_type_call(expr):
            return str(value.raw), result
        return render_console(value), result

    def _check_references(self, expr: ast.Expression) -> Diagnostics:
        found = Diagnostics()
        seen: set[str] = set()
        for ref in references(expr):
            key = str(ref)
            if key in seen:
                continue
            seen.add(key)
            _value, _consumed, ref_diags = self.scope.resolve(ref.traversal)
            found.extend(ref_diags)
        return found

    def render(self, diags: Diagnostics, *, color: bool = False, width: int | None = None) -> str:
        """``diags`` as Terraform's console prints them: each followed by a blank line."""
        return "".join(
            render_diagnostics([d], self.sources, color=color, width=width) + "\n" for d in diags
        )


def _console_functions(table: Mapping[str, Function]) -> dict[str, Function]:
    """The console's function table: the built-ins plus ``type``, without ``plantimestamp``.

    Terraform's console has no plan, so it offers no plan timestamp.
    """
    functions = {k: v for k, v in table.items() if k not in ("plantimestamp", "core::plantimestamp")}
    functions["type"] = Function(
        "type",
        (Parameter("value", allow_null=True, allow_unknown=True, allow_marked=True, allow_dynamic_type=True),),
        fixed_type(STRING),
        lambda args, _ret: Value.string(render_type(args[0].type)),
        description="Returns the type of the given value, for display in the console.",
    )
    return functions


def _is_type_call(expr: ast.Expression) -> bool:
    """A top-level ``type(...)`` call, whose result the console prints as a type expression."""
    return isinstance(expr, ast.FunctionCallExpr) and expr.name == "type"


def parse_var_assignments(module: Module, assignments: Sequence[str]) -> tuple[dict[str, Value], Diagnostics]:
    """Values from ``-var NAME=VALUE`` options.

    As in Terraform, the value is a literal string for variables of primitive
    or unspecified type, and an HCL expression otherwise.
    """
    from hclrun.syntax.parser import parse_expression

    values: dict[str, Value] = {}
    diags = Diagnostics()
    for assignment in assignments:
        name, eq, raw = assignment.partition("=")
        if not eq or not name:
            diags.error(
                "Invalid -var option",
                f'The given -var option "{assignment}" is not correctly specified. Must be a variable name and '
                "value separated by an equals sign, like -var=\"key=value\".",
            )
            continue
        var = module.variables.get(name)
        if var is None:
            diags.error(
                "Value for undeclared variable",
                f'A variable named "{name}" was assigned on the command line, but the root module does not '
                'declare a variable of that name. To use this value, add a "variable" block to the configuration.',
            )
            continue
        primitive = True
        if var.type_expr is not None:
            constraint, _defaults, _diags = type_constraint(var.type_expr)
            primitive = constraint.is_primitive
        if primitive:
            values[name] = Value.string(raw)
            continue
        expr, parse_diags = parse_expression(raw, f"<value for var.{name}>")
        diags.extend(parse_diags)
        if expr is not None and not parse_diags.has_errors():
            value, value_diags = evaluate(expr, Scope())
            diags.extend(value_diags)
            values[name] = value
    return values, diags


_HEREDOC_START = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*$")
_OPEN = "([{"
_CLOSE = ")]}"


def needs_more_input(text: str) -> bool:
    """Whether console input ``text`` is unfinished: a bracket or heredoc is still open.

    Quoted strings (with their ``${…}`` parts) and comments are skipped; an
    unterminated quoted string does not continue onto the next line, as in HCL.
    """
    depth = 0
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        depth = _line_depth(line, depth)
        match = _HEREDOC_START.search(line)
        i += 1
        if match is not None:
            marker = match.group(1)
            while i < len(lines) and lines[i].strip() != marker:
                i += 1
            if i >= len(lines):
                return True
            i += 1
    return depth > 0


def _line_depth(line: str, depth: int) -> int:
    """``depth`` after the brackets of ``line``, outside strings and comments."""
    stack: list[str] = []  # "q" for a quoted string, "t" for a ${…} inside one
    i = 0
    while i < len(line):
        c = line[i]
        in_string = bool(stack) and stack[-1] == "q"
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                stack.pop()
            elif line.startswith(("$${", "%%{"), i):
                i += 2
            elif line.startswith(("${", "%{"), i):
                stack.append("t")
                i += 1
        elif c == '"':
            stack.append("q")
        elif c == "#" or line.startswith("//", i):
            break
        elif c in _OPEN:
            if stack:
                stack.append(c)
            else:
                depth += 1
        elif c in _CLOSE:
            if stack:
                stack.pop()
            else:
                depth = max(depth - 1, 0)
        i += 1
    return depth
