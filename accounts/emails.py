"""E-mails of invitations. The link is built here from the raw token and sent; it is
stored nowhere."""

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from partnerships.models import User

from .models import Invitation


def send_invitation(request: HttpRequest, invitation: Invitation, token: str) -> None:
    link = request.build_absolute_uri(reverse("accounts:invitation_accept", args=[token]))
    context = {"invitation": invitation, "link": link, "inviter": request.user}
    send_mail(
        subject=f"Inbjudan till IOP-registret: {invitation.organisation.name}",
        message=render_to_string("accounts/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def send_two_factor_reset(request: HttpRequest, person: User) -> None:
    """Tell the person that their second factor was reset, by whom, and what happens next."""
    if not person.email:
        return
    context = {
        "person": person,
        "by": request.user,
        "login": request.build_absolute_uri(reverse("login")),
    }
    send_mail(
        subject="Din tvåstegsverifiering i IOP-registret är nollställd",
        message=render_to_string("accounts/email/two_factor_reset.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[person.email],
    )


def send_two_factor_removed(request: HttpRequest) -> None:
    """A receipt to the person who removed their own authenticator (so that someone who
    did it in their name is noticed)."""
    person = request.user
    if not person.email:
        return
    context = {"person": person, "account": request.build_absolute_uri(reverse("accounts:account"))}
    send_mail(
        subject="Tvåstegsverifiering borttagen från ditt konto i IOP-registret",
        message=render_to_string("accounts/email/two_factor_removed.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[person.email],
    )
