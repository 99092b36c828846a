"""Scopes of the document views: outside the user's agreements 404, inside 403 for what
the role may not do."""

import pytest
from django.urls import reverse

from documents import services
from documents.models import IssuedDocument, MemoKind
from tests.documents.conftest import pdf_text


def _url(name, *args):
    return reverse(f"documents:{name}", args=args)


@pytest.fixture
def issued(world):
    return services.agreement_issue(user=world.admin, agreement=world.agreement)


@pytest.fixture
def memo_doc(world):
    memo = services.memo_create(user=world.admin, agreement=world.agreement, kind=MemoKind.NEW)
    return services.memo_issue(user=world.admin, memo=memo)


@pytest.mark.parametrize("who", ["admin", "board_staff", "partner"])
def test_everyone_who_sees_the_agreement_gets_its_pdf(world, client_for, who):
    response = client_for(getattr(world, who)).get(_url("agreement_preview", world.agreement.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert world.association.name in pdf_text(content)


@pytest.mark.parametrize("who", ["other_partner", "outsider_admin"])
def test_agreement_pdf_outside_scope_is_404(world, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(_url("agreement_preview", world.agreement.pk)).status_code == 404
    assert client.get(_url("agreement_documents", world.agreement.pk)).status_code == 404
    assert client.post(_url("agreement_issue", world.agreement.pk)).status_code == 404


@pytest.mark.parametrize("name", ["agreement_preview", "download", "board_annual_reports"])
@pytest.mark.parametrize("malformed", ["x1", "1.0", "-1", "9" * 19])
def test_malformed_id_does_not_match_the_url_and_is_404(world, client_for, name, malformed):
    """The typed converter (<id:...>) refuses anything but an id before a view runs."""
    url = _url(name, 1).replace("/1/", f"/{malformed}/", 1)
    assert url != _url(name, 1)
    assert client_for(world.admin).get(url).status_code == 404


def test_unknown_id_is_404(world, client_for):
    client = client_for(world.admin)
    assert client.get(_url("agreement_preview", 987654)).status_code == 404
    assert client.get(_url("download", 987654)).status_code == 404


def test_anonymous_is_sent_to_login(world, client):
    response = client.get(_url("agreement_preview", world.agreement.pk))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_partner_is_forbidden_to_issue(world, client_for):
    response = client_for(world.partner).post(_url("agreement_issue", world.agreement.pk))
    assert response.status_code == 403
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("who", ["admin", "board_staff"])
def test_staff_of_the_municipality_issue_new_versions(world, client_for, who):
    client = client_for(getattr(world, who))
    url = _url("agreement_issue", world.agreement.pk)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert list(IssuedDocument.objects.values_list("version", flat=True).order_by("version")) == [
        1,
        2,
    ]


def test_issue_is_post_only(world, client_for):
    assert (
        client_for(world.admin).get(_url("agreement_issue", world.agreement.pk)).status_code == 405
    )


def test_download_follows_scope(world, client_for, issued, memo_doc):
    url = _url("download", issued.pk)
    response = client_for(world.partner).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content == bytes(issued.content)
    # a partner never reads the memos, not even of their own agreement
    assert client_for(world.partner).get(_url("download", memo_doc.pk)).status_code == 404
    assert client_for(world.board_staff).get(_url("download", memo_doc.pk)).status_code == 200
    for outsider in (world.other_partner, world.outsider_admin):
        assert client_for(outsider).get(url).status_code == 404


def test_document_list_shows_partners_only_their_kinds(world, client_for, issued, memo_doc):
    page = client_for(world.partner).get(_url("agreement_documents", world.agreement.pk))
    assert page.status_code == 200
    assert _url("download", issued.pk) in page.content.decode()
    assert _url("download", memo_doc.pk) not in page.content.decode()
    assert "Utfärda överenskommelsen" not in page.content.decode()
    staff_page = client_for(world.admin).get(_url("agreement_documents", world.agreement.pk))
    assert _url("download", memo_doc.pk) in staff_page.content.decode()


def test_agreement_page_links_to_the_documents_tab(world, client_for):
    page = client_for(world.partner).get(world.agreement.get_absolute_url())
    assert _url("agreement_documents", world.agreement.pk) in page.content.decode()
