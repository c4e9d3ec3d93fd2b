"""Provider schemas as data: blocks, attributes and nested block types.

A provider ships its schema as a JSON file in the shape one entry of
``terraform providers schema -json`` has (``provider``, ``resource_schemas``,
``data_source_schemas``, ``functions``). ``load_provider_schema`` validates it
once against the meta-schema (``schema_meta.json``) and builds the model;
``ProviderSchema.to_json_data`` writes it back in exactly Terraform's shape.
``Block.implied_type`` gives the object type values of that block have.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import field
from functools import cached_property
from importlib import resources
from typing import Any

from hclrun.records import record
from hclrun.values.json import type_from_json, type_to_json
from hclrun.values.types import ListType, MapType, ObjectType, SetType, Type

NESTING_MODES = ("single", "group", "list", "set", "map")


class SchemaError(ValueError):
    """A provider's schema file is malformed (a bug in the provider)."""


@record
class Attribute:
    type: Type
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False
    deprecated: bool = False
    description: str = ""
    description_kind: str = "plain"


@record
class NestedBlock:
    nesting_mode: str
    block: Block
    min_items: int = 0
    max_items: int = 0


@record(eq=False)
class Block:
    attributes: Mapping[str, Attribute] = field(default_factory=dict)
    block_types: Mapping[str, NestedBlock] = field(default_factory=dict)
    description: str = ""
    description_kind: str = "plain"
    deprecated: bool = False

    @cached_property
    def implied_type(self) -> ObjectType:
        """The object type of this block's values (cty's ImpliedType)."""
        attrs: dict[str, Type] = {name: a.type for name, a in self.attributes.items()}
        for name, nb in self.block_types.items():
            inner: Type = nb.block.implied_type
            mode = nb.nesting_mode
            if mode == "list":
                inner = ListType(inner)
            elif mode == "set":
                inner = SetType(inner)
            elif mode == "map":
                inner = MapType(inner)
            attrs[name] = inner
        return ObjectType(attrs)

    @cached_property
    def computed_names(self) -> frozenset[str]:
        return frozenset(n for n, a in self.attributes.items() if a.computed)

    @cached_property
    def sensitive_names(self) -> frozenset[str]:
        return frozenset(n for n, a in self.attributes.items() if a.sensitive)


@record
class Schema:
    """A resource, data source or provider configuration schema."""

    block: Block
    version: int = 0
    # False when the provider declared no block at all (Terraform omits it in JSON).
    has_block: bool = True


@record
class FunctionParameter:
    name: str
    type: Type
    description: str = ""
    is_nullable: bool = False


@record
class FunctionSignature:
    return_type: Type
    parameters: tuple[FunctionParameter, ...] = ()
    variadic_parameter: FunctionParameter | None = None
    description: str = ""
    summary: str = ""
    deprecation_message: str = ""


@record
class ProviderSchema:
    provider: Schema = field(default_factory=lambda: Schema(Block(), has_block=False))
    resource_schemas: Mapping[str, Schema] = field(default_factory=dict)
    data_source_schemas: Mapping[str, Schema] = field(default_factory=dict)
    functions: Mapping[str, FunctionSignature] = field(default_factory=dict)

    def to_json_data(self) -> dict[str, Any]:
        """This schema as one entry of ``terraform providers schema -json``."""
        out: dict[str, Any] = {"provider": _schema_data(self.provider)}
        if self.resource_schemas:
            out["resource_schemas"] = {k: _schema_data(s) for k, s in sorted(self.resource_schemas.items())}
        if self.data_source_schemas:
            out["data_source_schemas"] = {
                k: _schema_data(s) for k, s in sorted(self.data_source_schemas.items())
            }
        if self.functions:
            out["functions"] = {k: _function_data(f) for k, f in sorted(self.functions.items())}
        return out


def providers_schema_json(schemas: Mapping[str, ProviderSchema]) -> str:
    """The whole document ``terraform providers schema -json`` prints, keyed by provider source."""
    doc: dict[str, Any] = {"format_version": "1.0"}
    if schemas:
        doc["provider_schemas"] = {src: s.to_json_data() for src, s in sorted(schemas.items())}
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    # Go's encoder escapes these even inside strings (they only occur there).
    for ch, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, esc)
    return text


# --------------------------------------------------------------------------- writing


def _schema_data(s: Schema) -> dict[str, Any]:
    if not s.has_block:
        return {"version": s.version}
    return {"version": s.version, "block": _block_data(s.block)}


def _block_data(b: Block) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if b.attributes:
        out["attributes"] = {k: _attribute_data(a) for k, a in sorted(b.attributes.items())}
    if b.block_types:
        out["block_types"] = {k: _nested_data(nb) for k, nb in sorted(b.block_types.items())}
    if b.description:
        out["description"] = b.description
    out["description_kind"] = b.description_kind
    if b.deprecated:
        out["deprecated"] = True
    return out


def _attribute_data(a: Attribute) -> dict[str, Any]:
    out: dict[str, Any] = {"type": json.loads(type_to_json(a.type))}
    if a.description:
        out["description"] = a.description
    out["description_kind"] = a.description_kind
    for flag in ("deprecated", "required", "optional", "computed", "sensitive"):
        if getattr(a, flag):
            out[flag] = True
    return out


def _nested_data(nb: NestedBlock) -> dict[str, Any]:
    out: dict[str, Any] = {"nesting_mode": nb.nesting_mode, "block": _block_data(nb.block)}
    if nb.min_items:
        out["min_items"] = nb.min_items
    if nb.max_items:
        out["max_items"] = nb.max_items
    return out


