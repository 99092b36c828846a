from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Board documents as PDFs and the renewal flow.

    A separate app because it combines partnerships, finance and followups (the agreement
    PDF prints the economy, the follow-up report prints notes): it sits above all three,
    and none of them imports it.
    """

    name = "documents"
    verbose_name = "Nämnddokument"
