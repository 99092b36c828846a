from django.apps import AppConfig


class IopConfig(AppConfig):
    """The top floor: what combines partnerships, finance and followups.

    The start page and the demo-data command live here because they need all three apps,
    and the apps themselves may not import each other upwards.
    """

    name = "iop"
    verbose_name = "IOP-registret"
