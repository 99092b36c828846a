"""Field shapes every app's models declare: declared here once, called by each model.

Factories rather than abstract base models, so that a field keeps its place in the model's
field order (an abstract parent's fields come first), which the history pages and the
privacy checks walk. Each factory returns exactly the field the models declared before, so
the schema (and the migrations) do not change.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from .privacy import LINE_GUARD, TEXT_GUARD

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2200)]


def version() -> models.PositiveIntegerField:
    """The row's edit version, compared on save (``common.versioning``)."""
    return models.PositiveIntegerField(default=1, editable=False)


def created_at(label: str | None = None) -> models.DateTimeField:
    return models.DateTimeField(label, auto_now_add=True)


def updated_at() -> models.DateTimeField:
    return models.DateTimeField(auto_now=True)


def history(*excluded: str, **options) -> HistoricalRecords:
    """simple-history's records of a model, leaving out the named fields (``version``,
    ``updated_at``: bookkeeping, not a change anyone made)."""
    return HistoricalRecords(excluded_fields=list(excluded), **options)


def line(label: str, max_length: int, *, validators=(), **options) -> models.CharField:
    """A one-line text the privacy guard checks (no personal identity number)."""
    return models.CharField(
        label, max_length=max_length, validators=[*LINE_GUARD, *validators], **options
    )


def text(label: str, **options) -> models.TextField:
    """A free text the privacy guard checks (no personal identity number)."""
    return models.TextField(label, validators=TEXT_GUARD, **options)


def year(label: str = "år", **options) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=YEAR_VALIDATORS, **options)


def position(default: int = 0) -> models.PositiveSmallIntegerField:
    """Where a row stands in its list (a goal, a responsibility, an indicator)."""
    return models.PositiveSmallIntegerField("ordning", default=default)


def optional(**options) -> dict:
    """``null=True, blank=True`` with the other options."""
    return {"null": True, "blank": True, **options}


def user_fk(
    verbose_name: str | None = None,
    *,
    on_delete=models.PROTECT,
    related_name: str = "+",
    null: bool = False,
    **options,
) -> models.ForeignKey:
    """Who did something (created, submitted, assessed ...); ``null`` also makes it blank."""
    if null:
        options = optional(**options)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=on_delete,
        related_name=related_name,
        **options,
    )


def decided_on(**options) -> models.DateField:
    """The date of a decision (a board's, an administrator's)."""
    return models.DateField("beslutsdatum", **options)


class ReportStatus(models.TextChoices):
    """Where a partner's report stands: the follow-up's notes and figures, the economic
    report. A draft is the partner's own; a submitted report is locked until reopened."""

    DRAFT = "draft", "Utkast"
    SUBMITTED = "submitted", "Inlämnad"
