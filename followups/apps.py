from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """Follow-up of the agreements: meetings, rounds, partners' notes, assessments.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "followups"
    verbose_name = "Uppföljning"

    def ready(self) -> None:
        from partnerships.signals import successor_created
        from partnerships.tabs import AgreementTab, register_agreement_tab

        from . import history, indicator_services

        history.register()
        successor_created.connect(
            indicator_services.on_successor_created, dispatch_uid="followups-indicators"
        )

        register_agreement_tab(
            AgreementTab(
                key="followups",
                label="Uppföljning",
                url_name="followups:agreement_followup",
                order=20,
            )
        )
