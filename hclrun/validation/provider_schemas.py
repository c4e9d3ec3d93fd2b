"""Resource schemas from the built-in providers, where a resource's provider is one of them.

``validate`` runs without installing providers, so only built-in providers
contribute schemas; resources of any other provider are checked for
references only and their attributes are unknown values of any type.
"""

from __future__ import annotations

from functools import cache

from hclrun.config.model import Module, ResourceDecl
from hclrun.providers.registry import BUILTINS, parse_source
from hclrun.providers.schema import Block, ProviderSchema, load_builtin_provider_schema

BUILTIN_TERRAFORM_SOURCE = "terraform.io/builtin/terraform"


def provider_source(module: Module, local_name: str) -> str:
    required = module.required_providers.get(local_name)
    if required is not None:
        return required.source
    if local_name == "terraform":
        return BUILTIN_TERRAFORM_SOURCE
    return f"hashicorp/{local_name}"


@cache
def builtin_schema(source: str) -> ProviderSchema | None:
    addr, _ = parse_source(source)
    if addr is None:
        return None
    package = BUILTINS.get((addr.hostname, addr.namespace, addr.type))
    if package is None:
        return None
    return load_builtin_provider_schema(package)


def resource_schema(module: Module, resource: ResourceDecl) -> Block | None:
    schema = builtin_schema(provider_source(module, resource.provider_local_name))
    if schema is None:
        return None
    table = schema.data_source_schemas if resource.mode == "data" else schema.resource_schemas
    found = table.get(resource.type) if resource.mode != "ephemeral" else None
    return found.block if found is not None else None
