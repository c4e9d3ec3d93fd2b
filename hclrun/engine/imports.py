"""``import`` blocks: bring an existing object under management, then plan it like any other.

The object is imported and read during plan; the change for its address
carries ``importing`` and has the imported object as its ``before``, and
apply writes it to state (even when nothing else changes).
"""

from __future__ import annotations

from collections.abc import Iterator

from hclrun.addrs import ROOT_MODULE_INSTANCE, AbsResourceInstance
from hclrun.config.model import Import
from hclrun.diagnostics import Diagnostics
from hclrun.engine.evaldata import EvalData
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.import_address import ImportAddress
from hclrun.engine.stateobjects import new_object
from hclrun.eval.evaluator import evaluate
from hclrun.eval.scope import Scope
from hclrun.providers.protocol import ImportResourceStateRequest, Provider, ReadResourceRequest
from hclrun.providers.schema import Schema
from hclrun.states.objects import ResourceInstanceObject
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import STRING
from hclrun.values.value import Value


class ImportTargets:
    """The import blocks of the root module, resolved to instance addresses as the walk reaches them.

    Blocks are grouped by the resource configuration they target; a block
    with ``for_each`` gives one address per element, with ``each`` bound
    in its ``to`` and ``id`` expressions.
    """

    def __init__(self, by_target: dict[tuple[tuple[str, ...], str], list[tuple[Import, ImportAddress]]], data: EvalData) -> None:
        self.by_target = by_target
        self.data = data
        self.blocks: dict[AbsResourceInstance, tuple[Import, Scope]] = {}

    def __contains__(self, addr: object) -> bool:
        return addr in self.blocks

    def resolve(self, module: tuple[str, ...], resource: str, diags: Diagnostics) -> None:
        """Work out the addresses of the blocks targeting a resource configuration (before it is planned)."""
        root = self.data.scope(ROOT_MODULE_INSTANCE)
        for block, address in self.by_target.pop((module, resource), []):
            bindings = [{}] if block.for_each is None else list(_each_bindings(block, root, diags))
            for binding in bindings:
                scope = root.child(binding) if binding else root
                addr = address.resolve(scope, diags)
                if addr is not None:
                    self.blocks[addr] = (block, scope)

    def run(
        self, addr: AbsResourceInstance, provider: Provider, schema: Schema, diags: Diagnostics
    ) -> tuple[ResourceInstanceObject | None, str]:
        block, scope = self.blocks[addr]
        if block.id_expr is None:
            return None, ""
        value, value_diags = evaluate(block.id_expr, scope)
        diags.extend(value_diags)
        plain, _ = value.unmark()
        if value_diags.has_errors() or not plain.is_known or plain.is_null:
            if not value_diags.has_errors():
                diags.error(
                    "Invalid import id argument",
                    "The import ID cannot be null or unknown.",
                    block.id_expr.range,
                )
            return None, ""
        try:
            import_id = str(convert(plain, STRING).raw)
        except ConversionError as exc:
            diags.error("Invalid import id argument", f"The import ID value is unsuitable: {exc}.", block.id_expr.range)
            return None, ""
        type_name = addr.resource.resource.type
        response = provider.import_resource_state(ImportResourceStateRequest(type_name, import_id))
        diags.extend(response.diagnostics)
        if diags.has_errors() or not response.imported_resources:
            return None, import_id
        imported = response.imported_resources[0]
        read = provider.read_resource(ReadResourceRequest(type_name, imported.state, imported.private))
        diags.extend(read.diagnostics)
        if diags.has_errors():
            return None, import_id
        if read.new_state.is_null:
            diags.error(
                "Cannot import non-existent remote object",
                f"While attempting to import an existing object to \"{addr}\", the provider detected that no "
                "object exists with the given id. Only pre-existing objects can be imported; check that the id "
                "is correct and that it is associated with the provider's configured region or endpoint, or use "
                '"terraform apply" to create a new remote object for this resource.',
                block.decl_range,
            )
            return None, import_id
        obj = new_object(
            read.new_state, schema.block.implied_type, schema_version=schema.version, private=read.private or None
        )
        return obj, import_id


def _each_bindings(block: Import, scope: Scope, diags: Diagnostics) -> Iterator[dict[str, Value]]:
    """``each`` for every element of the block's ``for_each`` (a map, set or tuple/list)."""
    assert block.for_each is not None
    value, value_diags = evaluate(block.for_each, scope)
    diags.extend(value_diags)
    plain, _ = value.unmark()
    if value_diags.has_errors():
        return
    if not plain.is_known or plain.is_null:
        diags.error(
            "Invalid for_each argument",
            "The import block for_each value must be known and not null.",
            block.for_each.range,
        )
        return
    t = plain.type
    if t.is_list or t.is_tuple:
        for index, element in enumerate(plain.raw):
            yield each_binding_value(Value.number(index), element)
    elif t.is_set:
        for element in plain.raw:
            yield each_binding_value(element, element)
    elif t.is_map or t.is_object:
        for key, element in plain.raw.items():
            yield each_binding_value(Value.string(key), element)
    else:
        diags.error(
            "Invalid for_each argument",
            f"The import block for_each value must be a map, set, list or tuple, not {t.friendly_name()}.",
            block.for_each.range,
        )


def each_binding_value(key: Value, value: Value) -> dict[str, Value]:
    return {"each": Value.object({"key": key, "value": value})}


def import_targets(cg: ConfigGraph, data: EvalData) -> ImportTargets:
    by_target: dict[tuple[tuple[str, ...], str], list[tuple[Import, ImportAddress]]] = {}
    for block in cg.modules[()].module.imports:
        address = ImportAddress.of(block.to_expr)
        target = address.static_target() if address is not None else None
        if address is not None and target is not None:
            by_target.setdefault(target, []).append((block, address))
    return ImportTargets(by_target, data)
