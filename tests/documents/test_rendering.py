"""The rendering core: restricted fetcher, PDF/A, fonts, metadata, the agreement read back."""

import re

import pytest

from documents import rendering
from documents.rendering import ResourceRefused, StaticOnlyURLFetcher, resolve_static_url
from tests.documents.conftest import agreement_pdf, pdf_reader, pdf_text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x",
        "https://example.org/font.ttf",
        "data:text/plain;base64,SGVq",
        "ftp://example.org/x",
        "iop-static:../iop/settings.py",
        "iop-static:fonts/../../iop/settings.py",
        "iop-static:%2e%2e/iop/settings.py",
        "iop-static:/../../etc/passwd",
        "iop-static:fonts/",
        "iop-static:fonts/nope.ttf",
        "iop-static:",
        "/static/fonts/DejaVuSans.ttf",
        "fonts/DejaVuSans.ttf",
    ],
)
def test_fetcher_refuses_everything_but_existing_static_files(url):
    with pytest.raises(ResourceRefused):
        StaticOnlyURLFetcher().fetch(url)


def test_fetcher_refuses_a_symlink_out_of_the_static_directory(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("hemligt")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(ResourceRefused):
        resolve_static_url("iop-static:link.txt", root=root)


def test_fetcher_serves_the_shipped_font():
    response = StaticOnlyURLFetcher().fetch("iop-static:fonts/DejaVuSans.ttf")
    assert response.read(4) == b"\x00\x01\x00\x00"  # TrueType
    response.close()


@pytest.fixture
def printed(full_agreement, seed_economy):
    return agreement_pdf(full_agreement.pk)


def test_agreement_pdf_shows_parties_numbers_period_and_pages(world, full_agreement, printed):
    text = pdf_text(printed)
    for organisation in (world.municipality, world.association):
        assert organisation.name in text
        assert f"org. nr {organisation.organisation_number}" in text
    assert "gäller under tre år från och med 2024-01-01 till och med 2026-12-31" in text
    assert "Uppsägningstiden är sex (6) månader" in text
    assert "Sida 1 (" in text
    assert full_agreement.registry_number in text
    # every text section of the agreement is printed
    for name in full_agreement.TEXT_SECTIONS:
        first_line = getattr(full_agreement, name).splitlines()[0].lstrip("●- ").strip()
        assert first_line in text, name
    assert "Nå människor i socialt utanförskap" in text  # a goal
    assert f"Ansvar för {world.association.name}" in text  # responsibilities
    assert f"Firmatecknare för {world.association.name}" in text  # signature block
    assert "Ort: Linköping" in text and "Datum: 2023-12-15" in text


def test_agreement_pdf_prints_the_economy_from_the_finance_data(printed):
    text = pdf_text(printed)
    assert "Ekonomi" in text
    assert "Pingstförsamlingen 452 948 kr" in text
    assert "Total ersättning IOP 792 638 kr" in text
    assert "Summa kostnader 2 220 000 kr" in text
    assert "Diff 0 kr" in text


def test_agreement_pdf_without_money_has_no_economy_section(full_agreement):
    text = pdf_text(agreement_pdf(full_agreement.pk))
    assert "Ekonomi" not in text
    assert "Total ersättning" not in text and "Diff" not in text


def test_economy_warnings_are_printed(full_agreement, seed_economy):
    from finance.models import BudgetLine

    BudgetLine.objects.filter(budget__agreement=full_agreement, amount=205_000).update(
        amount=205_021
    )
    text = pdf_text(agreement_pdf(full_agreement.pk))
    assert "Observera: Budgeten 2024 går inte ihop" in text
    assert "Diff 21 kr" in text


def test_agreement_pdf_is_pdfa_2u_and_tagged_with_metadata(full_agreement, printed):
    reader = pdf_reader(printed)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="|>)2', xmp)
    assert re.search(r'pdfaid:conformance(="|>)U', xmp)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert "/OutputIntents" in root
    info = reader.metadata
    assert info.title == (
        f"Överenskommelse om idéburet offentligt partnerskap: {full_agreement.title}"
    )
    assert "Social- och omsorgsnämnden" in info.author
    assert full_agreement.registry_number in info.subject


def test_all_fonts_are_embedded_and_are_the_shipped_font(printed):
    reader = pdf_reader(printed)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("IOP-Sans" in name for name in fonts), fonts


def test_render_pdf_rejects_nothing_legitimate_and_records_only_static(monkeypatch, full_agreement):
    asked: list[str] = []

    class Recording(StaticOnlyURLFetcher):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    fetcher = Recording()
    monkeypatch.setattr(rendering, "default_fetcher", lambda: fetcher)
    agreement_pdf(full_agreement.pk)
    assert asked
    assert all(url.startswith("iop-static:fonts/") for url in asked), asked
