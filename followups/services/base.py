"""What every follow-up write checks first."""

from common.permissions import require
from partnerships.models import Agreement, User

from ..permissions import (
    can_manage_followups,
)


def require_manager(user: User, agreement: Agreement) -> None:
    require(can_manage_followups(user, agreement))
