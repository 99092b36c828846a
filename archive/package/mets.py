"""METS.xml of the package (E-ARK CSIP 2.1.0): the header, one dmdSec per metadata file,
the fileSec with SHA-256, size and MIME type, the structMap; refused unless the schema
accepts it."""

from __future__ import annotations

import datetime as dt
import hashlib

from lxml import etree

from partnerships.models import Agreement, Sector

from ..erms import ERMS_PATH
from ..validation import mets_errors
from .files import SOFTWARE, PackageFile, _iso, _safe, package_id

METS_NS = "http://www.loc.gov/METS/"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"


def _e(parent, tag: str, ns: str = METS_NS, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _root(agreement: Agreement) -> etree._Element:
    nsmap = {None: METS_NS, "csip": CSIP_NS, "xlink": XLINK_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{METS_NS}}}mets", nsmap=nsmap)
    root.set("OBJID", package_id(agreement))
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
    return root


def _header(root: etree._Element, agreement: Agreement, created: dt.datetime) -> None:
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


def _dmd_secs(root: etree._Element, metadata: list[PackageFile]) -> None:
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


def _file_sec(
    root: etree._Element, files: list[PackageFile]
) -> tuple[dict[str, list[PackageFile]], dict[str, str]]:
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
    return groups, group_ids


def _struct_map(root, objid: str, metadata, groups, group_ids) -> None:
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


def mets_xml(agreement: Agreement, files: list[PackageFile], created: dt.datetime) -> bytes:
    root = _root(agreement)
    _header(root, agreement, created)
    metadata = [f for f in files if f.group == "Metadata"]
    _dmd_secs(root, metadata)
    groups, group_ids = _file_sec(root, files)
    _struct_map(root, package_id(agreement), metadata, groups, group_ids)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = mets_errors(xml)
    if errors:  # never hand out a package the schema refuses
        raise ValueError("METS.xml följer inte schemat: " + "; ".join(errors[:5]))
    return xml
