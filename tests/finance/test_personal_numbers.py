"""The privacy guard in the money forms and the index CSV import: a personnummer is
refused with the one message, the input is kept, nothing is saved or imported."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from common.privacy import PERSONAL_NUMBER_MESSAGE
from finance.index_import import parse_index_csv
from finance.models import BudgetLine, Compensation, IndexValue, PartyBudget, Payment
from tests.finance.factories import opi

PERSONNUMMER = "850709-9805"
MESSAGE = PERSONAL_NUMBER_MESSAGE % {"kind": "personnummer", "number": PERSONNUMMER}
HEADER = (
    "year,preliminary_percent,preliminary_published,definitive_percent,definitive_published,source"
)


def _body(response) -> str:
    return html.unescape(response.content.decode())


def _iogt_compensation(seeded) -> Compensation:
    return Compensation.objects.get(
        agreement=seeded.agreements["2024"], party__organisation=seeded.organisations["iogt"]
    )


def _budget_data(**changes) -> dict:
    return {
        "version": "0",
        "own_contribution": "200 000",
        "municipal_financing": "339 690",
        "staff_amount": "205 000",
        "staff_label": "Personal",
        "volunteers_amount": "160 000",
        "premises_amount": "170 000",
        "other_amount": "",
        "note": "",
    } | changes


@pytest.mark.parametrize("field", ["staff_label", "note"], ids=["budget line label", "budget note"])
def test_budget_refuses_a_personal_number(seeded, client_for, field):
    comp = _iogt_compensation(seeded)
    url = reverse("finance:budget_edit", args=[comp.agreement_id, comp.party_id, 2025])
    typed = f"Lön till {PERSONNUMMER}"
    before = (PartyBudget.objects.count(), BudgetLine.objects.count())
    response = client_for(seeded.users["admin"]).post(url, _budget_data(**{field: typed}))
    assert response.status_code == 400
    body = _body(response)
    assert MESSAGE in body and typed in body and "205 000" in body
    assert (PartyBudget.objects.count(), BudgetLine.objects.count()) == before


def test_payment_refuses_a_personal_number_in_the_reference(seeded, client_for):
    comp = _iogt_compensation(seeded)
    url = reverse("finance:payment_create", args=[comp.pk])
    data = {
        "form_token": "tok-pnr",
        "year": "2025",
        "paid_on": "2025-01-20",
        "amount": "1 000",
        "reference": f"Utbetalning {PERSONNUMMER}",
    }
    before = Payment.objects.count()
    response = client_for(seeded.users["admin"]).post(url, data)
    assert response.status_code == 400
    body = _body(response)
    assert MESSAGE in body and f"Utbetalning {PERSONNUMMER}" in body
    assert Payment.objects.count() == before
    # the same form saves an ordinary reference
    response = client_for(seeded.users["admin"]).post(url, data | {"reference": "VER-2025-77"})
    assert response.status_code == 302
    assert Payment.objects.count() == before + 1


def test_index_csv_parser_refuses_a_personal_number_with_its_line():
    data = f"{HEADER}\n2024,4.1,,,,SKR\n2025,3.0,,,,Uppgift från {PERSONNUMMER}\n".encode()
    result = parse_index_csv(data)
    assert result.errors == [f"Rad 3: {MESSAGE}"]


def test_index_csv_import_refuses_a_personal_number_and_imports_nothing(world, client_for):
    data = f"{HEADER}\n2024,4.1,,,,SKR\n2025,3.0,,,,Uppgift från {PERSONNUMMER}\n".encode()
    before = IndexValue.objects.count()
    response = client_for(world.admin).post(
        reverse("finance:index_import"),
        {"series": opi().pk, "file": SimpleUploadedFile("opi.csv", data, "text/csv")},
    )
    assert response.status_code == 400
    body = _body(response)
    assert "Inget har importerats" in body and f"Rad 3: {MESSAGE}" in body
    assert IndexValue.objects.count() == before


def test_index_csv_import_refuses_a_control_character_in_the_source(world, client_for):
    data = f"{HEADER}\n2024,4.1,,,,SKR\u202ecsv.exe\n".encode()
    response = client_for(world.admin).post(
        reverse("finance:index_import"),
        {"series": opi().pk, "file": SimpleUploadedFile("opi.csv", data, "text/csv")},
    )
    assert response.status_code == 400
    assert "Rad 2: Texten innehåller osynliga styrtecken" in _body(response)
    assert not IndexValue.objects.filter(series=opi(), year=2024).exists()
