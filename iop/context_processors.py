from django.http import HttpRequest

from common.privacy import PRIVACY_NOTICE


def navigation(request: HttpRequest) -> dict:
    """Main navigation; each item is shown to the roles that can use it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": []}
    items = [
        ("start", "Start"),
        ("partnerships:agreement_list", "Överenskommelser"),
        ("partnerships:organisation_list", "Organisationer"),
        ("finance:overview", "Ekonomi"),
    ]
    if user.is_superuser or user.is_administrator or user.is_board_staff:
        items.append(("documents:boards_index", "Årsrapporter"))
    items.append(("followups:calendar_settings", "Kalender"))
    return {"main_navigation": items}


def privacy(request: HttpRequest) -> dict:
    """The one wording of the privacy notice shown beside free text."""
    return {"privacy_notice": PRIVACY_NOTICE}
