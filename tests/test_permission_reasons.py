"""Permission rules answer Decision(allowed, reason); the 403 page shows the rule's own
reason, written once beside the rule (common.permissions)."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from common.permissions import Decision, require
from finance.permissions import can_edit_economy, can_manage_index_values
from followups.permissions import can_open_rounds, can_report
from partnerships.permissions import (
    can_create_agreement,
    can_edit_agreement,
    is_public_party_administrator,
)

pytestmark = pytest.mark.django_db


def test_administrator_of_the_public_party_is_allowed_everywhere(world):
    for rule in (can_edit_agreement, can_edit_economy, can_open_rounds):
        decision = rule(world.admin, world.agreement)
        assert isinstance(decision, Decision) and decision.allowed and decision
        require(decision)  # no 403
    assert can_create_agreement(world.admin) and can_manage_index_values(world.admin)


def test_others_are_refused_with_a_swedish_reason(world):
    for user in (world.partner, world.board_staff, world.outsider_admin):
        assert not is_public_party_administrator(user, world.agreement)
        for rule in (can_edit_agreement, can_edit_economy, can_open_rounds):
            decision = rule(user, world.agreement)
            assert not decision and not decision.allowed
            assert decision.reason.startswith(("Du kan", "Endast")), decision.reason
    assert can_report(world.partner, world.agreement)
    assert not can_report(world.admin, world.agreement).allowed


@pytest.mark.parametrize(
    ("url_name", "rule"),
    [
        ("partnerships:agreement_update", can_edit_agreement),
        ("finance:compensation_create", can_edit_economy),
        ("followups:round_create", can_open_rounds),
    ],
)
def test_the_403_page_shows_the_rules_reason(world, client_for, url_name, rule):
    response = client_for(world.partner).get(reverse(url_name, args=[world.agreement.pk]))
    assert response.status_code == 403
    reason = rule(world.partner, world.agreement).reason
    assert reason and escape(reason) in response.content.decode()


def test_document_rules_answer_a_decision_with_a_swedish_reason(world):
    from documents.permissions import (
        can_edit_memo,
        can_issue_annual_report,
        can_issue_documents,
        can_read_memos,
    )

    board = world.agreement.board
    for user in (world.admin, world.board_staff):
        assert can_issue_documents(user, world.agreement).allowed
        assert can_read_memos(user, world.agreement).allowed
        assert can_issue_annual_report(user, board).allowed
    assert can_edit_memo(world.admin, world.agreement).allowed
    refused = [
        can_issue_documents(world.partner, world.agreement),
        can_read_memos(world.partner, world.agreement),
        can_edit_memo(world.board_staff, world.agreement),
        can_issue_annual_report(world.outsider_admin, board),
    ]
    for decision in refused:
        assert isinstance(decision, Decision) and not decision
        assert decision.reason.startswith("Endast"), decision.reason


def test_the_documents_403_page_shows_the_rules_reason(world, client_for):
    from documents.permissions import can_issue_documents

    url = reverse("documents:agreement_issue", args=[world.agreement.pk])
    response = client_for(world.partner).post(url)
    assert response.status_code == 403
    reason = can_issue_documents(world.partner, world.agreement).reason
    assert escape(reason) in response.content.decode()
