"""Factories of the register. Apps above keep their own factories next to their tests."""

import datetime as dt
import itertools

import factory
from stdnum import luhn

from partnerships.models import (
    Agreement,
    Board,
    ContactPerson,
    Goal,
    Organisation,
    Party,
    Responsibility,
    Sector,
    Signatory,
    Termination,
    User,
)

DEMO_PASSWORD = "test-password-123"

_serial = itertools.count(100000)


def make_organisation_number(first_digit: int = 8) -> str:
    """A fresh valid organisation number (Luhn, third digit >= 2)."""
    body = f"{first_digit}2{next(_serial) % 1_000_000:06d}"[:8]
    body = body[:2] + str(max(2, int(body[2]))) + body[3:]
    base = body + "0"
    base = base[:9]
    check = luhn.calc_check_digit(base)
    number = base + check
    return f"{number[:6]}-{number[6:]}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Föreningen {n}")
    organisation_number = factory.LazyFunction(make_organisation_number)
    sector = Sector.IDEA_BASED

    class Params:
        public = factory.Trait(
            sector=Sector.PUBLIC,
            name=factory.Sequence(lambda n: f"Kommun {n}"),
            organisation_number=factory.LazyFunction(lambda: make_organisation_number(2)),
        )


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    organisation = factory.SubFactory(OrganisationFactory)
    owner = factory.SelfAttribute("organisation")  # the organisation's own record
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    organisation = factory.SubFactory(OrganisationFactory, public=True)
    name = "Social- och omsorgsnämnden"
    administration_name = "Social- och omsorgsförvaltningen"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Användare {n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory, public=True)
    role = User.Role.ADMINISTRATOR
    password = factory.PostGenerationMethodCall("set_password", DEMO_PASSWORD)

    class Params:
        board_staff = factory.Trait(role=User.Role.BOARD_STAFF)
        partner = factory.Trait(
            role=User.Role.PARTNER, organisation=factory.SubFactory(OrganisationFactory)
        )

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Social gemenskap {n}")
    registry_number = factory.Sequence(lambda n: f"SOCN 2024-{n:04d}")
    approved = True
    period_start = dt.date(2024, 1, 1)
    period_end = dt.date(2026, 12, 31)
    notice_period_months = 6
    min_followups_per_year = 1
    background = "Bakgrundstext."
    target_group = "Människor i socialt utanförskap."


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    agreement = factory.SubFactory(AgreementFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Mål nummer {n}")


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = factory.LazyAttribute(lambda o: o.organisation.sector)


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Responsibility

    party = factory.SubFactory(PartyFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Ansvar {n}")


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    party = factory.SubFactory(PartyFactory)
    name = factory.Sequence(lambda n: f"Firmatecknare {n}")
    place = "Linköping"


class TerminationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Termination

    agreement = factory.SubFactory(AgreementFactory)
    given_by = factory.SubFactory(OrganisationFactory)
    notice_date = dt.date(2025, 3, 1)


def agreement_with_parties(municipality, *idea_based, **kwargs) -> Agreement:
    """An agreement between a municipality and idea-based organisations, with two goals."""
    agreement = AgreementFactory(**kwargs)
    PartyFactory(agreement=agreement, organisation=municipality)
    for organisation in idea_based:
        PartyFactory(agreement=agreement, organisation=organisation)
    GoalFactory(agreement=agreement, position=1, text="Nå människor i socialt utanförskap")
    GoalFactory(agreement=agreement, position=2, text="Erbjuda social samvaro och gemenskap")
    return agreement
