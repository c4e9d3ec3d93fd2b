"""Terraform's checks of known ``count`` and ``for_each`` values, shared by validation and expansion."""

from __future__ import annotations

import gmpy2

from hclrun.diagnostics import Diagnostics
from hclrun.source import Range
from hclrun.values.convert import convert
from hclrun.values.errors import ConversionError
from hclrun.values.types import NUMBER, STRING, MapType, ObjectType, SetType
from hclrun.values.value import SENSITIVE, Value

_INT64 = (-(2**63), 2**63 - 1)


def check_count(value: Value, subject: Range, diags: Diagnostics) -> None:
    bare, marks = value.unmark()
    if SENSITIVE in marks:
        diags.error(
            "Invalid count argument",
            "Sensitive values, or values derived from sensitive values, cannot be used as count arguments. "
            "If used, the sensitive value could be exposed as a resource instance key.",
            subject,
        )
        return
    if not bare.is_known:
        return
    if bare.is_null:
        diags.error("Invalid count argument", 'The given "count" argument value is null. An integer is required.', subject)
        return
    try:
        number = convert(bare, NUMBER)
    except ConversionError as exc:
        diags.error("Incorrect value type", f"Invalid expression value: {exc.formatted()}.", subject)
        return
    if not number.is_known or number.is_null:
        return
    raw = number.raw
    whole = gmpy2.is_integer(raw) if not isinstance(raw, int) else True
    if not whole or not (_INT64[0] <= int(raw) <= _INT64[1]):
        diags.error(
            "Invalid count argument",
            'The given "count" argument value is unsuitable: value must be a whole number, between '
            "-9223372036854775808 and 9223372036854775807.",
            subject,
        )
        return
    if int(raw) < 0:
        diags.error(
            "Invalid count argument",
            'The given "count" argument value is unsuitable: must be greater than or equal to zero.',
            subject,
        )


def check_for_each(value: Value, subject: Range, diags: Diagnostics) -> None:
    bare, marks = value.unmark()
    if SENSITIVE in marks:
        diags.error(
            "Invalid for_each argument",
            "Sensitive values, or values derived from sensitive values, cannot be used as for_each arguments. "
            "If used, the sensitive value could be exposed as a resource instance key.",
            subject,
        )
        return
    kind = bare.type
    if isinstance(kind, MapType | ObjectType):
        if bare.is_known and bare.is_null:
            _null(subject, diags)
        return
    if isinstance(kind, SetType):
        if bare.is_known and bare.is_null:
            _null(subject, diags)
            return
        element = kind.element
        if element != STRING and not element.is_dynamic:
            diags.error(
                "Invalid for_each set argument",
                'The given "for_each" argument value is unsuitable: "for_each" supports maps and sets of strings, '
                f"but you have provided a set containing type {element.friendly_name()}.",
                subject,
            )
        return
    if kind.is_dynamic:
        if bare.is_known and bare.is_null:
            _null(subject, diags)
        return
    if bare.is_known and bare.is_null:
        _null(subject, diags)
        return
    diags.error(
        "Invalid for_each argument",
        'The given "for_each" argument value is unsuitable: the "for_each" argument must be a map, or set of '
        f"strings, and you have provided a value of type {kind.friendly_name()}.",
        subject,
    )


def _null(subject: Range, diags: Diagnostics) -> None:
    diags.error(
        "Invalid for_each argument",
        'The given "for_each" argument value is unsuitable: the given "for_each" argument value is null. A map, '
        "or set of strings is allowed.",
        subject,
    )
