"""Files attached to an agreement (and optionally to one of its follow-up rounds or economic
reports) or to an initiative. The bytes live in Django's default storage (MEDIA_ROOT or
S3-compatible object storage); a row never points at a public URL: downloads go through a
scoped view.

The owner decides who may see the file: exactly one of the agreement and the initiative
(a check constraint). The initiative is named by a lazy reference ("initiatives.Initiative"):
this app never imports initiatives (which builds on it); the initiatives app scopes, serves
and deletes its own attachments through this app's services. When an initiative becomes
an agreement, its attachments move to the draft agreement, with the initiative as target.
The target is an optional generic relation, so finance and followups can hang attachments
on their objects without this app importing them.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from common import fields
from partnerships.fields import agreement_fk, organisation_fk


class AttachmentKind(models.TextChoices):
    STATUTES = "statutes", "Stadgar"
    ACTIVITY_REPORT = "activity_report", "Verksamhetsberättelse"
    ANNUAL_ACCOUNTS = "annual_accounts", "Årsredovisning"
    AUDIT_REPORT = "audit_report", "Revisionsberättelse"
    SIGNED_AGREEMENT = "signed_agreement", "Signerad överenskommelse"
    MINUTES = "minutes", "Protokoll"
    DE_MINIMIS_DECLARATION = "de_minimis_declaration", "Intyg om stöd av mindre betydelse"
    OTHER = "other", "Övrigt"


# What every idea-based party hands in for each year of the agreement.
REQUIRED_YEARLY_KINDS = (
    AttachmentKind.ACTIVITY_REPORT,
    AttachmentKind.ANNUAL_ACCOUNTS,
    AttachmentKind.AUDIT_REPORT,
)


def storage_name(instance: "Attachment", filename: str) -> str:
    """Where the bytes are stored: a random name, never anything the user typed."""
    owner = instance.agreement_id or f"initiativ-{instance.initiative_id}"
    return f"attachments/{owner}/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet):
    def active(self) -> "AttachmentQuerySet":
        return self.filter(deleted_at__isnull=True)


class Attachment(models.Model):
    agreement = agreement_fk("attachments", "överenskommelse", null=True)
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        verbose_name="initiativ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    organisation = organisation_fk(
        "attachments", "organisation", help_text="Den part vars dokument det är."
    )
    kind = models.CharField("typ av dokument", max_length=30, choices=AttachmentKind.choices)
    year = fields.year("avser år")
    file = models.FileField("fil", upload_to=storage_name, max_length=200)
    name = fields.line("filnamn", 130)
    content_type = models.CharField("filtyp", max_length=100)
    size = models.PositiveBigIntegerField("storlek (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    uploaded_by = fields.user_fk()
    uploaded_at = fields.created_at("uppladdad")
    deleted_at = models.DateTimeField("borttagen", null=True, blank=True)
    deleted_by = fields.user_fk(null=True)
    history = fields.history()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "bilaga"
        verbose_name_plural = "bilagor"
        ordering = ["-year", "kind", "pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_type__isnull=True, target_id__isnull=True)
                | Q(target_type__isnull=False, target_id__isnull=False),
                name="attachment_target_complete",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
            models.CheckConstraint(
                condition=Q(agreement__isnull=False, initiative__isnull=True)
                | Q(agreement__isnull=True, initiative__isnull=False),
                name="attachment_exactly_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.name}"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
