"""What the accounts views share: the addresses they go back to."""

from django.urls import reverse


def people_url(organisation_pk) -> str:
    """The page of an organisation's people (and its open invitations)."""
    return reverse("accounts:people", kwargs={"org_pk": organisation_pk})


def boards_url(organisation_pk) -> str:
    return reverse("accounts:boards", kwargs={"org_pk": organisation_pk})
