"""Three corrections to the structure tree WeasyPrint 70 writes for tagged PDFs.

WeasyPrint builds the tree page by page (``weasyprint.pdf.tags``). For board documents
that is wrong in three ways, each checked by ``tests/documents/test_pdf_structure.py``:

1. **Running headers and footers** (margin boxes: organisation, date, registry number,
   "Sida N (M)") are tagged content whose structure elements are linked nowhere. A reader
   meets them as stray text on every page. They are marked as ``/Artifact`` instead: the
   content stream's ``BDC`` with an MCID becomes ``/Artifact BMC`` and the parent tree
   entry becomes ``null``.
2. **An element that crosses a page** (a section, a list, a table, the ``main`` part)
   becomes one structure element per page. The continuation on a later page is merged
   into the element of the first page (same HTML element, same style object, same
   structure type), so a list that crosses a page is one list.
3. **Table header cells** carry no ``/Scope``. A ``th`` gets ``/Column`` (or ``/Row`` for
   ``scope="row"``) in its attributes.
4. **A table header (or footer) repeated on a continuation page** is a copy of the real
   ``thead``: merged as a continuation it put the header row into the tree once per page
   (``TH`` "Post" holding "Post" three times). A repeated row group is marked as
   ``/Artifact`` like a running header (PDF/UA: repeated content is an artifact), and the
   data cells of that page name the real header cells in ``/Headers``.

The corrections wrap WeasyPrint's own functions (``install`` is called by
``documents.rendering``) and are tied to the pinned version: another version refuses to
install, so an upgrade is checked before it is trusted.
"""

from __future__ import annotations

import threading
from typing import Any

import pydyf
import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags as weasy_tags

SUPPORTED_WEASYPRINT = "70.0"
NULL = b"null"

_state = threading.local()
_original_build = weasy_tags._build_box_tree
_original_add_tags = weasy_tags.add_tags


def _render_state() -> dict[str, Any]:
    return _state.__dict__.setdefault("render", _fresh_state())


def _fresh_state() -> dict[str, Any]:
    # aliases: (TH of a repeated header, the real TH); cells: every TD (for /Headers)
    return {"first_seen": {}, "artifacts": {}, "repeating": 0, "aliases": [], "cells": []}


def _key(box) -> tuple | None:
    if box.element is None or isinstance(box, boxes.PageBox | boxes.TextBox):
        return None
    if box.element_tag in ("html", "body"):
        return None
    return (id(box.element), box.element_tag, id(box.style))


def _as_marked_content_reference(kid, page_reference):
    """An MCID in ``K`` is relative to the element's page; a merged one names its own."""
    if isinstance(kid, int):
        return pydyf.Dictionary({"Type": "/MCR", "Pg": page_reference, "MCID": kid})
    return kid


def _merge(into: pydyf.Dictionary, element: pydyf.Dictionary, nums: dict, pdf, page: int):
    page_reference = pdf.page_references[page]
    for kid in element["K"]:
        if isinstance(kid, int):
            nums[kid] = into.reference  # the parent tree names the merged element
        into["K"].append(_as_marked_content_reference(kid, page_reference))
        if isinstance(kid, bytes):  # "12 0 R": a structure element, pdf.objects[12]
            child = pdf.objects[int(kid.split()[0])]
            if isinstance(child, pydyf.Dictionary) and "P" in child:
                child["P"] = into.reference


def _scope(box, element: pydyf.Dictionary) -> None:
    if element.get("S") == "/TH" and "A" in element:
        scope = box.element.attrib.get("scope", "col") if box.element is not None else "col"
        element["A"]["Scope"] = "/Row" if scope == "row" else "/Column"


def _build_as_artifact(box, state, page_number, nums, build_args, *, repeating: bool) -> None:
    """Build a box (so that its marked content is mapped), keep it out of the tree, and
    mark its content as an artifact."""
    before = set(nums)
    state["repeating"] += int(repeating)
    try:
        tuple(_original_build(box, *build_args))
    finally:
        state["repeating"] -= int(repeating)
    mcids = set(nums) - before
    for mcid in mcids:
        nums[mcid] = NULL
    state["artifacts"].setdefault(page_number, set()).update(mcids)


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    state = _render_state()
    build_args = (parent, pdf, page_number, nums, annotations, tags)
    key = _key(box)
    if isinstance(box, boxes.MarginBox):
        _build_as_artifact(box, state, page_number, nums, build_args, repeating=False)
        return
    if _is_repeated_group(box, state["first_seen"].get(key), page_number):
        _build_as_artifact(box, state, page_number, nums, build_args, repeating=True)
        return
    for element in _original_build(box, *build_args):
        if key is None or element["S"] in ("/NonStruct", "/Span"):
            yield element
        else:
            yield from _place(box, key, element, state, nums, pdf, page_number)


def _place(box, key, element, state, nums, pdf, page_number):
    """Yield the element unless it continues one of an earlier page (then merge it)."""
    _scope(box, element)
    if element["S"] == "/TD":
        state["cells"].append(element)
    first = state["first_seen"].get(key)
    if state["repeating"]:  # inside a repeated header: never merged, never first
        if first is not None and element["S"] == "/TH":
            state["aliases"].append((element, first[0]))
        yield element
    elif first is None:
        state["first_seen"][key] = (element, page_number)
        yield element
    elif first[1] < page_number and first[0]["S"] == element["S"]:
        _merge(first[0], element, nums, pdf, page_number)  # a continuation
    else:
        yield element


def _is_repeated_group(box, first, page_number: int) -> bool:
    return (
        isinstance(box, boxes.TableRowGroupBox)
        and (box.is_header or box.is_footer)
        and first is not None
        and first[1] < page_number
    )


def _headers_to_real_cells(aliases, cells) -> None:
    """A data cell on a continuation page names the repeated header's IDs (WeasyPrint links
    each page's table on its own); point it at the real header cells instead."""
    real = {}
    for repeated, original in aliases:
        if "ID" in repeated and "ID" in original:
            real[repeated["ID"].string] = original["ID"]
    if not real:
        return
    for cell in cells:
        headers = cell.get("A", {}).get("Headers")
        if headers:
            cell["A"]["Headers"] = pydyf.Array([real.get(h.string, h) for h in headers])


def _artifacts_in_streams(page_streams, artifacts: dict[int, set[int]]) -> None:
    for page_number, mcids in artifacts.items():
        operations = page_streams[page_number].stream
        for index in range(1, len(operations) - 1):
            item = operations[index]
            if (
                isinstance(item, pydyf.Dictionary)
                and item.get("MCID") in mcids
                and operations[index + 1] == b"BDC"
            ):
                operations[index - 1] = "/Artifact"
                operations[index] = b""
                operations[index + 1] = b"BMC"


def _add_tags(pdf, document, pdf_version, page_streams):
    _state.render = _fresh_state()
    try:
        _original_add_tags(pdf, document, pdf_version, page_streams)
        _artifacts_in_streams(page_streams, _state.render["artifacts"])
        _headers_to_real_cells(_state.render["aliases"], _state.render["cells"])
    finally:
        del _state.render


def install() -> None:
    """Put the corrections in place (idempotent)."""
    if weasyprint.__version__ != SUPPORTED_WEASYPRINT:
        raise RuntimeError(
            f"documents.pdf_tags is written for WeasyPrint {SUPPORTED_WEASYPRINT}, "
            f"not {weasyprint.__version__}: check the corrections before upgrading."
        )
    weasy_tags._build_box_tree = _build_box_tree
    weasy_tags.add_tags = _add_tags
    import weasyprint.pdf as weasy_pdf

    weasy_pdf.add_tags = _add_tags
