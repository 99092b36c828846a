"""Issued board documents (immutable, versioned) and the memos administrators write.

Why the PDF bytes live in the database (``BinaryField``) and not on MEDIA_ROOT:
an issued document is a public record whose row, checksum and bytes must never part.
In the database they are written in one transaction (no orphan file, no row without
file), covered by the same backup and restore, and the immutability rule is enforced in
one place. The files are small (tens of kB with subset fonts) and few (a handful per
agreement and year), so the database does not suffer; list queries ``defer`` the bytes.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from common import fields
from partnerships.fields import agreement_fk, board_fk, organisation_fk, registry_number

from .texts import split_lines


def data_checksum(snapshot: dict) -> str:
    """SHA-256 of a snapshot's canonical JSON, leaving out the checksum itself."""
    document = {k: v for k, v in snapshot["document"].items() if k != "data_sha256"}
    canonical = json.dumps(
        {**snapshot, "document": document},
        cls=DjangoJSONEncoder,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", "Överenskommelse"
    MEMO_NEW = "memo_new", "Tjänsteskrivelse, ny IOP"
    MEMO_RENEWAL = "memo_renewal", "Tjänsteskrivelse, förlängning av IOP"
    FOLLOWUP_REPORT = "followup_report", "Uppföljningsrapport"
    ANNUAL_REPORT = "annual_report", "Årlig rapport till nämnden"


#: The kinds a partner (idea-based organisation) may read, for their own agreements.
PARTNER_KINDS = frozenset({DocumentKind.AGREEMENT, DocumentKind.FOLLOWUP_REPORT})


class ImmutableDocumentError(Exception):
    """An issued document is a record: it is never changed or deleted, only superseded."""


class IssuedDocumentQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableDocumentError("Utfärdade dokument kan inte ändras.")

    def delete(self):
        raise ImmutableDocumentError("Utfärdade dokument kan inte tas bort.")

    def without_content(self) -> IssuedDocumentQuerySet:
        return self.defer("content", "snapshot")


class IssuedDocument(models.Model):
    """One issued version of a board document: the PDF as printed and the data behind it."""

    kind = models.CharField("dokumenttyp", max_length=30, choices=DocumentKind.choices)
    agreement = agreement_fk("issued_documents", "överenskommelse", null=True)
    organisation = organisation_fk(
        "issued_documents",
        "utfärdande organisation",
        help_text="Den offentliga part som utfärdade dokumentet; avgör vem som ser det "
        "när det inte hör till en överenskommelse (årsrapporten).",
    )
    subject_key = fields.line(
        "avser",
        80,
        blank=True,
        default="",
        help_text="Skiljer dokument av samma typ åt, t.ex. uppföljningens id eller årtalet.",
    )
    version = models.PositiveIntegerField("version")
    title = fields.line("titel", 300)
    filename = fields.line("filnamn", 200)
    content = models.BinaryField("PDF", editable=False)
    size = models.PositiveIntegerField("storlek (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    data_sha256 = models.CharField(
        "SHA-256 för underlaget",
        max_length=64,
        blank=True,
        default="",
        help_text="Kontrollsumman för dokumentets data (underlaget), tryckt på sista sidan.",
    )
    snapshot = models.JSONField("underlag", encoder=DjangoJSONEncoder)
    issued_by = fields.user_fk("utfärdad av", related_name="issued_documents")
    issued_at = models.DateTimeField("utfärdad", default=timezone.now)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "utfärdat dokument"
        verbose_name_plural = "utfärdade dokument"
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "agreement", "subject_key", "version"],
                condition=Q(agreement__isnull=False),
                name="issued_document_version_per_agreement",
            ),
            models.UniqueConstraint(
                fields=["kind", "organisation", "subject_key", "version"],
                condition=Q(agreement__isnull=True),
                name="issued_document_version_per_organisation",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="issued_document_version_1"),
        ]
        indexes = [models.Index(fields=["agreement", "kind"])]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ImmutableDocumentError("Utfärdade dokument kan inte ändras.")
        content = bytes(self.content)
        digest = hashlib.sha256(content).hexdigest()
        if self.sha256 and self.sha256 != digest:
            raise ValidationError("Kontrollsumman stämmer inte med innehållet.")
        self.sha256 = digest
        self.size = len(content)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableDocumentError("Utfärdade dokument kan inte tas bort.")

    @staticmethod
    def checksum(content: bytes) -> str:
        return hashlib.sha256(bytes(content)).hexdigest()

    def verify(self) -> bool:
        """True if the stored bytes and data are still those checksummed when issued."""
        if self.checksum(self.content) != self.sha256:
            return False
        return not self.data_sha256 or data_checksum(self.snapshot) == self.data_sha256


class PublicBodySettings(models.Model):
    """What a public body (municipality or region) decides about its own documents.

    A row only where a body differs from the defaults: without one, every rule is on."""

    organisation = models.OneToOneField(
        "partnerships.Organisation",
        verbose_name="offentlig organisation",
        on_delete=models.CASCADE,
        related_name="document_settings",
        limit_choices_to={"sector": "public"},
    )
    require_registry_number = models.BooleanField(
        "kräv diarienummer",
        default=True,
        help_text="Överenskommelser, tjänsteskrivelser och uppföljningsrapporter kan bara "
        "utfärdas med diarienummer.",
    )
    history = fields.history()  # who turned a rule off, and when

    class Meta:
        verbose_name = "dokumentinställning för offentlig part"
        verbose_name_plural = "dokumentinställningar för offentliga parter"

    def __str__(self) -> str:
        return f"Dokumentinställningar: {self.organisation}"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.sector != "public":
            raise ValidationError({"organisation": "Välj en offentlig organisation."})


