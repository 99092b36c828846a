"""The memo for a new IOP takes its background, criteria and legal assessment from the
initiative the agreement was made from (read back from the PDF)."""

import datetime as dt

import pytest
from django.urls import reverse

from documents.models import Memo, MemoKind
from initiatives.models import Initiative
from tests.documents.conftest import memo_pdf, pdf_text

from .factories import InitiativeFactory
from .test_flow import _assessment_post

pytestmark = pytest.mark.django_db


def _memo(agreement, user, kind=MemoKind.NEW) -> Memo:
    return Memo.objects.create(
        agreement=agreement,
        kind=kind,
        title="Tjänsteskrivelse om läxhjälp",
        memo_date=dt.date(2026, 12, 1),
        proposed_decisions="Att godkänna överenskommelsen.",
        matter="Ärendet.",
        signing_official="Handläggare",
        office="Omsorgskontoret",
        created_by=user,
    )


def test_memo_for_a_new_iop_prints_the_initiative_and_its_assessment(world, client_for):
    initiative = InitiativeFactory(
        organisation=world.association,
        public_body=world.municipality,
        kammarkollegiet_checked_on=dt.date(2026, 11, 20),
    )
    client = client_for(world.admin)
    post = _assessment_post(no_market_reason="Ingen leverantör erbjuder detta på marknaden.")
    assert (
        client.post(reverse("initiatives:assessment", args=[initiative.pk]), post).status_code
        == 302
    )
    client.post(
        reverse("initiatives:agreement", args=[initiative.pk]),
        {"period_start": "2027-01-01", "period_end": "2029-12-31", "version": "1"},
    )
    agreement = Initiative.objects.get().agreement
    assert agreement is not None
    text = " ".join(pdf_text(memo_pdf(_memo(agreement, world.admin).pk)).split())
    assert "Bakgrund: initiativet" in text
    assert "Många barn saknar stöd med skolarbetet." in text
    assert "kontrollerat 2026-11-20" in text
    assert "Bedömning enligt IOP-kriterierna" in text
    assert "Ingen leverantör erbjuder detta på marknaden." in text
    assert "Rättslig bedömning" in text
    assert "Inget ömsesidigt bindande avtal mot ersättning." in text
    assert "89011.53 euro till kursen 11.2345" in text
    assert "Kommunjurist Eva Ek (Jurist)" in text


def test_memo_of_an_agreement_without_initiative_has_no_such_sections(world):
    text = pdf_text(memo_pdf(_memo(world.agreement, world.admin).pk))
    assert "Bakgrund: initiativet" not in text
    assert "Rättslig bedömning" not in text
