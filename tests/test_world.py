"""The one test world and its Traits give the states they are named for."""

import pytest

from partnerships.models import Agreement, Sector, User
from partnerships.rules import AgreementStatus
from partnerships.selectors import agreements_visible_to
from tests.factories import AgreementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("trait", "status"),
    [
        ("draft", AgreementStatus.DRAFT),
        ("upcoming", AgreementStatus.APPROVED),
        ("active", AgreementStatus.ACTIVE),
        ("ended", AgreementStatus.ENDED),
    ],
)
def test_agreement_traits_give_their_status(trait, status):
    agreement = AgreementFactory(**{trait: True})
    assert agreement.status == status
    assert Agreement.objects.with_status().get(pk=agreement.pk).status == status


def test_user_traits_give_their_roles():
    assert UserFactory(administrator=True).role == User.Role.ADMINISTRATOR
    assert UserFactory(board_staff=True).role == User.Role.BOARD_STAFF
    partner = UserFactory(partner=True)
    assert partner.is_partner and partner.organisation.sector == Sector.IDEA_BASED
    operator = UserFactory(operator=True)
    assert operator.is_operator and operator.organisation is None
    assert UserFactory(partner=True, organisation_admin=True).is_organisation_admin


def test_the_world_keeps_its_outsiders_out(world):
    assert world.other_agreement.parties.filter(organisation=world.other_municipality).exists()
    for user in (world.admin, world.board_staff, world.partner):
        assert world.agreement in agreements_visible_to(user)
        assert world.other_agreement not in agreements_visible_to(user)
    for user in (world.outsider_admin, world.other_partner):
        assert world.agreement not in agreements_visible_to(user)
