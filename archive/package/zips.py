"""The two ZIP files made of the package: the SIP and the auditors' dossier (reproducible:
sorted entries, a fixed time and mode)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from django.utils import timezone

from partnerships.models import Agreement

from .files import CLOSED, package_files, package_id
from .mets import mets_xml


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
