"""Every kind of object a URL can name, for ``world.agreement`` (the municipality's case).

``objects`` maps the placeholder names used by the URL matrix to primary keys (or slugs).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.services import invitation_create
from attachments.models import Attachment, AttachmentKind
from documents.models import AnnualReportJob, DocumentKind, IssuedDocument, Memo, MemoKind
from finance.models import (
    AgreementCap,
    EconomicReport,
    EconomicReportStatus,
    IndexValue,
    InKindContribution,
    SieExportBatch,
)
from followups.models import CalendarFeed, ReportStatus
from partnerships.models import Amendment, Sector, User
from publication.models import Publication
from tests.factories import BoardFactory, ContactPersonFactory, UserFactory
from tests.finance.factories import (
    CompensationFactory,
    DecidedAmountFactory,
    PaymentFactory,
    RepaymentClaimFactory,
    opi,
)
from tests.followups.factories import MeetingFactory, NoteFactory, RoundFactory
from tests.initiatives.factories import InitiativeFactory

ROLES = ("anonymous", "admin", "board_staff", "partner", "outsider_admin", "other_partner")


@pytest.fixture
def objects(world, settings, tmp_path) -> dict:
    agreement = world.agreement
    board = agreement.board
    idea_party = agreement.parties.get(role=Sector.IDEA_BASED)
    public_party = agreement.parties.get(role=Sector.PUBLIC)
    ContactPersonFactory(organisation=world.association, email="kontakt@example.org")
    # An index year where the definitive value differs from the preliminary one, so the
    # settlement page has something to settle.
    index_value = IndexValue.objects.create(
        series=opi(),
        year=2024,
        preliminary_percent=Decimal("3.0"),
        definitive_percent=Decimal("4.0"),
        source="Test",
    )
    compensation = CompensationFactory(
        party=idea_party, base_amount=100_000, base_year=2023, first_index_year=2024
    )
    DecidedAmountFactory(compensation=compensation, year=2025, amount=105_000)
    payment = PaymentFactory(compensation=compensation, year=2024, amount=50_000)
    claim = RepaymentClaimFactory(party=idea_party, amount=1_000)
    in_kind = InKindContribution.objects.create(
        agreement=agreement, party=public_party, kind="premises", description="Lokal"
    )
    cap = AgreementCap.objects.create(agreement=agreement, label="Totalt", amount=1_000_000)
    amendment = Amendment.objects.create(
        agreement=agreement, decided_on=dt.date(2025, 5, 12), board=board, title="Tilläggsbeslut"
    )
    round_ = RoundFactory(
        agreement=agreement,
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        due_date=dt.date(2026, 12, 15),
    )
    NoteFactory(
        round=round_,
        organisation=world.association,
        goal=agreement.goals.first(),
        status=ReportStatus.SUBMITTED,
    )
    meeting = MeetingFactory(agreement=agreement)
    memo = Memo.objects.create(
        agreement=agreement,
        kind=MemoKind.NEW,
        title="Tjänsteskrivelse",
        memo_date=dt.date(2026, 11, 1),
        proposed_decisions="Att godkänna överenskommelsen.",
        matter="Ärendet.",
        signing_official="Handläggare",
        office="Omsorgskontoret",
        created_by=world.admin,
    )
    document = IssuedDocument(
        kind=DocumentKind.AGREEMENT,
        agreement=agreement,
        organisation=world.municipality,
        version=1,
        title="Överenskommelse",
        filename="overenskommelse.pdf",
        content=b"%PDF-1.4 test",
        snapshot={},
        issued_by=world.admin,
    )
    document.save()
    annual = IssuedDocument(
        kind=DocumentKind.ANNUAL_REPORT,
        agreement=None,
        organisation=world.municipality,
        subject_key=f"namnd-{board.pk}-2025",
        version=1,
        title="Årsrapport 2025",
        filename="arsrapport-2025.pdf",
        content=b"%PDF-1.4 test",
        snapshot={},
        issued_by=world.admin,
    )
    annual.save()
    job = AnnualReportJob.objects.create(
        board=board,
        year=2025,
        status=AnnualReportJob.Status.DONE,
        document=annual,
        requested_by=world.admin,
    )
    # The calendar feed belongs to somebody who is not one of the roles, so that a role's
    # own "new address" POST does not revoke it.
    feed_owner = UserFactory(organisation=world.municipality, username="kalender")
    feed_token = CalendarFeed.new_token()
    CalendarFeed.objects.create(user=feed_owner, token_hash=CalendarFeed.hash_token(feed_token))
    BoardFactory(organisation=world.other_municipality, name="Annan nämnd")
    Publication.objects.create(organisation=world.municipality, slug="kommunen", enabled=True)
    sie_batch = SieExportBatch.objects.create(
        organisation=world.municipality, number=1, created_by=world.admin, content=b"#FLAGGA 0"
    )
    settings.MEDIA_ROOT = str(tmp_path / "media")
    attachment = Attachment(
        agreement=agreement,
        organisation=world.association,
        kind=AttachmentKind.ANNUAL_ACCOUNTS,
        year=2024,
        name="arsredovisning.png",
        content_type="image/png",
        size=4,
        sha256="0" * 64,
        uploaded_by=world.partner,
    )
    attachment.file.save("x", ContentFile(b"\x89PNG"), save=True)
    economic_report = EconomicReport.objects.create(
        agreement=agreement,
        party=idea_party,
        year=2024,
        own_financing=10_000,
        status=EconomicReportStatus.SUBMITTED,
    )
    invitation, invitation_token = invitation_create(
        user=world.admin,
        organisation=world.municipality,
        email="inbjuden@example.org",
        first_name="In",
        last_name="Bjuden",
        role=User.Role.BOARD_STAFF,
    )
    initiative = InitiativeFactory(organisation=world.association, public_body=world.municipality)
    initiative_attachment = Attachment(
        initiative=initiative,
        organisation=world.association,
        kind=AttachmentKind.STATUTES,
        year=2026,
        name="stadgar.png",
        content_type="image/png",
        size=4,
        sha256="0" * 64,
        uploaded_by=world.partner,
    )
    initiative_attachment.file.save("x", ContentFile(b"\x89PNG"), save=True)
    return {
        "initiative": initiative.pk,
        "initiative_attachment": initiative_attachment.pk,
        "attachment": attachment.pk,
        "economic_report": economic_report.pk,
        "agreement": agreement.pk,
        "other_agreement": world.other_agreement.pk,
        "idea_party": idea_party.pk,
        "public_party": public_party.pk,
        "organisation": world.association.pk,
        "association_org": str(world.association.pk),
        "compensation": compensation.pk,
        "payment": payment.pk,
        "claim": claim.pk,
        "in_kind": in_kind.pk,
        "cap": cap.pk,
        "amendment": amendment.pk,
        "index_value": index_value.pk,
        "round": round_.pk,
        "meeting": meeting.pk,
        "memo": memo.pk,
        "memo_kind": "ny",
        "document": document.pk,
        "job": job.pk,
        "board": board.pk,
        "token": feed_token,
        "year": 2024,
        "publication_slug": "kommunen",
        "sie_batch": sie_batch.pk,
        "municipality_org": world.municipality.pk,
        "person": feed_owner.pk,
        "invitation": invitation.pk,
        "invitation_token": invitation_token,
        "provider_id": "staff",
        "uidb64": urlsafe_base64_encode(force_bytes(feed_owner.pk)),
        "reset_token": "abc-123",
    }


@pytest.fixture
def users(world) -> dict:
    return {
        "anonymous": None,
        "admin": world.admin,
        "board_staff": world.board_staff,
        "partner": world.partner,
        "outsider_admin": world.outsider_admin,
        "other_partner": world.other_partner,
    }
