from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """Archive packages (E-ARK CSIP/SIP 2.1.0, FGS Paketstruktur 2.0) and the auditors'
    dossier of an agreement.

    On the documents floor: it reads the register (agreement, parties, renewal chain,
    change history), follow-ups (rounds and assessments) and documents (issued PDFs), and
    nobody but ``iop`` imports it. Money is not in the package beyond what the issued
    documents print, so it does not import finance.
    """

    name = "archive"
    verbose_name = "Arkiv"
