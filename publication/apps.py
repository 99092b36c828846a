from django.apps import AppConfig


class PublicationConfig(AppConfig):
    """The public list of agreements (offentlig IOP-lista) and its open data.

    On the documents floor: it combines the register (agreements, parties, boards) with
    finance (the yearly compensation per party), so it sits above both and neither imports
    it. It does not need follow-ups or documents, and nothing but ``iop`` imports it.
    """

    name = "publication"
    verbose_name = "Publicering"
