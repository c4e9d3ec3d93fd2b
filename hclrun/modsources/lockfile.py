"""The module lock: ``.hclrun.lock.hcl`` in the root module directory.

Terraform locks provider packages but not modules; this file does the same
for remote modules, so a tag that is moved to another commit, or an archive
or registry release whose content changes, is noticed instead of installed.
One block per remote module, keyed by the module's key::

    # This file is maintained automatically by "hclrun init".
    # Manual edits may be lost in future updates.

    module "vpc" {
      source  = "git::https://example.com/vpc.git?ref=v1.2.0"
      version = "1.2.0"                                  # registry modules only
      commit  = "3f9c…"                                  # git packages only
      hash    = "h1:q2Jp…="
    }

``source`` is the address with credentials redacted. ``hash`` is ``h1:``
followed by the base64 SHA-256 of a summary listing, for each file of the
package in byte order of its slash path (``.git`` excluded), the line
``<hex sha256 of the content>  <path>\\n``; a symbolic link contributes the
hash of ``symlink:<target>`` instead of content. An entry is checked when
the same key is installed again from the same source and version; a
different commit or hash is an error naming both values. Delete the block
(or the file) to accept a new package on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from hclrun.diagnostics import Diagnostics
from hclrun.records import record

LOCK_FILE_NAME = ".hclrun.lock.hcl"
_HEADER = '# This file is maintained automatically by "hclrun init".\n# Manual edits may be lost in future updates.\n'


@record
class ModuleLock:
    key: str
    source: str
    version: str | None = None
    commit: str | None = None
    hash: str | None = None


def tree_hash(directory: Path) -> str:
    """The ``h1:`` hash of every file under ``directory`` except ``.git``."""
    lines = []
    entries: list[tuple[str, Path]] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if d != ".git" or Path(root, d).is_symlink()]
        for name in dirs + files:
            path = Path(root, name)
            if name == ".git" and not path.is_symlink():
                continue
            if path.is_symlink() or path.is_file():
                entries.append((path.relative_to(directory).as_posix(), path))
    for relative, path in sorted(entries, key=lambda item: item[0].encode("utf-8")):
        if path.is_symlink():
            digest = hashlib.sha256(b"symlink:" + os.readlink(path).encode("utf-8")).hexdigest()
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {relative}\n")
    summary = hashlib.sha256("".join(lines).encode("utf-8")).digest()
    return "h1:" + base64.b64encode(summary).decode("ascii")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("${", "$${").replace("%{", "%%{")
    return f'"{escaped}"'


def encode_lock(locks: Iterable[ModuleLock]) -> str:
    blocks = []
    for lock in sorted(locks, key=lambda item: item.key):
        pairs = [("source", lock.source), ("version", lock.version), ("commit", lock.commit), ("hash", lock.hash)]
        present = [(name, value) for name, value in pairs if value]
        width = max(len(name) for name, _ in present)
        body = "".join(f"  {name.ljust(width)} = {_quote(value)}\n" for name, value in present)
        blocks.append(f"module {_quote(lock.key)} {{\n{body}}}\n")
    return _HEADER + "".join("\n" + block for block in blocks)


def write_lock(path: Path, locks: Iterable[ModuleLock]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(encode_lock(locks), encoding="utf-8")
    temporary.replace(path)


def read_lock(path: Path) -> tuple[dict[str, ModuleLock], Diagnostics]:
    """The entries of an existing lock file by key; none (and no error) when the file is absent."""
    diags = Diagnostics()
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        return {}, diags
    except OSError as err:
        diags.error("Failed to read module lock file", f"The file {path.name} could not be read: {err.strerror}.")
        return {}, diags
    from hclrun.syntax import ast
    from hclrun.syntax.parser import parse_file

    parsed, parse_diags = parse_file(source, path.name)
    diags.extend(parse_diags)
    locks: dict[str, ModuleLock] = {}
    for item in parsed.body.items:
        if not isinstance(item, ast.Block) or item.type != "module" or len(item.labels) != 1:
            diags.error(
                "Invalid module lock file",
                f'The file {path.name} may contain only module "<key>" blocks.',
                item.range if isinstance(item, ast.Block) else item.name_range,
            )
            continue
        values: dict[str, str] = {}
        for attr in item.body.items:
            text = _literal_string(attr.expr) if isinstance(attr, ast.Attribute) else None
            if text is None or not isinstance(attr, ast.Attribute):
                diags.error(
                    "Invalid module lock file",
                    "Each argument in a module lock entry must be a literal string.",
                    attr.range,
                )
                continue
            values[attr.name] = text
        key = item.labels[0]
        locks[key] = ModuleLock(key, values.get("source", ""), values.get("version"), values.get("commit"), values.get("hash"))
    return locks, diags


def _literal_string(expr: object) -> str | None:
    from hclrun.syntax import ast

    if isinstance(expr, ast.TemplateExpr) and len(expr.parts) == 1:
        expr = expr.parts[0]
    if isinstance(expr, ast.TemplateExpr) and not expr.parts:
        return ""
    if isinstance(expr, ast.LiteralValueExpr) and isinstance(expr.value, str):
        return expr.value
    return None
