"""Amendments during the period (issue 14): recorded through the "Ändringar" tab, the
agreement shown as amended, the ledger and the economy tab split at the new level."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from common.privacy import PERSONAL_NUMBER_MESSAGE
from finance.ledger import compensation_ledger
from finance.models import AmountChange, Compensation, Payment
from partnerships.models import Agreement, Amendment, AuditEvent, Goal

NBSP = "\u00a0"
PERSONNUMMER = "850709-9805"


def _body(response) -> str:
    """The page's text: tags left out, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", "", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(text).replace(NBSP, " "))


def _raw(response) -> str:
    return html.unescape(response.content.decode()).replace(NBSP, " ")


@pytest.fixture
def compensation(world):
    return Compensation.objects.create(
        agreement=world.agreement,
        party=world.agreement.parties.get(organisation=world.association),
        base_amount=730_000,
        base_year=2024,
        fixed=True,
    )


def _data(compensation, **changes) -> dict:
    prefix = f"c{compensation.pk}"
    data = {
        "version": "0",
        "decided_on": "2025-05-12",
        "board": str(compensation.agreement.board_id),
        "paragraph": "§ 87",
        "registry_number": "SOCN 2025-0042",
        "title": "Tilläggsbeslut om utökat uppdrag",
        "description": "",
        "new_period_end": "",
        "party": "",
        "party_change": "",
        "party_change_on": "",
        "goals": "",
        "responsibility_party": "",
        "responsibilities": "",
        f"{prefix}-kind": "",
        f"{prefix}-effective_from": "",
        f"{prefix}-amount": "",
        f"{prefix}-purpose": "",
    }
    for key, value in changes.items():
        data[key.replace("C-", f"{prefix}-")] = value
    return data


def _create(client, compensation, **changes):
    url = reverse("finance:amendment_create", args=[compensation.agreement_id])
    return client.post(url, _data(compensation, **changes))


RAISE = {"C-kind": "new_level", "C-effective_from": "2025-07-01", "C-amount": "800 000"}


def test_a_raise_from_1_july_splits_the_year_by_days(world, compensation, client_for):
    response = _create(client_for(world.admin), compensation, **RAISE)
    assert response.status_code == 302
    ledger = compensation_ledger(compensation, dt.date(2025, 8, 1))
    # 181 of 365 days at 730 000 (362 000) + 184 of 365 days at 800 000 (403 288).
    assert [r.schedule.amount for r in ledger.rows] == [730_000, 765_288, 800_000]
    change = AmountChange.objects.get()
    assert change.amendment.title == "Tilläggsbeslut om utökat uppdrag"
    assert change.history.count() == 1
    assert AuditEvent.objects.filter(action="finance.amount_changed").exists()

    economy = _body(
        client_for(world.admin).get(reverse("finance:economy", args=[world.agreement.pk]))
    )
    assert "765 288 kr" in economy
    assert "2025-01-01–2025-06-30: 181 av 365 dagar av 730 000 kr = 362 000 kr" in economy
    assert "2025-07-01–2025-12-31: 184 av 365 dagar av 800 000 kr = 403 288 kr" in economy
    listing = _body(
        client_for(world.partner).get(reverse("finance:amendments", args=[world.agreement.pk]))
    )
    assert "Ny årsnivå 800 000 kr från och med 2025-07-01 till IOGT-NTO Kamratstödet" in listing
    assert "§ 87" in listing


def test_by_whole_months_the_same_raise_is_half_and_half(world, compensation, client_for):
    compensation.proration = "months"
    compensation.save()
    _create(client_for(world.admin), compensation, **RAISE)
    rows = compensation_ledger(compensation, dt.date(2025, 8, 1)).rows
    assert rows[1].schedule.amount == 365_000 + 400_000


def test_a_one_off_sum_adds_to_its_year_only(world, compensation, client_for):
    response = _create(
        client_for(world.admin), compensation, **{"C-kind": "one_off",
        "C-effective_from": "2025-06-01", "C-amount": "50 000",
        "C-purpose": "Sommarlovsaktiviteter"},
    )  # fmt: skip
    assert response.status_code == 302
    rows = compensation_ledger(compensation, dt.date(2025, 8, 1)).rows
    assert [r.schedule.amount for r in rows] == [730_000, 780_000, 730_000]
    economy = _body(
        client_for(world.admin).get(reverse("finance:economy", args=[world.agreement.pk]))
    )
    assert "Engångsbelopp 50 000 kr för 2025 (Sommarlovsaktiviteter)" in economy


