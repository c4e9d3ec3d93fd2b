"""Date and time functions: formatdate, timeadd, timecmp, timestamp, plantimestamp.

Timestamps are RFC 3339 strings. Parsing is strict (two-digit fields, ``T``
and ``Z`` in upper case, offsets within ±23:59). A rejected timestamp is
described in the reference's words, which come from walking the layout
``2006-01-02T15:04:05Z07:00`` field by field (``_describe_failure``).
Instants are kept as seconds and nanoseconds since the epoch plus the UTC
offset they were written with, so arithmetic is exact to the nanosecond and
not limited to the years Python's ``datetime`` supports.
"""

from __future__ import annotations

from datetime import UTC, datetime

from hclrun.functions.registry import FunctionContext
from hclrun.functions.spec import ArgError, Function, FunctionCallError, Parameter, fixed_type
from hclrun.records import record
from hclrun.values import number as num
from hclrun.values.strings import go_quote
from hclrun.values.types import NUMBER, STRING, Type
from hclrun.values.value import Value

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_WEEKDAYS = "Sunday Monday Tuesday Wednesday Thursday Friday Saturday".split()
_NANOS_PER_SECOND = 1_000_000_000


# ---------------------------------------------------------------- calendar


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _days_from_civil(y: int, m: int, d: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date."""
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (m <= 2), m, d


@record
class Instant:
    """A point in time and the UTC offset (seconds east) it is shown in."""

    seconds: int
    nanos: int = 0
    offset: int = 0

    @staticmethod
    def from_fields(
        year: int, month: int, day: int, hour: int, minute: int, second: int, nanos: int, offset: int
    ) -> Instant:
        local = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
        return Instant(local - offset, nanos, offset)

    def local(self) -> tuple[int, int, int, int, int, int, int]:
        """Year, month, day, hour, minute, second and weekday (0 = Sunday) at the offset."""
        days, secs = divmod(self.seconds + self.offset, 86400)
        year, month, day = _civil_from_days(days)
        return year, month, day, secs // 3600, secs % 3600 // 60, secs % 60, (days + 4) % 7

    def add(self, nanos: int) -> Instant:
        extra_seconds, rest = divmod(self.nanos + nanos, _NANOS_PER_SECOND)
        return Instant(self.seconds + extra_seconds, rest, self.offset)

    def sort_key(self) -> tuple[int, int]:
        return self.seconds, self.nanos

    def rfc3339(self) -> str:
        year, month, day, hour, minute, second, _ = self.local()
        sign = "-" if year < 0 else ""
        return f"{sign}{abs(year):04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{self.zone(':')}"

    def zone(self, separator: str, utc: str = "Z") -> str:
        if self.offset == 0 and utc:
            return utc
        sign = "-" if self.offset < 0 else "+"
        minutes = abs(self.offset) // 60
        return f"{sign}{minutes // 60:02d}{separator}{minutes % 60:02d}"


# ---------------------------------------------------------------- parsing


def _digit(b: bytes, i: int) -> bool:
    return i < len(b) and 48 <= b[i] <= 57


def _parse_strict(b: bytes) -> Instant | None:
    """An RFC 3339 timestamp with every field checked, or None."""
    ok = True

    def field(part: bytes, low: int, high: int) -> int:
        nonlocal ok
        if not part.isdigit() or not low <= int(part) <= high:
            ok = False
            return low
        return int(part)

    if len(b) < 19:
        return None
    year = field(b[0:4], 0, 9999)
    month = field(b[5:7], 1, 12)
    day = field(b[8:10], 1, _days_in(month, year))
    hour = field(b[11:13], 0, 23)
    minute = field(b[14:16], 0, 59)
    second = field(b[17:19], 0, 59)
    if not ok or b[4:5] != b"-" or b[7:8] != b"-" or b[10:11] != b"T" or b[13:14] != b":" or b[16:17] != b":":
        return None
    rest = b[19:]
    nanos = 0
    if len(rest) >= 2 and rest[0:1] == b"." and _digit(rest, 1):
        n = 2
        while _digit(rest, n):
            n += 1
        nanos = int(rest[1:min(n, 10)].ljust(9, b"0"))
        rest = rest[n:]
    offset = 0
    if rest != b"Z":
        if len(rest) != 6:
            return None
        hh = field(rest[1:3], 0, 23)
        mm = field(rest[4:6], 0, 59)
        if not ok or rest[0:1] not in (b"+", b"-") or rest[3:4] != b":":
            return None
        offset = (hh * 60 + mm) * 60 * (-1 if rest[0:1] == b"-" else 1)
    return Instant.from_fields(year, month, day, hour, minute, second, nanos, offset)


# A parse failure: the layout element, the remaining value and a message,
# as the reference's layout-driven parser reports them.
ParseFailure = tuple[str, bytes, str]
_LAYOUT = (("", "2006"), ("-", "01"), ("-", "02"), ("T", "15"), (":", "04"), (":", "05"), ("", "Z07:00"))


def _number(value: bytes, fixed: bool) -> tuple[int, bytes] | None:
    if not _digit(value, 0):
        return None
    if not _digit(value, 1):
        return None if fixed else (value[0] - 48, value[1:])
    return int(value[:2]), value[2:]


def _layout_walk(b: bytes) -> ParseFailure | None:
    """Walk the layout as the reference's general parser does; None when it accepts ``b``."""
    value = b
    fields: dict[str, int] = {}
    for prefix, element in _LAYOUT:
        for expected in prefix.encode():
            if not value or value[0] != expected:
                return prefix, value, ""
            value = value[1:]
        hold = value
        bad = False
        out_of_range = ""
        if element == "2006":
            if len(value) < 4 or not value[:4].isdigit():
                bad = True
            else:
                fields["year"], value = int(value[:4]), value[4:]
        elif element == "Z07:00":
            bad, out_of_range, value = _walk_zone(value)
        else:
            got = _number(value, fixed=element != "15")
            if got is None:
                bad = True
            else:
                n, value = got
                fields[element] = n
                limit = {"01": (1, 12, "month"), "15": (0, 23, "hour"), "04": (0, 59, "minute"), "05": (0, 59, "second")}
                low, high, name = limit.get(element, (0, 99, ""))
                if not low <= n <= high:
                    out_of_range = name
                elif element == "05" and len(value) >= 2 and value[0:1] in b".," and _digit(value, 1):
                    n = 2
                    while _digit(value, n):
                        n += 1
                    value = value[n:]
        if out_of_range:
            return element, value, f": {out_of_range} out of range"
        if bad:
            return element, hold, ""
    if value:
        return "", value, ": extra text: " + go_quote(value.decode("utf-8", "replace"))
    day = fields.get("02", 0)
    if day < 1 or day > _days_in(fields.get("01", 1), fields.get("year", 0)):
        return "", value, ": day out of range"
    return None


def _walk_zone(value: bytes) -> tuple[bool, str, bytes]:
    """(bad, out-of-range field, rest) for the UTC offset element."""
    if value[:1] == b"Z":
        return False, "", value[1:]
    if len(value) < 6 or value[3:4] != b":":
        return True, "", value
    sign, hh, mm, rest = value[0:1], value[1:3], value[4:6], value[6:]
    hours = _number(hh, fixed=True)
    minutes = _number(mm, fixed=True) if hours is not None else None
    if hours is None or minutes is None:
        return True, "", rest
    if hours[0] > 24:
        return False, "time zone offset hour", rest
    if minutes[0] > 60:
        return False, "time zone offset minute", rest
    return sign not in (b"+", b"-"), "", rest


def _strict_failure(b: bytes) -> ParseFailure | None:
    """Why a timestamp the general parser accepts is still not valid RFC 3339."""
    if b[12:13] == b":":
        return "15", b[11:12], ": hour must have two digits"
    if b[19:20] == b",":
        return ".", b",", ": sub-second separator must be a period"
    if b[-1:] != b"Z":
        if int(b[-5:-3]) >= 24:
            return "Z07:00", b[-6:], ": timezone hour out of range"
        if int(b[-2:]) >= 60:
            return "Z07:00", b[-6:], ": timezone minute out of range"
        return None
    return "2006-01-02T15:04:05Z07:00", b, ""


_ELEMENT_NAMES = {
    "2006": "year",
    "01": "month",
    "02": "day of month",
    "15": "hour",
    "04": "minute",
    "05": "second",
    "Z07:00": "UTC offset",
}


def _describe_failure(failure: ParseFailure) -> str:
    element, value_bytes, message = failure
    prefix = "not a valid RFC3339 timestamp"
    value = value_bytes.decode("utf-8", "replace")
    if not element and not value and message:
        return prefix + message
    if element == "T":
        return f"{prefix}: missing required time introducer 'T'"
    if element in (":", "-"):
        if not value:
            return f"{prefix}: end of string where {go_quote(element)} is expected"
        return f"{prefix}: found {go_quote(value)} where {go_quote(element)} is expected"
    what = _ELEMENT_NAMES.get(element, "timestamp segment")
    if not value:
        return f"{prefix}: end of string before {what}"
    if what == "hour" and ":" in value:
        return f"{prefix}: hour must be between 0 and 23 inclusive"
    if what == "hour" and len(value_bytes) != 2:
        return f"{prefix}: hour must have exactly two digits"
    if what == "minute" and len(value_bytes) != 2:
        return f"{prefix}: minute must have exactly two digits"
    return f"{prefix}: cannot use {go_quote(value)} as {what}"


def parse_timestamp(text: str) -> Instant:
    """Parse an RFC 3339 timestamp; ValueError with the reference's wording otherwise."""
    b = text.encode("utf-8")
    instant = _parse_strict(b)
    if instant is not None:
        return instant
    failure = _layout_walk(b) or _strict_failure(b)
    if failure is None:
        # The reference falls through here with its zero time and no error.
        return Instant.from_fields(1, 1, 1, 0, 0, 0, 0, 0)
    raise ValueError(_describe_failure(failure))


# ---------------------------------------------------------------- durations

_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC Greek small letter mu
    "ms": 1_000_000,
    "s": _NANOS_PER_SECOND,
    "m": 60 * _NANOS_PER_SECOND,
    "h": 3600 * _NANOS_PER_SECOND,
}
_MAX_DURATION = 1 << 63


