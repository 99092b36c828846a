"""A renamed board: documents already issued keep the name they were issued with, new
ones carry the new name, and the board's history keeps both."""

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.services import board_update
from documents import services
from documents.models import IssuedDocument
from partnerships.models import RenewalDecision
from tests.documents.conftest import pdf_text
from tests.finance.factories import CompensationFactory, DecidedAmountFactory


def test_issued_document_keeps_old_board_name_new_one_gets_new(world, full_agreement):
    board = full_agreement.board
    old_name = board.name
    first = services.agreement_issue(user=world.admin, agreement=full_agreement)
    assert old_name in pdf_text(first.content)
    board_update(
        user=world.admin,
        board=board,
        name="Omsorgs- och äldrenämnden",
        administration_name=board.administration_name,
    )
    full_agreement.refresh_from_db()
    second = services.agreement_issue(user=world.admin, agreement=full_agreement)
    stored = IssuedDocument.objects.get(pk=first.pk)
    assert old_name in pdf_text(stored.content)
    assert "Omsorgs- och äldrenämnden" not in pdf_text(stored.content)
    assert stored.snapshot["board"]["name"] == old_name
    assert "Omsorgs- och äldrenämnden" in pdf_text(second.content)
    history = board.history.order_by("history_date").values_list("name", flat=True)
    assert list(history) == [old_name, "Omsorgs- och äldrenämnden"]


def test_agreement_shows_which_board_decided_what_by_the_name_it_had(
    world, full_agreement, client_for
):
    """Fritidsnämnden decides, then becomes Kultur- och fritidsnämnden: the agreement page,
    the economy tab and new documents say who decided, the issued document is untouched."""
    agreement = full_agreement
    board = agreement.board
    board_update(user=world.admin, board=board, name="Fritidsnämnden", administration_name="")
    today = timezone.localdate()
    RenewalDecision.objects.create(
        agreement=agreement,
        outcome=RenewalDecision.Outcome.DECLINED,
        decided_on=today,
        paragraph="§ 12",
    )
    party = agreement.parties.get(organisation=world.association)
    compensation = CompensationFactory(
        party=party, base_amount=300_000, base_year=2023, first_index_year=2024
    )
    DecidedAmountFactory(compensation=compensation, year=2024, amount=339_690, decided_on=today)
    first = services.agreement_issue(user=world.admin, agreement=agreement)
    first_bytes, first_snapshot = bytes(first.content), dict(first.snapshot)
    assert "Fritidsnämnden" in pdf_text(first_bytes)

    with time_machine.travel(timezone.now() + dt.timedelta(days=40), tick=True):
        board_update(
            user=world.admin,
            board=board,
            name="Kultur- och fritidsnämnden",
            administration_name="",
        )
        label = "Kultur- och fritidsnämnden (hette då Fritidsnämnden)"
        client = client_for(world.admin)
        page = client.get(agreement.get_absolute_url()).content.decode()
        assert f"avslagen</strong> {today:%Y-%m-%d}, § 12, av {label}." in page
        assert f"Förnyelse avslagen {today:%Y-%m-%d} av {label}" in page
        assert f"Överenskommelsen beslutad {today:%Y-%m-%d} av {label}" in page
        assert "Ansvarig nämnd</dt><dd>Kultur- och fritidsnämnden" in page
        economy = client.get(reverse("finance:economy", args=[agreement.pk])).content.decode()
        assert f"av {label}" in economy

        stored = IssuedDocument.objects.get(pk=first.pk)
        assert bytes(stored.content) == first_bytes
        assert stored.snapshot == first_snapshot
        assert "Kultur- och fritidsnämnden" not in pdf_text(stored.content)

        agreement.refresh_from_db()
        second = services.agreement_issue(user=world.admin, agreement=agreement)
        assert second.snapshot["board"]["name"] == "Kultur- och fritidsnämnden"
        (decided,) = second.snapshot["economy"]["decided"]
        assert decided["decided_by"] == label
        text = " ".join(pdf_text(second.content).split())
        assert f"{today:%Y-%m-%d} av {label}" in text
