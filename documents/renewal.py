"""The documents side of a renewal: a renewal memo ready to edit (receiver of the register's
``successor_created`` signal)."""

from partnerships.models import Agreement, User

from .models import Memo, MemoKind
from .permissions import can_edit_memo
from .services import memo_create


def on_successor_created(
    sender, *, predecessor: Agreement, successor: Agreement, user: User | None = None, **kwargs
) -> None:
    if user is None or not can_edit_memo(user, predecessor):
        return
    if Memo.objects.filter(agreement=predecessor, kind=MemoKind.RENEWAL).exists():
        return
    memo_create(user=user, agreement=predecessor, kind=MemoKind.RENEWAL)