def _go_time_quote(s: str) -> str:
    """The time package's quoting: non-ASCII and control bytes as ``\\xNN``."""
    out = ['"']
    for ch in s:
        if ch < " " or ord(ch) >= 0x80:
            out.extend(f"\\x{byte:02x}" for byte in ch.encode("utf-8"))
        else:
            out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


def parse_duration(text: str) -> int:
    """Go's ``time.ParseDuration``, in nanoseconds."""
    invalid = ValueError(f"time: invalid duration {_go_time_quote(text)}")
    s = text
    negative = False
    if s[:1] in ("-", "+"):
        negative = s[0] == "-"
        s = s[1:]
    if s == "0":
        return 0
    if not s:
        raise invalid
    total = 0
    while s:
        if not (s[0] == "." or (s[0].isascii() and s[0].isdigit())):
            raise invalid
        i = 0
        while i < len(s) and s[i].isascii() and s[i].isdigit():
            i += 1
        whole_text, s = s[:i], s[i:]
        whole = int(whole_text) if whole_text else 0
        if whole > _MAX_DURATION:
            raise invalid
        fraction, scale, has_fraction = 0, 1, False
        if s[:1] == ".":
            s = s[1:]
            j = 0
            overflow = False
            while j < len(s) and s[j].isascii() and s[j].isdigit():
                if not overflow and fraction > (_MAX_DURATION - 1) // 10:
                    overflow = True
                if not overflow:
                    candidate = fraction * 10 + int(s[j])
                    if candidate > _MAX_DURATION:
                        overflow = True
                    else:
                        fraction, scale = candidate, scale * 10
                j += 1
            has_fraction = j > 0
            s = s[j:]
        if not whole_text and not has_fraction:
            raise invalid
        j = 0
        while j < len(s) and s[j] != "." and not (s[j].isascii() and s[j].isdigit()):
            j += 1
        if j == 0:
            raise ValueError(f"time: missing unit in duration {_go_time_quote(text)}")
        unit_text, s = s[:j], s[j:]
        unit = _UNITS.get(unit_text)
        if unit is None:
            raise ValueError(f"time: unknown unit {_go_time_quote(unit_text)} in duration {_go_time_quote(text)}")
        if whole > _MAX_DURATION // unit:
            raise invalid
        value = whole * unit
        if fraction:
            # The reference scales fractions in float64.
            value += int(float(fraction) * (float(unit) / float(scale)))
            if value > _MAX_DURATION:
                raise invalid
        total += value
        if total > _MAX_DURATION:
            raise invalid
    if negative:
        return -total
    if total > _MAX_DURATION - 1:
        raise invalid
    return total


