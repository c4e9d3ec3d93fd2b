"""The built-in ``hashicorp/local`` provider: local files as resources and data sources."""

from __future__ import annotations

from hclrun.providers.framework import SchemaProvider
from hclrun.providers.local.files import LocalFile, LocalFileData, LocalSensitiveFile, LocalSensitiveFileData
from hclrun.providers.schema import load_provider_schema_resource

__all__ = ["new_provider"]


def new_provider() -> SchemaProvider:
    schema = load_provider_schema_resource(__name__)
    return SchemaProvider(
        schema, [LocalFile(), LocalSensitiveFile()], [LocalFileData(), LocalSensitiveFileData()]
    )
