"""``.terraform/modules/modules.json``: the record of installed modules, byte for byte as Terraform writes it.

The file is one line of compact JSON without a trailing newline:
``{"Modules":[{"Key":"","Source":"","Dir":"."}, …]}`` with records sorted by
key, ``Version`` present only for registry modules, and ``<``, ``>``, ``&``,
U+2028 and U+2029 escaped as ``\\u003c`` and so on.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from hclrun.records import record

MANIFEST_NAME = "modules.json"
_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029", "\b": "\\u0008", "\f": "\\u000c"}


@record
class ManifestRecord:
    key: str  # "" for the root module, "a.b" for module "b" called by module "a"
    source: str  # the source address in Terraform's string form
    dir: str  # relative to the root module directory, slash-separated
    version: str | None = None  # registry modules only

    def to_json(self) -> dict[str, str]:
        record = {"Key": self.key, "Source": self.source}
        if self.version:
            record["Version"] = self.version
        record["Dir"] = self.dir
        return record


ROOT_RECORD = ManifestRecord("", "", ".")


def _go_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\\b", "\\u0008").replace("\\f", "\\u000c")
    return "".join(_GO_ESCAPES.get(ch, ch) for ch in text)


def encode_manifest(records: Iterable[ManifestRecord]) -> str:
    ordered = sorted({r.key: r for r in records}.values(), key=lambda r: r.key)
    return _go_json({"Modules": [r.to_json() for r in ordered]})


def write_manifest(path: Path, records: Iterable[ManifestRecord]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(encode_manifest(records), encoding="utf-8")
    temporary.replace(path)


def read_manifest(path: Path) -> dict[str, ManifestRecord]:
    """The records of an existing manifest by key; empty when there is none or it is unreadable."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["Modules"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    records: dict[str, ManifestRecord] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("Key"), str):
            records[entry["Key"]] = ManifestRecord(
                entry["Key"], str(entry.get("Source", "")), str(entry.get("Dir", "")), entry.get("Version") or None
            )
    return records
