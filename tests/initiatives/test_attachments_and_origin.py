"""An initiative's documents (statutes, accounts, reports): uploaded with the checks of every
upload, seen only by the organisation and the receiving body's administrators, moved to the
draft agreement; the organisation completes its initiative; the budget and the origin
follow the initiative into the agreement."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from attachments.models import Attachment, AttachmentKind
from finance.models import PartyBudget
from initiatives.models import Status
from partnerships.models import Sector
from tests.attachments import files

from .factories import InitiativeFactory

NOTE_MESSAGE = "Personnummer och samordningsnummer får inte sparas i registret."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def initiative(world):
    return InitiativeFactory(
        organisation=world.association,
        public_body=world.municipality,
        budget_staff=300_000,
        budget_volunteers=50_000,
        budget_premises=120_000,
    )


def _upload(client, initiative, data: bytes, name="stadgar.pdf", kind=AttachmentKind.STATUTES):
    return client.post(
        reverse("initiatives:attachment_upload", args=[initiative.pk]),
        {"kind": kind, "year": 2026, "file": SimpleUploadedFile(name, data)},
    )


def _download_url(initiative, attachment):
    return reverse("initiatives:attachment_download", args=[initiative.pk, attachment.pk])


def test_partner_uploads_statutes_and_the_bodys_administrator_reads_them(
    world, client_for, initiative
):
    pdf = files.pdf_with_text("Föreningens stadgar")
    response = _upload(client_for(world.partner), initiative, pdf, name="../Stadgar 2026.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.initiative, attachment.agreement) == (initiative, None)
    assert attachment.organisation == world.association
    assert attachment.name == "Stadgar 2026.pdf" and "Stadgar" not in attachment.file.name

    page = client_for(world.admin).get(initiative.get_absolute_url()).content.decode()
    assert "Stadgar 2026.pdf" in page and "Stadgar" in page
    response = client_for(world.admin).get(_download_url(initiative, attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_only_the_organisation_and_the_bodys_administrators_see_the_documents(
    world, client_for, initiative
):
    _upload(client_for(world.partner), initiative, files.pdf_with_text("Årsredovisning"))
    attachment = Attachment.objects.get()
    url = _download_url(initiative, attachment)
    assert client_for(world.partner).get(url).status_code == 200
    # Board staff see the initiative but not the organisation's accounts.
    staff = client_for(world.board_staff)
    assert staff.get(initiative.get_absolute_url()).status_code == 200
    assert attachment.name not in staff.get(initiative.get_absolute_url()).content.decode()
    assert staff.get(url).status_code == 404
    for user in (world.outsider_admin, world.other_partner):
        assert client_for(user).get(url).status_code == 404
    # Never through the agreement attachments' download, nor under another initiative.
    assert (
        client_for(world.admin)
        .get(reverse("attachments:download", args=[attachment.pk]))
        .status_code
        == 404
    )
    other = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    assert client_for(world.admin).get(_download_url(other, attachment)).status_code == 404


def test_initiative_uploads_have_the_checks_of_every_upload(world, client_for, initiative):
    client = client_for(world.partner)
    response = _upload(client, initiative, files.pdf_with_text("Ordförande 19121212-1212"))
    assert response.status_code == 400
    assert NOTE_MESSAGE in response.content.decode()
    response = _upload(client, initiative, b"MZ\x90\x00 not a pdf at all", name="stadgar.pdf")
    assert response.status_code == 400
    assert Attachment.objects.count() == 0
    # Board staff and other organisations may not upload.
    assert _upload(client_for(world.board_staff), initiative, files.PNG_BYTES).status_code == 403
    assert _upload(client_for(world.other_partner), initiative, files.PNG_BYTES).status_code == 404


def test_partner_deletes_its_document_softly(world, client_for, initiative):
    client = client_for(world.partner)
    _upload(client, initiative, files.PNG_BYTES, name="bild.png")
    attachment = Attachment.objects.get()
    url = reverse("initiatives:attachment_delete", args=[initiative.pk, attachment.pk])
    assert client_for(world.board_staff).post(url).status_code == 404
    client = client_for(world.partner)
    assert client.post(url).status_code == 302
    attachment.refresh_from_db()
    assert attachment.deleted_by == world.partner and attachment.history.count() == 2
    assert client.get(_download_url(initiative, attachment)).status_code == 404


@pytest.mark.parametrize("owners", ["both", "neither"])
def test_an_attachment_has_exactly_one_owner(world, initiative, owners):
    attachment = Attachment(
        agreement=world.agreement if owners == "both" else None,
        initiative=initiative if owners == "both" else None,
        organisation=world.association,
        kind=AttachmentKind.STATUTES,
        year=2026,
        name="stadgar.png",
        content_type="image/png",
        size=4,
        sha256="0" * 64,
        uploaded_by=world.partner,
    )
    attachment.file.save("x", ContentFile(b"\x89PNG"), save=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        attachment.save()


def test_partner_completes_the_initiative_as_asked(world, client_for, initiative):
    client_for(world.admin).post(
        reverse("initiatives:completion", args=[initiative.pk]),
        {"message": "Bifoga stadgarna och ange budgeten för lokaler.", "version": "1"},
    )
    initiative.refresh_from_db()
    assert initiative.completion_open and initiative.status == Status.DIALOGUE
    url = reverse("initiatives:complete", args=[initiative.pk])
    for user in (world.admin, world.board_staff):
        assert client_for(user).get(url).status_code == 403
    assert client_for(world.other_partner).get(url).status_code == 404
    partner = client_for(world.partner)
    page = partner.get(url)
    assert page.status_code == 200
    assert "Bifoga stadgarna" in page.content.decode()
    data = {
        name: getattr(initiative, name)
        for name in (
            "title",
            "need",
            "target_group",
            "goals",
            "own_money",
            "own_in_kind",
            "budget_staff",
            "budget_volunteers",
            "organisation_description",
            "signatories",
            "attachments_note",
        )
    }
    data |= {
        "budget_premises": "150 000",
        "budget_other": "",
        "kammarkollegiet_registered": "on",
        "kammarkollegiet_checked_on": "2026-11-30",
        "answer": "Stadgarna är uppladdade; lokalkostnaden är 150 000 kr.",
        "version": str(initiative.version),
    }
    response = partner.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    initiative.refresh_from_db()
    assert initiative.budget_premises == 150_000 and initiative.budget_other == 0
    assert not initiative.completion_open
    assert "lokalkostnaden är 150 000 kr" in initiative.completion_answer
    page = client_for(world.admin).get(initiative.get_absolute_url()).content.decode()
    assert "Organisationens svar" in page and "lokalkostnaden" in page
    # A personnummer in the answer is refused, nothing saved.
    data |= {"answer": "Kontakt 19121212-1212", "version": str(initiative.version)}
    response = client_for(world.partner).post(url, data)
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert "19121212" not in initiative.completion_answer


def test_draft_agreement_keeps_the_budget_documents_and_links_back(world, client_for, initiative):
    _upload(client_for(world.partner), initiative, files.pdf_with_text("Stadgar"))
    attachment = Attachment.objects.get()
    response = client_for(world.admin).post(
        reverse("initiatives:agreement", args=[initiative.pk]),
        {"period_start": "2027-01-01", "period_end": "2028-12-31", "version": "1"},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    agreement = initiative.agreement
    # The budget of every year of the period, for the idea-based party.
    budgets = PartyBudget.objects.filter(agreement=agreement).order_by("year")
    assert [b.year for b in budgets] == [2027, 2028]
    party = agreement.parties.get(role=Sector.IDEA_BASED)
    for budget in budgets:
        assert budget.party == party and budget.own_contribution == initiative.own_money
        assert {line.category: line.amount for line in budget.lines.all()} == {
            "staff": 300_000,
            "volunteers": 50_000,
            "premises": 120_000,
        }
    # The documents follow to the agreement, the initiative kept as their origin.
    attachment.refresh_from_db()
    assert (attachment.agreement, attachment.initiative, attachment.target) == (
        agreement,
        None,
        initiative,
    )
    listed = client_for(world.partner).get(
        reverse("attachments:agreement_attachments", args=[agreement.pk])
    )
    assert attachment.name in listed.content.decode()
    assert (
        client_for(world.admin)
        .get(reverse("attachments:download", args=[attachment.pk]))
        .status_code
        == 200
    )
    # The agreement says where it came from; the initiative names the agreement and the
    # board's decision (not taken yet).
    page = client_for(world.admin).get(agreement.get_absolute_url()).content.decode()
    assert "Från initiativ" in page and initiative.get_absolute_url() in page
    page = client_for(world.partner).get(initiative.get_absolute_url()).content.decode()
    assert agreement.get_absolute_url() in page
    assert "Inte beslutad ännu" in page
    assert reverse("attachments:download", args=[attachment.pk]) in page
    agreement.approved = True
    agreement.save()
    page = client_for(world.partner).get(initiative.get_absolute_url()).content.decode()
    assert "Nämndens beslut:</strong> Beslutad" in page
    # Once an agreement, no more uploads to the initiative.
    assert _upload(client_for(world.partner), initiative, files.PNG_BYTES).status_code == 403
