"""Running validation over a whole module tree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from hclrun.config.loader import load_module
from hclrun.config.tree import ModuleNode, load_tree
from hclrun.diagnostics import Diagnostics
from hclrun.functions.spec import Function
from hclrun.records import record
from hclrun.validation.module_checks import ModuleChecker


@record(frozen=False)
class ValidationResult:
    diagnostics: Diagnostics
    sources: dict[str, bytes] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.diagnostics.has_errors()


def validate_tree(root: str = ".", share: bool = True) -> ValidationResult:
    """Load the module tree under ``root`` and check it; every problem found, in one result.

    With ``share`` (and a second core), a forked copy of this process loads and
    checks part of the called modules; the result is the same either way.
    """
    from hclrun.eval.templating import default_functions

    module, root_diags = load_module(root)
    functions = default_functions(root)
    if share:
        from hclrun.validation.parallel import validate_shared

        shared = validate_shared(root, ModuleNode((), module), Diagnostics(root_diags), functions)
        if shared is not None:
            return ValidationResult(*shared)
    tree, diags = load_tree(root, (module, root_diags))
    return check_tree(tree, diags, root, functions)


def check_tree(
    tree: ModuleNode, diags: Diagnostics, root: str = ".", functions: Mapping[str, Function] | None = None
) -> ValidationResult:
    """Check an already loaded module tree; ``diags`` holds the loading problems and receives the rest."""
    sources: dict[str, bytes] = {}
    for node in tree.walk():
        sources.update(node.module.sources)
    if diags.has_errors():
        return ValidationResult(diags, sources)
    if functions is None:
        from hclrun.eval.templating import default_functions

        functions = default_functions(root)
    for node in tree.walk():
        report_not_installed(node, diags)
        ModuleChecker(node, diags, functions).run()
    return ValidationResult(diags, sources)


def report_not_installed(node: ModuleNode, diags: Diagnostics) -> None:
    for name, why in node.missing.items():
        if why != "not installed":
            continue
        call = node.module.module_calls[name]
        diags.warning(
            "Module not installed",
            f'The module "{name}" (source "{call.source}") is not installed, so its interface was not checked: '
            'its arguments are accepted as given and its outputs are unknown values. Run "hclrun init" to '
            "install it.",
            call.source_range,
        )
