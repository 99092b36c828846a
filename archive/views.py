"""Downloads of an agreement's archive package and auditors' dossier."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from common.permissions import Decision, allow, deny, permitted, require
from partnerships.models import Agreement, Sector, User
from partnerships.selectors import agreement_for_user

from . import package


def can_export_records(user: User, agreement: Agreement) -> Decision:
    """Administrators and board staff of the agreement's public party."""
    if user.is_superuser:
        return allow()
    staff = user.is_administrator or user.is_board_staff
    public = any(
        p.organisation_id == user.organisation_id and p.role == Sector.PUBLIC
        for p in agreement.parties.all()
    )
    if staff and public:
        return allow()
    return deny("Bara den offentliga partens handläggare och nämndsekreterare tar ut arkivpaket.")


def _zip_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def archive_package(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(request.user, agreement_for_user, pk, can_export_records)
    if not package.is_closed(agreement):
        require(deny("Bara avslutade eller uppsagda överenskommelser kan arkiveras."))
    return _zip_response(*package.archive_package(agreement))


@login_required
@require_GET
def auditors_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(request.user, agreement_for_user, pk, can_export_records)
    return _zip_response(*package.auditors_dossier(agreement))
