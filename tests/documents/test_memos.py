"""Memos: prefilled from the agreement, edited by administrators, printed like seeds 002/004."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents import services
from documents.models import Memo, MemoKind
from documents.texts import MBL_HEADING
from tests.documents.conftest import memo_pdf, pdf_text


def _edit_url(agreement, slug="ny"):
    return reverse("documents:memo_edit", args=[agreement.pk, slug])


def test_new_memo_is_prefilled_from_the_agreement(world):
    memo = services.memo_create(
        user=world.admin, agreement=world.agreement, kind=MemoKind.NEW, today=dt.date(2026, 11, 20)
    )
    assert memo.proposal_lines[0] == (
        "Överenskommelse om Idéburet Offentligt Partnerskap med IOGT-NTO Kamratstödet "
        "godkänns enligt social- och omsorgsförvaltningens förslag."
    )
    assert memo.proposal_lines[1] == (
        "Social- och omsorgsdirektören ges i uppdrag att teckna överenskommelsen."
    )
    assert memo.registry_number == world.agreement.registry_number
    assert memo.memo_date == dt.date(2026, 11, 20)
    assert memo.office == "Social- och omsorgsförvaltningen"
    assert "Nå människor i socialt utanförskap" in memo.target_group_and_goals


def test_renewal_memo_has_the_four_standard_proposals(world):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.RENEWAL)
    assert memo.proposal_lines == [
        "Uppföljningen godkänns.",
        "Nuvarande överenskommelse/IOP förnyas och gäller tre år till och med 2029-12-31.",
        "Social- och omsorgsdirektören ges i uppdrag att teckna överenskommelsen.",
        "En rapport för utgången av överenskommelsen delges nämnden årligen med start under "
        "första kvartalet 2027.",
    ]
    assert "Vid årsskiftet 2026/27" in memo.matter


def test_only_one_memo_per_kind_and_only_administrators_create(world):
    services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    with pytest.raises(Exception):  # noqa: B017 - ValidationError
        services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    with pytest.raises(PermissionDenied):
        services.memo_create(
            user=world.board_staff, agreement=world.agreement, kind=MemoKind.RENEWAL
        )


def test_new_memo_pdf_reads_like_seed_002(world):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    text = pdf_text(memo_pdf(memo.pk))
    assert "Förslag till social- och omsorgsnämndens beslut" in text
    assert "1. Överenskommelse om Idéburet Offentligt Partnerskap" in text
    assert "2. Social- och omsorgsdirektören ges i uppdrag" in text
    assert "Ärende" in text and "Beslutsunderlag" in text
    assert MBL_HEADING.split(" om ")[0] in text
    assert "MBL är inte påkallat" in text
    assert "Ekonomiska konsekvenser" not in text  # no provider, no text
    assert world.agreement.registry_number in text
    assert "Sida 1 (" in text


def test_memo_pdf_has_economic_consequences_from_the_finance_data(world, seed_economy):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.RENEWAL)
    text = pdf_text(memo_pdf(memo.pk))
    assert "Ekonomiska konsekvenser" in text
    assert "Total kostnad per år 2 755 000 kr" in text
    assert "Ersättning 2023 års nivå, Pingstförsamlingen 452 948 kr" in text
    assert "1. Uppföljningen godkänns." in text


def _form_data(memo, **changes):
    data = {
        "title": memo.title,
        "registry_number": memo.registry_number,
        "memo_date": "2026-11-20",
        "signing_official": "Linda Ljungqvist",
        "office": "Omsorgskontoret",
        "proposed_decisions": memo.proposed_decisions,
        "matter": memo.matter,
        "decision_basis": memo.decision_basis,
        "background": "",
        "target_group_and_goals": "",
        "economic_consequences": "",
        "municipal_goals": "",
        "follow_up_and_evaluation": "",
        "version": memo.version,
    }
    data.update(changes)
    return data


def test_administrator_creates_and_edits_a_memo_in_the_browser(world, client_for):
    client = client_for(world.admin)
    create = reverse("documents:memo_create", args=[world.agreement.pk, "ny"])
    assert client.post(create).status_code == 302
    memo = Memo.objects.get(agreement=world.agreement, kind=MemoKind.NEW)
    page = client.get(_edit_url(world.agreement))
    assert page.status_code == 200 and "Förslag till beslut" in page.content.decode()
    response = client.post(
        _edit_url(world.agreement),
        _form_data(memo, proposed_decisions="1. Första förslaget\n\n2. Andra förslaget"),
    )
    assert response.status_code == 302
    memo.refresh_from_db()
    assert memo.proposal_lines == ["Första förslaget", "Andra förslaget"]
    assert memo.signing_official == "Linda Ljungqvist"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"proposed_decisions": "  \n "}, "proposed_decisions"),
        (
            {"proposed_decisions": "\n".join(f"Förslag {i}" for i in range(13))},
            "proposed_decisions",
        ),
        ({"matter": " "}, "matter"),
        ({"memo_date": "2026-13-40"}, "memo_date"),
        ({"signing_official": ""}, "signing_official"),
    ],
)
def test_memo_edit_validates_and_saves_nothing(world, client_for, changes, field):
    client = client_for(world.admin)
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    before = memo.proposed_decisions
    response = client.post(_edit_url(world.agreement), _form_data(memo, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    memo.refresh_from_db()
    assert memo.proposed_decisions == before


def test_memo_views_scopes(world, client_for):
    services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    preview = reverse("documents:memo_preview", args=[world.agreement.pk, "ny"])
    issue = reverse("documents:memo_issue", args=[world.agreement.pk, "ny"])
    # board staff read and issue but do not edit
    assert client_for(world.board_staff).get(_edit_url(world.agreement)).status_code == 403
    assert client_for(world.board_staff).get(preview).status_code == 200
    # a partner of the agreement sees neither memos nor issue buttons
    assert client_for(world.partner).get(preview).status_code == 403
    assert client_for(world.partner).post(issue).status_code == 403
    assert client_for(world.partner).get(_edit_url(world.agreement)).status_code == 403
    # outsiders: 404
    assert client_for(world.outsider_admin).get(preview).status_code == 404
    assert client_for(world.outsider_admin).get(_edit_url(world.agreement)).status_code == 404
    # unknown memo kind: 404
    bad = reverse("documents:memo_edit", args=[world.agreement.pk, "okand"])
    assert client_for(world.admin).get(bad).status_code == 404
    assert client_for(world.admin).post(issue).status_code == 302
