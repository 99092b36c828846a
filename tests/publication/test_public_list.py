"""The public list: decided agreements only, only the allowed fields, no login."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from lxml import etree

from publication.models import Publication

from .conftest import SECRETS
from .schema_check import schema_errors

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parents[2] / "publication/schema/agreements.schema.json").read_text()
)
SLUG = "linkopings-kommun"


def public_urls(slug: str = SLUG) -> list[str]:
    return [
        reverse("publication:public_list", args=[slug]),
        reverse("publication:public_list", args=[slug]) + "?q=iop",
        reverse("publication:public_list", args=[slug]) + "?q=kamratst%C3%B6det",
        reverse("publication:public_csv", args=[slug]),
        reverse("publication:public_json", args=[slug]),
        reverse("publication:public_dcat", args=[slug]),
        reverse("publication:schema"),
    ]


def test_public_pages_need_no_login_and_leak_nothing(client, published):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaks through {url}"
        assert "@" not in text.replace("@context", ""), url  # no e-mail address at all
        assert "no-store" not in response["Cache-Control"], url
        assert "public" in response["Cache-Control"], url
        assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies


def test_page_shows_decided_agreements_with_the_public_fields(client, published, world):
    html = client.get(reverse("publication:public_list", args=[SLUG])).content.decode()
    agreement = published["agreement"]
    assert agreement.title in html and "Uppsagd IOP" in html
    assert agreement.registry_number in html and "SOCN 2021-0099" in html
    assert world.association.organisation_number in html
    assert world.municipality.organisation_number in html
    assert "Social- och omsorgsnämnden" in html
    assert "2024-01-01 – 2026-12-31" in html
    assert "102\u00a0000\u00a0kr" in html
    assert "2 överenskommelser." in html


def test_json_follows_the_schema_and_allows_only_its_fields(client, published, world):
    data = client.get(reverse("publication:public_json", args=[SLUG])).json()
    assert schema_errors(data, SCHEMA) == []
    assert data["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert [a["title"] for a in data["agreements"]] == [published["agreement"].title, "Uppsagd IOP"]
    first = data["agreements"][0]
    assert first["status"] == "active"
    assert {p["organisation_number"] for p in first["parties"]} == {
        world.municipality.organisation_number,
        world.association.organisation_number,
    }
    amounts = first["compensation"][0]["yearly_amounts"]
    assert amounts == [
        {"year": 2024, "amount_sek": 101_000},
        {"year": 2025, "amount_sek": 102_000},
        {"year": 2026, "amount_sek": 103_000},
    ]
    assert data["agreements"][1]["status"] == "terminated"


def test_csv_is_excel_safe_and_has_the_same_rows(client, published):
    response = client.get(reverse("publication:public_csv", args=[SLUG]))
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["overenskommelse_id", "rubrik", "diarienummer"]
    money = [r for r in body if r[header.index("ersattning_kr")]]
    assert [r[header.index("ersattning_kr")] for r in money] == ["101000", "102000", "103000"]
    # the public party of each agreement and the party without compensation: one row each
    assert len(body) == 3 + 1 + 2


def test_csv_neutralises_a_formula_in_a_title(client, published):
    agreement = published["agreement"]
    agreement.title = "=HYPERLINK(1)"
    agreement.save()
    text = client.get(reverse("publication:public_csv", args=[SLUG])).content.decode("utf-8-sig")
    assert ";'=HYPERLINK(1);" in text


def test_hidden_fields_are_gone_everywhere(client, published, world):
    Publication.objects.filter(pk=published["publication"].pk).update(
        hide_organisation_numbers=True,
        hide_board=True,
        hide_registry_number=True,
        hide_compensation=True,
    )
    hidden = [
        world.association.organisation_number,
        world.municipality.organisation_number,
        published["agreement"].registry_number,
        "SOCN 2021-0099",
        "Social- och omsorgsnämnden",
        "102000",
        "102\u00a0000",
    ]
    for url in public_urls():
        text = client.get(url).content.decode("utf-8-sig")
        for value in hidden:
            assert value not in text, f"hidden {value!r} shown by {url}"
    data = client.get(reverse("publication:public_json", args=[SLUG])).json()
    assert schema_errors(data, SCHEMA) == []
    assert "compensation" not in data["agreements"][0]
    header = (
        client.get(reverse("publication:public_csv", args=[SLUG]))
        .content.decode("utf-8-sig")
        .splitlines()[0]
    )
    assert header == "overenskommelse_id;rubrik;status;giltig_fran;giltig_till;part;part_roll"


def test_search_finds_by_party_and_registry_number(client, published, world):
    url = reverse("publication:public_list", args=[SLUG])
    html = client.get(url, {"q": "2021-0099"}).content.decode()
    assert "Uppsagd IOP" in html and published["agreement"].title not in html
    html = client.get(url, {"q": world.association.name.upper()}).content.decode()
    assert published["agreement"].title in html and "Uppsagd IOP" not in html
    assert "1 överenskommelse matchar sökningen." in html


def test_search_does_not_find_by_a_hidden_field(client, published):
    Publication.objects.filter(pk=published["publication"].pk).update(hide_registry_number=True)
    url = reverse("publication:public_list", args=[SLUG])
    assert "Inga överenskommelser matchar" in client.get(url, {"q": "2021-0099"}).content.decode()


def test_a_list_not_switched_on_or_unknown_is_404(client, published):
    for url in public_urls("annan-kommun")[:-1] + public_urls("finns-inte")[:-1]:
        assert client.get(url).status_code == 404, url
    Publication.objects.filter(pk=published["publication"].pk).update(enabled=False)
    assert client.get(reverse("publication:public_list", args=[SLUG])).status_code == 404


def test_dcat_describes_the_dataset_and_both_distributions(client, published):
    body = client.get(reverse("publication:public_dcat", args=[SLUG])).content
    root = etree.fromstring(body)
    ns = {
        "dcat": "http://www.w3.org/ns/dcat#",
        "dcterms": "http://purl.org/dc/terms/",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
    dataset = root.find("dcat:Dataset", ns)
    assert "Linköpings kommun" in dataset.findtext("dcterms:title", namespaces=ns)
    downloads = [
        d.get(f"{{{ns['rdf']}}}resource") for d in dataset.iterfind(".//dcat:downloadURL", ns)
    ]
    assert downloads == [
        "http://testserver/offentlig/linkopings-kommun/overenskommelser.csv",
        "http://testserver/offentlig/linkopings-kommun/overenskommelser.json",
    ]
    licences = {e.get(f"{{{ns['rdf']}}}resource") for e in root.iterfind(".//dcterms:license", ns)}
    assert licences == {"https://creativecommons.org/publicdomain/zero/1.0/"}
    assert dataset.find("dcterms:modified", ns).text == "2026-11-23"


def test_signed_in_reader_gets_no_store(client, published, world):
    client.force_login(world.partner)
    response = client.get(reverse("publication:public_list", args=[SLUG]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_queries_do_not_grow_with_rows(client, published, world, django_assert_max_num_queries):
    from tests.factories import agreement_with_parties
    from tests.finance.factories import CompensationFactory

    url = reverse("publication:public_list", args=[SLUG])
    with django_assert_max_num_queries(9):
        client.get(url)
    for n in range(5):
        extra = agreement_with_parties(world.municipality, world.association, title=f"Extra {n}")
        CompensationFactory(party=extra.parties.get(organisation=world.association))
    with django_assert_max_num_queries(9):
        assert client.get(url).content.decode().count("<section") == 7
