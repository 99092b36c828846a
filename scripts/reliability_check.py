"""Reliability checks of the IOP register against a throwaway PostgreSQL cluster.

Run through ``scripts/reliability_check`` (see there). Two checks:

``restart``
    The app (gunicorn, one sync worker, on 127.0.0.1) is started against the cluster and
    a signed-in session. The cluster is stopped: ``/healthz`` must answer 503 and a page
    must fail cleanly (500, the Swedish error page, nothing internal). The cluster is
    started again: ``/healthz`` 200 and pages work, without restarting the app. Run with
    ``CONN_MAX_AGE=0`` (the default), with persistent connections and
    ``CONN_HEALTH_CHECKS=True`` (both: no failed request once the database is back), and
    with persistent connections without health checks (at most one failed request per
    worker, the one that finds the dead connection).

``backup``
    Migrate and seed the demo into a database, take row counts, a checksum of every
    table's content and the money totals, ``scripts/backup``, ``scripts/restore`` into a
    fresh empty database, and compare. ``scripts/restore`` must refuse a non-empty one.

The cluster lives in a temporary directory on a free port (from 55432) and is stopped and
removed afterwards, whatever happens.
"""

from __future__ import annotations

import glob
import hashlib
import http.client
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("PYTHON", str(ROOT / ".venv" / "bin" / "python"))
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
SKIP = 77
SECRET_KEY = "reliability-check-" + os.urandom(16).hex()  # one per run: sessions must verify
LEAKS = ("Traceback", "psycopg", "OperationalError", "connection", "5432", 'File "')


def log(message: str) -> None:
    print(f"==> {message}", flush=True)


def pg_bin() -> Path | None:
    if os.environ.get("PG_BIN"):
        path = Path(os.environ["PG_BIN"])
        return path if (path / "initdb").exists() else None
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(candidates[-1]) if candidates and Path(candidates[-1], "initdb").exists() else None


def missing_requirements() -> str | None:
    """Why the checks cannot run here, or None."""
    if pg_bin() is None:
        return "PostgreSQL server binaries not found (set PG_BIN)"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root but runuser is missing (initdb refuses root)"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root but there is no postgres OS user"
    if not Path(GUNICORN).exists():
        return f"gunicorn not found next to {PYTHON}"
    return None


def free_port(start: int) -> int:
    for port in range(start, start + 200):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


