"""Where root variable values come from: the environment, variable files and the command line.

Each source yields ``RawValue``s in Terraform's precedence order (later
values win): ``TF_VAR_name`` environment variables, ``terraform.tfvars``,
``terraform.tfvars.json``, ``*.auto.tfvars`` / ``*.auto.tfvars.json`` in
lexical order, then ``-var`` and ``-var-file`` items in command-line order.
Nothing is evaluated here: a value is either the literal text given or an
expression still to evaluate, so each can be reported against its origin.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from hclrun.diagnostics import Diagnostics
from hclrun.records import record
from hclrun.source import Pos, Range
from hclrun.syntax import ast

ENV_PREFIX = "TF_VAR_"
DEFAULT_FILES = ("terraform.tfvars", "terraform.tfvars.json")
AUTO_SUFFIXES = (".auto.tfvars", ".auto.tfvars.json")

# Origins, as the diagnostics describe them.
FROM_ENV = "env"
FROM_FILE = "file"  # terraform.tfvars, *.auto.tfvars or a -var-file
FROM_CLI = "cli"  # -var name=value
FROM_INPUT = "input"  # an interactive prompt


@record
class RawValue:
    """One value given for a root variable, not yet parsed or converted.

    ``text`` holds what was given literally (environment, ``-var``, prompt);
    ``expr`` the expression of a variable file's attribute. ``file`` names
    the file a ``FROM_FILE`` value came from, as the user wrote it.
    """

    name: str
    origin: str
    text: str | None = None
    expr: ast.Expression | None = None
    file: str = ""

    @property
    def subject(self) -> Range | None:
        return self.expr.range if self.expr is not None else None


def environment_values(environ: Mapping[str, str]) -> list[RawValue]:
    """``TF_VAR_name`` variables, sorted by name (a later duplicate cannot happen in one environment)."""
    return [
        RawValue(key[len(ENV_PREFIX) :], FROM_ENV, text=value)
        for key, value in sorted(environ.items())
        if key.startswith(ENV_PREFIX) and len(key) > len(ENV_PREFIX)
    ]


def automatic_files(directory: str) -> list[str]:
    """The variable files read without being named: the defaults, then ``*.auto.tfvars[.json]`` sorted."""
    base = Path(directory)
    found = [name for name in DEFAULT_FILES if (base / name).is_file()]
    if base.is_dir():
        found.extend(sorted(p.name for p in base.iterdir() if p.name.endswith(AUTO_SUFFIXES) and p.is_file()))
    return found


def command_line_values(
    items: Sequence[tuple[str, str]], directory: str, diags: Diagnostics
) -> list[RawValue]:
    """``("var", "name=value")`` and ``("var-file", "path")`` items, in order."""
    found: list[RawValue] = []
    for kind, text in items:
        if kind == "var":
            name, equals, value = text.partition("=")
            if not equals:
                diags.error(
                    "Invalid -var option",
                    f'The given -var option "{text}" is not correctly specified. Must be a variable name and value '
                    'separated by an equals sign, like -var="key=value".',
                )
                continue
            found.append(RawValue(name.strip(), FROM_CLI, text=value))
        elif kind == "var-file":
            found.extend(file_values(text, directory, diags))
        else:
            raise ValueError(f"unknown command-line variable item {kind!r}")
    return found


def file_values(name: str, directory: str, diags: Diagnostics) -> list[RawValue]:
    """Every attribute of one variable file; a missing or unparsable file is an error."""
    path = Path(name) if os.path.isabs(name) else Path(directory, name)
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        diags.error("Failed to read variables file", f"Given variables file {name} does not exist.")
        return []
    except OSError as exc:
        diags.error("Failed to read variables file", f"Error while reading {name}: {exc.strerror}.")
        return []
    body = _parse_json(source, name, diags) if name.endswith(".json") else _parse_native(source, name, diags)
    if body is None:
        return []
    found = []
    for item in body.items:
        if isinstance(item, ast.Block):
            diags.error(f'Unexpected "{item.type}" block', "Blocks are not allowed here.", item.type_range)
            continue
        found.append(RawValue(item.name, FROM_FILE, expr=item.expr, file=name))
    return found


def _parse_native(source: bytes, name: str, diags: Diagnostics) -> ast.Body | None:
    from hclrun.syntax.parser import parse_file

    parsed, parse_diags = parse_file(source, name)
    diags.extend(parse_diags)
    return None if parse_diags.has_errors() else parsed.body


def _parse_json(source: bytes, name: str, diags: Diagnostics) -> ast.Body | None:
    from hclrun.syntax.json_syntax import JsonObject, json_to_expression, parse_json

    root, parse_diags = parse_json(source, name)
    diags.extend(parse_diags)
    if not isinstance(root, JsonObject):
        start = Pos(1, 1, 0)
        subject = root.range if root is not None else Range(name, start, Pos(1, 2, 1))
        diags.error(
            "Root value must be object",
            "The root value in a JSON-based configuration must be either a JSON object or a JSON array of objects.",
            subject,
        )
        return None
    if parse_diags.has_errors():
        return None
    items: list[ast.Attribute | ast.Block] = []
    for prop in root.body_properties():
        expr, expr_diags = json_to_expression(prop.value, templates=False)
        diags.extend(expr_diags)
        items.append(ast.Attribute(prop.name, expr, prop.name_range, prop.name_range, prop.name_range.to(expr.range)))
    end = Range(name, root.range.end, root.range.end)
    return ast.Body(tuple(items), root.range, end)