def test_an_extension_moves_the_end_and_the_page_says_so(world, compensation, client_for):
    client = client_for(world.admin)
    response = _create(client, compensation, new_period_end="2027-12-31",
                       goals="Fler besökare i Ryd\nEn ny träffpunkt")  # fmt: skip
    assert response.status_code == 302
    agreement = Agreement.objects.get(pk=world.agreement.pk)
    assert agreement.period_end == dt.date(2027, 12, 31)
    amendment = Amendment.objects.get()
    assert amendment.previous_period_end == dt.date(2026, 12, 31)
    rows = compensation_ledger(compensation, dt.date(2025, 8, 1)).rows
    assert [r.year for r in rows] == [2024, 2025, 2026, 2027]
    page = _body(client.get(agreement.get_absolute_url()))
    assert "2027-12-31 (förlängd genom ändring 2025-05-12, tidigare 2026-12-31)" in page
    assert "Fler besökare i Ryd (tillagt genom ändring 2025-05-12 § 87)" in page
    assert (
        "perioden förlängs till och med 2027-12-31 (tidigare 2026-12-31); 2 mål läggs till" in page
    )
    assert Goal.objects.filter(added_by_amendment=amendment).count() == 2

    # Deleting is refused while the goals it added are there; without them, the end returns.
    delete_url = reverse("finance:amendment_delete", args=[agreement.pk, amendment.pk])
    assert client.post(delete_url).status_code == 400
    Goal.objects.filter(added_by_amendment=amendment).delete()
    assert client.post(delete_url).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).period_end == dt.date(2026, 12, 31)
    assert not Amendment.objects.exists()
    assert AuditEvent.objects.filter(action="partnerships.amendment_deleted").exists()


def test_an_extension_must_end_later(world, compensation, client_for):
    response = _create(client_for(world.admin), compensation, new_period_end="2026-06-30")
    assert response.status_code == 400
    assert "En förlängning ska sluta efter 2026-12-31" in _body(response)
    assert not Amendment.objects.exists()


def test_an_amendment_must_change_something(world, compensation, client_for):
    response = _create(client_for(world.admin), compensation)
    assert response.status_code == 400
    assert "Ange vad ändringen ändrar" in _body(response)


def test_a_party_leaving_ends_its_compensation_from_the_date(world, compensation, client_for):
    party = compensation.party
    response = _create(client_for(world.admin), compensation, party=str(party.pk),
                       party_change="leaves", party_change_on="2026-07-01")  # fmt: skip
    assert response.status_code == 302
    rows = compensation_ledger(compensation, dt.date(2025, 8, 1)).rows
    assert rows[-1].schedule.amount == 362_000  # 181 of 365 days of 730 000
    page = _body(client_for(world.admin).get(world.agreement.get_absolute_url()))
    assert "lämnar överenskommelsen från och med 2026-07-01 (ändring 2025-05-12 § 87)" in page


