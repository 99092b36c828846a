"""Every page renders for the people who may use it, with a label for every field."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from common.privacy import PRIVACY_NOTICE

from .factories import MeetingFactory


def _unlabelled_fields(body: str) -> list[str]:
    pattern = r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"'
    ids = re.findall(pattern, body)
    return [i for i in ids if f'for="{i}"' not in body]


@pytest.mark.parametrize("who", ["admin", "partner"])
def test_pages_render_with_labels(world, client_for, open_round, contacts, who):
    meeting = MeetingFactory(agreement=world.agreement)
    user = getattr(world, who)
    client = client_for(user)
    urls = [
        reverse("followups:agreement_followup", args=[world.agreement.pk]),
        meeting.get_absolute_url(),
        open_round.get_absolute_url(),
        reverse("followups:calendar_settings"),
    ]
    if who == "admin":
        urls += [
            reverse("followups:meeting_create", args=[world.agreement.pk]),
            reverse("followups:meeting_update", args=[meeting.pk]),
            reverse("followups:round_create", args=[world.agreement.pk]),
            reverse("followups:round_assessment", args=[open_round.pk]),
        ]
    else:
        urls.append(reverse("followups:round_report", args=[open_round.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert _unlabelled_fields(body) == [], url


def test_report_form_says_visitor_details_do_not_belong(world, client_for, open_round):
    body = (
        client_for(world.partner)
        .get(reverse("followups:round_report", args=[open_round.pk]))
        .content.decode()
    )
    assert "Inga uppgifter om enskilda besökare." in body
    assert PRIVACY_NOTICE in body  # the one wording, from common.privacy
    assert "<legend>Berättelse per mål</legend>" in body


def test_followups_pages_require_login(world, client, open_round):
    response = client.get(open_round.get_absolute_url())
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_free_text_pages_show_the_one_privacy_notice(world, client_for, open_round):
    """The report, the meeting form and the assessment all show common.privacy's wording."""
    pages = [
        (world.partner, reverse("followups:round_report", args=[open_round.pk])),
        (world.admin, reverse("followups:meeting_create", args=[world.agreement.pk])),
        (world.admin, reverse("followups:round_assessment", args=[open_round.pk])),
    ]
    for user, url in pages:
        assert escape(PRIVACY_NOTICE) in client_for(user).get(url).content.decode(), url
