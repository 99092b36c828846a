"""The board documents from the demo data (the Linköping case): economy in the agreement
and memos, the follow-up report, the annual report; each PDF read back with pypdf."""

import datetime as dt
import re

import pytest
import time_machine

import finance.demo
import followups.demo
from documents import kinds, services
from documents.annual import coming_year_items
from documents.models import DocumentKind, IssuedDocument, MemoKind
from finance.documents_data import agreement_economy, memo_economy
from finance.models import BudgetLine
from followups.documents_data import followup_report_data
from followups.models import FollowUpRound, Note, ReportStatus
from partnerships import demo as partnerships_demo
from partnerships.services import agreement_start_renewal
from tests.documents.conftest import (
    agreement_pdf,
    annual_report_pdf,
    followup_report_pdf,
    memo_pdf,
    pdf_reader,
)
from tests.documents.conftest import pdf_text as _pdf_text

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo(db):
    """The demo seed (what ``manage.py seed_demo`` loads), with the clock at 2026-11-20."""
    with time_machine.travel(NOW, tick=False):
        case = partnerships_demo.seed()
        finance.demo.seed(case)
        followups.demo.seed(case)
        yield case


def pdf_text(data: bytes) -> str:
    """The PDF's text on one line (line breaks inside sentences do not matter here)."""
    return re.sub(r"\s+", " ", _pdf_text(data))


def _assert_pdfa(data: bytes) -> None:
    reader = pdf_reader(data)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)2', xmp)
    assert re.search(r'pdfaid:conformance(="|>)U', xmp)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root


# --- the agreement with its economy (seeds/003) ------------------------------------------


def test_demo_agreement_pdf_shows_the_economy_parties_and_period(demo):
    agreement = demo.agreements["2024"]
    data = agreement_pdf(agreement.pk)
    text = pdf_text(data)
    for expected in (
        "Linköpings kommun ersätter årligen enligt 2023 årsnivå",
        "Pingstkyrkan Linköping 452 948 kr",
        "IOGT-NTO Kamratstödet 339 690 kr",
        "Total ersättning IOP 792 638 kr",
        "Uppräkning sker årligen enligt OPI. Ersättningen utbetalas i januari månad en (1) "
        "gång per år.",
        "Anställda 205 000 kr",
        "Anställda 1 190 000 kr",
        "Summa kostnader 535 000 kr",
        "Summa kostnader 2 220 000 kr",
        "Totalkostnad IOP-verksamheter 2 755 000 kr",
        "Finansiering från Linköpings kommun 792 638 kr",
        "Verksamheternas egen finansiering 1 962 362 kr",
        "Diff 0 kr",
        "org. nr 212000-0449",
        "org. nr 802506-5742",
        "org. nr 822000-3811",
        "från och med 2024-01-01 till och med 2026-12-31",
        "Sida 1 (",
    ):
        assert expected in text, expected
    assert "Observera" not in text  # the demo budget balances
    _assert_pdfa(data)


def test_agreement_economy_is_plain_data_that_balances(demo):
    economy = agreement_economy(demo.agreements["2024"])
    assert economy["compensation_total"] == 792_638
    assert [row["amount"] for row in economy["compensation"]] == [339_690, 452_948]
    assert economy["total_cost"] == 2_755_000
    assert economy["municipal_financing"] == 792_638
    assert economy["own_financing"] == 1_962_362
    assert economy["diff"] == 0
    assert economy["warnings"] == []


def test_a_budget_that_does_not_balance_is_a_printed_warning(demo):
    agreement = demo.agreements["2024"]
    line = BudgetLine.objects.get(budget__agreement=agreement, amount=205_000)
    line.amount = 205_021
    line.save()
    economy = agreement_economy(agreement)
    assert economy["diff"] == 21
    text = pdf_text(agreement_pdf(agreement.pk))
    assert "Diff 21 kr" in text
    assert "Observera: Budgeten 2024 går inte ihop" in text


