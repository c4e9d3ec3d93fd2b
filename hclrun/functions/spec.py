"""Declarative function definitions and the call protocol.

A Function declares typed parameters, an optional variadic parameter, a rule
for its return type and an implementation. ``call_function`` applies the
calling convention Terraform's functions follow:

1. argument count (fixed parameters are required);
2. each argument is converted to its parameter's type (unsafe conversion);
3. null arguments are rejected unless the parameter allows null;
4. marks are removed from arguments at every depth (unless the parameter
   allows marked values) and put on the result;
5. an argument whose type is not known yet (an untyped null or unknown)
   makes the result an unknown of unknown type, unless the parameter allows
   that;
6. if an argument is unknown and the parameter does not allow unknowns, the
   result is an unknown value of the return type, without running the
   implementation.

Failures raise FunctionCallError; the evaluator turns it into a Diagnostic
pointing at the call or at the offending argument.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from hclrun.values.convert import ConversionError, convert
from hclrun.values.types import DYNAMIC, Type
from hclrun.values.value import NO_MARKS, Unknown, Value

ReturnTypeRule = Callable[[list[Value]], Type]
Implementation = Callable[[list[Value], Type], Value]


class FunctionCallError(Exception):
    """A call failed.

    ``arg_index`` set: the argument at that position is invalid ("Invalid
    function argument", detail ``Invalid value for "<param>" parameter: <message>.``).
    Otherwise the call as a whole failed ("Error in function call", detail
    ``Call to function "<name>" failed: <message>.``).
    ``summary``/``detail`` override those defaults when set (arity errors).
    """

    def __init__(
        self,
        message: str,
        arg_index: int | None = None,
        *,
        summary: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.arg_index = arg_index
        self.summary = summary
        self.detail = detail


class PanicError(FunctionCallError):
    """The reference implementation crashes here; its message is reported as the
    reference reports a recovered crash (``panic in function implementation: …``),
    without the stack trace that follows it there and without a final full stop."""

    def __init__(self, panic_message: str) -> None:
        super().__init__(f"panic in function implementation: {panic_message}")


class TemplateParseError(FunctionCallError):
    """A template given to a template function does not parse."""


class ArgError(FunctionCallError):
    """Raised by implementations for a problem with one argument."""

    def __init__(self, arg_index: int, message: str) -> None:
        super().__init__(message, arg_index)


@dataclass(frozen=True)
class Parameter:
    name: str
    type: Type = DYNAMIC
    allow_null: bool = False
    allow_unknown: bool = False
    allow_marked: bool = False
    allow_dynamic_type: bool = False
    description: str = ""


def fixed_type(t: Type) -> ReturnTypeRule:
    """A return-type rule for functions whose result type never varies."""

    def rule(_args: list[Value]) -> Type:
        return t

    return rule


@dataclass(frozen=True)
class Function:
    name: str
    params: tuple[Parameter, ...]
    return_type: ReturnTypeRule
    impl: Implementation
    variadic: Parameter | None = None
    description: str = ""
    # The result of a call with unknown arguments is known not to be null
    # (most functions); refinements beyond that are not modelled here.
    refine_not_null: bool = True
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def param_for(self, index: int) -> Parameter:
        if index < len(self.params):
            return self.params[index]
        assert self.variadic is not None
        return self.variadic

    @cached_property
    def argument_rules(self) -> tuple[ArgumentRule, ...]:
        """The fixed parameters' rules, computed once per function (see ``ArgumentRule``)."""
        return tuple(ArgumentRule(p) for p in self.params)

    @cached_property
    def variadic_rule(self) -> ArgumentRule | None:
        return ArgumentRule(self.variadic) if self.variadic is not None else None


_CONTAINERS = (tuple, dict)


class ArgumentRule:
    """What the calling convention does with one argument, read once from its Parameter.

    ``convert_to`` is the parameter type, or None when it is ``any`` (converting
    to ``any`` changes nothing, so the call skips it)."""

    __slots__ = ("allow_dynamic_type", "allow_marked", "allow_null", "allow_unknown", "convert_to")

    def __init__(self, param: Parameter) -> None:
        self.convert_to: Type | None = None if param.type is DYNAMIC else param.type
        self.allow_null = param.allow_null
        self.allow_unknown = param.allow_unknown
        self.allow_marked = param.allow_marked
        self.allow_dynamic_type = param.allow_dynamic_type


def call_function(fn: Function, args: Sequence[Value]) -> Value:
    """Call ``fn`` with already-evaluated arguments, applying the calling convention."""
    params = fn.params
    nparams = len(params)
    nargs = len(args)
    if nargs < nparams:
        missing = params[nargs]
        raise FunctionCallError(
            "not enough arguments",
            summary="Not enough function arguments",
            detail=(
                f'Function "{fn.name}" expects {"at least " if fn.variadic else ""}{nparams} argument(s). '
                f'Missing value for "{missing.name}".'
            ),
        )
    if nargs > nparams and fn.variadic is None:
        raise FunctionCallError(
            "too many arguments",
            summary="Too many function arguments",
            detail=f'Function "{fn.name}" expects only {nparams} argument(s).',
        )

    rules = fn.argument_rules
    variadic = fn.variadic_rule
    converted: list[Value] = []
    result_marks: frozenset[str] = NO_MARKS
    any_unknown = False
    dynamic_arg = False
    for i, value in enumerate(args):
        rule = rules[i] if i < nparams else variadic
        assert rule is not None
        want = rule.convert_to
        if want is not None and value.type is not want:
            try:
                value = convert(value, want)
            except ConversionError as exc:
                raise FunctionCallError(str(exc), i) from None
        # Only a marked value or a container (whose elements may be marked) needs unmarking.
        if not rule.allow_marked and (value.marks or isinstance(value.raw, _CONTAINERS)):
            value, marks = value.unmark_deep()
            result_marks = result_marks | marks
        raw = value.raw
        if raw is None and not rule.allow_null:
            raise FunctionCallError("argument must not be null", i)
        if value.type.is_dynamic and not rule.allow_dynamic_type:
            # A value of not-yet-known type (an untyped null or unknown):
            # the result cannot be known either.
            dynamic_arg = True
        elif not rule.allow_unknown and isinstance(raw, Unknown):
            any_unknown = True
        converted.append(value)
    if dynamic_arg:
        return Value.unknown(DYNAMIC).with_marks(result_marks)

    ret_type = fn.return_type(converted)
    if any_unknown:
        # Marks on arguments the implementation would have handled itself still
        # reach the unknown result.
        for value in converted:
            result_marks = result_marks | value.marks
        return Value.unknown(ret_type).with_marks(result_marks)
    result = fn.impl(converted, ret_type)
    return result.with_marks(result_marks) if result_marks else result
