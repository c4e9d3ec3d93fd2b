"""JSON text of recorded ``dependencies`` lists, for the journal and the state file.

In a long chain every resource records every resource before it, so these
lists make up most of what is written. The addresses are few and shared
(every list holds the same ``ConfigResource`` objects), so each is quoted
once and a list is rendered with a single join.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from hclrun.addrs import ConfigResource
from hclrun.states import jsondata

_MAX_CACHED = 100_000

# id(address) -> (address, its JSON string); the address is kept so the id stays its own.
_quoted: dict[int, tuple[ConfigResource, str]] = {}
_lock = threading.Lock()


def quoted_addresses(dependencies: Iterable[ConfigResource]) -> list[str]:
    """Each address as a JSON string literal, in order."""
    cache = _quoted
    out: list[str] = []
    for dep in dependencies:
        hit = cache.get(id(dep))
        if hit is None or hit[0] is not dep:
            hit = (dep, jsondata.go_string(str(dep)))
            with _lock:
                if len(cache) >= _MAX_CACHED:
                    cache.clear()
                cache[id(dep)] = hit
        out.append(hit[1])
    return out


def compact_list(dependencies: Iterable[ConfigResource]) -> jsondata.RawJSON:
    """The list as compact JSON text."""
    return jsondata.RawJSON("[" + ",".join(quoted_addresses(dependencies)) + "]")


def indented_list(dependencies: Iterable[ConfigResource], indent: str) -> str:
    """The list as Go's indented encoder writes it when the list starts at nesting prefix ``indent``."""
    quoted = quoted_addresses(dependencies)
    if not quoted:
        return "[]"
    inner = indent + "  "
    return "[\n" + inner + (",\n" + inner).join(quoted) + "\n" + indent + "]"
