"""The built-in ``hashicorp/random`` provider."""

from __future__ import annotations

from hclrun.providers.framework import SchemaProvider
from hclrun.providers.random.resources import (
    RandomId,
    RandomInteger,
    RandomPassword,
    RandomPet,
    RandomShuffle,
    RandomString,
    RandomUuid,
)
from hclrun.providers.schema import load_provider_schema_resource

__all__ = ["new_provider"]


def new_provider() -> SchemaProvider:
    schema = load_provider_schema_resource(__name__)
    resources = [
        RandomId(),
        RandomString(),
        RandomPassword(),
        RandomInteger(),
        RandomPet(),
        RandomUuid(),
        RandomShuffle(),
    ]
    return SchemaProvider(schema, resources)
