from django.apps import AppConfig


class FinanceConfig(AppConfig):
    """Money under the agreements: compensation, OPI indexation, payments, budgets.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "finance"
    verbose_name = "Ekonomi"

    def ready(self) -> None:
        from partnerships.tabs import AgreementTab, register_agreement_tab

        register_agreement_tab(
            AgreementTab(key="economy", label="Ekonomi", url_name="finance:economy", order=20)
        )
