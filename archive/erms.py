"""The case metadata of an archive package: E-ARK CITS ERMS 3.0 (``ERMS_v3.xsd``, shipped in
``archive/schemas``), which Riksarkivet's FGS Ärendehantering 2.0 applies.

The agreement is one case (``aggregation`` of type ``caseFile``) with its records: every
issued document (outgoing, PDF/A, versions related by ``replaces``) and every attachment the
parties handed in (incoming). Its renewal chain becomes ``relation`` elements, its
follow-up rounds and amendments ``action`` elements, the parties and signatories
``agent`` elements. A record's ``objectId`` is the case's identifier and its running
number (``SOCN 2024-0012-01``; attachments ``-B01``); its ``appendix`` path is relative
to the package root, as the paths in METS.xml are. Every value comes from the data (no
clock, sorted), so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from attachments.models import Attachment
from documents.models import IssuedDocument
from followups.models import FollowUpRound
from partnerships.models import Agreement, Sector

from .validation import erms_errors

ERMS_NS = "https://DILCIS.eu/XML/ERMS"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ERMS_PATH = "metadata/descriptive/erms.xml"


@dataclass(frozen=True)
class CaseContent:
    """What the case holds, with each file's path inside the package."""

    documents: list[tuple[IssuedDocument, str]]
    attachments: list[tuple[Attachment, str]]
    rounds: list[FollowUpRound]
    amendments: list
    chain: list[Agreement]


def amendments_of(agreement: Agreement) -> list:
    """The agreement's amendments (``partnerships.Amendment``), in decision order."""
    manager = getattr(agreement, "amendments", None)
    if manager is None:  # the register before amendments existed
        return []
    return list(manager.order_by("decided_on", "pk"))


