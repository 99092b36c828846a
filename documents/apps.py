from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Board documents as PDFs (and later the renewal flow).

    A separate app because it combines partnerships, finance and followups (the agreement
    PDF prints the economy, the follow-up report prints notes): it sits above all three,
    and none of them imports it. Documents read the money and the follow-ups through
    ``finance.documents_data`` and ``followups.documents_data`` directly (one way down).
    """

    name = "documents"
    verbose_name = "Nämnddokument"

    def ready(self) -> None:
        from attachments.registry import register_keeper
        from partnerships.signals import successor_created
        from partnerships.tabs import AgreementTab, register_agreement_tab

        from . import renewal
        from .keepers import issued_document_keeps

        register_keeper(issued_document_keeps)

        successor_created.connect(renewal.on_successor_created, dispatch_uid="documents-renewal")

        register_agreement_tab(
            AgreementTab(
                key="documents",
                label="Dokument",
                url_name="documents:agreement_documents",
                order=300,
            )
        )
