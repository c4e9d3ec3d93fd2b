"""Providers: the protocol the engine calls them through (``protocol``), schemas as
data (``schema``), discovery by entry point (``registry``), a small framework
for writing providers (``framework``) and the built-in providers, one
subpackage each (``terraform``, ``null``, ``random``, ``local``, ``time``,
``external``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hclrun.lazyexports import lazy_exports

if TYPE_CHECKING:
    from hclrun.providers.protocol import Provider
    from hclrun.providers.registry import ProviderRegistry, resolve_source
    from hclrun.providers.schema import Attribute, Block, NestedBlock, ProviderSchema, Schema

# Public names load their modules on first use: reading a built-in schema must not pay
# for the provider protocol or entry-point discovery.
_EXPORTS: dict[str, str] = {
    "Attribute": "hclrun.providers.schema",
    "Block": "hclrun.providers.schema",
    "NestedBlock": "hclrun.providers.schema",
    "Provider": "hclrun.providers.protocol",
    "ProviderRegistry": "hclrun.providers.registry",
    "ProviderSchema": "hclrun.providers.schema",
    "Schema": "hclrun.providers.schema",
    "resolve_source": "hclrun.providers.registry",
}

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


__getattr__ = lazy_exports(__name__, globals(), _EXPORTS)
