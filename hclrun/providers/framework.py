"""A small framework for writing providers: one class per resource type and data
source, and a ``SchemaProvider`` that dispatches protocol calls to them.

``ResourceType.plan`` implements the usual planning rules, so most resources
only declare data and write ``create``/``read``/``delete``:

* ``defaults``: values for optional+computed attributes the config leaves null;
* ``replace_on_change``: attributes whose change forces replacement;
* ``keep_on_update``: computed attributes that keep their prior value when the
  instance is updated in place (otherwise they become unknown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from hclrun.diagnostics import Diagnostic
from hclrun.providers import objects
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ApplyResourceChangeResponse,
    AttributePath,
    GetSchemaResponse,
    ImportedResource,
    ImportResourceStateRequest,
    ImportResourceStateResponse,
    PlanResourceChangeRequest,
    PlanResourceChangeResponse,
    Provider,
    ReadDataSourceRequest,
    ReadDataSourceResponse,
    ReadResourceRequest,
    ReadResourceResponse,
    UpgradeResourceStateRequest,
    UpgradeResourceStateResponse,
    ValidateDataResourceConfigRequest,
    ValidateDataResourceConfigResponse,
    ValidateResourceConfigRequest,
    ValidateResourceConfigResponse,
)
from hclrun.providers.schema import ProviderSchema, Schema
from hclrun.providers.statejson import StateJSONError, value_from_state_json
from hclrun.values.value import Value


class ResourceType:
    """One managed resource type. ``schema`` is set by ``SchemaProvider``."""

    name: ClassVar[str] = ""
    defaults: ClassVar[Mapping[str, Value]] = {}
    replace_on_change: ClassVar[tuple[str, ...]] = ()
    keep_on_update: ClassVar[frozenset[str]] = frozenset()
    schema: Schema

    # ---- hooks for subclasses

    def validate(self, config: Value) -> list[Diagnostic]:
        return []

    def replace_paths(self, prior: Value, planned: Value) -> list[AttributePath]:
        return [
            (name,) for name in self.replace_on_change if not objects.same(prior.raw[name], planned.raw[name])
        ]

    def modify_plan(self, prior: Value, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        """Last adjustments to a non-null plan (prior may be null)."""
        return planned, []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        raise NotImplementedError

    def update(self, prior: Value, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        return planned, []

    def delete(self, prior: Value) -> list[Diagnostic]:
        return []

    def read(self, state: Value) -> tuple[Value, list[Diagnostic]]:
        """The current object, or a typed null when it no longer exists."""
        return state, []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        return None, [
            Diagnostic.error(
                "Resource Import Not Implemented",
                f"This resource does not support import. The resource type is {self.name}.",
            )
        ]

    # ---- the protocol, in terms of the hooks

    def plan(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        proposed = req.proposed_new_state
        if proposed.is_null:
            return PlanResourceChangeResponse(proposed)
        block = self.schema.block
        config = req.config
        changes: dict[str, Value] = {}
        for name, default in self.defaults.items():
            if config.raw[name].is_null:
                changes[name] = default
        planned = objects.with_attrs(proposed, changes) if changes else proposed
        prior = req.prior_state
        replace: list[AttributePath] = []
        if prior.is_null:
            changed = True
        else:
            replace = self.replace_paths(prior, planned)
            changed = (
                bool(replace)
                or any(
                    not objects.same(prior.raw[n], planned.raw[n])
                    for n in block.attributes
                    if n not in block.computed_names
                )
                or any(not objects.same(prior.raw[n], planned.raw[n]) for n in self.defaults)
            )
        if changed:
            unknowns = {
                n: Value.unknown(block.attributes[n].type)
                for n in block.computed_names
                if config.raw[n].is_null
                and n not in self.defaults
                and not (n in self.keep_on_update and not prior.is_null and not replace)
            }
            if unknowns:
                planned = objects.with_attrs(planned, unknowns)
        planned, diags = self.modify_plan(prior, planned, config)
        return PlanResourceChangeResponse(planned, replace, req.prior_private, diags)

    def apply(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        if req.planned_state.is_null:
            return ApplyResourceChangeResponse(req.planned_state, b"", self.delete(req.prior_state))
        if req.prior_state.is_null:
            state, diags = self.create(req.planned_state, req.config)
        else:
            state, diags = self.update(req.prior_state, req.planned_state, req.config)
        if any(d.is_error for d in diags) and not state.is_wholly_known:
            state = req.prior_state
        return ApplyResourceChangeResponse(state, req.planned_private, diags)

    def upgrade(self, req: UpgradeResourceStateRequest) -> UpgradeResourceStateResponse:
        block = self.schema.block
        try:
            return UpgradeResourceStateResponse(value_from_state_json(req.raw_state_json, block.implied_type))
        except StateJSONError as err:
            return UpgradeResourceStateResponse(Value.null(block.implied_type), [self.upgrade_error(err)])

    def upgrade_error(self, err: StateJSONError) -> Diagnostic:
        """The problem reported for a stored state that does not decode."""
        return Diagnostic.error("Failed to decode resource state", f"The stored state could not be decoded: {err}.")


class DataSourceType:
    name: ClassVar[str] = ""
    schema: Schema

    def validate(self, config: Value) -> list[Diagnostic]:
        return []

    def read(self, config: Value) -> tuple[Value, list[Diagnostic]]:
        raise NotImplementedError


def _unsupported(kind: str, type_name: str) -> Diagnostic:
    return Diagnostic.error(f"Unsupported {kind}", f"This provider has no {kind} named {type_name!r}.")


class SchemaProvider(Provider):
    """A provider assembled from a schema and resource/data source classes."""

    def __init__(
        self,
        schema: ProviderSchema,
        resources: Sequence[ResourceType],
        data_sources: Sequence[DataSourceType] = (),
    ) -> None:
        self.schema = schema
        self._schema_response = GetSchemaResponse(schema)
        self.resources: dict[str, ResourceType] = {}
        self.data_sources: dict[str, DataSourceType] = {}
        for r in resources:
            r.schema = schema.resource_schemas[r.name]
            self.resources[r.name] = r
        for d in data_sources:
            d.schema = schema.data_source_schemas[d.name]
            self.data_sources[d.name] = d

    def get_schema(self) -> GetSchemaResponse:
        return self._schema_response

    def validate_resource_config(self, req: ValidateResourceConfigRequest) -> ValidateResourceConfigResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return ValidateResourceConfigResponse([_unsupported("resource type", req.type_name)])
        return ValidateResourceConfigResponse(r.validate(req.config))

    def validate_data_resource_config(
        self, req: ValidateDataResourceConfigRequest
    ) -> ValidateDataResourceConfigResponse:
        d = self.data_sources.get(req.type_name)
        if d is None:
            return ValidateDataResourceConfigResponse([_unsupported("data source", req.type_name)])
        return ValidateDataResourceConfigResponse(d.validate(req.config))

    def plan_resource_change(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return PlanResourceChangeResponse(
                req.proposed_new_state, diagnostics=[_unsupported("resource type", req.type_name)]
            )
        return r.plan(req)

    def apply_resource_change(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return ApplyResourceChangeResponse(
                req.prior_state, diagnostics=[_unsupported("resource type", req.type_name)]
            )
        return r.apply(req)

    def read_resource(self, req: ReadResourceRequest) -> ReadResourceResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return ReadResourceResponse(
                req.current_state, diagnostics=[_unsupported("resource type", req.type_name)]
            )
        if req.current_state.is_null:
            return ReadResourceResponse(req.current_state, req.private)
        state, diags = r.read(req.current_state)
        return ReadResourceResponse(state, req.private, diags)

    def import_resource_state(self, req: ImportResourceStateRequest) -> ImportResourceStateResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return ImportResourceStateResponse(diagnostics=[_unsupported("resource type", req.type_name)])
        state, diags = r.import_state(req.id)
        if state is None:
            return ImportResourceStateResponse([], diags)
        return ImportResourceStateResponse([ImportedResource(req.type_name, state)], diags)

    def upgrade_resource_state(self, req: UpgradeResourceStateRequest) -> UpgradeResourceStateResponse:
        r = self.resources.get(req.type_name)
        if r is None:
            return UpgradeResourceStateResponse(Value.null(), [_unsupported("resource type", req.type_name)])
        return r.upgrade(req)

    def read_data_source(self, req: ReadDataSourceRequest) -> ReadDataSourceResponse:
        d = self.data_sources.get(req.type_name)
        if d is None:
            return ReadDataSourceResponse(req.config, [_unsupported("data source", req.type_name)])
        state, diags = d.read(req.config)
        return ReadDataSourceResponse(state, diags)
