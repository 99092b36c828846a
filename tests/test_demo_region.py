"""The demo's region (issue 14): an agreement from 1 July with the region's own index
series, an amendment and the heritage society's own indicators, beside the unchanged
Linköping case."""

import datetime as dt

import time_machine
from django.core.management import call_command
from django.urls import reverse

from finance import sie
from finance.ledger import build_ledger, index_points, ledger_queryset
from finance.models import Compensation, InKindContribution, Payment, SieExportBatch
from followups.models import FollowUpRound, Indicator, IndicatorValue
from partnerships.models import Agreement, Amendment, Organisation, PublicKind, User
from partnerships.selectors import agreements_visible_to
from tests.documents.conftest import followup_report_pdf, pdf_text

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def _counts():
    return (
        Agreement.objects.count(),
        Organisation.objects.count(),
        User.objects.count(),
        Compensation.objects.count(),
        Payment.objects.count(),
        Indicator.objects.count(),
        IndicatorValue.objects.count(),
    )


@time_machine.travel(NOW)
def test_seed_demo_adds_a_region_from_1_july_and_leaves_linkoping_as_it_is(db, client):
    call_command("seed_demo", verbosity=0)
    counts = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == counts

    agreement = Agreement.objects.get(title="Levande kulturarv i Exempellän")
    assert (agreement.period_start, agreement.period_end) == (
        dt.date(2025, 7, 1),
        dt.date(2028, 6, 30),
    )
    region = Organisation.objects.get(name="Region Exempellän")
    assert region.public_kind == PublicKind.REGION
    compensation = ledger_queryset(Compensation.objects.filter(agreement=agreement)).get()
    assert compensation.index_series.name == "LPIK" and compensation.index_series.owner == region
    ledger = build_ledger(compensation, index_points(), NOW.date())
    assert ledger.row(2025).expected == 100_000  # July-December: 6 of 12 months
    # The amendment of 2026-03-12: 240 000 kr a year from 1 July 2026, the year split by
    # whole months: 6/12 of 206 200 (200 000 x 1.031, LPIK 2026) + 6/12 of 240 000.
    amendment = Amendment.objects.get(agreement=agreement)
    assert amendment.decided_on == dt.date(2026, 3, 12)
    assert ledger.row(2026).expected == 103_100 + 120_000
    assert (ledger.row(2025).paid, ledger.row(2026).paid) == (100_000, 223_100)
    assert agreement.goals.count() == 3  # one added by the amendment

    # Paid quarterly (July, October, January, April; due on the month's last day): two
    # instalments in the half year 2025, four in 2026, each year's sum to the krona.
    assert compensation.payment_schedule == "quarterly"
    payments = Payment.objects.filter(compensation=compensation).order_by("paid_on")
    assert [(p.year, p.amount) for p in payments] == [
        (2025, 50_000),
        (2025, 50_000),
        (2026, 55_775),
        (2026, 55_775),
        (2026, 55_775),
        (2026, 55_775),
    ]
    # The association's volunteers' time, valued and never paid, in the agreement PDF.
    in_kind = InKindContribution.objects.get(agreement=agreement)
    assert (in_kind.kind, in_kind.value, in_kind.year) == ("staff_time", 80_000, 2026)

    # Its own indicators, not Linköping's; Linköping's are still its figures.
    names = list(Indicator.objects.filter(agreement=agreement).values_list("name", flat=True))
    assert names == [
        "Antal guidade visningar",
        "Antal besökare vid visningarna",
        "Skolklasser som besökt gården",
    ]
    linkoping_2024 = Agreement.objects.get(period_start=dt.date(2024, 1, 1))
    assert Indicator.objects.filter(agreement=linkoping_2024, name="Öppet").exists()
    round = FollowUpRound.objects.get(agreement=agreement)
    text = " ".join(pdf_text(followup_report_pdf(round.pk)).split())
    assert "Antal guidade visningar 46 visningar (mål 40 visningar)" in text
    assert "Unika personer" not in text

    # Scopes hold both ways.
    region_user = User.objects.get(username="region")
    assert set(agreements_visible_to(region_user)) == {agreement}
    handlaggare = User.objects.get(username="handlaggare")
    assert agreement not in set(agreements_visible_to(handlaggare))
    client.force_login(handlaggare)
    economy = reverse("finance:economy", args=[agreement.pk])
    assert client.get(economy).status_code == 404
    client.force_login(region_user)
    body = " ".join(client.get(economy).content.decode().replace("\xa0", " ").split())
    assert "223 100 kr" in body and "6 av 12 månader av 240 000 kr = 120 000 kr" in body

    # The region exports its payments to SIE straight away: one voucher per instalment.
    response = client.post(
        "/ekonomi/sie/",
        {"include_paid": "on", "include_planned": "on", "planned_until": "2026-12-31"},
    )
    assert response.status_code == 302
    parsed = sie.parse_sie(bytes(SieExportBatch.objects.get(organisation=region).content))
    assert parsed.checksum_ok
    assert [v.transactions[0].amount_ore // 100 for v in parsed.vouchers] == [
        50_000, 50_000, 55_775, 55_775, 55_775, 55_775,
    ]  # fmt: skip
