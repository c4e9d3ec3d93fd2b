"""The rule table: every rule hclrun lint knows, by id."""

from __future__ import annotations

from hclrun.lint import rules_declarations as declarations
from hclrun.lint import rules_expressions as expressions
from hclrun.lint import rules_versions as versions
from hclrun.lint.rule import Rule

ALL_RULES: tuple[Rule, ...] = (
    Rule("unused-variable", "A variable is declared but never referenced in its module.", declarations.unused_variables),
    Rule("unused-local", "A local value is defined but never referenced in its module.", declarations.unused_locals),
    Rule("variable-missing-type", "A variable has no type constraint.", declarations.variables_without_type),
    Rule("variable-missing-description", "A variable has no description.", declarations.variables_without_description),
    Rule("output-missing-description", "An output has no description.", declarations.outputs_without_description),
    Rule(
        "deprecated-interpolation",
        'An expression is wrapped in a string holding only an interpolation ("${var.x}").',
        expressions.interpolation_only,
    ),
    Rule("deprecated-index", 'Legacy ".0" index or ".*" splat syntax.', expressions.legacy_index),
    Rule(
        "module-source-unpinned",
        "A module source is not pinned: a git source without a tag or commit, an archive without a version, or "
        "a registry module without a version.",
        versions.unpinned_module_sources,
    ),
    Rule(
        "missing-required-version",
        "A module has no terraform { required_version } constraint.",
        versions.missing_required_version,
    ),
    Rule(
        "missing-required-providers",
        "A provider is used without a required_providers entry.",
        versions.missing_required_providers,
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in ALL_RULES}
