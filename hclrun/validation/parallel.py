"""Validating a module tree with a second process.

The modules the root module calls are split in two shares of about equal
size; a forked copy of this process loads and checks one share (each called
module with everything below it), while this process does the other. Only
what the root module's own check needs crosses back: every problem found
(in the order the one-process walk finds them), the files read, and each
called module's variables and outputs. A failed copy is no failure: its
share is then done here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import field, replace

from hclrun.config.model import Module, Output, Variable
from hclrun.config.tree import ModuleNode, ReportProblems, TreeLoader, once_per_directory
from hclrun.diagnostics import Diagnostics
from hclrun.forked import forked
from hclrun.functions.spec import Function
from hclrun.records import record
from hclrun.validation.module_checks import ModuleChecker

# Below this much configuration source in the called modules, a second process costs more than it saves.
MIN_SHARED_BYTES = 32_000

CONFIG_SUFFIXES = (".tf", ".tf.json")


@record(frozen=False)
class CallOutcome:
    """Loading and checking one of the root module's calls: what the root's check and the report need."""

    name: str
    # (directory, parse problems) or (None, other problems), in the order found.
    load_problems: list[tuple[str | None, Diagnostics]] = field(default_factory=list)
    checked: Diagnostics | None = None  # None when loading failed and nothing was checked
    missing: str | None = None  # why the called module could not be read
    directory: str | None = None  # where the called module was read from, if it was
    variables: dict[str, Variable] = field(default_factory=dict)
    outputs: dict[str, Output] = field(default_factory=dict)
    sources: dict[str, bytes] = field(default_factory=dict)


def split_calls(loader: TreeLoader, root: ModuleNode) -> tuple[list[str], list[str]] | None:
    """The root's call names in two shares of about equal source size (this process's first),
    or None when there is too little to share."""
    sizes: dict[str, int] = {}
    for name, call in root.module.module_calls.items():
        directory = loader.directory(root, name, call) if call.source else None
        sizes[name] = _source_size(directory) if directory is not None else 0
    if sum(sizes.values()) < MIN_SHARED_BYTES or len(sizes) < 2:
        return None
    mine: list[str] = []
    theirs: list[str] = []
    # This process checks the root module and reads the copy's result, while the copy
    # sends it: about even, so the shares start even.
    load = [0, 0]
    for name in sorted(sizes, key=lambda n: -sizes[n]):
        side = 0 if load[0] <= load[1] else 1
        (mine if side == 0 else theirs).append(name)
        load[side] += sizes[name]
    return (mine, theirs) if theirs and mine else None


def _source_size(directory: str) -> int:
    total = 0
    for folder, subdirs, files in os.walk(directory):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in files:
            if name.endswith(CONFIG_SUFFIXES):
                try:
                    total += os.stat(os.path.join(folder, name)).st_size
                except OSError:
                    continue
    return total


def load_and_check(
    loader: TreeLoader, root: ModuleNode, names: list[str], functions: Mapping[str, Function]
) -> list[CallOutcome]:
    """Load each call in ``names`` into ``root.children`` and check what it loaded."""
    from hclrun.validation.run import report_not_installed

    outcomes = []
    for name in names:
        outcome = CallOutcome(name)
        loader.report = _recorder(outcome.load_problems)
        loader.load_call(root, name)
        outcome.missing = root.missing.get(name)
        child = root.children.get(name)
        if child is not None:
            outcome.directory = child.module.directory
            outcome.variables = {key: _interface(v) for key, v in child.module.variables.items()}
            outcome.outputs = {key: _interface_output(o) for key, o in child.module.outputs.items()}
            subtree = child.walk()
            for node in subtree:
                outcome.sources.update(node.module.sources)
            if not any(found.has_errors() for _, found in outcome.load_problems):
                outcome.checked = Diagnostics()
                for node in subtree:
                    report_not_installed(node, outcome.checked)
                    ModuleChecker(node, outcome.checked, functions).run()
        outcomes.append(outcome)
    return outcomes


def _recorder(log: list[tuple[str | None, Diagnostics]]) -> ReportProblems:
    def record(directory: str | None, found: Diagnostics) -> None:
        log.append((directory, found))

    return record


def _interface(variable: Variable) -> Variable:
    """What checking a call needs of a variable (its checks were done where it was loaded): quicker to send."""
    return replace(variable, validations=(), description="")


def _interface_output(output: Output) -> Output:
    """What references to a called module need of an output: its name and whether it is sensitive."""
    return replace(output, expr=None, depends_on=(), preconditions=(), description="")


def validate_shared(
    root_dir: str, root: ModuleNode, diags: Diagnostics, functions: Mapping[str, Function]
) -> tuple[Diagnostics, dict[str, bytes]] | None:
    """Every problem in the tree and the files read, with a forked copy doing part of the
    work; None when the tree is too small to share (nothing has been done then)."""
    from hclrun.validation.run import report_not_installed

    loader = TreeLoader(root_dir, None, once_per_directory(diags, root_dir))
    shares = split_calls(loader, root)
    if shares is None:
        return None
    mine, theirs = shares
    with forked(lambda: load_and_check(loader, root, theirs, functions)) as copy:
        outcomes = {o.name: o for o in load_and_check(loader, root, mine, functions)}
        shared = copy.result() if copy is not None else None
    if shared is None:
        shared = load_and_check(loader, root, theirs, functions)
    else:
        for outcome in shared:
            _attach(root, outcome)
    outcomes.update((o.name, o) for o in shared)

    ordered = [outcomes[name] for name in root.module.module_calls if name in outcomes]
    root.children = {o.name: root.children[o.name] for o in ordered if o.name in root.children}
    report = once_per_directory(diags, root_dir)
    for outcome in ordered:
        for directory, found in outcome.load_problems:
            report(directory, found)
    sources = dict(root.module.sources)
    for outcome in ordered:
        sources.update(outcome.sources)
    if diags.has_errors():
        return diags, sources
    report_not_installed(root, diags)
    ModuleChecker(root, diags, functions).run()
    for outcome in ordered:
        if outcome.checked is not None:
            diags.extend(outcome.checked)
    return diags, sources


def _attach(root: ModuleNode, outcome: CallOutcome) -> None:
    """What the root's check needs of a module the copy loaded: its variables and outputs."""
    if outcome.missing is not None:
        root.missing[outcome.name] = outcome.missing
    if outcome.directory is not None:
        module = Module(outcome.directory, variables=outcome.variables, outputs=outcome.outputs)
        call = root.module.module_calls[outcome.name]
        root.children[outcome.name] = ModuleNode((outcome.name,), module, call)
