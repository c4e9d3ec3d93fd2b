"""Function calls, including ``try`` and ``can``, which take unevaluated expressions.

The function table lives in the scope. Argument count is checked here (with
HCL's wording and ranges: variadic functions say "at least"); conversion,
null checks, unknowns and marks are ``call_function``'s job, and its
``FunctionCallError`` becomes "Invalid function argument" (pointing at the
argument) or "Error in function call" (pointing at the call).
"""

from __future__ import annotations

import dataclasses

from hclrun.diagnostics import Diagnostics, FunctionCallInfo
from hclrun.eval.core import eval_expr, handles, has_errors_since, report, start_range
from hclrun.eval.references import references
from hclrun.eval.scope import Scope, did_you_mean
from hclrun.eval.traversal import step
from hclrun.functions.describe import signature_json
from hclrun.functions.spec import Function, FunctionCallError, PanicError, call_function
from hclrun.source import Range
from hclrun.syntax import ast
from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import BOOL
from hclrun.values.value import DYNAMIC_UNKNOWN, FALSE, TRUE, Value

_EVALUATOR_FUNCTIONS = {"try": "try", "can": "can", "core::try": "try", "core::can": "can"}


def argument_subject(expr: ast.FunctionCallExpr, i: int) -> Range:
    """Where errors about argument ``i`` of the call point, worked out only when one is reported.

    An argument written in the call points at its start range; arguments
    expanded from a final ``...`` argument all point at that argument."""
    written = expr.args[:-1] if expr.expand_final else expr.args
    if i < len(written):
        return start_range(written[i])
    return expr.args[-1].range


def range_string(r: Range) -> str:
    """HCL's short form: ``file:1,7-10`` on one line, ``file:1,7-2,3`` across lines."""
    if r.start.line == r.end.line:
        return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.column}"
    return f"{r.filename}:{r.start.line},{r.start.column}-{r.end.line},{r.end.column}"


@handles(ast.FunctionCallExpr)
def eval_call(expr: ast.FunctionCallExpr, scope: Scope, diags: Diagnostics) -> Value:
    functions = scope.functions
    if functions is None:
        report(diags, "Function calls not allowed", "Functions may not be called here.", expr.range)
        return DYNAMIC_UNKNOWN
    special = _EVALUATOR_FUNCTIONS.get(expr.name)
    if special == "try":
        return _eval_try(expr, scope, diags)
    if special == "can":
        return _eval_can(expr, scope, diags)
    try:
        fn = functions[expr.name]
    except KeyError:
        fn = None
    if fn is None:
        _unknown_function(expr, functions, scope, diags)
        return DYNAMIC_UNKNOWN

    if fn.extra.get("template_expression_argument") and len(expr.args) == 2 and not expr.expand_final:
        return _eval_templatestring(expr, fn, scope, diags)
    args = _arguments(expr, scope, diags)
    if args is None:
        return DYNAMIC_UNKNOWN
    return _call_with(expr, fn, args, scope, diags)


def _call_with(expr: ast.FunctionCallExpr, fn: Function, args: list[Value], scope: Scope, diags: Diagnostics) -> Value:
    nparams = len(fn.params)
    mark = len(diags)
    if len(args) < nparams:
        qualifier = " at least" if fn.variadic is not None else ""
        report(
            diags,
            "Not enough function arguments",
            f'Function "{expr.name}" expects{qualifier} {nparams} argument(s). '
            f'Missing value for "{fn.params[len(args)].name}".',
            expr.close_paren_range,
            context=expr.range,
            expr=expr,
            scope=scope,
        )
        _note_call(expr, fn, diags, mark)
        return DYNAMIC_UNKNOWN
    if fn.variadic is None and len(args) > nparams:
        report(
            diags,
            "Too many function arguments",
            f'Function "{expr.name}" expects only {nparams} argument(s).',
            argument_subject(expr, nparams),
            context=expr.range,
            expr=expr,
            scope=scope,
        )
        _note_call(expr, fn, diags, mark)
        return DYNAMIC_UNKNOWN
    try:
        return call_function(fn, args)
    except FunctionCallError as err:
        _call_failed(expr, fn, args, err, scope, diags)
        _note_call(expr, fn, diags, mark)
        return DYNAMIC_UNKNOWN


