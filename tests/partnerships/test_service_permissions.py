"""Issue 12: the register's writes check their own permission, whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from partnerships import services
from partnerships.models import Agreement


@pytest.mark.parametrize("who", ["partner", "board_staff", "outsider_admin"])
def test_agreement_update_refuses_a_user_who_may_not_edit_it(world, who):
    before = Agreement.objects.get(pk=world.agreement.pk).version
    with pytest.raises(PermissionDenied):
        services.agreement_update(
            user=getattr(world, who),
            agreement=world.agreement,
            expected_version=before,
            form=None,
            goal_formset=None,
            party_formset=None,
        )
    assert Agreement.objects.get(pk=world.agreement.pk).version == before
