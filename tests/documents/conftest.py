"""Fixtures of the documents tests: a seed-like agreement (seeds/003) and PDF helpers."""

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from documents import providers
from tests.factories import ResponsibilityFactory, SignatoryFactory

SEED_ECONOMY = {
    "level_text": "Linköpings kommun ersätter årligen enligt 2023 årsnivå",
    "compensation": [
        {"name": "Pingstförsamlingen", "amount": 452948},
        {"name": "IOGT-NTO", "amount": 339690},
    ],
    "compensation_total": 792638,
    "terms_text": "Uppräkning sker årligen enligt OPI. Ersättningen utbetalas i januari "
    "månad en (1) gång per år.",
    "party_costs": [
        {
            "name": "IOGT-NTO",
            "rows": [
                {"label": "Anställda", "amount": 205000},
                {"label": "Volontärer/personal", "amount": 160000},
                {"label": "Lokalkostnader mm", "amount": 170000},
            ],
            "total": 535000,
        },
        {
            "name": "Pingstförsamlingen",
            "rows": [
                {"label": "Anställda", "amount": 1190000},
                {"label": "Volontärer", "amount": 700000},
                {"label": "Lokaler", "amount": 330000},
            ],
            "total": 2220000,
        },
    ],
    "total_cost": 2755000,
    "municipal_financing": 792638,
    "own_financing": 1962362,
    "diff": 0,
    "warnings": [],
}


@pytest.fixture(autouse=True)
def _clean_providers():
    """Each test starts without providers (a fake or the real ones are added by fixtures);
    the app's own registrations are put back afterwards."""
    state = providers.registered()
    providers.unregister_all()
    yield
    providers.restore(state)


@pytest.fixture
def finance_providers():
    """The real providers of ``finance.documents_data`` (as ``DocumentsConfig.ready``)."""
    from finance.documents_data import agreement_economy, memo_economy

    providers.register_agreement_economy(agreement_economy)
    providers.register_memo_economy(memo_economy)


@pytest.fixture
def seed_economy():
    def provider(agreement):
        return SEED_ECONOMY

    providers.register_agreement_economy(provider)
    return SEED_ECONOMY


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
