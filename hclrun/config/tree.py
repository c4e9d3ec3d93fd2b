"""The module tree: the root module and, recursively, the modules its ``module`` blocks call.

Local sources (``./x``, ``../x``) are read from disk relative to the calling
module; other sources from where ``init`` installed them, as recorded in
``.terraform/modules/modules.json``. A remote module that is not installed
is left out (``installed`` is false) so its caller can still be checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hclrun.config.loader import ParseCache, load_module, load_module_parts
from hclrun.config.model import Module, ModuleCall
from hclrun.diagnostics import Diagnostics

MANIFEST_PATH = os.path.join(".terraform", "modules", "modules.json")
MAX_DEPTH = 64

# A directory -> (module, parse problems, other problems), as load_module_parts returns them.
LoadModule = Callable[[str], tuple[Module, Diagnostics, Diagnostics]]


@dataclass
class ModuleNode:
    path: tuple[str, ...]  # call names from the root: () for the root module
    module: Module
    call: ModuleCall | None = None
    children: dict[str, ModuleNode] = field(default_factory=dict)
    # Calls whose module could not be read: name -> why ("not installed" or "unreadable").
    missing: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return "".join(f"module.{name}." for name in self.path).rstrip(".")

    def walk(self) -> list[ModuleNode]:
        found = [self]
        for child in self.children.values():
            found.extend(child.walk())
        return found


def is_local_source(source: str) -> bool:
    return source.startswith(("./", "../", ".\\", "..\\"))


def installed_dirs(root: str) -> dict[str, str]:
    """Module key (``a.b``) -> directory, from the manifest ``init`` wrote."""
    from hclrun.modsources.manifest import read_manifest

    records = read_manifest(Path(root) / MANIFEST_PATH)
    return {key: record.dir for key, record in records.items()}


def load_tree(
    root: str = ".",
    root_module: tuple[Module, Diagnostics] | None = None,
    load_child: LoadModule | None = None,
) -> tuple[ModuleNode, Diagnostics]:
    """The whole module tree under ``root`` and every problem found loading it.

    ``root_module`` is the root's ``load_module`` result when the caller has it
    already, so the root's files are not parsed twice; ``load_child`` loads the
    called modules' directories when the caller has loaded some of them already
    (by default each file is parsed once, however many calls use its directory).
    """
    module, diags = root_module if root_module is not None else load_module(root)
    diags = Diagnostics(diags)
    node = ModuleNode((), module)
    files: ParseCache = {}
    load = load_child if load_child is not None else partial(load_module_parts, parsed=files)
    _load_children(node, root, installed_dirs(root), diags, {os.path.normpath(root)}, load)
    return node, diags


def _load_children(
    node: ModuleNode, root: str, installed: dict[str, str], diags: Diagnostics, parsed: set[str], load: LoadModule
) -> None:
    if len(node.path) >= MAX_DEPTH:
        return
    for name, call in node.module.module_calls.items():
        if not call.source:
            continue
        key = ".".join((*node.path, name))
        directory: str | None
        if is_local_source(call.source):
            directory = os.path.normpath(os.path.join(node.module.directory, call.source))
            if key in installed:
                directory = os.path.normpath(installed[key])
        else:
            directory = installed.get(key)
        if directory is None:
            node.missing[name] = "not installed"
            continue
        directory = _relative_to_root(directory, root)
        if not Path(root, directory).is_dir() if not os.path.isabs(directory) else not Path(directory).is_dir():
            node.missing[name] = "unreadable"
            diags.error(
                "Unreadable module directory",
                f"The directory {directory} could not be read for module \"{name}\" at "
                f"{call.decl_range.filename}:{call.decl_range.start.line}.",
                call.source_range,
            )
            continue
        child_module, parse_diags, child_diags = load(directory)
        parsed_key = os.path.normpath(directory)
        if parsed_key not in parsed:
            parsed.add(parsed_key)
            diags.extend(parse_diags)
        diags.extend(child_diags)
        child = ModuleNode((*node.path, name), child_module, call)
        node.children[name] = child
        _load_children(child, root, installed, diags, parsed, load)


def _relative_to_root(directory: str, root: str) -> str:
    if os.path.normpath(root) == ".":
        return directory
    return os.path.join(root, directory)
