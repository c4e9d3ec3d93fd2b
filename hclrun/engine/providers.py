"""Which provider configuration each resource uses, and the provider instances behind them.

A resource names a provider by local name (its type's prefix, or the
``provider`` meta-argument) and maybe an alias. The configuration is looked
up in the resource's module, then through the ``providers`` map of the
module call (explicit passing) or, for default configurations, inherited
from the calling module; a provider nobody configured gets an empty
configuration in the root module, as Terraform does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from hclrun.addrs import ROOT_MODULE, AbsProviderConfig, Module, Provider, parse_provider_source
from hclrun.config.model import Module as ModuleConfig
from hclrun.config.model import ProviderConfig, ResourceDecl
from hclrun.config.tree import ModuleNode
from hclrun.diagnostics import Diagnostic
from hclrun.eval.references import traversal_string
from hclrun.providers.protocol import Provider as ProviderImpl
from hclrun.providers.registry import resolve_source
from hclrun.providers.schema import ProviderSchema, Schema
from hclrun.syntax import ast

ProviderFactory = Callable[[str], tuple[ProviderImpl | None, list[Diagnostic]]]

BUILTIN_TERRAFORM = "terraform.io/builtin/terraform"


def provider_source(module: ModuleConfig, local_name: str) -> str:
    """The source address a module's local provider name stands for."""
    required = module.required_providers.get(local_name)
    if required is not None:
        return required.source
    if local_name == "terraform":
        return BUILTIN_TERRAFORM
    return f"hashicorp/{local_name}"


@dataclass(frozen=True)
class ResolvedProvider:
    """A provider configuration address and the declaration behind it (None when implicit)."""

    addr: AbsProviderConfig
    config: ProviderConfig | None
    module_path: tuple[str, ...]


def _config_key(local_name: str, alias: str | None) -> str:
    return f"{local_name}.{alias}" if alias else local_name


def resolve_provider(nodes: Mapping[tuple[str, ...], ModuleNode], path: tuple[str, ...], decl: ResourceDecl) -> ResolvedProvider:
    """The provider configuration ``decl`` (declared in module ``path``) uses."""
    module = nodes[path].module
    local_name = decl.provider_local_name
    alias = decl.provider[1] if decl.provider else None
    source = provider_source(module, local_name)
    provider = parse_provider_source(source) or Provider("registry.terraform.io", "hashicorp", local_name)
    current = path
    name, current_alias = local_name, alias
    while True:
        node = nodes[current]
        config = node.module.providers.get(_config_key(name, current_alias))
        if config is not None:
            return ResolvedProvider(AbsProviderConfig(provider, Module(current), current_alias or ""), config, current)
        if not current:
            break
        passed = _passed_provider(node, name, current_alias)
        if passed is not None:
            name, current_alias = passed
        elif current_alias:
            break
        current = current[:-1]
    return ResolvedProvider(AbsProviderConfig(provider, ROOT_MODULE, alias or ""), None, ())


def _passed_provider(node: ModuleNode, name: str, alias: str | None) -> tuple[str, str | None] | None:
    """What the module call's ``providers`` map passes as ``name[.alias]``, as (name, alias) in the caller."""
    call = node.call
    if call is None:
        return None
    wanted = _config_key(name, alias)
    for key_expr, value_expr in call.providers:
        if _traversal_text(key_expr) == wanted:
            text = _traversal_text(value_expr)
            if text:
                parent_name, _, parent_alias = text.partition(".")
                return parent_name, parent_alias or None
    return None


def _traversal_text(expr: ast.Expression) -> str:
    if isinstance(expr, ast.ScopeTraversalExpr):
        return traversal_string(expr.traversal)
    return ""


class ProviderSet:
    """One provider instance per provider configuration address, created on first use."""

    def __init__(self, factory: ProviderFactory | None = None, instances: Mapping[str, ProviderImpl] | None = None) -> None:
        self._factory = factory or resolve_source
        # Instances supplied by the caller, by provider source ("hashicorp/null") or full address.
        self._given = dict(instances or {})
        self._instances: dict[AbsProviderConfig, ProviderImpl] = {}
        self._schemas: dict[Provider, ProviderSchema] = {}
        self._lock = threading.Lock()
        self.configured: set[AbsProviderConfig] = set()

    def instance(self, addr: AbsProviderConfig) -> tuple[ProviderImpl | None, list[Diagnostic]]:
        with self._lock:
            found = self._instances.get(addr)
            if found is not None:
                return found, []
            given = self._given.get(str(addr.provider)) or self._given.get(addr.provider.for_display())
            if given is not None:
                self._instances[addr] = given
                return given, []
            created, diags = self._factory(str(addr.provider))
            if created is not None:
                self._instances[addr] = created
            return created, diags

    def schema(self, addr: AbsProviderConfig) -> tuple[ProviderSchema | None, list[Diagnostic]]:
        cached = self._schemas.get(addr.provider)
        if cached is not None:
            return cached, []
        impl, diags = self.instance(addr)
        if impl is None:
            return None, diags
        response = impl.get_schema()
        self._schemas[addr.provider] = response.schema
        return response.schema, [*diags, *response.diagnostics]

    def resource_schema(self, addr: AbsProviderConfig, mode: str, type_name: str) -> Schema | None:
        schema, _ = self.schema(addr)
        if schema is None:
            return None
        table = schema.data_source_schemas if mode == "data" else schema.resource_schemas
        return table.get(type_name)

    def stop_all(self) -> None:
        for impl in list(self._instances.values()):
            impl.stop()