def _e(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ERMS_NS}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _datetime(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{value.isoformat()}T00:00:00"


def _dates(parent, *pairs: tuple[str, dt.date | dt.datetime | None]) -> None:
    pairs = tuple((kind, value) for kind, value in pairs if value is not None)
    if pairs:
        dates = _e(parent, "dates")
        for kind, value in pairs:
            _e(dates, "date", _datetime(value), dateType=kind)


def case_id(agreement: Agreement) -> str:
    """The case's identifier: its registry number (diarienummer), else the register's."""
    return agreement.registry_number or f"IOP-{agreement.pk}"


def _public_party(agreement: Agreement):
    return next((p for p in agreement.parties.all() if p.role == Sector.PUBLIC), None)


def _control(root, agreement: Agreement, package_id: str, created: dt.datetime, software):
    control = _e(root, "control")
    _e(control, "identification", package_id, identificationType="package_id")
    maintenance = _e(control, "maintenanceInformation")
    _e(maintenance, "maintenanceStatus", value="new")
    agency = _e(maintenance, "maintenanceAgency")
    public = _public_party(agreement)
    if public is not None and public.organisation.organisation_number:
        _e(
            agency,
            "agencyCode",
            public.organisation.organisation_number,
            type="organisationsnummer",
        )
    _e(agency, "agencyName", public.organisation.name if public else software[0])
    history = _e(maintenance, "maintenanceHistory")
    event = _e(history, "maintenanceEvent")
    _e(event, "eventType", value="created")
    _e(event, "eventDateTime", _datetime(created))
    agent = _e(event, "agent", agentType="creator")
    _e(agent, "name", f"{software[0]} {software[1]}")


def _agents(parent, agreement: Agreement) -> None:
    agents = _e(parent, "agents")
    for party in agreement.parties.all():
        public = party.role == Sector.PUBLIC
        agent = _e(agents, "agent", agentType="owner" if public else "counterpart")
        _e(agent, "name", party.organisation.name)
        if party.organisation.organisation_number:
            _e(agent, "idNumber", party.organisation.organisation_number, idNumberType="orgnr")
        _e(agent, "role", "Offentlig part" if public else "Idéburen part")
    for party in agreement.parties.all():
        for signatory in party.signatories.all():
            agent = _e(agents, "agent", agentType="main_signatory")
            _e(agent, "name", signatory.name)
            _e(agent, "organisation", party.organisation.name)
            if signatory.title:
                _e(agent, "role", signatory.title)


def _relations(parent, agreement: Agreement, chain: list[Agreement]) -> None:
    position = next(i for i, a in enumerate(chain) if a.pk == agreement.pk)
    for earlier in chain[:position]:
        _e(parent, "relation", case_id(earlier), relationType="replaces")
    for later in chain[position + 1 :]:
        _e(parent, "relation", case_id(later), relationType="is_replaced_with")


def _actions(parent, content: CaseContent) -> None:
    for round in sorted(content.rounds, key=lambda r: (r.period_start, r.pk)):
        action = _e(parent, "action")
        _e(
            action,
            "actionText",
            f"Uppföljning {round.period_start.isoformat()}–{round.period_end.isoformat()}: "
            f"{round.get_status_display()}",
        )
        _e(action, "actionType", "uppföljning")
        due = _e(_e(action, "dates"), "actionDate", _datetime(round.due_date), dateType="other")
        due.set("otherDateType", "sista_dag")
    for amendment in content.amendments:
        action = _e(parent, "action")
        text = amendment.title
        if amendment.registry_number:
            text += f" ({amendment.registry_number})"
        if getattr(amendment, "paragraph", ""):
            text += f", {amendment.paragraph}"
        _e(action, "actionText", text)
        if getattr(amendment, "description", ""):
            _e(action, "actionMotivation", amendment.description)
        _e(action, "actionType", "ändring")
        _e(_e(action, "dates"), "actionDate", _datetime(amendment.decided_on), dateType="decision")


def _record(parent, identifier, kind, object_id, title, status, direction, replaces=None):
    """A record's head, in the schema's order: ids, title, status, what it replaces (an
    earlier version's objectId), direction."""
    record = _e(
        parent, "record", systemIdentifier=identifier, recordType=kind,
        recordPhysicalOrDigital="digital",
    )  # fmt: skip
    _e(record, "objectId", object_id)
    _e(record, "title", title)
    _e(record, "status", value=status)
    if replaces is not None:
        _e(record, "relation", replaces, relationType="replaces")
    _e(record, "direction", directionDefinition=direction)
    return record


def _record_document(parent, case: str, number: int, document: IssuedDocument, path, previous):
    record = _record(
        parent, f"document-{document.pk}", document.kind, f"{case}-{number:02d}",
        f"{document.title}, version {document.version}", "expedited", "outgoing", previous,
    )  # fmt: skip
    _dates(record, ("created", document.issued_at), ("expedited", document.issued_at))
    notes = _e(record, "notes")
    _e(notes, "note", document.sha256, noteType="SHA-256")
    info = _e(record, "additionalInformation")
    _e(info, "appendix", name=document.filename, path=path, fileFormat="application/pdf")
    return record.find(f"{{{ERMS_NS}}}objectId").text


def _record_attachment(parent, case: str, number: int, attachment: Attachment, path) -> None:
    record = _record(
        parent, f"attachment-{attachment.pk}", attachment.kind, f"{case}-B{number:02d}",
        f"{attachment.get_kind_display()} {attachment.year}", "received", "incoming",
    )  # fmt: skip
    agents = _e(record, "agents")
    sender = _e(agents, "agent", agentType="sender")
    _e(sender, "name", attachment.organisation.name)
    _dates(record, ("received", attachment.uploaded_at))
    notes = _e(record, "notes")
    _e(notes, "note", attachment.sha256, noteType="SHA-256")
    info = _e(record, "additionalInformation")
    _e(info, "appendix", name=attachment.name, path=path, fileFormat=attachment.content_type)


def erms_xml(
    agreement: Agreement,
    content: CaseContent,
    *,
    package_id: str,
    created: dt.datetime,
    software: tuple[str, str],
) -> bytes:
    """The case as ERMS XML, validated against the shipped schema before it is handed out."""
    root = etree.Element(f"{{{ERMS_NS}}}erms", nsmap={None: ERMS_NS, "xsi": XSI_NS})
    root.set(f"{{{XSI_NS}}}schemaLocation", f"{ERMS_NS} ../../schemas/ERMS_v3.xsd")
    _control(root, agreement, package_id, created, software)
    case = _e(
        _e(root, "aggregations"), "aggregation",
        systemIdentifier=f"agreement-{agreement.pk}", aggregationType="caseFile",
    )  # fmt: skip
    _e(case, "objectId", case_id(agreement))
    _e(case, "extraId", package_id, extraIdType="package_id")
    if agreement.board:
        _e(case, "classification", agreement.board.name, classificationCode="nämnd")
    _e(case, "levelName", "ärende")
    _e(case, "title", agreement.title)
    _e(case, "otherTitle", "Idéburet offentligt partnerskap (IOP)", titleType="ärendetyp")
    _e(case, "status", value="closed")
    _relations(case, agreement, content.chain)
    _agents(case, agreement)
    termination = getattr(agreement, "termination", None)
    if agreement.board:
        _e(case, "description", f"Ansvarig nämnd: {agreement.board.name}.")
    _dates(
        case,
        ("start", agreement.period_start),
        ("end", agreement.effective_end),
        ("closed", agreement.effective_end),
    )
    _actions(case, content)
    if termination is not None:
        notes = _e(case, "notes")
        _e(
            notes,
            "note",
            f"Uppsagd av {termination.given_by.name} {termination.notice_date.isoformat()}, "
            f"upphör {termination.end_date.isoformat()}. {termination.reason}".strip(),
            noteType="uppsägning",
        )
    previous: dict[str, str] = {}
    for number, (document, path) in enumerate(content.documents, start=1):
        previous[document.kind] = _record_document(
            case, case_id(agreement), number, document, path, previous.get(document.kind)
        )
    for number, (attachment, path) in enumerate(content.attachments, start=1):
        _record_attachment(case, case_id(agreement), number, attachment, path)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = erms_errors(xml)
    if errors:  # never hand out case metadata the schema refuses
        raise ValueError("erms.xml följer inte schemat: " + "; ".join(errors[:5]))
    return xml