# ---------------------------------------------------------------- formatting


def _format_tokens(fmt: str) -> list[str]:
    """Split a date format into quoted literals, runs of one letter and other text."""
    tokens: list[str] = []
    i, n = 0, len(fmt)
    while i < n:
        c = fmt[i]
        if c == "'":
            if fmt[i + 1 : i + 2] == "'":
                tokens.append("''")
                i += 2
                continue
            j = i + 1
            while j < n:
                if fmt[j] == "'":
                    if fmt[j + 1 : j + 2] == "'":
                        j += 2
                        continue
                    break
                j += 1
            tokens.append(fmt[i : j + 1])
            i = j + 1
        elif _is_letter(c):
            j = i + 1
            while j < n and fmt[j] == c:
                j += 1
            tokens.append(fmt[i:j])
            i = j
        else:
            j = i + 1
            while j < n and fmt[j] != "'" and not _is_letter(fmt[j]):
                j += 1
            tokens.append(fmt[i:j])
            i = j
    return tokens


def _is_letter(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _two_choices(token: str, what: str, short: str, long: str) -> str:
    return f'invalid date format verb {go_quote(token)}: {what} must either be "{short}" or "{long}"'


def _go_mod(a: int, b: int) -> int:
    """Remainder truncated towards zero, as Go's ``%``."""
    return a - b * int(a / b)


def format_date(fmt: str, instant: Instant) -> str:
    """Render ``instant`` with the format verbs; ArgError(0) for a bad format."""
    year, month, day, hour, minute, second, weekday = instant.local()
    out: list[str] = []
    for token in _format_tokens(fmt):
        first, size = token[0], len(token)
        if first == "'":
            if size == 1 or token[-1] != "'":
                raise ArgError(0, "unterminated literal '")
            out.append("'" if size == 2 else token[1:-1].replace("''", "'"))
        elif not _is_letter(first):
            out.append(token)
        else:
            out.append(_format_verb(token, year, month, day, hour, minute, second, weekday, instant))
    return "".join(out)


def _format_verb(
    token: str, year: int, month: int, day: int, hour: int, minute: int, second: int, weekday: int, instant: Instant
) -> str:
    first, size = token[0], len(token)
    numeric = {"D": (day, "day of month"), "m": (minute, "minute"), "s": (second, "second")}
    if first == "Y":
        if size == 2:
            return f"{_go_mod(year, 100):02d}"
        if size == 4:
            return f"{year:04d}"
        raise ArgError(0, _two_choices(token, "year", "YY", "YYYY"))
    if first == "M":
        if size <= 4:
            return (str(month), f"{month:02d}", _MONTHS[month - 1][:3], _MONTHS[month - 1])[size - 1]
        raise ArgError(0, f'invalid date format verb {go_quote(token)}: month must be "M", "MM", "MMM", or "MMMM"')
    if first in numeric:
        value, what = numeric[first]
        if size <= 2:
            return str(value) if size == 1 else f"{value:02d}"
        raise ArgError(0, _two_choices(token, what, first, first * 2))
    if first == "E":
        if size in (3, 4):
            return _WEEKDAYS[weekday][:3] if size == 3 else _WEEKDAYS[weekday]
        raise ArgError(0, _two_choices(token, "day of week", "EEE", "EEEE"))
    if first in "hH":
        value = hour if first == "h" else (hour % 12 or 12)
        if size <= 2:
            return str(value) if size == 1 else f"{value:02d}"
        what = "24-hour" if first == "h" else "12-hour"
        raise ArgError(0, _two_choices(token, what, first, first * 2))
    if first in "Aa":
        if size != 2:
            raise ArgError(0, f'invalid date format verb {go_quote(token)}: must be "{first * 2}"')
        marker = "AM" if hour < 12 else "PM"
        return marker if first == "A" else marker.lower()
    if first == "Z":
        if size == 1:
            return instant.zone(":")
        if size == 3:
            return instant.zone("", utc="UTC")
        if size in (4, 5):
            return instant.zone(":" if size == 5 else "", utc="")
        raise ArgError(0, f"invalid date format verb {go_quote(token)}: timezone must be Z, ZZZZ, or ZZZZZ")
    raise ArgError(0, f"invalid date format verb {go_quote(token)}")


# ---------------------------------------------------------------- functions


def _formatdate(args: list[Value], _ret: Type) -> Value:
    try:
        instant = parse_timestamp(args[1].raw)
    except ValueError as exc:
        raise ArgError(1, str(exc)) from None
    return Value.string(format_date(args[0].raw, instant))


def _timeadd(args: list[Value], _ret: Type) -> Value:
    try:
        instant = parse_timestamp(args[0].raw)
        duration = parse_duration(args[1].raw)
    except ValueError as exc:
        raise FunctionCallError(str(exc)) from None
    return Value.string(instant.add(duration).rfc3339())


def _timecmp(args: list[Value], _ret: Type) -> Value:
    keys = []
    for i, arg in enumerate(args):
        try:
            keys.append(parse_timestamp(arg.raw).sort_key())
        except ValueError as exc:
            raise ArgError(i, str(exc)) from None
    a, b = keys
    return Value(NUMBER, num.int64_number((a > b) - (a < b)))


def rfc3339_utc(moment: datetime) -> str:
    """A ``datetime`` as an RFC 3339 timestamp in UTC, without fractional seconds."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def functions(ctx: FunctionContext) -> list[Function]:
    def timestamp(_args: list[Value], _ret: Type) -> Value:
        return Value.string(rfc3339_utc(datetime.now(UTC)))

    def plantimestamp(_args: list[Value], _ret: Type) -> Value:
        return Value.string(rfc3339_utc(ctx.plan_timestamp))

    return [
        Function(
            "formatdate",
            (
                Parameter("format", STRING, description="The format, with verbs like YYYY, MM, DD, hh, mm, ss, Z."),
                Parameter("time", STRING, description="An RFC 3339 timestamp."),
            ),
            fixed_type(STRING),
            _formatdate,
            description="Formats an RFC 3339 timestamp with a format specification.",
        ),
        Function(
            "timeadd",
            (
                Parameter("timestamp", STRING, description="An RFC 3339 timestamp."),
                Parameter("duration", STRING, description='A duration such as "1h30m" or "-10s".'),
            ),
            fixed_type(STRING),
            _timeadd,
            description="Adds a duration to an RFC 3339 timestamp.",
        ),
        Function(
            "timecmp",
            (
                Parameter("timestamp_a", STRING, description="An RFC 3339 timestamp."),
                Parameter("timestamp_b", STRING, description="Another RFC 3339 timestamp."),
            ),
            fixed_type(NUMBER),
            _timecmp,
            description="Compares two timestamps: -1, 0 or 1.",
        ),
        Function(
            "timestamp",
            (),
            fixed_type(STRING),
            timestamp,
            description="The current time in UTC, RFC 3339.",
            # Differs from call to call; the reference makes it unknown until apply.
            extra={"impure": True},
        ),
        Function(
            "plantimestamp",
            (),
            fixed_type(STRING),
            plantimestamp,
            description="The time the plan was started, in UTC, RFC 3339.",
        ),
    ]
