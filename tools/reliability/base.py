"""The throwaway PostgreSQL cluster, the environment the app runs in, and the tally."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []

    def expect(self, ok: bool, what: str) -> None:
        print(f"    {'ok  ' if ok else 'FAIL'} {what}", flush=True)
        if not ok:
            self.failures.append(what)
