from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The ground floor: organisations, agreements, parties, users. Imports no other app."""

    name = "partnerships"
    verbose_name = "Överenskommelser"
