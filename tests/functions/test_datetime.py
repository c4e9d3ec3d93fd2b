"""Date and time functions against goldens recorded from terraform console, plus direct checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from golden_function_cases import (
    case_id,
    comparable,
    expected,
    load_goldens,
    metadata_signatures,
    run_case,
    signature_mismatches,
)

from hclrun.functions.datetime import Instant, format_date, parse_duration, parse_timestamp
from hclrun.functions.registry import FunctionContext, build_function_table
from hclrun.functions.spec import FunctionCallError, call_function
from hclrun.values.value import Value

NAMES = ["formatdate", "timeadd", "timecmp", "timestamp", "plantimestamp"]
GOLDENS = load_goldens("datetime")


@pytest.mark.parametrize("record", GOLDENS, ids=case_id)
def test_datetime_golden(record: dict[str, Any]) -> None:
    assert comparable(run_case(record["case"])) == comparable(expected(record))


@pytest.mark.parametrize("name", NAMES)
def test_datetime_signatures_match_metadata(name: str) -> None:
    assert signature_mismatches(build_function_table()[name], metadata_signatures([name])[name]) == []


@pytest.mark.parametrize(
    ("text", "nanos"),
    [
        ("1h30m", 5400 * 10**9),
        ("-1.5h", -5400 * 10**9),
        ("300ms", 300 * 10**6),
        ("2us", 2000),
        ("2µs", 2000),
        ("1.0000000001s", 10**9),
        ("+.5s", 5 * 10**8),
        ("9223372036854775807ns", 2**63 - 1),
        ("-9223372036854775808ns", -(2**63)),
    ],
)
def test_parse_duration(text: str, nanos: int) -> None:
    assert parse_duration(text) == nanos


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9223372036854775808ns", 'time: invalid duration "9223372036854775808ns"'),
        ("1.s.", 'time: invalid duration "1.s."'),
        ("1é", 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'),
        ("-", 'time: invalid duration "-"'),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("text", "rfc3339"),
    [
        ("2018-01-02T03:04:05Z", "2018-01-02T03:04:05Z"),
        ("2018-01-02T03:04:05.999999999+05:30", "2018-01-02T03:04:05+05:30"),
        ("2018-01-02T03:04:05-00:00", "2018-01-02T03:04:05Z"),
        ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
        ("2000-02-29T23:59:59-23:59", "2000-02-29T23:59:59-23:59"),
    ],
)
def test_parse_timestamp_round_trip(text: str, rfc3339: str) -> None:
    assert parse_timestamp(text).rfc3339() == rfc3339


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2018-01-02T3:04:05Z", "hour must have exactly two digits"),
        ("2018-01-02T03:04:05,5Z", 'cannot use "," as timestamp segment'),
        ("2018-01-02T03:04:05+24:00", 'cannot use "+24:00" as UTC offset'),
        ("2018-01-02T03:4:05Z", "minute must have exactly two digits"),
        ("2018-01-02X03:04:05Z", "missing required time introducer 'T'"),
        ("2018-01", 'end of string where "-" is expected'),
        ("2018/01/02T03:04:05Z", 'found "/01/02T03:04:05Z" where "-" is expected'),
        ("2019-02-29T00:00:00Z", "day out of range"),
    ],
)
def test_parse_timestamp_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_timestamp(text)
    assert str(info.value) == f"not a valid RFC3339 timestamp: {message}"


def test_instant_arithmetic_beyond_python_datetime() -> None:
    start = parse_timestamp("0001-01-01T00:00:00Z")
    assert start.add(-3600 * 10**9).rfc3339() == "0000-12-31T23:00:00Z"
    assert parse_timestamp("9999-12-31T23:00:00Z").add(7200 * 10**9).rfc3339() == "10000-01-01T01:00:00Z"


def test_format_date_weekdays_over_a_week() -> None:
    monday = Instant.from_fields(2024, 1, 1, 0, 0, 0, 0, 0)
    days = [format_date("EEE", monday.add(d * 86400 * 10**9)) for d in range(7)]
    assert days == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def test_timestamp_is_current_utc() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    result = call_function(build_function_table()["timestamp"], [])
    parsed = datetime.strptime(result.raw, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= parsed <= before + timedelta(seconds=2)


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC), "2024-05-06T07:08:09Z"),
        (datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC).astimezone(), "2024-05-06T07:08:09Z"),
    ],
)
def test_plantimestamp_uses_context(moment: datetime, text: str) -> None:
    table = build_function_table(FunctionContext(plan_timestamp=moment))
    assert call_function(table["plantimestamp"], []) == Value.string(text)


def test_plantimestamp_takes_no_arguments() -> None:
    with pytest.raises(FunctionCallError) as info:
        call_function(build_function_table()["plantimestamp"], [Value.string("x")])
    assert info.value.summary == "Too many function arguments"
