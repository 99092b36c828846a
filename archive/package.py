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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from lxml import etree

from attachments.models import Attachment
from attachments.services import attachment_bytes
from documents.models import IssuedDocument
from followups.models import FollowUpRound
from partnerships.history import agreement_history
from partnerships.models import Agreement, Sector
from partnerships.selectors import agreement_chain

from .descriptive import descriptive
from .erms import ERMS_PATH, CaseContent, amendments_of, erms_xml
from .validation import SCHEMA_FILES, SCHEMAS, mets_errors

METS_NS = "http://www.loc.gov/METS/"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
SOFTWARE = ("IOP-registret", "1.0")
CLOSED = {"ended", "terminated"}


@dataclass(frozen=True)
class PackageFile:
    path: str  # inside the package root
    content: bytes
    mimetype: str
    created: dt.datetime
    group: str  # "Documentation", "Schemas", "Representations/rep1/Data", "Metadata"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def xml_id(self) -> str:
        return "ID-" + hashlib.sha256(self.path.encode()).hexdigest()[:20]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime) -> str:
    return _utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "dokument"


def package_id(agreement: Agreement) -> str:
    public = next((p for p in agreement.parties.all() if p.role == Sector.PUBLIC), None)
    digits = re.sub(r"\D", "", (public.organisation.organisation_number or "") if public else "")
    return f"iop-{digits or 'okand'}-{agreement.pk}"


def _load(agreement_pk: int) -> Agreement:
    return (
        Agreement.objects.select_related(
            "board__organisation", "termination__given_by", "renewal_decision"
        )
        .prefetch_related(
            "goals",
            "parties__organisation",
            "parties__responsibilities",
            "parties__signatories",
        )
        .with_status()
        .get(pk=agreement_pk)
    )


def _documents(agreement: Agreement) -> list[IssuedDocument]:
    return list(
        IssuedDocument.objects.filter(agreement=agreement).order_by(
            "issued_at", "kind", "version", "pk"
        )
    )


def _history_text(agreement: Agreement) -> str:
    lines = [f"Ändringshistorik: {agreement.title}", ""]
    for entry in sorted(
        agreement_history(agreement, limit=100_000), key=lambda e: (e.when, e.what)
    ):
        when = timezone.localtime(entry.when).strftime("%Y-%m-%d %H:%M")
        lines.append(f"{when}  {entry.who}  {entry.action} {entry.what}")
        for name, old, new in entry.changes:
            lines.append(f"    {name}: {old} -> {new}")
    return "\n".join(lines) + "\n"


def _attachments(agreement: Agreement) -> list[Attachment]:
    return list(
        Attachment.objects.active()
        .filter(agreement=agreement)
        .select_related("organisation")
        .order_by("year", "kind", "uploaded_at", "pk")
    )


def _content(agreement: Agreement) -> CaseContent:
    documents = _documents(agreement)
    attachments = _attachments(agreement)
    return CaseContent(
        documents=[
            (d, f"representations/rep1/data/{n:02d}-{_safe(d.filename)}")
            for n, d in enumerate(documents, start=1)
        ],
        attachments=[
            (a, f"representations/rep1/data/bilagor/{n:02d}-{_safe(a.name)}")
            for n, a in enumerate(attachments, start=1)
        ],
        rounds=list(FollowUpRound.objects.filter(agreement=agreement).select_related("assessment")),
        amendments=amendments_of(agreement),
        chain=agreement_chain(agreement),
    )