class MemoKind(models.TextChoices):
    NEW = "new", "Ny IOP"
    RENEWAL = "renewal", "Förlängning"


MEMO_DOCUMENT_KIND = {
    MemoKind.NEW: DocumentKind.MEMO_NEW,
    MemoKind.RENEWAL: DocumentKind.MEMO_RENEWAL,
}

MAX_PROPOSALS = 12


class Memo(models.Model):
    """A board memo (tjänsteskrivelse) about an agreement, as the administrator writes it.

    Prefilled from the agreement when created (``services.memo_create``); edited in the
    browser; issued as an ``IssuedDocument`` (each issue a new, frozen version)."""

    agreement = agreement_fk("memos", "överenskommelse", on_delete=models.CASCADE)
    kind = models.CharField("typ", max_length=20, choices=MemoKind.choices)
    title = fields.line("rubrik", 300)
    registry_number = registry_number()
    memo_date = models.DateField("datum")
    proposed_decisions = fields.text(
        "förslag till beslut",
        help_text="Ett förslag per rad, i ordning. Numreringen görs i dokumentet.",
    )
    matter = fields.text("ärende")
    decision_basis = fields.text("beslutsunderlag", blank=True, help_text="En bilaga per rad.")
    background = fields.text("bakgrund", blank=True)
    target_group_and_goals = fields.text("målgrupp och målsättning", blank=True)
    economic_consequences = fields.text("ekonomiska konsekvenser", blank=True)
    municipal_goals = fields.text("kommunala mål", blank=True)
    follow_up_and_evaluation = fields.text("uppföljning och utvärdering", blank=True)
    signing_official = fields.line("handläggare", 200)
    office = fields.line("kontor/förvaltning", 200, help_text="T.ex. Omsorgskontoret.")
    created_by = fields.user_fk("skapad av")
    created_at = fields.created_at()
    updated_at = fields.updated_at()
    version = fields.version()
    history = fields.history()

    TEXT_SECTIONS = [
        ("background", "Bakgrund"),
        ("target_group_and_goals", "Målgrupp och målsättning"),
        ("economic_consequences", "Ekonomiska konsekvenser"),
        ("municipal_goals", "Kommunala mål"),
        ("follow_up_and_evaluation", "Uppföljning och utvärdering"),
    ]

    class Meta:
        verbose_name = "tjänsteskrivelse"
        verbose_name_plural = "tjänsteskrivelser"
        ordering = ["agreement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "kind"], name="memo_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"Tjänsteskrivelse: {self.title}"

    @property
    def document_kind(self) -> str:
        return MEMO_DOCUMENT_KIND[MemoKind(self.kind)]

    @property
    def proposal_lines(self) -> list[str]:
        return split_lines(self.proposed_decisions, strip_numbering=True)

    @property
    def decision_basis_lines(self) -> list[str]:
        return split_lines(self.decision_basis)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        proposals = self.proposal_lines
        if not proposals:
            errors["proposed_decisions"] = "Skriv minst ett förslag till beslut."
        elif len(proposals) > MAX_PROPOSALS:
            errors["proposed_decisions"] = f"Högst {MAX_PROPOSALS} förslag till beslut."
        elif any(len(line) > 1000 for line in proposals):
            errors["proposed_decisions"] = "Ett förslag får vara högst 1000 tecken."
        if not (self.matter or "").strip():
            errors["matter"] = "Beskriv ärendet."
        if errors:
            raise ValidationError(errors)


class AnnualReportJob(models.Model):
    """One request to render the annual report of a board for a year, in the background.

    The job row is what the browser polls; the PDF becomes an ``IssuedDocument`` only when
    the render has finished, in the same transaction that marks the job done, so a failed
    or killed render leaves no half document. ``attempt`` grows with every retry: a render
    that finishes after it was given up (a stale attempt) is thrown away.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "I kö"
        RUNNING = "running", "Pågår"
        DONE = "done", "Klar"
        FAILED = "failed", "Misslyckades"

    board = board_fk("annual_report_jobs", "nämnd")
    year = models.PositiveSmallIntegerField("år")
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempt = models.PositiveIntegerField("försök", default=1)
    task_id = models.CharField("uppgiftens id", max_length=64, blank=True, default="")
    error = models.TextField("felmeddelande", blank=True, default="")
    document = models.OneToOneField(
        IssuedDocument,
        verbose_name="dokument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_report_job",
    )
    requested_by = fields.user_fk("beställd av")
    created_at = models.DateTimeField("beställd", default=timezone.now)
    started_at = models.DateTimeField("startad", null=True, blank=True)
    finished_at = models.DateTimeField("klar", null=True, blank=True)

    class Meta:
        verbose_name = "årsrapport (körning)"
        verbose_name_plural = "årsrapporter (körningar)"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year"],
                condition=Q(status__in=["queued", "running"]),
                name="annual_report_one_active_job_per_board_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2200), name="annual_report_year_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Årsrapport {self.year}, {self.board.name} ({self.get_status_display()})"

    @property
    def subject_key(self) -> str:
        return f"namnd-{self.board_id}-{self.year}"


class PreviewRender(models.Model):
    """A preview render running for a user: at most one at a time (``documents.previews``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="användare",
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_at = models.DateTimeField("startad")

    class Meta:
        verbose_name = "pågående förhandsgranskning"
        verbose_name_plural = "pågående förhandsgranskningar"

    def __str__(self) -> str:
        return f"Förhandsgranskning för {self.user_id} sedan {self.started_at:%H:%M:%S}"
