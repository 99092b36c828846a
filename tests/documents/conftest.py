"""Fixtures of the documents tests: a seed-like agreement (seeds/003) and PDF helpers."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from documents import kinds
from tests.factories import ResponsibilityFactory, SignatoryFactory


@pytest.fixture
def seed_economy(world):
    """The economy of seeds/003 recorded for real on ``world.agreement`` (a second
    idea-based party, compensations at 2023 level, the 2024 budgets): what the agreement
    prints comes from the finance data, as in production."""
    from finance.models import BudgetLine, Compensation, IndexRule, IndexSeries, PartyBudget
    from partnerships.models import Party, Sector
    from tests.factories import OrganisationFactory

    agreement = world.agreement
    pingst = OrganisationFactory(name="Pingstförsamlingen")
    Party.objects.create(agreement=agreement, organisation=pingst, role=Sector.IDEA_BASED)
    opi, _ = IndexSeries.objects.get_or_create(name="OPI")
    rows = {
        world.association: (339_690, 195_310, [205_000, 160_000, 170_000]),
        pingst: (452_948, 1_767_052, [1_190_000, 700_000, 330_000]),
    }
    for organisation, (amount, own, costs) in rows.items():
        party = agreement.parties.get(organisation=organisation)
        Compensation.objects.create(
            agreement=agreement,
            party=party,
            base_amount=amount,
            base_year=2023,
            first_index_year=2024,
            index_series=opi,
            index_rule=IndexRule.PRELIMINARY_FIRST,
            payment_month=1,
        )
        budget = PartyBudget.objects.create(
            agreement=agreement,
            party=party,
            year=2024,
            own_contribution=own,
            municipal_financing=amount,
        )
        for category, label, cost in zip(
            ("staff", "volunteers", "premises"),
            ("Anställda", "Volontärer", "Lokaler"),
            costs,
            strict=True,
        ):
            BudgetLine.objects.create(budget=budget, category=category, label=label, amount=cost)
    return agreement


def agreement_pdf(agreement_id: int) -> bytes:
    """The agreement as the preview prints it (the views' path without the cache)."""
    return kinds.render_snapshot(kinds.agreement_snapshot(agreement_id))


def memo_pdf(memo_id: int) -> bytes:
    return kinds.render_snapshot(kinds.memo_snapshot(memo_id))


def followup_report_pdf(round_id: int) -> bytes:
    return kinds.render_snapshot(kinds.followup_report_snapshot(round_id))


def annual_report_pdf(board_id: int, year: int) -> bytes:
    return kinds.render_snapshot(kinds.annual_report_snapshot(board_id, year))


@pytest.fixture
def full_agreement(world):
    """``world.agreement`` filled like seeds/003: sections, responsibilities, signatories."""
    agreement = world.agreement
    agreement.starting_points = (
        "Överenskommelsen utgår från politiska beslut som:\n"
        "● Överenskommelse om samverkan mellan Linköpings kommun och idéburen sektor\n"
        "● Kommunfullmäktiges budget samt kommunala mål och inriktningsdokument"
    )
    agreement.shared_values = (
        "Partnerskapet ska bygga på respekt inför varandras olika förutsättningar."
    )
    agreement.actors = "Offentlig sektor: social- och omsorgsnämnden – Linköpings kommun."
    agreement.challenge_and_purpose = (
        "Ambitionen är att alla linköpingsbor ska ges förutsättningar."
    )
    agreement.goals_introduction = (
        "Parterna vill nå ut till målgrupper som saknar sociala sammanhang."
    )
    agreement.joint_responsibilities = (
        "- Parterna ska tillsammans identifiera behov hos målgruppen.\n"
        "- Parterna ska verka för att upprätthålla ett gott samarbete."
    )
    agreement.follow_up_terms = (
        "Avstämning och uppföljning av denna överenskommelse sker minst en (1) gång per år."
    )
    agreement.repayment_clause = (
        "Parterna har möjlighet att kräva återbetalning om medel inte används för avsett ändamål."
    )
    agreement.changes_clause = "Förändringar i överenskommelsen ska ske i dialog mellan parterna."
    agreement.save()
    for party in agreement.parties.all():
        ResponsibilityFactory(party=party, position=1, text=f"Ansvar för {party.organisation.name}")
        SignatoryFactory(
            party=party,
            name=f"Firmatecknare för {party.organisation.name}",
            place="Linköping",
            signed_on=dt.date(2023, 12, 15),
        )
    return agreement


def pdf_text(data: bytes) -> str:
    """All text of a PDF, whitespace collapsed (non-breaking spaces become spaces)."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))
