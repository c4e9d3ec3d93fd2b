"""A CSV reader with the rules and error wording of Go's ``encoding/csv``
(which ``csvdecode`` uses): comma separator, double-quote quoting, empty
lines skipped, ``\\r\\n`` treated as ``\\n``, strict quote placement, and
every record must have as many fields as the first."""

from __future__ import annotations


class CSVParseError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"CSV parse error on line {line}: {message}")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of each physical line, ``\\r\\n`` folded to ``\\n``."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(i + 1, line) for i, line in enumerate(lines)]


def read_records(text: str) -> list[list[str]]:
    """All records of ``text``; raises CSVParseError like Go's reader."""
    lines = _logical_lines(text)
    records: list[list[str]] = []
    expected: int | None = None
    i = 0
    while i < len(lines):
        start_line, line = lines[i]
        i += 1
        if line == "":
            continue
        fields: list[str] = []
        pos = 0
        while True:
            if line[pos : pos + 1] == '"':
                # Quoted field, possibly spanning lines.
                buf: list[str] = []
                pos += 1
                while True:
                    q = line.find('"', pos)
                    if q < 0:
                        buf.append(line[pos:])
                        if i >= len(lines):
                            raise CSVParseError(start_line, 'extraneous or missing " in quoted-field')
                        buf.append("\n")
                        _, line = lines[i]
                        i += 1
                        pos = 0
                        continue
                    buf.append(line[pos:q])
                    nxt = line[q + 1 : q + 2]
                    if nxt == '"':
                        buf.append('"')
                        pos = q + 2
                    elif nxt == ",":
                        pos = q + 2
                        fields.append("".join(buf))
                        break
                    elif nxt == "":
                        pos = len(line) + 1
                        fields.append("".join(buf))
                        break
                    else:
                        raise CSVParseError(lines[i - 1][0], 'extraneous or missing " in quoted-field')
                if pos > len(line):
                    break
                continue
            comma = line.find(",", pos)
            field = line[pos:] if comma < 0 else line[pos:comma]
            if '"' in field:
                raise CSVParseError(lines[i - 1][0], 'bare " in non-quoted-field')
            fields.append(field)
            if comma < 0:
                break
            pos = comma + 1
        if expected is None:
            expected = len(fields)
        elif len(fields) != expected:
            raise CSVParseError(start_line, "wrong number of fields")
        records.append(fields)
    return records
