"""Uploading, downloading and deleting attachments through the views, with their limits."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attachments import registry
from attachments.models import Attachment, AttachmentKind
from tests.attachments import files

NOTE_MESSAGE = "Personnummer och samordningsnummer får inte sparas i registret."


def _upload(client, world, data: bytes, name: str = "rapport.pdf", **extra):
    payload = {
        "organisation": world.association.pk,
        "kind": AttachmentKind.ANNUAL_ACCOUNTS,
        "year": 2024,
        "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
    }
    payload.update(extra)
    return client.post(reverse("attachments:upload", args=[world.agreement.pk]), payload)


def test_partner_uploads_a_pdf_and_downloads_it_through_the_scoped_view(
    world, client_for, media_root
):
    client = client_for(world.partner)
    pdf = files.pdf_with_text("Årsredovisning 2024")
    response = _upload(client, world, pdf, name="../Årsredovisning 2024.pdf")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name == "Årsredovisning 2024.pdf"
    assert attachment.organisation == world.association
    assert attachment.content_type == "application/pdf"
    # Stored under a random name inside MEDIA_ROOT, not under the user's name.
    stored = media_root / attachment.file.name
    assert stored.read_bytes() == pdf
    assert "Årsredovisning" not in attachment.file.name

    response = client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_is_404_outside_scope(world, client_for):
    _upload(client_for(world.partner), world, files.pdf_with_text("Ekonomi"))
    attachment = Attachment.objects.get()
    url = reverse("attachments:download", args=[attachment.pk])
    for user in (world.outsider_admin, world.other_partner):
        assert client_for(user).get(url).status_code == 404
    assert client_for(world.admin).get(url).status_code == 200
    assert client_for(world.board_staff).get(url).status_code == 200


def test_no_public_url_serves_uploaded_files(world, client_for):
    _upload(client_for(world.partner), world, files.pdf_with_text("Ekonomi"))
    attachment = Attachment.objects.get()
    assert client_for(world.partner).get("/media/" + attachment.file.name).status_code == 404


def test_too_big_file_is_refused_with_the_limit(world, client_for, settings):
    settings.IOP_ATTACHMENT_MAX_BYTES = 4_000
    pdf = files.pdf_with_text("x " * 20_000)
    assert len(pdf) > 4_000
    response = _upload(client_for(world.partner), world, pdf)
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()
    assert not Attachment.objects.exists()


def test_default_limit_is_20_mb(settings):
    from attachments.services import max_bytes

    assert settings.IOP_ATTACHMENT_MAX_BYTES == 20 * 1024 * 1024 == max_bytes()


def test_text_renamed_to_pdf_is_refused(world, client_for):
    response = _upload(client_for(world.partner), world, b"inte en pdf\n" * 10, name="a.pdf")
    assert response.status_code == 400
    assert "inte av en tillåten typ" in response.content.decode()
    assert not Attachment.objects.exists()


def test_pdf_with_a_personal_identity_number_is_refused_like_a_note(world, client_for):
    pdf = files.pdf_with_text("Deltagare: Anna, 19121212-1212, kom varje vecka.")
    response = _upload(client_for(world.partner), world, pdf)
    assert response.status_code == 400
    body = response.content.decode()
    assert "personnummer" in body and NOTE_MESSAGE in body
    assert not Attachment.objects.exists()


def test_docx_with_a_coordination_number_is_refused(world, client_for):
    docx = files.docx_with_text("Samordningsnummer 701063-2391 i listan")
    response = _upload(client_for(world.partner), world, docx, name="lista.docx")
    assert response.status_code == 400
    assert NOTE_MESSAGE in response.content.decode()


def test_zip_bomb_disguised_as_docx_is_refused(world, client_for):
    response = _upload(client_for(world.partner), world, files.zip_bomb_docx(), name="a.docx")
    assert response.status_code == 400
    assert "packas upp" in response.content.decode()
    assert not Attachment.objects.exists()


def test_partner_cannot_upload_for_another_organisation(world, client_for):
    response = _upload(
        client_for(world.partner), world, files.PNG_BYTES, organisation=world.municipality.pk
    )
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_board_staff_cannot_upload(world, client_for):
    response = _upload(client_for(world.board_staff), world, files.PNG_BYTES)
    assert response.status_code == 403


def test_delete_is_soft_and_kept_in_history(world, client_for):
    client = client_for(world.partner)
    _upload(client, world, files.PNG_BYTES, name="bild.png")
    attachment = Attachment.objects.get()
    response = client.post(reverse("attachments:delete", args=[attachment.pk]))
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.deleted_at is not None and attachment.deleted_by == world.partner
    assert attachment.file.storage.exists(attachment.file.name)
    assert attachment.history.count() == 2
    assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 404
    page = client.get(reverse("attachments:agreement_attachments", args=[world.agreement.pk]))
    assert "bild.png" not in page.content.decode()


def test_attachment_held_by_a_keeper_is_not_deleted(world, client_for):
    client = client_for(world.admin)
    _upload(client, world, files.PNG_BYTES, name="bild.png")
    attachment = Attachment.objects.get()

    def keeper(candidate):
        return "Bilagan finns i ett utfärdat dokument." if candidate.pk == attachment.pk else None

    registry.register_keeper(keeper)
    try:
        response = client.post(reverse("attachments:delete", args=[attachment.pk]), follow=True)
    finally:
        registry.unregister_keeper(keeper)
    assert "Bilagan finns i ett utfärdat dokument." in response.content.decode()
    attachment.refresh_from_db()
    assert attachment.deleted_at is None


def test_agreement_lists_which_yearly_documents_have_arrived(world, client_for, time_machine):
    time_machine.move_to("2026-03-01")
    client = client_for(world.partner)
    _upload(client, world, files.pdf_with_text("VB"), kind=AttachmentKind.ACTIVITY_REPORT)
    page = client.get(reverse("attachments:agreement_attachments", args=[world.agreement.pk]))
    assert page.status_code == 200
    rows = page.context["required"]
    assert [(r.year, r.arrived, r.missing) for r in rows] == [
        (2024, ("Verksamhetsberättelse",), ("Årsredovisning", "Revisionsberättelse")),
        (2025, (), ("Verksamhetsberättelse", "Årsredovisning", "Revisionsberättelse")),
    ]


def test_attachment_list_query_count_does_not_grow(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.admin)
    url = reverse("attachments:agreement_attachments", args=[world.agreement.pk])
    counts = []
    for rows in (1, 6):
        while Attachment.objects.count() < rows:
            _upload(client, world, files.PNG_BYTES, name="bild.png")
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
