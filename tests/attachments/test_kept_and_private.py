"""An attachment an issued document names is kept; a draft economic report's attachments
are private to the party's organisation until the report is submitted."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments.models import Attachment, AttachmentKind
from attachments.services import attachment_upload
from documents.models import IssuedDocument
from documents.services import followup_report_issue
from finance.models import EconomicReport, EconomicReportStatus
from followups.models import ReportStatus
from partnerships.models import Sector
from tests.attachments import files
from tests.documents.conftest import pdf_text
from tests.factories import OrganisationFactory, PartyFactory, UserFactory
from tests.followups.factories import NoteFactory, RoundFactory


def _upload(world, user, *, year=2024, target=None, name="arsredovisning.pdf"):
    return attachment_upload(
        user=user,
        agreement=world.agreement,
        organisation=world.association,
        kind=AttachmentKind.ANNUAL_ACCOUNTS,
        year=year,
        uploaded=SimpleUploadedFile(name, files.pdf_with_text("Årsredovisning")),
        target=target,
    )


def _issued_report(world):
    world.agreement.registry_number = "KS 2024/17"
    world.agreement.save()
    round_ = RoundFactory(
        agreement=world.agreement,
        period_start=dt.date(2024, 1, 1),
        period_end=dt.date(2024, 12, 31),
        due_date=dt.date(2025, 2, 15),
    )
    NoteFactory(
        round=round_,
        organisation=world.association,
        goal=world.agreement.goals.first(),
        status=ReportStatus.SUBMITTED,
    )
    return followup_report_issue(user=world.admin, round=round_)


def test_attachment_named_by_an_issued_report_cannot_be_deleted(world, client_for):
    attachment = _upload(world, world.partner)
    document = _issued_report(world)
    assert document.snapshot["attachments"][0]["id"] == attachment.pk
    text = pdf_text(bytes(document.content))
    assert "Inkomna handlingar" in text and "arsredovisning.pdf" in text

    for user in (world.partner, world.admin):
        response = client_for(user).post(
            reverse("attachments:delete", args=[attachment.pk]), follow=True
        )
        page = response.content.decode()
        assert "kan inte tas bort: den är underlag i det utfärdade dokumentet" in page
        assert f"version {document.version}" in page
    attachment.refresh_from_db()
    assert attachment.deleted_at is None


def test_attachment_not_named_by_any_issued_document_can_be_deleted(world, client_for):
    _issued_report(world)
    later = _upload(world, world.partner, year=2025, name="senare.pdf")
    assert IssuedDocument.objects.count() == 1
    client_for(world.partner).post(reverse("attachments:delete", args=[later.pk]))
    later.refresh_from_db()
    assert later.deleted_at is not None


@pytest.fixture
def draft(world):
    party = world.agreement.parties.get(role=Sector.IDEA_BASED)
    report = EconomicReport.objects.create(agreement=world.agreement, party=party, year=2024)
    sion = OrganisationFactory(name="Sionförsamlingen")
    PartyFactory(agreement=world.agreement, organisation=sion)
    world.fellow_partner = UserFactory(organisation=sion, partner=True, username="sion")
    world.report = report
    world.report_attachment = _upload(world, world.partner, target=report)
    return world


def _download(client, attachment):
    return client.get(reverse("attachments:download", args=[attachment.pk]))


def _listed(client, world) -> bool:
    url = reverse("attachments:agreement_attachments", args=[world.agreement.pk])
    return world.report_attachment.name in client.get(url).content.decode()


def test_draft_reports_attachments_are_private_to_the_partys_organisation(draft, client_for):
    world, attachment = draft, draft.report_attachment
    partner = client_for(world.partner)
    assert _download(partner, attachment).status_code == 200
    assert _listed(partner, world)
    for user in (world.admin, world.board_staff, world.fellow_partner):
        client = client_for(user)
        assert _download(client, attachment).status_code == 404
        assert not _listed(client, world)
    for user in (world.outsider_admin, world.other_partner):
        assert _download(client_for(user), attachment).status_code == 404
    # Not "arrived" for the administration (nor the reminders) while it is a draft.
    admin_page = client_for(world.admin).get(
        reverse("attachments:agreement_attachments", args=[world.agreement.pk])
    )
    assert all(
        "Årsredovisning" not in row.arrived
        for row in admin_page.context["required"]
        if row.year == 2024
    )


def test_submitted_reports_attachments_are_seen_by_the_administration(draft, client_for):
    world, attachment = draft, draft.report_attachment
    EconomicReport.objects.filter(pk=world.report.pk).update(status=EconomicReportStatus.SUBMITTED)
    admin = client_for(world.admin)
    assert _download(admin, attachment).status_code == 200
    assert _listed(admin, world)
    # Another idea-based party never sees this party's accounts; another municipality 404.
    assert _download(client_for(world.fellow_partner), attachment).status_code == 404
    assert _download(client_for(world.outsider_admin), attachment).status_code == 404


def test_administrator_cannot_attach_to_a_draft_report(draft, client_for):
    world = draft
    response = client_for(world.admin).post(
        reverse("attachments:upload", args=[world.agreement.pk]),
        {
            "organisation": world.association.pk,
            "kind": AttachmentKind.ANNUAL_ACCOUNTS,
            "year": 2024,
            "file": SimpleUploadedFile("a.pdf", files.pdf_with_text("Ekonomi")),
            "target_type": "finance.economicreport",
            "target_id": world.report.pk,
        },
    )
    assert response.status_code == 403
    assert Attachment.objects.count() == 1


def test_draft_reports_attachments_are_not_printed_in_documents(draft):
    from attachments.documents_data import attachment_rows

    assert attachment_rows(draft.agreement.pk, [2024]) == []
    EconomicReport.objects.filter(pk=draft.report.pk).update(status=EconomicReportStatus.SUBMITTED)
    assert [row["id"] for row in attachment_rows(draft.agreement.pk, [2024])] == [
        draft.report_attachment.pk
    ]
