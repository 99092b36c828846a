"""Factories of the finance app (the register's are in tests/factories.py)."""

import datetime as dt

import factory

from finance.models import (
    Compensation,
    DecidedAmount,
    IndexRule,
    IndexSeries,
    IndexValue,
    PartyBudget,
    Payment,
    RepaymentClaim,
)
from tests.factories import PartyFactory


def opi() -> IndexSeries:
    """The OPI series loaded by the data migration."""
    return IndexSeries.objects.get(name="OPI")


class IndexSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndexSeries
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"IDX{n}")


class IndexValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndexValue

    series = factory.LazyFunction(opi)
    year = 2024
    definitive_percent = None
    preliminary_percent = None
    source = "Test"


class CompensationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compensation

    party = factory.SubFactory(PartyFactory)
    agreement = factory.SelfAttribute("party.agreement")
    base_amount = 400_000
    base_year = 2018
    first_index_year = 2019
    index_series = factory.LazyFunction(opi)
    index_rule = IndexRule.PRELIMINARY_FIRST
    payment_month = 1


class DecidedAmountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecidedAmount

    compensation = factory.SubFactory(CompensationFactory)
    year = 2023
    amount = 452_948


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    compensation = factory.SubFactory(CompensationFactory)
    agreement = factory.SelfAttribute("compensation.agreement")
    year = 2024
    paid_on = dt.date(2024, 1, 25)
    amount = 100_000
    reference = factory.Sequence(lambda n: f"VER-{n}")


class PartyBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyBudget

    party = factory.SubFactory(PartyFactory)
    agreement = factory.SelfAttribute("party.agreement")
    year = 2024
    own_contribution = 0


class RepaymentClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RepaymentClaim

    party = factory.SubFactory(PartyFactory)
    agreement = factory.SelfAttribute("party.agreement")
    amount = 10_000
    reason = "Medel har inte använts för avsett ändamål."
