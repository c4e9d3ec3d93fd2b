"""The configuration model: what a module declares, with expressions left unevaluated."""

from __future__ import annotations

from dataclasses import dataclass, field

from hclrun.source import Range
from hclrun.syntax import ast


@dataclass(frozen=True)
class Variable:
    name: str
    type_expr: ast.Expression | None
    default: ast.Expression | None
    sensitive: bool
    nullable: bool
    decl_range: Range


@dataclass(frozen=True)
class Local:
    name: str
    expr: ast.Expression
    decl_range: Range


@dataclass(frozen=True)
class Output:
    name: str
    expr: ast.Expression | None
    sensitive: bool
    decl_range: Range


@dataclass(frozen=True)
class ResourceDecl:
    """A ``resource``, ``data`` or ``ephemeral`` block: mode, type and name."""

    mode: str  # "managed", "data" or "ephemeral"
    type: str
    name: str
    decl_range: Range


@dataclass(frozen=True)
class ModuleCall:
    name: str
    decl_range: Range


@dataclass
class Module:
    """One module directory: its declarations and the source of every file read."""

    directory: str
    variables: dict[str, Variable] = field(default_factory=dict)
    locals: dict[str, Local] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    resources: dict[tuple[str, str, str], ResourceDecl] = field(default_factory=dict)
    module_calls: dict[str, ModuleCall] = field(default_factory=dict)
    sources: dict[str, bytes] = field(default_factory=dict)
