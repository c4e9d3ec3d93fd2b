"""What ``init`` does with a configuration: check it, then install the modules it calls.

Like Terraform's, the check comes first and refuses to go on when the
configuration has structural problems, since the modules and providers to
install can only be known from a valid configuration. Progress lines go to
the ``progress`` callback; nothing is printed here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING

from hclrun.config.loader import ParseCache, display_name, load_module, load_module_parts, module_files
from hclrun.config.model import Module
from hclrun.config.tree import load_tree
from hclrun.diagnostics import Diagnostics
from hclrun.records import record

if TYPE_CHECKING:
    from hclrun.modsources.calls import ModuleCall as InstallCall


@record(frozen=False)
class InitOptions:
    upgrade: bool = False
    lock_modules: bool = True
    backend: bool = True


@record(frozen=False)
class InitResult:
    diagnostics: Diagnostics
    sources: dict[str, bytes] = field(default_factory=dict)
    # True when the configuration itself was invalid, so nothing was installed.
    configuration_invalid: bool = False

    @property
    def ok(self) -> bool:
        return not self.diagnostics.has_errors()


class RunLoads:
    """Module directories loaded during one ``init``: the installer asks for their module
    calls and the tree check afterwards reuses the same loads, so each file is parsed
    once. A directory whose files changed in between (a fetch replaced it) is loaded again.
    """

    def __init__(self) -> None:
        self.files: ParseCache = {}
        self.modules: dict[str, tuple[Module, Diagnostics, Diagnostics]] = {}

    def load(self, directory: str) -> tuple[Module, Diagnostics, Diagnostics]:
        found = self.modules.get(directory)
        if found is None or not _unchanged(directory, found[0]):
            found = self.modules[directory] = load_module_parts(directory, self.files)
        return found

    def module_calls(self, directory: str) -> list[InstallCall]:
        """The installer's view of the calls in ``directory`` (its problems are the tree check's)."""
        return install_calls(self.load(directory)[0])


def _unchanged(directory: str, module: Module) -> bool:
    files = module_files(directory)
    if len(files) != len(module.sources):
        return False
    return all(module.sources.get(display_name(directory, path)) == path.read_bytes() for path in files)


def install_calls(module: Module) -> list[InstallCall]:
    """The module calls with a source, as the installer takes them."""
    from hclrun.modsources.calls import ModuleCall as InstallCall

    return [
        InstallCall(call.name, call.source, call.version, call.source_range, call.version_range, call.decl_range)
        for call in module.module_calls.values()
        if call.source
    ]


def initialize(root: str = ".", options: InitOptions | None = None, progress: Callable[[str], None] = print) -> InitResult:
    options = options or InitOptions()
    module, diags = load_module(root)
    root_loaded = (module, Diagnostics(diags))  # handed to load_tree: the root is parsed once
    sources = dict(module.sources)
    early = Diagnostics(d for d in diags if d.summary == "Unsupported Terraform Core version")
    if early.has_errors():
        return InitResult(early, sources)
    calls = Diagnostics(module.module_call_diagnostics)
    if calls.has_errors():
        progress("Initializing modules...")
        return InitResult(calls, sources)
    if diags.has_errors():
        return InitResult(diags, sources, configuration_invalid=True)
    if module.cloud_range is not None and module.backend is None and options.backend:
        diags.error(
            "Cloud configuration is not supported",
            "This configuration has a \"cloud\" block, which connects it to HCP Terraform or Terraform "
            "Enterprise. hclrun keeps state with its own backends only; remove the \"cloud\" block or replace it "
            "with a \"backend\" block, or run init with -backend=false.",
            module.cloud_range,
        )
        return InitResult(diags, sources, configuration_invalid=True)
    loads = RunLoads()
    if module.module_calls:
        from hclrun.modsources.installer import InstallOptions, install_modules

        progress("Initializing modules...")
        # Syntax problems in module files are left to the tree loading below,
        # which reports each directory's once, as terraform does.
        installed = install_modules(
            root,
            InstallOptions(
                upgrade=options.upgrade,
                lock_modules=options.lock_modules,
                progress=progress,
                find_module_calls=loads.module_calls,
            ),
            install_calls(module),
        )
        diags.extend(installed.diagnostics)
        if installed.diagnostics.has_errors():
            return InitResult(diags, sources)
    tree, tree_diags = load_tree(root, root_loaded, loads.load)
    for node in tree.walk():
        sources.update(node.module.sources)
    if tree_diags.has_errors():
        # The root was checked above, so these are the child modules' problems,
        # which terraform reports while installing them, without the header.
        diags.extend(tree_diags)
        return InitResult(diags, sources)
    diags.extend(tree_diags)
    return InitResult(diags, sources)
