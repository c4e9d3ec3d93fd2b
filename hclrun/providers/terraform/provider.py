"""The terraform provider: dispatch to ``terraform_data``, ``terraform_remote_state``
and the provider functions."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.providers.objects import make_object
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ApplyResourceChangeResponse,
    CallFunctionRequest,
    CallFunctionResponse,
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
from hclrun.providers.schema import load_provider_schema_resource
from hclrun.providers.statejson import StateJSONError, value_from_state_json
from hclrun.providers.terraform import data_resource, functions, remote_state
from hclrun.values.value import Value

DATA = "terraform_data"
REMOTE_STATE = "terraform_remote_state"


def _unsupported(kind: str, name: str) -> list[Diagnostic]:
    return [Diagnostic.error(f"Error: unsupported {kind} {name}")]


class TerraformProvider(Provider):
    def __init__(self) -> None:
        self.schema = load_provider_schema_resource("hclrun.providers.terraform")
        self._schema_response = GetSchemaResponse(self.schema)
        self._data_block = self.schema.resource_schemas[DATA].block

    def get_schema(self) -> GetSchemaResponse:
        return self._schema_response

    def validate_resource_config(self, req: ValidateResourceConfigRequest) -> ValidateResourceConfigResponse:
        if req.type_name != DATA:
            return ValidateResourceConfigResponse(_unsupported("resource", req.type_name))
        return ValidateResourceConfigResponse(data_resource.validate(req.config))

    def validate_data_resource_config(
        self, req: ValidateDataResourceConfigRequest
    ) -> ValidateDataResourceConfigResponse:
        if req.type_name != REMOTE_STATE:
            return ValidateDataResourceConfigResponse(_unsupported("data source", req.type_name))
        return ValidateDataResourceConfigResponse(remote_state.validate(req.config))

    def plan_resource_change(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        if req.type_name != DATA:
            return PlanResourceChangeResponse(
                req.proposed_new_state, diagnostics=_unsupported("resource", req.type_name)
            )
        return data_resource.plan(req)

    def apply_resource_change(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        if req.type_name != DATA:
            return ApplyResourceChangeResponse(
                req.prior_state, diagnostics=_unsupported("resource", req.type_name)
            )
        return data_resource.apply(req)

    def read_resource(self, req: ReadResourceRequest) -> ReadResourceResponse:
        return ReadResourceResponse(req.current_state, req.private)

    def import_resource_state(self, req: ImportResourceStateRequest) -> ImportResourceStateResponse:
        if req.type_name != DATA:
            return ImportResourceStateResponse(diagnostics=_unsupported("resource", req.type_name))
        state = make_object(self._data_block, {"id": Value.string(req.id)})
        return ImportResourceStateResponse([ImportedResource(req.type_name, state)])

    def upgrade_resource_state(self, req: UpgradeResourceStateRequest) -> UpgradeResourceStateResponse:
        t = self._data_block.implied_type
        try:
            return UpgradeResourceStateResponse(value_from_state_json(req.raw_state_json, t))
        except StateJSONError as err:
            return UpgradeResourceStateResponse(Value.null(t), [Diagnostic.error(str(err))])

    def read_data_source(self, req: ReadDataSourceRequest) -> ReadDataSourceResponse:
        if req.type_name != REMOTE_STATE:
            return ReadDataSourceResponse(req.config, _unsupported("data source", req.type_name))
        state, diags = remote_state.read(req.config)
        return ReadDataSourceResponse(state, diags)

    def call_function(self, req: CallFunctionRequest) -> CallFunctionResponse:
        return functions.call(req)


__all__ = ["TerraformProvider"]
