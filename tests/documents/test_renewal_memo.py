import datetime as dt

import pytest
from django.urls import reverse

from documents.models import Memo, MemoKind
from partnerships import services

pytestmark = pytest.mark.django_db


def test_starting_a_renewal_prepares_the_renewal_memo_with_the_new_period(world, client_for):
    client = client_for(world.admin)
    url = reverse("partnerships:renewal_start", args=[world.agreement.pk])
    assert client.post(url, {"years": "2"}).status_code == 302
    memo = Memo.objects.get(agreement=world.agreement, kind=MemoKind.RENEWAL)
    assert "2028-12-31" in memo.proposed_decisions
    assert "gäller två år till och med 2028-12-31" in memo.proposed_decisions


def test_renewal_without_a_user_creates_no_memo(world):
    services.agreement_start_renewal(agreement=world.agreement, years=3)
    assert not Memo.objects.filter(agreement=world.agreement).exists()


def test_an_existing_renewal_memo_is_kept(world):
    from documents.services import memo_create

    memo = memo_create(
        user=world.admin,
        agreement=world.agreement,
        kind=MemoKind.RENEWAL,
        today=dt.date(2026, 11, 1),
    )
    services.agreement_start_renewal(agreement=world.agreement, years=3, user=world.admin)
    assert Memo.objects.get(agreement=world.agreement, kind=MemoKind.RENEWAL).pk == memo.pk
