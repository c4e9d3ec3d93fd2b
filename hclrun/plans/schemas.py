"""How the plan formats find resource schemas: a ``SchemaLookup`` answers
(provider, mode, type) with the provider's ``Schema`` for that resource type."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hclrun.addrs import Provider, ResourceMode
from hclrun.providers.schema import ProviderSchema, Schema

SchemaLookup = Callable[[Provider, ResourceMode, str], Schema | None]


def schema_lookup(providers: Mapping[Provider, ProviderSchema]) -> SchemaLookup:
    """A lookup over the schemas of the given providers."""

    def lookup(provider: Provider, mode: ResourceMode, type_name: str) -> Schema | None:
        schema = providers.get(provider)
        if schema is None:
            return None
        table = schema.data_source_schemas if mode is ResourceMode.DATA else schema.resource_schemas
        return table.get(type_name)

    return lookup


class SchemaMissingError(LookupError):
    """A resource whose provider schema is not available: a bug in the caller."""


def require_schema(schemas: SchemaLookup, provider: Provider, mode: ResourceMode, type_name: str) -> Schema:
    found = schemas(provider, mode, type_name)
    if found is None:
        raise SchemaMissingError(f"no schema for {mode.value} {type_name} in provider {provider}")
    return found


__all__ = ["SchemaLookup", "SchemaMissingError", "require_schema", "schema_lookup"]
