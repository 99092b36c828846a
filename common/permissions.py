"""Permission rules answer ``Decision(allowed, reason)``: the reason is the Swedish text of
the 403 page, written once beside the rule that refuses."""

from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied


class Decision(NamedTuple):
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:  # ``if can_edit(...)`` reads as before
        return self.allowed


def allow() -> Decision:
    return Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


def require(decision: Decision) -> None:
    """Raise the 403 with the rule's own reason when the rule refuses."""
    if not decision.allowed:
        raise PermissionDenied(decision.reason)


def permitted[T](
    user, selector: Callable[[Any, Any], T], pk, rule: Callable[[Any, T], Decision]
) -> T:
    """The first two steps of a view: the row ``selector(user, pk)`` loads (404 outside the
    user's scope), when ``rule(user, row)`` allows it (else the 403 with the rule's reason)."""
    row = selector(user, pk)
    require(rule(user, row))
    return row
