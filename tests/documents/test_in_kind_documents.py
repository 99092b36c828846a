"""The board documents print värde av insats and say when an agreement has no money
(issue 14); read back from the PDF with pypdf."""

import datetime as dt
import re

import pytest

from finance.models import InKindContribution, PaymentSchedule
from partnerships.models import Sector
from tests.documents.conftest import agreement_pdf, annual_report_pdf, followup_report_pdf
from tests.documents.conftest import pdf_text as _pdf_text
from tests.finance.factories import CompensationFactory
from tests.followups.factories import RoundFactory

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", _pdf_text(data))


def _premises(world, year=2025):
    public = world.agreement.parties.get(role=Sector.PUBLIC)
    return InKindContribution.objects.create(
        agreement=world.agreement,
        party=public,
        year=year,
        kind="premises",
        description="Lokal på Storgatan 4",
        value=174_000,
        valuation_basis="120 m² à 1 450 kr",
    )


def test_agreement_without_money_says_so(world):
    text = pdf_text(agreement_pdf(world.agreement.pk))
    assert "Överenskommelsen har ingen ekonomisk ersättning." in text


def test_agreement_pdf_prints_the_value_of_in_kind_contributions_and_the_schedule(world):
    _premises(world)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    CompensationFactory(
        party=idea,
        base_amount=100_000,
        base_year=2024,
        fixed=True,
        index_series=None,
        first_index_year=None,
        payment_schedule=PaymentSchedule.QUARTERLY,
    )
    text = pdf_text(agreement_pdf(world.agreement.pk))
    assert "Värde av insats" in text
    assert "Lokaler utan hyra: Lokal på Storgatan 4" in text
    assert "174 000 kr" in text
    assert "betalas ut kvartalsvis, i januari, april, juli och oktober" in text


def test_agreement_pdf_with_in_kind_only_says_there_is_no_money(world):
    _premises(world)
    text = pdf_text(agreement_pdf(world.agreement.pk))
    assert "Överenskommelsen har ingen ekonomisk ersättning." in text
    assert "174 000 kr" in text


def test_followup_report_and_annual_report_print_the_value_of_in_kind(world):
    _premises(world, year=2026)
    round_ = RoundFactory(
        agreement=world.agreement,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
    )
    text = pdf_text(followup_report_pdf(round_.pk))
    assert "Värde av insats" in text and "174 000 kr" in text
    world.agreement.approved = True
    world.agreement.save()
    text = pdf_text(annual_report_pdf(world.agreement.board_id, 2026))
    assert "Värde av insats 2026" in text and "174 000 kr" in text


def test_a_public_partys_contribution_in_kind_balances_the_agreement_and_the_memo(world):
    """The agreement PDF's balance and the memo count the public side's valued premises of
    the budget year as "Värde av insats" (Diff 0 kr), as the economy tab does."""
    from documents.models import MemoKind
    from documents.services import memo_create
    from finance.models import PartyBudget
    from tests.documents.conftest import memo_pdf

    _premises(world, year=2025)
    idea = world.agreement.parties.get(role=Sector.IDEA_BASED)
    budget = PartyBudget.objects.create(
        agreement=world.agreement, party=idea, year=2025, own_contribution=26_000
    )
    budget.lines.create(category="premises", label="Lokaler", amount=200_000)
    text = pdf_text(agreement_pdf(world.agreement.pk))
    assert "Totalkostnad IOP-verksamheter 200 000 kr" in text
    assert "Verksamheternas egen finansiering 26 000 kr" in text
    assert "Värde av insats 174 000 kr Diff 0 kr" in text
    assert "går inte ihop" not in text
    memo = memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    assert "insatser som inte betalas ut till ett värde av 174 000 kr" in " ".join(
        memo.economic_consequences.split()
    )
    text = pdf_text(memo_pdf(memo.pk))
    assert "Värde av insats 174 000 kr" in text
    assert "Lokaler utan hyra: Lokal på Storgatan 4" in text
