"""Shared fixtures: one municipality's case and the outsiders who must get 404.

- ``world.agreement``: between ``world.municipality`` and ``world.association``.
- ``admin``, ``board_staff``: of the municipality; ``partner``: of the association.
- ``other_partner``: of an idea-based organisation that is not a party.
- ``outsider_admin``: administrator of a second municipality with its own agreement.
"""

from dataclasses import dataclass

import pytest

from partnerships.models import Agreement, Organisation, User
from tests.factories import (
    DEMO_PASSWORD,
    BoardFactory,
    OrganisationFactory,
    UserFactory,
    agreement_with_parties,
)


@dataclass
class World:
    municipality: Organisation
    association: Organisation
    other_association: Organisation
    other_municipality: Organisation
    agreement: Agreement
    other_agreement: Agreement
    admin: User
    board_staff: User
    partner: User
    other_partner: User
    outsider_admin: User


@pytest.fixture
def world(db) -> World:
    municipality = OrganisationFactory(public=True, name="Linköpings kommun")
    board = BoardFactory(organisation=municipality)
    association = OrganisationFactory(name="IOGT-NTO Kamratstödet")
    other_association = OrganisationFactory(name="Annan förening")
    other_municipality = OrganisationFactory(public=True, name="Annan kommun")
    agreement = agreement_with_parties(municipality, association, board=board)
    other_agreement = agreement_with_parties(
        other_municipality, other_association, title="Annan kommuns IOP"
    )
    return World(
        municipality=municipality,
        association=association,
        other_association=other_association,
        other_municipality=other_municipality,
        agreement=agreement,
        other_agreement=other_agreement,
        admin=UserFactory(organisation=municipality, username="handlaggare"),
        board_staff=UserFactory(
            organisation=municipality, board_staff=True, username="namndsekreterare"
        ),
        partner=UserFactory(organisation=association, partner=True, username="iogt"),
        other_partner=UserFactory(
            organisation=other_association, partner=True, username="annanpartner"
        ),
        outsider_admin=UserFactory(organisation=other_municipality, username="annan"),
    )


@pytest.fixture
def operator(db) -> User:
    """Runs the installation (keeps shared data such as SKR's OPI); of no municipality."""
    return UserFactory(organisation=None, role=User.Role.OPERATOR, username="drift")


@pytest.fixture
def client_for(client):
    """``client_for(user)`` logs the test client in as that user."""

    def login(user: User):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def password() -> str:
    return DEMO_PASSWORD
