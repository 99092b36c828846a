"""Views of the organisation register and the contact people each organisation keeps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from common.deletion import deletion_stop
from common.forms import submit_or_page
from common.permissions import permitted, require

from .. import permissions, selectors, services
from ..forms import ContactFormSet, OrganisationForm
from ..models import ContactPerson, Organisation
from .agreements import _page


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    # A NUL byte cannot be sent to PostgreSQL (it would be a 500): it is dropped here.
    q = request.GET.get("q", "").replace("\x00", "").strip()
    organisations = Organisation.objects.order_by("name", "pk")
    if q:
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(organisation_number__icontains=q)
        )
    return render(
        request,
        "partnerships/organisation_list.html",
        {
            "page": _page(request, organisations),
            "q": q,
            "query_string": urlencode({"q": q}) if q else "",
            "can_create": permissions.can_manage_organisations(request.user),
        },
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_for_user(request.user, pk)
    user = request.user
    return render(
        request,
        "partnerships/organisation_detail.html",
        {
            "organisation": organisation,
            "contacts": selectors.contacts_for_user(user, organisation),
            "shows_contacts": selectors.works_with_organisation(user, organisation),
            "predecessors": organisation.predecessors.all(),
            "agreements": selectors.organisation_agreements_for_user(user, organisation),
            "can_edit": permissions.can_edit_organisation(user, organisation),
            "can_edit_contacts": permissions.can_edit_contacts(user, organisation),
        },
    )


def _contact_formset(request: HttpRequest, organisation, owner):
    """The contacts ``owner`` keeps about ``organisation`` (none yet for a new one)."""
    data = request.POST if request.method == "POST" else None
    queryset = ContactPerson.objects.filter(organisation=organisation, owner=owner)
    if organisation is None:
        queryset = ContactPerson.objects.none()
    return ContactFormSet(data, instance=organisation, queryset=queryset, prefix="contacts")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    require(permissions.can_manage_organisations(request.user))
    form = OrganisationForm(request.POST or None)
    contact_formset = _contact_formset(request, None, None)
    return submit_or_page(
        request,
        form,
        lambda: services.organisation_create(
            user=request.user, form=form, contact_formset=contact_formset
        ),
        also=[contact_formset],
        done="Organisationen har sparats.",
        to=lambda _: form.instance,
        page=lambda status: _organisation_form(request, form, contact_formset, None, status),
    )


def _organisation_form(request, form, contact_formset, organisation, status):
    return render(
        request,
        "partnerships/organisation_form.html",
        {
            "form": form,
            "contact_formset": contact_formset,
            "organisation": organisation,
            "formset_errors": contact_formset is not None and any(contact_formset.errors),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_update(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = permitted(
        request.user, selectors.organisation_for_user, pk, permissions.can_edit_organisation
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    return submit_or_page(
        request,
        form,
        lambda: services.organisation_update(
            user=request.user,
            form=form,
            expected_version=form.cleaned_data["version"],
        ),
        done="Organisationen har sparats.",
        to=organisation,
        page=lambda status: _organisation_form(request, form, None, organisation, status),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = permitted(
        request.user, selectors.organisation_for_user, pk, permissions.can_edit_contacts
    )
    owner = permissions.contact_owner_for(request.user, organisation)
    formset = _contact_formset(request, organisation, owner)
    status, deletion = 200, None
    if request.method == "POST":
        status = 400
        if formset.is_valid():
            # A contact on a held meeting is refused; one on planned meetings is confirmed.
            deletion = deletion_stop(request.POST, formset)
            if deletion is None:
                services.contacts_save(user=request.user, owner=owner, contact_formset=formset)
                messages.success(request, "Kontaktpersonerna har sparats.")
                return redirect(organisation)
            status = 400 if deletion.refused else 200
    return render(
        request,
        "partnerships/contacts_form.html",
        {
            "organisation": organisation,
            "owner": owner,
            "contact_formset": formset,
            "deletion": deletion,
        },
        status=status,
    )
