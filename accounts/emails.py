"""E-mails of invitations. The link is built here from the raw token and sent; it is
stored nowhere."""

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

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
