"""Backup and restore of the demo data compare equal (see the package's docstring)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from .base import ROOT, Checks, Cluster, log, manage

MONEY = {
    "compensation base amounts": "select coalesce(sum(base_amount), 0) from finance_compensation",
    "payments": "select coalesce(sum(amount), 0) from finance_payment",
    "decided amounts": "select coalesce(sum(amount), 0) from finance_decidedamount",
    "budget lines": "select coalesce(sum(amount), 0) from finance_budgetline",
    "own contributions": "select coalesce(sum(own_contribution), 0) from finance_partybudget",
    "repayment claims": "select coalesce(sum(amount), 0) from finance_repaymentclaim",
}


def snapshot(cluster: Cluster, database: str) -> dict:
    tables = cluster.psql(
        database, "select tablename from pg_tables where schemaname = 'public' order by 1"
    ).split()
    state: dict = {"money": {}, "rows": {}, "content": {}, "sequences": {}}
    for name, sql in MONEY.items():
        state["money"][name] = int(cluster.psql(database, sql))
    for table in tables:
        state["rows"][table] = int(cluster.psql(database, f'select count(*) from "{table}"'))
        state["content"][table] = cluster.psql(
            database,
            f"select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) "
            f'from "{table}" t',
        )
    for line in cluster.psql(
        database,
        "select sequencename || '=' || coalesce(last_value, 0) from pg_sequences "
        "where schemaname = 'public' order by 1",
    ).split():
        name, value = line.split("=")
        state["sequences"][name] = int(value)
    return state


UPLOAD_SNIPPET = """
from django.core.files.uploadedfile import SimpleUploadedFile
from attachments.services import attachment_upload
from partnerships.models import Party, User
user = User.objects.get(username="iogt")
party = Party.objects.filter(organisation=user.organisation).order_by("-agreement__period_start")[0]
png = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63"
    "f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082"
)
a = attachment_upload(user=user, agreement=party.agreement, organisation=user.organisation,
    kind="annual_accounts", year=party.agreement.period_start.year,
    uploaded=SimpleUploadedFile("arsredovisning.png", png))
print(a.pk, a.sha256)
"""

CHECK_FILES_SNIPPET = """
import hashlib
from attachments.models import Attachment
from attachments.services import attachment_bytes
for a in Attachment.objects.order_by("pk"):
    print(a.pk, a.sha256 == hashlib.sha256(attachment_bytes(a)).hexdigest())
"""


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _script(name: str, dump: Path, env: dict) -> None:
    """Run ``scripts/<name> <dump>`` (backup or restore) as an operator would."""
    subprocess.run(
        [str(ROOT / "scripts" / name), str(dump)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def check_backup(cluster: Cluster, checks: Checks) -> None:
    log("backup and restore of the demo data")
    source = cluster.url("iop_source")
    cluster.createdb("iop_source")
    manage(source, "migrate", "--no-input", "-v", "0")
    manage(source, "seed_demo")
    media_source = cluster.dir / "media-source"
    uploaded = manage(
        source, "shell", "--no-imports", "-c", UPLOAD_SNIPPET, media_root=media_source
    ).split()
    checks.expect(len(uploaded) == 2, f"an attachment uploaded into MEDIA_ROOT {uploaded}")
    before = snapshot(cluster, "iop_source")
    checks.expect(before["money"]["compensation base amounts"] > 0, "the demo has money")
    print("    money totals: " + json.dumps(before["money"], ensure_ascii=False), flush=True)
    print(f"    {len(before['rows'])} tables, {sum(before['rows'].values())} rows", flush=True)

    dump = cluster.dir / "iop.dump"
    tools = {
        "PG_DUMP": str(cluster.bin / "pg_dump"),
        "PG_RESTORE": str(cluster.bin / "pg_restore"),
        "PSQL": str(cluster.bin / "psql"),
    }
    env = dict(os.environ, **tools, DATABASE_URL=source + "?conn_max_age=60")
    env.pop("IOP_S3_BUCKET", None)
    env["MEDIA_ROOT"] = str(media_source)
    _script("backup", dump, env)
    checks.expect(
        dump.exists() and dump.stat().st_size > 0, f"backup written ({dump.stat().st_size} bytes)"
    )
    checks.expect(oct(dump.stat().st_mode & 0o777) == "0o600", "backup readable by its owner only")

    archive = Path(f"{dump}.media.tar.gz")
    checks.expect(archive.exists(), "uploaded files archived beside the dump")
    checks.expect(oct(archive.stat().st_mode & 0o777) == "0o600", "file archive owner-only")

    cluster.createdb("iop_restored")
    env["DATABASE_URL"] = cluster.url("iop_restored")
    media_restored = cluster.dir / "media-restored"
    env["MEDIA_ROOT"] = str(media_restored)
    _script("restore", dump, env)
    checks.expect(
        tree_digest(media_restored) == tree_digest(media_source) != {},
        "uploaded files equal after restore",
    )
    readback = manage(
        cluster.url("iop_restored"),
        "shell",
        "--no-imports",
        "-c",
        CHECK_FILES_SNIPPET,
        media_root=media_restored,
    ).split()
    checks.expect(
        readback == [uploaded[0], "True"], f"restored attachment reads back intact {readback}"
    )
    after = snapshot(cluster, "iop_restored")
    checks.expect(after["money"] == before["money"], "money totals equal after restore")
    checks.expect(after["rows"] == before["rows"], "row counts per table equal after restore")
    differing = [t for t in before["content"] if before["content"][t] != after["content"].get(t)]
    checks.expect(not differing, f"content of every table equal after restore {differing}")
    checks.expect(after["sequences"] == before["sequences"], "sequences equal after restore")
    migrations = manage(cluster.url("iop_restored"), "migrate", "--check", "--plan")
    checks.expect("No planned migration operations" in migrations, "restored database is migrated")

    again = subprocess.run(
        [str(ROOT / "scripts" / "restore"), str(dump)], env=env, capture_output=True, text=True
    )
    checks.expect(
        again.returncode != 0 and "inte tom" in again.stderr,
        "restore refuses a database that is not empty",
    )
    checks.expect(snapshot(cluster, "iop_restored") == after, "refused restore changed nothing")
