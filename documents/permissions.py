"""Who may do what with documents. Visibility of the agreement itself is in
``partnerships.selectors`` (404 outside scope); these rules decide 403 inside it."""

from partnerships.models import Agreement, Board, User
from partnerships.permissions import can_edit_agreement, is_public_party_member

from .models import PARTNER_KINDS


def can_issue_documents(user: User, agreement: Agreement) -> bool:
    """Administrators and board staff of the public party may issue (and read memos)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if not (user.is_administrator or user.is_board_staff):
        return False
    return is_public_party_member(user, agreement)


def can_read_memos(user: User, agreement: Agreement) -> bool:
    return can_issue_documents(user, agreement)


def can_edit_memo(user: User, agreement: Agreement) -> bool:
    """Memos are written by administrators (the same people who edit the agreement)."""
    return can_edit_agreement(user, agreement)


def readable_kinds(user: User, agreement: Agreement | None) -> frozenset[str] | None:
    """The document kinds the user may read for this agreement; None means all kinds."""
    if user.is_superuser:
        return None
    if agreement is not None and can_issue_documents(user, agreement):
        return None
    if user.is_partner:
        return frozenset(str(kind) for kind in PARTNER_KINDS)
    return frozenset()


def can_issue_annual_report(user: User, board: Board) -> bool:
    """Administrators and board staff of the board's own organisation (the municipality)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (user.is_administrator or user.is_board_staff) and (
        user.organisation_id == board.organisation_id
    )
