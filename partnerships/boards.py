"""A board's name as it was on a given day, from its change history.

Boards are renamed (Fritidsnämnden becomes Kultur- och fritidsnämnden); a decision keeps
the name of the board that made it. ``board_name_on`` and ``decided_by_label`` are pure
(history rows in, text out, no database); ``BoardNames`` loads a board's rows once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from .models import Board

NameRow = tuple[dt.datetime, str]  # (when the row was recorded, the name from then on)


def board_name_on(rows: Iterable[NameRow], day: dt.date, *, tz: dt.tzinfo) -> str | None:
    """The name the board had at the end of ``day`` (in ``tz``): the last name recorded on
    or before that day. A day before the first record (a decision older than the register)
    gets the first name recorded: nothing is known of a name before it. None without rows."""
    ordered = sorted(rows, key=lambda row: row[0])
    if not ordered:
        return None
    name = ordered[0][1]
    for recorded_at, recorded_name in ordered:
        if recorded_at.astimezone(tz).date() > day:
            break
        name = recorded_name
    return name


def decided_by_label(current: str, then: str | None) -> str:
    """ "Kultur- och fritidsnämnden (hette då Fritidsnämnden)", or the name alone."""
    if not then or then == current:
        return current
    return f"{current} (hette då {then})"


@dataclass
class BoardNames:
    """A board's names over time, loaded in one query; ``label_on(day)`` for each decision."""

    current: str
    rows: list[NameRow]

    @classmethod
    def of(cls, board) -> BoardNames | None:
        if board is None:
            return None
        rows = list(board.history.order_by("history_date").values_list("history_date", "name"))
        return cls(current=board.name, rows=rows)

    def name_on(self, day: dt.date | None) -> str:
        if day is None:
            return self.current
        return board_name_on(self.rows, day, tz=timezone.get_current_timezone()) or self.current

    def label_on(self, day: dt.date | None) -> str:
        return decided_by_label(self.current, self.name_on(day))


@dataclass(frozen=True)
class BoardDecision:
    kind: str  # "approval" or "renewal"
    text: str  # "Överenskommelsen beslutad", "Förnyelse beslutad"
    day: dt.date
    board: str  # decided_by_label: the board's name now, and then if it differed


def approval_day(agreement) -> dt.date | None:
    """When the agreement was decided: the renewal decision that approved it, else the day
    it was first recorded as decided (its change history)."""
    predecessor = agreement.predecessor
    decision = getattr(predecessor, "renewal_decision", None) if predecessor else None
    if decision is not None and decision.outcome == "approved":
        return decision.decided_on
    first = (
        agreement.history.filter(approved=True).order_by("history_date").values("history_date")
    ).first()
    if first is None:
        return None
    return timezone.localdate(first["history_date"])


def agreement_board_decisions(agreement) -> list[BoardDecision]:
    """Which board decided what on this agreement, each by the name it had that day."""
    names = BoardNames.of(agreement.board)
    if names is None:
        return []
    decisions = []
    if agreement.approved and (day := approval_day(agreement)) is not None:
        decisions.append(
            BoardDecision("approval", "Överenskommelsen beslutad", day, names.label_on(day))
        )
    decision = getattr(agreement, "renewal_decision", None)
    if decision is not None:
        day = decision.decided_on
        text = decision.get_outcome_display()
        decisions.append(BoardDecision("renewal", text, day, names.label_on(day)))
    return decisions


def label_amendment_boards(amendments) -> list:
    """Sets ``board_label`` on each amendment: its board's name at the decision ("Kultur-
    och fritidsnämnden (hette då Fritidsnämnden)"), all boards' names in one query."""
    amendments = list(amendments)
    board_ids = {a.board_id for a in amendments if a.board_id}
    rows: dict[int, list[NameRow]] = {board_id: [] for board_id in board_ids}
    if board_ids:
        history = Board.history.filter(id__in=board_ids).order_by("history_date")
        for board_id, recorded_at, name in history.values_list("id", "history_date", "name"):
            rows[board_id].append((recorded_at, name))
    for amendment in amendments:
        if amendment.board_id is None:
            amendment.board_label = ""
            continue
        names = BoardNames(current=amendment.board.name, rows=rows[amendment.board_id])
        amendment.board_label = names.label_on(amendment.decided_on)
    return amendments
