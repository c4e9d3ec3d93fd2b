"""The random provider's resources. Every configurable argument forces replacement;
results are unknown at plan and generated at create."""

from __future__ import annotations

import base64
import os
import random
import secrets
import uuid
from typing import ClassVar

import bcrypt

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import ResourceType
from hclrun.providers.objects import make_object, same, with_attrs
from hclrun.providers.paths import attribute_error
from hclrun.providers.protocol import AttributePath
from hclrun.providers.random import words
from hclrun.providers.random.charset import EmptyCharacterSet, StringRules, generate
from hclrun.values.types import STRING, ListType
from hclrun.values.value import TRUE, Value

ZERO = Value.number(0)


def _int(v: Value) -> int | None:
    return None if v.is_null or not v.is_known else int(v.raw)


def _invalid(path: str, detail: str) -> Diagnostic:
    return attribute_error((path,), "Invalid Attribute Value", detail)


def _set_keepers(v: Value) -> dict[str, Value]:
    if v.is_null or not v.is_known:
        return {}
    return {k: e for k, e in v.raw.items() if not e.is_null}


class RandomResource(ResourceType):
    """Keepers replace only when their non-null values change."""

    def replace_paths(self, prior: Value, planned: Value) -> list[AttributePath]:
        paths: list[AttributePath] = []
        for name in self.replace_on_change:
            before, after = prior.raw[name], planned.raw[name]
            if name == "keepers":
                a, b = _set_keepers(before), _set_keepers(after)
                if a.keys() != b.keys() or any(not same(a[k], b[k]) for k in a) or not after.is_known:
                    paths.append((name,))
            elif not same(before, after):
                paths.append((name,))
        return paths


class RandomId(RandomResource):
    name = "random_id"
    replace_on_change = ("keepers", "byte_length", "prefix")

    def validate(self, config: Value) -> list[Diagnostic]:
        n = _int(config.raw["byte_length"])
        if n is not None and n < 1:
            return [_invalid("byte_length", f"Attribute byte_length value must be at least 1, got: {n}")]
        return []

    @staticmethod
    def encodings(data: bytes, prefix: str) -> dict[str, Value]:
        url = base64.urlsafe_b64encode(data).decode().rstrip("=")
        return {
            "id": Value.string(url),
            "b64_url": Value.string(prefix + url),
            "b64_std": Value.string(prefix + base64.b64encode(data).decode()),
            "hex": Value.string(prefix + data.hex()),
            "dec": Value.string(prefix + str(int.from_bytes(data, "big"))),
        }

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        prefix = planned.raw["prefix"]
        data = os.urandom(int(planned.raw["byte_length"].raw))
        return with_attrs(planned, self.encodings(data, "" if prefix.is_null else prefix.raw)), []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        prefix, _, encoded = id.rpartition(",")
        try:
            data = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        except ValueError as err:
            return None, [
                Diagnostic.error(
                    "Import Random ID Error",
                    f"While attempting to import a random id there was a decoding error: {err}",
                )
            ]
        attrs = self.encodings(data, prefix)
        attrs["byte_length"] = Value.number(len(data))
        if prefix:
            attrs["prefix"] = Value.string(prefix)
        return make_object(self.schema.block, attrs), []


