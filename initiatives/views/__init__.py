from .assessment import assessment_edit, de_minimis_csv, declared_aid_add
from .documents import (
    attachment_delete,
    attachment_download,
    attachment_upload,
    initiative_complete,
)
from .handling import initiative_agreement, initiative_completion, initiative_status
from .intake import initiative_create, initiative_detail, initiative_list

__all__ = [
    "attachment_delete",
    "attachment_download",
    "attachment_upload",
    "initiative_complete",
    "assessment_edit",
    "de_minimis_csv",
    "declared_aid_add",
    "initiative_agreement",
    "initiative_completion",
    "initiative_create",
    "initiative_detail",
    "initiative_list",
    "initiative_status",
]
