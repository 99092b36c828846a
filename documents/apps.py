from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Board documents as PDFs (and later the renewal flow).

    A separate app because it combines partnerships, finance and followups (the agreement
    PDF prints the economy, the follow-up report prints notes): it sits above all three,
    and none of them imports it. Finance feeds the economy sections through
    ``documents.providers`` (registered here, in ``ready``); the follow-up report and the
    annual report call ``followups.documents_data`` and ``finance.documents_data`` directly.
    """

    name = "documents"
    verbose_name = "Nämnddokument"

    def ready(self) -> None:
        from finance.documents_data import agreement_economy, memo_economy
        from partnerships.signals import successor_created
        from partnerships.tabs import AgreementTab, register_agreement_tab

        from . import providers, renewal

        providers.register_agreement_economy(agreement_economy)
        providers.register_memo_economy(memo_economy)
        successor_created.connect(renewal.on_successor_created, dispatch_uid="documents-renewal")

        register_agreement_tab(
            AgreementTab(
                key="documents",
                label="Dokument",
                url_name="documents:agreement_documents",
                order=300,
            )
        )
