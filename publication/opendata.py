"""The open data of a public list: CSV, JSON and DCAT-AP-SE metadata. Pure functions over
the rows of ``selectors.public_agreements``; the schema is ``schema/agreements.schema.json``
and ``docs/open-data.md`` explains every field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from .models import Publication
from .selectors import PublicAgreement

LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_NAME = "CC0 1.0 Universell"
SCHEMA_VERSION = "1.0"

# CSV: one row per agreement, party and year (long form, one value per cell). An agreement
# without a compensation (or with the compensation hidden) has one row per party.
CSV_COLUMNS = [
    ("agreement_id", "overenskommelse_id"),
    ("title", "rubrik"),
    ("registry_number", "diarienummer"),
    ("board", "ansvarig_namnd"),
    ("status", "status"),
    ("period_start", "giltig_fran"),
    ("period_end", "giltig_till"),
    ("party_name", "part"),
    ("party_organisation_number", "part_organisationsnummer"),
    ("party_role", "part_roll"),
    ("year", "ar"),
    ("amount_sek", "ersattning_kr"),
]


def visible_columns(publication: Publication) -> list[tuple[str, str]]:
    hidden = set()
    if not publication.shows("registry_number"):
        hidden.add("registry_number")
    if not publication.shows("board"):
        hidden.add("board")
    if not publication.shows("organisation_number"):
        hidden.add("party_organisation_number")
    if not publication.shows("compensation"):
        hidden |= {"year", "amount_sek"}
    return [column for column in CSV_COLUMNS if column[0] not in hidden]


def csv_table(
    publication: Publication, agreements: list[PublicAgreement]
) -> tuple[list[str], list[list[object]]]:
    columns = visible_columns(publication)
    rows = []
    for agreement in agreements:
        money = {c.party_name: c.amounts for c in agreement.compensation or []}
        for party in agreement.parties:
            base = {
                "agreement_id": agreement.id,
                "title": agreement.title,
                "registry_number": agreement.registry_number,
                "board": agreement.board,
                "status": agreement.status,
                "period_start": agreement.period_start.isoformat(),
                "period_end": agreement.period_end.isoformat(),
                "party_name": party.name,
                "party_organisation_number": party.organisation_number,
                "party_role": party.role,
            }
            years = money.get(party.name) or [None]
            for item in years:
                values = dict(base)
                values["year"] = item.year if item else None
                values["amount_sek"] = item.amount if item else None
                rows.append([values[key] for key, _ in columns])
    return [label for _, label in columns], rows


@dataclass(frozen=True)
class DatasetUrls:
    page: str
    csv: str
    json: str
    dcat: str
    schema: str


def json_document(
    publication: Publication,
    agreements: list[PublicAgreement],
    urls: DatasetUrls,
    modified: dt.datetime | None,
) -> dict:
    body = publication.organisation
    publisher = {"name": body.name}
    if publication.shows("organisation_number"):
        publisher["organisation_number"] = body.organisation_number
    return {
        "schema": urls.schema,
        "schema_version": SCHEMA_VERSION,
        "title": f"Idéburna offentliga partnerskap (IOP), {body.name}",
        "publisher": publisher,
        "license": LICENCE_URL,
        "license_name": LICENCE_NAME,
        "modified": modified.isoformat() if modified else None,
        "source": urls.page,
        "agreements": [_agreement_json(publication, a) for a in agreements],
    }


def _agreement_json(publication: Publication, agreement: PublicAgreement) -> dict:
    data: dict = {
        "id": agreement.id,
        "title": agreement.title,
        "status": agreement.status,
        "period_start": agreement.period_start.isoformat(),
        "period_end": agreement.period_end.isoformat(),
    }
    if agreement.registry_number is not None:
        data["registry_number"] = agreement.registry_number
    if agreement.board is not None:
        data["board"] = agreement.board
    data["parties"] = []
    for party in agreement.parties:
        entry = {"name": party.name, "role": party.role}
        if publication.shows("organisation_number"):
            entry["organisation_number"] = party.organisation_number
        data["parties"].append(entry)
    if agreement.compensation is not None:
        data["compensation"] = []
        for compensation in agreement.compensation:
            entry = {"party_name": compensation.party_name}
            if publication.shows("organisation_number"):
                entry["organisation_number"] = compensation.organisation_number
            entry["yearly_amounts"] = [
                {"year": item.year, "amount_sek": item.amount} for item in compensation.amounts
            ]
            data["compensation"].append(entry)
    return data


# --- DCAT-AP-SE (RDF/XML), as harvested by dataportal.se ---------------------------------

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
THEME_GOVERNMENT = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
LANG_SWEDISH = "http://publications.europa.eu/resource/authority/language/SWE"
FORMAT_CSV = "http://publications.europa.eu/resource/authority/file-type/CSV"
FORMAT_JSON = "http://publications.europa.eu/resource/authority/file-type/JSON"


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent, prefix: str, name: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, _q(prefix, name))
    for key, value in attrs.items():
        pfx, local = key.split("_", 1)
        element.set(_q(pfx, local), value)
    if text is not None:
        element.text = text
    return element


def dcat_rdf(publication: Publication, urls: DatasetUrls, modified: dt.datetime | None) -> bytes:
    """A dcat:Catalog with one dcat:Dataset and its two distributions (CSV and JSON)."""
    for prefix, uri in NS.items():
        ET.register_namespace(prefix, uri)
    body = publication.organisation
    root = ET.Element(_q("rdf", "RDF"))
    catalog = _sub(root, "dcat", "Catalog", rdf_about=urls.dcat)
    _sub(catalog, "dcterms", "title", f"IOP-registret, {body.name}", **{})
    _sub(catalog, "dcterms", "description", f"Öppna data om IOP från {body.name}.")
    _sub(catalog, "dcterms", "publisher", rdf_resource=urls.page + "#utgivare")
    _sub(catalog, "dcterms", "license", rdf_resource=LICENCE_URL)
    _sub(catalog, "dcat", "dataset", rdf_resource=urls.page + "#dataset")

    dataset = _sub(root, "dcat", "Dataset", rdf_about=urls.page + "#dataset")
    _sub(dataset, "dcterms", "title", f"Idéburna offentliga partnerskap (IOP), {body.name}")
    _sub(
        dataset,
        "dcterms",
        "description",
        f"Beslutade överenskommelser om idéburet offentligt partnerskap som {body.name} "
        "har ingått: rubrik, parter med organisationsnummer, period, ansvarig nämnd, "
        "diarienummer och ersättning per part och år.",
    )
    _sub(dataset, "dcterms", "identifier", urls.page)
    _sub(dataset, "dcterms", "publisher", rdf_resource=urls.page + "#utgivare")
    _sub(dataset, "dcat", "theme", rdf_resource=THEME_GOVERNMENT)
    _sub(dataset, "dcterms", "language", rdf_resource=LANG_SWEDISH)
    _sub(dataset, "dcat", "keyword", "IOP")
    _sub(dataset, "dcat", "keyword", "idéburet offentligt partnerskap")
    _sub(dataset, "dcat", "landingPage", rdf_resource=urls.page)
    _sub(dataset, "dcterms", "conformsTo", rdf_resource=urls.schema)
    if modified:
        modified_el = _sub(dataset, "dcterms", "modified", modified.date().isoformat())
        modified_el.set(_q("rdf", "datatype"), "http://www.w3.org/2001/XMLSchema#date")
    contact = _sub(dataset, "dcat", "contactPoint")
    card = _sub(contact, "vcard", "Organization")
    _sub(card, "vcard", "fn", body.name)
    _sub(card, "vcard", "hasURL", rdf_resource=urls.page)
    for url, fmt, media_type, label in (
        (urls.csv, FORMAT_CSV, "text/csv", "CSV"),
        (urls.json, FORMAT_JSON, "application/json", "JSON"),
    ):
        holder = _sub(dataset, "dcat", "distribution")
        dist = _sub(holder, "dcat", "Distribution", rdf_about=url)
        _sub(dist, "dcterms", "title", f"IOP-listan som {label}")
        _sub(dist, "dcat", "accessURL", rdf_resource=url)
        _sub(dist, "dcat", "downloadURL", rdf_resource=url)
        _sub(dist, "dcterms", "format", rdf_resource=fmt)
        _sub(dist, "dcat", "mediaType", media_type)
        _sub(dist, "dcterms", "license", rdf_resource=LICENCE_URL)
        _sub(dist, "dcterms", "conformsTo", rdf_resource=urls.schema)

    agent = _sub(root, "foaf", "Agent", rdf_about=urls.page + "#utgivare")
    _sub(agent, "foaf", "name", body.name)
    _sub(agent, "dcterms", "type", rdf_resource="http://purl.org/adms/publishertype/LocalAuthority")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