def package_files(agreement: Agreement) -> tuple[list[PackageFile], dt.datetime]:
    """Every file of the package but METS.xml, and the package time (from the data)."""
    agreement = _load(agreement.pk)
    content = _content(agreement)
    history = _history_text(agreement)
    times = [
        agreement.updated_at,
        *(d.issued_at for d, _ in content.documents),
        *(a.uploaded_at for a, _ in content.attachments),
    ]
    created = _utc(max(times))
    erms = erms_xml(
        agreement, content, package_id=package_id(agreement), created=created, software=SOFTWARE
    )
    description = json.dumps(descriptive(agreement, content), ensure_ascii=False, indent=2,
                             sort_keys=True)  # fmt: skip
    files = [
        PackageFile(
            "metadata/descriptive/agreement.json",
            description.encode() + b"\n",
            "application/json",
            created,
            "Metadata",
        ),
        PackageFile(ERMS_PATH, erms, "application/xml", created, "Metadata"),
        PackageFile(
            "documentation/change-history.txt",
            history.encode(),
            "text/plain",
            created,
            "Documentation",
        ),
    ]
    files += [
        PackageFile(
            path,
            bytes(d.content),
            "application/pdf",
            _utc(d.issued_at),
            "Representations/rep1/Data",
        )  # fmt: skip
        for d, path in content.documents
    ]
    files += [
        PackageFile(
            path,
            attachment_bytes(a),
            a.content_type,
            _utc(a.uploaded_at),
            "Representations/rep1/Data",
        )  # fmt: skip
        for a, path in content.attachments
    ]
    files += [
        PackageFile(
            f"schemas/{name}", (SCHEMAS / name).read_bytes(), "application/xml", created, "Schemas"
        )
        for name in SCHEMA_FILES
    ]
    return files, created


def _e(parent, tag: str, ns: str = METS_NS, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    return element


def mets_xml(agreement: Agreement, files: list[PackageFile], created: dt.datetime) -> bytes:
    objid = package_id(agreement)
    nsmap = {None: METS_NS, "csip": CSIP_NS, "xlink": XLINK_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{METS_NS}}}mets", nsmap=nsmap)
    root.set("OBJID", objid)
    root.set("LABEL", agreement.title)
    root.set("TYPE", "OTHER")
    root.set(f"{{{CSIP_NS}}}OTHERTYPE", "IOP-överenskommelse")
    root.set(f"{{{CSIP_NS}}}CONTENTINFORMATIONTYPE", "OTHER")
    root.set(f"{{{CSIP_NS}}}OTHERCONTENTINFORMATIONTYPE", "iop-registret")
    root.set("PROFILE", SIP_PROFILE)
    root.set(
        f"{{{XSI_NS}}}schemaLocation",
        f"{METS_NS} schemas/mets.xsd {XLINK_NS} schemas/xlink.xsd "
        f"{CSIP_NS} schemas/DILCISExtensionMETS.xsd",
    )
    header = _e(root, "metsHdr", CREATEDATE=_iso(created), RECORDSTATUS="NEW")
    header.set(f"{{{CSIP_NS}}}OAISPACKAGETYPE", "SIP")
    agent = _e(header, "agent", ROLE="CREATOR", TYPE="OTHER", OTHERTYPE="SOFTWARE")
    _e(agent, "name").text = SOFTWARE[0]
    note = _e(agent, "note")
    note.text = SOFTWARE[1]
    note.set(f"{{{CSIP_NS}}}NOTETYPE", "SOFTWARE VERSION")
    public = next((p for p in agreement.parties.all() if p.role == Sector.PUBLIC), None)
    if public is not None:
        submitter = _e(header, "agent", ROLE="ARCHIVIST", TYPE="ORGANIZATION")
        _e(submitter, "name").text = public.organisation.name
        if public.organisation.organisation_number:
            orgnr = _e(submitter, "note")
            orgnr.text = f"ID:{public.organisation.organisation_number}"
            orgnr.set(f"{{{CSIP_NS}}}NOTETYPE", "IDENTIFICATIONCODE")
    _e(header, "metsDocumentID").text = "METS.xml"

    metadata = [f for f in files if f.group == "Metadata"]
    for item in metadata:
        dmd = _e(
            root, "dmdSec", ID="dmd-" + item.xml_id, CREATED=_iso(item.created), STATUS="CURRENT"
        )
        other = "ERMS" if item.path == ERMS_PATH else "IOP-JSON"
        ref = _e(
            dmd, "mdRef", LOCTYPE="URL", MDTYPE="OTHER", OTHERMDTYPE=other,
            MIMETYPE=item.mimetype, SIZE=str(len(item.content)), CREATED=_iso(item.created),
            CHECKSUM=item.sha256, CHECKSUMTYPE="SHA-256",
        )  # fmt: skip
        ref.set(f"{{{XLINK_NS}}}type", "simple")
        ref.set(f"{{{XLINK_NS}}}href", item.path)

    file_sec = _e(root, "fileSec", ID="ID-filesec")
    groups: dict[str, list[PackageFile]] = {}
    for item in files:
        if item.group != "Metadata":
            groups.setdefault(item.group, []).append(item)
    group_ids = {}
    for use in sorted(groups):
        group_id = "ID-grp-" + hashlib.sha256(use.encode()).hexdigest()[:12]
        group_ids[use] = group_id
        grp = _e(file_sec, "fileGrp", ID=group_id, USE=use)
        for item in sorted(groups[use], key=lambda f: f.path):
            element = _e(
                grp, "file", ID=item.xml_id, MIMETYPE=item.mimetype, SIZE=str(len(item.content)),
                CREATED=_iso(item.created), CHECKSUM=item.sha256, CHECKSUMTYPE="SHA-256",
            )  # fmt: skip
            location = _e(element, "FLocat", LOCTYPE="URL")
            location.set(f"{{{XLINK_NS}}}type", "simple")
            location.set(f"{{{XLINK_NS}}}href", item.path)

    struct = _e(root, "structMap", ID="ID-structmap", TYPE="PHYSICAL", LABEL="CSIP StructMap")
    top = _e(struct, "div", ID="ID-div-root", LABEL=objid)
    _e(
        top,
        "div",
        ID="ID-div-metadata",
        LABEL="Metadata",
        DMDID=" ".join("dmd-" + m.xml_id for m in metadata),
    )
    for use, label in (
        ("Documentation", "Documentation"),
        ("Schemas", "Schemas"),
        ("Representations/rep1/Data", "Representations/rep1"),
    ):
        if use in groups:
            div = _e(top, "div", ID="ID-div-" + _safe(label).lower(), LABEL=label)
            _e(div, "fptr", FILEID=group_ids[use])
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = mets_errors(xml)
    if errors:  # never hand out a package the schema refuses
        raise ValueError("METS.xml följer inte schemat: " + "; ".join(errors[:5]))
    return xml


