"""An index value that arrives after the January payment: what is still to pay (or to
claim back), in kronor, on the economy tab and the start page (issue 14)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from finance.late_index import late_index
from finance.models import IndexRule, IndexSettlement, SettlementAction

from .factories import CompensationFactory, IndexValueFactory, PaymentFactory

D = dt.date
JAN = [D(2024, 1, 25)]


# --- the rule, without a database ------------------------------------------------------


def _late(**kwargs):
    base = {
        "year": 2024,
        "payment_dates": JAN,
        "paid": 309_000,
        "expected": 309_000,
        "applied_kind": "preliminary",
        "definitive_difference": 3_000,
        "settled": False,
        "published": D(2024, 4, 20),
    }
    return late_index(**{**base, **kwargs})


def test_following_the_preliminary_value_the_definitive_difference_is_to_settle():
    late = _late()
    assert (late.difference, late.to_pay, late.follows_preliminary) == (3_000, True, True)
    assert "3 000 kr återstår att betala till IOGT-NTO" in late.text("IOGT-NTO").replace(
        "\xa0", " "
    )
    claim = _late(definitive_difference=-1_500)
    assert not claim.to_pay and claim.amount == 1_500
    assert "1 500 kr har betalats ut för mycket till IOGT-NTO och kan krävas tillbaka" in (
        claim.text("IOGT-NTO").replace("\xa0", " ")
    )
    assert _late(settled=True) is None


def test_following_the_definitive_value_the_year_amount_minus_what_was_paid():
    late = _late(applied_kind="definitive", expected=312_000, definitive_difference=None)
    assert (late.difference, late.follows_preliminary) == (3_000, False)
    over = _late(applied_kind="definitive", expected=306_000, definitive_difference=None)
    assert over.difference == -3_000
    assert _late(applied_kind="definitive", expected=309_000) is None


def test_nothing_when_the_value_was_known_before_the_payment_or_nothing_was_paid():
    assert _late(published=D(2024, 1, 10)) is None
    assert _late(published=D(2024, 1, 25)) is None  # the same day: known when paying
    assert _late(payment_dates=[], paid=0) is None
    assert _late(published=None) is None
    assert _late(applied_kind=None) is None  # a year without indexation


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def paid_before_definitive(world):
    """300 000 kr at 2023 level; 2024 paid in January with the preliminary 3.0 %; the
    definitive 4.0 % came in April: 312 000 - 309 000 = 3 000 kr still to pay."""
    party = world.agreement.parties.get(organisation=world.association)
    compensation = CompensationFactory(
        party=party, base_amount=300_000, base_year=2023, first_index_year=2024
    )
    IndexValueFactory(
        year=2024,
        preliminary_percent=Decimal("3.0"),
        preliminary_published=D(2023, 12, 10),
        definitive_percent=Decimal("4.0"),
        definitive_published=D(2024, 4, 20),
    )
    PaymentFactory(compensation=compensation, year=2024, paid_on=D(2024, 1, 25), amount=309_000)
    return compensation


def economy(world):
    return reverse("finance:economy", args=[world.agreement.pk])


def test_economy_tab_and_start_page_say_what_is_still_to_pay(
    world, client_for, paid_before_definitive
):
    expected = (
        "Definitivt index för 2024 publicerades 2024-04-20, efter utbetalningen 2024-01-25. "
        "3 000 kr återstår att betala till IOGT-NTO Kamratstödet"
    )
    client = client_for(world.admin)
    body = " ".join(client.get(economy(world)).content.decode().replace("\xa0", " ").split())
    assert expected in body
    start = " ".join(client.get("/").content.decode().replace("\xa0", " ").split())
    assert expected in start
    # A partner sees it on its economy tab, not as a task on its start page.
    partner = client_for(world.partner)
    assert expected not in " ".join(partner.get("/").content.decode().replace("\xa0", " ").split())
    # Another municipality sees neither.
    outsider = client_for(world.outsider_admin)
    assert outsider.get(economy(world)).status_code == 404
    assert "IOGT-NTO Kamratstödet" not in outsider.get("/").content.decode()


def test_once_settled_it_is_no_longer_outstanding(world, client_for, paid_before_definitive):
    IndexSettlement.objects.create(
        compensation=paid_before_definitive,
        year=2024,
        difference=3_000,
        action=SettlementAction.SUPPLEMENTARY_PAYMENT,
        decided_on=D(2024, 5, 2),
    )
    body = client_for(world.admin).get("/").content.decode()
    assert "återstår att betala" not in body


def test_following_the_definitive_value_a_payment_at_the_old_level_leaves_the_rest(
    world, client_for, paid_before_definitive
):
    paid_before_definitive.index_rule = IndexRule.DEFINITIVE
    paid_before_definitive.save()
    body = " ".join(client_for(world.admin).get("/").content.decode().replace("\xa0", " ").split())
    assert "3 000 kr återstår att betala till IOGT-NTO Kamratstödet." in body


def test_start_page_query_count_does_not_grow_with_late_values(
    world, client_for, paid_before_definitive, django_assert_max_num_queries, settings
):
    # The page's own work, not the page cache's (tests/common/test_pagecache.py covers that).
    settings.IOP_PAGE_CACHE_SECONDS = 0
    from tests.factories import OrganisationFactory, PartyFactory

    client = client_for(world.admin)
    client.get("/")
    with django_assert_max_num_queries(60) as first:
        client.get("/")
    for _ in range(4):
        party = PartyFactory(agreement=world.agreement, organisation=OrganisationFactory())
        compensation = CompensationFactory(
            party=party, base_amount=300_000, base_year=2023, first_index_year=2024
        )
        PaymentFactory(compensation=compensation, year=2024, paid_on=D(2024, 1, 25))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/")
