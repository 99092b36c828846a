"""The agreement PDF prints the agreement as amended and the list of amendments (issue 14),
read back with pypdf."""

import datetime as dt
import re

import pytest

from finance import services
from finance.models import Compensation
from tests.documents.conftest import agreement_pdf, pdf_text

pytestmark = pytest.mark.django_db


def test_the_agreement_pdf_shows_the_amended_amount_and_the_amendments(world):
    agreement = world.agreement
    party = agreement.parties.get(organisation=world.association)
    compensation = Compensation.objects.create(
        agreement=agreement, party=party, base_amount=730_000, base_year=2024, fixed=True
    )
    services.amendment_record(
        agreement=agreement,
        user=world.admin,
        changes={
            compensation: services.AmountChangeInput(
                kind="new_level", effective_from=dt.date(2025, 7, 1), amount=800_000
            )
        },
        decided_on=dt.date(2025, 5, 12),
        board=agreement.board,
        paragraph="§ 87",
        registry_number="SOCN 2025-0042",
        title="Tilläggsbeslut om utökat uppdrag",
        description="",
        new_period_end=dt.date(2027, 12, 31),
        party=None,
        party_change="",
        party_change_on=None,
        goals=["Fler besökare i Ryd"],
        responsibilities=[(party, "Öppna en träffpunkt i Ryd")],
    )
    # Table cells wrap: read the text as one line.
    text = re.sub(r"\s+", " ", pdf_text(agreement_pdf(agreement.pk)))
    assert "Ändringar under perioden" in text
    assert "Tilläggsbeslut om utökat uppdrag" in text
    assert "§ 87" in text
    assert "Ny årsnivå 800 000 kr från och med 2025-07-01 till IOGT-NTO Kamratstödet" in text
    assert "Perioden förlängs till och med 2027-12-31 (tidigare 2026-12-31)" in text
    # The agreement as amended: its period, the goal and responsibility added, the amount.
    assert "(förlängd genom ändring 2025-05-12, tidigare 2026-12-31)" in text
    assert "Fler besökare i Ryd (tillagt genom ändring 2025-05-12 § 87)" in text
    assert "Öppna en träffpunkt i Ryd (tillagt genom ändring 2025-05-12 § 87)" in text
    assert "Ersättning efter ändringar under perioden" in text
    assert "765 288 kr" in text
    assert "184 av 365 dagar av 800 000 kr = 403 288 kr" in text
