"""Terraform's progress lines during refresh and apply (``x: Creating...``,
``x: Creation complete after 0s [id=...]``, ``x: Still creating... [10s elapsed]``)."""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable, Mapping

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


class _StillTicker:
    """One thread that writes every running change's "Still ..." line each
    ``STILL_INTERVAL`` seconds after it started (a thread per change would
    cost more than most changes take)."""

    def __init__(self, emit: Callable[[AbsResourceInstance, str, float], None]) -> None:
        self._emit = emit
        self._wake = threading.Condition()
        # key -> (token, addr, participle, started)
        self._running: dict[tuple[AbsResourceInstance, Action], tuple[int, AbsResourceInstance, str, float]] = {}
        self._due: list[tuple[float, int, tuple[AbsResourceInstance, Action]]] = []
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def start(self, addr: AbsResourceInstance, action: Action, participle: str) -> None:
        started = time.monotonic()
        with self._wake:
            token = next(self._tokens)
            self._running[(addr, action)] = (token, addr, participle, started)
            heapq.heappush(self._due, (started + STILL_INTERVAL, token, (addr, action)))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()
            elif self._due[0][1] == token:
                self._wake.notify()

    def stop(self, addr: AbsResourceInstance, action: Action) -> None:
        with self._wake:
            self._running.pop((addr, action), None)
            if not self._running:
                self._due.clear()
                self._wake.notify()

    def stop_all(self) -> None:
        with self._wake:
            self._running.clear()
            self._due.clear()
            self._wake.notify()

    def _run(self) -> None:
        while True:
            with self._wake:
                line = self._next_due()
                if line is None:
                    # Nothing is running: the thread ends (the next start makes another),
                    # so an idle process has no thread left behind.
                    self._thread = None
                    return
            self._emit(*line)

    def _next_due(self) -> tuple[AbsResourceInstance, str, float] | None:
        """Waits (holding the condition) for the next running change that is due a line;
        None once no change is running."""
        while True:
            if not self._due:
                return None
            due, token, key = self._due[0]
            running = self._running.get(key)
            if running is None or running[0] != token:
                heapq.heappop(self._due)
                continue
            now = time.monotonic()
            if due > now:
                self._wake.wait(due - now)
                continue
            heapq.heapreplace(self._due, (due + STILL_INTERVAL, token, key))
            _, addr, participle, started = running
            return addr, participle, now - started


class HumanProgress(Hooks):
    """Prints progress as Terraform does; ``ids`` gives the id shown for objects that already exist."""

    def __init__(self, output: Output, ids: Mapping[AbsResourceInstance, str] | None = None) -> None:
        self.output = output
        self.ids = dict(ids or {})
        self._ticker = _StillTicker(self._still)
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
        self._ticker.start(addr, action, participle)

    def _still(self, addr: AbsResourceInstance, participle: str, elapsed: float) -> None:
        self._line(f"{addr}: Still {participle}... [{duration_text(elapsed)} elapsed]")

    def post_apply(
        self, addr: AbsResourceInstance, action: Action, elapsed: float, id: str, error: str | None
    ) -> None:
        self._ticker.stop(addr, action)
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
        self._ticker.stop_all()
