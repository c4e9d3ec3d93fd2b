"""The built-in ``hashicorp/null`` provider: ``null_resource`` and ``null_data_source``."""

from __future__ import annotations

from hclrun.providers.framework import SchemaProvider
from hclrun.providers.null.resources import NullDataSource, NullResource
from hclrun.providers.schema import load_provider_schema_resource

__all__ = ["new_provider"]


def new_provider() -> SchemaProvider:
    schema = load_provider_schema_resource(__name__)
    return SchemaProvider(schema, [NullResource()], [NullDataSource()])