def _eval_templatestring(expr: ast.FunctionCallExpr, fn: Function, scope: Scope, diags: Diagnostics) -> Value:
    """``templatestring`` takes its template as an expression (see ``template_argument``).

    The vars argument is evaluated and checked for null first, as the reference
    checks it before running the function."""
    from hclrun.eval.template_argument import evaluate_template_argument
    from hclrun.eval.templating import diagnostics_message

    template_expr, vars_expr = expr.args
    mark = len(diags)
    variables = eval_expr(vars_expr, scope, diags)
    if has_errors_since(diags, mark):
        return DYNAMIC_UNKNOWN
    args = [Value.string(""), variables]
    if variables.is_null or not variables.is_known:
        return _call_with(expr, fn, args, scope, diags)
    template = evaluate_template_argument(template_expr, scope, diags, diagnostics_message)
    if template.problem is not None:
        err = FunctionCallError(template.problem, 0)
        failed_mark = len(diags)
        _call_failed(expr, fn, args, err, scope, diags)
        _note_call(expr, fn, diags, failed_mark)
        return DYNAMIC_UNKNOWN
    if template.value is None:
        return DYNAMIC_UNKNOWN
    args[0] = template.value
    return _call_with(expr, fn, args, scope, diags)


def _note_call(expr: ast.FunctionCallExpr, fn: Function, diags: Diagnostics, mark: int) -> None:
    """Record which function failed, for the "while calling" line under the diagnostic."""
    info = FunctionCallInfo(
        expr.name,
        tuple(p.name for p in fn.params),
        fn.variadic.name if fn.variadic is not None else None,
        signature_json(expr.name, fn),
    )
    for i in range(mark, len(diags)):
        diags[i] = dataclasses.replace(diags[i], function_call=info)


def _arguments(expr: ast.FunctionCallExpr, scope: Scope, diags: Diagnostics) -> list[Value] | None:
    """Evaluate the arguments, expanding a final ``...`` argument; None on errors."""
    arg_exprs = expr.args
    if not expr.expand_final:
        mark = len(diags)
        args = [eval_expr(a, scope, diags) for a in arg_exprs]
        if len(diags) != mark and has_errors_since(diags, mark):
            return None
        return args
    final = arg_exprs[-1]
    arg_exprs = arg_exprs[:-1]
    mark = len(diags)
    value = eval_expr(final, scope, diags)
    if has_errors_since(diags, mark):
        return None
    t = value.type
    if t.is_dynamic or t.is_tuple or t.is_list or t.is_set:
        if value.raw is None:
            report(
                diags,
                "Invalid expanding argument value",
                "The expanding argument (indicated by ...) must not be null.",
                final.range,
                context=expr.range,
                expr=final,
                scope=scope,
            )
            return None
        if t.is_dynamic or not value.is_known:
            return None
        value, marks = value.unmark()
        expanded = [element.with_marks(marks) for _, element in value.elements()]
    else:
        report(
            diags,
            "Invalid expanding argument value",
            "The expanding argument (indicated by ...) must be of a tuple, list, or set type.",
            final.range,
            context=expr.range,
            expr=final,
            scope=scope,
        )
        return None
    mark = len(diags)
    args = [eval_expr(a, scope, diags) for a in arg_exprs]
    if has_errors_since(diags, mark):
        return None
    args.extend(expanded)
    return args


def _call_failed(
    expr: ast.FunctionCallExpr,
    fn: Function,
    args: list[Value],
    err: FunctionCallError,
    scope: Scope,
    diags: Diagnostics,
) -> None:
    if err.summary is not None:
        report(diags, err.summary, err.detail or "", expr.range, context=expr.range, expr=expr, scope=scope)
        return
    i = err.arg_index
    if i is None:
        report(
            diags,
            "Error in function call",
            f'Call to function "{expr.name}" failed: {err.message}{"" if isinstance(err, PanicError) else "."}',
            start_range(expr),
            context=expr.range,
            expr=expr,
            scope=scope,
        )
        return
    # Conversion problems are reported for every argument, as HCL converts them all first.
    reported = False
    for j, value in enumerate(args):
        param = fn.param_for(j)
        try:
            convert(value, param.type)
        except ConversionError as exc:
            _invalid_argument(expr, j, param.name, str(exc), argument_subject(expr, j), scope, diags)
            reported = True
    if reported:
        return
    name = fn.param_for(i).name if (i < len(fn.params) or fn.variadic is not None) else ""
    subject = argument_subject(expr, i) if i < len(args) else expr.range
    _invalid_argument(expr, i, name, err.message, subject, scope, diags)


