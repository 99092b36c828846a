"""What the annual report lists as due: pure functions over snapshot rows, no database."""

from __future__ import annotations

import re
from typing import Any

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that reads numbers as numbers: "IOP 2" before "IOP 10", case-insensitive."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part.casefold())
        for part in _DIGITS.split(text or "")
        if part
    )


def _in_years(iso_date: str, first: int, last: int) -> bool:
    return bool(iso_date) and first <= int(iso_date[:4]) <= last


def coming_year_items(
    rows: list[dict[str, Any]], year: int, today: str = ""
) -> list[dict[str, str]]:
    """What needs the board's or the administration's attention, for the rest of ``year``
    and the coming year: period ends (renewals), last notice dates, missing index values
    and the next follow-up due. A deadline before ``today`` (ISO date) is left out: it can
    no longer be watched. Items without a date (missing index values) come first, the
    rest by date, then by agreement in natural order.

    ``rows`` are the agreement rows of the annual report snapshot."""
    items: list[dict[str, str]] = []
    for row in rows:
        title = row["title"]
        for reason in row.get("missing_index", []):
            items.append(
                {
                    "date": "",
                    "agreement": title,
                    "text": f"{reason}: ersättningen kan inte räknas fram förrän värdet är "
                    "registrerat.",
                }
            )
        end = row["effective_end"] or row["period_end"]
        if _in_years(end, year, year + 1):
            successor = row.get("successor")
            if successor and successor["approved"]:
                text = (
                    "Perioden slutar. Förnyelse beslutad: ny period "
                    f"{successor['period_start']} – {successor['period_end']}."
                )
            elif successor:
                text = (
                    "Perioden slutar. Förslag till förnyelse finns som utkast "
                    f"({successor['period_start']} – {successor['period_end']}); nämnden "
                    "behöver besluta om förnyelse."
                )
            else:
                text = "Perioden slutar. Beslut om förnyelse eller avslut behövs."
            items.append({"date": end, "agreement": title, "text": text})
        notice = row.get("last_notice_date", "")
        if _in_years(notice, year, year + 1) and notice < end:
            items.append(
                {
                    "date": notice,
                    "agreement": title,
                    "text": "Sista dag för skriftlig uppsägning inför periodens slut.",
                }
            )
        next_due = row.get("followup", {}).get("next_due", "")
        if _in_years(next_due, year + 1, year + 1):
            items.append(
                {
                    "date": next_due,
                    "agreement": title,
                    "text": "Nästa uppföljning enligt överenskommelsen ska vara hållen.",
                }
            )
    if today:
        items = [item for item in items if not item["date"] or item["date"] >= today]
    return sorted(
        items, key=lambda item: (item["date"] != "", item["date"], natural_key(item["agreement"]))
    )
