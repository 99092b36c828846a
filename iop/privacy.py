"""Where the text guard (``common.privacy``) applies, across all apps: the ONE list of
exemptions, each with its reason.

Every ``CharField`` and ``TextField`` (``EmailField`` is a ``CharField``) of every concrete
model of the project's apps carries ``LINE_GUARD`` (one-line fields) or ``TEXT_GUARD``
(multi-line text) in its validators, so ModelForms, the admin and each service's
``full_clean()`` refuse a personnummer. History models copy their model's fields with the
validators. ``tests/integrity/test_text_guard_coverage.py`` walks ``apps.get_models()`` and
fails for a text field that has neither the guard nor an entry below, so a field added
later is guarded or deliberately exempted here. ``scan_personal_numbers`` uses the same
lists to scan an existing database.

This module sits on the top floor because it names the models of every app.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q

from common.privacy import (
    find_personal_numbers,
    reject_control_characters,
    reject_line_breaks,
    reject_personal_numbers,
)


def _project_app_labels() -> tuple[str, ...]:
    """The apps that live in this repository (not in site-packages): a new app is covered
    without being named here."""
    base = Path(settings.BASE_DIR).resolve()
    labels = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and "site-packages" not in path.parts:
            labels.append(config.label)
    return tuple(labels)


PROJECT_APPS = _project_app_labels()

# "app_label.Model.field" -> why the field does not carry the guard. ``scan``: whether the
# scanner still reads it (machine values such as hashes and tokens would only give false
# alarms: a hex digest can hold ten digits in a row).
EXEMPT_FIELDS: dict[str, tuple[str, bool]] = {
    "partnerships.Organisation.organisation_number": (
        "Validated as an organisation number (validate_organisation_number), which refuses a "
        "personnummer by its third digit; the personal number message would be the wrong one.",
        True,
    ),
    "partnerships.User.password": ("A password hash written by set_password.", False),
    "followups.CalendarFeed.token": ("A random token made by secrets.token_urlsafe.", False),
    "followups.SentReminder.key": (
        "A key composed by code from a kind, object ids and the recipient (guarded in "
        "SentReminder.recipient and at its source, the contact's e-mail).",
        False,
    ),
    "finance.Payment.form_token": ("A random token against double submission.", False),
    "documents.IssuedDocument.sha256": ("A hex digest of the PDF.", False),
    "attachments.HistoricalAttachment.file": (
        "The storage key: a random name made by the app, never the user's file name (the "
        "sanitised name is in Attachment.name, which is guarded).",
        False,
    ),
    "attachments.Attachment.content_type": ("The type detected from the content.", False),
    "attachments.Attachment.sha256": ("A hex digest of the file.", False),
    "partnerships.AuditEvent.action": ("A fixed event name written by the code.", False),
    "partnerships.AuditEvent.target_type": ("'app_label.model' of the event's object.", False),
    "accounts.Invitation.token_hash": ("SHA-256 of the invitation token.", False),
    "accounts.ElegitimationLink.subject_hmac": (
        "HMAC-SHA256 of the e-legitimation's personal number: the number itself is stored "
        "nowhere; a hex digest can hold ten digits in a row, so the guard would refuse at random.",
        False,
    ),
    "drafts.Draft.stash_key": ("SHA-256 of a random cookie value.", False),
    "drafts.Draft.path": (
        "The path of the form's page, made of the URL's ids and slugs (the typed values in "
        "Draft.fields pass the guard in drafts.services.split_private and are scanned).",
        True,
    ),
    "documents.IssuedDocument.data_sha256": ("A hex digest of the document's data.", False),
    "documents.AnnualReportJob.task_id": ("The task backend's id of the job.", False),
    "documents.AnnualReportJob.error": (
        "An error message written by the worker, never typed by a user.",
        True,
    ),
}

# Fields that simple_history adds to every history model (the tracked fields themselves
# are copies and carry the guard).
HISTORY_FIELDS: dict[str, tuple[str, bool]] = {
    "history_change_reason": (
        "simple_history's change reason: set only by code (no code here sets it).",
        True,
    ),
}

# Apps that are not ours: their models are outside this project's model layer. The reason
# says why that is acceptable; ``scan`` whether the scanner reads their text fields.
THIRD_PARTY_APPS: dict[str, tuple[str, bool]] = {
    "admin": (
        "LogEntry: object_repr/change_message are written by the admin from guarded objects.",
        True,
    ),
    "auth": ("Permission and Group names are defined by code and operators.", False),
    "contenttypes": ("Model names.", False),
    "sessions": ("Signed session data written by Django.", False),
    "axes": (
        "Login attempts written by django-axes (a username typed at login is not stored by "
        "us, and axes purges attempts after its cool-off).",
        True,
    ),
    "django_tasks_database": ("Task arguments (ids) and tracebacks written by the worker.", False),
    "otp_totp": ("Two-factor devices: a device name and a secret key made by django-otp.", False),
    "otp_static": ("Backup codes and their device, made by django-otp.", False),
    "account": (
        "allauth's e-mail addresses, copied from the user's guarded e-mail at sign-in.",
        True,
    ),
    "socialaccount": (
        "allauth's identity provider apps (configured by operators) and accounts (the "
        "provider's subject id and claims). Scanned: a provider that sends a personal number "
        "as subject or claim shows up here and must be configured not to.",
        True,
    ),
}


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's own text columns: CharField (EmailField included) and TextField."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)
    ]


def is_history_model(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type") and model.__name__.startswith("Historical")


def field_label(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.label}.{field.name}"


def exemption(model: type[models.Model], field: models.Field) -> tuple[str, bool] | None:
    """(reason, scan) when the field is exempt, else None."""
    if field.choices:
        return ("Limited to its choices, which Django validates.", False)
    if is_history_model(model):
        if field_label(model, field) in EXEMPT_FIELDS:  # a column only history keeps as text
            return EXEMPT_FIELDS[field_label(model, field)]
        if field.name in HISTORY_FIELDS:
            return HISTORY_FIELDS[field.name]
        tracked = model.instance_type
        try:
            original = tracked._meta.get_field(field.name)
        except Exception:  # noqa: BLE001 - a history-only column is not exempt
            return None
        return exemption(tracked, original)
    return EXEMPT_FIELDS.get(field_label(model, field))


def has_guard(field: models.Field) -> bool:
    """The personal number check plus the character check for the field's kind: one-line
    for a CharField, multi-line for a TextField."""
    characters = (
        reject_line_breaks if isinstance(field, models.CharField) else reject_control_characters
    )
    return all(check in field.validators for check in (reject_personal_numbers, characters))


def project_models() -> Iterator[type[models.Model]]:
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS and not model._meta.abstract:
            yield model


def scanned_fields(model: type[models.Model]) -> list[models.Field]:
    """Text and JSON columns the scanner reads for this model."""
    label = model._meta.app_label
    if label not in PROJECT_APPS and not THIRD_PARTY_APPS.get(label, ("", False))[1]:
        return []
    fields = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.JSONField):
            fields.append(field)
        elif isinstance(field, models.CharField | models.TextField):
            exempt = exemption(model, field) if label in PROJECT_APPS else None
            if exempt is None or exempt[1]:
                fields.append(field)
    return fields


@dataclass(frozen=True)
class Finding:
    model: str  # "partnerships.Organisation"
    pk: object
    field: str
    kind: str  # "personnummer" or "samordningsnummer"
    masked: str  # the number with all but its first two digits hidden


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)


def scan_model(model: type[models.Model], *, today: dt.date | None = None) -> Iterator[Finding]:
    """Rows of one model whose text holds a personal number. Reads only."""
    fields = scanned_fields(model)
    if not fields:
        return
    text_names = [f.name for f in fields if not isinstance(f, models.JSONField)]
    json_names = [f.name for f in fields if isinstance(f, models.JSONField)]
    queryset = model._base_manager.order_by("pk")
    if not json_names:
        # Only rows with four digits in a row can hold a number: let the database skip the rest.
        digits = Q()
        for name in text_names:
            digits |= Q(**{f"{name}__regex": r"[0-9]{4}"})
        queryset = queryset.filter(digits)
    names = text_names + json_names
    for row in queryset.values_list("pk", *names).iterator(chunk_size=1000):
        pk, values = row[0], row[1:]
        for name, value in zip(names, values, strict=True):
            for hit in find_personal_numbers(_as_text(value), today=today):
                yield Finding(model._meta.label, pk, name, hit.kind, hit.masked)


def scan_database(*, today: dt.date | None = None) -> Iterator[Finding]:
    """Every stored personal number, history tables included, model by model. Reads only."""
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            yield from scan_model(model, today=today)
