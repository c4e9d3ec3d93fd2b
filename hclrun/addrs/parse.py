"""Parsing addresses from text or from configuration traversals, with
Terraform's diagnostics ("Invalid address", "Invalid module instance
address", "Invalid provider configuration address", ...)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from hclrun.addrs.keys import InstanceKey
from hclrun.addrs.module import Module, ModuleInstance, ModuleInstanceStep
from hclrun.addrs.provider import AbsProviderConfig, Provider, parse_provider_source
from hclrun.addrs.resource import AbsResource, AbsResourceInstance, Resource, ResourceInstance, ResourceMode
from hclrun.addrs.scan import Step, scan_traversal
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.source import Range

_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_RESERVED = ("count", "each", "local", "module", "path", "self", "terraform", "var", "template", "lazy", "arg")


def _span(steps: Sequence[Step]) -> Range | None:
    if not steps or steps[0].range is None or steps[-1].range is None:
        return None
    return steps[0].range.to(steps[-1].range)


def _err(summary: str, detail: str, subject: Range | None) -> Diagnostic:
    return Diagnostic.error(summary, detail, subject)


def _whole_key(key: int | Decimal) -> int | None:
    if isinstance(key, int):
        return key if _INT64_MIN <= key <= _INT64_MAX else None
    if key != key.to_integral_value():
        return None
    value = int(key)
    return value if _INT64_MIN <= value <= _INT64_MAX else None


_WHOLE_NUMBER = "value must be a whole number, between -9223372036854775808 and 9223372036854775807"


def _module_prefix(steps: Sequence[Step], diags: Diagnostics) -> tuple[ModuleInstance, Sequence[Step]]:
    path: list[ModuleInstanceStep] = []
    remain = steps
    while remain:
        first = remain[0]
        if first.kind not in ("root", "attr"):
            diags.append(_err("Invalid address operator", "Module address prefix must be followed by dot and then a name.", first.range))
            break
        if first.name != "module":
            break
        keyword = first
        remain = remain[1:]
        if not remain or remain[0].kind != "attr":
            subject = remain[0].range if remain else keyword.range
            diags.append(_err("Invalid address operator", 'Prefix "module." must be followed by a module name.', subject))
            break
        name = remain[0].name
        remain = remain[1:]
        key: InstanceKey = None
        if remain and remain[0].kind == "index":
            idx = remain[0]
            remain = remain[1:]
            if isinstance(idx.key, str):
                key = idx.key
            else:
                assert idx.key is not None
                whole = _whole_key(idx.key)
                if whole is None:
                    diags.append(_err("Invalid address operator", f"Invalid module index: {_WHOLE_NUMBER}.", idx.range))
                key = whole
        path.append(ModuleInstanceStep(name, key))
    return ModuleInstance(tuple(path)), remain


def module_instance_from_steps(steps: Sequence[Step]) -> tuple[ModuleInstance | None, Diagnostics]:
    diags = Diagnostics()
    path, remain = _module_prefix(steps, diags)
    if remain:
        detail = (
            'A module instance address must begin with "module.".'
            if len(remain) == len(steps)
            else "The module instance address is followed by additional invalid content."
        )
        diags.append(_err("Invalid module instance address", detail, _span(remain)))
    return (None if diags.has_errors() else path), diags


def _resource_instance(module: ModuleInstance, remain: Sequence[Step], diags: Diagnostics) -> AbsResourceInstance | None:
    mode = ResourceMode.MANAGED
    head = remain[0].name
    if head == "data":
        mode, remain = ResourceMode.DATA, remain[1:]
    elif head == "ephemeral":
        mode, remain = ResourceMode.EPHEMERAL, remain[1:]
    elif head == "resource":
        remain = remain[1:]
    elif head in _RESERVED:
        diags.append(
            _err(
                "Invalid address",
                f'The keyword "{head}" is reserved and cannot be used to target a resource address. '
                "If you are targeting a resource type that uses a reserved keyword, please prefix your "
                'address with "resource.".',
                _span(remain),
            )
        )
        return None
    if len(remain) < 2:
        diags.append(_err("Invalid address", "Resource specification must include a resource type and name.", _span(remain)))
        return None
    if remain[0].kind not in ("root", "attr"):
        detail = {
            ResourceMode.MANAGED: "A resource type name is required.",
            ResourceMode.DATA: "A data source name is required.",
            ResourceMode.EPHEMERAL: "An ephemeral resource type name is required.",
        }[mode]
        diags.append(_err("Invalid address", detail, remain[0].range))
        return None
    if remain[1].kind != "attr":
        diags.append(_err("Invalid address", "A resource name is required.", remain[1].range))
        return None
    resource = Resource(mode, remain[0].name, remain[1].name)
    rest = remain[2:]
    if not rest:
        return AbsResourceInstance(module, ResourceInstance(resource))
    if len(rest) > 1:
        diags.append(_err("Invalid address", "Unexpected extra operators after address.", rest[1].range))
        return None
    if rest[0].kind != "index":
        diags.append(_err("Invalid address", "Resource instance key must be given in square brackets.", rest[0].range))
        return None
    raw = rest[0].key
    key: InstanceKey
    if isinstance(raw, str):
        key = raw
    else:
        assert raw is not None
        key = _whole_key(raw)
        if key is None:
            diags.append(_err("Invalid address", f"Invalid resource instance key: {_WHOLE_NUMBER}.", rest[0].range))
            return None
    return AbsResourceInstance(module, ResourceInstance(resource, key))


def abs_resource_instance_from_steps(steps: Sequence[Step]) -> tuple[AbsResourceInstance | None, Diagnostics]:
    diags = Diagnostics()
    module, remain = _module_prefix(steps, diags)
    if diags.has_errors():
        return None, diags
    if not remain:
        diags.append(_err("Invalid address", "Module instance address cannot be used as a resource address.", _span(steps)))
        return None, diags
    return _resource_instance(module, remain, diags), diags


Target = ModuleInstance | AbsResource | AbsResourceInstance


def target_from_steps(steps: Sequence[Step]) -> tuple[Target | None, Diagnostics]:
    """A ``-target`` style address: a module instance, a whole resource (no key) or one instance."""
    diags = Diagnostics()
    module, remain = _module_prefix(steps, diags)
    if diags.has_errors():
        return None, diags
    if not remain:
        return module, diags
    inst = _resource_instance(module, remain, diags)
    if inst is None:
        return None, diags
    if inst.resource.key is None:
        return inst.containing_resource(), diags
    return inst, diags


def provider_config_from_steps(steps: Sequence[Step]) -> tuple[AbsProviderConfig | None, Diagnostics]:
    diags = Diagnostics()
    summary = "Invalid provider configuration address"
    module, remain = _module_prefix(steps, diags)
    if diags.has_errors():
        return None, diags
    if any(s.key is not None for s in module.steps):
        diags.append(_err(summary, "Provider address cannot contain module indexes", _span(steps)))
        return None, diags
    if not remain or remain[0].name != "provider" or remain[0].kind not in ("root", "attr"):
        diags.append(_err(summary, 'Provider address must begin with "provider.", followed by a provider type name.', _span(remain) or _span(steps)))
        return None, diags
    if len(remain) > 3:
        diags.append(_err(summary, "Extraneous operators after provider configuration alias.", _span(remain[3:])))
        return None, diags
    if len(remain) < 2 or remain[1].kind != "index" or not isinstance(remain[1].key, str):
        subject = remain[1].range if len(remain) > 1 else remain[0].range
        diags.append(_err(summary, 'The prefix "provider." must be followed by a provider type name.', subject))
        return None, diags
    provider: Provider | None = parse_provider_source(remain[1].key)
    if provider is None:
        diags.append(_err(summary, 'The prefix "provider." must be followed by a provider type name.', remain[1].range))
        return None, diags
    alias = ""
    if len(remain) == 3:
        if remain[2].kind != "attr":
            diags.append(_err(summary, "Provider type name must be followed by a configuration alias name.", remain[2].range))
            return None, diags
        alias = remain[2].name
    return AbsProviderConfig(provider, Module(tuple(s.name for s in module.steps)), alias), diags


# ----------------------------------------------------------------------------- text entry points


T = TypeVar("T")


def _parse_with(
    text: str, build: Callable[[Sequence[Step]], tuple[T | None, Diagnostics]], filename: str
) -> tuple[T | None, Diagnostics]:
    steps, diags = scan_traversal(text, filename)
    if steps is None:
        return None, diags
    result, more = build(steps)
    diags.extend(more)
    return result, diags


def parse_module_instance(text: str, filename: str = "") -> tuple[ModuleInstance | None, Diagnostics]:
    if text == "":
        return ModuleInstance(), Diagnostics()
    return _parse_with(text, module_instance_from_steps, filename)


def parse_abs_resource_instance(text: str, filename: str = "") -> tuple[AbsResourceInstance | None, Diagnostics]:
    return _parse_with(text, abs_resource_instance_from_steps, filename)


def parse_abs_resource(text: str, filename: str = "") -> tuple[AbsResource | None, Diagnostics]:
    """A whole resource (no instance key), as in ``dependencies`` lists."""
    inst, diags = parse_abs_resource_instance(text, filename)
    if inst is None:
        return None, diags
    if inst.resource.key is not None:
        diags.append(
            _err(
                "Resource instance keys not allowed",
                'Resource address must be a resource (e.g. "test_instance.foo"), not a resource instance '
                '(e.g. "test_instance.foo[1]").',
                None,
            )
        )
        return None, diags
    return inst.containing_resource(), diags


def parse_target(text: str, filename: str = "") -> tuple[Target | None, Diagnostics]:
    return _parse_with(text, target_from_steps, filename)


def parse_abs_provider_config(text: str, filename: str = "") -> tuple[AbsProviderConfig | None, Diagnostics]:
    return _parse_with(text, provider_config_from_steps, filename)

