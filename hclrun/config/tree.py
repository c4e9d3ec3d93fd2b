"""The module tree: the root module and, recursively, the modules its ``module`` blocks call.

Local sources (``./x``, ``../x``) are read from disk relative to the calling
module; other sources from where ``init`` installed them, as recorded in
``.terraform/modules/modules.json``. A remote module that is not installed
is left out (``installed`` is false) so its caller can still be checked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import field
from functools import partial
from pathlib import Path

from hclrun.config.loader import load_module, load_module_parts
from hclrun.config.model import Module, ModuleCall
from hclrun.diagnostics import Diagnostic, Diagnostics
from hclrun.records import record

MANIFEST_PATH = os.path.join(".terraform", "modules", "modules.json")
MAX_DEPTH = 64

# A directory -> (module, parse problems, other problems), as load_module_parts returns them.
LoadModule = Callable[[str], tuple[Module, Diagnostics, Diagnostics]]


@record(frozen=False)
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


# Where loading problems go: (directory, problems parsing its files) or (None, other problems).
# Parse problems are reported for the first call of a directory only, as Terraform parses each
# file once however many calls use it.
ReportProblems = Callable[[str | None, Diagnostics], None]


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
    loader = TreeLoader(root, load_child, once_per_directory(diags, root))
    loader.load_children(node)
    return node, diags


def once_per_directory(diags: Diagnostics, root: str) -> ReportProblems:
    """A problem reporter adding to ``diags``, with each directory's parse problems added once."""
    parsed = {os.path.normpath(root)}

    def report(directory: str | None, found: Diagnostics) -> None:
        if directory is not None:
            if directory in parsed:
                return
            parsed.add(directory)
        diags.extend(found)

    return report


class TreeLoader:
    """Loads the modules called below a node, recursively, into its ``children``."""

    def __init__(self, root: str, load: LoadModule | None, report: ReportProblems) -> None:
        self.root = root
        self.installed = installed_dirs(root)
        self.load: LoadModule = load if load is not None else partial(load_module_parts, parsed={})
        self.report = report

    def load_children(self, node: ModuleNode) -> None:
        for name in node.module.module_calls:
            self.load_call(node, name)

    def load_call(self, node: ModuleNode, name: str) -> None:
        """Load the module ``node``'s call ``name`` uses (and what it calls), or record why not."""
        call = node.module.module_calls[name]
        if len(node.path) >= MAX_DEPTH or not call.source:
            return
        directory = self.directory(node, name, call)
        if directory is None:
            node.missing[name] = "not installed"
            return
        if not Path(directory).is_dir():
            node.missing[name] = "unreadable"
            self.report(None, Diagnostics([unreadable_directory(directory, name, call)]))
            return
        child_module, parse_diags, child_diags = self.load(directory)
        self.report(os.path.normpath(directory), parse_diags)
        self.report(None, child_diags)
        child = ModuleNode((*node.path, name), child_module, call)
        node.children[name] = child
        self.load_children(child)

    def directory(self, node: ModuleNode, name: str, call: ModuleCall) -> str | None:
        """Where the module of ``call`` is read from (relative to the working directory); None: not installed."""
        key = ".".join((*node.path, name))
        if is_local_source(call.source) and key not in self.installed:
            # Relative to the calling module's directory, which is relative to the working directory.
            return os.path.normpath(os.path.join(node.module.directory, call.source))
        installed = self.installed.get(key)
        if installed is None:
            return None
        return _relative_to_root(os.path.normpath(installed), self.root)


def unreadable_directory(directory: str, name: str, call: ModuleCall) -> Diagnostic:
    return Diagnostic.error(
        "Unreadable module directory",
        f"The directory {directory} could not be read for module \"{name}\" at "
        f"{call.decl_range.filename}:{call.decl_range.start.line}.",
        call.source_range,
    )


def _relative_to_root(directory: str, root: str) -> str:
    if os.path.normpath(root) == "." or os.path.isabs(directory):
        return directory
    return os.path.join(root, directory)
