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

# id(address) -> its JSON string; ``_kept`` holds each address so that its id stays its own.
_quoted: dict[int, str] = {}
_kept: dict[int, ConfigResource] = {}
_lock = threading.Lock()


def quoted_addresses(dependencies: Iterable[ConfigResource]) -> list[str]:
    """Each address as a JSON string literal, in order."""
    deps = dependencies if isinstance(dependencies, tuple | list) else tuple(dependencies)
    quoted = list(map(_quoted.get, map(id, deps)))
    if None in quoted:
        with _lock:
            if len(_quoted) >= _MAX_CACHED:
                _quoted.clear()
                _kept.clear()
            for i, dep in enumerate(deps):
                if quoted[i] is None:
                    text = quoted[i] = jsondata.go_string(str(dep))
                    _quoted[id(dep)] = text
                    _kept[id(dep)] = dep
    return quoted  # type: ignore[return-value]


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
