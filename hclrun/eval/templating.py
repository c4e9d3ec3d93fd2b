"""Rendering templates for ``templatefile`` and ``templatestring``.

A template sees only the variables it is given and the built-in functions;
calling ``templatefile``/``templatestring`` inside it is an error. Problems
become a ``FunctionCallError`` whose message lists the first diagnostic the
way HCL prints diagnostics as an error (``file:1,3-7: Summary; Detail``).
"""

from __future__ import annotations

from hclrun.diagnostics import Diagnostics
from hclrun.eval.calls import range_string
from hclrun.eval.evaluator import evaluate
from hclrun.eval.references import references
from hclrun.eval.scope import Scope
from hclrun.functions.registry import TEMPLATESTRING_FILENAME, FunctionContext, build_function_table
from hclrun.functions.spec import Function, FunctionCallError, Parameter, TemplateParseError, fixed_type
from hclrun.values.types import DYNAMIC
from hclrun.values.value import Value

_VARS_ARG = 1
_TEMPLATE_FUNCTIONS = ("templatefile", "templatestring")
# Functions reading local files: not available to templatestring's templates.
_FILESYSTEM_FUNCTIONS = (
    "file",
    "fileexists",
    "fileset",
    "filebase64",
    "filebase64sha256",
    "filebase64sha512",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "templatefile",
)


def diagnostics_message(diags: Diagnostics) -> str:
    """HCL's one-line rendering of diagnostics used as an error message."""
    errors = [d for d in diags if d.is_error] or list(diags)
    if not errors:
        return "no diagnostics"
    first = errors[0]
    text = f"{first.summary}; {first.detail}"
    if first.subject is not None:
        text = f"{range_string(first.subject)}: {text}"
    if len(errors) > 1:
        text += f", and {len(errors) - 1} other diagnostic(s)"
    return text


def _is_identifier(name: str) -> bool:
    if not name or not (name[0].isalpha() or name[0] == "_"):
        return False
    return all(c.isalnum() or c in "_-" for c in name)


_STUB_PARAMS = {
    "templatefile": (Parameter("path"), Parameter("vars")),
    "templatestring": (Parameter("template"), Parameter("vars")),
}


def _recursion_stub(name: str, original: Function | None) -> Function:
    def refuse(_args: list[Value], _ret: object) -> Value:
        raise FunctionCallError(f"cannot recursively call {name} from inside another template function")

    params = original.params if original is not None else _STUB_PARAMS[name]
    return Function(name, params, fixed_type(DYNAMIC), refuse)


def _filesystem_stub(name: str, original: Function) -> Function:
    def refuse(_args: list[Value], _ret: object) -> Value:
        raise FunctionCallError(
            f"cannot use filesystem access functions like {name} in templatestring templates; "
            "consider passing the function result as a template variable instead"
        )

    return Function(name, original.params, fixed_type(DYNAMIC), refuse, variadic=original.variadic)


def template_functions(table: dict[str, Function], allow_filesystem: bool = True) -> dict[str, Function]:
    """The functions a template may call: the table with the template functions stubbed
    out, and the filesystem functions too unless ``allow_filesystem``."""
    functions = dict(table)
    if not allow_filesystem:
        for name in _FILESYSTEM_FUNCTIONS:
            if name in functions:
                stub = _filesystem_stub(name, functions[name])
                functions[name] = functions[f"core::{name}"] = stub
    for name in _TEMPLATE_FUNCTIONS:
        stub = _recursion_stub(name, functions.get(name))
        functions[name] = functions[f"core::{name}"] = stub
    return functions


class TemplateRenderer:
    """Renders template text with variables; plugs into ``FunctionContext.template_renderer``."""

    def __init__(self, functions: dict[str, Function] | None = None) -> None:
        self._table = functions
        self._functions: dict[bool, dict[str, Function]] = {}

    def bind(self, table: dict[str, Function]) -> None:
        self._table = table
        self._functions = {}

    def __call__(self, text: str, filename: str, variables: dict[str, Value]) -> Value:
        from hclrun.syntax.parser import parse_template

        for name in variables:
            if not _is_identifier(name):
                raise FunctionCallError(
                    f'invalid template variable name "{name}": must start with a letter, followed by zero or '
                    "more letters, digits, and underscores",
                    _VARS_ARG,
                )
        expr, parse_diags = parse_template(text, filename)
        if expr is None or parse_diags.has_errors():
            raise TemplateParseError(diagnostics_message(parse_diags))
        for ref in references(expr):
            if ref.root_name not in variables:
                raise FunctionCallError(
                    f'vars map does not contain key "{ref.root_name}", referenced at '
                    f"{range_string(ref.traversal[0].range)}",
                    _VARS_ARG,
                )
        allow_filesystem = filename != TEMPLATESTRING_FILENAME
        functions = self._functions.get(allow_filesystem)
        if functions is None:
            functions = self._functions[allow_filesystem] = template_functions(self._table or {}, allow_filesystem)
        value, diags = evaluate(expr, Scope(variables, functions))
        if diags.has_errors():
            raise FunctionCallError(diagnostics_message(diags))
        if value.raw is None:
            raise FunctionCallError(
                f"{range_string(expr.range)}: Template result is null; The result of the template is null, "
                "which is not a valid result for a templatestring call."
            )
        return value


def default_functions(base_dir: str = ".") -> dict[str, Function]:
    """The built-in function table for a module in ``base_dir``, with template rendering wired in."""
    renderer = TemplateRenderer()
    table = build_function_table(FunctionContext(base_dir=base_dir, template_renderer=renderer))
    renderer.bind(table)
    return table
