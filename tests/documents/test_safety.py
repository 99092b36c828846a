"""Text typed by users is printed as text: no markup, nothing fetched, nothing embedded."""

import pytest
from pypdf.generic import IndirectObject

from documents import rendering, services
from documents.models import MemoKind
from documents.rendering import StaticOnlyURLFetcher
from tests.documents.conftest import agreement_pdf, memo_pdf, pdf_reader, pdf_text
from tests.factories import ResponsibilityFactory, SignatoryFactory

HOSTILE = [
    '<b>fet</b> <script>alert("x")</script>',
    "<style>body { background: url(http://127.0.0.1:9/x) }</style>",
    "<div style=\"background: url('http://127.0.0.1:9/x')\">stil</div>",
    '<link rel="attachment" href="file:///etc/passwd">',
    '<a rel="attachment" href="file:///etc/passwd">bilaga</a>',
    '<img src="file:///etc/passwd" alt="bild">',
    '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
    '<object data="iop-static:fonts/../../iop/settings.py"></object>',
    "@import url(http://127.0.0.1:9/x.css);",
]
HOSTILE_TEXT = "\n".join(HOSTILE)


class RecordingFetcher(StaticOnlyURLFetcher):
    """Records every URL asked for and every URL actually served."""

    asked: list[str] = []
    served: list[str] = []

    def fetch(self, url, headers=None):
        type(self).asked.append(url)
        response = super().fetch(url, headers)  # raises for anything not allowed
        type(self).served.append(url)
        return response


@pytest.fixture
def recording(monkeypatch):
    RecordingFetcher.asked = []
    RecordingFetcher.served = []
    fetcher = RecordingFetcher()
    monkeypatch.setattr(rendering, "default_fetcher", lambda: fetcher)
    return RecordingFetcher


def _has_attachments(data: bytes) -> bool:
    reader = pdf_reader(data)
    root = reader.trailer["/Root"]
    if "/Names" in root and "/EmbeddedFiles" in root["/Names"].get_object():
        return True
    if "/AF" in root:
        return True
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object() if isinstance(annot, IndirectObject) else annot
            if annot.get("/Subtype") == "/FileAttachment":
                return True
    return b"/EmbeddedFile" in data or b"/Filespec" in data


def _assert_safe(data: bytes, recording) -> str:
    assert recording.asked, "the fetcher was not used"
    assert all(url.startswith("iop-static:fonts/") for url in recording.asked), recording.asked
    assert recording.served == recording.asked
    assert not _has_attachments(data)
    assert b"root:" not in data  # nothing of /etc/passwd
    return pdf_text(data)


def test_hostile_agreement_text_is_printed_as_text_and_nothing_is_fetched(
    world, full_agreement, recording
):
    full_agreement.background = HOSTILE_TEXT
    full_agreement.title = '<img src="file:///etc/passwd">'
    full_agreement.save()
    party = full_agreement.parties.get(organisation=world.association)
    ResponsibilityFactory(party=party, text='<img src="http://127.0.0.1:9/x">')
    SignatoryFactory(party=party, name="<script>x</script>", place="<b>Ort</b>")
    world.association.name = '<link rel=attachment href="file:///etc/passwd">'
    world.association.save()

    data = agreement_pdf(full_agreement.pk)

    text = _assert_safe(data, recording)
    assert '<script>alert("x")</script>' in text
    assert "url(http://127.0.0.1:9/x)" in text
    assert '<img src="file:///etc/passwd" alt="bild">' in text
    assert '<link rel="attachment" href="file:///etc/passwd">' in text
    assert '<link rel=attachment href="file:///etc/passwd">' in text  # the party's name
    assert "<svg" in text
    assert '<img src="http://127.0.0.1:9/x">' in text
    assert "<script>x</script>" in text


def test_hostile_memo_text_is_printed_as_text(world, full_agreement, recording):
    memo = services.memo_create(user=world.admin, agreement=full_agreement, kind=MemoKind.NEW)
    memo.matter = HOSTILE_TEXT
    memo.proposed_decisions = "<script>alert(1)</script>\n<img src=file:///etc/passwd>"
    memo.decision_basis = '<link rel=attachment href="file:///etc/passwd">'
    memo.signing_official = "<b>Handläggare</b>"
    memo.save()

    data = memo_pdf(memo.pk)

    text = _assert_safe(data, recording)
    assert "<script>alert(1)</script>" in text
    assert "<img src=file:///etc/passwd>" in text
    assert '<link rel=attachment href="file:///etc/passwd">' in text
    assert "<b>Handläggare</b>" in text


def test_even_raw_html_cannot_fetch_or_embed(recording):
    """Defence in depth: were markup ever to reach WeasyPrint unescaped, the fetcher
    refuses every resource and nothing is fetched or embedded."""
    html = (
        "<!DOCTYPE html><html lang=sv><head>"
        '<link rel="attachment" href="file:///etc/passwd">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        "<style>@font-face { font-family: X; src: url(iop-static:fonts/DejaVuSans.ttf) }"
        "html { font-family: X } body { background: url(http://127.0.0.1:9/x) }</style>"
        "</head><body><p>Text</p>"
        '<img src="file:///etc/passwd"><img src="data:image/svg+xml,<svg/>">'
        '<img src="iop-static:../iop/settings.py">'
        '<a rel="attachment" href="file:///etc/passwd">bilaga</a>'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>'
        "</body></html>"
    )
    data = rendering.render_html_to_pdf(html, title="t", author="a", subject="s")

    assert "file:///etc/passwd" in recording.asked
    assert "http://127.0.0.1:9/x" in recording.asked
    assert recording.served == ["iop-static:fonts/DejaVuSans.ttf"]
    assert not _has_attachments(data)
    assert b"root:" not in data
    assert "Text" in pdf_text(data)
