"""The minor findings of the security review (issue 11), each with its test."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.models import Agreement, User
from tests.factories import PartyFactory, UserFactory
from tests.finance.factories import CompensationFactory, PaymentFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_payment_references_differing_only_in_case_are_refused_by_the_database(world):
    compensation = CompensationFactory(agreement=world.agreement)
    PaymentFactory(compensation=compensation, reference="VER-1001")
    # Past the service's check, as a concurrent race would be: the database refuses.
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentFactory(compensation=compensation, reference="ver-1001")


def test_renewal_chain_hides_agreements_the_user_is_not_party_to(world, client_for):
    # Linköping's agreement was continued by one between the other municipality and IOGT.
    successor = Agreement.objects.create(
        title="Hemlig fortsättning",
        period_start=world.agreement.period_end.replace(day=1, month=1, year=2030),
        period_end=world.agreement.period_end.replace(day=31, month=12, year=2032),
        predecessor=world.agreement,
    )
    PartyFactory(agreement=successor, organisation=world.other_municipality)
    PartyFactory(agreement=successor, organisation=world.association)
    url = reverse("partnerships:agreement_detail", args=[world.agreement.pk])
    html = client_for(world.admin).get(url).content.decode()
    assert "Hemlig fortsättning" not in html and "2032" not in html
    assert "En överenskommelse som din organisation inte är part i" in html
    # A party to both sees both.
    assert "Hemlig fortsättning" in client_for(world.partner).get(url).content.decode()


def test_django_admin_is_for_operators_only(world, client_for):
    staff = UserFactory(organisation=world.municipality, is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    client = client_for(staff)
    assert client.get("/admin/").status_code == 302  # to the admin login: no access
    response = client.get("/admin/partnerships/organisation/")
    assert response.status_code == 302
    assert world.other_municipality.name not in response.content.decode()
    operator = UserFactory(organisation=None, role=User.Role.OPERATOR, is_staff=True)
    operator.is_superuser = True
    operator.save()
    assert client_for(operator).get("/admin/partnerships/organisation/").status_code == 200


def test_one_address_trying_many_usernames_is_locked_out(world, client, password, settings):
    url = reverse("login")
    for index in range(settings.IOP_LOGIN_FAILURES_PER_ADDRESS):
        client.post(url, {"username": f"gissning{index}", "password": "fel"})
    response = client.post(url, {"username": "handlaggare", "password": password})
    assert response.status_code == 429
    assert "För många inloggningsförsök" in response.content.decode()


def test_a_few_failures_from_an_address_do_not_lock_out_other_users(world, client, password):
    url = reverse("login")
    for index in range(6):
        client.post(url, {"username": f"gissning{index}", "password": "fel"})
    response = client.post(url, {"username": "handlaggare", "password": password})
    assert response.status_code == 302


def test_passwords_need_at_least_twelve_characters(world):
    with pytest.raises(ValidationError, match="minst 12 tecken|at least 12 characters"):
        validate_password("Blåbär-1171", user=world.admin)  # 11 characters
    validate_password("Blåbär-11712", user=world.admin)
    validate_password("iop-demo-2026", user=world.admin)  # the demo password stays valid


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_server_header_does_not_name_gunicorn(tmp_path):
    port = _free_port()
    env = os.environ | {
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "test-" + "x" * 50,
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "iop.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/tillganglighet/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        server = response.headers.get("Server", "")
        assert "gunicorn" not in server.lower()
        assert server == "IOP-registret"
    finally:
        process.terminate()
        process.wait(timeout=10)
