"""The built-in ``hashicorp/time`` provider."""

from __future__ import annotations

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import SchemaProvider
from hclrun.providers.schema import load_provider_schema_resource
from hclrun.providers.time.resources import TimeRotating, TimeSleep, TimeStatic

__all__ = ["TimeProvider", "new_provider"]


class TimeProvider(SchemaProvider):
    def __init__(self) -> None:
        self.sleeper = TimeSleep()
        super().__init__(
            load_provider_schema_resource(__name__), [TimeStatic(), TimeRotating(), self.sleeper]
        )

    def stop(self) -> list[Diagnostic]:
        self.sleeper.stopping.set()
        return []


def new_provider() -> TimeProvider:
    return TimeProvider()
