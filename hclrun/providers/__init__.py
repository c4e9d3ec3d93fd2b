"""Providers: the protocol the engine calls them through (``protocol``), schemas as
data (``schema``), discovery by entry point (``registry``), a small framework
for writing providers (``framework``) and the built-in providers, one
subpackage each (``terraform``, ``null``, ``random``, ``local``, ``time``,
``external``)."""

from hclrun.providers.protocol import Provider
from hclrun.providers.registry import ProviderRegistry, resolve_source
from hclrun.providers.schema import Attribute, Block, NestedBlock, ProviderSchema, Schema

__all__ = [
    "Attribute",
    "Block",
    "NestedBlock",
    "Provider",
    "ProviderRegistry",
    "ProviderSchema",
    "Schema",
    "resolve_source",
]
