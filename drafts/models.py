"""One row per person and form page: what they typed there and have not saved yet."""

from django.db import models
from django.db.models import Q

from common import fields


class Draft(models.Model):
    class Kind(models.TextChoices):
        AUTOSAVE = "autosave", "Sparat automatiskt"
        KEPT = "kept", "Sparat när inloggningen gått ut"

    # The person it belongs to; empty only for form data kept after a session expired
    # without a known user, then found again by ``stash_key`` (the hash of a random value
    # in an HttpOnly cookie) and claimed by whoever signs in in that browser.
    user = fields.user_fk(on_delete=models.CASCADE, null=True)
    stash_key = models.CharField(max_length=64, blank=True, default="")
    # The form's identity: the path of the page that shows it (it names the object).
    path = models.CharField(max_length=500)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    fields = models.JSONField(default=dict)
    updated_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = "utkast"
        verbose_name_plural = "utkast"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "path"], condition=Q(user__isnull=False), name="draft_per_user"
            ),
            models.UniqueConstraint(
                fields=["stash_key", "path"],
                condition=Q(user__isnull=True),
                name="draft_per_stash",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(stash_key=""), name="draft_has_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"Utkast {self.path}"
