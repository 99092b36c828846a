"""Who may do what with documents. Visibility of the agreement itself is in
``partnerships.selectors`` (404 outside scope); these rules decide 403 inside it, each with
the Swedish reason the 403 page shows (``common.permissions.Decision``)."""

from common.permissions import Decision, allow, deny
from partnerships.models import Agreement, Board, User
from partnerships.permissions import administrator_of, is_public_party_member

from .models import PARTNER_KINDS

ISSUERS_ONLY = (
    "Endast handläggare och nämndsekreterare hos den offentliga parten kan ta fram dokumenten."
)


def _issuer(user: User, own) -> bool:
    """Administrators and board staff of the public side (``own()``), or an operator."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return (user.is_administrator or user.is_board_staff) and own()


def can_issue_documents(user: User, agreement: Agreement) -> Decision:
    """Administrators and board staff of the public party may issue (and read memos)."""
    if _issuer(user, lambda: is_public_party_member(user, agreement)):
        return allow()
    return deny(ISSUERS_ONLY)


def can_read_memos(user: User, agreement: Agreement) -> Decision:
    if can_issue_documents(user, agreement):
        return allow()
    return deny(
        "Endast handläggare och nämndsekreterare hos den offentliga parten läser "
        "tjänsteskrivelserna."
    )


def can_edit_memo(user: User, agreement: Agreement) -> Decision:
    """Memos are written by administrators (the same people who edit the agreement)."""
    return administrator_of(user, agreement, "Endast handläggare skriver tjänsteskrivelserna.")


def readable_kinds(user: User, agreement: Agreement | None) -> frozenset[str] | None:
    """The document kinds the user may read for this agreement; None means all kinds."""
    if user.is_superuser:
        return None
    if agreement is not None and can_issue_documents(user, agreement):
        return None
    if user.is_partner:
        return frozenset(str(kind) for kind in PARTNER_KINDS)
    return frozenset()


def can_issue_annual_report(user: User, board: Board) -> Decision:
    """Administrators and board staff of the board's own organisation (the municipality)."""
    if _issuer(user, lambda: user.organisation_id == board.organisation_id):
        return allow()
    return deny(
        "Endast handläggare och nämndsekreterare hos nämndens organisation tar fram årsrapporten."
    )


def can_open_annual_reports(boards: list[Board]) -> Decision:
    """The boards page: for those who may make the annual report of at least one board."""
    if boards:
        return allow()
    return deny("Endast handläggare och nämndsekreterare tar fram årsrapporter för sina nämnder.")
