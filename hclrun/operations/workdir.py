"""The working directory an operation runs in: its configuration, backend,
selected workspace and the provider schemas the plan and state formats need."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field
from typing import TYPE_CHECKING

from hclrun.addrs import Provider, ResourceMode
from hclrun.backends import LocalBackend, selected_workspace
from hclrun.backends.initcheck import backend_in_use
from hclrun.backends.local import STATE_FILE, WORKSPACE_DIR
from hclrun.backends.settings import read_saved
from hclrun.config.loader import load_module, module_files
from hclrun.config.tree import ModuleNode, load_tree
from hclrun.diagnostics import Diagnostics
from hclrun.plans.schemas import SchemaLookup
from hclrun.providers.registry import resolve_source
from hclrun.providers.schema import ProviderSchema, Schema
from hclrun.records import record

if TYPE_CHECKING:
    from hclrun.validation.background import BackgroundCheck

DATA_DIR = ".terraform"


@record(frozen=False)
class Configuration:
    """A loaded module tree, the source bytes of every file, and the problems found."""

    tree: ModuleNode | None
    sources: dict[str, bytes] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    empty: bool = False
    # The validation still running beside the caller (``load_configuration(background=True)``);
    # until :meth:`settle`, ``diagnostics`` holds the loading problems only.
    pending: BackgroundCheck | None = None
    backend_diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @property
    def ok(self) -> bool:
        return self.tree is not None and not self.diagnostics.has_errors()

    def settle(self) -> bool:
        """Wait for a validation running in the background and take its verdict; whether ``ok``."""
        pending = self.pending
        if pending is not None:
            self.pending = None
            self.take_verdict(pending.diagnostics())
        return self.ok

    def take_verdict(self, checked: Diagnostics) -> None:
        """Validation's problems (``checked``), then the backend's, make the configuration
        unusable; when valid, only the loading problems stay (validation's warnings do not)."""
        if checked.has_errors():
            self.tree = None
            self.diagnostics = checked
        elif self.backend_diagnostics.has_errors():
            self.tree = None
            self.diagnostics = self.backend_diagnostics


@record(frozen=False)
class WorkingDir:
    """Paths are relative to the process's current directory (commands run after ``-chdir``)."""

    path: str = "."
    workspace_name: str | None = None

    @property
    def data_dir(self) -> str:
        return os.path.join(self.path, DATA_DIR)

    def workspace(self) -> str:
        return self.workspace_name or selected_workspace(self.data_dir)

    def backend(self) -> LocalBackend:
        """The local backend with the settings ``init`` recorded (the defaults when none)."""
        saved = read_saved(self.data_dir)
        if saved is None or saved.type != "local":
            return LocalBackend(self.path)
        return LocalBackend(
            self.path,
            path=saved.value("path") or STATE_FILE,
            workspace_dir=saved.value("workspace_dir") or WORKSPACE_DIR,
        )

    def backend_diagnostics(self) -> Diagnostics:
        """Why the recorded backend cannot be used with the configuration as it is now
        (``init`` must run again), or nothing."""
        if not module_files(self.path):
            return Diagnostics()
        module, _ = load_module(self.path)
        return backend_in_use(module.backend, read_saved(self.data_dir))[1]

    def load_configuration(self, *, validate: bool = True, background: bool = False) -> Configuration:
        """The module tree; with ``validate`` also every problem ``validate`` reports.

        With ``background`` the validation may run in a forked copy of the process
        (when planning the tree is pure computation): the result is then ``pending``
        and the caller must :meth:`Configuration.settle` it before reporting anything.
        """
        if not module_files(self.path):
            return Configuration(None, empty=True)
        tree, diags = load_tree(self.path)
        config = Configuration(tree, _sources(tree), diags)
        if not validate:
            return config
        if not diags.has_errors():  # the verdict is read from the loading problems otherwise
            config.backend_diagnostics = backend_in_use(tree.module.backend, read_saved(self.data_dir))[1]
        if background:
            from hclrun.validation.background import check_in_background

            config.pending = check_in_background(tree, diags, self.path)
            if config.pending is not None:
                return config
        from hclrun.validation.run import check_tree

        config.take_verdict(check_tree(tree, Diagnostics(diags), self.path).diagnostics)
        return config


def _sources(tree: ModuleNode) -> dict[str, bytes]:
    sources: dict[str, bytes] = {}
    for node in tree.walk():
        sources.update(node.module.sources)
    return sources


class ProviderSchemas:
    """Schemas of the providers named in plans and states, fetched once each."""

    def __init__(self, known: Mapping[Provider, ProviderSchema] | None = None) -> None:
        self._schemas: dict[Provider, ProviderSchema | None] = dict(known or {})

    def get(self, provider: Provider) -> ProviderSchema | None:
        if provider not in self._schemas:
            impl, _ = resolve_source(str(provider))
            self._schemas[provider] = None if impl is None else impl.get_schema().schema
        return self._schemas[provider]

    def lookup(self) -> SchemaLookup:
        def find(provider: Provider, mode: ResourceMode, type_name: str) -> Schema | None:
            schema = self.get(provider)
            if schema is None:
                return None
            table = schema.data_source_schemas if mode is ResourceMode.DATA else schema.resource_schemas
            return table.get(type_name)

        return find