def _parameter_data(p: FunctionParameter) -> dict[str, Any]:
    out: dict[str, Any] = {"name": p.name}
    if p.description:
        out["description"] = p.description
    if p.is_nullable:
        out["is_nullable"] = True
    out["type"] = json.loads(type_to_json(p.type))
    return out


def _function_data(f: FunctionSignature) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if f.description:
        out["description"] = f.description
    if f.summary:
        out["summary"] = f.summary
    if f.deprecation_message:
        out["deprecation_message"] = f.deprecation_message
    out["return_type"] = json.loads(type_to_json(f.return_type))
    if f.parameters:
        out["parameters"] = [_parameter_data(p) for p in f.parameters]
    if f.variadic_parameter is not None:
        out["variadic_parameter"] = _parameter_data(f.variadic_parameter)
    return out


# --------------------------------------------------------------------------- reading


@record
class _MetaSchema:
    validator: Any


_META: list[_MetaSchema] = []


def _meta_validator() -> Any:
    if not _META:
        import jsonschema

        text = resources.files("hclrun.providers").joinpath("schema_meta.json").read_text("utf-8")
        meta = json.loads(text)
        jsonschema.Draft202012Validator.check_schema(meta)
        _META.append(_MetaSchema(jsonschema.Draft202012Validator(meta)))
    return _META[0].validator


def validate_schema_data(data: Any) -> list[str]:
    """Meta-schema violations of a provider schema document, as readable messages."""
    errors = sorted(_meta_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in errors]


def load_provider_schema(data: Any, *, check: bool = True) -> ProviderSchema:
    """Build the model from a parsed schema document; raises ``SchemaError`` when invalid.

    ``check=False`` skips the meta-schema check: for the schemas hclrun ships,
    which its test suite checks, so that start-up does not pay for jsonschema.
    """
    if check:
        problems = validate_schema_data(data)
        if problems:
            raise SchemaError("invalid provider schema: " + "; ".join(problems))
    return ProviderSchema(
        provider=_schema(data.get("provider", {"version": 0})),
        resource_schemas={k: _schema(v) for k, v in data.get("resource_schemas", {}).items()},
        data_source_schemas={k: _schema(v) for k, v in data.get("data_source_schemas", {}).items()},
        functions={k: _function(v) for k, v in data.get("functions", {}).items()},
    )


BUILTIN_PACKAGE_PREFIX = "hclrun.providers."


def load_provider_schema_resource(package: str, filename: str = "schema.json") -> ProviderSchema:
    """Load the schema file a provider package ships next to its code.

    Third-party schemas are checked against the meta-schema; hclrun's own are
    checked by its tests instead.
    """
    text = resources.files(package).joinpath(filename).read_text("utf-8")
    return load_provider_schema(json.loads(text), check=not package.startswith(BUILTIN_PACKAGE_PREFIX))


def load_builtin_provider_schema(package: str) -> ProviderSchema:
    """The schema a built-in provider package (``hclrun.providers.<name>``) ships, read
    without importing the package, so that schema checks do not load provider code."""
    leaf = package.removeprefix(BUILTIN_PACKAGE_PREFIX)
    text = resources.files("hclrun.providers").joinpath(leaf, "schema.json").read_text("utf-8")
    return load_provider_schema(json.loads(text), check=False)


def _type(data: Any) -> Type:
    return type_from_json(json.dumps(data))


def _schema(data: Mapping[str, Any]) -> Schema:
    return Schema(_block(data.get("block", {})), int(data.get("version", 0)), "block" in data)


def _block(data: Mapping[str, Any]) -> Block:
    return Block(
        attributes={k: _attribute(v) for k, v in data.get("attributes", {}).items()},
        block_types={k: _nested(v) for k, v in data.get("block_types", {}).items()},
        description=data.get("description", ""),
        description_kind=data.get("description_kind", "plain"),
        deprecated=bool(data.get("deprecated", False)),
    )


def _attribute(data: Mapping[str, Any]) -> Attribute:
    return Attribute(
        type=_type(data["type"]),
        required=bool(data.get("required", False)),
        optional=bool(data.get("optional", False)),
        computed=bool(data.get("computed", False)),
        sensitive=bool(data.get("sensitive", False)),
        deprecated=bool(data.get("deprecated", False)),
        description=data.get("description", ""),
        description_kind=data.get("description_kind", "plain"),
    )


def _nested(data: Mapping[str, Any]) -> NestedBlock:
    return NestedBlock(
        nesting_mode=data["nesting_mode"],
        block=_block(data.get("block", {})),
        min_items=int(data.get("min_items", 0)),
        max_items=int(data.get("max_items", 0)),
    )


def _parameter(data: Mapping[str, Any]) -> FunctionParameter:
    return FunctionParameter(
        name=data["name"],
        type=_type(data["type"]),
        description=data.get("description", ""),
        is_nullable=bool(data.get("is_nullable", False)),
    )


def _function(data: Mapping[str, Any]) -> FunctionSignature:
    variadic = data.get("variadic_parameter")
    return FunctionSignature(
        return_type=_type(data["return_type"]),
        parameters=tuple(_parameter(p) for p in data.get("parameters", [])),
        variadic_parameter=_parameter(variadic) if variadic is not None else None,
        description=data.get("description", ""),
        summary=data.get("summary", ""),
        deprecation_message=data.get("deprecation_message", ""),
    )
