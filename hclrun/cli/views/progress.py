"""Terraform's progress lines during refresh and apply (``x: Creating...``,
``x: Creation complete after 0s [id=...]``, ``x: Still creating... [10s elapsed]``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping

from hclrun.addrs import AbsResourceInstance
from hclrun.cli.views.stream import Output
from hclrun.engine import Hooks
from hclrun.plans.actions import Action
from hclrun.states.sync import SyncState

STILL_INTERVAL = 10.0

# action -> (starting verb, present participle for "Still ...", completion phrase)
_VERBS: dict[Action, tuple[str, str, str]] = {
    Action.CREATE: ("Creating...", "creating", "Creation complete"),
    Action.DELETE_THEN_CREATE: ("Creating...", "creating", "Creation complete"),
    Action.CREATE_THEN_DELETE: ("Creating...", "creating", "Creation complete"),
    Action.UPDATE: ("Modifying...", "modifying", "Modifications complete"),
    Action.DELETE: ("Destroying...", "destroying", "Destruction complete"),
    Action.READ: ("Reading...", "reading", "Read complete"),
}


# Go's unicode.IsSpace: what Terraform trims from the end of each output line.
_GO_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def output_lines(message: str) -> list[str]:
    """A provisioner's output message split as Terraform splits it (at a line feed,
    or where there is none left at a carriage return), each piece without
    trailing white space; blank pieces are kept."""
    lines: list[str] = []
    rest = message
    while rest:
        at = rest.find("\n")
        if at < 0:
            at = rest.find("\r")
        if at < 0:
            piece, rest = rest, ""
        else:
            piece, rest = rest[:at], rest[at + 1 :]
        lines.append(piece.removesuffix("\r").rstrip(_GO_SPACE))
    return lines


def duration_text(seconds: float) -> str:
    """Go's ``Duration.String()`` of a whole number of seconds: ``0s``, ``10s``, ``1m5s``, ``1h0m3s``."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes}m{secs}s"
    if minutes:
        return f"{minutes}m{secs}s"
    return f"{secs}s"


class HumanProgress(Hooks):
    """Prints progress as Terraform does; ``ids`` gives the id shown for objects that already exist."""

    def __init__(self, output: Output, ids: Mapping[AbsResourceInstance, str] | None = None) -> None:
        self.output = output
        self.ids = dict(ids or {})
        self._timers: dict[tuple[AbsResourceInstance, Action], threading.Event] = {}
        self._lock = threading.Lock()
        # Instances replaced create-before-destroy: their DELETE is of the deposed object.
        self.replacing: set[AbsResourceInstance] = set()
        self.state: SyncState | None = None

    def _line(self, text: str, double_reset: bool = True) -> None:
        if self.output.color:
            self.output.write(f"\x1b[0m\x1b[1m{text}\x1b[0m" + ("\x1b[0m" if double_reset else "") + "\n")
        else:
            self.output.write(text + "\n")

    def post_refresh(self, addr: AbsResourceInstance, id: str) -> None:
        shown = id or self.ids.get(addr, "")
        self._line(f"{addr}: Refreshing state..." + (f" [id={shown}]" if shown else ""))

    def _deposed(self, addr: AbsResourceInstance) -> tuple[str, str] | None:
        """The key and id of the deposed object a create-before-destroy replacement is destroying."""
        if addr not in self.replacing or self.state is None:
            return None
        inst = self.state.resource_instance(addr)
        if inst is None or not inst.deposed:
            return None
        key, obj = next(iter(inst.deposed.items()))
        found = obj.attributes.get("id") if isinstance(obj.attributes, dict) else None
        return key, found if isinstance(found, str) else ""

    def pre_apply(self, addr: AbsResourceInstance, action: Action) -> None:
        start, participle, _ = _VERBS.get(action, _VERBS[Action.UPDATE])
        shown = "" if action in (Action.CREATE, Action.DELETE_THEN_CREATE, Action.CREATE_THEN_DELETE) else self.ids.get(addr, "")
        label = str(addr)
        deposed = self._deposed(addr) if action is Action.DELETE else None
        if deposed is not None:
            label = f"{addr} (deposed object {deposed[0]})"
            shown = deposed[1] or shown
        self._line(f"{label}: {start}" + (f" [id={shown}]" if shown else ""))
        stop = threading.Event()
        with self._lock:
            self._timers[(addr, action)] = stop
        thread = threading.Thread(target=self._still, args=(addr, participle, stop), daemon=True)
        thread.start()

    def _still(self, addr: AbsResourceInstance, participle: str, stop: threading.Event) -> None:
        started = time.monotonic()
        while not stop.wait(STILL_INTERVAL - ((time.monotonic() - started) % STILL_INTERVAL)):
            elapsed = duration_text(time.monotonic() - started)
            self._line(f"{addr}: Still {participle}... [{elapsed} elapsed]")

    def post_apply(
        self, addr: AbsResourceInstance, action: Action, elapsed: float, id: str, error: str | None
    ) -> None:
        with self._lock:
            stop = self._timers.pop((addr, action), None)
        if stop is not None:
            stop.set()
        if error is not None:
            return
        _, _, done = _VERBS.get(action, _VERBS[Action.UPDATE])
        text = f"{addr}: {done} after {duration_text(elapsed)}"
        if action is not Action.DELETE and id:
            text += f" [id={id}]"
        self._line(text, double_reset=False)

    def pre_provision(self, addr: AbsResourceInstance, provisioner: str) -> None:
        self._line(f"{addr}: Provisioning with '{provisioner}'...")

    def provisioner_output(self, addr: AbsResourceInstance, provisioner: str, line: str) -> None:
        # Blank lines are dropped, but a message with nothing else still prints an empty line.
        if self.output.color:
            prefix = f"\x1b[0m\x1b[1m{addr} ({provisioner}):\x1b[0m \x1b[0m"
        else:
            prefix = f"{addr} ({provisioner}): "
        shown = [prefix + text for text in output_lines(line) if text]
        self.output.write("\n".join(shown) + "\n")

    def stop_all(self) -> None:
        with self._lock:
            timers = list(self._timers.values())
            self._timers.clear()
        for stop in timers:
            stop.set()
