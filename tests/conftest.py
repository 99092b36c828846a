"""The one test world: one municipality's case and the outsiders who must get 404.
Fixtures of other shapes (``tests/finance/conftest.py``'s Linköping chain, the URL
matrix's ``objects``, the published list) build on it and on ``tests/factories.py``.

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
    another_organisation,
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


def make_world() -> World:
    """The one test world (see ``tests/factories.py`` for the states by Trait)."""
    municipality = OrganisationFactory(public=True, name="Linköpings kommun")
    board = BoardFactory(organisation=municipality)
    association = OrganisationFactory(name="IOGT-NTO Kamratstödet")
    outsiders = another_organisation()
    agreement = agreement_with_parties(municipality, association, board=board)
    return World(
        municipality=municipality,
        association=association,
        other_association=outsiders.association,
        other_municipality=outsiders.municipality,
        agreement=agreement,
        other_agreement=outsiders.agreement,
        admin=UserFactory(organisation=municipality, administrator=True, username="handlaggare"),
        board_staff=UserFactory(
            organisation=municipality, board_staff=True, username="namndsekreterare"
        ),
        partner=UserFactory(organisation=association, partner=True, username="iogt"),
        other_partner=outsiders.partner,
        outsider_admin=outsiders.admin,
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def operator(db) -> User:
    """Runs the installation (keeps shared data such as SKR's OPI); of no municipality."""
    return UserFactory(operator=True, username="drift")


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
