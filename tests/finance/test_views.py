"""Pages: scope (404), permissions (403), figures, query counts, accessibility basics."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from finance.models import Compensation, DecidedAmount, Payment
from tests.finance.factories import CompensationFactory, PaymentFactory

NBSP = "\u00a0"


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", NBSP) + f"{NBSP}kr"


def economy_url(agreement):
    return reverse("finance:economy", args=[agreement.pk])


# --- scope --------------------------------------------------------------------------------


def test_it_checks_ownership_outsider_gets_404(seeded, client_for):
    client = client_for(seeded.users["outsider"])
    assert client.get(economy_url(seeded.agreements["2024"])).status_code == 404


def test_partner_of_other_org_gets_404(seeded, client_for):
    client = client_for(seeded.users["other_partner"])
    assert client.get(economy_url(seeded.agreements["2024"])).status_code == 404
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:payment_create", args=[comp.pk])
    assert client.get(url).status_code == 404


def test_partner_sees_only_own_money(seeded, client_for):
    response = client_for(seeded.users["iogt"]).get(economy_url(seeded.agreements["2021"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert kr(339_690) in body
    assert kr(452_948) not in body
    assert "Pingstkyrkan" not in body.split('<h2 class="visually-hidden">Ekonomi</h2>')[1]


def test_partner_cannot_open_other_partys_compensation(seeded, client_for):
    pingst = Compensation.objects.get(
        agreement=seeded.agreements["2024"], party__organisation=seeded.organisations["pingst"]
    )
    client = client_for(seeded.users["iogt"])
    url = reverse("finance:decided_amount_edit", args=[pingst.pk, 2024])
    assert client.get(url).status_code == 404


def test_malformed_id_is_404(seeded, client_for):
    client = client_for(seeded.users["admin"])
    assert client.get("/ekonomi/overenskommelser/abc/").status_code == 404
    assert client.get("/ekonomi/ersattning/abc/utbetalning/").status_code == 404


@pytest.mark.parametrize("user_key", ["board_staff", "iogt"])
def test_read_only_users_get_403_on_forms(seeded, client_for, user_key):
    client = client_for(seeded.users[user_key])
    agreement = seeded.agreements["2024"]
    comp = Compensation.objects.get(
        agreement=agreement, party__organisation=seeded.organisations["iogt"]
    )
    urls = [
        reverse("finance:compensation_create", args=[agreement.pk]),
        reverse("finance:payment_create", args=[comp.pk]),
        reverse("finance:decided_amount_edit", args=[comp.pk, 2024]),
        reverse("finance:budget_edit", args=[agreement.pk, comp.party_id, 2024]),
        reverse("finance:claim_create", args=[agreement.pk]),
        reverse("finance:index_import"),
        reverse("finance:index_value_create"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_anonymous_is_sent_to_login(seeded, client):
    response = client.get(economy_url(seeded.agreements["2024"]))
    assert response.status_code == 302 and "/logga-in/" in response["Location"]


# --- the economy tab ----------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 11, 23, 12, 0))
def test_economy_tab_shows_figures_deviation_and_missing_index(seeded, client_for):
    client = client_for(seeded.users["admin"])
    body = client.get(economy_url(seeded.agreements["2021"])).content.decode()
    for amount in (429_471, 437_631, 452_948, 339_711, 339_690):
        assert kr(amount) in body
    assert f"\u221221{NBSP}kr" in body  # the deviation -21 kr is shown
    assert "3,5 % (prel.)" in body
    body_2024 = client.get(economy_url(seeded.agreements["2024"])).content.decode()
    assert "OPI för 2024 saknas" in body_2024
    assert 'role="img"' in body_2024 and '<title id="chart-title">' in body_2024
    assert "okänt" in body_2024
    assert kr(2_755_000) in body_2024 and kr(1_962_362) in body_2024
    assert 'aria-current="page"' in body_2024 and ">Ekonomi<" in body_2024


def test_economy_tab_is_registered_on_the_agreement_page(seeded, client_for):
    client = client_for(seeded.users["board_staff"])
    body = client.get(seeded.agreements["2024"].get_absolute_url()).content.decode()
    assert economy_url(seeded.agreements["2024"]) in body


def test_economy_tab_query_count_does_not_grow_with_rows(
    seeded, client_for, django_assert_max_num_queries
):
    client = client_for(seeded.users["admin"])
    agreement = seeded.agreements["2024"]
    with django_assert_max_num_queries(30) as ctx:
        client.get(economy_url(agreement))
    baseline = len(ctx.captured_queries)
    comp = Compensation.objects.filter(agreement=agreement).first()
    for i in range(15):
        PaymentFactory(compensation=comp, year=2025, reference=f"X-{i}")
    DecidedAmount.objects.create(compensation=comp, year=2025, amount=500_000)
    with django_assert_max_num_queries(baseline):
        client.get(economy_url(agreement))


def test_overview_query_count_does_not_grow(seeded, client_for, django_assert_max_num_queries):
    client = client_for(seeded.users["admin"])
    with django_assert_max_num_queries(20) as ctx:
        client.get(reverse("finance:overview") + "?ar=2023")
    baseline = len(ctx.captured_queries)
    comp = Compensation.objects.filter(agreement=seeded.agreements["2021"]).first()
    for i in range(10):
        PaymentFactory(compensation=comp, year=2023, reference=f"Y-{i}", amount=1)
    with django_assert_max_num_queries(baseline):
        client.get(reverse("finance:overview") + "?ar=2023")


# --- overview and CSV ---------------------------------------------------------------------


def test_overview_2023_totals_792638_for_linkoping(seeded, client_for):
    body = (
        client_for(seeded.users["board_staff"])
        .get(reverse("finance:overview") + "?ar=2023")
        .content.decode()
    )
    assert kr(792_638) in body
    assert "Annan förening" not in body


def test_overview_bad_year_falls_back(seeded, client_for):
    response = client_for(seeded.users["admin"]).get(reverse("finance:overview") + "?ar=x")
    assert response.status_code == 200


def test_overview_csv_has_bom_semicolons_and_total(seeded, client_for):
    response = client_for(seeded.users["admin"]).get(
        reverse("finance:overview_export") + "?ar=2023"
    )
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Överenskommelse;Part;År")
    assert "Summa;;2023;792638;" in text


def test_economy_csv_neutralises_formulas_but_keeps_negative_numbers(seeded, client_for):
    agreement = seeded.agreements["2021"]
    agreement.title = '=HYPERLINK("http://x")'
    agreement.save()
    text = (
        client_for(seeded.users["admin"])
        .get(reverse("finance:economy_export", args=[agreement.pk]))
        .content.decode("utf-8-sig")
    )
    assert "'=HYPERLINK" in text
    assert ";-21;" in text


# --- forms --------------------------------------------------------------------------------


def test_admin_records_decided_amount_and_sees_deviation(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.get(
        agreement=seeded.agreements["2024"], party__organisation=seeded.organisations["iogt"]
    )
    url = reverse("finance:decided_amount_edit", args=[comp.pk, 2024])
    response = client.post(
        url, {"amount": "350 000 kr", "version": "0", "note": "Beslut"}, follow=True
    )
    assert response.status_code == 200
    assert DecidedAmount.objects.get(compensation=comp, year=2024).amount == 350_000


def test_bad_amount_keeps_input_and_shows_swedish_error(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:decided_amount_edit", args=[comp.pk, 2024])
    response = client.post(url, {"amount": "12,50", "version": "0"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ange hela kronor utan ören" in body
    assert 'value="12,50"' in body
    response = client.post(url, {"amount": "-5", "version": "0"})
    assert "Beloppet kan inte vara negativt." in response.content.decode()
    assert not DecidedAmount.objects.filter(compensation=comp, year=2024).exists()


def test_second_admin_editing_same_decided_amount_gets_conflict(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.get(
        agreement=seeded.agreements["2021"], party__organisation=seeded.organisations["iogt"]
    )
    decided = DecidedAmount.objects.get(compensation=comp, year=2023)
    url = reverse("finance:decided_amount_edit", args=[comp.pk, 2023])
    first = client.post(url, {"amount": "339 700", "version": str(decided.version)})
    assert first.status_code == 302
    second = client.post(url, {"amount": "339 800", "version": str(decided.version)})
    body = second.content.decode()
    assert second.status_code == 409
    assert "Någon annan har sparat" in body and 'value="339 800"' in body
    assert DecidedAmount.objects.get(pk=decided.pk).amount == 339_700


def test_two_admins_creating_the_same_decided_amount_conflict(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:decided_amount_edit", args=[comp.pk, 2025])
    assert client.post(url, {"amount": "1000", "version": "0"}).status_code == 302
    assert client.post(url, {"amount": "2000", "version": "0"}).status_code == 409
    assert DecidedAmount.objects.get(compensation=comp, year=2025).amount == 1000


def test_double_submitted_payment_is_saved_once(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:payment_create", args=[comp.pk])
    data = {
        "form_token": "tok-123",
        "year": "2025",
        "paid_on": "2025-01-20",
        "amount": "460 000",
        "reference": "VER-2025-1",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert "var redan registrerad" in response.content.decode()
    assert Payment.objects.filter(reference="VER-2025-1").count() == 1


def test_payment_reference_used_twice_is_refused_with_message(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    url = reverse("finance:payment_create", args=[comp.pk])
    base = {"year": "2025", "paid_on": "2025-01-20", "amount": "1000", "reference": "R-1"}
    assert client.post(url, base | {"form_token": "a"}).status_code == 302
    response = client.post(url, base | {"form_token": "b", "reference": "r-1"})
    assert response.status_code == 400
    assert "är redan registrerad" in response.content.decode()
    assert Payment.objects.filter(agreement=comp.agreement, reference__iexact="r-1").count() == 1


def test_payment_form_renders_a_fresh_token(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2024"]).first()
    body = client.get(reverse("finance:payment_create", args=[comp.pk])).content.decode()
    assert 'name="form_token"' in body and '<label for="id_amount">' in body


def test_admin_saves_budget_and_diff_is_shown(seeded, client_for):
    client = client_for(seeded.users["admin"])
    agreement = seeded.agreements["2024"]
    comp = Compensation.objects.get(
        agreement=agreement, party__organisation=seeded.organisations["iogt"]
    )
    url = reverse("finance:budget_edit", args=[agreement.pk, comp.party_id, 2025])
    response = client.post(
        url,
        {
            "version": "0",
            "own_contribution": "200 000",
            "municipal_financing": "339 690",
            "staff_amount": "205 000",
            "volunteers_amount": "160 000",
            "premises_amount": "170 000",
            "other_amount": "",
        },
        follow=True,
    )
    body = response.content.decode()
    assert "Budgeten 2025 för IOGT-NTO Kamratstödet går inte ihop" in body
    assert f"\u22124{NBSP}690{NBSP}kr" in body


def test_compensation_create_refuses_public_party_and_bad_years(seeded, client_for):
    client = client_for(seeded.users["admin"])
    agreement = seeded.agreements["2024"]
    iogt_party = agreement.parties.get(organisation=seeded.organisations["iogt"])
    Payment.objects.filter(compensation__party=iogt_party).delete()
    Compensation.objects.filter(party=iogt_party).delete()
    url = reverse("finance:compensation_create", args=[agreement.pk])
    data = {
        "party": iogt_party.pk,
        "base_amount": "339690",
        "base_year": "2024",
        "index_series": Compensation.objects.first().index_series_id,
        "first_index_year": "2024",
        "index_rule": "preliminary_first",
        "payment_month": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "måste vara efter basåret" in response.content.decode()
    public_party = agreement.parties.get(organisation=seeded.organisations["linkoping"])
    response = client.post(url, data | {"base_year": "2023", "party": public_party.pk})
    assert response.status_code == 400
    response = client.post(url, data | {"base_year": "2023"})
    assert response.status_code == 302
    assert Compensation.objects.get(party=iogt_party).base_amount == 339_690


def test_claim_create_and_edit(seeded, client_for):
    client = client_for(seeded.users["admin"])
    agreement = seeded.agreements["2024"]
    party = agreement.parties.get(organisation=seeded.organisations["iogt"])
    url = reverse("finance:claim_create", args=[agreement.pk])
    response = client.post(
        url, {"party": party.pk, "amount": "25 000", "reason": "Ej använt", "status": "draft"}
    )
    assert response.status_code == 302
    body = client.get(economy_url(agreement)).content.decode()
    assert kr(25_000) in body and "Utkast" in body


def test_settlement_of_2023_index_difference_is_recorded_once(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.get(
        agreement=seeded.agreements["2021"], party__organisation=seeded.organisations["pingst"]
    )
    url = reverse("finance:settlement_create", args=[comp.pk, 2023])
    page = client.get(url).content.decode()
    assert kr(4_814) in page
    data = {"action": "supplementary_payment", "decided_on": "2023-05-10"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "redan hanterad" in again.content.decode()
    assert comp.settlements.count() == 1


def test_settlement_direction_must_match_the_sign(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.get(
        agreement=seeded.agreements["2021"], party__organisation=seeded.organisations["pingst"]
    )
    url = reverse("finance:settlement_create", args=[comp.pk, 2023])
    response = client.post(url, {"action": "repayment_claim", "decided_on": "2023-05-10"})
    assert response.status_code == 400
    assert comp.settlements.count() == 0


def test_year_without_difference_cannot_be_settled(seeded, client_for):
    client = client_for(seeded.users["admin"])
    comp = Compensation.objects.filter(agreement=seeded.agreements["2021"]).first()
    assert client.get(reverse("finance:settlement_create", args=[comp.pk, 2022])).status_code == 403


# --- start page ---------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 11, 23, 12, 0))
def test_start_page_warns_opi_2024_missing(seeded, client_for):
    body = client_for(seeded.users["board_staff"]).get(reverse("start")).content.decode()
    assert "OPI för 2024 saknas" in body


@time_machine.travel(dt.datetime(2026, 11, 23, 12, 0))
def test_start_page_of_other_municipality_does_not_see_linkoping(seeded, client_for):
    body = client_for(seeded.users["outsider"]).get(reverse("start")).content.decode()
    assert "IOGT" not in body


def test_world_fixture_economy_tab_empty_state(world, client_for):
    body = client_for(world.partner).get(economy_url(world.agreement)).content.decode()
    assert "Ingen ersättning är registrerad" in body


def test_compensation_factory_builds(db):
    assert CompensationFactory().base_amount == 400_000


def test_admin_form_pages_render_with_labels(seeded, client_for):
    client = client_for(seeded.users["admin"])
    agreement = seeded.agreements["2024"]
    comp = Compensation.objects.get(
        agreement=agreement, party__organisation=seeded.organisations["pingst"]
    )
    claim_url = reverse("finance:claim_create", args=[agreement.pk])
    client.post(claim_url, {"party": comp.party_id, "amount": "5", "reason": "x", "status": "sent"})
    claim = comp.party.repayment_claims.get()
    urls = [
        reverse("finance:compensation_create", args=[agreement.pk]),
        reverse("finance:compensation_update", args=[agreement.pk, comp.pk]),
        reverse("finance:budget_edit", args=[agreement.pk, comp.party_id, 2024]),
        reverse("finance:decided_amount_edit", args=[comp.pk, 2024]),
        reverse("finance:payment_create", args=[comp.pk]),
        claim_url,
        reverse("finance:claim_update", args=[agreement.pk, claim.pk]),
        reverse("finance:index_values"),
        reverse("finance:index_value_create"),
        reverse("finance:index_import"),
        reverse("finance:index_series_create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<label" in body or "<table" in body, url
    budget_body = client.get(urls[2]).content.decode()
    assert 'value="1 190 000"' in budget_body and 'value="Anställda"' in budget_body


def _more_agreements_with_compensation(seeded, count):
    from tests.factories import OrganisationFactory, agreement_with_parties

    for n in range(count):
        agreement = agreement_with_parties(
            seeded.organisations["linkoping"],
            OrganisationFactory(),
            title=f"Fler {n:02d}",
            period_start=dt.date(2023, 1, 1),
            period_end=dt.date(2025, 12, 31),
        )
        party = agreement.parties.exclude(organisation=seeded.organisations["linkoping"]).get()
        CompensationFactory(party=party, base_amount=1000, base_year=2023, first_index_year=2024)


def test_overview_is_paginated_with_totals_over_all_rows_and_fixed_queries(
    seeded, client_for, django_assert_max_num_queries
):
    client = client_for(seeded.users["admin"])
    url = reverse("finance:overview") + "?ar=2023"
    with django_assert_max_num_queries(20) as ctx:
        first = client.get(url)
    baseline = len(ctx.captured_queries)
    assert kr(792_638) in first.content.decode()
    _more_agreements_with_compensation(seeded, 30)
    with django_assert_max_num_queries(baseline):
        response = client.get(url)
    page = response.context["page"]
    assert len(page.object_list) == 25
    assert page.paginator.count == len(first.context["page"].object_list) + 30
    body = response.content.decode()
    # The totals cover every row of the year, not just the page shown.
    assert kr(792_638 + 30 * 1000) in body
    assert "Nästa sida" in body and "ar=2023&amp;sida=2" in body
    second = client.get(url + "&sida=2").context["page"]
    assert len(second.object_list) == page.paginator.count - 25