def test_agreement_without_money_has_no_economy(world):
    assert agreement_economy(world.agreement) is None
    assert memo_economy(world.agreement, "new") is None


# --- memos ---------------------------------------------------------------------------------


def test_new_memo_is_prefilled_with_the_economy_from_finance(demo):
    agreement = demo.agreements["2024"]
    admin = demo.users["handlaggare"]
    memo = services.memo_create(user=admin, agreement=agreement, kind=MemoKind.NEW)
    prefilled = re.sub(r"\s+", " ", memo.economic_consequences)
    assert "Överenskommelsens ekonomiska omfattning är 2 755 000 kr per år" in prefilled
    assert "Pingstkyrkan Linköping med 452 948 kr" in prefilled
    assert "IOGT-NTO Kamratstödet med 339 690 kr" in prefilled
    assert "totalt 792 638 kr" in prefilled
    assert "Uppräkning sker årligen enligt OPI" in prefilled
    text = pdf_text(memo_pdf(memo.pk))
    assert "Ekonomiska konsekvenser" in text
    assert "Total kostnad per år 2 755 000 kr" in text
    assert "Egen finansiering, Pingstkyrkan Linköping 1 767 052 kr" in text
    assert "Total ersättning IOP 792 638 kr" in text
    # the memo's own text is printed once, not again from the provider
    assert text.count("ekonomiska omfattning är") == 1


def test_renewal_memo_follows_the_draft_successor_and_warns_of_missing_opi(demo):
    agreement = demo.agreements["2024"]
    with time_machine.travel(NOW, tick=False):
        successor = agreement_start_renewal(agreement=agreement, years=3)
        memo = services.memo_create(
            user=demo.users["handlaggare"], agreement=agreement, kind=MemoKind.RENEWAL
        )
    assert successor.period_end == dt.date(2029, 12, 31)
    assert memo.proposal_lines == [
        "Uppföljningen godkänns.",
        "Nuvarande överenskommelse/IOP förnyas och gäller tre år till och med 2029-12-31.",
        "Social- och omsorgsdirektören ges i uppdrag att teckna överenskommelsen.",
        "En rapport för utgången av överenskommelsen delges nämnden årligen med start under "
        "första kvartalet 2027.",
    ]
    economy = memo_economy(agreement, "renewal")
    assert any("OPI för 2024 saknas" in warning for warning in economy["warnings"])
    text = pdf_text(memo_pdf(memo.pk))
    assert "1. Uppföljningen godkänns." in text
    assert "till och med 2029-12-31" in text
    assert (
        "Observera: Ersättningen till Pingstkyrkan Linköping kan inte räknas upp för perioden: "
        "OPI för 2024 saknas." in text
    )
    assert "Ersättning 2023 års nivå, Pingstkyrkan Linköping 452 948 kr" in text
    assert "MBL är inte påkallat" in text


# --- the follow-up report (seeds/000, 001) ------------------------------------------------


def test_followup_report_prints_goals_reports_figures_meetings_and_assessment(demo):
    round = FollowUpRound.objects.get(agreement=demo.agreements["2018"])
    data = followup_report_pdf(round.pk)
    text = pdf_text(data)
    for expected in (
        "Uppföljning av IOP",
        "Uppföljningsrapport 2020 (2020-01-01 – 2020-12-31)",
        "Bakgrund",
        "Syfte med överenskommelsen",
        "Uppföljning av överenskommelsen",
        "2020-08-20",  # the meeting held
        "IOGT-NTO Kamratstödet",
        "Sionförsamlingen",
        "Organisationernas siffror",
        "Öppet 5–9 timmar per dag",
        "Unika personer under perioden 90",
        "Bedömning",
        "Samlad bedömning av syfte och mål: Delvis uppnått.",
        "Sida 1 (",
    ):
        assert expected in text, expected
    for goal in demo.agreements["2018"].goals.all():
        assert goal.text.split()[0] in text
    _assert_pdfa(data)


