"""Addresses: immutable, hashable names for modules, resources, instances,
provider configurations and outputs. ``str()`` of each is Terraform's syntax
and parses back with the matching ``parse_*`` function."""

from hclrun.addrs.keys import InstanceKey, key_order, key_suffix, quote_string
from hclrun.addrs.module import ROOT_MODULE, ROOT_MODULE_INSTANCE, Module, ModuleInstance, ModuleInstanceStep
from hclrun.addrs.parse import (
    Target,
    parse_abs_provider_config,
    parse_abs_resource,
    parse_abs_resource_instance,
    parse_module_instance,
    parse_target,
)
from hclrun.addrs.provider import AbsProviderConfig, Provider, builtin_provider, parse_provider_source
from hclrun.addrs.resource import (
    AbsOutputValue,
    AbsResource,
    AbsResourceInstance,
    ConfigResource,
    Resource,
    ResourceInstance,
    ResourceMode,
    root_output,
)

__all__ = [
    "ROOT_MODULE",
    "ROOT_MODULE_INSTANCE",
    "AbsOutputValue",
    "AbsProviderConfig",
    "AbsResource",
    "AbsResourceInstance",
    "ConfigResource",
    "InstanceKey",
    "Module",
    "ModuleInstance",
    "ModuleInstanceStep",
    "Provider",
    "Resource",
    "ResourceInstance",
    "ResourceMode",
    "Target",
    "builtin_provider",
    "key_order",
    "key_suffix",
    "parse_abs_provider_config",
    "parse_abs_resource",
    "parse_abs_resource_instance",
    "parse_module_instance",
    "parse_provider_source",
    "parse_target",
    "quote_string",
    "root_output",
]
