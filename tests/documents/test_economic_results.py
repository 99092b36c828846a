"""The parties' economic results in the follow-up report and the annual report (demo data),
read back from the PDFs with pypdf; drafts are never printed."""

import time_machine

from documents import kinds
from finance.models import EconomicReport, EconomicReportLine, EconomicReportStatus
from followups.models import FollowUpRound
from partnerships.models import Party
from tests.documents.test_board_documents import NOW, demo, followup_report_pdf, pdf_text

__all__ = ["demo"]


def _report(agreement, name: str, year: int, *, submitted: bool = True) -> EconomicReport:
    party = Party.objects.get(agreement=agreement, organisation__name=name)
    report = EconomicReport.objects.create(
        agreement=agreement,
        party=party,
        year=year,
        own_financing=195_310,
        status=EconomicReportStatus.SUBMITTED if submitted else EconomicReportStatus.DRAFT,
    )
    for category, actual in (("staff", 210_000), ("volunteers", 150_000), ("premises", 170_000)):
        EconomicReportLine.objects.create(report=report, category=category, actual=actual)
    return report


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u2212", "-")


def test_annual_report_prints_each_partys_budget_actual_and_deviation(demo):
    agreement = demo.agreements["2024"]
    _report(agreement, "IOGT-NTO Kamratstödet", 2024)
    _report(agreement, "Pingstkyrkan Linköping", 2024, submitted=False)
    with time_machine.travel(NOW, tick=False):
        snapshot = kinds.annual_report_snapshot(agreement.board.pk, 2024)
        text = _flat(pdf_text(kinds.render_snapshot(snapshot)))
    (row,) = snapshot["agreements"][0]["economic"]
    assert (row["organisation"], row["budget"], row["actual"], row["deviation"]) == (
        "IOGT-NTO Kamratstödet",
        535_000,
        530_000,
        -5_000,
    )
    assert "Ekonomiskt resultat 2024" in text
    assert "535 000 kr 530 000 kr -5 000 kr (-0,9 %)" in text
    # Received 339 690 (the decided level paid in January), used 334 690, 5 000 left.
    assert f"{row['received']:,}".replace(",", " ") + " kr" in text
    assert row["remainder"] == row["received"] - row["used"]
    # Pingstkyrkan's report is a draft: not printed.
    assert "Pingstkyrkan Linköping 2024" not in text


def test_followup_report_prints_the_economic_result_of_its_period(demo):
    agreement = demo.agreements["2024"]
    round = FollowUpRound.objects.filter(agreement=agreement).order_by("period_start").first()
    _report(agreement, "IOGT-NTO Kamratstödet", round.period_start.year)
    snapshot = kinds.followup_report_snapshot(round.pk)
    (row,) = snapshot["economic"]
    # The round's year may have no budget registered in the demo: the deviation is then the
    # whole actual, and still printed.
    assert row["actual"] == 530_000 and row["deviation"] == 530_000 - row["budget"]
    text = _flat(pdf_text(followup_report_pdf(round.pk)))
    assert "Ekonomiskt resultat" in text
    assert "530 000 kr" in text and "IOGT-NTO Kamratstödet" in text


def test_report_without_economic_reports_has_no_economic_section(demo):
    round = FollowUpRound.objects.get(agreement=demo.agreements["2018"])
    assert "Ekonomiskt resultat" not in pdf_text(followup_report_pdf(round.pk))