def test_followup_report_never_prints_drafts(demo):
    round = FollowUpRound.objects.get(agreement=demo.agreements["2024"])
    draft = Note.objects.filter(round=round, status=ReportStatus.DRAFT).first()
    assert draft is not None and draft.narrative
    report = followup_report_data(round)
    assert all(not goal["reports"] for goal in report["goals"])
    assert report["figures"] == []
    assert "IOGT-NTO Kamratstödet" in report["missing"]
    text = pdf_text(followup_report_pdf(round.pk))
    assert draft.narrative[:40] not in text
    assert "Observera: inget inlämnat för perioden från" in text


def test_followup_report_data_for_an_agreement_and_a_year(demo):
    report = followup_report_data(demo.agreements["2018"], 2020)
    assert report["round"]["period_label"] == "2020"
    assert report["meetings"] == [
        {"date": "2020-08-20", "title": "Uppföljningsmöte", "place": report["meetings"][0]["place"]}
    ]
    assert report["assessment"]["overall_result_label"] == "Delvis uppnått"
    no_round = followup_report_data(demo.agreements["2018"], 2019)
    assert no_round["round"] is None and no_round["period_start"] == "2019-01-01"


# --- the annual report (seeds/004, point 4) -------------------------------------------------


def test_annual_report_shows_each_agreement_money_followups_and_what_is_due(demo):
    board = demo.agreements["2024"].board
    with time_machine.travel(NOW, tick=False):
        snapshot = kinds.annual_report_snapshot(board.pk, 2024)
        data = kinds.render_snapshot(snapshot)
    text = pdf_text(data)
    assert [a["title"] for a in snapshot["agreements"]] == [demo.agreements["2024"].title]
    for expected in (
        "Årlig rapport om idéburna offentliga partnerskap (IOP) 2024",
        "Social- och omsorgsnämnden",
        "2024-01-01 – 2026-12-31",
        "org. nr 802506-5742",
        "org. nr 822000-3811",
        "Utbetald ersättning under året: 792 638 kr",
        "Observera: OPI för 2024 saknas.",
        "Sida 1 (",
    ):
        assert expected in text, expected
    assert snapshot["totals"]["paid"] == 792_638
    _assert_pdfa(data)

    with time_machine.travel(NOW, tick=False):
        later = kinds.annual_report_snapshot(board.pk, 2026)
    items = {(item["date"], item["text"]) for item in later["coming"]}
    # the last notice date (2026-06-30) has passed on 2026-11-20: nothing left to watch
    assert all(date == "" or date >= "2026-11-20" for date, _ in items)
    assert "Sista dag för skriftlig uppsägning inför periodens slut." not in {
        text for _, text in items
    }
    assert (
        "2026-12-31",
        "Perioden slutar. Beslut om förnyelse eller avslut behövs.",
    ) in items


def test_annual_report_of_the_2018_board_has_the_assessment(demo):
    board = demo.agreements["2018"].board
    text = pdf_text(annual_report_pdf(board.pk, 2020))
    assert "Senaste bedömning (2020): Delvis uppnått." in text
    assert "Genomförda uppföljningsmöten 2020: 2020-08-20" in text


def test_coming_year_items_are_sorted_and_name_the_successor():
    rows = [
        {
            "title": "A",
            "period_end": "2026-12-31",
            "effective_end": "2026-12-31",
            "last_notice_date": "2026-06-30",
            "missing_index": ["OPI för 2027 saknas"],
            "followup": {"next_due": "2027-12-31"},
            "successor": {
                "approved": False,
                "period_start": "2027-01-01",
                "period_end": "2029-12-31",
            },
        },
        {
            "title": "B",
            "period_end": "2030-12-31",
            "effective_end": "2030-12-31",
            "last_notice_date": "2030-06-30",
            "missing_index": [],
            "followup": {"next_due": "2027-06-30"},
            "successor": None,
        },
    ]
    items = coming_year_items(rows, 2026)
    assert [(i["date"], i["agreement"]) for i in items] == [
        ("", "A"),
        ("2026-06-30", "A"),
        ("2026-12-31", "A"),
        ("2027-06-30", "B"),
        ("2027-12-31", "A"),
    ]
    assert "utkast (2027-01-01 – 2029-12-31)" in items[2]["text"]


