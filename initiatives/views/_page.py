from .. import selectors
from ..forms import AgreementDraftForm, CompletionForm, StatusForm
from ..models import Initiative


def detail_context(initiative: Initiative, *, handles: bool, **forms) -> dict:
    """What the initiative page shows; ``forms`` replaces a form that failed (input kept)."""
    initial = {"version": initiative.version}
    return {
        "initiative": initiative,
        "assessment": selectors.assessment_of(initiative),
        "handles": handles,
        "status_form": StatusForm(initial={**initial, "status": initiative.status}),
        "completion_form": CompletionForm(initial=initial),
        "agreement_form": AgreementDraftForm(initial=initial),
    } | forms
