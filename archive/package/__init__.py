"""The archive package of an agreement (E-ARK CSIP 2.1.0 / SIP 2.1.0, which Riksarkivet's
FGS Paketstruktur 2.0 follows) and the auditors' dossier. Reproducible: the same data
gives the same bytes (times come from the data, entries are sorted, IDs derive from paths,
ZIP entries carry a fixed time and mode).

Package layout (inside one root folder named by the package id)::

    METS.xml                                  fileSec with SHA-256, size, MIME type
    metadata/descriptive/erms.xml             the case (CITS ERMS 3.0, FGS Ärendehantering)
    metadata/descriptive/agreement.json       the agreement with its texts (the register's own)
    documentation/change-history.txt          the change history, readable
    representations/rep1/data/NN-<file>.pdf   every issued document (PDF/A) of the agreement
    representations/rep1/data/bilagor/NN-<f>  every attachment the parties handed in
    schemas/*.xsd                             the schemas METS.xml and erms.xml follow

Split by topic: ``files`` (what the package holds), ``mets`` (METS.xml), ``zips`` (the SIP
and the auditors' dossier).
"""

from .files import CLOSED, PackageFile, package_files, package_id
from .mets import mets_xml
from .zips import archive_package, auditors_dossier, is_closed

__all__ = [
    "CLOSED",
    "PackageFile",
    "archive_package",
    "auditors_dossier",
    "is_closed",
    "mets_xml",
    "package_files",
    "package_id",
]