class RandomString(RandomResource):
    name = "random_string"
    sensitive_result = False
    defaults: ClassVar = {
        "special": TRUE,
        "upper": TRUE,
        "lower": TRUE,
        "number": TRUE,
        "numeric": TRUE,
        "min_numeric": ZERO,
        "min_upper": ZERO,
        "min_lower": ZERO,
        "min_special": ZERO,
    }
    replace_on_change = (
        "keepers",
        "length",
        "special",
        "upper",
        "lower",
        "number",
        "numeric",
        "min_numeric",
        "min_upper",
        "min_lower",
        "min_special",
        "override_special",
    )

    def validate(self, config: Value) -> list[Diagnostic]:
        raw = config.raw
        diags: list[Diagnostic] = []
        length = _int(raw["length"])
        mins = [_int(raw[f"min_{c}"]) for c in ("upper", "lower", "numeric", "special")]
        if length is not None and length < 1:
            diags.append(_invalid("length", f"Attribute length value must be at least 1, got: {length}"))
        elif length is not None and all(
            m is not None or raw[f"min_{c}"].is_null
            for m, c in zip(mins, ("upper", "lower", "numeric", "special"), strict=True)
        ):
            total = sum(m or 0 for m in mins)
            if length < total:
                diags.append(
                    _invalid(
                        "length",
                        "Attribute length value must be at least sum of min_upper + min_lower + min_numeric + min_special, got: "
                        + str(length),
                    )
                )
        flags = [raw[n] for n in ("special", "upper", "lower", "numeric")]
        if all(f.is_known and f.raw is False for f in flags):
            diags.append(
                _invalid(
                    "numeric",
                    "At least one attribute out of [special upper lower numeric] must be specified as true",
                )
            )
        return diags

    def modify_plan(self, prior: Value, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        # "number" is the deprecated spelling of "numeric"; they always agree.
        number, numeric = config.raw["number"], config.raw["numeric"]
        if number.is_null and not numeric.is_null:
            planned = with_attrs(planned, {"number": numeric})
        elif numeric.is_null and not number.is_null:
            planned = with_attrs(planned, {"numeric": number})
        return planned, []

    def rules(self, state: Value) -> StringRules:
        raw = state.raw
        override = raw["override_special"]
        return StringRules(
            length=int(raw["length"].raw),
            upper=raw["upper"].raw,
            lower=raw["lower"].raw,
            numeric=bool(raw["numeric"].raw and raw["number"].raw),
            special=raw["special"].raw,
            min_upper=int(raw["min_upper"].raw),
            min_lower=int(raw["min_lower"].raw),
            min_numeric=int(raw["min_numeric"].raw),
            min_special=int(raw["min_special"].raw),
            override_special="" if override.is_null else override.raw,
        )

    def result_attrs(self, result: str) -> dict[str, Value]:
        return {"result": Value.string(result), "id": Value.string(result)}

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        try:
            result = generate(self.rules(planned))
        except EmptyCharacterSet as err:
            return planned, [
                Diagnostic.error(
                    "Create Random String Error",
                    f"While attempting to generate a random value for this resource, an error occurred.\n\nError: {err}",
                )
            ]
        return with_attrs(planned, self.result_attrs(result)), []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        attrs = dict(self.defaults)
        attrs.update(self.result_attrs(id))
        attrs["length"] = Value.number(len(id))
        return make_object(self.schema.block, attrs), []


class RandomPassword(RandomString):
    name = "random_password"

    def result_attrs(self, result: str) -> dict[str, Value]:
        hashed = bcrypt.hashpw(result.encode(), bcrypt.gensalt(10)).decode()
        return {
            "result": Value.string(result),
            "id": Value.string("none"),
            "bcrypt_hash": Value.string(hashed),
        }


class RandomInteger(RandomResource):
    name = "random_integer"
    replace_on_change = ("keepers", "min", "max", "seed")

    def validate(self, config: Value) -> list[Diagnostic]:
        lo, hi = _int(config.raw["min"]), _int(config.raw["max"])
        if lo is not None and hi is not None and hi < lo:
            return [_invalid("max", f"Attribute max value must be at least {lo}, got: {hi}")]
        return []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        lo, hi = int(planned.raw["min"].raw), int(planned.raw["max"].raw)
        seed = planned.raw["seed"]
        rng = random.Random(seed.raw) if not seed.is_null else secrets.SystemRandom()
        n = rng.randint(lo, hi)
        return with_attrs(planned, {"result": Value.number(n), "id": Value.string(str(n))}), []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        parts = id.split(",")
        try:
            if len(parts) not in (3, 4):
                raise ValueError("wrong number of parts")
            result, lo, hi = (int(p) for p in parts[:3])
        except ValueError:
            return None, [
                Diagnostic.error(
                    "Invalid Import Identifier",
                    f"Expected the import identifier to be in the format result,min,max[,seed], got: {id}",
                )
            ]
        attrs = {
            "result": Value.number(result),
            "min": Value.number(lo),
            "max": Value.number(hi),
            "id": Value.string(parts[0]),
        }
        if len(parts) == 4:
            attrs["seed"] = Value.string(parts[3])
        return make_object(self.schema.block, attrs), []


class RandomPet(RandomResource):
    name = "random_pet"
    defaults: ClassVar = {"length": Value.number(2), "separator": Value.string("-")}
    replace_on_change = ("keepers", "length", "prefix", "separator")

    def validate(self, config: Value) -> list[Diagnostic]:
        n = _int(config.raw["length"])
        if n is not None and n < 1:
            return [_invalid("length", f"Attribute length value must be at least 1, got: {n}")]
        return []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        length = int(planned.raw["length"].raw)
        sep = planned.raw["separator"].raw
        parts = [secrets.choice(words.ADVERBS) for _ in range(max(length - 2, 0))]
        if length >= 2:
            parts.append(secrets.choice(words.ADJECTIVES))
        parts.append(secrets.choice(words.NAMES))
        prefix = planned.raw["prefix"]
        if not prefix.is_null:
            parts.insert(0, prefix.raw)
        return with_attrs(planned, {"id": Value.string(sep.join(parts))}), []


class RandomUuid(RandomResource):
    name = "random_uuid"
    replace_on_change = ("keepers",)

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        u = Value.string(str(uuid.uuid4()))
        return with_attrs(planned, {"result": u, "id": u}), []

    def import_state(self, id: str) -> tuple[Value | None, list[Diagnostic]]:
        try:
            u = str(uuid.UUID(id))
        except ValueError:
            return None, [
                Diagnostic.error(
                    "Import Random UUID Error",
                    f"There was an error during the parsing of the UUID.\n\nError: invalid UUID {id!r}",
                )
            ]
        return make_object(self.schema.block, {"result": Value.string(u), "id": Value.string(u)}), []


class RandomShuffle(RandomResource):
    name = "random_shuffle"
    replace_on_change = ("keepers", "seed", "input", "result_count")

    def validate(self, config: Value) -> list[Diagnostic]:
        n = _int(config.raw["result_count"])
        if n is not None and n < 0:
            return [_invalid("result_count", f"Attribute result_count value must be at least 0, got: {n}")]
        return []

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        items = list(planned.raw["input"].raw)
        seed = planned.raw["seed"]
        rng = random.Random(seed.raw) if not seed.is_null else secrets.SystemRandom()
        count = _int(planned.raw["result_count"])
        if count is None:
            count = len(items)
        rng.shuffle(items)
        result: list[Value] = []
        while len(result) < count and items:  # longer than the input: wrap around
            result.extend(items[: count - len(result)])
        return with_attrs(
            planned,
            {
                "result": Value.list(result, STRING) if result else Value(ListType(STRING), ()),
                "id": Value.string("-"),
            },
        ), []
