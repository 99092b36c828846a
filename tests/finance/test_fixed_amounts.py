"""Fixed amounts (issue 14): a compensation that is not indexed at all."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from finance import indexation
from finance.documents_data import agreement_economy
from finance.ledger import compensation_ledger
from finance.models import Compensation, IndexSeries, IndexValue
from partnerships import services as partnership_services
from tests.documents.conftest import agreement_pdf, pdf_text

NBSP = "\u00a0"
OPI = {
    2024: indexation.IndexPoint(Decimal("4.1")),
    2025: indexation.IndexPoint(Decimal("1.9")),
    2026: indexation.IndexPoint(Decimal("2.5")),
}


# --- the rule, without a database -----------------------------------------------------------


def test_a_fixed_amount_is_the_same_every_year_whatever_the_index():
    schedule = indexation.compute_schedule(
        base_amount=730_000, base_year=2023, first_index_year=None, years=[2024, 2025, 2026],
        index=OPI,
    )  # fmt: skip
    assert [row.amount for row in schedule] == [730_000, 730_000, 730_000]
    assert all(row.index is None and not row.missing_reason for row in schedule)


def test_a_fixed_amount_is_never_unknown_for_want_of_an_index():
    schedule = indexation.compute_schedule(
        base_amount=730_000, base_year=2024, first_index_year=None, years=[2024, 2025],
        index={},
    )  # fmt: skip
    assert [(row.amount, row.missing_reason) for row in schedule] == [(730_000, ""), (730_000, "")]


def test_a_decided_amount_still_rules_a_fixed_amount():
    schedule = indexation.compute_schedule(
        base_amount=730_000, base_year=2024, first_index_year=None, years=[2024, 2025],
        index=OPI, decided={2024: 700_000},
    )  # fmt: skip
    assert [row.amount for row in schedule] == [700_000, 700_000]


# --- the model -------------------------------------------------------------------------------


@pytest.fixture
def fixed_compensation(world):
    return Compensation.objects.create(
        agreement=world.agreement,
        party=world.agreement.parties.get(organisation=world.association),
        base_amount=730_000,
        base_year=2024,
        fixed=True,
    )


@pytest.fixture
def opi_values(db):
    opi = IndexSeries.objects.get(name="OPI")
    for year, percent in [(2024, "4.1"), (2025, "1.9"), (2026, "2.5"), (2027, "2.0")]:
        IndexValue.objects.update_or_create(
            series=opi, year=year, defaults={"preliminary_percent": percent}
        )


@pytest.mark.django_db
def test_the_database_refuses_index_terms_on_a_fixed_amount(world):
    opi = IndexSeries.objects.get(name="OPI")
    party = world.agreement.parties.get(organisation=world.association)
    with pytest.raises(IntegrityError), transaction.atomic():
        Compensation.objects.create(
            agreement=world.agreement, party=party, base_amount=1, base_year=2024, fixed=True,
            index_series=opi, first_index_year=2025,
        )  # fmt: skip


@pytest.mark.django_db
def test_the_database_refuses_an_indexed_amount_without_index(world):
    party = world.agreement.parties.get(organisation=world.association)
    with pytest.raises(IntegrityError), transaction.atomic():
        Compensation.objects.create(
            agreement=world.agreement, party=party, base_amount=1, base_year=2024, fixed=False
        )


@pytest.mark.django_db
def test_ledger_of_a_fixed_amount_ignores_published_index(fixed_compensation, opi_values):
    ledger = compensation_ledger(fixed_compensation, dt.date(2026, 6, 1))
    assert [(row.year, row.schedule.amount) for row in ledger.rows] == [
        (2024, 730_000),
        (2025, 730_000),
        (2026, 730_000),
    ]


@pytest.mark.django_db
def test_renewal_continues_a_fixed_amount_as_it_is(fixed_compensation, opi_values):
    # Before: the successor was indexed from the year after, 730 000 x 1.019 = 743 870.
    successor = partnership_services.agreement_start_renewal(
        agreement=fixed_compensation.agreement, years=3
    )
    continued = Compensation.objects.get(agreement=successor)
    assert continued.fixed is True
    assert (continued.base_amount, continued.index_series, continued.first_index_year) == (
        730_000,
        None,
        None,
    )
    ledger = compensation_ledger(continued, dt.date(2027, 6, 1))
    assert {row.schedule.amount for row in ledger.rows} == {730_000}
    assert 743_870 not in [row.schedule.amount for row in ledger.rows]


@pytest.mark.django_db
def test_renewal_still_indexes_an_indexed_amount(world, opi_values):
    opi = IndexSeries.objects.get(name="OPI")
    party = world.agreement.parties.get(organisation=world.association)
    Compensation.objects.create(
        agreement=world.agreement, party=party,
        base_amount=730_000, base_year=2023, index_series=opi, first_index_year=2024,
    )  # fmt: skip
    successor = partnership_services.agreement_start_renewal(agreement=world.agreement, years=3)
    continued = Compensation.objects.get(agreement=successor)
    assert continued.fixed is False
    assert continued.index_series == opi
    assert continued.first_index_year == 2027


# --- documents -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_indexation_clause_is_printed_for_a_fixed_amount(fixed_compensation):
    terms = agreement_economy(fixed_compensation.agreement)["terms_text"]
    assert "Uppräkning" not in terms
    assert "fast belopp och räknas inte upp med index" in terms
    text = pdf_text(agreement_pdf(fixed_compensation.agreement_id))
    assert "Uppräkning sker" not in text
    assert "fast belopp och räknas inte upp med index" in text


@pytest.mark.django_db
def test_indexation_clause_names_only_the_indexed_parties_when_mixed(world, fixed_compensation):
    from tests.factories import OrganisationFactory

    club = OrganisationFactory(name="Fotbollsklubben")
    agreement = world.agreement
    party = agreement.parties.create(organisation=club, role=fixed_compensation.party.role)
    Compensation.objects.create(
        agreement=agreement, party=party, base_amount=100_000, base_year=2023,
        index_series=IndexSeries.objects.get(name="OPI"), first_index_year=2024,
    )  # fmt: skip
    terms = agreement_economy(agreement)["terms_text"]
    assert "Uppräkning sker årligen enligt OPI för ersättningen till Fotbollsklubben." in terms
    assert f"Ersättningen till {world.association.name} är ett fast belopp" in terms


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_economy_tab_says_the_amount_is_fixed(fixed_compensation, world, client_for):
    response = client_for(world.admin).get(reverse("finance:economy", args=[world.agreement.pk]))
    assert response.status_code == 200
    assert "Fast belopp: räknas inte upp med index" in response.content.decode()


@pytest.mark.django_db
def test_admin_enters_a_fixed_amount_without_index(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("finance:compensation_create", args=[world.agreement.pk])
    data = {
        "party": party.pk, "base_amount": "730 000", "base_year": "2024", "fixed": "on",
        "index_series": "", "first_index_year": "", "index_rule": "preliminary_first",
        "payment_month": "1", "version": "0",
    }  # fmt: skip
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Compensation.objects.get(party=party)
    assert (saved.fixed, saved.index_series, saved.first_index_year) == (True, None, None)


@pytest.mark.django_db
def test_an_indexed_amount_without_index_is_refused_in_swedish(world, client_for):
    party = world.agreement.parties.get(organisation=world.association)
    url = reverse("finance:compensation_create", args=[world.agreement.pk])
    data = {
        "party": party.pk, "base_amount": "730 000", "base_year": "2023", "index_series": "",
        "first_index_year": "", "index_rule": "preliminary_first", "payment_month": "1",
        "version": "0",
    }  # fmt: skip
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Välj index, eller markera beloppet som fast." in body
    assert "730 000" in body or "730000" in body
    assert not Compensation.objects.filter(party=party).exists()
