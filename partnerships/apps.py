from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The ground floor: organisations, agreements, parties, users. Imports no other app."""

    name = "partnerships"
    verbose_name = "Överenskommelser"

    def ready(self) -> None:
        from . import audit  # noqa: F401 - registers the register's own history sources
        from .tabs import AgreementTab, register_agreement_tab

        register_agreement_tab(
            AgreementTab(
                key="history",
                label="Historik",
                url_name="partnerships:agreement_history",
                order=90,
            )
        )
