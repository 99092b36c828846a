from django.apps import AppConfig


class FinanceConfig(AppConfig):
    """Money under the agreements: compensation, OPI indexation, payments, budgets.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "finance"
    verbose_name = "Ekonomi"
