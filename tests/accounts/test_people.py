"""People page, role change, deactivation, password reset, onboarding and boards."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Invitation
from followups.models import CalendarFeed
from followups.reminders import meeting_reminders
from partnerships.models import Board, Organisation, Sector, User
from tests.factories import BoardFactory, UserFactory

PASSWORD = "test-password-123"


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_people_page_lists_people_and_their_status(
    world, client_for, django_assert_max_num_queries
):
    world.board_staff.is_active = False
    world.board_staff.save()
    for n in range(5):
        UserFactory(organisation=world.municipality, username=f"extra{n}")
    admin_client = client_for(world.admin)
    with django_assert_max_num_queries(12):
        page = admin_client.get(reverse("accounts:people", args=[world.municipality.pk]))
    assert page.status_code == 200
    assert world.board_staff.email in page.text and "Avaktiverad" in page.text
    assert "Nämndsekreterare" in page.text and "Aldrig" in page.text


def test_role_change(world, client_for):
    admin_client = client_for(world.admin)
    url = reverse("accounts:person_update", args=[world.board_staff.pk])
    assert admin_client.post(url, {"role": User.Role.ADMINISTRATOR}).status_code == 302
    world.board_staff.refresh_from_db()
    assert world.board_staff.role == User.Role.ADMINISTRATOR
    # A role the organisation cannot have is refused.
    response = admin_client.post(url, {"role": User.Role.OPERATOR})
    assert response.status_code == 400
    world.board_staff.refresh_from_db()
    assert world.board_staff.role == User.Role.ADMINISTRATOR


def test_cannot_change_own_role(world, client_for):
    url = reverse("accounts:person_update", args=[world.admin.pk])
    assert client_for(world.admin).post(url, {"role": User.Role.BOARD_STAFF}).status_code == 403


def test_partner_administrator_makes_colleague_administrator(world, client_for):
    world.partner.is_organisation_admin = True
    world.partner.save()
    colleague = UserFactory(partner=True, organisation=world.association)
    url = reverse("accounts:person_update", args=[colleague.pk])
    response = client_for(world.partner).post(
        url, {"role": User.Role.PARTNER, "is_organisation_admin": "on"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_organisation_admin


def test_deactivated_user_cannot_sign_in_gets_no_reminders_or_feed(world, client_for, client):
    token = CalendarFeed.new_token()
    CalendarFeed.objects.create(user=world.board_staff, token_hash=CalendarFeed.hash_token(token))
    other = client_for(world.board_staff)
    assert other.get(reverse("followups:calendar_feed", args=[token])).status_code == 200
    admin_client = client_for(world.admin)
    url = reverse("accounts:person_set_active", args=[world.board_staff.pk])
    assert admin_client.post(url, {"aktiv": "0"}).status_code == 302
    world.board_staff.refresh_from_db()
    assert not world.board_staff.is_active
    assert User.objects.filter(pk=world.board_staff.pk).exists()  # never deleted
    client.logout()
    response = sign_in(client, world.board_staff.username)
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get(reverse("followups:calendar_feed", args=[token])).status_code == 404


def test_deactivated_administrator_gets_no_reminders(world):
    day = dt.date(2025, 12, 20)
    before = {r.recipient for r in meeting_reminders(day)}
    assert world.admin.email in before
    world.admin.is_active = False
    world.admin.save()
    assert world.admin.email not in {r.recipient for r in meeting_reminders(day)}


def test_deactivated_session_ends(world, client_for):
    staff_client = client_for(world.board_staff)
    assert staff_client.get(reverse("start")).status_code == 200
    world.board_staff.is_active = False
    world.board_staff.save()
    assert staff_client.get(reverse("start")).status_code == 302


def test_password_reset_does_not_tell_whether_the_address_has_an_account(world, client):
    known = client.post(reverse("password_reset"), {"email": world.admin.email}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "ingen@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.admin.email]
    link = re.search(r"http://testserver(/losenord/aterstall/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Välj nytt lösenord" in form.text
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "helt-nytt-lösenord-77", "new_password2": "helt-nytt-lösenord-77"},
    )
    assert response.status_code == 302
    world.admin.refresh_from_db()
    assert world.admin.check_password("helt-nytt-lösenord-77")
    # The link works once.
    assert "Länken fungerar inte" in client.get(link, follow=True).text


def test_password_change(world, client_for):
    admin_client = client_for(world.admin)
    response = admin_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "byt-till-detta-55",
            "new_password2": "byt-till-detta-55",
        },
    )
    assert response.status_code == 302
    world.admin.refresh_from_db()
    assert world.admin.check_password("byt-till-detta-55")


def test_operator_onboards_a_public_body(world, client_for, client):
    operator = UserFactory(role=User.Role.OPERATOR, organisation=None, username="drift")
    op_client = client_for(operator)
    data = {
        "name": "Exempelstads kommun",
        "organisation_number": "212000-0142",
        "boards": "Socialnämnden\nKultur- och fritidsnämnden",
        "admin_first_name": "Ada",
        "admin_last_name": "Admin",
        "admin_email": "ada@exempelstad.se",
    }
    bad = op_client.post(reverse("accounts:public_bodies"), {**data, "organisation_number": "1"})
    assert bad.status_code == 400 and "tio siffror" in bad.text
    assert not Organisation.objects.filter(name="Exempelstads kommun").exists()
    response = op_client.post(reverse("accounts:public_bodies"), data)
    assert response.status_code == 302
    body = Organisation.objects.get(name="Exempelstads kommun")
    assert body.sector == Sector.PUBLIC and body.organisation_number == "212000-0142"
    assert sorted(body.boards.values_list("name", flat=True)) == [
        "Kultur- och fritidsnämnden",
        "Socialnämnden",
    ]
    invitation = Invitation.objects.get(organisation=body)
    assert invitation.role == User.Role.ADMINISTRATOR and mail.outbox[0].to == [
        "ada@exempelstad.se"
    ]


def test_only_operators_onboard(world, client_for):
    response = client_for(world.admin).post(reverse("accounts:public_bodies"), {})
    assert response.status_code == 403


def test_board_renamed_keeps_history(world, client_for):
    board = world.agreement.board
    old_name = board.name
    admin_client = client_for(world.admin)
    url = reverse("accounts:board_update", args=[board.pk])
    response = admin_client.post(url, {"name": "Omsorgsnämnden", "administration_name": ""})
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.name == "Omsorgsnämnden"
    names = list(board.history.order_by("history_date").values_list("name", flat=True))
    assert names[-1] == "Omsorgsnämnden"
    assert board.history.first().history_user == world.admin
    page = admin_client.get(url)
    assert "Omsorgsnämnden" in page.text
    assert old_name != board.name


def test_board_of_other_municipality_is_404(world, client_for):
    board = BoardFactory(organisation=world.other_municipality)
    url = reverse("accounts:board_update", args=[board.pk])
    assert client_for(world.admin).get(url).status_code == 404
    assert client_for(world.admin).post(url, {"name": "X"}).status_code == 404
    board.refresh_from_db()
    assert board.name != "X"


def test_add_board(world, client_for):
    url = reverse("accounts:boards", args=[world.municipality.pk])
    assert client_for(world.admin).post(url, {"name": "Ny nämnd"}).status_code == 302
    assert Board.objects.filter(organisation=world.municipality, name="Ny nämnd").exists()
    assert client_for(world.board_staff).post(url, {"name": "Y"}).status_code == 404


def test_create_operator_command(db, monkeypatch, client):
    from django.core.management import call_command

    monkeypatch.setenv("IOP_OPERATOR_PASSWORD", "drift-lösenord-som-håller-9")
    call_command("create_operator", "Drift@Example.org", "--password-from-env")
    operator = User.objects.get(username="drift@example.org")
    assert operator.is_operator and operator.organisation is None
    sign_in(client, "drift@example.org", "drift-lösenord-som-håller-9")
    assert client.get(reverse("accounts:public_bodies")).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/personer/abc/",
        "/personer/1.0/bjud-in/",
        "/person/x1/",
        "/person/-1/aktiv/",
        "/inbjudningar/abc/aterkalla/",
        "/namnder/1e3/",
    ],
)
def test_malformed_id_is_404(world, client_for, path):
    """The typed converter (<id:...>) refuses anything but an id before a view runs."""
    assert client_for(world.admin).get(path).status_code == 404


def test_unknown_person_is_404(world, client_for):
    assert client_for(world.admin).get("/person/987654/").status_code == 404
