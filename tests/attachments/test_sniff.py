"""Type from content, zip bombs, text for the privacy guard, names: no database."""

import pytest

from attachments import sniff
from tests.attachments import files


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (files.pdf_with_text("Året i korthet"), sniff.PDF),
        (files.PNG_BYTES, sniff.PNG),
        (files.JPEG_BYTES, sniff.JPEG),
        (files.docx_with_text("Verksamheten"), sniff.DOCX),
        (files.xlsx_with_text("Kostnader"), sniff.XLSX),
        (files.odf("text", "Berättelse"), sniff.ODT),
        (files.odf("spreadsheet", "Kalkyl"), sniff.ODS),
    ],
)
def test_type_is_detected_from_the_content(data, expected):
    assert sniff.detect_type(data) is expected


@pytest.mark.parametrize(
    "data",
    [
        b"Detta ar en textfil som heter rapport.pdf\n",
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00" + b"\x00" * 100,  # a Windows program
        files._zip({"readme.txt": "ett vanligt zip-arkiv"}),
    ],
)
def test_other_content_is_refused_whatever_it_is_called(data):
    with pytest.raises(sniff.UploadRefused, match="inte av en tillåten typ"):
        sniff.detect_type(data)


def test_zip_bomb_disguised_as_docx_is_refused():
    bomb = files.zip_bomb_docx()
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(sniff.UploadRefused, match="packas upp"):
        sniff.detect_type(bomb)


def test_text_of_pdf_and_office_files_is_extracted():
    assert "Besökare 1234" in sniff.extract_text(files.pdf_with_text("Besökare 1234"), sniff.PDF)
    # Word splits text into runs; they are joined again.
    assert "19121212-1212" in sniff.extract_text(files.docx_with_text("19121212-1212"), sniff.DOCX)
    assert "811218-9876" in sniff.extract_text(files.xlsx_with_text("811218-9876"), sniff.XLSX)
    assert "Hej &amp;" not in sniff.extract_text(files.odf("text", "Hej &amp; då"), sniff.ODT)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Årsredovisning 2024.PDF", "Årsredovisning 2024.pdf"),
        ("rapport.exe", "rapport.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("\u202egnp.pdf", "gnp.pdf"),
        ("", "bilaga.pdf"),
    ],
)
def test_names_are_sanitised_and_get_the_detected_extension(name, expected):
    assert sniff.sanitise_name(name, sniff.PDF) == expected
