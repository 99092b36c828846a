"""An idea-based party's budget for a year, and repayment claims."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from common.permissions import require
from partnerships.selectors import agreement_for_user

from .. import permissions, selectors, services
from ..forms import BudgetForm, ClaimForm
from ..models import BudgetCategory, PartyBudget
from ._page import finance_form, require_edit


def _budget_initial(budget: PartyBudget | None) -> dict:
    if budget is None:
        return {"version": 0}
    initial = BudgetForm.initial_from(budget, ("own_contribution", "municipal_financing", "note"))
    for line in budget.lines.all():
        initial[f"{line.category}_amount"] = line.amount
        initial[f"{line.category}_label"] = line.label
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int, party_pk: int, year: int) -> HttpResponse:
    agreement = agreement_for_user(request.user, pk)
    party = selectors.idea_based_party_for_user(request.user, agreement, party_pk)
    require_edit(request, agreement)
    require(permissions.year_in_period(agreement, year))
    budget = PartyBudget.objects.filter(party=party, year=year).prefetch_related("lines").first()
    form = BudgetForm(request.POST or None, initial=_budget_initial(budget))
    return finance_form(
        request,
        form,
        lambda: services.budget_save(
            user=request.user,
            agreement=agreement,
            party=party,
            year=year,
            own_contribution=form.cleaned_data["own_contribution"],
            municipal_financing=form.cleaned_data["municipal_financing"],
            lines=form.lines(),
            note=form.cleaned_data["note"],
            expected_version=form.expected_version,
        ),
        agreement=agreement,
        done=f"Budgeten för {year} har sparats.",
        title=f"Budget {year} – {party.organisation.name}",
        extra={"budget_form": True, "categories": BudgetCategory.choices},
    )


CLAIM_FIELDS = ("party", "amount", "reason", "decided_on", "status")


@login_required
@require_http_methods(["GET", "POST"])
def claim_edit(request: HttpRequest, pk: int, claim_pk: int | None = None) -> HttpResponse:
    agreement = agreement_for_user(request.user, pk)
    claim = (
        None if claim_pk is None else selectors.claim_for_user(request.user, agreement, claim_pk)
    )
    require_edit(request, agreement)
    initial = ClaimForm.initial_from(claim, CLAIM_FIELDS)
    form = ClaimForm(request.POST or None, agreement=agreement, initial=initial)
    return finance_form(
        request,
        form,
        form.saving(services.claim_save, user=request.user, agreement=agreement, instance=claim),
        agreement=agreement,
        done="Återbetalningskravet har sparats.",
        title="Ändra återbetalningskrav" if claim else "Nytt återbetalningskrav",
    )
