"""Every board document of the demo region's amended agreement (issue 14) lists the
amendment (what it changed, the decision date, the board by its name then, the paragraph)
and prints the amended amounts; read back from the PDF with pypdf. The renewal memo says
what the agreement is as amended and continues from the amended yearly level."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command

from documents.models import Memo, MemoKind
from documents.services import memo_create
from followups.models import FollowUpRound
from partnerships.models import Agreement, Board, User
from tests.documents.conftest import (
    agreement_pdf,
    annual_report_pdf,
    followup_report_pdf,
    memo_pdf,
    pdf_text,
)

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)
AMENDMENT = "Skolprogram för länets mellanstadier"
# The board's name on the decision day, the paragraph and what the amendment changed.
DECISION = "2026-03-12 Kultur- och bildningsnämnden, § 23"
CHANGE = "Ny årsnivå 240 000 kr från och med 2026-07-01 till Hembygdsföreningen Gamla Norrby"
# 2026 split by whole months: 6/12 of 206 200 kr (LPIK 2026) + 6/12 of 240 000 kr.
SPLIT = (
    "2026-01-01–2026-06-30: 6 av 12 månader av 206 200 kr = 103 100 kr",
    "2026-07-01–2026-12-31: 6 av 12 månader av 240 000 kr = 120 000 kr",
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(NOW, tick=False):
        yield


def _text(data: bytes) -> str:
    # Table cells wrap: read the text as one line.
    return re.sub(r"\s+", " ", pdf_text(data))


@pytest.fixture
def region():
    call_command("seed_demo", verbosity=0)
    return Agreement.objects.get(title="Levande kulturarv i Exempellän")


def _memo(agreement: Agreement, kind: MemoKind) -> Memo:
    user = User.objects.get(username="region")
    return memo_create(user=user, agreement=agreement, kind=kind, today=NOW.date())


def _assert_amendment_listed(text: str) -> None:
    assert "Ändringar i datumordning" in text
    assert AMENDMENT in text
    assert DECISION in text
    assert "Dnr KBN 2026-0031" in text
    assert CHANGE in text
    assert "1 mål läggs till" in text


def test_the_agreement_pdf_lists_the_amendment_and_the_amended_amounts(region):
    text = _text(agreement_pdf(region.pk))
    _assert_amendment_listed(text)
    assert "Ersättning efter ändringar under perioden" in text
    assert "223 100 kr" in text and all(part in text for part in SPLIT)
    assert "tillagt genom ändring 2026-03-12 § 23" in text


def test_the_memo_for_a_new_iop_lists_the_amendment_and_the_amended_amounts(region):
    text = _text(memo_pdf(_memo(region, MemoKind.NEW).pk))
    assert "Ändringar under perioden" in text
    _assert_amendment_listed(text)
    assert "Ersättning efter ändringar under perioden" in text
    assert "223 100 kr" in text and all(part in text for part in SPLIT)
    assert "Överenskommelsen efter ändringarna" not in text  # a renewal's words only


def test_the_renewal_memo_says_what_the_agreement_is_as_amended(region):
    memo = _memo(region, MemoKind.RENEWAL)
    # The prefilled matter: the amendment, the end on 30 June (no "årsskiftet"), and the
    # continuation of the agreement as amended.
    assert "Överenskommelsen har ändrats under perioden (ändring 2026-03-12 § 23)." in (memo.matter)
    assert "Den 2028-06-30 löper nuvarande överenskommelse ut." in memo.matter
    assert "Vid årsskiftet" not in memo.matter
    assert "som överenskommelsen har efter ändringarna" in memo.matter
    memo.municipal_goals = "Regionens kulturplan."
    memo.save()
    text = _text(memo_pdf(memo.pk))
    _assert_amendment_listed(text)
    assert "Regionala mål Regionens kulturplan." in text and "Kommunala mål" not in text
    assert "Överenskommelsen efter ändringarna" in text
    assert (
        "Ersättningen till Hembygdsföreningen Gamla Norrby är 240 000 kr per år från och med "
        "2026-07-01 (ändring 2026-03-12 § 23)." in text
    )
    assert "Målet ”Alla mellanstadieklasser i länet erbjuds ett besök på gården.” har" in text
    # The continuation is at the amended yearly level, as the renewal continues it
    # (finance.renewal.current_level), not at the year's split amount.
    assert "Hembygdsföreningen Gamla Norrby med 240 000 kr (2026 års nivå)" in text
    assert "Ersättning 2026 års nivå, Hembygdsföreningen Gamla Norrby 240 000 kr" in text


def test_the_follow_up_report_lists_the_amendments_of_its_period(region):
    round_ = FollowUpRound.objects.get(agreement=region)  # 2025-07-01 – 2026-06-30
    text = _text(followup_report_pdf(round_.pk))
    assert "Ändringar under perioden" in text
    _assert_amendment_listed(text)
    # An amendment after the round's period is not in its report.
    round_.period_end = dt.date(2026, 3, 11)
    round_.save(update_fields=["period_end"])
    text = _text(followup_report_pdf(round_.pk))
    assert AMENDMENT not in text and "Ändringar under perioden" not in text


def test_the_annual_report_lists_the_amendments_and_the_amended_amount(region):
    board = Board.objects.get(name="Kultur- och bildningsnämnden")
    text = _text(annual_report_pdf(board.pk, 2026))
    assert "Ändringar av överenskommelsen" in text
    _assert_amendment_listed(text)
    assert "223 100 kr" in text
    assert "Genom ändring: " + "; ".join(SPLIT) in text
    # The 2025 report: the amendment was not decided yet.
    text = _text(annual_report_pdf(board.pk, 2025))
    assert AMENDMENT not in text and "Genom ändring" not in text


def test_a_board_renamed_after_the_amendment_is_named_as_it_was_then(region):
    board = Board.objects.get(name="Kultur- och bildningsnämnden")
    board.name = "Kulturnämnden"
    board.save()
    text = _text(memo_pdf(_memo(region, MemoKind.RENEWAL).pk))
    assert "Kulturnämnden (hette då Kultur- och bildningsnämnden), § 23" in text
