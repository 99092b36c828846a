from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    """An idea-based organisation's initiative, the administration's assessment (IOP
    criteria, procurement, competence, state aid) and the de minimis ledger.

    On the floor of finance and followups: builds on partnerships (organisations, and a
    draft agreement made through partnerships' services); imports neither finance nor
    followups."""

    name = "initiatives"
    verbose_name = "Initiativ"
