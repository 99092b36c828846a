"""Writes of attachments: checks first, then the bytes to storage and the row, atomically.

An upload is refused (``ValidationError`` on ``file``, Swedish) when it is too big, when its
content is not an allowed type (whatever its name says), when it is a zip bomb, or when its
text holds a personal identity or coordination number. Deleting is soft: the row and the
bytes stay, with who and when in the history.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from common.permissions import require
from common.privacy import reject_personal_numbers
from partnerships.models import Agreement, Organisation, User

from . import registry, sniff
from .models import Attachment
from .permissions import can_delete, can_upload, upload_organisations

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    return int(getattr(settings, "IOP_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "") + " MB"


def _privacy_check(text: str) -> None:
    """The project's one guard for personal identity numbers, with its one message. (Only
    the numbers: a PDF's extracted text has control characters that are no one's doing.)"""
    reject_personal_numbers(text)


def read_upload(uploaded: Any) -> bytes:
    """The upload's bytes, refusing one over the limit before reading it all."""
    limit = max_bytes()
    size = getattr(uploaded, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            {
                "file": f"Filen är för stor ({_megabytes(size)}). Största tillåtna storlek är "
                f"{_megabytes(limit)}."
            }
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            {"file": f"Filen är för stor. Största tillåtna storlek är {_megabytes(limit)}."}
        )
    if not data:
        raise ValidationError({"file": "Filen är tom."})
    return data


def check_content(data: bytes) -> sniff.FileType:
    """Type from the content, zip-bomb check, and the privacy guard on the text."""
    try:
        file_type = sniff.detect_type(data)
        text = sniff.extract_text(data, file_type)
    except sniff.UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from exc
    try:
        _privacy_check(text)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    return file_type


def _check_target(user: User, agreement: Agreement, target: Model | None) -> None:
    if target is None:
        return
    rule = registry.target_rule(type(target))
    if rule is None or getattr(target, "agreement_id", None) != agreement.pk:
        raise PermissionDenied("Bilagan kan inte kopplas hit.")
    require(rule(user, target))


def attachment_store(
    *,
    user: User,
    organisation: Organisation,
    kind: str,
    year: int,
    uploaded: Any,
    years: tuple[int, int],
    agreement: Agreement | None = None,
    initiative: Model | None = None,
    target: Model | None = None,
    years_text: str = "",
) -> Attachment:
    """The checks every upload passes and the write, for exactly one owner (an agreement or
    an initiative). Permissions are the caller's: ``attachment_upload`` for an agreement,
    the initiatives app for an initiative. ``years``: the years the document may describe."""
    first, last = years
    errors: dict[str, list[str]] = {}
    if not first <= year <= last:
        errors["year"] = [f"Året ska ligga mellan {first} och {last}{years_text}."]
    try:
        data = read_upload(uploaded)
        file_type = check_content(data)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    attachment = Attachment(
        agreement=agreement,
        initiative=initiative,
        organisation=organisation,
        kind=kind,
        year=year,
        name=sniff.sanitise_name(getattr(uploaded, "name", ""), file_type),
        content_type=file_type.mime,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user,
    )
    if target is not None:
        attachment.target_type = ContentType.objects.get_for_model(target)
        attachment.target_id = target.pk
    attachment.full_clean(exclude=["file"])
    attachment.file.save(attachment.name, ContentFile(data), save=False)
    stored = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_upload(
    *,
    user: User,
    agreement: Agreement,
    organisation: Organisation,
    kind: str,
    year: int,
    uploaded: Any,
    target: Model | None = None,
) -> Attachment:
    require(can_upload(user, agreement))
    if organisation.pk not in {o.pk for o in upload_organisations(user, agreement)}:
        raise PermissionDenied("Du kan bara ladda upp den egna organisationens dokument.")
    _check_target(user, agreement, target)
    return attachment_store(
        user=user,
        agreement=agreement,
        organisation=organisation,
        kind=kind,
        year=year,
        uploaded=uploaded,
        years=(agreement.period_start.year - 1, agreement.period_end.year + 1),
        target=target,
        years_text=" (överenskommelsens period)",
    )


def attachment_soft_delete(*, user: User, attachment: Attachment) -> Attachment:
    """Hide the attachment from lists, keep the row, the bytes and the history. Refused
    while an issued document (or another keeper) refers to it. The caller checks who may."""
    if attachment.is_deleted:
        return attachment
    reason = registry.kept_reason(attachment)
    if reason:
        raise ValidationError(reason)
    attachment.deleted_at = timezone.now()
    attachment.deleted_by = user
    attachment.save(update_fields=["deleted_at", "deleted_by"])
    return attachment


@transaction.atomic
def attachment_delete(*, user: User, attachment: Attachment) -> Attachment:
    """Soft delete of an agreement's attachment (see ``attachment_soft_delete``)."""
    require(can_delete(user, attachment))
    return attachment_soft_delete(user=user, attachment=attachment)


@transaction.atomic
def attachments_move_to_agreement(
    *, attachments: list[Attachment], agreement: Agreement, origin: Model
) -> None:
    """An initiative became ``agreement``: its attachments (deleted ones too, with their
    history) now belong to the agreement, the initiative kept as their target."""
    origin_type = ContentType.objects.get_for_model(origin)
    for attachment in attachments:
        attachment.agreement = agreement
        attachment.initiative = None
        attachment.target_type, attachment.target_id = origin_type, origin.pk
        attachment.save(update_fields=["agreement", "initiative", "target_type", "target_id"])


def attachment_bytes(attachment: Attachment) -> bytes:
    with attachment.file.storage.open(attachment.file.name, "rb") as handle:
        return handle.read()
