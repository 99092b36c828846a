"""A period end edited by hand after an extension amendment (issue 14): once an amendment
has extended the period, the end is the amendments'; the agreement form refuses another
end with a Swedish message, so the agreement page and the economy never disagree."""

import datetime as dt

import pytest
from django.urls import reverse

from finance.ledger import compensation_ledger
from finance.models import Compensation
from partnerships.amendments import AmendmentTerms, hand_edited_end_error
from partnerships.models import Agreement, Amendment
from tests.partnerships.helpers import agreement_post_data, existing_rows

D = dt.date
EXTENSION = AmendmentTerms(
    decided_on=D(2025, 5, 12), new_period_end=D(2027, 12, 31), previous_period_end=D(2026, 12, 31)
)


def test_the_end_is_the_amendments_once_extended():
    assert hand_edited_end_error(D(2027, 12, 31), D(2027, 12, 31), [EXTENSION]) == ""
    for edited in (D(2026, 12, 31), D(2028, 6, 30)):  # earlier or later: both refused
        message = hand_edited_end_error(D(2027, 12, 31), edited, [EXTENSION])
        assert message.startswith(
            "Perioden är förlängd genom ändring 2025-05-12 till och med 2027-12-31."
        )
        assert "registrera en ny förlängning" in message
    # Without an extension the end is edited as before.
    assert hand_edited_end_error(D(2026, 12, 31), D(2026, 6, 30), []) == ""


def _post(client, agreement, period_end):
    parties, goals = existing_rows(agreement)
    data = agreement_post_data(
        title=agreement.title, period_start="2024-01-01", period_end=period_end,
        existing_parties=parties, existing_goals=goals, version=str(agreement.version),
        approved="on", board=str(agreement.board_id),
    )  # fmt: skip
    return client.post(reverse("partnerships:agreement_update", args=[agreement.pk]), data)


@pytest.mark.django_db
def test_a_hand_edited_end_after_an_extension_is_refused(world, client_for):
    agreement = world.agreement  # 2024-01-01 - 2026-12-31
    compensation = Compensation.objects.create(
        agreement=agreement, party=agreement.parties.get(organisation=world.association),
        base_amount=730_000, base_year=2024, fixed=True,
    )  # fmt: skip
    Amendment.objects.create(
        agreement=agreement, decided_on=D(2025, 5, 12), board=agreement.board,
        paragraph="§ 87", title="Förlängning", new_period_end=D(2027, 12, 31),
        previous_period_end=D(2026, 12, 31),
    )  # fmt: skip
    Agreement.objects.filter(pk=agreement.pk).update(period_end=D(2027, 12, 31))
    agreement.refresh_from_db()
    client = client_for(world.admin)
    for edited in ("2026-12-31", "2028-06-30"):
        response = _post(client, agreement, edited)
        assert response.status_code == 400
        assert "Perioden är förlängd genom ändring 2025-05-12 till och med 2027-12-31." in (
            response.content.decode()
        )
    agreement.refresh_from_db()
    assert agreement.period_end == D(2027, 12, 31)
    # The page and the economy agree: the period as amended, its years in the ledger.
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "2027-12-31 (förlängd genom ändring 2025-05-12, tidigare 2026-12-31)" in page
    years = [row.year for row in compensation_ledger(compensation, D(2025, 8, 1)).rows]
    assert years == [2024, 2025, 2026, 2027]
    # The other fields can still be edited with the end left as it is.
    assert _post(client, agreement, "2027-12-31").status_code == 302
