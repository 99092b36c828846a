"""What the follow-up views share: the agreement tab's context."""

from django.http import HttpRequest

from partnerships.models import Agreement, Sector
from partnerships.tabs import agreement_tabs

from ..permissions import can_manage_followups


def idea_parties(agreement: Agreement) -> list:
    return [p for p in agreement.parties.all() if p.role == Sector.IDEA_BASED]


def agreement_context(agreement: Agreement, request: HttpRequest) -> dict:
    return {
        "agreement": agreement,
        "tabs": agreement_tabs(),
        "active_tab": "followups",
        "can_manage": can_manage_followups(request.user, agreement),
    }
