from django.apps import AppConfig


class FinanceConfig(AppConfig):
    """Money under the agreements: compensation, OPI indexation, payments, budgets.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "finance"
    verbose_name = "Ekonomi"

    def ready(self) -> None:
        from attachments.registry import register_private, register_target
        from partnerships.signals import (
            draft_budget_proposed,
            successor_created,
            successor_discarding,
        )
        from partnerships.tabs import AgreementTab, register_agreement_tab

        from . import history, renewal
        from .attachment_privacy import draft_report_attachments
        from .initiative_budget import on_draft_budget_proposed
        from .models import EconomicReport
        from .permissions import may_attach_to_report

        history.register()

        register_agreement_tab(
            AgreementTab(key="economy", label="Ekonomi", url_name="finance:economy", order=20)
        )
        register_agreement_tab(
            AgreementTab(
                key="amendments", label="Ändringar", url_name="finance:amendments", order=15
            )
        )
        register_target(EconomicReport, may_attach_to_report)
        register_private(draft_report_attachments)
        successor_created.connect(renewal.on_successor_created, dispatch_uid="finance-renewal")
        draft_budget_proposed.connect(
            on_draft_budget_proposed, dispatch_uid="finance-initiative-budget"
        )
        successor_discarding.connect(
            renewal.on_successor_discarding, dispatch_uid="finance-renewal-discard"
        )
