"""A working directory's backend settings: the ``backend`` block decoded,
``-backend-config`` overrides merged in, and the record ``init`` keeps in
``.terraform/terraform.tfstate`` (Terraform's format: the merged settings
and a hash of the block as written, which later commands compare against
the configuration to notice that ``init`` must run again)."""

from __future__ import annotations

import difflib
import json
import os
import zlib
from dataclasses import field

from hclrun.backends.fileio import atomic_write
from hclrun.config.model import Backend as BackendBlock
from hclrun.config.static import static_value
from hclrun.diagnostics import Diagnostics
from hclrun.eval.references import references
from hclrun.records import record
from hclrun.syntax import ast
from hclrun.version import TERRAFORM_COMPAT_VERSION

BACKEND_STATE_FILE = "terraform.tfstate"
# The arguments of each backend hclrun stores state with, in schema order.
SCHEMAS: dict[str, tuple[str, ...]] = {"local": ("path", "workspace_dir")}
# Backends Terraform has that hclrun does not implement.
NOT_IMPLEMENTED = frozenset(
    {"azurerm", "consul", "cos", "gcs", "http", "inmem", "kubernetes", "oss", "pg", "remote", "s3", "cloud"}
)


@record(frozen=False)
class BackendSettings:
    """One backend: its type, argument values (``None`` when unset) and the hash of its block."""

    type: str
    config: dict[str, str | None] = field(default_factory=dict)
    hash: int = 0

    def value(self, name: str) -> str | None:
        return self.config.get(name)


def go_quote(text: str) -> str:
    """``text`` as Go's ``%q`` writes it (the form the hash is computed over)."""
    out = ['"']
    escapes = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v"}
    for ch in text:
        code = ord(ch)
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch in escapes:
            out.append(escapes[ch])
        elif ch.isprintable():
            out.append(ch)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def settings_hash(backend_type: str, config: dict[str, str | None]) -> int:
    """CRC-32 of the block's type and values in cty's set-hash form, as Terraform records it."""
    values = "".join(("~" if config.get(name) is None else go_quote(str(config[name]))) + ";" for name in sorted(config))
    return zlib.crc32(f"<{go_quote(backend_type)};<{values}>;>".encode())


def unsupported_type(block: BackendBlock, summary: str = "Unsupported backend type") -> Diagnostics:
    """An error when hclrun cannot store state with the block's backend (``init`` and
    other commands word the summary differently for a type that does not exist)."""
    diags = Diagnostics()
    if block.type in SCHEMAS:
        return diags
    if block.type in NOT_IMPLEMENTED:
        diags.error(
            "Unsupported backend type",
            f'hclrun does not implement the "{block.type}" backend yet: it keeps state only with the "local" '
            "backend. Use a \"local\" backend block, or remove the backend block to keep state in terraform.tfstate.",
            block.decl_range,
        )
    else:
        diags.error(summary, f'There is no backend type named "{block.type}".', block.decl_range)
    return diags


def decode_block(block: BackendBlock) -> tuple[BackendSettings | None, Diagnostics]:
    """The block's arguments as the backend's settings; ``None`` with the problems when it cannot be used."""
    diags = unsupported_type(block)
    if diags.has_errors():
        return None, diags
    names = SCHEMAS[block.type]
    config: dict[str, str | None] = {name: None for name in names}
    for item in block.body.items:
        if isinstance(item, ast.Block):
            diags.error(
                "Unsupported block type", f'Blocks of type "{item.type}" are not expected here.', item.range
            )
            continue
        if item.name not in names:
            close = difflib.get_close_matches(item.name, names, n=1, cutoff=0.7)
            hint = f' Did you mean "{close[0]}"?' if close else ""
            diags.error(
                "Unsupported argument", f'An argument named "{item.name}" is not expected here.{hint}', item.name_range
            )
            continue
        if references(item.expr):
            diags.error("Variables not allowed", "Variables may not be used here.", item.expr.range)
            continue
        value = static_value(item.expr, "string", diags)
        config[item.name] = None if value is None else str(value.raw)
    if diags.has_errors():
        return None, diags
    return BackendSettings(block.type, config, settings_hash(block.type, config)), diags


def read_saved(data_dir: str) -> BackendSettings | None:
    """The backend ``init`` recorded in ``.terraform/terraform.tfstate``, if any."""
    try:
        with open(os.path.join(data_dir, BACKEND_STATE_FILE), encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError):
        return None
    backend = doc.get("backend") if isinstance(doc, dict) else None
    if not isinstance(backend, dict) or not backend.get("type"):
        return None
    raw = backend.get("config")
    if not isinstance(raw, dict):
        raw = {}
    config = {str(k): (None if v is None else str(v)) for k, v in raw.items()}
    return BackendSettings(str(backend["type"]), config, int(backend.get("hash") or 0))


def write_saved(data_dir: str, settings: BackendSettings) -> None:
    """Record ``settings`` as Terraform does (two-space indent, no final newline)."""
    doc = {
        "version": 3,
        "terraform_version": TERRAFORM_COMPAT_VERSION,
        "backend": {"type": settings.type, "config": settings.config, "hash": settings.hash},
    }
    os.makedirs(data_dir, exist_ok=True)
    atomic_write(os.path.join(data_dir, BACKEND_STATE_FILE), json.dumps(doc, indent=2).encode("utf-8"), mode=0o644)
