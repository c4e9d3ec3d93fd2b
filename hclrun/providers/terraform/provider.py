"""The terraform provider, assembled with the provider framework:
``terraform_data``, ``terraform_remote_state`` and the provider functions."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import DataSourceType, ResourceType, SchemaProvider
from hclrun.providers.objects import make_object
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ApplyResourceChangeResponse,
    CallFunctionRequest,
    CallFunctionResponse,
    PlanResourceChangeRequest,
    PlanResourceChangeResponse,
)
from hclrun.providers.schema import load_provider_schema_resource
from hclrun.providers.statejson import StateJSONError
from hclrun.providers.terraform import data_resource, functions, remote_state
from hclrun.values.value import Value

DATA = "terraform_data"
REMOTE_STATE = "terraform_remote_state"


class DataResource(ResourceType):
    """``terraform_data``, planned and applied by ``data_resource`` (kept lean for large configurations)."""

    name = DATA

    def validate(self, config: Value) -> list[Diagnostic]:
        return data_resource.validate(config)

    def plan(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        return data_resource.plan(req)

    def apply(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        return data_resource.apply(req)

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        return make_object(self.schema.block, {"id": Value.string(id)}), []

    def upgrade_error(self, err: StateJSONError) -> Diagnostic:
        return Diagnostic.error(str(err))


class RemoteState(DataSourceType):
    name = REMOTE_STATE

    def validate(self, config: Value) -> list[Diagnostic]:
        return remote_state.validate(config)

    def read(self, config: Value) -> tuple[Value, list[Diagnostic]]:
        return remote_state.read(config)


class TerraformProvider(SchemaProvider):
    def __init__(self) -> None:
        super().__init__(load_provider_schema_resource("hclrun.providers.terraform"), [DataResource()], [RemoteState()])

    def call_function(self, req: CallFunctionRequest) -> CallFunctionResponse:
        return functions.call(req)


__all__ = ["TerraformProvider"]
