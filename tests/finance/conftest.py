"""The Linköping case built with factories, shaped like partnerships.demo.DemoCase: the
renewal chain 2018-2021-2024 with three idea-based parties, beside the one world's
outsiders (``tests.factories.another_organisation``)."""

import datetime as dt
from dataclasses import dataclass

import pytest

from finance import demo
from tests.factories import (
    BoardFactory,
    OrganisationFactory,
    UserFactory,
    agreement_with_parties,
    another_organisation,
)


@dataclass
class Case:
    organisations: dict
    agreements: dict
    users: dict


@pytest.fixture
def case(db) -> Case:
    linkoping = OrganisationFactory(public=True, name="Linköpings kommun")
    board = BoardFactory(organisation=linkoping)
    iogt = OrganisationFactory(name="IOGT-NTO Kamratstödet")
    sion = OrganisationFactory(name="Sionförsamlingen")
    pingst = OrganisationFactory(name="Pingstkyrkan Linköping")
    a2018 = agreement_with_parties(
        linkoping,
        sion,
        iogt,
        board=board,
        title="Social gemenskap 2018",
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2020, 12, 31),
    )
    a2021 = agreement_with_parties(
        linkoping,
        pingst,
        iogt,
        board=board,
        title="Social gemenskap 2021",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2023, 12, 31),
        predecessor=a2018,
    )
    a2024 = agreement_with_parties(
        linkoping,
        pingst,
        iogt,
        board=board,
        title="Social gemenskap 2024",
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2026, 12, 31),
        predecessor=a2021,
    )
    outsiders = another_organisation(title="Annan IOP")  # the one world's outsiders
    users = {
        "admin": UserFactory(organisation=linkoping, administrator=True, username="handlaggare"),
        "board_staff": UserFactory(organisation=linkoping, board_staff=True, username="namnd"),
        "iogt": UserFactory(organisation=iogt, partner=True, username="iogt"),
        "pingst": UserFactory(organisation=pingst, partner=True, username="pingst"),
        "outsider": outsiders.admin,
        "other_partner": outsiders.partner,
    }
    return Case(
        organisations={
            "linkoping": linkoping,
            "iogt": iogt,
            "pingst": pingst,
            "sion": sion,
            "other_municipality": outsiders.municipality,
            "other_association": outsiders.association,
        },
        agreements={"2018": a2018, "2021": a2021, "2024": a2024, "other": outsiders.agreement},
        users=users,
    )


@pytest.fixture
def seeded(case) -> Case:
    demo.seed(case)
    return case
