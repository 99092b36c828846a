"""Factories of the register, with Traits for the states tests need. Apps above keep
their own factories next to their tests (``tests/finance/factories.py``, ...).

The one test world is built here (``make_world``; the ``world`` fixture in
``tests/conftest.py``): a municipality's agreement with its administrator, board staff
and partner, and ``another_organisation()``, the second municipality with its own
agreement whose people must get 404. Fixtures of other shapes build on these.

States by Trait:

- ``AgreementFactory(draft=True)`` / ``(upcoming=True)`` / ``(active=True)`` /
  ``(ended=True)``: the statuses draft, approved (decided, not started), active and ended,
  counted from today (``partnerships.rules.agreement_status``);
- ``UserFactory(partner=True)`` (of an idea-based organisation), ``(board_staff=True)``,
  ``(administrator=True)`` (the default role, said out loud), ``(operator=True)`` (runs
  the installation, of no organisation), ``(organisation_admin=True)`` (administers the
  own organisation's people);
- ``OrganisationFactory(public=True)``: a municipality.
"""

import datetime as dt
import itertools
from dataclasses import dataclass

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


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


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
        administrator = factory.Trait(role=User.Role.ADMINISTRATOR)
        board_staff = factory.Trait(role=User.Role.BOARD_STAFF)
        partner = factory.Trait(
            role=User.Role.PARTNER, organisation=factory.SubFactory(OrganisationFactory)
        )
        operator = factory.Trait(role=User.Role.OPERATOR, organisation=None)
        organisation_admin = factory.Trait(is_organisation_admin=True)

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

    class Params:
        # The status follows the dates and the approval (nobody flips it): each trait sets
        # a period around today that gives its status.
        draft = factory.Trait(approved=False)
        upcoming = factory.Trait(
            approved=True,
            period_start=factory.LazyFunction(lambda: _today() + dt.timedelta(days=30)),
            period_end=factory.LazyFunction(lambda: _today() + dt.timedelta(days=3 * 365)),
        )
        active = factory.Trait(
            approved=True,
            period_start=factory.LazyFunction(lambda: _today() - dt.timedelta(days=365)),
            period_end=factory.LazyFunction(lambda: _today() + dt.timedelta(days=2 * 365)),
        )
        ended = factory.Trait(
            approved=True,
            period_start=factory.LazyFunction(lambda: _today() - dt.timedelta(days=4 * 365)),
            period_end=factory.LazyFunction(lambda: _today() - dt.timedelta(days=30)),
        )


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


@dataclass
class Outsiders:
    """Another organisation: a second municipality with its own agreement, and its people.
    Everything of the world's agreement is a 404 for them."""

    municipality: Organisation
    association: Organisation
    agreement: Agreement
    admin: User
    partner: User


def another_organisation(*, title: str = "Annan kommuns IOP") -> Outsiders:
    municipality = OrganisationFactory(public=True, name="Annan kommun")
    association = OrganisationFactory(name="Annan förening")
    return Outsiders(
        municipality=municipality,
        association=association,
        agreement=agreement_with_parties(municipality, association, title=title),
        admin=UserFactory(organisation=municipality, administrator=True, username="annan"),
        partner=UserFactory(organisation=association, partner=True, username="annanpartner"),
    )