def _zip(entries: list[tuple[str, bytes]], when: dt.datetime) -> bytes:
    stamp = timezone.localtime(when).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


def is_closed(agreement: Agreement) -> bool:
    return agreement.status.value in CLOSED


def archive_package(agreement: Agreement) -> tuple[str, bytes]:
    """(filename, ZIP bytes) of the SIP."""
    files, created = package_files(agreement)
    objid = package_id(agreement)
    entries = [(f"{objid}/{f.path}", f.content) for f in files]
    entries.append((f"{objid}/METS.xml", mets_xml(agreement, files, created)))
    return f"{objid}-sip.zip", _zip(entries, created)


def auditors_dossier(agreement: Agreement) -> tuple[str, bytes]:
    """(filename, ZIP bytes): everything the package holds, numbered in reading order."""
    files, created = package_files(agreement)
    objid = package_id(agreement)
    by_group = {g: [f for f in files if f.group == g] for g in {f.group for f in files}}
    order = [
        *by_group.get("Metadata", []),
        *sorted(by_group.get("Representations/rep1/Data", []), key=lambda f: f.path),
        *by_group.get("Documentation", []),
    ]
    listing = [
        f"Revisionsunderlag: {agreement.title}",
        f"Paket: {objid}",
        "",
        "Innehåll i läsordning:",
    ]
    entries = []
    for number, item in enumerate(order, start=2):
        name = f"{number:02d}-{item.path.rsplit('/', 1)[-1]}"
        entries.append((f"{objid}-revision/{name}", item.content))
        listing.append(f"{name}  (SHA-256 {item.sha256})")
    entries.append((f"{objid}-revision/01-innehall.txt", ("\n".join(listing) + "\n").encode()))
    return f"{objid}-revision.zip", _zip(entries, created)
