"""Index values: shipped with the data migration, edited and imported by administrators."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance.index_import import parse_index_csv, parse_percent
from finance.models import IndexValue
from tests.finance.factories import IndexValueFactory, opi

HEADER = (
    "year,preliminary_percent,preliminary_published,definitive_percent,definitive_published,source"
)


def test_data_migration_loaded_opi_with_sources(db):
    values = {v.year: v for v in IndexValue.objects.filter(series__name="OPI")}
    assert sorted(values) == list(range(2017, 2024))
    v2023 = values[2023]
    assert (v2023.preliminary_percent, v2023.definitive_percent) == (Decimal("3.5"), Decimal("4.6"))
    assert str(v2023.definitive_published) == "2023-04-19"
    assert "Definitivt OPI för 2023" in v2023.source
    assert values[2020].preliminary_percent is None and values[2020].definitive_percent == 3


# --- the parser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3,5", Decimal("3.5")),
        ("3.5", Decimal("3.5")),
        ("3,5 %", Decimal("3.5")),
        ("-0,4", Decimal("-0.4")),
        ("0", Decimal("0")),
        ("", None),
        ("4", Decimal("4")),
    ],
)
def test_parse_percent_accepts(text, expected):
    assert parse_percent(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("0.035", "ser ut att vara en andel"),
        ("0,05", "ser ut att vara en andel"),
        ("3,55", "mer än en decimal"),
        ("abc", "är inte ett tal"),
        ("75", "orimligt"),
    ],
)
def test_parse_percent_refuses_with_hint(text, message):
    with pytest.raises(ValueError, match=message) as info:
        parse_percent(text)
    assert "Ange procent, t.ex. 3,5 för 3,5 %" in str(info.value)


def test_shipped_file_parses_cleanly():
    with open("data/opi-skr.csv", "rb") as handle:
        result = parse_index_csv(handle.read())
    assert result.ok and len(result.rows) == 7


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_and_semicolon_with_decimal_comma(encoding):
    text = (
        "år;preliminärt;preliminärt publicerat;definitivt;definitivt publicerat;källa\r\n"
        "2024;4,1;2023-12-08;;;SKR cirkulär, Växjö\r\n"
    )
    result = parse_index_csv(text.encode(encoding))
    assert result.ok, result.errors
    row = result.rows[0]
    assert (row.year, row.preliminary_percent, row.source) == (
        2024,
        Decimal("4.1"),
        "SKR cirkulär, Växjö",
    )


def test_comma_separated_with_quoted_decimal_comma():
    result = parse_index_csv(f'{HEADER}\n2024,"4,1",2023-12-08,,,SKR\n'.encode())
    assert result.ok and result.rows[0].preliminary_percent == Decimal("4.1")


def test_all_errors_are_listed_by_line():
    data = (
        f"{HEADER}\n2024,0.041,,,,a\n2025,abc,,,,b\n2024,4.1,,,,c\nx,,,,,d\n2026,,2025-13-01,,,e\n"
    ).encode()
    result = parse_index_csv(data)
    assert not result.ok
    text = "\n".join(result.errors)
    assert "Rad 2:" in text and "andel" in text
    assert "Rad 3:" in text and "inte ett tal" in text
    assert "Rad 4: året 2024 finns redan på rad 2" in text
    assert "Rad 5:" in text and "inget år" in text
    assert "Rad 6:" in text and "inget datum" in text


def test_unknown_header_is_refused():
    result = parse_index_csv(b"foo;bar\n1;2\n")
    assert "Rad 1" in result.errors[0]


def test_empty_file_is_refused():
    assert parse_index_csv(b"").errors == ["Filen är tom."]


# --- the pages ----------------------------------------------------------------------------


def _upload(content: bytes):
    return SimpleUploadedFile("opi.csv", content, content_type="text/csv")


def test_import_is_all_or_nothing(world, client_for, operator):
    client = client_for(operator)
    data = f"{HEADER}\n2024,4.1,,,,ok\n2025,0.035,,,,fel\n".encode()
    response = client.post(
        reverse("finance:index_import"), {"series": opi().pk, "file": _upload(data)}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Inget har importerats" in body and "Rad 3" in body
    assert not IndexValue.objects.filter(year__in=[2024, 2025]).exists()


def test_import_creates_and_corrects(world, client_for, operator):
    client = client_for(operator)
    data = (
        "year;preliminary_percent;preliminary_published;definitive_percent;"
        "definitive_published;source\n2023;3,5;2022-12-09;4,7;2023-04-19;rättat\n"
        "2024;4,1;2023-12-08;;;ny\n"
    )
    response = client.post(
        reverse("finance:index_import"),
        {"series": opi().pk, "file": _upload(data.encode("cp1252"))},
        follow=True,
    )
    assert "1 nya och 1 ändrade" in response.content.decode()
    assert IndexValue.objects.get(series=opi(), year=2023).definitive_percent == Decimal("4.7")
    assert IndexValue.objects.get(series=opi(), year=2024).preliminary_percent == Decimal("4.1")


def test_operator_adds_value_with_decimal_comma(world, client_for, operator):
    client = client_for(operator)
    response = client.post(
        reverse("finance:index_value_create"),
        {
            "series": opi().pk,
            "year": "2024",
            "preliminary_percent": "4,1",
            "preliminary_published": "2023-12-08",
            "source": "SKR",
        },
    )
    assert response.status_code == 302
    assert IndexValue.objects.get(series=opi(), year=2024).preliminary_percent == Decimal("4.1")


def test_share_instead_of_percent_keeps_input(world, client_for, operator):
    client = client_for(operator)
    response = client.post(
        reverse("finance:index_value_create"),
        {
            "series": opi().pk,
            "year": "2024",
            "preliminary_percent": "0,041",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ange procent, t.ex. 3,5 för 3,5 %" in body and 'value="0,041"' in body


def test_year_already_there_is_refused(world, client_for, operator):
    client = client_for(operator)
    response = client.post(
        reverse("finance:index_value_create"),
        {"series": opi().pk, "year": "2023", "definitive_percent": "4,6"},
    )
    assert response.status_code == 400
    assert "finns redan" in response.content.decode()


def test_concurrent_edit_of_index_value(world, client_for, operator):
    client = client_for(operator)
    value = IndexValueFactory(year=2024, preliminary_percent=Decimal("4.1"))
    url = reverse("finance:index_value_update", args=[value.pk])
    data = {"series": opi().pk, "year": "2024", "version": str(value.version)}
    assert client.post(url, data | {"preliminary_percent": "4,2"}).status_code == 302
    response = client.post(url, data | {"preliminary_percent": "4,3"})
    assert response.status_code == 409
    assert 'value="4,3"' in response.content.decode()
    value.refresh_from_db()
    assert value.preliminary_percent == Decimal("4.2")


def test_index_list_visible_to_partner_without_edit_links(world, client_for):
    body = client_for(world.partner).get(reverse("finance:index_values")).content.decode()
    assert "2023" in body and "Importera CSV" not in body
    assert '<th scope="col">År</th>' in body


def test_series_create(world, client_for, operator):
    client = client_for(operator)
    assert client.post(reverse("finance:index_series_create"), {"name": "KPI"}).status_code == 302
    response = client.post(reverse("finance:index_series_create"), {"name": "kpi"})
    assert response.status_code == 400
