"""Tagged PDF quality, checked marker by marker with pikepdf (no veraPDF here: it is not on
PyPI or in Debian, and nothing else may be downloaded): running headers and footers are
artifacts, every tagged content piece is in the tree, th cells have a scope, headings do not
skip levels, what crosses a page stays one element, totals and warnings stay with their
tables."""

import io
import re
from collections import Counter

import pikepdf
import pytest
from pypdf import PdfReader

from documents import rendering
from tests.documents.conftest import agreement_pdf
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def _kids(element):
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every structure element reachable from the root, in document order."""
    found: list[pikepdf.Dictionary] = []

    def walk(element):
        if isinstance(element, pikepdf.Dictionary) and "/S" in element:
            found.append(element)
            for kid in _kids(element):
                walk(kid)

    for kid in _kids(pdf.Root.StructTreeRoot):
        walk(kid)
    return found


def _reachable_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    found = set()
    for element in _elements(pdf):
        page = element.get("/Pg")
        for kid in _kids(element):
            if isinstance(kid, int):
                found.add((pages[page.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.add((pages[kid.Pg.objgen], int(kid.MCID)))
    return found


def _marked_content(pdf: pikepdf.Pdf) -> tuple[set[tuple[int, int]], list[int]]:
    """(page, MCID) of all tagged content, and the number of artifacts holding text per page."""
    tagged, artifacts = set(), []
    for number, page in enumerate(pdf.pages):
        stack, texts = [], 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "BDC":
                properties = operands[1]
                mcid = (
                    properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
                )
                if mcid is not None:
                    tagged.add((number, int(mcid)))
                stack.append(str(operands[0]))
            elif op == "BMC":
                stack.append(str(operands[0]))
            elif op == "EMC":
                stack.pop()
            elif op in ("Tj", "TJ") and stack and stack[-1] == "/Artifact":
                texts += 1
        artifacts.append(texts)
    return tagged, artifacts


@pytest.fixture
def long_agreement(world):
    """An agreement long enough to cross pages, with a list of goals that crosses one."""
    agreement = world.agreement
    agreement.background = "\n\n".join(f"Stycke {i} om bakgrunden. " * 8 for i in range(12))
    agreement.save()
    for position in range(1, 61):
        GoalFactory(agreement=agreement, position=position, text=f"Delmål nummer {position}")
    return agreement


@pytest.fixture
def structure(long_agreement):
    data = agreement_pdf(long_agreement.pk)
    return data, pikepdf.open(io.BytesIO(data))


def test_running_headers_and_footers_are_artifacts_and_all_content_is_in_the_tree(structure):
    data, pdf = structure
    tagged, artifact_texts = _marked_content(pdf)
    assert len(pdf.pages) >= 3
    # every page has its header (organisation, date), footer and "Sida N (M)" as artifacts
    assert all(count >= 3 for count in artifact_texts), artifact_texts
    # and every piece of tagged content belongs to an element of the tree
    assert tagged == _reachable_mcids(pdf)
    assert "Sida 2 (" in PdfReader(io.BytesIO(data)).pages[1].extract_text()


def test_table_header_cells_have_a_scope(structure):
    _, pdf = structure
    headers = [e for e in _elements(pdf) if e.S == "/TH"]
    assert headers
    assert {str(e.A.Scope) for e in headers} <= {"/Column", "/Row"}
    assert all("/Scope" in e.A for e in headers)


def test_headings_do_not_skip_a_level(structure):
    _, pdf = structure
    levels = [int(str(e.S)[2:]) for e in _elements(pdf) if re.fullmatch(r"/H\d", str(e.S))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_list_and_a_section_that_cross_a_page_are_one_element(structure):
    _, pdf = structure
    elements = _elements(pdf)
    counts = Counter(str(e.S) for e in elements)
    assert counts["/Part"] == 1  # <main> spans every page
    goal_lists = [
        e
        for e in elements
        if e.S == "/L" and sum(1 for k in _kids(e) if k.get("/S") == "/LI") >= 60
    ]
    assert (
        len(goal_lists) == 1
    )  # the goals (60 and the two of the world), across a page break, in one list
    pages = {k.Pg.objgen for k in _kids(goal_lists[0]) if "/Pg" in k}
    assert len(pages) >= 2  # it does cross a page


def _page_texts(data: bytes) -> list[str]:
    return [
        re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages
    ]


def _print_html(body: str) -> str:
    css = (rendering.static_root().parent / "templates/documents/_print.css").read_text()
    return f'<html lang="sv"><head><style>{css}</style></head><body>{body}</body></html>'


@pytest.mark.parametrize("filler", range(28, 44, 3))
def test_a_total_row_never_starts_a_page_alone(filler):
    rows = "".join(f"<tr><td>Rad {i}</td><td class='amount'>{i} kr</td></tr>" for i in range(8))
    body = "".join(f"<p>Utfyllnad {i}</p>" for i in range(filler)) + (
        "<table><thead><tr><th scope='col'>Post</th><th scope='col'>Belopp</th></tr></thead>"
        f"<tbody>{rows}<tr class='total'><td>Summa rader</td><td>28 kr</td></tr></tbody></table>"
    )
    data = rendering.render_html_to_pdf(_print_html(body), title="t", author="a", subject="s")
    page = next(text for text in _page_texts(data) if "Summa rader" in text)
    assert "Rad 7" in page


@pytest.mark.parametrize("filler", range(30, 46, 3))
def test_a_warning_stays_with_its_table(filler):
    body = "".join(f"<p>Utfyllnad {i}</p>" for i in range(filler)) + (
        "<p class='warning'>Observera: varningen om tabellen</p>"
        "<table><tbody><tr><td>Första raden</td></tr><tr><td>Andra raden</td></tr></tbody></table>"
    )
    data = rendering.render_html_to_pdf(_print_html(body), title="t", author="a", subject="s")
    page = next(text for text in _page_texts(data) if "varningen om tabellen" in text)
    assert "Första raden" in page


def test_a_table_header_repeated_on_the_next_page_is_in_the_tree_once():
    rows = "".join(f"<tr><td>Rad {i}</td><td class='amount'>{i} kr</td></tr>" for i in range(70))
    body = (
        "<table><thead><tr><th scope='col'>Post</th><th scope='col'>Belopp</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
    data = rendering.render_html_to_pdf(_print_html(body), title="t", author="a", subject="s")
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) >= 2
    assert all("Post" in text and "Belopp" in text for text in _page_texts(data))  # repeated
    elements = _elements(pdf)
    heads = [e for e in elements if e.S == "/THead"]
    assert len(heads) == 1
    header_rows = [k for k in _kids(heads[0]) if k.get("/S") == "/TR"]
    assert len(header_rows) == 1
    headers = [e for e in elements if e.S == "/TH"]
    assert len(headers) == 2  # one header row of TH elements, not one per page
    assert all(len(_kids(th)) == 1 for th in headers)  # each holds its text once
    # the copies on the continuation pages are artifacts, and no tagged content is lost
    tagged, artifact_texts = _marked_content(pdf)
    assert tagged == _reachable_mcids(pdf)
    assert all(count >= 2 for count in artifact_texts[1:]), artifact_texts
    # every data cell, on every page, names header cells that exist in the tree
    ids = {str(th.ID) for th in headers}
    cells = [e for e in elements if e.S == "/TD"]
    assert len(cells) == 140
    assert all(
        {str(h) for h in e.A.Headers} and {str(h) for h in e.A.Headers} <= ids for e in cells
    )
