"""Real files of every kind the tests upload, made in the test (no fixtures on disk)."""

import io
import zipfile

from weasyprint import HTML

from documents.rendering import StaticOnlyURLFetcher

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64


def pdf_with_text(text: str) -> bytes:
    html = f"<html><body><h1>Verksamhetsberättelse</h1><p>{text}</p></body></html>"
    return HTML(string=html, base_url=None, url_fetcher=StaticOnlyURLFetcher()).write_pdf()


def _zip(members: dict[str, bytes | str], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(
                zipfile.ZipInfo(stored_first), members.pop(stored_first), zipfile.ZIP_STORED
            )
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_with_text(text: str) -> bytes:
    # A number split over two runs, as Word does: the guard must see it joined.
    half = len(text) // 2
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats'
        '.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
        f"{text[:half]}</w:t></w:r><w:r><w:t>{text[half:]}</w:t></w:r></w:p></w:body></w:document>"
    )
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "_rels/.rels": '<?xml version="1.0"?><Relationships/>',
            "word/document.xml": document,
        }
    )


def xlsx_with_text(text: str) -> bytes:
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": "<workbook/>",
            "xl/sharedStrings.xml": f"<sst><si><t>{text}</t></si></sst>",
        }
    )


def odf(kind: str, text: str) -> bytes:
    return _zip(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": f"<office:document-content><text:p>{text}</text:p>"
            "</office:document-content>",
        },
        stored_first="mimetype",
    )


def zip_bomb_docx() -> bytes:
    """Looks like a DOCX; word/document.xml unpacks to 300 MB of zeros from a few hundred KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                member.write(chunk)
    return buffer.getvalue()
