"""A renamed board: documents already issued keep the name they were issued with, new
ones carry the new name, and the board's history keeps both."""

from accounts.services import board_update
from documents import services
from documents.models import IssuedDocument
from tests.documents.conftest import pdf_text


def test_issued_document_keeps_old_board_name_new_one_gets_new(world, full_agreement):
    board = full_agreement.board
    old_name = board.name
    first = services.agreement_issue(user=world.admin, agreement=full_agreement)
    assert old_name in pdf_text(first.content)
    board_update(
        user=world.admin,
        board=board,
        name="Omsorgs- och äldrenämnden",
        administration_name=board.administration_name,
    )
    full_agreement.refresh_from_db()
    second = services.agreement_issue(user=world.admin, agreement=full_agreement)
    stored = IssuedDocument.objects.get(pk=first.pk)
    assert old_name in pdf_text(stored.content)
    assert "Omsorgs- och äldrenämnden" not in pdf_text(stored.content)
    assert stored.snapshot["board"]["name"] == old_name
    assert "Omsorgs- och äldrenämnden" in pdf_text(second.content)
    history = board.history.order_by("history_date").values_list("name", flat=True)
    assert list(history) == [old_name, "Omsorgs- och äldrenämnden"]
