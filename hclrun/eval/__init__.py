"""The evaluation layer: scopes, the expression evaluator, references and type expressions.

This is where value errors become diagnostics with source ranges.
"""

from hclrun.eval.defaults import apply_defaults
from hclrun.eval.evaluator import evaluate, evaluate_text
from hclrun.eval.references import Reference, references, traversal_string
from hclrun.eval.scope import Resolver, Scope, Traversal, did_you_mean, name_suggestion
from hclrun.eval.templating import TemplateRenderer, default_functions
from hclrun.eval.typeexpr import TypeDefaults, type_constraint

__all__ = [
    "Reference",
    "Resolver",
    "Scope",
    "TemplateRenderer",
    "Traversal",
    "TypeDefaults",
    "apply_defaults",
    "default_functions",
    "did_you_mean",
    "evaluate",
    "evaluate_text",
    "name_suggestion",
    "references",
    "traversal_string",
    "type_constraint",
]