def test_coming_year_items_leave_out_past_deadlines_and_sort_titles_naturally():
    def row(title, end):
        return {
            "title": title,
            "period_end": end,
            "effective_end": end,
            "last_notice_date": "2026-06-30",
            "followup": {},
            "successor": None,
        }

    rows = [row("IOP 10", "2026-12-31"), row("IOP 2", "2026-12-31"), row("IOP 1", "2026-03-31")]
    items = coming_year_items(rows, 2026, today="2026-11-20")
    assert [(i["date"], i["agreement"]) for i in items] == [
        ("2026-12-31", "IOP 2"),
        ("2026-12-31", "IOP 10"),
    ]


def test_issued_followup_report_is_a_versioned_record(demo):
    round = FollowUpRound.objects.get(agreement=demo.agreements["2018"])
    admin = demo.users["handlaggare"]
    first = services.followup_report_issue(user=admin, round=round)
    second = services.followup_report_issue(user=admin, round=round)
    assert (first.kind, first.version, second.version) == (DocumentKind.FOLLOWUP_REPORT, 1, 2)
    assert first.subject_key == f"omgang-{round.pk}"
    assert "Version 1" in pdf_text(bytes(first.content))
    assert IssuedDocument.objects.filter(kind=DocumentKind.FOLLOWUP_REPORT).count() == 2


# --- decided against computed amounts, unsettled index differences ---------------------------


def test_the_agreement_shows_the_decided_level_against_the_computed_one(demo):
    with time_machine.travel(NOW, tick=False):
        economy = agreement_economy(demo.agreements["2024"])
        text = pdf_text(agreement_pdf(demo.agreements["2024"].pk))
    iogt = next(row for row in economy["decided"] if row["name"] == "IOGT-NTO Kamratstödet")
    assert (iogt["year"], iogt["computed"], iogt["decided"], iogt["deviation"]) == (
        2023,
        339_711,
        339_690,
        -21,
    )
    assert "Beslutade belopp jämfört med beräknade" in text
    assert "IOGT-NTO Kamratstödet 2023 339 711 kr 339 690 kr −21 kr" in text
    assert "Total ersättning IOP 792 638 kr" in text  # the demo figures do not move
    assert "Diff 0 kr" in text


def test_the_2021_agreement_lists_its_unsettled_index_differences(demo):
    with time_machine.travel(NOW, tick=False):
        economy = agreement_economy(demo.agreements["2021"])
        text = pdf_text(agreement_pdf(demo.agreements["2021"].pk))
    assert economy["unsettled"], "the demo has index differences that are not settled"
    assert "Observera: indexskillnader som inte är avräknade" in text
    for row in economy["unsettled"]:
        assert f"{row['name']} {row['year']}" in text


def test_the_renewal_memo_and_the_annual_report_show_the_deviation(demo):
    agreement = demo.agreements["2024"]
    with time_machine.travel(NOW, tick=False):
        memo = services.memo_create(
            user=demo.users["handlaggare"], agreement=agreement, kind=MemoKind.RENEWAL
        )
        memo_text = pdf_text(memo_pdf(memo.pk))
        annual_text = pdf_text(annual_report_pdf(agreement.board_id, 2023))
    for text in (memo_text, annual_text):
        assert "Beslutade belopp jämfört med beräknade" in text
        assert "IOGT-NTO Kamratstödet 2023 339 711 kr 339 690 kr −21 kr" in text
    assert "Indexskillnader att avräkna" in annual_text
    assert "Pingstkyrkan Linköping 2023 4 814 kr" in annual_text
