"""Validate a package's METS.xml against the shipped METS 1.12 schema and the E-ARK CSIP
extension schema, and its case metadata against the E-ARK CITS ERMS 3.0 schema
(``archive/schemas``, see its README), offline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
LOCAL = {
    "http://www.loc.gov/standards/xlink/xlink.xsd": SCHEMAS / "xlink.xsd",
    "http://www.w3.org/1999/xlink.xsd": SCHEMAS / "xlink.xsd",
}
SCHEMA_FILES = ["DILCISExtensionMETS.xsd", "ERMS_v3.xsd", "mets.xsd", "xlink.xsd"]


class _LocalSchemas(etree.Resolver):
    def resolve(self, url, pubid, context):
        path = LOCAL.get(url)
        if path is None and url and not url.startswith(("http:", "https:")):
            path = SCHEMAS / Path(url).name
        if path is None:
            raise OSError(f"schema {url} is not shipped (no network)")
        return self.resolve_filename(str(path), context)


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_LocalSchemas())
    return parser


_WRAPPER = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:iop:wrapper">
  <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="mets.xsd"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
             schemaLocation="DILCISExtensionMETS.xsd"/>
</xs:schema>"""


@lru_cache(maxsize=1)
def mets_schema() -> etree.XMLSchema:
    """METS and the CSIP extension in one schema (a wrapper importing both)."""
    wrapper = etree.fromstring(_WRAPPER, _parser(), base_url=str(SCHEMAS / "wrapper.xsd"))
    return etree.XMLSchema(wrapper)


def _errors(schema: etree.XMLSchema, xml: bytes) -> list[str]:
    """The schema's errors in the document, "line: message" (none: valid)."""
    document = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(document):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]


def mets_errors(xml: bytes) -> list[str]:
    return _errors(mets_schema(), xml)


@lru_cache(maxsize=1)
def erms_schema() -> etree.XMLSchema:
    """E-ARK CITS ERMS 3.0 (the schema imports nothing)."""
    path = SCHEMAS / "ERMS_v3.xsd"
    return etree.XMLSchema(etree.parse(str(path), _parser()))


def erms_errors(xml: bytes) -> list[str]:
    return _errors(erms_schema(), xml)
