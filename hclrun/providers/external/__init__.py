"""The built-in ``hashicorp/external`` provider: the ``external`` data source."""

from __future__ import annotations

from hclrun.providers.external.data_source import ExternalDataSource
from hclrun.providers.framework import SchemaProvider
from hclrun.providers.schema import load_provider_schema_resource

__all__ = ["new_provider"]


def new_provider() -> SchemaProvider:
    return SchemaProvider(load_provider_schema_resource(__name__), [], [ExternalDataSource()])
