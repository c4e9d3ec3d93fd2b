"""The configuration model: what a module declares, with expressions left unevaluated.

Every block keeps its source ranges; bodies that a provider's schema will
decode later (resources, provider settings, backends) stay as syntax trees.
"""

from __future__ import annotations

from dataclasses import field
from functools import cached_property
from typing import TYPE_CHECKING

from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record
from hclrun.source import Range
from hclrun.syntax import ast

if TYPE_CHECKING:
    from hclrun.eval.typeexpr import TypeDefaults
    from hclrun.values.types import Type


@record
class Condition:
    """A ``validation``, ``precondition``, ``postcondition`` or ``assert`` block."""

    kind: str
    condition: ast.Expression | None
    error_message: ast.Expression | None
    decl_range: Range


@record
class Variable:
    name: str
    type_expr: ast.Expression | None
    default: ast.Expression | None
    sensitive: bool
    nullable: bool
    decl_range: Range
    description: str = ""
    ephemeral: bool = False
    validations: tuple[Condition, ...] = ()

    @cached_property
    def constraint(self) -> tuple[Type, TypeDefaults | None, Diagnostics]:
        """``type_expr`` read as a type constraint: the type, its optional-attribute defaults
        and the problems found (read-only). Worked out once, though loading, checking and
        every module call passing the variable a value all need it."""
        from hclrun.eval.typeexpr import type_constraint

        assert self.type_expr is not None
        return type_constraint(self.type_expr)


@record
class Local:
    name: str
    expr: ast.Expression
    decl_range: Range


@record
class Output:
    name: str
    expr: ast.Expression | None
    sensitive: bool
    decl_range: Range
    description: str = ""
    ephemeral: bool = False
    depends_on: tuple[ast.Expression, ...] = ()
    preconditions: tuple[Condition, ...] = ()


@record
class Lifecycle:
    create_before_destroy: bool | None = None
    prevent_destroy: bool | None = None
    ignore_changes: tuple[ast.Expression, ...] = ()
    ignore_all_changes: bool = False
    replace_triggered_by: tuple[ast.Expression, ...] = ()
    preconditions: tuple[Condition, ...] = ()
    postconditions: tuple[Condition, ...] = ()


@record
class Provisioner:
    type: str
    body: ast.Body
    when: str  # "create" or "destroy"
    on_failure: str  # "fail" or "continue"
    connection: ast.Body | None
    decl_range: Range


@record
class ResourceDecl:
    """A ``resource``, ``data`` or ``ephemeral`` block: mode, type, name and meta-arguments."""

    mode: str  # "managed", "data" or "ephemeral"
    type: str
    name: str
    decl_range: Range
    count: ast.Expression | None = None
    for_each: ast.Expression | None = None
    provider: tuple[str, str | None] | None = None  # (local name, alias)
    provider_range: Range | None = None
    depends_on: tuple[ast.Expression, ...] = ()
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    provisioners: tuple[Provisioner, ...] = ()
    connection: ast.Body | None = None
    body: ast.Body | None = None  # everything else, for the provider's schema
    type_range: Range | None = None
    in_check: str | None = None  # the check block a scoped data source belongs to

    @property
    def address(self) -> str:
        prefix = {"managed": "", "data": "data.", "ephemeral": "ephemeral."}[self.mode]
        return f"{prefix}{self.type}.{self.name}"

    @property
    def provider_local_name(self) -> str:
        return self.provider[0] if self.provider else self.type.split("_", 1)[0]


@record
class ModuleCall:
    name: str
    decl_range: Range
    source: str = ""
    source_range: Range | None = None
    version: str | None = None
    version_range: Range | None = None
    count: ast.Expression | None = None
    for_each: ast.Expression | None = None
    depends_on: tuple[ast.Expression, ...] = ()
    providers: tuple[tuple[ast.Expression, ast.Expression], ...] = ()
    arguments: dict[str, ast.Attribute] = field(default_factory=dict)
    open_brace_range: Range | None = None


@record
class ProviderConfig:
    name: str
    alias: str | None
    body: ast.Body
    decl_range: Range


@record
class RequiredProvider:
    name: str
    source: str
    version: str | None
    decl_range: Range
    aliases: tuple[str, ...] = ()


@record
class Moved:
    from_expr: ast.Expression
    to_expr: ast.Expression
    decl_range: Range


@record
class Removed:
    from_expr: ast.Expression
    destroy: bool
    decl_range: Range


@record
class Import:
    to_expr: ast.Expression
    id_expr: ast.Expression | None
    for_each: ast.Expression | None
    provider: ast.Expression | None
    decl_range: Range


@record
class Check:
    name: str
    asserts: tuple[Condition, ...]
    data: tuple[ResourceDecl, ...]
    decl_range: Range


@record
class Backend:
    type: str
    body: ast.Body
    decl_range: Range


@record(frozen=False)
class Module:
    """One module directory: its declarations and the source of every file read."""

    directory: str
    variables: dict[str, Variable] = field(default_factory=dict)
    locals: dict[str, Local] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    resources: dict[tuple[str, str, str], ResourceDecl] = field(default_factory=dict)
    module_calls: dict[str, ModuleCall] = field(default_factory=dict)
    sources: dict[str, bytes] = field(default_factory=dict)
    providers: dict[str, ProviderConfig] = field(default_factory=dict)  # "aws" or "aws.west"
    required_providers: dict[str, RequiredProvider] = field(default_factory=dict)
    required_versions: list[tuple[str, Range, Range]] = field(default_factory=list)
    backend: Backend | None = None
    cloud_range: Range | None = None
    experiments: list[str] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    checks: dict[str, Check] = field(default_factory=dict)
    # Problems in ``module`` blocks: init reports these while installing modules.
    module_call_diagnostics: list[Diagnostic] = field(default_factory=list)
