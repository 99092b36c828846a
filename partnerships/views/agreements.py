"""Thin views of the register: load via selectors, check permissions, call services."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from common import pagecache
from common.deletion import deletion_stop
from common.errors import CONCURRENT_EDIT_MESSAGE, ConcurrentEditError
from common.forms import apply_validation_error, shown_without_errors, submit_or_page
from common.permissions import permitted, require

from .. import permissions, selectors, services
from ..amendments import as_amended
from ..boards import agreement_board_decisions, label_amendment_boards
from ..forms import (
    AgreementForm,
    AgreementSearchForm,
    GoalFormSet,
    PartyFormSet,
    RenewalDecisionForm,
    RenewalStartForm,
    ResponsibilityFormSet,
    SignatoryFormSet,
    TerminationForm,
)
from ..history import agreement_history
from ..models import Organisation, Party, Sector
from ..renewal_effects import renewal_decline_effects
from ..rules import STATUS_LABELS, months_and_days_left
from ..tabs import agreement_tabs


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, settings.IOP_PAGINATE_BY).get_page(request.GET.get("sida"))


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    # The body is cached per user and data version (common.pagecache).
    body = pagecache.fragment(
        request,
        "agreement_list",
        "partnerships/agreement_list_body.html",
        lambda: _agreement_list_body(request),
    )
    return render(request, "partnerships/agreement_list.html", {"body": body})


def _agreement_list_body(request: HttpRequest) -> dict:
    visible = selectors.agreements_visible_to(request.user)
    form = AgreementSearchForm(
        request.GET or None,
        status_choices=[(s.value, label) for s, label in STATUS_LABELS.items()],
        # A semi-join on the user's parties, not DISTINCT over a join of every party row.
        party_queryset=Organisation.objects.filter(
            pk__in=Party.objects.filter(agreement__in=visible).values("organisation_id")
        ).order_by("name"),
    )
    agreements = (
        visible.with_status()
        .select_related("termination")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )
        .order_by("-period_start", "title", "pk")
    )
    if form.is_valid():
        agreements = selectors.agreements_matching(agreements, **form.cleaned_data)
    query = request.GET.copy()
    query.pop("sida", None)
    return {
        "form": form,
        "page": _page(request, agreements),
        "query_string": query.urlencode(),
        "can_create": permissions.can_create_agreement(request.user),
    }


def _as_amended_with_boards(agreement):
    amended = as_amended(agreement)
    label_amendment_boards(amendment for amendment, _ in amended.items)
    return amended


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.agreement_detail_for_user(request.user, pk)
    chain = selectors.agreement_chain_for_user(request.user, agreement)
    today = timezone.localdate()
    months, days = months_and_days_left(today=today, end=agreement.effective_end)
    return render(
        request,
        "partnerships/agreement_detail.html",
        {
            "agreement": agreement,
            "tabs": agreement_tabs(),
            "active_tab": "overview",
            "can_edit": permissions.can_edit_agreement(request.user, agreement),
            "history": agreement_history(agreement),
            "chain": chain,
            "successor_visible": any(
                link.visible for link in chain if link.predecessor_id == agreement.pk
            ),
            "months_left": months,
            "days_left": days,
            "today": today,
            "renewal_form": RenewalStartForm(),
            "decision_form": RenewalDecisionForm(),
            "board_decisions": agreement_board_decisions(agreement),
            "as_amended": _as_amended_with_boards(agreement),
        },
    )


@login_required
@require_http_methods(["POST"])
def renewal_start(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_for_user, pk, permissions.can_start_renewal
    )
    form = RenewalStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ange en förlängning på mellan 1 och 10 år.")
        return redirect(agreement)
    try:
        successor = services.agreement_start_renewal(
            agreement=agreement, years=form.cleaned_data["years"], user=request.user
        )
    except services.RenewalError as error:
        messages.error(request, str(error))
        return redirect(agreement)
    messages.success(
        request,
        f"Ett utkast till ny överenskommelse {successor.period_start:%Y-%m-%d} – "
        f"{successor.period_end:%Y-%m-%d} har skapats. Granska det och registrera "
        "nämndens beslut när det är fattat.",
    )
    return redirect(successor)


@login_required
@require_http_methods(["GET", "POST"])
def renewal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_for_user, pk, permissions.can_decide_renewal
    )
    form = RenewalDecisionForm(request.POST or None)
    declining_removes = renewal_decline_effects(agreement)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.renewal_decide(agreement=agreement, user=request.user, **form.cleaned_data)
            except services.RenewalError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Nämndens beslut om förnyelse har registrerats.")
                return redirect(agreement)
        status = 400
    return render(
        request,
        "partnerships/renewal_decision_form.html",
        {"agreement": agreement, "form": form, "declining_removes": declining_removes},
        status=status,
    )


ADD_PARTY = "add_party"


def _agreement_forms(request, *, agreement=None):
    user = request.user
    data = request.POST if request.method == "POST" else None
    if data is not None and ADD_PARTY in data:
        # "Lägg till part" (works without JavaScript): the same input, one more party row.
        data = data.copy()
        total = data.get("parties-TOTAL_FORMS", "0")
        data["parties-TOTAL_FORMS"] = str(int(total) + 1 if total.isdigit() else 1)
    visible = selectors.agreements_visible_to(user)
    form = AgreementForm(data, instance=agreement, user=user, visible_agreements=visible)
    initial_parties = None
    if agreement is None and user.organisation_id:
        initial_parties = [{"organisation": user.organisation_id, "role": Sector.PUBLIC}]
    goal_formset = GoalFormSet(data, instance=agreement, prefix="goals")
    party_formset = PartyFormSet(
        data, instance=agreement, prefix="parties", user=user, initial=initial_parties
    )
    return form, goal_formset, party_formset


def _render_agreement_form(
    request, form, goal_formset, party_formset, agreement=None, status=200, deletion=None
):
    return render(
        request,
        "partnerships/agreement_form.html",
        {
            "form": form,
            "goal_formset": goal_formset,
            "party_formset": party_formset,
            "agreement": agreement,
            "deletion": deletion,
            "formset_errors": any(goal_formset.errors)
            or any(party_formset.errors)
            or goal_formset.non_form_errors()
            or party_formset.non_form_errors(),
        },
        status=status,
    )


def _with_one_more_party(request, form, goal_formset, party_formset, agreement=None):
    shown_without_errors(form, goal_formset, party_formset)
    return _render_agreement_form(request, form, goal_formset, party_formset, agreement)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_create_agreement(request.user))
    form, goal_formset, party_formset = _agreement_forms(request)
    if ADD_PARTY in request.POST:
        return _with_one_more_party(request, form, goal_formset, party_formset)
    return submit_or_page(
        request,
        form,
        lambda: services.agreement_create(
            user=request.user, form=form, goal_formset=goal_formset, party_formset=party_formset
        ),
        also=[goal_formset, party_formset],
        done="Överenskommelsen har sparats.",
        to=lambda created: created,
        page=lambda status: _render_agreement_form(
            request, form, goal_formset, party_formset, status=status
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_update(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_for_user, pk, permissions.can_edit_agreement
    )
    form, goal_formset, party_formset = _agreement_forms(request, agreement=agreement)
    if ADD_PARTY in request.POST:
        return _with_one_more_party(request, form, goal_formset, party_formset, agreement)
    if request.method == "POST":
        if form.is_valid() and goal_formset.is_valid() and party_formset.is_valid():
            if stop := deletion_stop(request.POST, goal_formset, party_formset):
                return _render_agreement_form(
                    request, form, goal_formset, party_formset, agreement,
                    status=400 if stop.refused else 200, deletion=stop,
                )  # fmt: skip
            try:
                expected = form.cleaned_data["version"]
                services.agreement_update(
                    user=request.user,
                    agreement=agreement,
                    expected_version=expected,
                    form=form,
                    goal_formset=goal_formset,
                    party_formset=party_formset,
                )
            except ConcurrentEditError:
                form.add_error(None, CONCURRENT_EDIT_MESSAGE)
                return _render_agreement_form(
                    request, form, goal_formset, party_formset, agreement, status=409
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
                return _render_agreement_form(
                    request, form, goal_formset, party_formset, agreement, status=400
                )
            messages.success(request, "Ändringarna har sparats.")
            return redirect(agreement)
        return _render_agreement_form(
            request, form, goal_formset, party_formset, agreement, status=400
        )
    return _render_agreement_form(request, form, goal_formset, party_formset, agreement)


@login_required
@require_http_methods(["GET", "POST"])
def party_update(request: HttpRequest, pk: int, party_pk: int) -> HttpResponse:
    agreement = selectors.agreement_for_user(request.user, pk)
    party = selectors.party_for_user(request.user, agreement, party_pk)
    require(permissions.can_edit_agreement(request.user, agreement))
    data = request.POST if request.method == "POST" else None
    responsibility_formset = ResponsibilityFormSet(data, instance=party, prefix="resp")
    signatory_formset = SignatoryFormSet(data, instance=party, prefix="sign")
    status = 200
    if request.method == "POST":
        if responsibility_formset.is_valid() and signatory_formset.is_valid():
            services.party_update(
                party=party,
                responsibility_formset=responsibility_formset,
                signatory_formset=signatory_formset,
            )
            messages.success(request, f"Uppgifterna för {party.display_name} har sparats.")
            return redirect(agreement)
        status = 400
    return render(
        request,
        "partnerships/party_form.html",
        {
            "agreement": agreement,
            "party": party,
            "responsibility_formset": responsibility_formset,
            "signatory_formset": signatory_formset,
            "formset_errors": status == 400,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def termination_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = permitted(
        request.user, selectors.agreement_for_user, pk, permissions.can_terminate_agreement
    )
    data = request.POST if request.method == "POST" else None
    form = TerminationForm(data, agreement=agreement)
    return submit_or_page(
        request,
        form,
        lambda: services.termination_create(
            agreement=agreement, user=request.user, **form.cleaned_data
        ),
        done="Uppsägningen har registrerats.",
        to=agreement,
        page=lambda status: render(
            request,
            "partnerships/termination_form.html",
            {"agreement": agreement, "form": form},
            status=status,
        ),
    )
