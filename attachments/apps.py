from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    """Uploaded files of an agreement: the partners' yearly documents, minutes, the signed
    agreement. On the floor of partnerships (it imports only partnerships and common), so
    finance, followups and documents can all attach files without importing each other."""

    name = "attachments"
    verbose_name = "Bilagor"

    def ready(self) -> None:
        from partnerships.tabs import AgreementTab, register_agreement_tab

        register_agreement_tab(
            AgreementTab(
                key="attachments",
                label="Bilagor",
                url_name="attachments:agreement_attachments",
                order=40,
            )
        )
