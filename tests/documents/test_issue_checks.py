"""Documents that cannot go out wrong: refused issues, checksums checked on every download
and printed in full, memo edits with the version check."""

import logging

import pytest
from django.db import connection
from django.urls import reverse

from documents import kinds, services
from documents.issuing import issue_problems, placeholders_in
from documents.models import (
    DocumentKind,
    IssuedDocument,
    Memo,
    MemoKind,
    PublicBodySettings,
    data_checksum,
)
from followups.models import FollowUpRound, ReportStatus
from tests.documents.conftest import pdf_text
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = "[Skriv förvaltningens bedömning av uppföljningen.]"


def _issue_url(agreement):
    return reverse("documents:agreement_issue", args=[agreement.pk])


# --- refused issues ----------------------------------------------------------------------


def test_placeholders_are_found_anywhere_in_the_snapshot():
    snapshot = {"kind": "memo_new", "memo": {"matter": f"Text.\n\n{PLACEHOLDER}\n\nMer."}}
    assert placeholders_in(snapshot) == [PLACEHOLDER]
    assert placeholders_in({"a": ["[Ange belopp]", "[1]", "Se [bilaga 2]"]}) == ["[Ange belopp]"]


def test_a_renewal_memo_with_the_placeholder_is_refused_and_nothing_is_issued(world, client_for):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.RENEWAL)
    assert PLACEHOLDER in memo.matter  # the prefilled text asks for the assessment
    issue = reverse("documents:memo_issue", args=[world.agreement.pk, "forlangning"])
    response = client_for(world.admin).post(issue)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dokumentet är inte utfärdat." in page
    assert "innehåller text som ska ersättas innan det utfärdas" in page
    assert "Skriv förvaltningens bedömning av uppföljningen." in page
    assert not IssuedDocument.objects.exists()

    Memo.objects.filter(pk=memo.pk).update(
        matter=memo.matter.replace(PLACEHOLDER, "Förvaltningen bedömer att målen nås.")
    )
    assert client_for(world.admin).post(issue).status_code == 302
    document = IssuedDocument.objects.get()
    assert document.kind == DocumentKind.MEMO_RENEWAL
    assert "Förvaltningen bedömer att målen nås." in pdf_text(bytes(document.content))


def test_an_agreement_without_registry_number_is_refused_by_default(world, client_for):
    world.agreement.registry_number = ""
    world.agreement.save()
    response = client_for(world.admin).post(_issue_url(world.agreement))
    assert response.status_code == 400
    assert "Diarienummer saknas." in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_a_public_body_that_does_not_require_registry_numbers_may_issue_without(world, client_for):
    world.agreement.registry_number = ""
    world.agreement.save()
    PublicBodySettings.objects.create(
        organisation=world.municipality, require_registry_number=False
    )
    assert client_for(world.admin).post(_issue_url(world.agreement)).status_code == 302
    assert IssuedDocument.objects.get().kind == DocumentKind.AGREEMENT


def test_the_registry_number_rule_is_per_body_not_global(world):
    PublicBodySettings.objects.create(
        organisation=world.other_municipality, require_registry_number=False
    )
    world.agreement.registry_number = ""
    world.agreement.save()
    with pytest.raises(Exception, match="Diarienummer saknas"):
        services.agreement_issue(user=world.admin, agreement=world.agreement)


def _round(world):
    return FollowUpRound.objects.create(
        agreement=world.agreement,
        period_start=world.agreement.period_start,
        period_end=world.agreement.period_start.replace(month=12, day=31),
        due_date=world.agreement.period_start.replace(year=world.agreement.period_start.year + 1),
    )


def test_a_followup_report_of_a_round_where_nothing_was_submitted_is_refused(world, client_for):
    from followups.models import Note

    goal = GoalFactory(agreement=world.agreement)
    round = _round(world)
    url = reverse("documents:followup_report_issue", args=[world.agreement.pk, round.pk])
    Note.objects.create(
        round=round, goal=goal, organisation=world.association, narrative="Utkast."
    )  # a draft is not a submission
    response = client_for(world.admin).post(url)
    assert response.status_code == 400
    assert "ingen part har lämnat in något för omgången" in response.content.decode()
    assert not IssuedDocument.objects.exists()

    Note.objects.filter(round=round).update(status=ReportStatus.SUBMITTED)
    assert client_for(world.admin).post(url).status_code == 302
    assert IssuedDocument.objects.get().kind == DocumentKind.FOLLOWUP_REPORT


