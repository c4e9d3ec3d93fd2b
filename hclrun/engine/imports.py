"""``import`` blocks: bring an existing object under management, then plan it like any other.

The object is imported and read during plan; the change for its address
carries ``importing`` and has the imported object as its ``before``, and
apply writes it to state (even when nothing else changes).
"""

from __future__ import annotations

from hclrun.addrs import ROOT_MODULE_INSTANCE, AbsResourceInstance, parse_abs_resource_instance
from hclrun.config.model import Import
from hclrun.diagnostics import Diagnostics
from hclrun.engine.evaldata import EvalData
from hclrun.engine.graph_build import ConfigGraph
from hclrun.engine.stateobjects import new_object
from hclrun.eval.evaluator import evaluate
from hclrun.eval.references import traversal_string
from hclrun.providers.protocol import ImportResourceStateRequest, Provider, ReadResourceRequest
from hclrun.providers.schema import Schema
from hclrun.states.objects import ResourceInstanceObject
from hclrun.syntax import ast
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import STRING


class ImportTargets:
    def __init__(self, blocks: dict[AbsResourceInstance, Import], data: EvalData) -> None:
        self.blocks = blocks
        self.data = data

    def __contains__(self, addr: object) -> bool:
        return addr in self.blocks

    def run(
        self, addr: AbsResourceInstance, provider: Provider, schema: Schema, diags: Diagnostics
    ) -> tuple[ResourceInstanceObject | None, str]:
        block = self.blocks[addr]
        if block.id_expr is None:
            return None, ""
        value, value_diags = evaluate(block.id_expr, self.data.scope(ROOT_MODULE_INSTANCE))
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


def import_targets(cg: ConfigGraph, data: EvalData) -> ImportTargets:
    blocks: dict[AbsResourceInstance, Import] = {}
    root = cg.modules[()].module
    for block in root.imports:
        if block.for_each is not None or not isinstance(block.to_expr, ast.ScopeTraversalExpr):
            continue
        addr, _ = parse_abs_resource_instance(traversal_string(block.to_expr.traversal))
        if addr is not None:
            blocks[addr] = block
    return ImportTargets(blocks, data)
