"""Recording every network call Python makes, through an audit hook.

``socket.connect``, ``socket.getaddrinfo`` and the other resolver and send events are
raised by CPython itself for every socket, whoever opens it (urllib, a library, a
thread), so a test that records none knows nothing in Python tried to reach a network.
Hooks cannot be removed: one is installed once and records only inside a block.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
    "socket.sendto",
    "socket.sendmsg",
}
_recorders: list[list[str]] = []
_hooked = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _recorders and event in NETWORK_EVENTS:
        for attempts in _recorders:
            attempts.append(f"{event} {args!r}"[:200])


@contextmanager
def recording() -> Iterator[list[str]]:
    """Every network call Python makes while the block runs."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    attempts: list[str] = []
    _recorders.append(attempts)
    try:
        yield attempts
    finally:
        _recorders.remove(attempts)
