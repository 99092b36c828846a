from .. import selectors
from ..forms import AgreementDraftForm, CompletionForm, InitiativeAttachmentForm, StatusForm
from ..models import Initiative
from ..permissions import can_attach, can_complete


def detail_context(initiative: Initiative, *, user, handles: bool, **forms) -> dict:
    """What the initiative page shows; ``forms`` replaces a form that failed (input kept)."""
    initial = {"version": initiative.version}
    may_attach = can_attach(user, initiative).allowed
    return {
        "initiative": initiative,
        "assessment": selectors.assessment_of(initiative),
        "handles": handles,
        "attachments": selectors.initiative_attachments(user, initiative),
        "moved_attachments": selectors.moved_attachments(user, initiative),
        "may_attach": may_attach,
        "may_complete": can_complete(user, initiative).allowed,
        "upload_form": InitiativeAttachmentForm() if may_attach else None,
        "status_form": StatusForm(initial={**initial, "status": initiative.status}),
        "completion_form": CompletionForm(initial=initial),
        "agreement_form": AgreementDraftForm(initial=initial),
    } | forms