def _invalid_argument(
    expr: ast.FunctionCallExpr,
    index: int,
    param: str,
    message: str,
    subject: Range,
    scope: Scope,
    diags: Diagnostics,
) -> None:
    arg_expr: ast.Expression = expr.args[index] if index < len(expr.args) else expr
    if expr.expand_final and index >= len(expr.args) - 1:
        arg_expr = expr.args[-1]
    report(
        diags,
        "Invalid function argument",
        f'Invalid value for "{param}" parameter: {message}.',
        subject,
        context=expr.range,
        expr=arg_expr,
        scope=scope,
    )


def _unknown_function(expr: ast.FunctionCallExpr, functions: object, scope: Scope, diags: Diagnostics) -> None:
    names = list(functions)  # type: ignore[call-overload]
    name = expr.name
    if name.startswith("provider::"):
        parts = name.split("::")
        provider = parts[1] if len(parts) > 2 else ""
        short = parts[-1]
        report(
            diags,
            "Unknown provider function",
            f'There is no function named "{name}". Ensure that provider name "{provider}" is declared in this '
            f'module\'s required_providers block, and that this provider offers a function named "{short}".',
            expr.name_range,
            context=expr.range,
        )
        return
    sep = name.find("::")
    if sep != -1:
        report(
            diags,
            "Unknown provider function",
            f'The function namespace "{name[:sep]}" is not valid. Provider function calls must use the '
            '"provider::" namespace prefix.',
            expr.name_range,
            context=expr.range,
        )
        return
    detail = f'There is no function named "{name}".{did_you_mean(name, [n for n in names if "::" not in n])}'
    report(diags, "Call to unknown function", detail, expr.name_range, context=expr.range, expr=expr, scope=scope)


# --------------------------------------------------------------------------- try / can


def depends_on_unknowns(expr: ast.Expression, scope: Scope) -> bool:
    """Whether any reference in ``expr`` leads to a value that is not wholly known."""
    for ref in references(expr):
        value, consumed, found = scope.resolve(ref.traversal)
        if found.has_errors():
            continue
        for i in range(consumed, len(ref.traversal)):
            value, diag = step(value, ref.traversal[i])
            if diag is not None:
                break
        else:
            if not value.is_wholly_known:
                return True
    return False


def _eval_try(expr: ast.FunctionCallExpr, scope: Scope, diags: Diagnostics) -> Value:
    if not expr.args:
        report(
            diags,
            "Error in function call",
            'Call to function "try" failed: at least one argument is required.',
            start_range(expr),
            context=expr.range,
        )
        return DYNAMIC_UNKNOWN
    failures = Diagnostics()
    for arg in expr.args:
        if depends_on_unknowns(arg, scope):
            return DYNAMIC_UNKNOWN
        attempt = Diagnostics()
        value = eval_expr(arg, scope, attempt)
        if attempt.has_errors():
            failures.extend(attempt)
            continue
        return value  # type: ignore[no-any-return]
    lines = ["no expression succeeded:"]
    for d in failures:
        at = f" (at {range_string(d.subject)})" if d.subject is not None else ""
        lines.append(f"- {d.summary}{at}\n  {d.detail}")
    message = "\n".join(lines) + "\n\nAt least one expression must produce a successful result"
    report(
        diags,
        "Error in function call",
        f'Call to function "try" failed: {message}.',
        start_range(expr),
        context=expr.range,
        expr=expr,
        scope=scope,
    )
    return DYNAMIC_UNKNOWN


def _eval_can(expr: ast.FunctionCallExpr, scope: Scope, diags: Diagnostics) -> Value:
    if len(expr.args) != 1:
        if not expr.args:
            report(
                diags,
                "Not enough function arguments",
                'Function "can" expects 1 argument(s). Missing value for "expression".',
                expr.close_paren_range,
                context=expr.range,
            )
        else:
            report(
                diags,
                "Too many function arguments",
                'Function "can" expects only 1 argument(s).',
                start_range(expr.args[1]),
                context=expr.range,
            )
        return DYNAMIC_UNKNOWN
    arg = expr.args[0]
    if depends_on_unknowns(arg, scope):
        return Value.unknown(BOOL)
    attempt = Diagnostics()
    eval_expr(arg, scope, attempt)
    return FALSE if attempt.has_errors() else TRUE