class Cluster:
    """A throwaway PostgreSQL cluster: trust authentication, 127.0.0.1 only."""

    def __init__(self) -> None:
        self.bin = pg_bin()
        self.port = free_port(int(os.environ.get("RELIABILITY_PG_PORT", "55432")))
        self.dir = Path(tempfile.mkdtemp(prefix="iop-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.dir, user="postgres", group="postgres")
        self.running = False

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def init(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        self.start()

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.running = True

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        self.running = False

    def destroy(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
            self.running = False
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str, options: str = "") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}{options}"

    def psql(self, database: str, sql: str) -> str:
        result = subprocess.run(
            [str(self.bin / "psql"), self.url(database), "-v", "ON_ERROR_STOP=1", "-tAc", sql],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def createdb(self, name: str) -> None:
        self.psql("postgres", f'create database "{name}"')


def django_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="iop.settings",
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        DATABASE_URL=database_url,
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(database_url: str, *args: str, media_root: Path | None = None) -> str:
    env = django_env(database_url)
    if media_root is not None:
        env["MEDIA_ROOT"] = str(media_root)
        env.pop("IOP_S3_BUCKET", None)
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


SESSION_SNIPPET = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from partnerships.models import Organisation, User
org, _ = Organisation.objects.get_or_create(name="Driftkontroll kommun", sector="public")
user, _ = User.objects.get_or_create(
    username="driftkontroll", defaults={"organisation": org, "role": "administrator"})
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


class App:
    """gunicorn with one sync worker: one process, so 'not restarted' is easy to see."""

    def __init__(self, database_url: str, workdir: Path) -> None:
        self.port = free_port(18400)
        self.log = open(workdir / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "iop.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=django_env(database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("gunicorn exited; see " + self.log.name) from None
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer")

    def get(self, path: str, session: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if session:
            headers["Cookie"] = f"sessionid={session}"
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        return response.status, body

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, ok: bool, what: str) -> None:
        print(f"    {'ok  ' if ok else 'FAIL'} {what}", flush=True)
        if not ok:
            self.failures.append(what)


PAGE = "/overenskommelser/"


def restart_mode(
    cluster: Cluster, checks: Checks, name: str, options: str, max_failed_after_restart: int
) -> None:
    log(f"restart: {name}")
    url = cluster.url("iop_restart", options)
    session = manage(url, "shell", "-c", SESSION_SNIPPET).strip().splitlines()[-1]
    app = App(url, cluster.dir)
    try:
        pid = app.process.pid
        status, body = app.get("/healthz")
        checks.expect(status == 200 and '"database": "up"' in body, f"/healthz 200 up ({status})")
        status, body = app.get(PAGE, session)
        checks.expect(status == 200 and "Överenskommelser" in body, f"{PAGE} 200 ({status})")

        cluster.stop()
        status, body = app.get("/healthz")
        checks.expect(
            status == 503 and '"database": "down"' in body,
            f"database stopped: /healthz 503 ({status})",
        )
        status, body = app.get(PAGE, session)
        checks.expect(status == 500, f"database stopped: {PAGE} 500 ({status})")
        checks.expect("Ett fel uppstod" in body, "database stopped: the Swedish error page")
        leaked = [word for word in LEAKS if word in body]
        checks.expect(not leaked, f"database stopped: nothing internal in the page {leaked}")
        status, _ = app.get("/logga-in/")
        checks.expect(status in (200, 500), f"database stopped: login page {status}, no hang")

        cluster.start()
        failed = 0
        for _ in range(5):
            page_status, _ = app.get(PAGE, session)
            if page_status == 200:
                break
            failed += 1
        status, body = app.get("/healthz")
        checks.expect(status == 200, f"database back: /healthz 200 ({status})")
        checks.expect(page_status == 200, f"database back: {PAGE} 200 ({page_status})")
        checks.expect(
            failed <= max_failed_after_restart,
            f"database back: {failed} failed page request(s) before it worked "
            f"(at most {max_failed_after_restart})",
        )

        # A restart between two requests: a persistent connection is now dead without any
        # request having noticed. Health checks find it before use; without them the
        # first request fails and Django drops the connection.
        cluster.stop()
        cluster.start()
        failed = 0
        for _ in range(5):
            page_status, _ = app.get(PAGE, session)
            if page_status == 200:
                break
            failed += 1
        checks.expect(
            page_status == 200 and failed <= max_failed_after_restart,
            f"restart between requests: {failed} failed page request(s) before it worked "
            f"(at most {max_failed_after_restart})",
        )
        checks.expect(
            app.process.poll() is None and app.process.pid == pid,
            "the app was not restarted (same gunicorn process)",
        )
    finally:
        app.stop()
        if not cluster.running:
            cluster.start()


def check_restart(cluster: Cluster, checks: Checks) -> None:
    cluster.createdb("iop_restart")
    manage(cluster.url("iop_restart"), "migrate", "--no-input", "-v", "0")
    restart_mode(cluster, checks, "CONN_MAX_AGE=0 (default: a connection per request)", "", 0)
    restart_mode(
        cluster,
        checks,
        "CONN_MAX_AGE=60 with CONN_HEALTH_CHECKS=True",
        "?conn_max_age=60&conn_health_checks=True",
        0,
    )
    restart_mode(
        cluster,
        checks,
        "CONN_MAX_AGE=60 without health checks (one request may fail)",
        "?conn_max_age=60",
        1,
    )


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
    subprocess.run(
        [str(ROOT / "scripts" / "backup"), str(dump)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
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
    subprocess.run(
        [str(ROOT / "scripts" / "restore"), str(dump)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
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


def main(argv: list[str]) -> int:
    wanted = argv[1:] or ["restart", "backup"]
    unknown = set(wanted) - {"restart", "backup"}
    if unknown:
        print(f"unknown check(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    reason = missing_requirements()
    if reason:
        print(f"SKIP: {reason}", file=sys.stderr)
        return SKIP
    checks = Checks()
    cluster = Cluster()
    log(
        f"throwaway PostgreSQL {cluster.bin.parent.name} "
        f"on 127.0.0.1:{cluster.port} in {cluster.dir}"
    )
    try:
        cluster.init()
        if "restart" in wanted:
            check_restart(cluster, checks)
        if "backup" in wanted:
            check_backup(cluster, checks)
    except subprocess.CalledProcessError as error:
        checks.failures.append(f"{error.cmd}: {error.stderr or error.stdout}")
        print(f"FAIL: {error.cmd}\n{error.stdout}\n{error.stderr}", file=sys.stderr)
    finally:
        cluster.destroy()
    if checks.failures:
        print(f"FAILED: {len(checks.failures)} check(s)", file=sys.stderr)
        return 1
    log("reliability checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
