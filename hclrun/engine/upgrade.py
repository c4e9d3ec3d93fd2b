"""Bringing a stored managed object up to the provider's current resource schema.

A state records the schema version each object was written with. Before an
object is refreshed or planned, one written with an older version is handed
to the provider's ``upgrade_resource_state`` with its attributes exactly as
stored; the result must be wholly known and of the current schema's type,
and is recorded with the current version. An object from a newer version
cannot be read at all. Objects already at the current version are used as
they are.
"""

from __future__ import annotations

import json
from dataclasses import replace

from hclrun.addrs import AbsResourceInstance, ResourceMode
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.engine.stateobjects import new_object
from hclrun.providers.protocol import Provider, UpgradeResourceStateRequest
from hclrun.providers.schema import Schema
from hclrun.states.objects import ResourceInstanceObject
from hclrun.values.types import DYNAMIC, ListType, MapType, ObjectType, SetType, TupleType, Type

NEWER_DETAIL = (
    "The current state of {addr} was created by a newer provider version than is currently selected. "
    "Upgrade the {provider} provider to work with this state."
)
INVALID_DETAIL = "The {provider} provider upgraded the state for {addr} from a previous version, but produced an invalid result: {why}."


def implied_provider(addr: AbsResourceInstance) -> str:
    """The provider name a resource type implies: its prefix before the first underscore."""
    return addr.resource.resource.type.split("_", 1)[0]


def upgrade_object(
    addr: AbsResourceInstance,
    provider: Provider,
    schema: Schema,
    obj: ResourceInstanceObject,
    diags: Diagnostics,
) -> ResourceInstanceObject | None:
    """``obj`` at the current schema version, or None (with errors in ``diags``) when it cannot be."""
    if obj.schema_version == schema.version or addr.resource.resource.mode is not ResourceMode.MANAGED:
        return obj
    if obj.schema_version > schema.version:
        diags.add(
            Diagnostic.error(
                "Resource instance managed by newer provider version",
                NEWER_DETAIL.format(addr=addr, provider=implied_provider(addr)),
            )
        )
        return None
    raw = json.dumps(obj.attributes, separators=(",", ":"))
    response = provider.upgrade_resource_state(UpgradeResourceStateRequest(addr.resource.resource.type, obj.schema_version, raw))
    found = Diagnostics(response.diagnostics)
    diags.extend(found)
    if found.has_errors():
        return None
    upgraded = response.upgraded_state
    want = schema.block.implied_type
    why = ""
    if not conforms(upgraded.type, want):
        why = f"the returned state has type {upgraded.type.friendly_name()}, not the current schema's {want.friendly_name()}"
    elif not upgraded.is_wholly_known:
        why = "The returned state contains unknown values"
    if why:
        diags.error("Invalid resource state upgrade", INVALID_DETAIL.format(provider=implied_provider(addr), addr=addr, why=why))
        return None
    encoded = new_object(upgraded, want, schema_version=schema.version)
    return replace(obj, attributes=encoded.attributes, schema_version=schema.version)


def conforms(got: Type, want: Type) -> bool:
    """Whether a value of type ``got`` fits ``want``, where ``want``'s dynamic parts accept any type."""
    if want is DYNAMIC or got == want:
        return True
    if isinstance(want, ObjectType):
        return (
            isinstance(got, ObjectType)
            and got.attributes.keys() == want.attributes.keys()
            and all(conforms(got.attributes[k], t) for k, t in want.attributes.items())
        )
    if isinstance(want, TupleType):
        return (
            isinstance(got, TupleType)
            and len(got.elements) == len(want.elements)
            and all(conforms(g, w) for g, w in zip(got.elements, want.elements, strict=True))
        )
    if isinstance(want, ListType | SetType | MapType):
        return type(got) is type(want) and conforms(got.element, want.element)  # type: ignore[attr-defined]
    return False
