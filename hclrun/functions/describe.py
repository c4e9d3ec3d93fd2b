"""A function's signature as Terraform describes it in JSON diagnostics (``snippet.function_call``).

The return type is a static approximation: the return-type rule applied to
unknown values of the parameters' types (one argument for a variadic
parameter). As in Terraform, a parameter whose type is ``dynamic`` and which
does not accept values of unknown type makes the result ``dynamic``, and so
does a rule that rejects those placeholder arguments.
"""

from __future__ import annotations

import json
from typing import Any

from hclrun.functions.spec import Function, FunctionCallError, Parameter
from hclrun.values.json import type_to_json
from hclrun.values.types import DYNAMIC, Type
from hclrun.values.value import Value


def _type_data(t: Type) -> Any:
    return json.loads(type_to_json(t))


def _param_data(param: Parameter) -> dict[str, Any]:
    return {"name": param.name, "type": _type_data(param.type)}


def static_return_type(fn: Function) -> Type:
    params = list(fn.params) + ([fn.variadic] if fn.variadic is not None else [])
    if any(p.type == DYNAMIC and not p.allow_dynamic_type for p in params):
        return DYNAMIC
    try:
        return fn.return_type([Value.unknown(p.type) for p in params])
    except FunctionCallError:  # the rule rejects the placeholder arguments
        return DYNAMIC


def signature_data(name: str, fn: Function) -> dict[str, Any]:
    """``{"name", "params", "variadic_param"?, "return_type"}`` for ``fn`` called as ``name``."""
    out: dict[str, Any] = {"name": name.rpartition("::")[2], "params": [_param_data(p) for p in fn.params]}
    if fn.variadic is not None:
        out["variadic_param"] = _param_data(fn.variadic)
    out["return_type"] = _type_data(static_return_type(fn))
    return out


def signature_json(name: str, fn: Function) -> str:
    return json.dumps(signature_data(name, fn), separators=(",", ":"), ensure_ascii=False)
