from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """Follow-up of the agreements: meetings, rounds, partners' notes, assessments.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "followups"
    verbose_name = "Uppföljning"

    def ready(self) -> None:
        from partnerships.tabs import AgreementTab, register_agreement_tab

        from . import history

        history.register()

        register_agreement_tab(
            AgreementTab(
                key="followups",
                label="Uppföljning",
                url_name="followups:agreement_followup",
                order=20,
            )
        )
