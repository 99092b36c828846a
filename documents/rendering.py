"""HTML to archival PDF with WeasyPrint, fetching nothing but the app's own static files.

PDF variant: **PDF/A-2u, tagged** (``pdf_variant="pdf/a-2u"`` plus ``pdf_tags=True``).

- PDF/A because board documents are public records kept for the long term, and PDF/A is the
  archival form of PDF that Riksarkivet accepts (PDF/A-1, -2, -3).
- Part 2 rather than 1: PDF/A-2 (ISO 19005-2, PDF 1.7) allows transparency and OpenType and
  is what current viewers and archives expect; PDF/A-1 is PDF 1.4 with stricter limits and
  no benefit for us. Part 2 rather than 3: PDF/A-3 allows *any* file to be embedded, and a
  board document must carry nothing but itself. WeasyPrint's PDF/A-2 writer even removes
  non-PDF attachments, so a stray ``<link rel=attachment>`` cannot smuggle a file in.
  Not part 4 (PDF 2.0): it is not on Riksarkivet's list and viewer support is thinner.
- Conformance level ``u`` rather than ``b``: ``u`` adds that every glyph maps to Unicode, so
  the text can be searched, copied and read back (our tests read it with pypdf). WeasyPrint
  writes a ToUnicode map for every embedded font, so the claim is one it keeps.
- Tagged, but not claimed as level ``a``: WeasyPrint 70 offers ``pdf/a-2a`` (which just
  turns ``pdf_tags`` on) and also lets ``pdf_tags=True`` combine with ``pdf/a-2u`` (the
  ``u`` variant does not override the option). The structure tree WeasyPrint writes
  (headings, paragraphs, lists, tables, ``/Lang sv``) helps assistive technology, but we
  cannot validate level A (full logical structure, alternative texts) here without veraPDF,
  so the document claims ``pdfaid:part=2, conformance=U`` and carries the tags as a bonus.
  Switch ``PDF_VARIANT`` to ``pdf/a-2a`` once a veraPDF run in CI passes.

Fonts: DejaVu Sans, shipped in ``static/fonts`` (Bitstream Vera licence, redistribution
allowed; licence next to the files) and loaded with ``@font-face`` through the fetcher below,
so every machine produces the same PDF, whatever fonts the host has. PDF/A requires embedded
fonts; WeasyPrint embeds subsets.

Security: the HTML is rendered from Django templates with autoescaping, so text typed by
users never becomes markup. As a second line, the URL fetcher refuses everything except
``iop-static:`` URLs, which resolve to files under the project's ``static/`` directory
(never outside it, whatever ``..`` or symlinks say). ``file:``, ``http(s):``, ``data:``
and any other scheme raise ``ResourceRefused``; no base URL is given, so relative URLs are
dropped by WeasyPrint before they reach the fetcher.

``render_pdf`` is a pure function of (template, context): no request, no database. The
per-document builders in ``documents.kinds`` take ids and return bytes, so a background
task (django-tasks) can run them unchanged later.
"""

from __future__ import annotations

import datetime as dt
import functools
import mimetypes
import ssl
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import pdf_tags

pdf_tags.install()  # headers as artifacts, one element per split section, th scope

PDF_VARIANT = "pdf/a-2u"
PDF_TAGS = True
LANGUAGE = "sv"
STATIC_SCHEME = "iop-static:"


class ResourceRefused(ValueError):
    """The document asked for a resource outside the app's own static files."""


def static_root() -> Path:
    """The project's ``static/`` directory (the one holding ``fonts/``)."""
    return (Path(settings.BASE_DIR) / "static").resolve()


def resolve_static_url(url: str, *, root: Path | None = None) -> Path:
    """``iop-static:fonts/DejaVuSans.ttf`` -> the file under ``static/``, or raise.

    Refuses other schemes, absolute or escaping paths, and paths that leave the static
    directory after resolving symlinks."""
    root = (root or static_root()).resolve()
    if not url.startswith(STATIC_SCHEME):
        raise ResourceRefused(f"Otillåten resurs: {url[:80]!r}")
    relative = unquote(url[len(STATIC_SCHEME) :].split("?", 1)[0].split("#", 1)[0])
    relative = relative.lstrip("/")
    if not relative or "\x00" in relative or "\\" in relative:
        raise ResourceRefused(f"Otillåten sökväg: {url[:80]!r}")
    candidate = (root / relative).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        raise ResourceRefused(f"Otillåten sökväg: {url[:80]!r}")
    return candidate


#: WeasyPrint's ``URLFetcher`` adds an ``HTTPSHandler``, which builds a default SSL
#: context (loading the system's CA certificates, 20-40 ms) unless one is given. This
#: fetcher never opens a connection, so every instance shares one bare context, made once.
_UNUSED_SSL_CONTEXT = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class StaticOnlyURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves ``iop-static:`` files and refuses the rest.

    ``fail_on_errors`` stays False: a refused URL becomes a WeasyPrint warning and the
    resource is left out, so a user's pasted ``url(http://...)`` cannot stop a render."""

    def __init__(self, *, root: Path | None = None) -> None:
        super().__init__(
            allowed_protocols=(),
            allow_redirects=False,
            fail_on_errors=False,
            ssl_context=_UNUSED_SSL_CONTEXT,
        )
        self.root = (root or static_root()).resolve()

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        path = resolve_static_url(url, root=self.root)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            content_type = "font/ttf"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    # urllib's OpenerDirector.open must never run: everything goes through fetch().
    def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
        return self.fetch(url if isinstance(url, str) else url.full_url)


@functools.cache
def default_fetcher() -> StaticOnlyURLFetcher:
    """The fetcher of every render, made once per process (it keeps no state between
    fetches: ``fetch`` reads a file and never touches urllib)."""
    return StaticOnlyURLFetcher()


def render_html_to_pdf(
    html: str,
    *,
    title: str,
    author: str,
    subject: str,
    url_fetcher: URLFetcher | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """Render a complete HTML string to PDF/A bytes with the restricted fetcher."""
    fetcher = url_fetcher if url_fetcher is not None else default_fetcher()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher).render()
    metadata = document.metadata
    metadata.title = title
    metadata.authors = [author] if author else []
    metadata.description = subject
    metadata.lang = LANGUAGE
    metadata.generator = "IOP-registret"
    metadata.attachments = []  # a board document embeds nothing
    if created is not None:
        stamp = created.replace(microsecond=0).isoformat()
        metadata.created = stamp
        metadata.modified = stamp
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=PDF_TAGS, uncompressed_pdf=False)


def render_pdf(
    template_name: str,
    context: Mapping[str, Any],
    *,
    title: str,
    author: str,
    subject: str,
    url_fetcher: URLFetcher | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """Render a Django template (extending ``documents/base.html``) to PDF/A bytes."""
    html = render_to_string(
        template_name, {**context, "document_title": title, "document_lang": LANGUAGE}
    )
    return render_html_to_pdf(
        html,
        title=title,
        author=author,
        subject=subject,
        url_fetcher=url_fetcher,
        created=created,
    )
