"""What an uploaded file is, judged from its bytes, never from its name: pure functions.

- ``detect_type`` knows PDF, PNG and JPEG by their signature (the ``filetype`` package) and
  tells the zip-based office formats apart by their members: OOXML (DOCX, XLSX) by
  ``[Content_Types].xml`` and the main part, ODF (ODT, ODS) by the ``mimetype`` member.
- ``check_zip`` refuses zip bombs: too many members, too much uncompressed data in total,
  or a compression ratio no real office document has.
- ``extract_text`` returns the text of a PDF (pypdf) or of an office file's XML parts, so
  the privacy guard can look for personal identity numbers in it.

Every refusal is an ``UploadRefused`` with a Swedish message for the user.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype


class UploadRefused(Exception):
    """The file is not accepted; ``str(exc)`` is the Swedish reason."""


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    mime: str
    extension: str


PDF = FileType("pdf", "PDF", "application/pdf", "pdf")
PNG = FileType("png", "PNG-bild", "image/png", "png")
JPEG = FileType("jpeg", "JPEG-bild", "image/jpeg", "jpg")
DOCX = FileType(
    "docx",
    "Word-dokument",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = FileType(
    "xlsx",
    "Excel-arbetsbok",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
)
ODT = FileType("odt", "OpenDocument-text", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType(
    "ods", "OpenDocument-kalkylblad", "application/vnd.oasis.opendocument.spreadsheet", "ods"
)
ALLOWED = (PDF, DOCX, XLSX, ODT, ODS, PNG, JPEG)
BY_MIME = {t.mime: t for t in ALLOWED}
ALLOWED_TEXT = "PDF, Word (docx), Excel (xlsx), OpenDocument (odt, ods), PNG eller JPEG"

# Zip-bomb limits: real office documents stay far below these.
MAX_ZIP_MEMBERS = 2_000
MAX_UNCOMPRESSED_TOTAL = 200 * 1024 * 1024
MAX_RATIO = 100
# Text extraction limits (the guard reads at most this much).
MAX_PDF_PAGES = 500
MAX_TEXT_CHARS = 5_000_000

WRONG_TYPE = (
    "Filen är inte av en tillåten typ. Tillåtna är {allowed}. Typen avgörs av filens innehåll, "
    "inte av dess namn."
)
BOMB = (
    "Filen packas upp till mycket mer än den tar plats och kan inte tas emot. Spara dokumentet "
    "på nytt eller som PDF och försök igen."
)
BROKEN = "Filen kunde inte läsas. Den kan vara skadad; spara den på nytt och försök igen."


def _zip(data: bytes) -> zipfile.ZipFile | None:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def check_zip(archive: zipfile.ZipFile, *, compressed_size: int) -> None:
    """Refuse an archive that would unpack to far more than it is (a zip bomb)."""
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadRefused(BOMB)
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_TOTAL or total > MAX_RATIO * max(compressed_size, 1):
        raise UploadRefused(BOMB)
    for member in members:
        if member.compress_size and member.file_size > MAX_RATIO * member.compress_size:
            raise UploadRefused(BOMB)


def _read_member(archive: zipfile.ZipFile, name: str, limit: int = MAX_UNCOMPRESSED_TOTAL) -> bytes:
    """A member's bytes, never more than ``limit`` (sizes in the header can lie)."""
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(BOMB)
    return data


def _office_type(archive: zipfile.ZipFile) -> FileType | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        mimetype = _read_member(archive, "mimetype", 200).decode("ascii", "replace").strip()
        if mimetype == ODT.mime and "content.xml" in names:
            return ODT
        if mimetype == ODS.mime and "content.xml" in names:
            return ODS
        return None
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def detect_type(data: bytes) -> FileType:
    """The file's type from its content; ``UploadRefused`` for anything not allowed."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind else ""
    if mime in (PDF.mime, PNG.mime, JPEG.mime):
        return BY_MIME[mime]
    if data[:4] == b"PK\x03\x04":
        archive = _zip(data)
        if archive is None:
            raise UploadRefused(BROKEN)
        check_zip(archive, compressed_size=len(data))
        found = _office_type(archive)
        if found:
            return found
    raise UploadRefused(WRONG_TYPE.format(allowed=ALLOWED_TEXT))


# --- text for the privacy guard -----------------------------------------------------------

_BLOCK_END = re.compile(
    r"</(?:w:p|a:p|w:tc|w:br|text:p|text:h|table:table-cell|si|c|row|v|t)>|<w:br/>|<w:tab/>"
)
_TAG = re.compile(r"<[^>]+>")
_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'"}


def xml_text(xml: str) -> str:
    """Visible text of an office XML part: runs joined, paragraphs and cells on own lines."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", xml))
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def _office_parts(file_type: FileType, names: list[str]) -> list[str]:
    if file_type is DOCX:
        return [
            n
            for n in names
            if n.startswith("word/")
            and n.endswith(".xml")
            and (
                n == "word/document.xml"
                or n.startswith(("word/header", "word/footer"))
                or n in ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")
            )
        ]
    if file_type is XLSX:
        return [
            n
            for n in names
            if n == "xl/sharedStrings.xml"
            or (n.startswith("xl/worksheets/") and n.endswith(".xml"))
        ]
    return [n for n in names if n in ("content.xml", "styles.xml", "meta.xml")]


def extract_text(data: bytes, file_type: FileType) -> str:
    """The text of a PDF or an office file (empty for images)."""
    if file_type is PDF:
        return _pdf_text(data)
    if file_type in (DOCX, XLSX, ODT, ODS):
        archive = _zip(data)
        if archive is None:
            raise UploadRefused(BROKEN)
        check_zip(archive, compressed_size=len(data))
        parts = []
        for name in _office_parts(file_type, archive.namelist()):
            parts.append(xml_text(_read_member(archive, name).decode("utf-8", "replace")))
        return "\n".join(parts)[:MAX_TEXT_CHARS]
    return ""


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UploadRefused(
                "Filen är lösenordsskyddad och kan inte granskas. Ladda upp den utan lösenord."
            )
        texts = []
        for page in reader.pages[:MAX_PDF_PAGES]:
            texts.append(page.extract_text() or "")
            if sum(map(len, texts)) > MAX_TEXT_CHARS:
                break
    except UploadRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UploadRefused(BROKEN) from exc
    return "\n".join(texts)[:MAX_TEXT_CHARS]


# --- names --------------------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r"[^\w .()\-]+")


def sanitise_name(name: str, file_type: FileType) -> str:
    """A safe display/download name: no path, no control or odd characters, at most 120
    characters, and the extension of the detected type (never the one the user gave)."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._") or "bilaga"
    return f"{stem[:110]}.{file_type.extension}"
