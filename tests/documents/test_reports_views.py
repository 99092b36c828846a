"""Follow-up report and annual report pages: scopes, issuing, the background task
lifecycle (queued / running / done / failed, retry) and hostile text."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import annual_jobs, kinds, tasks
from documents.models import AnnualReportJob, DocumentKind, IssuedDocument
from followups.models import Assessment, Figures, ReportStatus
from tests.documents.conftest import annual_report_pdf, followup_report_pdf, pdf_text
from tests.documents.test_safety import HOSTILE, HOSTILE_TEXT, _assert_safe, recording  # noqa: F401
from tests.followups.factories import FiguresFactory, MeetingFactory, NoteFactory, RoundFactory


@pytest.fixture
def round(world):
    round = RoundFactory(agreement=world.agreement)
    goal = world.agreement.goals.first()
    NoteFactory(
        round=round,
        organisation=world.association,
        goal=goal,
        narrative="Inlämnad berättelse om målet.",
        status=ReportStatus.SUBMITTED,
    )
    FiguresFactory(round=round, organisation=world.association, status=ReportStatus.SUBMITTED)
    return round


def _preview_url(agreement, round):
    return reverse("documents:followup_report_preview", args=[agreement.pk, round.pk])


def _issue_url(agreement, round):
    return reverse("documents:followup_report_issue", args=[agreement.pk, round.pk])


def _board_url(board):
    return reverse("documents:board_annual_reports", args=[board.pk])


# --- scopes ----------------------------------------------------------------------------------


def test_partner_may_read_the_followup_report_of_their_own_agreement(world, round, client_for):
    response = client_for(world.partner).get(_preview_url(world.agreement, round))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Inlämnad berättelse om målet." in pdf_text(response.content)


def test_partner_cannot_issue_a_followup_report(world, round, client_for):
    response = client_for(world.partner).post(_issue_url(world.agreement, round))
    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("who", ["outsider_admin", "other_partner"])
def test_followup_report_outside_the_users_agreements_is_404(world, round, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(_preview_url(world.agreement, round)).status_code == 404
    assert client.post(_issue_url(world.agreement, round)).status_code == 404


def test_a_round_of_another_agreement_is_404(world, client_for):
    other_round = RoundFactory(agreement=world.other_agreement)
    response = client_for(world.admin).get(_preview_url(world.agreement, other_round))
    assert response.status_code == 404


def test_board_staff_issues_and_partner_downloads_the_followup_report(world, round, client_for):
    client = client_for(world.board_staff)
    response = client.post(_issue_url(world.agreement, round))
    assert response.status_code == 302
    document = IssuedDocument.objects.get(kind=DocumentKind.FOLLOWUP_REPORT)
    page = client.get(reverse("documents:agreement_documents", args=[world.agreement.pk]))
    assert "Uppföljningsrapport" in page.content.decode()

    download = reverse("documents:download", args=[document.pk])
    partner = client_for(world.partner).get(download)
    assert partner.status_code == 200
    assert "Inlämnad berättelse om målet." in pdf_text(
        b"".join(partner.streaming_content) if partner.streaming else partner.content
    )
    assert client_for(world.other_partner).get(download).status_code == 404


def test_documents_page_lists_rounds_and_links_the_board_page(world, round, client_for):
    html = (
        client_for(world.admin)
        .get(reverse("documents:agreement_documents", args=[world.agreement.pk]))
        .content.decode()
    )
    assert _preview_url(world.agreement, round) in html
    assert _issue_url(world.agreement, round) in html
    assert _board_url(world.agreement.board) in html
    partner_html = (
        client_for(world.partner)
        .get(reverse("documents:agreement_documents", args=[world.agreement.pk]))
        .content.decode()
    )
    assert _preview_url(world.agreement, round) in partner_html
    assert _issue_url(world.agreement, round) not in partner_html
    assert _board_url(world.agreement.board) not in partner_html


def test_partner_gets_403_on_the_annual_report(world, client_for):
    client = client_for(world.partner)
    board = world.agreement.board
    assert client.get(_board_url(board)).status_code == 403
    assert client.post(_board_url(board), {"year": "2026"}).status_code == 403
    assert not AnnualReportJob.objects.exists()
    job = AnnualReportJob.objects.create(
        board=board, year=2025, requested_by=world.admin, status=AnnualReportJob.Status.FAILED
    )
    assert client.get(reverse("documents:annual_report_job", args=[job.pk])).status_code == 403
    retry = reverse("documents:annual_report_retry", args=[job.pk])
    assert client.post(retry).status_code == 403


def test_another_municipalitys_board_is_404(world, client_for):
    client = client_for(world.outsider_admin)
    board = world.agreement.board
    assert client.get(_board_url(board)).status_code == 404
    assert client.post(_board_url(board), {"year": "2026"}).status_code == 404
    job = AnnualReportJob.objects.create(board=board, year=2025, requested_by=world.admin)
    assert client.get(reverse("documents:annual_report_job", args=[job.pk])).status_code == 404
    assert (
        client_for(world.outsider_admin)
        .get(_board_url(board).replace(str(board.pk), "x"))
        .status_code
        == 404
    )


# --- the background task ----------------------------------------------------------------------


def test_annual_report_runs_in_the_background_and_is_downloadable(world, client_for):
    client = client_for(world.board_staff)
    board = world.agreement.board
    assert client.get(_board_url(board)).status_code == 200
    response = client.post(_board_url(board), {"year": "2026"})
    job = AnnualReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:annual_report_job", args=[job.pk])
    # The immediate backend (test settings) has run the task already.
    assert job.status == AnnualReportJob.Status.DONE
    assert job.task_id
    document = job.document
    assert (document.kind, document.agreement, document.organisation) == (
        DocumentKind.ANNUAL_REPORT,
        None,
        world.municipality,
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Status: Klar" in html
    assert reverse("documents:download", args=[document.pk]) in html
    assert "Refresh" not in page
    text = " ".join(
        pdf_text(client.get(reverse("documents:download", args=[document.pk])).content).split()
    )
    assert "Årlig rapport om idéburna offentliga partnerskap (IOP) 2026" in text
    assert world.agreement.title in text
    assert "Sida 1 (" in text
    board_html = client.get(_board_url(board)).content.decode()
    assert "Klar" in board_html and document.title in board_html
    # the partner may not download it
    download = reverse("documents:download", args=[document.pk])
    assert client_for(world.partner).get(download).status_code == 404


def test_a_failed_render_leaves_no_document_and_can_be_retried(world, client_for, monkeypatch):
    client = client_for(world.admin)
    board = world.agreement.board

    def broken(snapshot):
        raise RuntimeError("WeasyPrint föll")

    monkeypatch.setattr(kinds, "render_snapshot", broken)
    client.post(_board_url(board), {"year": "2026"})
    job = AnnualReportJob.objects.get()
    assert job.status == AnnualReportJob.Status.FAILED
    assert job.document is None
    assert not IssuedDocument.objects.exists()
    page = client.get(reverse("documents:annual_report_job", args=[job.pk])).content.decode()
    assert "Status: Misslyckades" in page
    assert "Årsrapporten kunde inte skapas. Inget dokument har sparats." in page
    assert "WeasyPrint föll" not in page  # no internals shown
    assert reverse("documents:annual_report_retry", args=[job.pk]) in page

    monkeypatch.undo()
    response = client.post(reverse("documents:annual_report_retry", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.attempt, job.error) == (AnnualReportJob.Status.DONE, 2, "")
    assert IssuedDocument.objects.filter(kind=DocumentKind.ANNUAL_REPORT).count() == 1


def test_a_killed_render_is_shown_as_failed_and_its_late_result_is_discarded(world, client_for):
    board = world.agreement.board
    job = AnnualReportJob.objects.create(
        board=board,
        year=2026,
        requested_by=world.admin,
        status=AnnualReportJob.Status.RUNNING,
        started_at=timezone.now() - annual_jobs.STALE_AFTER - dt.timedelta(minutes=1),
    )
    client = client_for(world.admin)
    page = client.get(reverse("documents:annual_report_job", args=[job.pk]))
    assert "Status: Misslyckades" in page.content.decode()
    assert "avbröts innan det blev klart" in page.content.decode()
    assert "Refresh" not in page

    client.post(reverse("documents:annual_report_retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.attempt) == (AnnualReportJob.Status.DONE, 2)
    # The first (killed) attempt waking up later changes nothing.
    assert tasks.annual_report_run(job_id=job.pk, attempt=1) is None
    assert IssuedDocument.objects.count() == 1


def test_a_queued_job_page_refreshes_itself_and_a_second_request_is_refused(
    world, client_for, monkeypatch
):
    board = world.agreement.board
    monkeypatch.setattr(annual_jobs, "_enqueue", lambda job: None)  # no worker picks it up
    client = client_for(world.admin)
    client.post(_board_url(board), {"year": "2026"})
    job = AnnualReportJob.objects.get()
    page = client.get(reverse("documents:annual_report_job", args=[job.pk]))
    assert page["Refresh"] == "3"
    assert "Status: I kö" in page.content.decode()

    response = client.post(_board_url(board), {"year": "2026"}, follow=True)
    assert "håller redan på att skapas" in response.content.decode()
    assert AnnualReportJob.objects.count() == 1
    retry = client.post(reverse("documents:annual_report_retry", args=[job.pk]), follow=True)
    assert "Bara en misslyckad årsrapport" in retry.content.decode()

    AnnualReportJob.objects.filter(pk=job.pk).update(
        status=AnnualReportJob.Status.RUNNING, started_at=timezone.now()
    )
    page = client.get(reverse("documents:annual_report_job", args=[job.pk]))
    assert page["Refresh"] == "3" and "Status: Pågår" in page.content.decode()


def test_the_task_runs_only_a_queued_current_attempt(world):
    job = AnnualReportJob.objects.create(
        board=world.agreement.board, year=2026, requested_by=world.admin
    )
    assert tasks.annual_report_run(job_id=job.pk, attempt=2) is None
    document_id = tasks.annual_report_run(job_id=job.pk, attempt=1)
    assert IssuedDocument.objects.get(pk=document_id).subject_key == job.subject_key
    assert tasks.annual_report_run(job_id=job.pk, attempt=1) is None  # already done


# --- hostile text -----------------------------------------------------------------------------


def test_hostile_partner_text_in_the_followup_report_is_printed_as_text(
    world,
    round,
    recording,  # noqa: F811
):
    note = round.notes.get()
    note.narrative = HOSTILE_TEXT  # saved without the form's validation, as a worst case
    note.save()
    Figures.objects.filter(round=round).update(
        development_ideas=HOSTILE[0], cooperation_partners='<link rel="attachment" href="x">'
    )
    MeetingFactory(
        agreement=world.agreement,
        status="held",
        place="<img src=file:///etc/passwd>",
        starts_at=timezone.make_aware(dt.datetime(2026, 3, 1, 10)),
    )
    Assessment.objects.create(
        round=round,
        overall_text="<svg><image href='file:///etc/passwd'/></svg>",
        recommendation="<style>@import url(http://127.0.0.1:9/x.css);</style>",
    )
    text = _assert_safe(followup_report_pdf(round.pk), recording)
    assert '<script>alert("x")</script>' in text
    assert "url(http://127.0.0.1:9/x)" in text
    assert '<link rel="attachment" href="file:///etc/passwd">' in text
    assert '<link rel="attachment" href="x">' in text
    assert "<img src=file:///etc/passwd>" in text
    assert "<svg><image href='file:///etc/passwd'/></svg>" in text
    assert "@import url(http://127.0.0.1:9/x.css);" in text


def test_hostile_names_in_the_annual_report_are_printed_as_text(world, recording):  # noqa: F811
    world.agreement.title = '<script>alert(1)</script><img src="http://127.0.0.1:9/x">'
    world.agreement.save()
    world.association.name = '<link rel=attachment href="file:///etc/passwd">'
    world.association.save()
    text = _assert_safe(annual_report_pdf(world.agreement.board_id, 2026), recording)
    assert '<script>alert(1)</script><img src="http://127.0.0.1:9/x">' in text
    assert '<link rel=attachment href="file:///etc/passwd">' in text


def test_boards_index_lists_own_boards_and_refuses_partners(world, client_for):
    url = reverse("documents:boards_index")
    html = client_for(world.board_staff).get(url).content.decode()
    assert _board_url(world.agreement.board) in html
    assert client_for(world.partner).get(url).status_code == 403
    outsider = client_for(world.outsider_admin).get(url)
    assert outsider.status_code == 403  # the other municipality has no board in this world
