"""Per public body: whether its IOP list is public, at which address, and what it hides."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from common import fields
from partnerships.models import Organisation

SLUG_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9-]{1,58}[a-z0-9]$",
    "Adressen får bara innehålla små bokstäver a–z, siffror och bindestreck och måste "
    "börja med en bokstav.",
)

RESERVED_SLUGS = {"schema"}

# The fields a public body may hide. Title, parties and period are always shown: without
# them a row says nothing.
HIDEABLE_FIELDS = {
    "hide_organisation_numbers": "organisation_number",
    "hide_board": "board",
    "hide_registry_number": "registry_number",
    "hide_compensation": "compensation",
}


class Publication(models.Model):
    organisation = models.OneToOneField(
        Organisation,
        verbose_name="offentlig organisation",
        on_delete=models.CASCADE,
        related_name="publication",
    )
    enabled = models.BooleanField(
        "publicera listan",
        default=False,
        help_text="Listan och de öppna data visas för alla, utan inloggning.",
    )
    slug = fields.line(
        "adress",
        60,
        validators=[SLUG_VALIDATOR],
        unique=True,
        help_text="Listan finns på /offentlig/ADRESS/. Ändra den inte när den är publicerad: "
        "andra länkar dit.",
    )
    hide_organisation_numbers = models.BooleanField("dölj organisationsnummer", default=False)
    hide_board = models.BooleanField("dölj ansvarig nämnd", default=False)
    hide_registry_number = models.BooleanField("dölj diarienummer", default=False)
    hide_compensation = models.BooleanField("dölj ersättning per år", default=False)
    version = fields.version()
    updated_at = fields.updated_at()

    class Meta:
        verbose_name = "publicering"
        verbose_name_plural = "publiceringar"
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=r"^[a-z][a-z0-9-]{1,58}[a-z0-9]$"),
                name="publication_slug_format",
            )
        ]

    def __str__(self) -> str:
        return f"Publicering för {self.organisation}"

    def clean(self) -> None:
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": "Den adressen används redan av registret."})

    def shows(self, field: str) -> bool:
        """``shows("board")``: False when the body hides that field."""
        for flag, name in HIDEABLE_FIELDS.items():
            if name == field:
                return not getattr(self, flag)
        return True
