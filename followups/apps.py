from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    """Follow-up of the agreements: meetings, rounds, partners' notes, assessments.

    Builds on partnerships (ForeignKey to Agreement, its selectors for scope).
    """

    name = "followups"
    verbose_name = "Uppföljning"
