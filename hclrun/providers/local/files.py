"""``local_file`` / ``local_sensitive_file`` resources and data sources: write or
read a file and expose its checksums. Reading a resource whose file is gone or
changed removes it from state, so the next plan creates it again."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import ClassVar

from hclrun.diagnostics import Diagnostic
from hclrun.providers.framework import DataSourceType, ResourceType
from hclrun.providers.objects import with_attrs
from hclrun.providers.paths import attribute_error
from hclrun.values.value import Value

CONTENT_SOURCES = ("content", "sensitive_content", "content_base64", "source")


def checksums(data: bytes) -> dict[str, Value]:
    sha256 = hashlib.sha256(data).digest()
    sha512 = hashlib.sha512(data).digest()
    sha1 = hashlib.sha1(data).hexdigest()
    return {
        "id": Value.string(sha1),
        "content_md5": Value.string(hashlib.md5(data).hexdigest()),
        "content_sha1": Value.string(sha1),
        "content_sha256": Value.string(sha256.hex()),
        "content_base64sha256": Value.string(base64.b64encode(sha256).decode()),
        "content_sha512": Value.string(sha512.hex()),
        "content_base64sha512": Value.string(base64.b64encode(sha512).decode()),
    }


def _error(summary: str, what: str, err: Exception) -> Diagnostic:
    return Diagnostic.error(summary, f"An unexpected error occurred while {what}\n\n+Original Error: {err}")


class LocalFile(ResourceType):
    name = "local_file"
    default_permission = "0777"
    replace_on_change: ClassVar[tuple[str, ...]] = (
        "filename",
        "content",
        "sensitive_content",
        "content_base64",
        "source",
        "file_permission",
        "directory_permission",
    )

    @property
    def defaults(self) -> dict[str, Value]:  # type: ignore[override]
        p = Value.string(self.default_permission)
        return {"file_permission": p, "directory_permission": p}

    def sources(self) -> tuple[str, ...]:
        return tuple(s for s in CONTENT_SOURCES if s in self.schema.block.attributes)

    def validate(self, config: Value) -> list[Diagnostic]:
        raw = config.raw
        names = self.sources()
        given = [n for n in names if not raw[n].is_null]
        diags: list[Diagnostic] = []
        if len(given) != 1 and all(raw[n].is_known for n in names):
            listed = ",".join(f"[<.{n}>]" for n in names)
            detail = (
                f"2 attributes specified when one (and only one) of [{listed}] is required"
                if given
                else f"No attribute specified when one (and only one) of [{listed}] is required"
            )
            diags.append(
                attribute_error(
                    (given[1] if len(given) > 1 else names[0],), "Invalid Attribute Combination", detail
                )
            )
        for name in ("file_permission", "directory_permission"):
            v = raw[name]
            if v.is_known and not v.is_null and not _valid_mode(v.raw):
                diags.append(
                    attribute_error(
                        (name,),
                        "Invalid Attribute Value",
                        f"bad mode for file - string length should be 3 or 4 digits: {v.raw}",
                    )
                )
        return diags

    def content(self, state: Value) -> bytes:
        raw = state.raw
        for name in self.sources():
            v = raw[name]
            if v.is_null:
                continue
            if name == "content_base64":
                return base64.b64decode(v.raw)
            if name == "source":
                return Path(v.raw).read_bytes()
            return str(v.raw).encode()
        return b""

    def create(self, planned: Value, config: Value) -> tuple[Value, list[Diagnostic]]:
        raw = planned.raw
        try:
            data = self.content(planned)
        except (OSError, ValueError) as err:
            return planned, [_error("Create local file error", "parsing local file content", err)]
        path = Path(raw["filename"].raw)
        try:
            if not path.parent.exists():
                path.parent.mkdir(mode=int(raw["directory_permission"].raw, 8), parents=True, exist_ok=True)
            path.write_bytes(data)
            os.chmod(path, int(raw["file_permission"].raw, 8))
        except OSError as err:
            return planned, [_error("Create local file error", "writing the file", err)]
        return with_attrs(planned, checksums(data)), []

    def read(self, state: Value) -> tuple[Value, list[Diagnostic]]:
        path = Path(state.raw["filename"].raw)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return Value.null(state.type), []
        except OSError as err:
            return state, [_error("Read local file error", "reading the file", err)]
        if hashlib.sha1(data).hexdigest() != state.raw["id"].raw:
            return Value.null(state.type), []
        return state, []

    def delete(self, prior: Value) -> list[Diagnostic]:
        try:
            Path(prior.raw["filename"].raw).unlink()
        except OSError:
            pass
        return []


def _valid_mode(mode: str) -> bool:
    return len(mode) in (3, 4) and all(c in "01234567" for c in mode)


class LocalSensitiveFile(LocalFile):
    name = "local_sensitive_file"
    default_permission = "0700"
    replace_on_change = (
        "filename",
        "content",
        "content_base64",
        "source",
        "file_permission",
        "directory_permission",
    )


class LocalFileData(DataSourceType):
    name = "local_file"
    summary: ClassVar[str] = "Read local file data source error"

    def read(self, config: Value) -> tuple[Value, list[Diagnostic]]:
        try:
            data = Path(config.raw["filename"].raw).read_bytes()
        except OSError as err:
            return config, [
                attribute_error(
                    ("filename",),
                    self.summary,
                    f"The file at given path cannot be read.\n\n+Original Error: {err}",
                )
            ]
        attrs = checksums(data)
        attrs["content"] = Value.string(data.decode("utf-8", errors="replace"))
        attrs["content_base64"] = Value.string(base64.b64encode(data).decode())
        return with_attrs(config, attrs), []


class LocalSensitiveFileData(LocalFileData):
    name = "local_sensitive_file"
    summary = "Read local sensitive file data source error"
