"""Rules about declarations: unused variables and locals, undocumented or untyped interfaces."""

from __future__ import annotations

from collections.abc import Iterator

from hclrun.diagnostics import Diagnostic
from hclrun.eval.references import Reference, references
from hclrun.lint.files import LintModule, attributes


def referenced_names(lint: LintModule, root: str) -> set[str]:
    """Names ``N`` referenced as ``root.N`` anywhere in the module.

    A variable's references to itself in its own ``validation`` blocks do not
    count: a check on a value nobody reads does not make it used.
    """
    found: set[str] = set()
    for file in lint.files:
        if file.document is not None:
            found.update(_names(references(file.document), root, None))
        if file.body is None:
            continue
        for attribute, enclosing in attributes(file.body):
            own = None
            if len(enclosing) >= 2 and enclosing[0].type == "variable" and enclosing[1].type == "validation":
                own = enclosing[0].labels[0] if enclosing[0].labels else None
            found.update(_names(references(attribute.expr), root, own if root == "var" else None))
    return found


def _names(refs: list[Reference], root: str, excluded: str | None) -> Iterator[str]:
    for ref in refs:
        if ref.root_name != root or len(ref.traversal) < 2:
            continue
        name = getattr(ref.traversal[1], "name", None)
        if isinstance(name, str) and name != excluded:
            yield name


def unused_variables(lint: LintModule) -> Iterator[Diagnostic]:
    used = referenced_names(lint, "var")
    for variable in lint.module.variables.values():
        if variable.name in used:
            continue
        yield Diagnostic.warning(
            f'Variable "{variable.name}" is declared but not used',
            f'No expression in this module refers to var.{variable.name}. Remove the declaration if it is no '
            "longer needed; a caller setting it would then get an error instead of having its value silently "
            "ignored.",
            variable.decl_range,
        )


def unused_locals(lint: LintModule) -> Iterator[Diagnostic]:
    used = referenced_names(lint, "local")
    for local in lint.module.locals.values():
        if local.name in used:
            continue
        yield Diagnostic.warning(
            f'Local value "{local.name}" is declared but not used',
            f"No expression in this module refers to local.{local.name}. Remove the definition if it is no "
            "longer needed.",
            local.decl_range,
        )


def variables_without_type(lint: LintModule) -> Iterator[Diagnostic]:
    for variable in lint.module.variables.values():
        if variable.type_expr is not None:
            continue
        yield Diagnostic.warning(
            f'Variable "{variable.name}" has no type constraint',
            "Without a type constraint this variable accepts a value of any type, so a caller passing the wrong "
            "kind of value gets no error until the value is used. Add a type argument, such as "
            '"type = string".',
            variable.decl_range,
        )


def variables_without_description(lint: LintModule) -> Iterator[Diagnostic]:
    for variable in lint.module.variables.values():
        if variable.description.strip():
            continue
        yield Diagnostic.warning(
            f'Variable "{variable.name}" has no description',
            "A description tells callers what value to set. Add a description argument to this variable.",
            variable.decl_range,
        )


def outputs_without_description(lint: LintModule) -> Iterator[Diagnostic]:
    for output in lint.module.outputs.values():
        if output.description.strip():
            continue
        yield Diagnostic.warning(
            f'Output "{output.name}" has no description',
            "A description tells users of this module what the value is. Add a description argument to this "
            "output.",
            output.decl_range,
        )
