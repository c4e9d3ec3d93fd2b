"""A provider double for engine tests: ``terraform_data`` semantics, every call recorded,
failures, drift and pauses on demand."""

from __future__ import annotations

import threading
from collections.abc import Callable

from hclrun.diagnostics import Diagnostic
from hclrun.providers.protocol import (
    ApplyResourceChangeRequest,
    ApplyResourceChangeResponse,
    PlanResourceChangeRequest,
    PlanResourceChangeResponse,
    ReadResourceRequest,
    ReadResourceResponse,
)
from hclrun.providers.terraform.provider import TerraformProvider
from hclrun.values.value import Value

SOURCE = "terraform.io/builtin/terraform"


def _input_text(value: Value) -> str:
    if value.is_null or not isinstance(value.raw, dict):
        return ""
    found = value.raw.get("input")
    return found.raw if found is not None and isinstance(found.raw, str) else ""


class RecordingProvider(TerraformProvider):
    """Records ``(call, input)`` pairs; ``fail_inputs`` makes applies of those inputs fail."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []
        self.fail_inputs: set[str] = set()
        self.drift: dict[str, Value] = {}  # input -> new input value read back
        self.before_apply: Callable[[str], None] | None = None
        self._lock = threading.Lock()

    def _record(self, call: str, text: str) -> None:
        with self._lock:
            self.calls.append((call, text))

    def plan_resource_change(self, req: PlanResourceChangeRequest) -> PlanResourceChangeResponse:
        self._record("plan", _input_text(req.proposed_new_state) or _input_text(req.prior_state))
        return super().plan_resource_change(req)

    def apply_resource_change(self, req: ApplyResourceChangeRequest) -> ApplyResourceChangeResponse:
        deleting = req.planned_state.is_null
        text = _input_text(req.prior_state if deleting else req.planned_state)
        if self.before_apply is not None:
            self.before_apply(text)
        self._record("delete" if deleting else "apply", text)
        if text in self.fail_inputs and not deleting:
            return ApplyResourceChangeResponse(
                Value.null(req.planned_state.type), diagnostics=[Diagnostic.error("Creation failed", f"cannot create {text}")]
            )
        return super().apply_resource_change(req)

    def read_resource(self, req: ReadResourceRequest) -> ReadResourceResponse:
        text = _input_text(req.current_state)
        self._record("read", text)
        if text in self.drift:
            attrs = dict(req.current_state.raw)
            attrs["input"] = self.drift[text]
            attrs["output"] = self.drift[text]
            return ReadResourceResponse(Value.object(attrs), req.private)
        return super().read_resource(req)
