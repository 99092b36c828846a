"""Issued documents are records: frozen bytes and data, new versions instead of changes."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from documents import services
from documents.models import DocumentKind, ImmutableDocumentError, IssuedDocument, MemoKind
from tests.documents.conftest import pdf_text


@pytest.fixture
def issued(world, full_agreement):
    return services.agreement_issue(user=world.admin, agreement=full_agreement)


def test_issuing_stores_pdf_checksum_snapshot_and_issuer(world, full_agreement, issued):
    document = IssuedDocument.objects.get(pk=issued.pk)
    content = bytes(document.content)
    assert content.startswith(b"%PDF-1.7")
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.verify()
    assert document.kind == DocumentKind.AGREEMENT
    assert document.version == 1
    assert document.issued_by == world.admin
    assert document.organisation == world.municipality
    assert document.snapshot["agreement"]["title"] == full_agreement.title
    assert document.snapshot["document"]["version"] == 1
    assert document.snapshot["document"]["draft"] is False
    text = pdf_text(content)
    assert "Version 1" in text.replace("\n", " ")
    assert "UTKAST" not in text


def test_an_issued_document_cannot_be_saved_again(issued):
    document = IssuedDocument.objects.get(pk=issued.pk)
    document.title = "Ändrad"
    with pytest.raises(ImmutableDocumentError):
        document.save()
    assert IssuedDocument.objects.get(pk=issued.pk).title != "Ändrad"


def test_an_issued_document_cannot_be_updated_or_deleted_in_bulk(issued):
    with pytest.raises(ImmutableDocumentError):
        IssuedDocument.objects.filter(pk=issued.pk).update(title="x")
    with pytest.raises(ImmutableDocumentError):
        IssuedDocument.objects.filter(pk=issued.pk).delete()
    with pytest.raises(ImmutableDocumentError):
        IssuedDocument.objects.get(pk=issued.pk).delete()
    assert IssuedDocument.objects.filter(pk=issued.pk).exists()


def test_issuing_again_makes_a_new_version_and_keeps_the_old(world, full_agreement, issued):
    full_agreement.title = "Nytt namn på överenskommelsen"
    full_agreement.save()
    second = services.agreement_issue(user=world.board_staff, agreement=full_agreement)
    assert second.version == 2
    first = IssuedDocument.objects.get(pk=issued.pk)
    assert first.snapshot["agreement"]["title"] != "Nytt namn på överenskommelsen"
    assert "Nytt namn på överenskommelsen" not in pdf_text(bytes(first.content))
    assert "Nytt namn på överenskommelsen" in pdf_text(bytes(second.content))
    assert first.sha256 != second.sha256


def test_versions_are_counted_per_kind_and_agreement(world, full_agreement, issued):
    memo = services.memo_create(user=world.admin, agreement=full_agreement, kind=MemoKind.NEW)
    memo_doc = services.memo_issue(user=world.admin, memo=memo)
    other = services.agreement_issue(user=world.outsider_admin, agreement=world.other_agreement)
    assert memo_doc.kind == DocumentKind.MEMO_NEW and memo_doc.version == 1
    assert other.version == 1
    assert services.agreement_issue(user=world.admin, agreement=full_agreement).version == 2


def test_partner_may_not_issue(world, full_agreement):
    with pytest.raises(PermissionDenied):
        services.agreement_issue(user=world.partner, agreement=full_agreement)
    assert not IssuedDocument.objects.exists()


def test_an_issued_memo_keeps_the_memo_date_and_an_agreement_gets_the_issue_date(
    world, full_agreement, issued
):
    memo = services.memo_create(
        user=world.admin, agreement=full_agreement, kind=MemoKind.NEW, today=dt.date(2026, 11, 2)
    )
    memo_doc = services.memo_issue(user=world.admin, memo=memo)
    assert memo_doc.snapshot["document"]["date"] == "2026-11-02"
    assert issued.snapshot["document"]["date"] == timezone.localdate().isoformat()
