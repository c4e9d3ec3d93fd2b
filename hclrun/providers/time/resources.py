"""``time_static``, ``time_rotating`` and ``time_sleep``."""

from __future__ import annotations

import calendar
import threading
from datetime import UTC, datetime, timedelta

from hclrun.diagnostics import Diagnostic
from hclrun.functions.datetime import parse_duration
from hclrun.providers.framework import ResourceType
from hclrun.providers.objects import make_object, with_attrs
from hclrun.providers.paths import attribute_error
from hclrun.values.value import Value

ROTATION_UNITS = ("rotation_days", "rotation_hours", "rotation_minutes", "rotation_months", "rotation_years")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_rfc3339(t: datetime) -> str:
    t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(text: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        return None
    return t if t.tzinfo is not None else None


def timestamp_parts(t: datetime) -> dict[str, Value]:
    u = t.astimezone(UTC)
    return {
        "year": Value.number(u.year),
        "month": Value.number(u.month),
        "day": Value.number(u.day),
        "hour": Value.number(u.hour),
        "minute": Value.number(u.minute),
        "second": Value.number(u.second),
        "unix": Value.number(int(u.timestamp())),
    }


def _check_rfc3339(config: Value, name: str) -> list[Diagnostic]:
    v = config.raw[name]
    if v.is_known and not v.is_null and parse_rfc3339(v.raw) is None:
        return [
            attribute_error(
                (name,),
                "Invalid Attribute Value",
                f'Attribute {name} must be a string in RFC3339 format, got: "{v.raw}"',
            )
        ]
    return []


def add_months(t: datetime, months: int) -> datetime:
    """Go's AddDate for months: overflowing days roll into the next month."""
    total = t.month - 1 + months
    year, month = t.year + total // 12, total % 12 + 1
    days = calendar.monthrange(year, month)[1]
    extra = max(t.day - days, 0)
    return t.replace(year=year, month=month, day=min(t.day, days)) + timedelta(days=extra)


class TimeStatic(ResourceType):
    name = "time_static"
    replace_on_change = ("rfc3339", "triggers")

    def validate(self, config: Value) -> list[Diagnostic]:
        return _check_rfc3339(config, "rfc3339")

    def stamp(self, planned: Value, t: datetime) -> Value:
        attrs = timestamp_parts(t)
        text = Value.string(format_rfc3339(t))
        attrs["id"] = text
        if not planned.raw["rfc3339"].is_known:
            attrs["rfc3339"] = text
        return with_attrs(planned, attrs)

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        given = config.raw["rfc3339"]
        t = now() if given.is_null else parse_rfc3339(given.raw)
        assert t is not None
        return self.stamp(planned, t), []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        t = parse_rfc3339(id)
        if t is None:
            return None, [
                Diagnostic.error(
                    "Import time static error", f"The import ID {id!r} is not an RFC3339 timestamp."
                )
            ]
        attrs = timestamp_parts(t)
        attrs.update({"id": Value.string(id), "rfc3339": Value.string(id)})
        return make_object(self.schema.block, attrs), []


class TimeRotating(ResourceType):
    name = "time_rotating"
    replace_on_change = ("rfc3339", "triggers", "rotation_rfc3339", *ROTATION_UNITS)

    def validate(self, config: Value) -> list[Diagnostic]:
        diags = _check_rfc3339(config, "rfc3339") + _check_rfc3339(config, "rotation_rfc3339")
        names = (*ROTATION_UNITS, "rotation_rfc3339")
        if all(config.raw[n].is_known and config.raw[n].is_null for n in names):
            listed = ",".join(f"[<.{n}>]" for n in names)
            diags.append(
                attribute_error(
                    (),
                    "Missing Attribute Configuration",
                    f"At least one attribute out of [{listed}] must be specified",
                )
            )
        for n in ROTATION_UNITS:
            v = config.raw[n]
            if v.is_known and not v.is_null and v.raw < 1:
                diags.append(
                    attribute_error(
                        (n,),
                        "Invalid Attribute Value",
                        f"Attribute {n} value must be at least 1, got: {int(v.raw)}",
                    )
                )
        return diags

    def rotation(self, base: datetime, state: Value) -> datetime:
        raw = state.raw
        t = base
        for name, unit in (("rotation_years", 12), ("rotation_months", 1)):
            if not raw[name].is_null:
                t = add_months(t, int(raw[name].raw) * unit)
        for name, seconds in (("rotation_days", 86400), ("rotation_hours", 3600), ("rotation_minutes", 60)):
            if not raw[name].is_null:
                t += timedelta(seconds=int(raw[name].raw) * seconds)
        return t

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        given = config.raw["rfc3339"]
        base = now() if given.is_null else parse_rfc3339(given.raw)
        assert base is not None
        rot_given = config.raw["rotation_rfc3339"]
        rot = parse_rfc3339(rot_given.raw) if not rot_given.is_null else self.rotation(base, planned)
        assert rot is not None
        attrs = timestamp_parts(base)
        text = Value.string(format_rfc3339(base))
        attrs.update({"id": text, "rfc3339": text, "rotation_rfc3339": Value.string(format_rfc3339(rot))})
        return with_attrs(planned, attrs), []

    def read(self, state: Value) -> tuple[Value, list[Diagnostic]]:
        rot = parse_rfc3339(state.raw["rotation_rfc3339"].raw)
        if rot is not None and now() >= rot:
            return Value.null(state.type), []  # expired: plan a new one
        return state, []


class TimeSleep(ResourceType):
    name = "time_sleep"
    replace_on_change = ("triggers",)

    def __init__(self) -> None:
        self.stopping = threading.Event()

    def validate(self, config: Value) -> list[Diagnostic]:
        diags = []
        for name in ("create_duration", "destroy_duration"):
            v = config.raw[name]
            if v.is_known and not v.is_null:
                try:
                    parse_duration(v.raw)
                except ValueError as err:
                    diags.append(attribute_error((name,), "Invalid Attribute Value", f"{err}"))
        return diags

    def sleep(self, state: Value, name: str) -> list[Diagnostic]:
        v = state.raw[name]
        if v.is_null:
            return []
        if self.stopping.wait(parse_duration(v.raw) / 1e9):
            return [Diagnostic.error("Interrupted", f"The {name.replace('_', ' ')} was interrupted.")]
        return []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        diags = self.sleep(planned, "create_duration")
        return with_attrs(planned, {"id": Value.string(format_rfc3339(now()))}), diags

    def delete(self, prior: Value) -> list[Diagnostic]:
        return self.sleep(prior, "destroy_duration")

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        create, sep, destroy = id.partition(",")
        if not sep:
            return None, [
                Diagnostic.error(
                    "Import time sleep error",
                    f"The import ID must be in the format CREATE_DURATION,DESTROY_DURATION, got: {id!r}",
                )
            ]
        attrs = {"id": Value.string(format_rfc3339(now()))}
        if create:
            attrs["create_duration"] = Value.string(create)
        if destroy:
            attrs["destroy_duration"] = Value.string(destroy)
        return make_object(self.schema.block, attrs), []
