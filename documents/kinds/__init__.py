"""Board documents by kind, each in two steps: ids -> snapshot -> PDF bytes.

- ``<kind>.snapshot(id)`` reads the database once and returns everything the document
  prints, built as the kind's dataclasses and returned as plain JSON data (ints for kronor,
  ISO strings for dates). Issuing stores it with the document, so the record keeps exactly
  the data it printed.
- ``render_snapshot(snapshot)`` turns a snapshot into PDF bytes without the database.
  Preview and issue use the same path, so what is previewed is what is issued. The annual
  report is rendered by a background task (``documents.tasks``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.utils.text import slugify

from ..models import DocumentKind
from ..rendering import render_pdf
from . import agreement, annual_report, followup_report, memo
from .base import Meta

agreement_snapshot = agreement.snapshot
memo_snapshot = memo.snapshot
followup_report_snapshot = followup_report.snapshot
annual_report_snapshot = annual_report.snapshot

#: Template and metadata of each kind.
KINDS: dict[str, tuple[str, Callable[[dict[str, Any]], Meta]]] = {
    DocumentKind.AGREEMENT.value: ("documents/agreement.html", agreement.meta),
    DocumentKind.MEMO_NEW.value: ("documents/memo.html", memo.meta),
    DocumentKind.MEMO_RENEWAL.value: ("documents/memo.html", memo.meta),
    DocumentKind.FOLLOWUP_REPORT.value: ("documents/followup_report.html", followup_report.meta),
    DocumentKind.ANNUAL_REPORT.value: ("documents/annual_report.html", annual_report.meta),
}


def document_meta(snapshot: dict[str, Any]) -> dict[str, str]:
    """Title, author, subject and file name of the document a snapshot describes."""
    _, meta = KINDS[snapshot["kind"]]
    result = dataclasses.asdict(meta(snapshot))
    version = snapshot["document"].get("version")
    stem = slugify(result["filename_stem"]) or "dokument"
    result["filename"] = f"{stem}-v{version}.pdf" if version else f"{stem}-utkast.pdf"
    return result


def render_snapshot(snapshot: dict[str, Any]) -> bytes:
    """PDF bytes from a snapshot. No database access: safe in a background worker."""
    template, _ = KINDS[snapshot["kind"]]
    meta = document_meta(snapshot)
    document = snapshot["document"]
    header = {
        "organisation": snapshot["municipality"],
        "board": snapshot["board"]["name"] if snapshot["board"] else "",
        "registry_number": meta["registry_number"],
        "date": document["date"],
        "version": document.get("version"),
        "kind_label": meta["kind_label"],
        "document_name": meta["kind_label"]
        + (" – UTKAST, ej utfärdad" if document.get("draft") else ""),
        "data_sha256": document.get("data_sha256", ""),
    }
    return render_pdf(
        template,
        {"s": snapshot, "header": header, "draft": document.get("draft", True)},
        title=meta["title"],
        author=meta["author"],
        subject=meta["subject"],
    )