def test_editing_an_amendment_changes_its_amount(world, compensation, client_for):
    client = client_for(world.admin)
    _create(client, compensation, **RAISE)
    amendment = Amendment.objects.get()
    url = reverse("finance:amendment_update", args=[world.agreement.pk, amendment.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="800 000"' in _raw(form) or 'value="800000"' in _raw(form)
    response = client.post(url, _data(compensation, version=str(amendment.version),
                                      **{**RAISE, "C-amount": "700 000"}))  # fmt: skip
    assert response.status_code == 302
    assert AmountChange.objects.get().amount == 700_000
    # A stale version is a 409 with the input kept.
    stale = client.post(url, _data(compensation, version="1", **{**RAISE, "C-amount": "1"}))
    assert stale.status_code == 409


def test_a_paid_year_keeps_its_amount_change(world, compensation, client_for):
    client = client_for(world.admin)
    _create(client, compensation, **RAISE)
    amendment = Amendment.objects.get()
    Payment.objects.create(
        agreement=world.agreement, compensation=compensation, year=2025,
        paid_on=dt.date(2025, 8, 1), amount=765_288, reference="V-1",
    )  # fmt: skip
    delete_url = reverse("finance:amendment_delete", args=[world.agreement.pk, amendment.pk])
    assert "redan har betalats ut (2025)" in _body(client.get(delete_url))
    assert client.post(delete_url).status_code == 400
    assert Amendment.objects.exists()


def test_a_personal_number_is_refused_and_the_input_kept(world, compensation, client_for):
    response = _create(
        client_for(world.admin), compensation, title=f"Ändring för {PERSONNUMMER}", **RAISE
    )
    assert response.status_code == 400
    body = _body(response)
    assert PERSONAL_NUMBER_MESSAGE % {"kind": "personnummer", "number": PERSONNUMMER} in body
    assert 'value="800 000"' in _raw(response)
    assert not Amendment.objects.exists() and not AmountChange.objects.exists()


def test_only_administrators_of_the_public_party_record_amendments(world, compensation, client_for):
    url = reverse("finance:amendment_create", args=[world.agreement.pk])
    assert client_for(world.partner).get(url).status_code == 403
    assert client_for(world.board_staff).get(url).status_code == 403
    assert client_for(world.admin).get(url).status_code == 200


def test_another_organisation_gets_404(world, compensation, client_for):
    _create(client_for(world.admin), compensation, **RAISE)
    amendment = Amendment.objects.get()
    pk = world.agreement.pk
    for user in (world.outsider_admin, world.other_partner):
        client = client_for(user)
        assert client.get(reverse("finance:amendments", args=[pk])).status_code == 404
        assert client.get(reverse("finance:amendment_create", args=[pk])).status_code == 404
        for name in ("finance:amendment_update", "finance:amendment_delete"):
            assert client.get(reverse(name, args=[pk, amendment.pk])).status_code == 404
            assert client.post(reverse(name, args=[pk, amendment.pk])).status_code == 404
    # An amendment of another agreement is not reachable through one's own.
    other = reverse("finance:amendment_update", args=[world.other_agreement.pk, amendment.pk])
    assert client_for(world.outsider_admin).get(other).status_code == 404


def test_the_amendment_list_query_count_does_not_grow(
    world, compensation, client_for, django_assert_max_num_queries
):
    client = client_for(world.admin)
    for day in ("2025-03-01", "2025-04-01", "2025-05-01", "2025-06-01"):
        _create(client, compensation, decided_on=day, goals=f"Mål {day}",
                **{**RAISE, "C-effective_from": day.replace("2025-0", "2026-0")})  # fmt: skip
    url = reverse("finance:amendments", args=[world.agreement.pk])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(world.agreement.get_absolute_url()).status_code == 200


def test_the_csv_exports_show_the_amended_amount_and_its_basis(world, compensation, client_for):
    client = client_for(world.admin)
    _create(client, compensation, **RAISE)
    economy = client.get(reverse("finance:economy_export", args=[world.agreement.pk]))
    text = economy.content.decode("utf-8-sig").replace(NBSP, " ")
    line = next(row for row in text.splitlines() if ";2025;" in row)
    assert ";765288;" in line
    assert "2025-07-01–2025-12-31: 184 av 365 dagar av 800 000 kr = 403 288 kr" in line
    overview = client.get(reverse("finance:overview_export") + "?ar=2025")
    assert ";765288;" in overview.content.decode("utf-8-sig")


def test_the_change_history_names_the_amendment_and_its_amount_change(
    world, compensation, client_for
):
    client = client_for(world.admin)
    _create(client, compensation, **RAISE)
    page = _body(client.get(reverse("partnerships:agreement_history", args=[world.agreement.pk])))
    assert "ändring 2025-05-12: Tilläggsbeslut om utökat uppdrag" in page
    assert "beloppsändring från 2025-07-01 för IOGT-NTO Kamratstödet" in page


def test_an_amendment_names_its_board_as_it_was_called_at_the_decision(
    world, compensation, client_for
):
    client = client_for(world.admin)
    assert _create(client, compensation, **RAISE).status_code == 302
    board = world.agreement.board
    old_name = board.name
    board.name = "Kultur- och fritidsnämnden"
    board.save()
    expected = f"Kultur- och fritidsnämnden (hette då {old_name})"
    page = _body(client.get(world.agreement.get_absolute_url()))
    assert f"2025-05-12, {expected}, § 87" in page
    tab = _body(client.get(reverse("finance:amendments", args=[world.agreement.pk])))
    assert expected in tab
    economy = _body(client.get(reverse("finance:economy", args=[world.agreement.pk])))
    assert f"(ändring 2025-05-12 § 87, {expected})" in economy