def test_issue_problems_list_every_reason_at_once(world):
    world.agreement.registry_number = ""
    world.agreement.save()
    snapshot = kinds.agreement_snapshot(world.agreement.pk)
    snapshot["agreement"]["sections"]["background"]["text"] = "[Ange bakgrund]"
    problems = issue_problems(snapshot, registry_number_required=True)
    assert len(problems) == 2
    assert issue_problems(snapshot, registry_number_required=False) == [problems[0]]


# --- checksums -----------------------------------------------------------------------------


@pytest.fixture
def issued(world):
    return services.agreement_issue(user=world.admin, agreement=world.agreement)


def _download(client, document):
    return client.get(reverse("documents:download", args=[document.pk]))


def test_the_full_checksums_are_printed_in_the_pdf_and_shown_in_the_app(world, client_for, issued):
    assert len(issued.data_sha256) == 64 and len(issued.sha256) == 64
    text = pdf_text(bytes(issued.content))
    assert "Kontrollsumma (SHA-256) för dokumentets underlag" in text
    assert issued.data_sha256 in text.replace(" ", "").replace("\n", "")
    assert data_checksum(issued.snapshot) == issued.data_sha256
    page = client_for(world.admin).get(
        reverse("documents:agreement_documents", args=[world.agreement.pk])
    )
    html = page.content.decode()
    assert issued.sha256 in html and issued.data_sha256 in html


def _flip_a_byte(document):
    content = bytearray(bytes(document.content))
    content[len(content) // 2] ^= 0x01
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {IssuedDocument._meta.db_table} SET content = %s WHERE id = %s",
            [bytes(content), document.pk],
        )
    return bytes(content)


def test_a_flipped_byte_is_never_served_and_is_logged(world, client_for, issued, caplog):
    good = _download(client_for(world.admin), issued)
    assert good.status_code == 200 and good.content == bytes(issued.content)
    tampered = _flip_a_byte(issued)
    with caplog.at_level(logging.ERROR, logger="documents.integrity"):
        response = _download(client_for(world.admin), issued)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert tampered not in response.content and b"%PDF" not in response.content
    assert "Dokumentet kan inte lämnas ut" in response.content.decode()
    alerts = [r for r in caplog.records if r.levelno >= logging.CRITICAL]
    assert alerts and issued.sha256 in alerts[0].getMessage()


def test_changed_snapshot_data_is_never_served(world, client_for, issued):
    snapshot = dict(issued.snapshot)
    snapshot["agreement"] = {**snapshot["agreement"], "title": "Ändrad i efterhand"}
    import json

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {IssuedDocument._meta.db_table} SET snapshot = %s WHERE id = %s",
            [json.dumps(snapshot), issued.pk],
        )
    assert _download(client_for(world.admin), issued).status_code == 500


# --- memo edits: the version check ---------------------------------------------------------


def _memo_data(memo, **changes):
    data = {
        "title": memo.title,
        "registry_number": memo.registry_number,
        "memo_date": "2026-11-20",
        "signing_official": memo.signing_official,
        "office": memo.office,
        "proposed_decisions": memo.proposed_decisions,
        "matter": memo.matter,
        "decision_basis": memo.decision_basis,
        "version": memo.version,
    }
    data.update(changes)
    return data


def test_a_concurrent_memo_edit_answers_409_and_keeps_the_input(world, client_for):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    url = reverse("documents:memo_edit", args=[world.agreement.pk, "ny"])
    client = client_for(world.admin)
    first = _memo_data(memo, matter="Den första ändringen.")
    second = _memo_data(memo, matter="Den andra ändringen, från samma version.")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    assert "Någon annan har sparat en ändring" in response.content.decode()
    assert "Den andra ändringen, från samma version." in response.content.decode()
    memo.refresh_from_db()
    assert memo.matter == "Den första ändringen." and memo.version == 2


def test_a_memo_post_without_the_version_is_refused(world, client_for):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    url = reverse("documents:memo_edit", args=[world.agreement.pk, "ny"])
    data = _memo_data(memo, matter="Utan version.")
    del data["version"]
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 400
    assert "saknar uppgift om vilken version" in response.content.decode()
    assert "Utan version." in response.content.decode()
    memo.refresh_from_db()
    assert memo.matter != "Utan version." and memo.version == 1
