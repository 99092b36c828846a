"""The people of an organisation: list, invite, change role, deactivate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.converters import parse_id
from common.forms import submit_or_page
from common.permissions import permitted

from .. import permissions, selectors, services, twofactor
from ..emails import send_invitation, send_two_factor_reset
from ..forms import InvitationForm, PersonForm
from ._page import people_url


@login_required
@require_GET
def people_index(request: HttpRequest) -> HttpResponse:
    organisations = selectors.managed_organisations_overview(request.user)
    return render(request, "accounts/people_index.html", {"organisations": organisations})


@login_required
@require_GET
def people(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = selectors.managed_organisation_for_user(request.user, org_pk)
    context = {
        "organisation": organisation,
        "people": selectors.people_of(organisation),
        "invitations": selectors.open_invitations_of(organisation),
        "contacts": selectors.contacts_without_account(organisation),
        "can_invite": permissions.can_invite(request.user, organisation).allowed,
        "can_manage_boards": permissions.can_manage_boards(request.user, organisation).allowed,
    }
    return render(request, "accounts/people.html", context)


def _contact_initial(organisation, contact_pk: int | None) -> dict:
    contact = organisation.contacts.filter(pk=contact_pk).first() if contact_pk else None
    if contact is None or not contact.email:
        return {}
    first, _, last = contact.name.partition(" ")
    return {"first_name": first, "last_name": last, "email": contact.email}


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, org_pk: int) -> HttpResponse:
    organisation = permitted(
        request.user, selectors.managed_organisation_for_user, org_pk, permissions.can_invite
    )
    roles = permissions.invitable_roles(request.user, organisation)
    kontakt = request.GET.get("kontakt", "")
    initial = _contact_initial(organisation, parse_id(kontakt))
    form = InvitationForm(request.POST or None, roles=roles, initial=initial)

    def save():
        pair = services.invitation_create(
            user=request.user, organisation=organisation, **form.cleaned_data
        )
        send_invitation(request, *pair)

    context = {"organisation": organisation, "form": form}
    return submit_or_page(
        request,
        form,
        save,
        done=lambda _: f"En inbjudan är skickad till {form.cleaned_data['email']}.",
        to=people_url(organisation.pk),
        page=lambda status: render(request, "accounts/invite.html", context, status=status),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = permitted(
        request.user, selectors.person_for_manager, pk, permissions.can_change_person
    )
    roles = permissions.invitable_roles(request.user, person.organisation)
    initial = {"role": person.role, "is_organisation_admin": person.is_organisation_admin}
    form = PersonForm(request.POST or None, roles=roles, initial=initial)
    return submit_or_page(
        request,
        form,
        lambda: services.person_update(user=request.user, person=person, **form.cleaned_data),
        done=f"{person.get_full_name()} har fått en ny roll.",
        to=people_url(person.organisation_id),
        page=lambda status: _person_page(request, person, form, status),
    )


def _person_page(request: HttpRequest, person, form, status: int) -> HttpResponse:
    context = {
        "person": person,
        "organisation": person.organisation,
        "form": form,
        "has_two_factor": twofactor.has_device(person),
        "events": selectors.account_events_of(person),
    }
    return render(request, "accounts/person_form.html", context, status=status)


@login_required
@require_POST
def person_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_for_manager(request.user, pk)
    active = request.POST.get("aktiv") == "1"
    services.person_set_active(user=request.user, person=person, active=active)
    text = "är aktiverad igen" if active else "är avaktiverad och kan inte logga in"
    messages.success(request, f"{person.get_full_name() or person.username} {text}.")
    return redirect("accounts:people", org_pk=person.organisation_id)


@login_required
@require_POST
def person_two_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Reset the second factor of a person who lost their authenticator (audited, the
    person is told by e-mail and enrols again at the next sign-in)."""
    person = selectors.person_for_manager(request.user, pk)
    twofactor.two_factor_reset(user=request.user, person=person)
    send_two_factor_reset(request, person)
    name = person.get_full_name() or person.username
    messages.success(
        request,
        f"Tvåstegsverifieringen för {name} är nollställd. {name} har fått ett e-brev och "
        "kopplar en ny autentiseringsapp vid nästa inloggning.",
    )
    return redirect("accounts:people", org_pk=person.organisation_id)
