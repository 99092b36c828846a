"""Lost updates (issue 11): organisation, meeting, assessment and a partner's report carry
the version they were read at. Two edits of the same version: the second answers 409 with
its input kept; a POST without the version is refused (400), not taken as "no check"."""

import pytest
from django.urls import reverse

from followups.models import Assessment, Meeting, Note
from partnerships.models import Organisation
from tests.followups.factories import MeetingFactory
from tests.followups.test_meetings import meeting_post
from tests.followups.test_rounds import post_data, report_url

pytestmark = pytest.mark.django_db


def edit_twice(client, url, first: dict, second: dict):
    """Both edits were read at the same version: the first wins, the second is stale."""
    assert client.post(url, first).status_code == 302
    return client.post(url, second)


def organisation_data(organisation: Organisation, city: str, **extra) -> dict:
    return {
        "name": organisation.name,
        "organisation_number": organisation.organisation_number,
        "sector": organisation.sector,
        "street_address": "",
        "postal_code": "",
        "city": city,
        "successor": "",
        "version": str(organisation.version),
    } | extra


def test_organisation_second_edit_of_same_version_is_409_with_input_kept(world, client_for):
    url = reverse("partnerships:organisation_update", args=[world.municipality.pk])
    org = world.municipality
    response = edit_twice(
        client_for(world.admin),
        url,
        organisation_data(org, "Linköping"),
        organisation_data(org, "Norrköping"),
    )
    assert response.status_code == 409
    assert 'value="Norrköping"' in response.content.decode()
    org.refresh_from_db()
    assert org.city == "Linköping" and org.version == 2


def test_organisation_post_without_version_is_refused(world, client_for):
    url = reverse("partnerships:organisation_update", args=[world.municipality.pk])
    data = organisation_data(world.municipality, "Motala")
    del data["version"]
    response = client_for(world.admin).post(url, data)
    assert response.status_code == 400
    world.municipality.refresh_from_db()
    assert world.municipality.city != "Motala"


def test_meeting_second_edit_of_same_version_is_409(world, client_for, contacts):
    meeting = MeetingFactory(agreement=world.agreement)
    url = reverse("followups:meeting_update", args=[meeting.pk])
    first = meeting_post(contacts, meeting=meeting, place="Stadshuset")
    second = meeting_post(contacts, place="Folkets hus") | {"version": first["version"]}
    response = edit_twice(client_for(world.admin), url, first, second)
    assert response.status_code == 409
    assert "Folkets hus" in response.content.decode()
    assert Meeting.objects.get().place == "Stadshuset"
    no_version = meeting_post(contacts, place="Biblioteket")
    assert client_for(world.admin).post(url, no_version).status_code == 400
    assert Meeting.objects.get().place == "Stadshuset"


def assessment_data(world, text: str, version: str) -> dict:
    data = {
        "overall_result": "partly",
        "overall_text": text,
        "recommendation": "",
        "version": version,
    }
    for goal in world.agreement.goals.all():
        data[f"goal_{goal.pk}_result"] = "partly"
        data[f"goal_{goal.pk}_comment"] = ""
    return data


def test_assessment_second_edit_of_same_version_is_409(world, client_for, open_round):
    url = reverse("followups:round_assessment", args=[open_round.pk])
    response = edit_twice(
        client_for(world.admin),
        url,
        assessment_data(world, "Första bedömningen", "0"),
        assessment_data(world, "Andra bedömningen", "0"),
    )
    assert response.status_code == 409
    assert "Andra bedömningen" in response.content.decode()
    assert Assessment.objects.get().overall_text == "Första bedömningen"
    data = assessment_data(world, "Utan version", "0")
    del data["version"]
    assert client_for(world.admin).post(url, data).status_code == 400
    assert Assessment.objects.get().overall_text == "Första bedömningen"


def test_partner_report_second_edit_of_same_version_is_409(world, client_for, open_round):
    url = report_url(open_round)
    response = edit_twice(
        client_for(world.partner),
        url,
        post_data(open_round, "Första texten"),
        post_data(open_round, "Andra texten") | {"version": "0"},
    )
    assert response.status_code == 409
    assert "Andra texten" in response.content.decode()
    assert set(Note.objects.values_list("narrative", flat=True)) == {"Första texten"}
    data = post_data(open_round, "Utan version")
    del data["version"]
    assert client_for(world.partner).post(url, data).status_code == 400
    assert set(Note.objects.values_list("narrative", flat=True)) == {"Första texten"}
