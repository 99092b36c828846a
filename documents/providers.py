"""Pluggable content for the documents, so money and follow-up can join without imports.

``documents`` sits above the other apps. Nothing imports ``documents``: the wiring is done
in ``DocumentsConfig.ready`` (documents may import finance/followups)::

    # documents/apps.py, ready()
    from finance.documents_data import agreement_economy, memo_economy
    register_agreement_economy(agreement_economy)
    register_memo_economy(memo_economy)

Tests can swap the providers (``unregister_all`` / ``registered`` / ``restore``).

Every provider returns a JSON-serialisable ``dict`` (ints for kronor, ISO strings for
dates) or ``None``/``{}`` when it has nothing. The first provider with data wins. The dict
goes into the issued document's snapshot as it is, so it must hold plain data only.

Agreement economy (the "Ekonomi" section of the agreement, seeds/003)::

    {
      "level_text": "Linköpings kommun ersätter årligen enligt 2023 årsnivå",
      "compensation": [{"name": "Pingstförsamlingen", "amount": 452948}, ...],
      "compensation_total": 792638,
      "terms_text": "Uppräkning sker årligen enligt OPI. Ersättningen utbetalas i januari ...",
      "party_costs": [
        {"name": "IOGT-NTO", "rows": [{"label": "Anställda", "amount": 205000}, ...],
         "total": 535000},
      ],
      "total_cost": 2755000,
      "municipal_financing": 792638,
      "own_financing": 1962362,
      "diff": 0,
      "warnings": ["..."],          # shown, never hidden (e.g. a non-zero diff)
    }

Memo economy (the "Ekonomiska konsekvenser" of a memo, seeds/002)::

    {"text": "...", "rows": [{"label": "...", "amount": 700000}], "warnings": [...]}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

AgreementEconomyProvider = Callable[[Any], dict | None]
MemoEconomyProvider = Callable[[Any, str], dict | None]

_agreement_economy: list[AgreementEconomyProvider] = []
_memo_economy: list[MemoEconomyProvider] = []


def register_agreement_economy(provider: AgreementEconomyProvider) -> None:
    if provider not in _agreement_economy:
        _agreement_economy.append(provider)


def register_memo_economy(provider: MemoEconomyProvider) -> None:
    if provider not in _memo_economy:
        _memo_economy.append(provider)


def unregister_all() -> None:
    """For tests only."""
    _agreement_economy.clear()
    _memo_economy.clear()


def registered() -> tuple[list, list]:
    """For tests only: the current registrations, to put back with ``restore``."""
    return list(_agreement_economy), list(_memo_economy)


def restore(state: tuple[list, list]) -> None:
    """For tests only."""
    _agreement_economy[:] = state[0]
    _memo_economy[:] = state[1]


def _plain(data: dict | None, who: str) -> dict | None:
    if not data:
        return None
    if not isinstance(data, dict):
        raise TypeError(f"{who} must return a dict or None, got {type(data).__name__}")
    # Round-trip through JSON: the snapshot stores exactly what the PDF printed.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def agreement_economy(agreement: Any) -> dict | None:
    """The economy section of an agreement, or None when no provider has data."""
    for provider in _agreement_economy:
        data = _plain(provider(agreement), getattr(provider, "__name__", "provider"))
        if data:
            return data
    return None


def memo_economy(agreement: Any, memo_kind: str) -> dict | None:
    """Economic consequences for a memo of ``memo_kind`` ("new"/"renewal"), or None."""
    for provider in _memo_economy:
        data = _plain(provider(agreement, memo_kind), getattr(provider, "__name__", "provider"))
        if data:
            return data
    return None
