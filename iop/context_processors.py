from django.http import HttpRequest

from accounts.sso import providers as sso_providers


def navigation(request: HttpRequest) -> dict:
    """Main navigation; each item is shown to the roles that can use it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_navigation": [], "sso_providers": sso_providers()}
    items = [
        ("start", "Start"),
        ("partnerships:agreement_list", "Överenskommelser"),
        ("partnerships:organisation_list", "Organisationer"),
        ("finance:overview", "Ekonomi"),
    ]
    if user.is_superuser or user.is_administrator or user.is_partner:
        items.append(("initiatives:list", "Initiativ"))
    if user.is_superuser or user.is_administrator or user.is_board_staff:
        items.append(("documents:boards_index", "Årsrapporter"))
    items.append(("followups:calendar_settings", "Kalender"))
    if user.is_administrator and user.organisation.sector == "public":
        items.append(("publication:settings", "Publicering"))
    if user.is_operator or user.is_administrator or user.is_organisation_admin:
        items.append(("accounts:people_index", "Personer"))
    if user.is_operator:
        items.append(("accounts:public_bodies", "Kommuner och regioner"))
    items.append(("accounts:account", "Mitt konto"))
    return {"main_navigation": items}
