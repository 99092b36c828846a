"""A draft economic report is private to the party's organisation until it is submitted,
and so are the files attached to it: registered with ``attachments.registry``."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import EconomicReport, EconomicReportStatus


def draft_report_attachments(user) -> Q:
    """The attachments of the draft reports of other organisations than the user's (all
    drafts for a document, ``user`` None)."""
    drafts = EconomicReport.objects.filter(status=EconomicReportStatus.DRAFT)
    organisation_id = getattr(user, "organisation_id", None) if user is not None else None
    if organisation_id and user.is_authenticated:
        drafts = drafts.exclude(party__organisation_id=organisation_id)
    return Q(
        target_type=ContentType.objects.get_for_model(EconomicReport),
        target_id__in=drafts.values("pk"),
    )
